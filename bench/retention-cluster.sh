#!/usr/bin/env bash
# Event retention on three instances: every instance runs the cleanup timer; the advisory lock lets one
# at a time remove events older than storyworld.events.max-age-days. With AGED (200 000) events 40 days
# old in the table and CLIENTS players writing through HAProxy, it shows that the events are removed
# once (storyworld_events_removed_total{reason="age"} summed over the instances equals the rows that
# went), and how the writers' latency moves while the cleanup runs: p50/p99 of the writes (world advance,
# session PATCH, session advance) in the WINDOW seconds before the cleanup against those during it.
# A fresh database storyworld_bench_retention; ports from 8280 (STORYWORLD_BENCH_PORT).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

CLIENTS=${CLIENTS:-32}
AGED=${AGED:-200000}
INTERVAL=${INTERVAL:-150}    # the cleanup timer's period: its first run comes INTERVAL s after a start
WINDOW=${WINDOW:-30}
LB_PORT=${STORYWORLD_BENCH_PORT:-8280}
APP_PORTS=($((LB_PORT + 1)) $((LB_PORT + 2)) $((LB_PORT + 3)))
CLUSTER_DB=${BENCH_DB:-storyworld_bench_retention}
cluster_dir=$(mktemp -d /tmp/storyworld-retention.XXXXXX)
# shellcheck source=scripts/cluster-lib.sh
source "$root/scripts/cluster-lib.sh"
export STORYWORLD_EVENTS_CLEANUP_INTERVAL_SECONDS=$INTERVAL STORYWORLD_EVENTS_KEEP_PER_SESSION=1000000
export STORYWORLD_RATE_LIMIT_WORLD_ADVANCE_PER_MINUTE=100000000 STORYWORLD_RATE_LIMIT_SESSION_PATCH_PER_MINUTE=100000000
export STORYWORLD_RATE_LIMIT_WRITE_PER_MINUTE=100000000 STORYWORLD_RATE_LIMIT_READ_PER_MINUTE=100000000
export STORYWORLD_RATE_LIMIT_WORLD_ADVANCE_BURST=100000000 STORYWORLD_RATE_LIMIT_SESSION_PATCH_BURST=100000000
export STORYWORLD_RATE_LIMIT_WRITE_BURST=100000000 STORYWORLD_RATE_LIMIT_READ_BURST=100000000
PLAYERS=$root/web/src/test/java/dev/storyworld/web/support/PlayerLoad.java
load_pid=""
trap '[ -z "$load_pid" ] || kill "$load_pid" 2>/dev/null || true; cluster_stop; echo "logs: $cluster_dir" >&2' EXIT
trap 'exit 130' INT TERM

removed_by_age() {
    local port total=0 n
    for port in "${APP_PORTS[@]}"; do
        n=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^storyworld_events_removed_total\{.*reason="age"/ { print int($2) }')
        printf '%s ' "${n:-0}"
    done
}
aged_left() { psql_cluster -c "SELECT COUNT(*) FROM game_session_events WHERE ts < now() - interval '30 days'"; }

cluster_ensure_backends
cluster_database true
cluster_settings
say "Starting three instances (${APP_PORTS[*]}) and HAProxy ($LB_PORT), cleanup every ${INTERVAL}s; logs in $cluster_dir"
cluster_start_instances
first_start=$(date +%s)
cluster_start_lb

say "Writers: $CLIENTS players"
LATENCIES="$cluster_dir/latencies.csv" "$JAVA" "$PLAYERS" "http://127.0.0.1:$LB_PORT" "$CLIENTS" "$cluster_dir/stop" \
    "$cluster_dir/report" writers >"$cluster_dir/players.out" 2>&1 &
load_pid=$!
until grep -q running "$cluster_dir/players.out" 2>/dev/null; do sleep 0.5; done

say "Inserting $AGED events 40 days old"
session=$(psql_cluster -c "SELECT MIN(id) FROM game_sessions")
# Versions below the session's first (1): unique per session, as the event log requires, and out of the load's way.
psql_cluster -c "INSERT INTO game_session_events (session_id, action, ts, version)
    SELECT $session, 'aged', now() - interval '40 days' - g * interval '1 ms', -g FROM generate_series(1, $AGED) g"
psql_cluster -c "ANALYZE game_session_events"
before=$(removed_by_age)
inserted_at=$(date +%s%3N)
[ "$(aged_left)" = "$AGED" ] || fail "the cleanup ran before the baseline window; raise INTERVAL"

say "Waiting for the first cleanup (about $((first_start + INTERVAL - $(date +%s))) s), polling the aged rows every 0.2 s"
cleanup_start="" cleanup_end=""
while [ -z "$cleanup_end" ]; do
    left=$(aged_left)
    now=$(date +%s%3N)
    if [ -z "$cleanup_start" ] && [ "$left" -lt "$AGED" ]; then cleanup_start=$now; fi
    if [ "$left" = 0 ]; then cleanup_end=$now; fi
    [ $(( (now - inserted_at) / 1000 )) -lt $((INTERVAL + 120)) ] || fail "the aged events were not removed (left: $left)"
    sleep 0.2
done
# The cleanup's own span, from the line of the instance that ran it ("... in N ms", [timeMillis: end]):
# a poll of the table sees it only at the poll's pace, slow on a loaded machine.
cleaned=$(grep -h "Event cleanup removed [1-9]" "$cluster_dir"/app*.log | tail -n 1)
if [[ $cleaned =~ timeMillis:\ ([0-9]+).*\ in\ ([0-9]+)\ ms ]]; then
    cleanup_end=${BASH_REMATCH[1]}
    cleanup_start=$((cleanup_end - BASH_REMATCH[2]))
fi
sleep 5
touch "$cluster_dir/stop"
wait "$load_pid" || true
load_pid=""
after=$(removed_by_age)

read -r -a b <<<"$before"
read -r -a a <<<"$after"
sum=0
for i in 0 1 2; do sum=$((sum + a[i] - b[i])); done
[ $((cleanup_start - WINDOW * 1000 - 2000)) -gt "$inserted_at" ] || say "the baseline window overlaps the insert; raise INTERVAL"

# p50 and p99 (ms) of the writes answered in [from, to) epoch ms.
percentiles() {
    awk -F, -v from="$1" -v to="$2" '$1 >= from && $1 < to && $2 ~ /advance|PATCH/ && $3 == 200 { print $4 / 1000 }' \
        "$cluster_dir/latencies.csv" | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "no writes"; exit }
            printf "%d writes, p50 %.1f ms, p99 %.1f ms, max %.1f ms", NR, v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], v[NR] }'
}
echo
echo "### Event retention on three instances ($CLIENTS writers, $(date -u +%F))"
echo
echo "| what | figure |"
echo "| --- | --- |"
echo "| aged events inserted | $AGED |"
echo "| cleanup took (the instance's own timing) | $(( cleanup_end - cleanup_start )) ms |"
echo "| storyworld_events_removed_total{reason=\"age\"} per instance, before -> after | ${before}-> ${after}|"
echo "| removed, summed over the instances | $sum ($( [ "$sum" = "$AGED" ] && echo "= rows removed: OK" || echo "MISMATCH with $AGED")) |"
echo "| writes in the ${WINDOW} s before the cleanup | $(percentiles $((cleanup_start - WINDOW * 1000 - 1000)) $((cleanup_start - 1000))) |"
echo "| writes during the cleanup | $(percentiles "$cleanup_start" "$((cleanup_end + 1))") |"
echo "| player checks | $(grep -E '^exactly-once' "$cluster_dir/report"), $(grep '^failed answers' "$cluster_dir/report") |"
echo
echo "machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$sum" = "$AGED" ]
