-- wrk script (run from the package folder): signed-in clients reading pages. Each request goes out under the next of the
-- sessions in $LOAD_DIR/read-sessions.txt (one "cookie csrf" a line), so the connections act
-- for many people. With LOAD_PAGE=dashboard every request is GET /; with LOAD_PAGE=request
-- each is GET /requests/REF for a reference picked at random from $LOAD_DIR/read-references.txt.
dofile("Benchmarks/serve/common.lua")
local page = os.getenv("LOAD_PAGE") or "request"

local sessions = load_lines("read-sessions.txt", function(line) return line:match("^(%S+)") end)
local references = {}
if page ~= "dashboard" then
    references = load_lines("read-references.txt", function(line) return #line > 0 and line or nil end)
end

local sent = 0
function init(args)
    math.randomseed(os.time() * 1000 + (id or 1) * 7919)
end

function request()
    sent = sent + 1
    local cookie = "comity_session=" .. sessions[(sent + (id or 1) * 13) % #sessions + 1]
    local path = "/"
    if page ~= "dashboard" then path = "/requests/" .. references[math.random(#references)] end
    return wrk.format("GET", path, { ["Cookie"] = cookie })
end
