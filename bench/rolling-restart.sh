#!/usr/bin/env bash
# A rolling restart and a lost instance under load, through HAProxy (deploy/haproxy/storyworld.cfg):
# three Payara Micro instances on this machine's PostgreSQL (a fresh database storyworld_bench_cluster)
# and Redis, CLIENTS players (bench/../web/src/test/java/.../PlayerLoad.java: GET world, keyed world
# advance, session PATCH with expected_version and If-Match, session advance) and three phases:
#   1. rolling restart: each instance in turn drained in HAProxy, SIGTERM, started again, ready, back;
#   2. the same restart of one instance without telling HAProxy first (SIGTERM alone), LB_FIRST=false
#      for all three in phase 1 instead;
#   3. SIGKILL of one instance, which is then started again.
# For each phase: answers by request and status, connection errors, client retries, HAProxy's
# retries (its log), answers slower than 2 s, the failed requests with the server HAProxy sent them
# to, and the exactly-once and event-log checks. Exits non-zero when a check fails or phase 1 had a failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

CLIENTS=${CLIENTS:-32}
WARMUP=${WARMUP:-60}         # seconds of load before phase 1 (JIT), not counted
SETTLE=${SETTLE:-15}         # seconds of load between and after the restarts
LB_FIRST=${LB_FIRST:-true}
LB_PORT=${STORYWORLD_BENCH_PORT:-8180}
APP_PORTS=($((LB_PORT + 1)) $((LB_PORT + 2)) $((LB_PORT + 3)))
CLUSTER_DB=${BENCH_DB:-storyworld_bench_cluster}
cluster_dir=$(mktemp -d /tmp/storyworld-cluster.XXXXXX)
# shellcheck source=scripts/cluster-lib.sh
source "$root/scripts/cluster-lib.sh"
export STORYWORLD_EVENTS_KEEP_PER_SESSION=1000000
export STORYWORLD_RATE_LIMIT_WORLD_ADVANCE_PER_MINUTE=100000000 STORYWORLD_RATE_LIMIT_SESSION_PATCH_PER_MINUTE=100000000
export STORYWORLD_RATE_LIMIT_WRITE_PER_MINUTE=100000000 STORYWORLD_RATE_LIMIT_READ_PER_MINUTE=100000000
export STORYWORLD_RATE_LIMIT_WORLD_ADVANCE_BURST=100000000 STORYWORLD_RATE_LIMIT_SESSION_PATCH_BURST=100000000
export STORYWORLD_RATE_LIMIT_WRITE_BURST=100000000 STORYWORLD_RATE_LIMIT_READ_BURST=100000000
PLAYERS=$root/web/src/test/java/dev/storyworld/web/support/PlayerLoad.java
trap 'cluster_stop; echo "logs and reports: $cluster_dir" >&2' EXIT
trap 'exit 130' INT TERM

load_pid=""
# Starts the players in the background; returns once they loop.
players_start() {
    local name=$1
    rm -f "$cluster_dir/$name.stop"
    "$JAVA" "$PLAYERS" "http://127.0.0.1:$LB_PORT" "$CLIENTS" "$cluster_dir/$name.stop" "$cluster_dir/$name.report" \
        "$name" >"$cluster_dir/$name.out" 2>&1 &
    load_pid=$!
    until grep -q running "$cluster_dir/$name.out" 2>/dev/null; do
        kill -0 "$load_pid" 2>/dev/null || { cat "$cluster_dir/$name.out" >&2; fail "players of $name did not start"; }
        sleep 0.5
    done
    lb_lines_before=$(wc -l <"$cluster_dir/haproxy.log")
}

# Stops the players, prints their report, HAProxy's retries of the phase and where each failure went.
players_stop() {
    local name=$1 status=0
    touch "$cluster_dir/$name.stop"
    wait "$load_pid" || status=$?
    echo
    echo "### $name ($CLIENTS clients)"
    echo
    grep -v '^failure ' "$cluster_dir/$name.report" | sed '/^$/d'
    tail -n +"$((lb_lines_before + 1))" "$cluster_dir/haproxy.log" >"$cluster_dir/$name.haproxy.log"
    echo "HAProxy retried (log field %rc > 0), by request and final status:"
    awk '{ if (match($0, / [0-9]+\/[0-9]+\/[0-9]+\/[0-9]+\/\+?[0-9]+ /)) { split(substr($0, RSTART + 1, RLENGTH - 2), f, "/");
            r = f[5]; sub(/\+/, "", r); if (r > 0) { n = split($0, q, "\""); req = q[n - 1]; gsub(/\/[0-9]+/, "/{id}", req);
            sub(/ HTTP\/1.1$/, "", req); print "  " req " -> " $11 } } }' "$cluster_dir/$name.haproxy.log" | sort | uniq -c || true
    local id rest
    while read -r _ id rest; do
        echo "failed: $id $rest | HAProxy: $(grep -F "{$id}" "$cluster_dir/$name.haproxy.log" | awk '{ print $5, $7, $9 }' | head -n 1)"
    done < <(grep '^failure ' "$cluster_dir/$name.report")
    return $status
}

cluster_ensure_backends
cluster_database true
cluster_settings
say "Starting three instances (${APP_PORTS[*]}) and HAProxy ($LB_PORT); logs in $cluster_dir"
cluster_start_instances
cluster_start_lb

say "Warming up: ${WARMUP}s of load, not counted"
players_start warmup
sleep "$WARMUP"
players_stop warmup >/dev/null || true

failed=0
say "Phase 1: rolling restart (LB_FIRST=$LB_FIRST)"
players_start rolling-restart
sleep "$SETTLE"
for i in 1 2 3; do
    started=$(date +%s.%N)
    cluster_restart_instance "$i" "$LB_FIRST"
    say "instance $i restarted and back in rotation after $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
    sleep "$SETTLE"
done
players_stop rolling-restart || failed=1
grep -q '^failed answers (5xx and connection errors): 0$' "$cluster_dir/rolling-restart.report" || failed=1

say "Phase 2: SIGTERM of instance 2 without draining HAProxy first"
players_start sigterm-alone
sleep "$SETTLE"
cluster_restart_instance 2 false
sleep "$SETTLE"
players_stop sigterm-alone || failed=1

say "Phase 3: SIGKILL of instance 3"
players_start sigkill
sleep "$SETTLE"
date +%s.%N >"$cluster_dir/killed-at"
cluster_kill_instance 3
cluster_wait_lb_status 3 DOWN 30
sleep "$SETTLE"
cluster_start_instance 3
cluster_wait_instance 3
cluster_wait_lb_status 3 UP 60
sleep "$SETTLE"
players_stop sigkill || failed=1

echo
echo "machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $failed
