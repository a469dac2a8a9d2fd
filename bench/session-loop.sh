#!/usr/bin/env bash
# Session-loop benchmark: players looping over 1 000 sessions, each iteration on a session being
# GET, PATCH relationships (with expected_version), POST advance; iterations and requests per second
# under 32 connections, latency per request and per iteration, the status of every reply, a check
# that every accepted change is in the database exactly once, and the same statements run directly
# by pgbench as the ceiling.
#
# Usage: bench/session-loop.sh        (see bench/README.md; settings below are environment variables)
# Needs: root or sudo for apt-get (wrk, jq), PostgreSQL on $PGHOST:$PGPORT letting user postgres in.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

# --- Settings ---------------------------------------------------------------------------------------
PORT=${STORYWORLD_BENCH_PORT:-8092}
DURATION=${DURATION:-20}          # seconds of load of the measured wrk run, and of each pgbench run
WARMUP=${WARMUP:-240}             # seconds of load before it (JIT, pools, caches; see bench/README.md)
DRAIN=${DRAIN:-3}                 # wrk runs this much longer than its load: the last iterations finish
CONNECTIONS=${CONNECTIONS:-32}    # also the number of users (one user, one wrk thread per connection)
SESSIONS=${SESSIONS:-1000}
USER_BASE=${USER_BASE:-1001}      # users USER_BASE .. USER_BASE + CONNECTIONS - 1
PGBENCH_THREADS=${PGBENCH_THREADS:-2}
PGBENCH_MODES=${PGBENCH_MODES:-prepared extended}   # the first one is the headline ratio
DB=${BENCH_DB:-storyworld_bench5}
KEEP_EVENTS=1000                  # the service's default storyworld.events.keep-per-session
# READY_TIMEOUT, PGHOST, PGPORT, STORYWORLD_WAR, PAYARA_JAR and KEEP_TMP (true keeps the temp dir:
# Payara log, wrk and pgbench outputs): see service.sh.

# shellcheck source=bench/service.sh
source "$here/service.sh"
trap '[ $? = 0 ] || keep_tmp=true; cleanup' EXIT     # as service.sh's, and a failed run keeps its Payara log

# --- Tools ------------------------------------------------------------------------------------------

ensure_tools() {
    ensure_service_tools
    need wrk wrk
    need pgbench postgresql-client
}

# shellcheck source=bench/session-setup.sh
source "$here/session-setup.sh"

# Sum of versions and number of events: what the consistency check compares.
db_totals() { psql_bench -F ' ' -c "SELECT (SELECT sum(version) FROM game_sessions), (SELECT count(*) FROM game_session_events)"; }

# CPU seconds the Payara process has used so far (user + system), from /proc.
# --- wrk --------------------------------------------------------------------------------------------

field() { sed -n "s/^BENCH $1=//p" "$2"; }   # a key=value line printed by session-loop.lua's done()

# run_wrk LOAD_SECONDS OUTPUT: iterations start for LOAD_SECONDS; wrk runs DRAIN s longer, so the
# iterations in progress finish and every request sent is answered and counted.
run_wrk() {
    local seconds=$1 out=$2
    wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$((seconds + DRAIN))s" --timeout 10s --latency \
        -s "$here/session-loop.lua" "http://127.0.0.1:$PORT" -- \
        "$tmp/tokens" "$first_sid" "$SESSIONS" "$node_a:$edge_ab,$node_b:$edge_ba" "$seconds" >"$out"
}

# --- pgbench ----------------------------------------------------------------------------------------

# run_pgbench MODE: prints "tps p50_ms p99_ms" of one iteration; the full output goes to stderr.
run_pgbench() {
    local mode=$1 out="$tmp/pgbench-$1.txt"
    # Start from a table as clean as the service had (vacuumed, fresh statistics).
    psql_bench -c "VACUUM ANALYZE game_sessions" -c "VACUUM ANALYZE game_session_events" >/dev/null
    PGPASSWORD=$DB_PASSWORD pgbench -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -n -M "$mode" \
        -c "$CONNECTIONS" -j "$PGBENCH_THREADS" -T "$DURATION" \
        -D first_sid="$first_sid" -D sessions="$SESSIONS" -D user_base="$USER_BASE" -D users="$CONNECTIONS" \
        -D node_a="$node_a" -D node_b="$node_b" -D edge_ab="$edge_ab" -D edge_ba="$edge_ba" -D keep="$KEEP_EVENTS" \
        --log --log-prefix="$tmp/pgbench-$mode-log" -f "$here/session-loop.pgbench" "$DB" >"$out" 2>&1 \
        || { cat "$out" >&2; die "pgbench failed (-M $mode)"; }
    grep -q 'aborted' "$out" && { cat "$out" >&2; die "a pgbench client aborted (-M $mode)"; }
    cat "$out" >&2
    local tps percentiles
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -n 1 | awk '{ printf "%.1f", $1 }')
    # Per-transaction log lines: client, transaction, latency in µs, ...
    percentiles=$(cat "$tmp/pgbench-$mode-log".* | awk '{ print $3 }' | sort -n | awk '
        { v[NR] = $1 }
        END { if (NR == 0) { print "0 0"; exit }
              p50 = int(0.50 * NR); if (p50 < 0.50 * NR) p50++
              p99 = int(0.99 * NR); if (p99 < 0.99 * NR) p99++
              printf "%.2f %.2f", v[p50] / 1000, v[p99] / 1000 }')
    echo "$tps $percentiles"
}

# --- Main -------------------------------------------------------------------------------------------

uptime_before=$(uptime)
echo "machine load at start: $uptime_before"

[ "$DRAIN" -lt 10 ] || die "DRAIN must stay below wrk's --timeout of 10 s (a waiting connection counts as a timeout after it)"
[ "$SESSIONS" -ge "$CONNECTIONS" ] || die "need at least one session per connection"

ensure_tools
ensure_war
reset_database
start_payara

setup_sessions
read -r versions_at_start events_at_start <<<"$(db_totals)"

log "Warm-up: ${WARMUP}s of wrk"
run_wrk "$WARMUP" "$tmp/wrk-warmup.txt"
echo "warm-up: $(field iterations "$tmp/wrk-warmup.txt") iterations, statuses $(field statuses "$tmp/wrk-warmup.txt")"

log "Measured: wrk -t$CONNECTIONS -c$CONNECTIONS, ${DURATION}s of iterations then up to ${DRAIN}s to finish them"
server_ticks=$(payara_ticks)
database_before=$(database_ticks)
profile_start
run_wrk "$DURATION" "$tmp/wrk.txt"
server_ticks=$(($(payara_ticks) - server_ticks))
database_ticks=$(($(database_ticks) - database_before))
profile_stop
sed '/^BENCH /d' "$tmp/wrk.txt"
w() { field "$1" "$tmp/wrk.txt"; }

# Consistency: every 200 that bumped a version is in the sessions, and its event in the log, once.
sleep 1
read -r versions_at_end events_at_end <<<"$(db_totals)"
bumps=$(($(field version_bumps "$tmp/wrk-warmup.txt") + $(w version_bumps)))
events_expected=$(($(field events_expected "$tmp/wrk-warmup.txt") + $(w events_expected)))
unanswered=$(($(field unanswered "$tmp/wrk-warmup.txt") + $(w unanswered)))
socket_errors=$(($(field socket_errors "$tmp/wrk-warmup.txt") + $(w socket_errors)))
versions_moved=$((versions_at_end - versions_at_start))
events_added=$((events_at_end - events_at_start))
if [ "$versions_moved" = "$bumps" ] && [ "$events_added" = "$events_expected" ]; then
    consistency=OK
elif [ "$((unanswered + socket_errors))" -gt 0 ]; then
    consistency=INEXACT    # some request got no reply: it may have committed unseen
else
    consistency=MISMATCH
fi

log "Stopping Payara Micro so pgbench has both cores"
stop_payara
check_server_log

declare -A pg_tps pg_p50 pg_p99
for mode in $PGBENCH_MODES; do
    log "pgbench -M $mode: one iteration per transaction (bench/session-loop.pgbench)"
    read -r pg_tps[$mode] pg_p50[$mode] pg_p99[$mode] <<<"$(run_pgbench "$mode")"
done
headline=${PGBENCH_MODES%% *}

service_rate=$(w iterations_per_s)
ratio() { awk -v a="$service_rate" -v b="$1" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
non2xx=$(w non2xx)
failed=$(w failed_iterations)
uptime_after=$(uptime)

{
    echo
    echo "== Summary ($SESSIONS sessions of $CONNECTIONS users, $CONNECTIONS connections, ${DURATION}s measured after ${WARMUP}s warm-up)"
    echo "service iterations/s           : $service_rate  ($(w iterations) iterations in $(w window_s) s; failed iterations: $failed)"
    echo "service requests/s             : $(w requests_per_s)  ($(w requests) requests)"
    echo "CPU per request                : Payara $(cpu_us "$server_ticks" "$(w requests)") us, its database backends $(cpu_us "$database_ticks" "$(w requests)") us  (per iteration: $(cpu_us "$server_ticks" "$(w iterations)") + $(cpu_us "$database_ticks" "$(w iterations)") us; 2 cores give 2 000 000 us per second)"
    for mode in $PGBENCH_MODES; do
        printf '%-31s: %s  (per iteration p50 %s ms, p99 %s ms)\n' "pgbench iterations/s -M $mode" \
            "${pg_tps[$mode]}" "${pg_p50[$mode]}" "${pg_p99[$mode]}"
    done
    echo "ratio service / pgbench        : $(ratio "${pg_tps[$headline]}") against -M $headline   (goal >= 0.5)$(
        for mode in $PGBENCH_MODES; do [ "$mode" = "$headline" ] || printf '; %s against -M %s' "$(ratio "${pg_tps[$mode]}")" "$mode"; done)"
    echo "latency per request, p50 / p99 : all $(w request_p50_ms) / $(w request_p99_ms) ms (goal p99 <= 50 ms); GET $(w get_p50_ms) / $(w get_p99_ms); PATCH $(w patch_p50_ms) / $(w patch_p99_ms); advance $(w advance_p50_ms) / $(w advance_p99_ms)"
    echo "  wrk's own histogram          : p50 $(w wrk_p50_ms) ms, p99 $(w wrk_p99_ms) ms"
    echo "latency per iteration          : p50 $(w iteration_p50_ms) ms, p99 $(w iteration_p99_ms) ms, max $(w iteration_max_ms) ms"
    echo "statuses (type:status=count)   : $(w statuses)"
    echo "non-2xx replies                : $non2xx; socket errors: $(w socket_errors) ($(w socket_errors_detail)); unanswered at wrk's stop: $(w unanswered); connections that never stopped: $(w not_stopped)"
    [ "$non2xx" = 0 ] && [ "$failed" = 0 ] || echo "unexpected replies (first ones) : $(w problems)"
    echo "consistency check              : $consistency  (sum of versions moved $versions_moved, the 200s bumped $bumps; events added $events_added, expected $events_expected; warm-up included)"
    echo "server log under load          : $severe_lines SEVERE, $warning_lines WARNING lines"
    echo "machine load at start          : $uptime_before"
    echo "machine load at end            : $uptime_after"
    echo "                                 (2 cores, shared: other work on the machine skews every figure)"
}

[ "$consistency" = OK ] && [ "$non2xx" = 0 ] && [ "$failed" = 0 ] && [ "$socket_errors" = 0 ] || exit 1
