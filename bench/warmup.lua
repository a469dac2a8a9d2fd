-- wrk script of bench/warmup.sh: session-loop.lua's player loop, unchanged, plus the replies counted
-- per 5 s window of wall-clock time since the server process started (argument 6: its start, Unix
-- seconds). done() prints session-loop.lua's "BENCH" lines, then "BENCH window_<i>=<replies>" for
-- every window i (replies received from start + 5i to start + 5i + 5 s, every status).
--
-- Arguments (after wrk's "--"): those of session-loop.lua, then process_start_epoch window_seconds.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "session-loop.lua")

local ffi = require("ffi")
local CLOCK_REALTIME = 0
local wall_ts = ffi.new("bench_timespec")   -- the struct session-loop.lua declared

local function wall()
    ffi.C.clock_gettime(CLOCK_REALTIME, wall_ts)
    return tonumber(wall_ts.tv_sec) + tonumber(wall_ts.tv_nsec) / 1e9
end

local process_start, window_seconds
local windows = {}           -- window index -> replies
windows_text = ""            -- "i=n,i=n,..." once this connection has stopped (read back by done())

local loop_setup, loop_init, loop_response, loop_delay, loop_done = setup, init, response, delay, done
local window_threads = {}    -- session-loop.lua keeps its own list of threads to itself

function setup(thread)
    loop_setup(thread)
    table.insert(window_threads, thread)
end

function init(args)
    loop_init(args)
    process_start = tonumber(args[6])
    window_seconds = tonumber(args[7] or 5)
    assert(process_start, "usage: -- <session-loop.lua arguments> process_start_epoch [window_seconds]")
end

function response(status, headers, body)
    local i = math.floor((wall() - process_start) / window_seconds)
    windows[i] = (windows[i] or 0) + 1
    return loop_response(status, headers, body)
end

-- session-loop.lua's delay() stops a connection after its load; the windows are written out then too.
function delay()
    local wait = loop_delay()
    if dumped and windows_text == "" then
        local parts = {}
        for i, n in pairs(windows) do parts[#parts + 1] = i .. "=" .. n end
        windows_text = table.concat(parts, ",") .. ","
    end
    return wait
end

function done(summary, latency, requests)
    loop_done(summary, latency, requests)
    local merged, last = {}, -1
    for _, thread in ipairs(window_threads) do
        for i, n in string.gmatch(thread:get("windows_text") or "", "(%d+)=(%d+)") do
            i = tonumber(i)
            merged[i] = (merged[i] or 0) + tonumber(n)
            if i > last then last = i end
        end
    end
    for i = 0, last do
        io.write("BENCH window_", i, "=", merged[i] or 0, "\n")
    end
end
