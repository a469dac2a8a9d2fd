-- wrk script of bench/world-advance.sh: POST /api/v1/game/worlds/{id}/advance as fast as wrk can,
-- counting the replies by status so the caller knows exactly how many advances the service accepted.
--
-- Arguments (after wrk's "--"): world_id token delta_seconds advance_seconds
--
-- Why advance_seconds (a little less than wrk's -d): when -d ends, wrk drops its connections with
-- their requests still in flight, and the service commits those advances anyway without wrk ever
-- seeing the reply. Counted naively, world_time would then move by more than (200 replies x delta).
-- So after advance_seconds each connection, once its last reply is in, waits (delay()) instead of
-- sending another advance: by the end of -d every advance sent has been answered and counted.
-- The wait also keeps the drain out of wrk's latency figures and Requests/sec.

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

-- Main Lua state: every thread object, to sum their counters in done().
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state; these globals are read back with thread:get).
advances_sent = 0  -- advance requests written
ok = 0             -- replies with status 200
other_2xx = 0      -- replies with another 2xx status
statuses = ""      -- non-2xx statuses as "code=count,..." (a string: simplest to copy across Lua states)

local counts = {}
local advance_request, cutoff

function init(args)
    local world_id, token, delta, advance_seconds = args[1], args[2], args[3], tonumber(args[4])
    assert(world_id and token and delta and advance_seconds, "usage: -- world_id token delta advance_seconds")
    advance_request = wrk.format("POST", "/api/v1/game/worlds/" .. world_id .. "/advance", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Accept"] = "application/json",
    }, '{"delta_seconds": ' .. delta .. '}')
    cutoff = now() + advance_seconds
end

-- Milliseconds to wait before the connection's next request: none until the cutoff, then longer
-- than any run (wrk's --timeout only counts connections whose request is older than it, so keep
-- DRAIN below --timeout).
function delay()
    if now() < cutoff then
        return 0
    end
    return 3600 * 1000
end

function request()
    advances_sent = advances_sent + 1
    return advance_request
end

function response(status, headers, body)
    if status == 200 then
        ok = ok + 1
    elseif status >= 200 and status < 300 then
        other_2xx = other_2xx + 1
    else
        counts[status] = (counts[status] or 0) + 1
        local parts = {}
        for code, n in pairs(counts) do
            parts[#parts + 1] = code .. "=" .. n
        end
        statuses = table.concat(parts, ",")
    end
end

function done(summary, latency, requests)
    local total = { advances_sent = 0, ok = 0, other_2xx = 0 }
    local non2xx = {}
    for _, thread in ipairs(threads) do
        for key in pairs(total) do
            total[key] = total[key] + (thread:get(key) or 0)
        end
        for code, n in string.gmatch(thread:get("statuses") or "", "(%d+)=(%d+)") do
            non2xx[code] = (non2xx[code] or 0) + tonumber(n)
        end
    end
    -- wrk calls request() once in the first thread's state before the run starts, only to check the
    -- script (script_verify_request); that advance was counted but never sent.
    total.advances_sent = total.advances_sent - 1
    local non2xx_total, non2xx_text = 0, {}
    for code, n in pairs(non2xx) do
        non2xx_total = non2xx_total + n
        non2xx_text[#non2xx_text + 1] = code .. "=" .. n
    end
    local e = summary.errors
    -- Machine-readable lines for world-advance.sh; one key=value per line.
    io.write("BENCH advances_sent=", total.advances_sent, "\n")
    io.write("BENCH advances_ok=", total.ok, "\n")
    io.write("BENCH advances_other_2xx=", total.other_2xx, "\n")
    io.write("BENCH non2xx=", non2xx_total, "\n")
    io.write("BENCH non2xx_by_status=", (#non2xx_text > 0 and table.concat(non2xx_text, ",") or "none"), "\n")
    io.write("BENCH socket_errors=", e.connect + e.read + e.write + e.timeout, "\n")
    io.write(string.format("BENCH socket_errors_detail=connect:%d,read:%d,write:%d,timeout:%d\n",
        e.connect, e.read, e.write, e.timeout))
    io.write(string.format("BENCH latency_p50_ms=%.2f\n", latency:percentile(50) / 1000))
    io.write(string.format("BENCH latency_p99_ms=%.2f\n", latency:percentile(99) / 1000))
end
