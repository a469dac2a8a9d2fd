#!/usr/bin/env bash
# Runs Storyworld locally on embedded defaults: Payara Micro at http://localhost:${STORYWORLD_HTTP_PORT:-8080},
# an H2 file database under ./data (kept across restarts), no Redis, dev tokens ON.
# Builds what is missing, prints a dev token and a curl line, and stays in the foreground (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${STORYWORLD_HTTP_PORT:-8080}
PAYARA_VERSION=6.2025.10
RUN_DIR=target/run
WAR=web/target/storyworld.war
MICRO=$RUN_DIR/payara-micro-$PAYARA_VERSION.jar

build_if_needed() {
    if [ ! -f "$WAR" ] || [ -n "$(find pom.xml ./*-module web/src web/pom.xml -newer "$WAR" -type f -print -quit)" ]; then
        echo "Building the service..."
        mvn -B -q -DskipTests install
    fi
    if [ ! -f "$MICRO" ]; then
        echo "Fetching Payara Micro $PAYARA_VERSION..."
        mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
            -Dartifact=fish.payara.extras:payara-micro:$PAYARA_VERSION -DoutputDirectory="$RUN_DIR"
    fi
}

wait_until_ready() {
    for _ in $(seq 1 120); do
        if curl -sf -o /dev/null "http://localhost:$PORT/health/ready"; then return 0; fi
        if ! kill -0 "$SERVER" 2>/dev/null; then echo "Payara Micro stopped; see $RUN_DIR/server.log" >&2; exit 1; fi
        sleep 1
    done
    echo "Not ready after 120 s; see $RUN_DIR/server.log" >&2
    exit 1
}

build_if_needed
mkdir -p "$RUN_DIR" data
# A root directory left by an earlier run would make Payara deploy that run's WAR again first.
rm -rf "$RUN_DIR/micro-root"

echo "Starting Storyworld on http://localhost:$PORT (log: $RUN_DIR/server.log)..."
# No shutdown drain: a local run stops at once instead of holding the server for the drain's bound.
STORYWORLD_DEV_TOKENS_ENABLED=true STORYWORLD_SHUTDOWN_DRAIN_SECONDS=0 java -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl -jar "$MICRO" --deploy "$WAR" --contextroot / --port "$PORT" \
    --nohazelcast --rootdir "$RUN_DIR/micro-root" > "$RUN_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null' EXIT INT TERM
wait_until_ready

TOKEN=$(curl -sf -X POST "http://localhost:$PORT/api/v1/dev/tokens" -H 'Content-Type: application/json' \
    -d '{"user_id": 1}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
cat <<TEXT

  !!! DEV TOKENS ARE ON: anyone can mint a token for any user. Never expose this setup. !!!

  Storyworld is ready: http://localhost:$PORT/api/v1   (OpenAPI: /openapi, health: /health/ready)
  Database: embedded H2 under ./data

  Dev token for user 1 (valid 12 h):
  $TOKEN

  Create a world:
  curl -s -X POST http://localhost:$PORT/api/v1/game/worlds -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' -d '{"name": "Harbor Town"}'

  Ctrl-C stops the service.
TEXT
wait "$SERVER"
