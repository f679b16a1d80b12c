-- wrk script for the ZGW scenarios: rotates over the request paths in BENCH_PATHS_FILE (one per
-- line, "GET /path" or "POST /path <json body>"), signed with the token in BENCH_TOKEN, then
-- reports like report.lua (loaded from BENCH_REPORT_LUA).
local token = os.getenv("BENCH_TOKEN")
local requests = {}
local i = 0

local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Accept-Crs"] = "EPSG:4326",
  ["Content-Crs"] = "EPSG:4326",
  ["Content-Type"] = "application/json",
}

-- The requests are made here: wrk sets wrk.headers.Host just before it calls init, and
-- wrk.format adds only what wrk.headers holds (without a Host header the server answers 400).
-- Each wrk thread starts at another place in the list.
init = function(args)
  headers["Host"] = wrk.headers["Host"]
  for line in io.lines(os.getenv("BENCH_PATHS_FILE")) do
    local method, path, body = line:match("^(%u+) (%S+) ?(.*)$")
    if method then
      requests[#requests + 1] = wrk.format(method, path, headers, body ~= "" and body or nil)
    end
  end
  i = math.random(#requests)
end

request = function()
  i = i % #requests + 1
  return requests[i]
end

dofile(os.getenv("BENCH_REPORT_LUA"))
