#!/usr/bin/env bash
# Framework floor: what Payara Micro answers per second, and how fast, under the 32 connections of the
# other benchmarks, first for a minimal JAX-RS WAR of its own (bench/floor-war: one application-scoped
# resource returning a constant, built here, never part of the product: the platform floor), then for
# Storyworld's requests that do (almost) nothing, each printed as a ratio to the platform floor:
#   1. GET /health/live                  Payara's own endpoint: no token, no application code
#   2. GET /api/v1/game/worlds           no token: refused with the 401 problem, no work
#   3. GET /api/v1/game/sessions/x       a token checked, rate limit, a 400 problem; no database
#   4. GET /api/v1/game/worlds/{id}      a token checked, rate limit, one primary-key SELECT, JSON
# Both servers run with the same options (PAYARA_OPTS, BENCH_JAVA_OPTS) one after the other.
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
SERVER_WARMUP=${SERVER_WARMUP:-120} # seconds of unmeasured wrk on each server once started, before any endpoint
THREADS=${THREADS:-2}             # 2 cores on this machine
CONNECTIONS=${CONNECTIONS:-32}
DB=storyworld_floor
# READY_TIMEOUT, PGHOST, PGPORT, STORYWORLD_WAR, PAYARA_JAR, PAYARA_OPTS and KEEP_TMP: see service.sh.

# shellcheck source=bench/service.sh
source "$here/service.sh"

# wrk's summary of one run as "requests/s p50_ms p99_ms non2xx payara_cpu_us database_cpu_us", the
# last two being the CPU time per request of the server process and of its database backends.
measure() {
    local path=$1 seconds=$2 out="$tmp/wrk.txt" server_before database_before requests
    server_before=$(payara_ticks)
    database_before=$(database_ticks)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$tmp/token.lua" \
        "http://127.0.0.1:$PORT$path" >"$out"
    requests=$(awk '/requests in/ { print $1 }' "$out")
    awk -v server="$(cpu_us "$(($(payara_ticks) - server_before))" "$requests")" \
        -v database="$(cpu_us "$(($(database_ticks) - database_before))" "$requests")" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /Requests\/sec/ { rate = $2 } /Non-2xx/ { non2xx = $NF }
        END { printf "%.1f %.2f %.2f %d %d %d\n", rate, p50, p99, non2xx, server, database }' "$out"
}

need wrk wrk
ensure_service_tools
ensure_war
floor_war=$("$here/floor-war/build.sh")

# Each endpoint: an unmeasured warm-up (the JIT), then the measured run.
run() {
    local name=$1 path=$2
    log "$name: ${WARMUP}s warm-up, then wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s $path"
    measure "$path" "$WARMUP" >/dev/null
    measure "$path" "$DURATION"
}

# A server's request path is compiled by C2 over minutes on 2 cores: the floor WAR measured after 20 s
# answered 3 500-8 000/s, after 75 s 20 000/s. So each server first gets SERVER_WARMUP seconds of load
# on its JAX-RS path (the floor's resource; Storyworld's GET of a world, which crosses every layer).
warm_server() {
    log "Warming the server up: ${SERVER_WARMUP}s of wrk on $1"
    measure "$1" "$SERVER_WARMUP" >/dev/null
}

printf '' >"$tmp/token.lua"
start_payara "$floor_war"
warm_server /api/v1/floor
floor=$(run "platform floor" /api/v1/floor)
stop_payara

reset_database
start_payara
token=$(api POST /api/v1/dev/tokens '{"user_id": 7}' | jq -r '.token')
world_id=$(api POST /api/v1/game/worlds '{"name": "floor"}' | jq -r '.id')
declare -a names=("liveness (Payara's own)" "no token: 401 problem" "token, 400, no database" "token, one SELECT")
declare -a paths=("/health/live" "/api/v1/game/worlds" "/api/v1/game/sessions/x" "/api/v1/game/worlds/$world_id")
declare -a tokens=(false false true true)
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$tmp/token.lua"
warm_server "/api/v1/game/worlds/$world_id"
declare -a results
for i in "${!paths[@]}"; do
    if [ "${tokens[i]}" = true ]; then
        printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$tmp/token.lua"
    else
        printf '' >"$tmp/token.lua"
    fi
    results[i]=$(run "${names[i]}" "${paths[i]}")
done
stop_payara

echo
echo "== Framework floor ($CONNECTIONS connections, $THREADS wrk threads, each server warmed ${SERVER_WARMUP}s, then ${DURATION}s each after ${WARMUP}s warm-up${PAYARA_OPTS:+; Payara $PAYARA_OPTS})"
read -r floor_rate floor_p50 floor_p99 floor_non2xx floor_cpu _ <<<"$floor"
printf '%-26s: %8s requests/s, p50 %6s ms, p99 %7s ms, non-2xx %s, CPU/request %5s us  (/api/v1/floor, bench/floor-war)\n' \
    "platform floor" "$floor_rate" "$floor_p50" "$floor_p99" "$floor_non2xx" "$floor_cpu"
for i in "${!paths[@]}"; do
    read -r rate p50 p99 non2xx cpu database_cpu <<<"${results[i]}"
    printf '%-26s: %8s requests/s, p50 %6s ms, p99 %7s ms, non-2xx %s, ratio to the floor %s; CPU/request %5s us (floor/this %s) + database %s us  (%s)\n' \
        "${names[i]}" "$rate" "$p50" "$p99" "$non2xx" \
        "$(awk -v r="$rate" -v f="$floor_rate" 'BEGIN { printf "%.2f", r / f }')" "$cpu" \
        "$(awk -v c="$cpu" -v f="$floor_cpu" 'BEGIN { printf "%.2f", (c > 0 ? f / c : 0) }')" "$database_cpu" "${paths[i]}"
done
read -r select_rate _ <<<"${results[3]}"
echo "a loop of 3 requests, none dearer than the SELECT above, runs at most $(awk -v r="$select_rate" 'BEGIN { printf "%.1f", r / 3 }') iterations/s"
echo "goals (issue 14): 401 problem >= 0.60 x floor, GET of a world >= 0.40 x floor"
echo "machine load at end             : $(uptime)   (2 cores, shared: other work skews every figure)"
