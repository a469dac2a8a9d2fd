-- wrk script of bench/session-loop.sh: a player loop over many sessions. One "iteration" on a
-- session is three requests in a row on one connection:
--   GET   /api/v1/game/sessions/{id}                       -> version, current_node_id
--   PATCH /api/v1/game/sessions/{id}  relationships with random axes, expected_version from the GET
--   POST  /api/v1/game/sessions/{id}/advance  the edge leaving current_node_id (from the PATCH reply)
-- then the next session of the connection, round robin.
--
-- Run it with as many threads as connections (wrk -tN -cN): wrk's Lua state is per thread and
-- response() does not say which connection answered, so one connection per thread is what lets a
-- state machine chain a connection's requests. Connection i (0-based) plays user user_base + i with
-- the i-th token of tokens_file, and owns that user's sessions: first_session + k for the k in
-- 0 .. sessions - 1 with floor(k * N / sessions) = i. Disjoint sets, so a 409 or a 400 can only come
-- from a bug.
--
-- Arguments (after wrk's "--"):
--   tokens_file first_session sessions edges load_seconds
--     edges: "from_node:edge_id,from_node:edge_id,..." (the edge to take from each node)
--     load_seconds: after that many seconds no new iteration starts; a connection finishes the
--     iteration it is in and then waits (delay()) until wrk stops. Run wrk a few seconds longer
--     than load_seconds, so that every request sent is answered and counted (see advance.lua).
--
-- done() prints "BENCH key=value" lines for session-loop.sh: counts per request type and status,
-- latencies (per request type, all requests, per iteration; measured here from request() to
-- response()), and the rates over the load window (first request sent to last reply received).

local ffi = require("ffi")
ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("bench_timespec")

local function now()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

-- Main Lua state: the thread objects, numbered in setup(); done() reads their globals back.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("index", #threads - 1)
end

-- Per-thread state. done() reads globals back with thread:get, which copies numbers and strings
-- well but not tables (wrk 4.1's copy of a nested table crashes it): so the counts and latencies
-- are kept in tables and turned into strings by dump() when the connection stops (see delay()).
index = 0
iterations = 0           -- iterations completed (advance answered 200)
failed_iterations = 0    -- iterations abandoned after a non-2xx or an unusable answer
version_bumps = 0        -- sum of (version after - version before) over the 200 replies of PATCH and advance
events_expected = 0      -- events the 200 replies imply (one per PATCH that bumped the version, one per advance)
first_sent = nil         -- monotonic seconds: first request of this connection
last_received = nil      -- monotonic seconds: last reply
in_flight = false        -- a request is out: true at wrk's stop means one reply was never counted
problems = ""            -- the first few unexpected replies, for the report
dumped = false           -- dump() ran: the strings below are complete
counts_text = ""         -- "get:200=n,patch:409=n,..."
lat_get, lat_patch, lat_advance, lat_iteration = "", "", "", ""   -- milliseconds, space-separated

local counts = {}        -- "get:200" -> n, "patch:409" -> n, ...
local lat = { get = {}, patch = {}, advance = {}, iteration = {} }  -- seconds

local token, path_base, edges
local sessions = {}      -- ids owned by this connection
local position = 1       -- index in sessions of the current session
local state = "get"      -- next request of the iteration: get, patch, advance
local version, node      -- from the last 200 of the current iteration
local sent_at, iteration_start
local cutoff

local problem_count = 0

local function record_problem(kind, status, body)
    problem_count = problem_count + 1
    if problem_count <= 3 then
        problems = problems .. string.format("%s %s session=%d: %s | ", kind, status,
            sessions[position], (body or ""):sub(1, 200):gsub("[\r\n|]", " "))
    end
end

function init(args)
    local tokens_file, first, total, edge_list, load_seconds =
        args[1], tonumber(args[2]), tonumber(args[3]), args[4], tonumber(args[5])
    assert(tokens_file and first and total and edge_list and load_seconds,
        "usage: -- tokens_file first_session sessions edges load_seconds")
    local n = 0
    for line in io.lines(tokens_file) do
        if n == index then token = line end
        n = n + 1
    end
    assert(token, "no token for connection " .. index .. " in " .. tokens_file)
    -- n tokens = n users = n connections: session first + k belongs to user floor(k * n / total),
    -- a block of consecutive ids per user (see session-loop.sh's create_sessions)
    for k = 0, total - 1 do
        if math.floor(k * n / total) == index then
            sessions[#sessions + 1] = first + k
        end
    end
    assert(#sessions > 0, "connection " .. index .. " owns no session")
    edges = {}
    for from, edge in string.gmatch(edge_list, "(%d+):(%d+)") do
        edges[tonumber(from)] = tonumber(edge)
    end
    path_base = "/api/v1/game/sessions/"
    math.randomseed(os.time() + index * 7919)
    cutoff = now() + load_seconds
end

local function headers()
    return {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Accept"] = "application/json",
    }
end

local function dump()
    local parts = {}
    for key, n in pairs(counts) do parts[#parts + 1] = key .. "=" .. n end
    counts_text = table.concat(parts, ",")
    local function ms(samples)
        local out = {}
        for i, s in ipairs(samples) do out[i] = string.format("%.3f", s * 1000) end
        return table.concat(out, " ")
    end
    lat_get, lat_patch, lat_advance, lat_iteration = ms(lat.get), ms(lat.patch), ms(lat.advance), ms(lat.iteration)
    dumped = true
end

-- Between iterations after the cutoff: wait longer than any run (see the header).
function delay()
    if state == "get" and now() >= cutoff then
        if not dumped then dump() end
        return 3600 * 1000
    end
    return 0
end

-- Builds the next request of the current iteration. wrk calls it once more before the run, in the
-- first thread, to check the script; so it changes nothing but the send time.
function request()
    sent_at = now()
    in_flight = true
    local id = sessions[position]
    if state == "get" then
        iteration_start = sent_at
        return wrk.format("GET", path_base .. id, headers())
    elseif state == "patch" then
        local body = string.format(
            '{"relationships":{"npc:1":{"affinity":%d,"trust":%d,"chemistry":%d,"tension":%d}},"expected_version":%d}',
            math.random(0, 100), math.random(0, 100), math.random(0, 100), math.random(0, 100), version)
        return wrk.format("PATCH", path_base .. id, headers(), body)
    else
        return wrk.format("POST", path_base .. id .. "/advance", headers(),
            string.format('{"edge_id":%d}', edges[node]))
    end
end

local function next_session()
    position = position % #sessions + 1
    state = "get"
end

local function fail(kind, status, body)
    failed_iterations = failed_iterations + 1
    record_problem(kind, status, body)
    next_session()
end

local function session_fields(body)
    return tonumber(string.match(body, '"version"%s*:%s*(%d+)')),
        tonumber(string.match(body, '"current_node_id"%s*:%s*(%d+)'))
end

function response(status, headers, body)
    local t = now()
    local kind = state
    in_flight = false
    first_sent = first_sent or sent_at
    last_received = t
    local key = kind .. ":" .. status
    counts[key] = (counts[key] or 0) + 1
    local samples = lat[kind]
    samples[#samples + 1] = t - sent_at
    if status ~= 200 then
        return fail(kind, status, body)
    end
    local v, n = session_fields(body)
    if not v or not n then
        return fail(kind, "unparsable", body)
    end
    if kind == "get" then
        version, node = v, n
        state = "patch"
    elseif kind == "patch" then
        if v ~= version then
            events_expected = events_expected + 1
        end
        version_bumps = version_bumps + (v - version)
        version, node = v, n
        if not edges[node] then
            return fail(kind, "no edge from node " .. node, body)
        end
        state = "advance"
    else
        version_bumps = version_bumps + (v - version)
        events_expected = events_expected + 1
        iterations = iterations + 1
        local it = lat.iteration
        it[#it + 1] = t - iteration_start
        next_session()
    end
end

-- Nearest-rank percentile of a sorted list of milliseconds.
local function percentile(sorted, p)
    if #sorted == 0 then return 0 end
    return sorted[math.max(1, math.ceil(p / 100 * #sorted))]
end

function done(summary, latency, requests)
    local total = { iterations = 0, failed_iterations = 0, version_bumps = 0, events_expected = 0 }
    local all_counts, merged = {}, { get = {}, patch = {}, advance = {}, iteration = {}, request = {} }
    local start, finish, problem_text, unanswered, not_dumped = nil, nil, "", 0, 0
    for _, thread in ipairs(threads) do
        for key in pairs(total) do
            total[key] = total[key] + (thread:get(key) or 0)
        end
        if not thread:get("dumped") then not_dumped = not_dumped + 1 end
        for key, n in string.gmatch(thread:get("counts_text") or "", "([%w:]+)=(%d+)") do
            all_counts[key] = (all_counts[key] or 0) + tonumber(n)
        end
        for _, kind in ipairs({ "get", "patch", "advance", "iteration" }) do
            for v in string.gmatch(thread:get("lat_" .. kind) or "", "%S+") do
                local x = tonumber(v)
                table.insert(merged[kind], x)
                if kind ~= "iteration" then table.insert(merged.request, x) end
            end
        end
        local f, l = thread:get("first_sent"), thread:get("last_received")
        if f and (not start or f < start) then start = f end
        if l and (not finish or l > finish) then finish = l end
        problem_text = problem_text .. (thread:get("problems") or "")
        if thread:get("in_flight") then unanswered = unanswered + 1 end
    end
    local window = (start and finish) and (finish - start) or 0
    local requests_total, non2xx, status_text = 0, 0, {}
    local keys = {}
    for key in pairs(all_counts) do keys[#keys + 1] = key end
    table.sort(keys)
    for _, key in ipairs(keys) do
        local n = all_counts[key]
        requests_total = requests_total + n
        if not string.match(key, ":2%d%d$") then non2xx = non2xx + n end
        status_text[#status_text + 1] = key .. "=" .. n
    end
    local e = summary.errors
    local function put(key, value) io.write("BENCH ", key, "=", tostring(value), "\n") end
    put("window_s", string.format("%.3f", window))
    put("iterations", total.iterations)
    put("failed_iterations", total.failed_iterations)
    put("requests", requests_total)
    put("iterations_per_s", string.format("%.1f", window > 0 and total.iterations / window or 0))
    put("requests_per_s", string.format("%.1f", window > 0 and requests_total / window or 0))
    put("statuses", #status_text > 0 and table.concat(status_text, ",") or "none")
    put("non2xx", non2xx)
    put("version_bumps", total.version_bumps)
    put("events_expected", total.events_expected)
    -- Connections still waiting for a reply at wrk's stop, and connections that never reached the
    -- end of their load (their statuses and latencies are missing above): both should be 0.
    put("unanswered", unanswered)
    put("not_stopped", not_dumped)
    put("socket_errors", e.connect + e.read + e.write + e.timeout)
    put("socket_errors_detail", string.format("connect:%d,read:%d,write:%d,timeout:%d",
        e.connect, e.read, e.write, e.timeout))
    for _, kind in ipairs({ "get", "patch", "advance", "request", "iteration" }) do
        local sorted = merged[kind]
        table.sort(sorted)
        put(kind .. "_n", #sorted)
        put(kind .. "_p50_ms", string.format("%.2f", percentile(sorted, 50)))
        put(kind .. "_p99_ms", string.format("%.2f", percentile(sorted, 99)))
        put(kind .. "_max_ms", string.format("%.2f", percentile(sorted, 100)))
    end
    -- wrk's own histogram of every request (its clock: from the write to the full reply).
    put("wrk_p50_ms", string.format("%.2f", latency:percentile(50) / 1000))
    put("wrk_p99_ms", string.format("%.2f", latency:percentile(99) / 1000))
    put("problems", problem_text ~= "" and problem_text:sub(1, 1500) or "none")
end
