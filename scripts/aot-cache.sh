#!/usr/bin/env bash
# Builds the Java 25 AOT cache of Storyworld on Payara Micro 7, beside the WAR:
#   web/target/payara-micro-aot/root/launch-micro.jar   Payara Micro unpacked, with a launcher jar whose
#                                                      manifest puts every runtime jar on the class path
#   web/target/payara-micro-aot/storyworld.aot          the cache (-XX:AOTCache=...)
#   web/target/payara-micro-aot/config.pristine         the launcher's config, put back before every start
# by a training run on the real request mix: the service started from that launcher with
# -XX:AOTCacheOutput, then ROUNDS rounds of worlds (create, read, list, meta, advance with and without
# an idempotency key), a scene, sessions (create, read, PATCH, advance, events), readiness, /metrics
# and /openapi, then stopped; the JVM writes the cache as it exits. scripts/run-local.sh, the
# benchmarks and the deployment (README, Deploying) start the same launcher with -XX:AOTCache.
#
# Why a launcher: the AOT cache keeps classes of the JDK's own class loaders only. `java -jar
# payara-micro.jar` unpacks its runtime and loads it through class loaders of its own, so little of
# Payara would be cached; the launcher loads the runtime from the class path (docs/pitfalls.md has
# the measurements). The cache belongs to this JDK build and these jars at these paths: rebuild it
# after a JDK or Payara upgrade (a JVM that cannot use it says so in one warning and runs without it).
#
# Usage: scripts/aot-cache.sh      settings (environment): ROUNDS (20), STORYWORLD_WAR, STORYWORLD_AOT_DIR,
#        STORYWORLD_DB_URL/_USER/_PASSWORD (default: an H2 database in a temp dir), STORYWORLD_AOT_PORT,
#        STORYWORLD_JAVA_OPTS (more JVM options of the training run; give production's, e.g. -Xmx).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/runtime.sh
source scripts/runtime.sh

WAR=${STORYWORLD_WAR:-web/target/storyworld.war}
AOT_DIR=${STORYWORLD_AOT_DIR:-$AOT_DIR_DEFAULT}
ROUNDS=${ROUNDS:-20}
PORT=${STORYWORLD_AOT_PORT:-$((20000 + RANDOM % 20000))}
MICRO=target/run/payara-micro-$PAYARA_MICRO_VERSION.jar

die() { echo "aot-cache.sh: $*" >&2; exit 1; }

command -v jq >/dev/null 2>&1 || die "needs jq for the request mix (apt-get install jq)"
JDK=$(find_jdk 25 99)
[ -n "$JDK" ] || die "the AOT cache needs Java 25 or later (JAVA_HOME or /usr/lib/jvm); none found"
JAVA=$JDK/bin/java
[ -f "$WAR" ] || die "no WAR at $WAR: build it first (mvn -B -DskipTests package, or ./scripts/run-local.sh)"
WAR=$(realpath "$WAR")
AOT_DIR=$(realpath -m "$AOT_DIR")
if [ ! -f "$MICRO" ]; then
    echo "Fetching Payara Micro $PAYARA_MICRO_VERSION..."
    mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="fish.payara.extras:payara-micro:$PAYARA_MICRO_VERSION" -DoutputDirectory="$(dirname "$MICRO")" >/dev/null 2>&1 \
        || die "cannot fetch Payara Micro $PAYARA_MICRO_VERSION from Maven"
fi
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is taken; set STORYWORLD_AOT_PORT"

work=$(mktemp -d /tmp/storyworld-aot.XXXXXX)
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "Unpacking Payara Micro $PAYARA_MICRO_VERSION into $AOT_DIR/root with its launcher..."
rm -rf "$AOT_DIR"
mkdir -p "$AOT_DIR"
"$JAVA" -jar "$MICRO" --rootdir "$AOT_DIR/root" --outputlauncher >"$AOT_DIR/launcher.log" 2>&1 \
    || die "Payara Micro did not write its launcher; see $AOT_DIR/launcher.log"
cp -a "$AOT_DIR/root/config" "$AOT_DIR/config.pristine"

aot_reset_root "$AOT_DIR"
echo "Training run on Java $(jdk_feature "$JDK") ($JDK), port $PORT, $ROUNDS rounds of the request mix..."
(
    cd "$work"
    export STORYWORLD_DEV_TOKENS_ENABLED=true STORYWORLD_SHUTDOWN_DRAIN_SECONDS=0
    export STORYWORLD_RATE_LIMIT_WORLD_ADVANCE_PER_MINUTE=1000000 STORYWORLD_RATE_LIMIT_SESSION_PATCH_PER_MINUTE=1000000
    export STORYWORLD_RATE_LIMIT_WRITE_PER_MINUTE=1000000 STORYWORLD_RATE_LIMIT_READ_PER_MINUTE=1000000
    export STORYWORLD_RATE_LIMIT_WORLD_ADVANCE_BURST=1000000 STORYWORLD_RATE_LIMIT_SESSION_PATCH_BURST=1000000
    export STORYWORLD_RATE_LIMIT_WRITE_BURST=1000000 STORYWORLD_RATE_LIMIT_READ_BURST=1000000
    exec "$JAVA" -XX:AOTCacheOutput="$AOT_DIR/storyworld.aot" -Xlog:aot=warning:file="$AOT_DIR/aot.log" \
        ${STORYWORLD_JAVA_OPTS:-} -jar "$AOT_DIR/root/launch-micro.jar" \
        --deploy "$WAR" --contextroot / --port "$PORT" --nohazelcast
) >"$AOT_DIR/training.log" 2>&1 &
server=$!

base=http://127.0.0.1:$PORT
for _ in $(seq 1 600); do
    kill -0 "$server" 2>/dev/null || die "the training server stopped; see $AOT_DIR/training.log"
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/ready")" = 200 ] && break
    sleep 0.5
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/ready")" = 200 ] || die "not ready after 300 s"

"$(dirname "$0")/request-mix.sh" "$base" "$ROUNDS" || die "the request mix failed"

echo "Stopping the training server; the JVM writes the cache as it exits..."
kill -TERM "$server"
wait "$server" 2>/dev/null || true
server=""
[ -s "$AOT_DIR/storyworld.aot" ] || die "no cache was written; see $AOT_DIR/training.log and $AOT_DIR/aot.log"
aot_reset_root "$AOT_DIR"
aot_cache_usable "$JAVA" "$AOT_DIR" || die "$JAVA cannot use the cache it wrote; see $AOT_DIR/aot.log"
echo "AOT cache: $AOT_DIR/storyworld.aot ($(du -h "$AOT_DIR/storyworld.aot" | cut -f1)), for $("$JAVA" -version 2>&1 | sed -n 2p)"
