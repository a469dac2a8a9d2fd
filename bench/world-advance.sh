#!/usr/bin/env bash
# World-advance benchmark: how many POST /api/v1/game/worlds/{id}/advance per second the service
# accepts on one world under 32 concurrent clients, whether any of them got lost (world_time must move
# by exactly accepted x delta), and how that compares with PostgreSQL doing the same statements
# directly through pgbench (the ceiling: one row, so every advance serialises on its row lock).
#
# Usage: bench/world-advance.sh        (see bench/README.md; settings below are environment variables)
# Needs: root or sudo for apt-get (wrk, jq), PostgreSQL on $PGHOST:$PGPORT letting user postgres in.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

# --- Settings ---------------------------------------------------------------------------------------
PORT=${STORYWORLD_BENCH_PORT:-8090}
DURATION=${DURATION:-15}          # seconds of each measured run (wrk and each pgbench)
WARMUP=${WARMUP:-120}             # seconds of wrk before the measured run (JIT, pools, caches)
DRAIN=${DRAIN:-2}                 # last seconds of each wrk run that send no advance (see advance.lua)
THREADS=${THREADS:-2}             # 2 cores on this machine
CONNECTIONS=${CONNECTIONS:-32}
DELTA=${DELTA:-1}                 # keep it an integer: sums of doubles are exact only for integers
OWNER_ID=${OWNER_ID:-42}
DB=storyworld_bench
# READY_TIMEOUT, PGHOST, PGPORT, STORYWORLD_WAR, PAYARA_JAR and KEEP_TMP (true keeps the temp dir:
# Payara log, wrk and pgbench outputs): see service.sh.

# shellcheck source=bench/service.sh
source "$here/service.sh"

# --- Tools ------------------------------------------------------------------------------------------

ensure_tools() {
    ensure_service_tools
    need wrk wrk
    need pgbench postgresql-client
}

# --- API --------------------------------------------------------------------------------------------

world_time() { api GET "/api/v1/game/worlds/$world_id" | jq -r '.world_time'; }

# world_time once it has stopped moving: an advance that wrk abandoned at its stop may still commit
# a moment later, and must not fall between two readings that are compared.
settled_world_time() {
    local previous current i
    previous=$(world_time)
    for i in $(seq 1 30); do
        sleep 1
        current=$(world_time)
        [ "$current" = "$previous" ] && break
        previous=$current
    done
    echo "$current"
}

# --- wrk --------------------------------------------------------------------------------------------

field() { sed -n "s/^BENCH $1=//p" "$2"; }   # a key=value line printed by advance.lua's done()

# run_wrk SECONDS OUTPUT: advances for SECONDS - DRAIN, then the drain: no new advance, so every
# advance sent is answered before wrk stops (see advance.lua).
run_wrk() {
    local seconds=$1 out=$2
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$here/advance.lua" \
        "http://127.0.0.1:$PORT" -- "$world_id" "$token" "$DELTA" "$((seconds - DRAIN))" | tee "$out"
}

# --- pgbench ----------------------------------------------------------------------------------------

# run_pgbench SCRIPT: prints the tps of SCRIPT on the benchmarked world; the full output goes to stderr.
run_pgbench() {
    local script=$1 out="$tmp/pgbench-$(basename "$1" .pgbench).txt"
    # The service's run left dead row versions of the one row behind; vacuum so each pgbench starts
    # from a clean table as the service did.
    psql_bench -c "VACUUM game_world_states" >/dev/null
    local before after
    before=$(psql_bench -c "SELECT world_time FROM game_world_states WHERE world_id = $world_id")
    # -M prepared: the ceiling of the database (the service sends unnamed extended-protocol statements).
    PGPASSWORD=$DB_PASSWORD pgbench -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -n -M prepared \
        -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
        -D world_id="$world_id" -D owner_id="$OWNER_ID" -D delta="$DELTA" -f "$script" "$DB" >"$out" 2>&1 \
        || { cat "$out" >&2; die "pgbench failed on $script"; }
    after=$(psql_bench -c "SELECT world_time FROM game_world_states WHERE world_id = $world_id")
    cat "$out" >&2
    local processed
    processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
    echo "   (world_time moved $(jq -n "$after - $before") for $processed transactions)" >&2
    sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -n 1
}

# --- Main -------------------------------------------------------------------------------------------

load_before=$(load_now)

[ "$DURATION" -gt "$DRAIN" ] && [ "$WARMUP" -gt "$DRAIN" ] || die "DURATION and WARMUP must exceed DRAIN ($DRAIN s)"
[ "$DRAIN" -lt 10 ] || die "DRAIN must stay below wrk's --timeout of 10 s (see advance.lua)"

ensure_tools
ensure_war
reset_database
start_payara

token=""
token=$(api POST /api/v1/dev/tokens "{\"user_id\": $OWNER_ID}" | jq -r '.token')
world_id=$(api POST /api/v1/game/worlds '{"name":"bench"}' | jq -r '.id')
[ -n "$world_id" ] && [ "$world_id" != null ] || die "could not create a world"
echo "world $world_id of user $OWNER_ID"

log "Warm-up: ${WARMUP}s of wrk"
run_wrk "$WARMUP" "$tmp/wrk-warmup.txt" >/dev/null
echo "warm-up: $(field advances_ok "$tmp/wrk-warmup.txt") advances accepted, $(field non2xx "$tmp/wrk-warmup.txt") non-2xx"

time_before=$(settled_world_time)
log "Measured: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (advances for $((DURATION - DRAIN))s, then ${DRAIN}s without new ones)"
server_ticks=$(payara_ticks)
database_before=$(database_ticks)
profile_start
run_wrk "$DURATION" "$tmp/wrk.txt"
server_ticks=$(($(payara_ticks) - server_ticks))
database_ticks=$(($(database_ticks) - database_before))
profile_stop
time_after=$(settled_world_time)

advances_sent=$(field advances_sent "$tmp/wrk.txt")
advances_ok=$(field advances_ok "$tmp/wrk.txt")
other_2xx=$(field advances_other_2xx "$tmp/wrk.txt")
non2xx=$(field non2xx "$tmp/wrk.txt")
non2xx_by_status=$(field non2xx_by_status "$tmp/wrk.txt")
socket_errors=$(field socket_errors "$tmp/wrk.txt")
accepted=$((advances_ok + other_2xx))
service_rate=$(awk -v n="$advances_ok" -v s="$((DURATION - DRAIN))" 'BEGIN { printf "%.1f", n / s }')

# Lost-update check: every accepted advance must be in world_time, and nothing more.
#   OK        moved == accepted x delta
#   LOST      moved <  accepted x delta: some advance answered 2xx is not in world_time
#   INEXACT   moved >  accepted x delta, by no more than the advances that got no reply (socket
#             errors, or still in flight at wrk's stop: replies slower than DRAIN s); raise DRAIN
#   MISMATCH  moved >  accepted x delta beyond that: advances committed although answered non-2xx
unanswered=$((advances_sent - accepted - non2xx))
moved=$(jq -n "$time_after - $time_before")
expected=$(jq -n "$accepted * $DELTA")
if [ "$(jq -n "$moved == $expected")" = true ]; then
    lost_check=OK
elif [ "$(jq -n "$moved < $expected")" = true ]; then
    lost_check=LOST
elif [ "$(jq -n "$moved <= $expected + $unanswered * $DELTA")" = true ]; then
    lost_check=INEXACT
else
    lost_check=MISMATCH
fi

log "Stopping Payara Micro so pgbench has both cores"
stop_payara
check_server_log

log "pgbench: the UPDATE alone (bench/advance.pgbench)"
pgbench_tps=$(run_pgbench "$here/advance.pgbench")
log "pgbench: UPDATE + SELECT join in one transaction, as the service (bench/advance-read.pgbench)"
pgbench_read_tps=$(run_pgbench "$here/advance-read.pgbench")

ratio=$(awk -v a="$service_rate" -v b="$pgbench_tps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
ratio_read=$(awk -v a="$service_rate" -v b="$pgbench_read_tps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')

cat <<EOF

== Summary (one world, $CONNECTIONS connections, $THREADS threads, ${DURATION}s runs)
service advances/s             : $service_rate  ($advances_ok accepted with 200 in $((DURATION - DRAIN))s; p50 $(field latency_p50_ms "$tmp/wrk.txt") ms, p99 $(field latency_p99_ms "$tmp/wrk.txt") ms)
CPU per advance                : Payara $(cpu_us "$server_ticks" "$advances_ok") us, its database backends $(cpu_us "$database_ticks" "$advances_ok") us
non-2xx replies                : $non2xx ($non2xx_by_status); other 2xx: $other_2xx; socket errors: $socket_errors ($(field socket_errors_detail "$tmp/wrk.txt"))
pgbench tps, UPDATE alone      : $pgbench_tps
pgbench tps, UPDATE + SELECT   : $pgbench_read_tps
ratio service / pgbench        : $ratio   (goal >= 0.6)
ratio service / pgbench U+S    : $ratio_read
lost-update check              : $lost_check  (world_time moved $moved, accepted x delta = $expected, unanswered advances: $unanswered)
server log under load          : $severe_lines SEVERE, $warning_lines WARNING lines
machine load (1/5/15 min)      : $load_before before, $(load_now) at the end  (2 cores: other work on the machine skews every figure)
EOF

[ "$lost_check" = OK ] || exit 1
