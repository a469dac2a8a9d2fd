#!/usr/bin/env bash
# Live updates benchmark (issue #23): two instances on one PostgreSQL. On instance A, STREAMS open session
# streams: A's heap after a full GC and its thread count, before and with them (memory per idle stream, no
# thread per stream). Then RATE changes a second (PATCHes through A) spread over those sessions for
# DURATION seconds: the delivery latency from the change (its updated_at, set before the commit) to the
# client, p50 and p99, on the same instance (A's streams) and on the other (WATCHERS_B streams on B, which
# learns of A's commits through LISTEN/NOTIFY). The driver is bench/live/LiveBench.java (JDK only).
#
# Usage: bench/live.sh             (settings below are environment variables; see bench/README.md)
# Needs: PostgreSQL on $PGHOST:$PGPORT letting user postgres in; jq and curl (installed when missing).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

# --- Settings ---------------------------------------------------------------------------------------
PORT=${STORYWORLD_BENCH_PORT:-8094}   # instance A; B on PORT + 1
STREAMS=${STREAMS:-2000}
WATCHERS_B=${WATCHERS_B:-200}
RATE=${RATE:-200}                     # changes a second, spread over the STREAMS sessions
DURATION=${DURATION:-30}
DB=${BENCH_DB:-storyworld_bench_live}

# shellcheck source=bench/service.sh
source "$here/service.sh"
pid_b=""
stop_b() {
    [ -n "$pid_b" ] || return 0
    kill -TERM "$pid_b" 2>/dev/null || true
    wait "$pid_b" 2>/dev/null || true
}
trap '[ $? = 0 ] || keep_tmp=true; stop_b; cleanup' EXIT

ensure_service_tools
ensure_war
reset_database
# Both instances sign and verify dev tokens with one key; each user may open every stream it needs.
export STORYWORLD_DEV_TOKENS_PRIVATE_KEY_LOCATION="$tmp/dev-tokens.pem"
export STORYWORLD_LIVE_MAX_STREAMS_PER_USER=$((STREAMS + WATCHERS_B))
ulimit -n "$(ulimit -Hn)"
start_payara
pid_a=$payara_pid
token=$(api POST /api/v1/dev/tokens '{"user_id": 7}' | jq -r '.token')
port_a=$PORT
PORT=$((port_a + 1)) INSTANCE=b start_payara
pid_b=$payara_pid
payara_pid=$pid_a
PORT=$port_a

log "Load before the run: $(load_now)"
"$BENCH_JDK/bin/java" "$here/live/LiveBench.java" "http://127.0.0.1:$port_a/" "http://127.0.0.1:$((port_a + 1))/" \
    "$token" "$pid_a" "$BENCH_JDK/bin/jcmd" "$STREAMS" "$WATCHERS_B" "$RATE" "$DURATION" | tee "$tmp/figures.txt"
echo "load average after the run: $(load_now) (shared 2-core machine: other builds run meanwhile)"
echo "runtime: $BENCH_RUNTIME, $("$BENCH_JDK/bin/java" -version 2>&1 | sed -n 2p)"
