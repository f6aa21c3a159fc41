-- wrk script for bench/intake/run.sh: the same alerts to Alertmanager or to Firebreak.
-- Env: TARGET=am|firebreak, URL_PATH=/api/v2/alerts or /integrations/alertmanager/<key>,
--      MODE=dup (the same batch every request: dedup path) | uniq (never-seen label sets) | mixed (the connection's
--      BATCH-1 alerts again and one never seen, as Alertmanager re-sends a group's firing alerts with each new one),
--      BATCH=1|100 (mixed: 2 or more).
local TARGET = os.getenv("TARGET") or "am"
local MODE = os.getenv("MODE") or "dup"
local BATCH = tonumber(os.getenv("BATCH") or "1")
local PATH = os.getenv("URL_PATH") or "/api/v2/alerts"

local counter = 0
local threads = 0
tid = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local function alert(id, n)
  return string.format(
    '{"status":"firing","labels":{"alertname":"BenchAlert","service":"svc-%d","instance":"host-%d","severity":"critical","id":"%s"},' ..
    '"annotations":{"summary":"bench alert %s"},"generatorURL":"http://127.0.0.1/bench"}', n % 20, n, id, id)
end

local function body(prefix)
  local parts = {}
  for i = 1, BATCH do
    counter = counter + 1
    parts[i] = alert(prefix .. "-" .. counter, counter)
  end
  local list = "[" .. table.concat(parts, ",") .. "]"
  if TARGET == "am" then return list end
  return '{"version":"4","status":"firing","alerts":' .. list .. '}'
end

local headers = { ["Content-Type"] = "application/json" }
local fixed
local repeated

local function wrap(list)
  if TARGET == "am" then return list end
  return '{"version":"4","status":"firing","alerts":' .. list .. '}'
end

function init(args)
  -- LuaJIT's generator starts from the same seed in every process: unseeded, the measured run would resend the
  -- warm-up run's alerts, and part of "uniq" would be repeats.
  math.randomseed(os.time() * 100 + tid)
  if MODE == "dup" then fixed = wrk.format("POST", PATH, headers, body("dup" .. tid)) end
  if MODE == "mixed" then
    local parts = {}
    for i = 1, BATCH - 1 do
      counter = counter + 1
      parts[i] = alert("mix" .. tid .. "-" .. counter, counter)
    end
    repeated = table.concat(parts, ",")
  end
end

function request()
  if MODE == "dup" then return fixed end
  if MODE == "mixed" then
    counter = counter + 1
    local fresh = alert("m" .. tid .. "-" .. math.random(1, 1000000000) .. "-" .. counter, counter)
    return wrk.format("POST", PATH, headers, wrap("[" .. repeated .. "," .. fresh .. "]"))
  end
  return wrk.format("POST", PATH, headers, body("u" .. tid .. "-" .. math.random(1, 1000000000)))
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local ok = summary.requests - summary.errors.status
  io.write(string.format(
    'RESULT %d %d %.1f %.3f %.3f %.3f\n',
    ok, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    ok * BATCH / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
