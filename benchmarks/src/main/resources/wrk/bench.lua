-- The wrk script of bin/seckill bench (dev.seckill.bench.wrk.Wrk copies it into the run directory and sets
-- its environment). Every request POSTs BENCH_BODY to BENCH_PATH with the headers of BENCH_HEADERS (one
-- "Name: value" a line) and a new shopper: thread i sends the tokens of the file BENCH_TOKENS.i, each once,
-- as Authorization: Bearer (with BENCH_CYCLE set, round and round: for answers given before the token is
-- read); or, for a service called without the gateway, X-User-Id BENCH_USERS<i>-<n>.
-- With BENCH_RATE set, the threads together send that many requests a second (delay hook). done() prints
-- one line, "bench-result {...}", with the statuses counted in response() and wrk's latency percentiles.

local path = os.getenv("BENCH_PATH")
local body = os.getenv("BENCH_BODY") or '{"quantity":1}'
local token_files = os.getenv("BENCH_TOKENS")
local user_prefix = os.getenv("BENCH_USERS") or "wrk-"
local rate = tonumber(os.getenv("BENCH_RATE") or "")
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "1")
local cycle = os.getenv("BENCH_CYCLE") ~= nil

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  sent = 0
  out_of_tokens = 0
  headers = {["Content-Type"] = "application/json"}
  for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
    local name, value = string.match(line, "^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  tokens = {}
  if token_files then
    for line in io.lines(token_files .. "." .. index) do
      tokens[#tokens + 1] = line
    end
  end
end

function request()
  sent = sent + 1
  if token_files then
    if sent > #tokens and cycle then
      sent = 1
    elseif sent > #tokens then
      -- Spent: the thread stops, and the bench repeats the phase with more tokens. Until it has stopped,
      -- its last shopper asks again (and is refused by the per-shopper limit): no token counts twice as new.
      out_of_tokens = 1
      sent = #tokens
      wrk.thread:stop()
    end
    headers["Authorization"] = "Bearer " .. tokens[sent]
  else
    headers["X-User-Id"] = user_prefix .. index .. "-" .. sent
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, response_headers, response_body)
  statuses[status] = (statuses[status] or 0) + 1
end

if rate then
  -- Pacing: each call takes the next slot of this thread's share of the rate. wrk asks for the pause after
  -- every answer, so a connection waits for its slot; one that is late goes at once, but never more than a
  -- second's worth of late slots is made up in a burst.
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock, bench_timespec *now);
  ]]
  local CLOCK_MONOTONIC = 1
  local clock = ffi.new("bench_timespec")
  local interval_ms = 1000 * thread_count / rate
  local next_slot

  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
    return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
  end

  function delay()
    local now = now_ms()
    if next_slot == nil or next_slot < now - 1000 then
      next_slot = now
    end
    local wait = next_slot - now
    next_slot = next_slot + interval_ms
    if wait <= 0 then
      return 0
    end
    return math.floor(wait + 0.5)
  end
end

function done(summary, latency, requests)
  local merged = {}
  local spent = 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + count
    end
    spent = spent + thread:get("out_of_tokens")
  end
  local counts = {}
  for status, count in pairs(merged) do
    counts[#counts + 1] = string.format('"%d":%d', status, count)
  end
  local errors = summary.errors
  io.write(string.format('bench-result {"requests":%d,"durationMicros":%d,"statuses":{%s},'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"threadsOutOfTokens":%d,'
      .. '"latencyMicros":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\n',
      summary.requests, summary.duration, table.concat(counts, ","),
      errors.connect, errors.read, errors.write, errors.status, errors.timeout, spent,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
      latency.max, latency.mean))
end
