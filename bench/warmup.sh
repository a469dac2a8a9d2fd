#!/usr/bin/env bash
# Warm-up: from the start of the server process, how soon each runtime answers and how soon it serves
# the session loop (bench/session-loop.lua: GET, PATCH, advance of a session, 32 connections) at its
# steady rate. For each runtime of RUNTIMES:
#   1. the platform floor WAR (bench/floor-war) started alone: seconds to its first 200 (the floor of
#      a start on that runtime);
#   2. Storyworld on a copy of a prepared database (1 000 sessions): seconds to the first 200 of
#      /api/v1/ready (the first answer), the heap in use and the resident memory right then;
#   3. the session loop from that moment for DURATION s: replies in each 5 s window since the process
#      started, the steady rate (median of the last 6 windows), and when the rate first reached 90 %
#      of it (two windows in a row), in seconds after the first answer.
# Runtimes: micro6 (Payara Micro 6 on Java 17), micro7 (Payara Micro 7 on Java 25), micro7-aot (the
# same with the AOT cache of scripts/aot-cache.sh, built first when missing).
#
# Usage: bench/warmup.sh        (see bench/README.md; settings below are environment variables)
# Needs: root or sudo for apt-get (wrk, jq), PostgreSQL on $PGHOST:$PGPORT letting user postgres in.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

# --- Settings ---------------------------------------------------------------------------------------
PORT=${STORYWORLD_BENCH_PORT:-8096}
RUNTIMES=${RUNTIMES:-micro6 micro7 micro7-aot}
DURATION=${DURATION:-180}         # seconds of session-loop load after the first answer
WINDOW=5                          # seconds per window
STEADY_WINDOWS=6                  # the steady rate: median of the last this many complete windows
DRAIN=3
CONNECTIONS=${CONNECTIONS:-32}
SESSIONS=${SESSIONS:-1000}
USER_BASE=${USER_BASE:-1001}
DB=storyworld_warmup
TEMPLATE_DB=storyworld_warmup_template
# READY_TIMEOUT, PGHOST, PGPORT, STORYWORLD_WAR, BENCH_JAVA_OPTS, PAYARA_OPTS, STORYWORLD_AOT_DIR and
# KEEP_TMP: see service.sh (BENCH_RUNTIME, BENCH_JDK and PAYARA_JAR are set here, per runtime).

# shellcheck source=bench/service.sh
source "$here/service.sh"
# shellcheck source=bench/session-setup.sh
source "$here/session-setup.sh"
trap '[ $? = 0 ] || keep_tmp=true; cleanup' EXIT

# Dev tokens signed by one key across every start, so the tokens minted once serve every runtime.
export STORYWORLD_DEV_TOKENS_PRIVATE_KEY_LOCATION=$tmp/dev-tokens.pem

field() { sed -n "s/^BENCH $1=//p" "$2"; }
seconds_since() { awk -v s="$1" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }'; }

# The database of every measured start: a copy of the template (CREATE DATABASE ... TEMPLATE).
fresh_copy() {
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
    psql_admin -c "CREATE DATABASE $DB TEMPLATE $TEMPLATE_DB OWNER $DB_USER"
}

# Heap in use (MB, from GC.heap_info) and resident memory (MB) of the Payara process, now.
memory_now() {
    local heap rss
    heap=$("$BENCH_JDK/bin/jcmd" "$payara_pid" GC.heap_info 2>/dev/null \
        | sed -nE 's/.*garbage-first heap .*used ([0-9]+)K.*/\1/p' | awk '{ s += $1 } END { printf "%.0f", s / 1024 }')
    rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$payara_pid/status")
    echo "$heap $rss"
}

# Reads the windows of one run: prints "ready steady spread t90 rates..." (see the header).
analyse() {
    local out=$1 ready=$2 load_from=$3 load_to=$4
    grep '^BENCH window_[0-9]' "$out" | sed 's/^BENCH window_//; s/=/ /' | sort -n | awk -v w="$WINDOW" -v ready="$ready" \
        -v from="$load_from" -v to="$load_to" -v keep="$STEADY_WINDOWS" '
        { n[$1] = $2; if ($1 > last) last = $1 }
        END {
            rates = ""; c = 0
            for (i = 0; i <= last; i++) {
                if (i * w >= from && (i + 1) * w <= to) { c++; idx[c] = i; rate[c] = (n[i] + 0) / w }
                rates = rates sprintf("%s%.0f", (i ? " " : ""), (n[i] + 0) / w)
            }
            if (c < keep) { print ready, 0, 0, "-", rates; exit }
            m = 0; for (k = c - keep + 1; k <= c; k++) tail[++m] = rate[k]
            for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (tail[b] < tail[a]) { t = tail[a]; tail[a] = tail[b]; tail[b] = t }
            steady = (m % 2) ? tail[(m + 1) / 2] : (tail[m / 2] + tail[m / 2 + 1]) / 2
            spread = (tail[m] - tail[1]) / steady
            t90 = "-"
            for (k = 1; k < c; k++) if (rate[k] >= 0.9 * steady && rate[k + 1] >= 0.9 * steady) { t90 = sprintf("%.0f", (idx[k] + 1) * w - ready); break }
            printf "%s %.0f %.2f %s %s\n", ready, steady, spread, t90, rates
        }'
}

need wrk wrk
ensure_service_tools
ensure_war
floor_war=$("$here/floor-war/build.sh")
uptime_before=$(uptime)
echo "machine load at start: $uptime_before"

case " $RUNTIMES " in
    *" micro7-aot "*)
        select_runtime micro7-aot
        if ! aot_cache_usable "$BENCH_JDK/bin/java" "$AOT_DIR"; then
            log "Building the AOT cache (scripts/aot-cache.sh)"
            STORYWORLD_WAR=$WAR STORYWORLD_AOT_DIR=$AOT_DIR "$root/scripts/aot-cache.sh"
        fi ;;
esac

log "Preparing the template database $TEMPLATE_DB: $SESSIONS sessions of $CONNECTIONS users"
select_runtime micro7
ensure_runtime
DB=$TEMPLATE_DB reset_database
DB=$TEMPLATE_DB start_payara
DB=$TEMPLATE_DB setup_sessions
stop_payara
edges="$node_a:$edge_ab,$node_b:$edge_ba"

declare -A result floor_ready memory
for runtime in $RUNTIMES; do
    select_runtime "$runtime"
    ensure_runtime

    log "$runtime: the platform floor's start"
    READY_PATH=/api/v1/floor start_payara "$floor_war"
    floor_ready[$runtime]=$ready_seconds
    stop_payara

    log "$runtime: Storyworld's start, then ${DURATION}s of the session loop"
    fresh_copy
    READY_PATH=/api/v1/ready start_payara
    memory[$runtime]=$(memory_now)
    load_from=$(seconds_since "$payara_started_at")
    wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$((DURATION + DRAIN))s" --timeout 10s \
        -s "$here/warmup.lua" "http://127.0.0.1:$PORT" -- \
        "$tmp/tokens" "$first_sid" "$SESSIONS" "$edges" "$DURATION" "$payara_started_at" "$WINDOW" >"$tmp/wrk-$runtime.txt"
    load_to=$(awk -v f="$load_from" -v d="$DURATION" 'BEGIN { print f + d }')
    stop_payara
    check_server_log
    result[$runtime]=$(analyse "$tmp/wrk-$runtime.txt" "$ready_seconds" "$load_from" "$load_to")
    echo "$runtime: non-2xx $(field non2xx "$tmp/wrk-$runtime.txt"), socket errors $(field socket_errors "$tmp/wrk-$runtime.txt"), statuses $(field statuses "$tmp/wrk-$runtime.txt")"
    [ "$(field non2xx "$tmp/wrk-$runtime.txt")" = 0 ] || keep_tmp=true
    cp "$tmp/payara.log" "$tmp/payara-$runtime.log"
done

{
    echo
    echo "== Warm-up ($CONNECTIONS connections, session loop over $SESSIONS sessions, ${DURATION}s of load from the first answer; ${WINDOW}s windows from process start)"
    printf '%-11s %9s %9s %7s %9s %7s %12s %9s %7s\n' runtime "ready s" "floor s" ratio "steady/s" spread "90% after s" "heap MB" "RSS MB"
    for runtime in $RUNTIMES; do
        read -r ready steady spread t90 _ <<<"${result[$runtime]}"
        read -r heap rss <<<"${memory[$runtime]}"
        printf '%-11s %9s %9s %7s %9s %7s %12s %9s %7s\n' "$runtime" "$ready" "${floor_ready[$runtime]}" \
            "$(awk -v a="$ready" -v b="${floor_ready[$runtime]}" 'BEGIN { printf "%.2f", a / b }')" "$steady" "$spread" "$t90" "$heap" "$rss"
    done
    echo
    echo "requests per second in each ${WINDOW}s window since the process started (0 before the first answer):"
    for runtime in $RUNTIMES; do
        read -r _ _ _ _ rates <<<"${result[$runtime]}"
        echo "$runtime: $rates"
    done
    echo
    echo "ratio: ready / floor ready (goal <= 1.3); 90% after: seconds from the first answer to the first of two"
    echo "windows at >= 90 % of steady (goal <= 20 with the AOT cache); spread: (max - min) / steady of the last $STEADY_WINDOWS windows."
    echo "machine load at start: $uptime_before"
    echo "machine load at end  : $(uptime)"
}
