# The data of the session loop, made through the API of a running service (bench/session-loop.sh and
# bench/warmup.sh): a two-node loop scene (a -> b "go", b -> a "back"), one dev token per user
# (CONNECTIONS users from USER_BASE, in $tmp/tokens), and SESSIONS sessions of theirs. Sourced after
# service.sh, with CONNECTIONS, SESSIONS and USER_BASE set; setup_sessions sets scene_id, node_a,
# node_b, edge_ab, edge_ba, first_sid and last_sid, which session-loop.lua's arguments are made of.

# One dev token per user, one a line, in user order: line i is user USER_BASE + i.
mint_tokens() {
    local i
    : >"$tmp/tokens"
    for ((i = 0; i < CONNECTIONS; i++)); do
        token=""
        api POST /api/v1/dev/tokens "{\"user_id\": $((USER_BASE + i))}" | jq -r '.token' >>"$tmp/tokens"
    done
    ! grep -qv '^ey' "$tmp/tokens" && [ "$(wc -l <"$tmp/tokens")" = "$CONNECTIONS" ] || die "could not mint the tokens"
    token=$(head -n 1 "$tmp/tokens")
}

# The sessions, through the API. User u (0 ..) gets the k in 0 .. SESSIONS - 1 with
# floor(k * CONNECTIONS / SESSIONS) = u, 31 or 32 each; its sessions are created in one wave of
# parallel requests (curl --parallel), one user after the other, so each user's ids are a block of
# consecutive ids: session first + k belongs to user USER_BASE + floor(k * CONNECTIONS / SESSIONS),
# which is what session-loop.lua and session-loop.pgbench rely on. Checked in the database afterwards.
create_sessions() {
    local k u config tokens
    mapfile -t tokens <"$tmp/tokens"
    printf '{"scene_id": %s}' "$scene_id" >"$tmp/create-session.json"
    : >"$tmp/create-sessions.out"
    for ((u = 0; u < CONNECTIONS; u++)); do
        config="$tmp/create-sessions-$u.curl"
        : >"$config"
        for ((k = 0; k < SESSIONS; k++)); do
            [ "$((k * CONNECTIONS / SESSIONS))" = "$u" ] || continue
            [ -s "$config" ] && echo next >>"$config"
            cat >>"$config" <<EOF
url = "http://127.0.0.1:$PORT/api/v1/game/sessions"
request = "POST"
silent
show-error
header = "Authorization: Bearer ${tokens[u]}"
header = "Content-Type: application/json"
data = "@$tmp/create-session.json"
output = "/dev/null"
write-out = "%{http_code}\\n"
EOF
        done
        curl -sS --no-progress-meter --parallel --parallel-max 16 -K "$config" >>"$tmp/create-sessions.out" \
            || die "curl failed creating the sessions of user $((USER_BASE + u))"
    done
    local created
    created=$(grep -c '^201$' "$tmp/create-sessions.out" || true)
    [ "$created" = "$SESSIONS" ] || { sort "$tmp/create-sessions.out" | uniq -c >&2; die "only $created of $SESSIONS sessions answered 201"; }

    # Every session as the API creates it: contiguous ids, the owner the order implies, at the entry
    # node, version 1, one session_created event.
    local check
    check=$(psql_bench -F ' ' -c "
        WITH s AS (SELECT *, min(id) OVER () AS first FROM game_sessions)
        SELECT count(*), min(id), max(id),
               count(*) FILTER (WHERE user_id <> $USER_BASE + (id - first) * $CONNECTIONS / $SESSIONS
                                   OR scene_id <> $scene_id OR current_node_id <> $node_a OR version <> 1),
               (SELECT count(*) FROM game_session_events WHERE action = 'session_created')
          FROM s")
    read -r count first_sid last_sid wrong events <<<"$check"
    [ "$count" = "$SESSIONS" ] && [ "$((last_sid - first_sid + 1))" = "$SESSIONS" ] && [ "$wrong" = 0 ] \
        && [ "$events" = "$SESSIONS" ] \
        || die "unexpected sessions: count $count, ids $first_sid..$last_sid, $wrong not as expected, $events events"
}

setup_sessions() {
    log "Creating the scene, $CONNECTIONS users and $SESSIONS sessions"
    token=""
    token=$(api POST /api/v1/dev/tokens "{\"user_id\": $USER_BASE}" | jq -r '.token')
    scene=$(api POST /api/v1/game/scenes '{"title":"loop","entry":"a","nodes":[{"key":"a"},{"key":"b"}],"edges":[{"from":"a","to":"b","choice_label":"go"},{"from":"b","to":"a","choice_label":"back"}]}')
    scene_id=$(jq -r '.id' <<<"$scene")
    node_a=$(jq -r '.nodes[] | select(.key == "a") | .id' <<<"$scene")
    node_b=$(jq -r '.nodes[] | select(.key == "b") | .id' <<<"$scene")
    edge_ab=$(jq -r --argjson from "$node_a" '.edges[] | select(.from_node_id == $from) | .id' <<<"$scene")
    edge_ba=$(jq -r --argjson from "$node_b" '.edges[] | select(.from_node_id == $from) | .id' <<<"$scene")
    [ -n "$edge_ab" ] && [ -n "$edge_ba" ] && [ "$(jq -r '.entry_node_id' <<<"$scene")" = "$node_a" ] \
        || die "unexpected scene: $scene"
    mint_tokens
    started=$(date +%s.%N)
    create_sessions
    echo "scene $scene_id (nodes $node_a, $node_b; edges $edge_ab, $edge_ba); sessions $first_sid..$last_sid" \
        "created in $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
}
