#!/usr/bin/env bash
# The request mix of the AOT cache's training run (scripts/aot-cache.sh): ROUNDS rounds of worlds
# (create with meta, read, list, merge-patch meta, advances with and without an Idempotency-Key), a
# session on a two-node scene (create, read, PATCH relationships with expected_version, advance,
# events, list), refused requests (a missing world, a wrong field type, no token), readiness, and now
# and then /metrics, /openapi and /health/ready. Needs a service with dev tokens on and rate limits
# out of reach. Fails on the first unexpected answer, naming it.
#
# Usage: scripts/request-mix.sh BASE_URL [ROUNDS]      e.g. scripts/request-mix.sh http://127.0.0.1:8080 40
set -euo pipefail
base=${1:?usage: request-mix.sh BASE_URL [ROUNDS]}
ROUNDS=${2:-40}

# One request; prints the body, fails unless 2xx. TOKEN authenticates it once set.
call() {
    local method=$1 path=$2 body=${3:-} type=${4:-application/json} out
    out=$(curl -sS --fail-with-body -X "$method" "$base$path" -H "Content-Type: $type" \
        ${TOKEN:+-H "Authorization: Bearer $TOKEN"} ${body:+-d "$body"} ${IDEMPOTENCY:+-H "Idempotency-Key: $IDEMPOTENCY"}) \
        || { echo "request-mix.sh: $method $path answered: $out" >&2; return 1; }
    printf '%s' "$out"
}
# A top-level field of a JSON text (Yasson writes keys in alphabetical order: a scene's edges come
# before its id, so no pattern on the text will do).
field() { jq -r ".$1" <<<"$2"; }
command -v jq >/dev/null 2>&1 || { echo "request-mix.sh needs jq (apt-get install jq)" >&2; exit 1; }

TOKEN=""
TOKEN=$(field token "$(call POST /api/v1/dev/tokens '{"user_id": 1}')")
scene=$(call POST /api/v1/game/scenes '{"title":"loop","entry":"a","nodes":[{"key":"a"},{"key":"b"}],"edges":[{"from":"a","to":"b","choice_label":"go"},{"from":"b","to":"a","choice_label":"back"}]}')
scene_id=$(field id "$scene")
meta='{"relationshipSchemas":{"default":[{"id":"friend","min":{"affinity":40}}]}}'
for round in $(seq 1 "$ROUNDS"); do
    world=$(call POST /api/v1/game/worlds "{\"name\": \"training $round\", \"meta\": $meta}")
    world_id=$(field id "$world")
    call GET "/api/v1/game/worlds/$world_id" >/dev/null
    call GET "/api/v1/game/worlds?limit=5" >/dev/null
    call PATCH "/api/v1/game/worlds/$world_id/meta" '{"mood": "calm"}' application/merge-patch+json >/dev/null
    for _ in 1 2 3; do call POST "/api/v1/game/worlds/$world_id/advance" '{"delta_seconds": 60}' >/dev/null; done
    IDEMPOTENCY="training-$round-$RANDOM" call POST "/api/v1/game/worlds/$world_id/advance" '{"delta_seconds": 5}' >/dev/null
    session=$(call POST /api/v1/game/sessions "{\"scene_id\": $scene_id, \"world_id\": $world_id}")
    session_id=$(field id "$session")
    for step in 1 2 3; do
        current=$(call GET "/api/v1/game/sessions/$session_id")
        version=$(field version "$current")
        patched=$(call PATCH "/api/v1/game/sessions/$session_id" \
            "{\"relationships\": {\"npc:1\": {\"affinity\": $((RANDOM % 100)), \"trust\": $step}}, \"expected_version\": $version}")
        node=$(field current_node_id "$patched")
        edge=$(jq -r --argjson node "$node" '.edges[] | select(.from_node_id == $node) | .id' <<<"$scene")
        call POST "/api/v1/game/sessions/$session_id/advance" "{\"edge_id\": $edge}" >/dev/null
    done
    call GET "/api/v1/game/sessions/$session_id/events" >/dev/null
    call GET "/api/v1/game/sessions?limit=5" >/dev/null
    # Refusals take their own paths: a missing world, a bad body, no token.
    curl -s -o /dev/null "$base/api/v1/game/worlds/999999999" -H "Authorization: Bearer $TOKEN"
    curl -s -o /dev/null -X POST "$base/api/v1/game/worlds" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name": 5}'
    curl -s -o /dev/null "$base/api/v1/game/worlds"
    curl -s -o /dev/null "$base/api/v1/ready"
    if [ $((round % 10)) = 1 ]; then
        curl -s -o /dev/null "$base/metrics"
        curl -s -o /dev/null "$base/openapi"
        curl -s -o /dev/null "$base/health/ready"
    fi
done

