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
WARMUP=${WARMUP:-5}               # seconds of wrk before the measured run (JIT, pools, caches)
DRAIN=${DRAIN:-2}                 # last seconds of each wrk run that send no advance (see advance.lua)
THREADS=${THREADS:-2}             # 2 cores on this machine
CONNECTIONS=${CONNECTIONS:-32}
DELTA=${DELTA:-1}                 # keep it an integer: sums of doubles are exact only for integers
OWNER_ID=${OWNER_ID:-42}
READY_TIMEOUT=${READY_TIMEOUT:-180}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
DB=storyworld_bench
DB_USER=storyworld
DB_PASSWORD=storyworld
WAR=${STORYWORLD_WAR:-$root/web/target/storyworld.war}
PAYARA_JAR=${PAYARA_JAR:-$HOME/.m2/repository/fish/payara/extras/payara-micro/6.2025.10/payara-micro-6.2025.10.jar}

tmp=$(mktemp -d /tmp/storyworld-bench.XXXXXX)
payara_pid=""
log_lines_at_ready=0
keep_tmp=${KEEP_TMP:-false}       # true keeps the temp dir (Payara log, wrk and pgbench outputs)

log() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'world-advance.sh: %s\n' "$*" >&2; exit 1; }

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

ensure_tools() {
    need wrk wrk
    need jq jq
    need curl curl
    need psql postgresql-client
    need pgbench postgresql-client
    need java default-jre-headless
    [ -f "$PAYARA_JAR" ] || die "no Payara Micro jar at $PAYARA_JAR (run the project's build once, or set PAYARA_JAR)"
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
        if (cd "$root" && mvn -B -q install -DskipTests); then
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

start_payara() {
    port_in_use && die "port $PORT is already taken (set STORYWORLD_BENCH_PORT)"
    log "Starting Payara Micro on port $PORT (log: $tmp/payara.log)"
    # A private copy: a concurrent rebuild must not swap the WAR under the running deployment.
    cp "$WAR" "$tmp/storyworld.war"
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
        exec java -Xmx512m -jar "$PAYARA_JAR" --deploy "$tmp/storyworld.war" --contextroot / --port "$PORT" \
            --nohazelcast --rootdir "$tmp/payara-root"
    ) >"$tmp/payara.log" 2>&1 &
    payara_pid=$!
    local waited=0
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ]; do
        if ! kill -0 "$payara_pid" 2>/dev/null; then
            keep_tmp=true
            tail -n 40 "$tmp/payara.log" >&2
            die "Payara Micro exited before it was ready"
        fi
        if [ "$waited" -ge "$READY_TIMEOUT" ]; then
            keep_tmp=true
            tail -n 40 "$tmp/payara.log" >&2
            die "not ready after ${READY_TIMEOUT}s"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log "Ready after ${waited}s"
    log_lines_at_ready=$(wc -l <"$tmp/payara.log")
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
        echo "world-advance.sh: kept $tmp (Payara log: $tmp/payara.log)" >&2
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- API --------------------------------------------------------------------------------------------

api() { # method path [body]: prints the body, fails on a non-2xx
    local method=$1 path=$2 body=${3:-}
    curl -sS --fail-with-body -X "$method" "http://127.0.0.1:$PORT$path" \
        -H 'Content-Type: application/json' -H 'Accept: application/json' \
        ${token:+-H "Authorization: Bearer $token"} ${body:+-d "$body"}
}

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
    # -M prepared: the service's JDBC driver uses server-side prepared statements too.
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

# This machine is shared (builds, other servers); the load average is printed with the figures.
load_now() { cut -d' ' -f1-3 /proc/loadavg; }
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
run_wrk "$DURATION" "$tmp/wrk.txt"
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
# Problems the service logged under load (startup logs a few harmless warnings of its own: expired
# CAs in Payara's truststore, the dev-tokens banner, the JDBC driver registration).
load_log=$(tail -n +"$((log_lines_at_ready + 1))" "$tmp/payara.log")
severe_lines=$(grep -c 'SEVERE' <<<"$load_log" || true)
warning_lines=$(grep -c 'WARNING' <<<"$load_log" || true)
if [ "$((severe_lines + warning_lines))" -gt 0 ]; then
    keep_tmp=true
    echo "Payara logged problems under load; first of them:" >&2
    grep -m 5 -E 'SEVERE|WARNING' <<<"$load_log" | cut -c1-300 >&2
fi

log "pgbench: the UPDATE alone (bench/advance.pgbench)"
pgbench_tps=$(run_pgbench "$here/advance.pgbench")
log "pgbench: UPDATE + SELECT join in one transaction, as the service (bench/advance-read.pgbench)"
pgbench_read_tps=$(run_pgbench "$here/advance-read.pgbench")

ratio=$(awk -v a="$service_rate" -v b="$pgbench_tps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
ratio_read=$(awk -v a="$service_rate" -v b="$pgbench_read_tps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')

cat <<EOF

== Summary (one world, $CONNECTIONS connections, $THREADS threads, ${DURATION}s runs)
service advances/s             : $service_rate  ($advances_ok accepted with 200 in $((DURATION - DRAIN))s; p50 $(field latency_p50_ms "$tmp/wrk.txt") ms, p99 $(field latency_p99_ms "$tmp/wrk.txt") ms)
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
