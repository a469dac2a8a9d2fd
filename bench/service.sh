# Shared by the benchmarks in this folder: tools, the WAR under test, a fresh database, one Payara
# Micro that the benchmark starts and stops by its pid, and the check of what it logged under load. A benchmark sets here, root, PORT and DB,
# then sources this file, which adds the settings below (environment variables) and a temp dir, and
# installs the EXIT trap that stops Payara and removes the temp dir.

# --- Settings ---------------------------------------------------------------------------------------
READY_TIMEOUT=${READY_TIMEOUT:-180}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
DB_USER=storyworld
DB_PASSWORD=storyworld
WAR=${STORYWORLD_WAR:-$root/web/target/storyworld.war}
# shellcheck source=scripts/runtime.sh
source "$root/scripts/runtime.sh"
# BENCH_RUNTIME: micro7 (Payara Micro 7 on the newest JDK 21+ found, Temurin 25 here: the default),
# micro7-aot (the same started from scripts/aot-cache.sh's launcher with its AOT cache), micro6
# (Payara Micro 6 on Java 17). BENCH_JDK overrides the JDK, PAYARA_JAR the Payara Micro jar.
# select_runtime NAME [JDK] [JAR] sets BENCH_RUNTIME, PAYARA_VERSION, BENCH_JDK and PAYARA_JAR.
select_runtime() {
    BENCH_RUNTIME=$1
    case $BENCH_RUNTIME in
        micro7 | micro7-aot) PAYARA_VERSION=$PAYARA_MICRO_VERSION; BENCH_JDK=${2:-$(find_jdk 21 99)} ;;
        micro6) PAYARA_VERSION=$PAYARA6_VERSION; BENCH_JDK=${2:-$(find_jdk 17 17)} ;;
        *) echo "BENCH_RUNTIME is micro7, micro7-aot or micro6, not $BENCH_RUNTIME" >&2; exit 1 ;;
    esac
    PAYARA_JAR=${3:-$HOME/.m2/repository/fish/payara/extras/payara-micro/$PAYARA_VERSION/payara-micro-$PAYARA_VERSION.jar}
}
select_runtime "${BENCH_RUNTIME:-micro7}" "${BENCH_JDK:-}" "${PAYARA_JAR:-}"
AOT_DIR=${STORYWORLD_AOT_DIR:-$root/$AOT_DIR_DEFAULT}
# PAYARA_OPTS: more Payara Micro options for its start (e.g. --maxhttpthreads 4), none by default.

tmp=$(mktemp -d /tmp/storyworld-bench.XXXXXX)
keep_tmp=${KEEP_TMP:-false}       # true keeps the temp dir (Payara log, the benchmark's outputs)

payara_pid=""
log_lines_at_ready=0
token=""

log() { printf '\n== %s\n' "$*" >&2; }
# This machine is shared (builds, other servers); benchmarks print the load average with their figures.
load_now() { cut -d' ' -f1-3 /proc/loadavg; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# --- Tools ------------------------------------------------------------------------------------------

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# Installs the Debian package that brings a missing command (apt lists refreshed only if needed).
need() {
    local cmd=$1 package=$2
    command -v "$cmd" >/dev/null 2>&1 && return
    log "Installing $package (for $cmd)"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$package" >/dev/null \
        || { as_root apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$package" >/dev/null; }
    command -v "$cmd" >/dev/null 2>&1 || die "cannot install $package"
}

# The tools every benchmark needs; a benchmark checks its own extra ones with need.
ensure_service_tools() {
    need jq jq
    need curl curl
    need psql postgresql-client
    ensure_profiler
    ensure_runtime
}

# The JDK and Payara Micro jar of the selected runtime, and for micro7-aot a cache that JDK can use.
ensure_runtime() {
    [ -n "$BENCH_JDK" ] && [ -x "$BENCH_JDK/bin/java" ] || die "no JDK for $BENCH_RUNTIME (JAVA_HOME, /usr/lib/jvm; or set BENCH_JDK)"
    [ -f "$PAYARA_JAR" ] || mvn -B -q dependency:get -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" >/dev/null \
        || die "no Payara Micro jar at $PAYARA_JAR (set PAYARA_JAR)"
    if [ "$BENCH_RUNTIME" = micro7-aot ]; then
        aot_cache_usable "$BENCH_JDK/bin/java" "$AOT_DIR" || die "no AOT cache in $AOT_DIR that $BENCH_JDK can use: run scripts/aot-cache.sh"
    fi
}

# The WAR under test: $STORYWORLD_WAR as given, else the build's, built if missing. Another session
# may be mid-edit and break the build for a moment, so a failed build is retried.
ensure_war() {
    if [ -n "${STORYWORLD_WAR:-}" ]; then
        [ -f "$WAR" ] || die "STORYWORLD_WAR=$WAR does not exist"
        return
    fi
    [ -f "$WAR" ] && return
    local try
    for try in 1 2 3; do
        log "Building the WAR (try $try)"
        if (cd "$root" && mvn -B -q package -DskipTests); then
            [ -f "$WAR" ] && return
        fi
        sleep 30
    done
    die "the build did not produce $WAR"
}

# --- Database ---------------------------------------------------------------------------------------

psql_admin() { psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_bench() { PGPASSWORD=$DB_PASSWORD psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d "$DB" -v ON_ERROR_STOP=1 -qtA "$@"; }

# A fresh database each run, so the figures never depend on what an earlier run left behind.
reset_database() {
    log "Creating a fresh database $DB"
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]; then
        psql_admin -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
    fi
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
    psql_admin -c "CREATE DATABASE $DB OWNER $DB_USER"
}

# --- Service ----------------------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# Starts Payara Micro with Storyworld's WAR, or with the WAR given (the platform floor's), same options,
# and waits until READY_PATH (default /health/ready) answers 200. INSTANCE (a name) gives a further instance
# a root dir and log of its own ($tmp/payara-INSTANCE.log). Sets payara_started_at (Unix seconds,
# just before the JVM is started) and ready_seconds (from then to the first 200, polled every 0.1 s).
start_payara() {
    local war=${1:-$WAR} name start suffix=${INSTANCE:+-$INSTANCE}
    name=$(basename "$war" .war)$suffix
    if [ "$BENCH_RUNTIME" = micro7-aot ]; then
        aot_reset_root "$AOT_DIR"
        start=(-XX:AOTCache="$AOT_DIR/storyworld.aot" -jar "$AOT_DIR/root/launch-micro.jar")
    else
        # A root directory of an earlier start in this run would make Payara deploy that WAR first, then
        # undeploy it and deploy this one under the load (warmup.sh starts Storyworld twice).
        rm -rf "$tmp/payara-root-$name"
        start=(-jar "$PAYARA_JAR" --rootdir "$tmp/payara-root-$name")
    fi
    port_in_use && die "port $PORT is already taken (set STORYWORLD_BENCH_PORT)"
    log "Starting Payara Micro with $name.war on port $PORT (log: $tmp/payara$suffix.log)"
    # A private copy: a concurrent rebuild must not swap the WAR under the running deployment.
    cp "$war" "$tmp/$name.war"
    payara_started_at=$(date +%s.%N)
    # Rate limits are set far out of reach: this measures throughput, not the limiter.
    # The working directory is the temp dir so nothing (H2 files, logs) lands in the repository.
    (
        cd "$tmp"
        export STORYWORLD_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
        export STORYWORLD_DB_USER=$DB_USER STORYWORLD_DB_PASSWORD=$DB_PASSWORD
        export STORYWORLD_DEV_TOKENS_ENABLED=true
        export STORYWORLD_RATE_LIMIT_WORLD_ADVANCE_PER_MINUTE=100000000
        export STORYWORLD_RATE_LIMIT_SESSION_PATCH_PER_MINUTE=100000000
        export STORYWORLD_RATE_LIMIT_WRITE_PER_MINUTE=100000000
        export STORYWORLD_RATE_LIMIT_READ_PER_MINUTE=100000000
        export STORYWORLD_RATE_LIMIT_WORLD_ADVANCE_BURST=100000000
        export STORYWORLD_RATE_LIMIT_SESSION_PATCH_BURST=100000000
        export STORYWORLD_RATE_LIMIT_WRITE_BURST=100000000
        export STORYWORLD_RATE_LIMIT_READ_BURST=100000000
        # Naming the JSON provider spares the server's token parsing a class-path search per request.
        # shellcheck disable=SC2086
        exec "$BENCH_JDK/bin/java" ${BENCH_JAVA_OPTS:--Xmx512m -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl} $(profiler_java_opts) \
            "${start[@]}" --deploy "$tmp/$name.war" --contextroot / --port "$PORT" --nohazelcast ${PAYARA_OPTS:-}
    ) >"$tmp/payara$suffix.log" 2>&1 &
    payara_pid=$!
    local waited=0
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT${READY_PATH:-/health/ready}")" = 200 ]; do
        if ! kill -0 "$payara_pid" 2>/dev/null; then
            keep_tmp=true
            tail -n 40 "$tmp/payara$suffix.log" >&2
            die "Payara Micro exited before it was ready"
        fi
        if [ "$waited" -ge "$READY_TIMEOUT" ]; then
            keep_tmp=true
            tail -n 40 "$tmp/payara$suffix.log" >&2
            die "not ready after ${READY_TIMEOUT}s"
        fi
        sleep 0.1
        waited=$(awk -v s="$payara_started_at" -v n="$(date +%s.%N)" 'BEGIN { printf "%d", n - s }')
    done
    ready_seconds=$(awk -v s="$payara_started_at" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }')
    log "Ready after ${ready_seconds}s ($BENCH_RUNTIME, $("$BENCH_JDK/bin/java" -version 2>&1 | sed -n 2p))"
    log_lines_at_ready=$(wc -l <"$tmp/payara$suffix.log")
}

# Stops only the Payara this script started (others may run on this machine), TERM then KILL.
stop_payara() {
    [ -n "$payara_pid" ] || return 0
    if kill -0 "$payara_pid" 2>/dev/null; then
        kill -TERM "$payara_pid" 2>/dev/null || true
        local i
        for i in $(seq 1 30); do
            kill -0 "$payara_pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL "$payara_pid" 2>/dev/null || true
    fi
    wait "$payara_pid" 2>/dev/null || true
    payara_pid=""
}

cleanup() {
    stop_payara
    if $keep_tmp; then
        echo "$(basename "$0"): kept $tmp (Payara log: $tmp/payara.log)" >&2
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- CPU accounting ---------------------------------------------------------------------------------

# CPU time is what a request costs whatever else the machine does; requests per second are not.
# Clock ticks (user + system) of the Payara Micro this script started, and of the PostgreSQL
# backends serving database $DB (their process titles name it), so far.
payara_ticks() { awk '{ print $14 + $15 }' "/proc/$payara_pid/stat"; }
database_ticks() {
    local pid total=0
    for pid in $(pgrep -f "postgres: .* $DB " || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}
# Microseconds of CPU per request from two tick counts and a request count.
cpu_us() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (n > 0 ? t * 1e6 / hz / n : 0) }'; }

# --- Profile (PROFILE=true) -------------------------------------------------------------------------

# async-profiler (its Maven Central jar carries the native library) is loaded into Payara at JVM start,
# which makes its stacks exact (DebugNonSafepoints), and records only between profile_start and
# profile_stop, i.e. the measured run. It samples CPU time with a timer signal (event=itimer), which
# needs no perf_events permission. profile_stop prints the summary of bench/profile-summary.py and
# leaves the collapsed stacks in $tmp/profile.collapsed (KEEP_TMP=true keeps them, for flame graphs).
PROFILE=${PROFILE:-false}
ASYNC_PROFILER_VERSION=4.1
profiler_lib=""

ensure_profiler() {
    $PROFILE || return 0
    local artifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION"
    local jar="$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION.jar"
    [ -f "$jar" ] || mvn -B -q dependency:get -Dartifact="$artifact" >/dev/null || die "cannot fetch $artifact"
    need unzip unzip
    unzip -q -o -j "$jar" linux-x64/libasyncProfiler.so -d "$tmp"
    profiler_lib="$tmp/libasyncProfiler.so"
}

profiler_java_opts() {
    $PROFILE && printf -- '-agentpath:%s -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints' "$profiler_lib"
}

profile_start() {
    $PROFILE || return 0
    # The options go quoted: jcmd would read an unquoted "key=value" as an argument of its own.
    "$BENCH_JDK/bin/jcmd" "$payara_pid" JVMTI.agent_load "$profiler_lib" '"start,event=itimer,interval=1ms"' >/dev/null
}

profile_stop() {
    $PROFILE || return 0
    "$BENCH_JDK/bin/jcmd" "$payara_pid" JVMTI.agent_load "$profiler_lib" "\"stop,collapsed,file=$tmp/profile.collapsed\"" >/dev/null
    echo
    echo "== Profile of the measured run (async-profiler, CPU time of the Payara process)"
    python3 "$here/profile-summary.py" "$tmp/profile.collapsed" || echo "(no profile was written)"
}

# --- Service log ------------------------------------------------------------------------------------

# Problems the service logged under load, i.e. after it was ready (startup logs a few harmless
# warnings of its own: expired CAs in Payara's truststore, the dev-tokens banner, the JDBC driver
# registration). Sets severe_lines and warning_lines; any makes the script keep its temp dir, and
# the first of them are printed, the first one with the lines after it (the stack trace's head).
check_server_log() {
    local load_log
    load_log=$(tail -n +"$((log_lines_at_ready + 1))" "$tmp/payara.log")
    severe_lines=$(grep -c 'SEVERE' <<<"$load_log" || true)
    warning_lines=$(grep -c 'WARNING' <<<"$load_log" || true)
    if [ "$((severe_lines + warning_lines))" -gt 0 ]; then
        keep_tmp=true
        echo "Payara logged problems under load; first of them:" >&2
        grep -m 5 -E 'SEVERE|WARNING' <<<"$load_log" | cut -c1-300 >&2
        echo "-- the first one with the 15 lines after it:" >&2
        grep -m 1 -A 15 -E 'SEVERE|WARNING' <<<"$load_log" | cut -c1-300 >&2
    fi
}

# --- API --------------------------------------------------------------------------------------------

api() { # method path [body]: prints the body, fails on a non-2xx
    local method=$1 path=$2 body=${3:-}
    curl -sS --fail-with-body -X "$method" "http://127.0.0.1:$PORT$path" \
        -H 'Content-Type: application/json' -H 'Accept: application/json' \
        ${token:+-H "Authorization: Bearer $token"} ${body:+-d "$body"}
}
