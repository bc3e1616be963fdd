-- wrk script (run from the package folder): signed-in clerks recording replies through the reply form, each POST to a
-- request no other POST of the run touches. Sessions come from $LOAD_DIR/write-sessions.txt
-- ("cookie csrf" a line), references from $LOAD_DIR/write-references.txt; thread N of
-- $LOAD_THREADS takes every LOAD_THREADS-th reference from the N-th on.
-- Every 303 is an acknowledged write: its request's reference (from the Location header) goes
-- to $LOAD_DIR/acked-N.txt, and `done` prints "acknowledged A refused R" for the script to check.
dofile("Benchmarks/serve/common.lua")
local threadCount = tonumber(os.getenv("LOAD_THREADS") or "1")
local today = os.getenv("LOAD_TODAY") or "2026-11-21"

local sessions = load_lines("write-sessions.txt", function(line)
    local cookie, csrf = line:match("^(%S+)%s+(%S+)")
    return cookie and { cookie = cookie, csrf = csrf } or nil
end)
local references = load_lines("write-references.txt", function(line) return #line > 0 and line or nil end)

-- Globals, so that `done` can read them from each thread.
sent, acknowledged, refused, log = 0, 0, 0, nil
function init(args)
    log = assert(io.open(dir .. "/acked-" .. id .. ".txt", "w"))
end

local function escape(text)
    return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
    local index = (id - 1) + sent * threadCount + 1
    sent = sent + 1
    local reference = references[(index - 1) % #references + 1]
    local session = sessions[(index - 1) % #sessions + 1]
    local body = "date=" .. today .. "&kind=interim-status&classification=restricted"
        .. "&summary=" .. escape("Load reply " .. id .. "-" .. sent)
        .. "&csrf=" .. session.csrf
    return wrk.format("POST", "/requests/" .. reference .. "/replies", {
        ["Cookie"] = "comity_session=" .. session.cookie,
        ["Content-Type"] = "application/x-www-form-urlencoded",
    }, body)
end

function response(status, headers, body)
    if status == 303 then
        local location
        for name, value in pairs(headers) do
            if name:lower() == "location" then location = value end
        end
        local reference = location and location:match("^/requests/([^?]+)")
        if reference then
            acknowledged = acknowledged + 1
            log:write(reference, "\n")
            log:flush()
        else
            refused = refused + 1
        end
    else
        refused = refused + 1
    end
end

function done(summary, latency, requests)
    local a, r = 0, 0
    for _, thread in ipairs(threads) do
        a = a + (thread:get("acknowledged") or 0)
        r = r + (thread:get("refused") or 0)
    end
    io.write(string.format("acknowledged %d refused %d\n", a, r))
end
