-- wrk script for the case scenarios: requests through a logged-in session, rotating over the
-- sessions in BENCH_SESSIONS_FILE (one "COOKIE CSRF_TOKEN" per line); BENCH_METHOD and
-- BENCH_PATH say what to send. A POST sends BENCH_BODY with the session's CSRF token and a new
-- Idempotency-Key each time (BENCH_RUN, the wrk thread and a counter), so every request asks
-- for a new case. Reports like report.lua (loaded from BENCH_REPORT_LUA).
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH")
local body = os.getenv("BENCH_BODY")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local sessions = {}
for line in io.lines(os.getenv("BENCH_SESSIONS_FILE")) do
  local cookie, csrf = line:match("^(%S+) (%S+)$")
  if cookie then sessions[#sessions + 1] = { cookie = cookie, csrf = csrf } end
end

local fixed = {}
local host

-- Each wrk thread gets a number, so that the keys of two threads never meet.
local next_thread = 1
function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

local i = 0
local sent = 0
-- The requests are made here: wrk sets wrk.headers.Host just before it calls init, and
-- wrk.format adds only what wrk.headers holds (without a Host header the server answers 400).
init = function(args)
  host = wrk.headers["Host"]
  if method == "GET" then
    for k, s in ipairs(sessions) do
      fixed[k] = wrk.format("GET", path,
        { ["Host"] = host, ["Cookie"] = s.cookie, ["Accept"] = "application/json" })
    end
  end
  i = math.random(#sessions)
end

request = function()
  i = i % #sessions + 1
  if method == "GET" then return fixed[i] end
  sent = sent + 1
  local s = sessions[i]
  return wrk.format(method, path, {
    ["Host"] = host,
    ["Cookie"] = s.cookie,
    ["X-CSRF-Token"] = s.csrf,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, thread_number or 0, sent),
  }, body)
end

dofile(os.getenv("BENCH_REPORT_LUA"))
