#!/usr/bin/env bash
# Where one endpoint's CPU time goes: Payara Micro with the WAR (as service.sh starts it, async-profiler
# loaded at its start), WARMUP (120) s of wrk warm-up, then DURATION (20) s of wrk -t2 -c32 recorded,
# summed by layer and by method (bench/profile-summary.py).
#
# Usage: bench/profile-endpoint.sh '/api/v1/game/worlds/{id}'    ({id} becomes a world of the token's user)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
PORT=${STORYWORLD_BENCH_PORT:-8095}
DB=storyworld_profile
ENDPOINT=${1:?usage: bench/profile-endpoint.sh <path>}
WARMUP=${WARMUP:-120}
DURATION=${DURATION:-20}
PROFILE=true

# shellcheck source=bench/service.sh
source "$here/service.sh"

need wrk wrk
ensure_service_tools
ensure_war
reset_database
start_payara
token=$(api POST /api/v1/dev/tokens '{"user_id": 7}' | jq -r '.token')
world_id=$(api POST /api/v1/game/worlds '{"name": "profiled"}' | jq -r '.id')
path=${ENDPOINT//\{id\}/$world_id}
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$tmp/token.lua"

log "Warm-up: $WARMUP s of $path"
wrk -t2 -c32 -d"${WARMUP}s" -s "$tmp/token.lua" "http://127.0.0.1:$PORT$path" >/dev/null
log "Recording: $DURATION s of $path"
profile_start
wrk -t2 -c32 -d"${DURATION}s" -s "$tmp/token.lua" "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec"
profile_stop
