#!/usr/bin/env bash
# Runs Storyworld as a cluster on this machine: three Payara Micro instances (ports 8081-8083) on
# PostgreSQL (database storyworld_cluster) and Redis, behind HAProxy at http://localhost:8080 with
# deploy/haproxy/storyworld.cfg. Installs and starts what is missing (haproxy, PostgreSQL, Redis; as
# root), builds what is missing, prints a dev token, and stays in the foreground: Ctrl-C stops
# everything it started. Logs and the shared keys are under target/cluster/.
# STORYWORLD_HTTP_PORT picks the load balancer's port (the instances take the three after it, the
# runtime API the ninth after it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

LB_PORT=${STORYWORLD_HTTP_PORT:-8080}
APP_PORTS=($((LB_PORT + 1)) $((LB_PORT + 2)) $((LB_PORT + 3)))
CLUSTER_DB=${STORYWORLD_CLUSTER_DB:-storyworld_cluster}
cluster_dir=$root/target/cluster
# shellcheck source=scripts/cluster-lib.sh
source "$root/scripts/cluster-lib.sh"

if [ -f "$cluster_dir/run.pid" ] && kill -0 "$(cat "$cluster_dir/run.pid")" 2>/dev/null; then
    fail "another run-cluster.sh is running (pid $(cat "$cluster_dir/run.pid")); stop it first (Ctrl-C in its terminal)"
fi
for port in "$LB_PORT" "${APP_PORTS[@]}" "$LB_ADMIN_PORT"; do
    port_open "$port" && fail "port $port is already in use; nothing was started. Pick others: STORYWORLD_HTTP_PORT=9080 $0"
done

mkdir -p "$cluster_dir"
if [ ! -f "$WAR" ] || [ -n "$(find pom.xml ./*-module/pom.xml ./*-module/src/main web/pom.xml web/src/main -newer "$WAR" -type f -print -quit)" ]; then
    say "Building the service (log: $cluster_dir/build.log)"
    mvn -B -q -DskipTests install >"$cluster_dir/build.log" 2>&1 || { tail -n 40 "$cluster_dir/build.log" >&2; fail "the build failed"; }
fi
if [ ! -f "$PAYARA_JAR" ]; then
    say "Fetching Payara Micro $PAYARA_VERSION"
    mvn -B -q dependency:get -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" >"$cluster_dir/build.log" 2>&1 \
        || fail "cannot fetch Payara Micro; see $cluster_dir/build.log"
fi

echo $$ >"$cluster_dir/run.pid"
trap 'cluster_stop; rm -f "$cluster_dir/run.pid"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cluster_ensure_backends
cluster_database
cluster_settings
rm -f "$cluster_dir"/app*.log "$cluster_dir/haproxy.log"
say "Starting three instances on ports ${APP_PORTS[*]} (logs: $cluster_dir/app1.log ...)"
cluster_start_instances
say "Starting HAProxy on port $LB_PORT (log: $cluster_dir/haproxy.log)"
cluster_start_lb

TOKEN=$(curl -sf -X POST "http://localhost:$LB_PORT/api/v1/dev/tokens" -H 'Content-Type: application/json' \
    -d '{"user_id": 1}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
cat <<TEXT

  !!! DEV TOKENS ARE ON: anyone can mint a token for any user. Never expose this setup. !!!

  Storyworld cluster is ready: http://localhost:$LB_PORT/api/v1   (through HAProxy; readiness: /api/v1/ready)
  Instances: ${APP_PORTS[*]} (pids ${app_pid[*]}); database $CLUSTER_DB; Redis 127.0.0.1:$REDIS_PORT
  Shared by every instance: the dev-token key and the cursor secret in $cluster_dir/keys/
  HAProxy's runtime API: echo "show stat" | socat - TCP:127.0.0.1:$LB_ADMIN_PORT   (log: $cluster_dir/haproxy.log)

  Dev token for user 1 (valid 12 h, on every instance, across restarts too):
  $TOKEN

  Create a world:
  curl -s -X POST http://localhost:$LB_PORT/api/v1/game/worlds -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' -d '{"name": "Harbor Town"}'

  Ctrl-C stops the load balancer and the three instances.
TEXT
wait "$lb_pid"
