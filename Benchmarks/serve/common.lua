-- What both wrk scripts share: the files serve-load writes in $LOAD_DIR, and numbered threads.
dir = os.getenv("LOAD_DIR") or "."

-- The lines of $LOAD_DIR/NAME, each as `parse` makes it (nil drops the line).
function load_lines(name, parse)
    local items = {}
    for line in io.lines(dir .. "/" .. name) do
        local item = parse(line)
        if item then items[#items + 1] = item end
    end
    return items
end

-- Every thread gets its number (the global `id` in its own state); `done` reads them all.
threads = {}
function setup(thread)
    thread:set("id", #threads + 1)
    threads[#threads + 1] = thread
end
