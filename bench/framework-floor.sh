#!/usr/bin/env bash
# Framework floor: what one Payara Micro with this WAR answers per second, and how fast, for requests
# that do (almost) nothing, under the 32 connections of the other benchmarks. No endpoint that does
# real work can beat these figures on the same machine, so they bound what session-loop.sh and
# world-advance.sh can reach:
#   1. GET /health/live                  no token, no database
#   2. GET /api/v1/game/sessions/x       a token checked, rate limit, a 400 problem; no database
#   3. GET /api/v1/game/worlds/{id}      a token checked, rate limit, one primary-key SELECT, JSON
#
# Usage: bench/framework-floor.sh        (see bench/README.md; settings below are environment variables)
# Needs: root or sudo for apt-get (wrk, jq), PostgreSQL on $PGHOST:$PGPORT letting user postgres in.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

# --- Settings ---------------------------------------------------------------------------------------
PORT=${STORYWORLD_BENCH_PORT:-8094}
DURATION=${DURATION:-15}          # seconds of each measured wrk run
WARMUP=${WARMUP:-10}              # seconds of unmeasured wrk on each endpoint first (JIT)
THREADS=${THREADS:-2}             # 2 cores on this machine
CONNECTIONS=${CONNECTIONS:-32}
DB=storyworld_floor
# READY_TIMEOUT, PGHOST, PGPORT, STORYWORLD_WAR, PAYARA_JAR, PAYARA_OPTS and KEEP_TMP: see service.sh.

# shellcheck source=bench/service.sh
source "$here/service.sh"

# wrk's summary of one run as "requests/s p50_ms p99_ms non2xx".
measure() {
    local path=$1 seconds=$2 out="$tmp/wrk.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$tmp/token.lua" \
        "http://127.0.0.1:$PORT$path" >"$out"
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /Requests\/sec/ { rate = $2 } /Non-2xx/ { non2xx = $NF }
        END { printf "%.1f %.2f %.2f %d\n", rate, p50, p99, non2xx }' "$out"
}

need wrk wrk
ensure_service_tools
ensure_war
reset_database
start_payara

token=$(api POST /api/v1/dev/tokens '{"user_id": 7}' | jq -r '.token')
world_id=$(api POST /api/v1/game/worlds '{"name": "floor"}' | jq -r '.id')
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$tmp/token.lua"

declare -a names=("liveness, no token" "token, 400, no database" "token, one SELECT")
declare -a paths=("/health/live" "/api/v1/game/sessions/x" "/api/v1/game/worlds/$world_id")
declare -a results
for i in "${!paths[@]}"; do
    log "${names[i]}: ${WARMUP}s warm-up, then wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s ${paths[i]}"
    measure "${paths[i]}" "$WARMUP" >/dev/null
    results[i]=$(measure "${paths[i]}" "$DURATION")
done
stop_payara

echo
echo "== Framework floor ($CONNECTIONS connections, $THREADS wrk threads, ${DURATION}s each after ${WARMUP}s warm-up${PAYARA_OPTS:+; Payara $PAYARA_OPTS})"
for i in "${!paths[@]}"; do
    read -r rate p50 p99 non2xx <<<"${results[i]}"
    printf '%-26s: %8s requests/s, p50 %6s ms, p99 %7s ms, non-2xx %s  (%s)\n' \
        "${names[i]}" "$rate" "$p50" "$p99" "$non2xx" "${paths[i]}"
done
read -r select_rate _ <<<"${results[2]}"
echo "a loop of 3 requests, none dearer than the SELECT above, runs at most $(awk -v r="$select_rate" 'BEGIN { printf "%.1f", r / 3 }') iterations/s"
echo "machine load at end             : $(uptime)   (2 cores, shared: other work skews every figure)"
