#!/usr/bin/env bash
# Runs Storyworld locally on embedded defaults: Payara Micro at http://localhost:${STORYWORLD_HTTP_PORT:-8080},
# an H2 file database under ./data (kept across restarts), no Redis, dev tokens ON, their signing key in
# ./data/dev-tokens.pem (kept, so tokens stay valid across restarts). Builds what is missing, prints a dev
# token and a curl line, and stays in the foreground: Ctrl-C stops it. The server log is target/run/server.log.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/runtime.sh
source scripts/runtime.sh

PORT=${STORYWORLD_HTTP_PORT:-8080}
RUN_DIR=target/run
WAR=web/target/storyworld.war
PID_FILE=$RUN_DIR/server.pid
DATA_DIR=$PWD/data

# The runtime: Payara Micro 7 on the newest JDK 21+ found (JAVA_HOME first, then /usr/lib/jvm); with
# only Java 17, Payara Micro 6, the same WAR, and one line saying so.
choose_runtime() {
    JDK=$(find_jdk 21 99)
    if [ -n "$JDK" ]; then
        PAYARA_VERSION=$PAYARA_MICRO_VERSION
    else
        JDK=$(find_jdk 17 20)
        if [ -z "$JDK" ]; then
            echo "No Java 17 or later found (JAVA_HOME, /usr/lib/jvm, the PATH): install a JDK, Java 25 preferably." >&2
            exit 1
        fi
        PAYARA_VERSION=$PAYARA6_VERSION
        echo "Java $(jdk_feature "$JDK") only ($JDK): running on Payara Micro $PAYARA_VERSION; install a JDK 25 (Temurin 25) for Payara Micro $PAYARA_MICRO_VERSION and its AOT cache."
    fi
    JAVA=$JDK/bin/java
    MICRO=$RUN_DIR/payara-micro-$PAYARA_VERSION.jar
}

# How Payara Micro starts: from the AOT cache's launcher when scripts/aot-cache.sh built a cache this
# JDK can use (Java 25: warm in seconds), else from its jar in a fresh root directory.
choose_start() {
    local aot=$AOT_DIR_DEFAULT
    if [ "$PAYARA_VERSION" = "$PAYARA_MICRO_VERSION" ] && [ "$(jdk_feature "$JDK")" -ge 25 ] && [ -s "$aot/storyworld.aot" ]; then
        if aot_cache_usable "$JAVA" "$aot"; then
            aot_reset_root "$aot"
            START=(-XX:AOTCache="$aot/storyworld.aot" -jar "$aot/root/launch-micro.jar")
            echo "Using the AOT cache $aot/storyworld.aot."
            return
        fi
        echo "The AOT cache $aot/storyworld.aot does not fit this JDK or Payara (rebuild it: scripts/aot-cache.sh); starting without it."
    elif [ "$PAYARA_VERSION" = "$PAYARA_MICRO_VERSION" ] && [ "$(jdk_feature "$JDK")" -ge 25 ]; then
        echo "No AOT cache: scripts/aot-cache.sh builds one, for faster starts and warm-ups."
    fi
    # A root directory left by an earlier run would make Payara deploy that run's WAR again first.
    rm -rf "$RUN_DIR/micro-root"
    START=(-jar "$MICRO" --rootdir "$RUN_DIR/micro-root")
}

# Before anything is built, deleted or truncated: another run's files and port are left alone.
refuse_if_taken() {
    if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
        echo "Another local run of Storyworld is running (pid $(cat "$PID_FILE")); it uses ./data too." >&2
        echo "Stop it first (Ctrl-C in its terminal, or: kill $(cat "$PID_FILE")), then run this again." >&2
        exit 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        echo "Port $PORT is already in use by another program; nothing was started or changed." >&2
        echo "Stop that program, or pick another port: STORYWORLD_HTTP_PORT=9090 $0" >&2
        exit 1
    fi
}

# Maven's output goes to a log, shown only when it fails: even with -q it writes colour escape codes.
maven() {
    if ! mvn -B -q "$@" > "$RUN_DIR/build.log" 2>&1; then
        sed -E 's/\x1b\[[0-9;]*m//g' "$RUN_DIR/build.log" >&2
        exit 1
    fi
}

build_if_needed() {
    mkdir -p "$RUN_DIR"
    if [ ! -f "$WAR" ] || [ -n "$(find pom.xml ./*-module/pom.xml ./*-module/src web/src web/pom.xml -newer "$WAR" -type f -print -quit)" ]; then
        echo "Building the service..."
        maven -DskipTests install
    fi
    if [ ! -f "$MICRO" ]; then
        echo "Fetching Payara Micro $PAYARA_VERSION..."
        maven -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
            -Dartifact=fish.payara.extras:payara-micro:$PAYARA_VERSION -DoutputDirectory="$RUN_DIR"
    fi
}

wait_until_ready() {
    for _ in $(seq 1 300); do
        if ! kill -0 "$SERVER" 2>/dev/null; then echo "Payara Micro stopped; see $RUN_DIR/server.log" >&2; exit 1; fi
        if curl -sf -o /dev/null "http://localhost:$PORT/api/v1/ready"; then return 0; fi
        sleep 1
    done
    echo "Not ready after 300 s; see $RUN_DIR/server.log" >&2
    exit 1
}

refuse_if_taken
choose_runtime
build_if_needed
mkdir -p "$RUN_DIR" "$DATA_DIR"
choose_start

echo "Starting Storyworld on http://localhost:$PORT (log: $RUN_DIR/server.log)..."
# No shutdown drain: a local run stops at once instead of holding the server for the drain's bound.
STORYWORLD_DEV_TOKENS_ENABLED=true STORYWORLD_DEV_TOKENS_PRIVATE_KEY_LOCATION="$DATA_DIR/dev-tokens.pem" \
    STORYWORLD_SHUTDOWN_DRAIN_SECONDS=0 "$JAVA" -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl "${START[@]}" \
    --deploy "$WAR" --contextroot / --port "$PORT" --nohazelcast --logproperties scripts/local-logging.properties \
    --prebootcommandfile deploy/payara-micro/preboot.asadmin --postdeploycommandfile deploy/payara-micro/postdeploy.asadmin > "$RUN_DIR/server.log" 2>&1 &
SERVER=$!
echo "$SERVER" > "$PID_FILE"
stop_server() {
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    rm -f "$PID_FILE"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
wait_until_ready

TOKEN=$(curl -sf -X POST "http://localhost:$PORT/api/v1/dev/tokens" -H 'Content-Type: application/json' \
    -d '{"user_id": 1}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
cat <<TEXT

  !!! DEV TOKENS ARE ON: anyone can mint a token for any user. Never expose this setup. !!!

  Storyworld is ready: http://localhost:$PORT/api/v1   (OpenAPI: /openapi, readiness: /api/v1/ready)
  Database: embedded H2 under ./data; dev token key: ./data/dev-tokens.pem; log: $RUN_DIR/server.log

  Dev token for user 1 (valid 12 h, across restarts too):
  $TOKEN

  Create a world:
  curl -s -X POST http://localhost:$PORT/api/v1/game/worlds -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' -d '{"name": "Harbor Town"}'

  Ctrl-C stops the service.
TEXT
wait "$SERVER"
