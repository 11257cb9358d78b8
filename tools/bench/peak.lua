-- wrk script for `edtech load peak`: every student submits exactly once, in one burst.
-- PEAK_REQUESTS: one line per student, "token<TAB>idempotency key<TAB>JSON body" (written by the driver).
-- PEAK_PATH: the submission route; PEAK_THREADS: wrk's -t; PEAK_DONE_DIR: an empty folder for the end markers.
-- Thread k (0-based) sends lines k, k+T, k+2T, ...; once its lines are all sent it holds its connections idle
-- (delay), and when every one of them has an answer it stops, leaves a marker, and the last thread to finish
-- interrupts wrk (SIGINT, as Ctrl-C), so wrk's duration is the burst's and no request is sent twice.
-- done() prints one "PEAK key=value ..." line the driver parses (latencies in microseconds).
local threads = {}
local created = 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
  table.insert(threads, thread)
end

function init(args)
  total_threads = tonumber(os.getenv("PEAK_THREADS"))
  done_dir = os.getenv("PEAK_DONE_DIR")
  local path = os.getenv("PEAK_PATH")
  reqs = {}
  local n = 0
  for line in io.lines(os.getenv("PEAK_REQUESTS")) do
    if n % total_threads == id then
      local token, key, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      reqs[#reqs + 1] = wrk.format("POST", path, {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = key,
      }, body)
    end
    n = n + 1
  end
  -- wrk calls request() once in the first thread to check the script (script_verify_request) before any connection:
  -- that call must not use up a student.
  verify_call = (id == 0)
  sent = 0
  claimed = 0
  pending = 0
  answered = 0
  non202 = 0
  extra = 0
  finished = false
end

function request()
  if verify_call then
    verify_call = false
    return reqs[1]
  end
  if pending > 0 then
    pending = pending - 1
  elseif claimed < #reqs then
    claimed = claimed + 1
  else
    -- Only after a reconnect (a socket error) or with more connections than lines: never a second submission.
    extra = extra + 1
    return wrk.format("GET", "/api/health")
  end
  sent = sent + 1
  return reqs[sent]
end

-- Called after each answer, before that connection's next request(): a line is claimed here, so two connections
-- answered at once cannot both take the last one.
function delay()
  if claimed < #reqs then
    claimed = claimed + 1
    pending = pending + 1
    return 0
  end
  return 3600000
end

local function finish()
  finished = true
  local marker = io.open(done_dir .. "/" .. id, "w")
  marker:close()
  local all = true
  for k = 0, total_threads - 1 do
    local other = io.open(done_dir .. "/" .. k, "r")
    if other then other:close() else all = false end
  end
  if all then
    -- popen, not os.execute: system() ignores SIGINT in the caller while it waits.
    local kill = io.popen("kill -INT $PPID")
    kill:close()
  end
  wrk.thread:stop()
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 202 then
    non202 = non202 + 1
  end
  if not finished and answered >= #reqs then
    finish()
  end
end

function done(summary, latency, requests)
  local non, ext = 0, 0
  for _, t in ipairs(threads) do
    non = non + (t:get("non202") or 0)
    ext = ext + (t:get("extra") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "PEAK requests=%d duration_us=%d non202=%d extra=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d\n",
    summary.requests, summary.duration, non, ext, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout))
end
