#!/usr/bin/env bash
# World-list paging benchmark: one user with 1 000 000 worlds (generated in SQL), and how long
# GET /api/v1/game/worlds takes for the first page, for the last page reached by cursor, and for a
# deep page by offset (the same last page, at offset 999 900): the median of several requests each,
# and the ratios to the first page. Goal: the last cursor page within 2x the first page.
#
# Usage: bench/world-pages.sh        (see bench/README.md; settings below are environment variables)
# Needs: PostgreSQL on $PGHOST:$PGPORT letting user postgres in; root or sudo only to install missing tools.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

# --- Settings ---------------------------------------------------------------------------------------
PORT=${STORYWORLD_BENCH_PORT:-8092}
WORLDS=${WORLDS:-1000000}         # worlds of the measured user (a multiple of 10)
LIMIT=${LIMIT:-100}               # page size (the API's default)
REPS=${REPS:-21}                  # measured requests of each kind (odd: the median is one of them)
WARMUP=${WARMUP:-30}              # unmeasured rounds first (JIT, pools, the database's caches)
PLAN_REPS=${PLAN_REPS:-5}         # EXPLAIN ANALYZE runs of each query, for the database's own share
OWNER_ID=${OWNER_ID:-42}
DB=storyworld_bench_pages
# READY_TIMEOUT, PGHOST, PGPORT, STORYWORLD_WAR, PAYARA_JAR and KEEP_TMP (true keeps the temp dir:
# Payara log, timings): see service.sh.

# shellcheck source=bench/service.sh
source "$here/service.sh"

# --- Data -------------------------------------------------------------------------------------------

# The worlds, their clock rows and their owners' counts, as the service would have written them: every 11th world (a
# tenth as many as the user's) belongs to one of 1000 other users, interleaved by id as if all had
# created worlds over the same time. Then vacuumed and analysed, as a settled table would be.
generate_worlds() {
    log "Generating $WORLDS worlds of user $OWNER_ID and $((WORLDS / 10)) of other users"
    psql_bench -v owner="$OWNER_ID" -v rows="$((WORLDS + WORLDS / 10))" <<'SQL'
INSERT INTO game_worlds (id, owner_user_id, name, meta, meta_version, created_at)
SELECT nextval('game_worlds_id_seq'), CASE WHEN g % 11 = 0 THEN 1000000 + g % 1000 ELSE :owner END,
       'world ' || g, '{}', 1, now()
  FROM generate_series(1, :rows) AS g;
INSERT INTO game_world_states (world_id, world_time, last_advanced_at)
SELECT id, 0, created_at FROM game_worlds;
INSERT INTO game_world_counts (owner_user_id, worlds)
SELECT owner_user_id, count(*) FROM game_worlds GROUP BY owner_user_id;
VACUUM ANALYZE game_worlds;
VACUUM ANALYZE game_world_states;
SQL
    [ "$(psql_bench -c "SELECT count(*) FROM game_worlds WHERE owner_user_id = $OWNER_ID")" = "$WORLDS" ] \
        || die "the user does not have $WORLDS worlds"
}

# --- Measuring --------------------------------------------------------------------------------------

# timed_get PATH: prints the seconds the request took; fails unless it answered 200.
timed_get() {
    local out
    out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$PORT$1")
    [ "${out%% *}" = 200 ] || die "GET $1 answered ${out%% *}"
    echo "${out#* }"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# plan_ms SQL: the median execution time PostgreSQL reports for SQL, in ms.
plan_ms() {
    local i
    for i in $(seq 1 "$PLAN_REPS"); do
        psql_bench -c "EXPLAIN (ANALYZE) $1" | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
    done | median
}

# --- Main -------------------------------------------------------------------------------------------

load_before=$(load_now)
[ "$WORLDS" -gt $((2 * LIMIT)) ] && [ $((WORLDS % 10)) = 0 ] || die "WORLDS must be a multiple of 10 above 2 x LIMIT"

ensure_service_tools
ensure_war
reset_database
start_payara
generate_worlds

token=$(api POST /api/v1/dev/tokens "{\"user_id\": $OWNER_ID}" | jq -r '.token')

# The cursor of the last page, the way a client holds one: the next_cursor of the page before it,
# reached here by offset because walking 10 000 pages would take the whole benchmark.
first_path="/api/v1/game/worlds?limit=$LIMIT"
deep_offset=$((WORLDS - LIMIT))
cursor=$(api GET "/api/v1/game/worlds?offset=$((deep_offset - LIMIT))&limit=$LIMIT" | jq -r '.next_cursor')
[ "$cursor" != null ] || die "the page before the last one carries no cursor"
last_path="/api/v1/game/worlds?limit=$LIMIT&cursor=$cursor"
deep_path="/api/v1/game/worlds?offset=$deep_offset&limit=$LIMIT"

# All three must be what they claim: the first page starts with the user's first world, and the
# cursor page and the offset page are both the last page, the same worlds, with no cursor after.
last_id=$(psql_bench -c "SELECT max(id) FROM game_worlds WHERE owner_user_id = $OWNER_ID")
first_id=$(psql_bench -c "SELECT min(id) FROM game_worlds WHERE owner_user_id = $OWNER_ID")
[ "$(api GET "$first_path" | jq '.worlds[0].id')" = "$first_id" ] || die "the first page does not start at world $first_id"
last_page=$(api GET "$last_path" | jq -c '[.next_cursor, .total, [.worlds[].id]]')
deep_page=$(api GET "$deep_path" | jq -c '[.next_cursor, .total, [.worlds[].id]]')
[ "$last_page" = "$deep_page" ] || die "the cursor page and the offset page differ"
[ "$(jq '.[0] == null and .[1] == '"$WORLDS"' and (.[2] | length) == '"$LIMIT"' and .[2][-1] == '"$last_id" <<<"$last_page")" = true ] \
    || die "the cursor page is not the last page of $WORLDS worlds: $(cut -c1-200 <<<"$last_page")"

log "Warm-up: $WARMUP rounds of the three requests"
for _ in $(seq 1 "$WARMUP"); do
    timed_get "$first_path" >/dev/null
    timed_get "$last_path" >/dev/null
    timed_get "$deep_path" >/dev/null
done

# Interleaved, so that a change in the machine's load touches the three kinds alike.
log "Measured: $REPS rounds of the three requests"
for _ in $(seq 1 "$REPS"); do
    timed_get "$first_path" >>"$tmp/first.txt"
    timed_get "$last_path" >>"$tmp/last.txt"
    timed_get "$deep_path" >>"$tmp/deep.txt"
done
first=$(median <"$tmp/first.txt")
last=$(median <"$tmp/last.txt")
deep=$(median <"$tmp/deep.txt")

log "The database's share: EXPLAIN ANALYZE of the statements behind each page"
stop_payara
count_ms=$(plan_ms "SELECT worlds FROM game_world_counts WHERE owner_user_id = $OWNER_ID")
first_sql_ms=$(plan_ms "SELECT id, name FROM game_worlds WHERE owner_user_id = $OWNER_ID AND id > 0 ORDER BY id LIMIT $((LIMIT + 1))")
before_last=$(psql_bench -c "SELECT id FROM game_worlds WHERE owner_user_id = $OWNER_ID ORDER BY id OFFSET $((deep_offset - 1)) LIMIT 1")
last_sql_ms=$(plan_ms "SELECT id, name FROM game_worlds WHERE owner_user_id = $OWNER_ID AND id > $before_last ORDER BY id LIMIT $((LIMIT + 1))")
deep_sql_ms=$(plan_ms "SELECT id, name FROM game_worlds WHERE owner_user_id = $OWNER_ID AND id > 0 ORDER BY id LIMIT $((LIMIT + 1)) OFFSET $deep_offset")

last_ratio=$(ratio "$last" "$first")
deep_ratio=$(ratio "$deep" "$first")
goal=$(awk -v r="$last_ratio" 'BEGIN { print (r <= 2 ? "MET" : "NOT MET") }')

cat <<EOF

== Summary (user $OWNER_ID with $WORLDS worlds, $((WORLDS / 10)) worlds of other users; limit $LIMIT; median of $REPS requests each)
first page                      : $(ms "$first") ms
last page by cursor             : $(ms "$last") ms   ratio to the first page $last_ratio  (goal <= 2: $goal)
deep page by offset $deep_offset   : $(ms "$deep") ms   ratio to the first page $deep_ratio
in PostgreSQL (median of $PLAN_REPS EXPLAIN ANALYZE):
  the user's count of worlds    : $count_ms ms   (every page answers total)
  first page rows               : $first_sql_ms ms
  last page rows, keyset        : $last_sql_ms ms
  deep page rows, offset        : $deep_sql_ms ms
machine load (1/5/15 min)       : $load_before before, $(load_now) at the end  (2 cores: other work on the machine skews every figure)
EOF

[ "$goal" = MET ] || exit 1
