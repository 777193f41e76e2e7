-- wrk script: cycle through the paths listed (one a line) in the file named by
-- WRK_URLS_FILE, and count the 5xx answers over all threads.
local paths = {}
for line in io.lines(os.getenv("WRK_URLS_FILE")) do
  if line ~= "" then paths[#paths + 1] = line end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  errors_5xx = 0
  position = math.random(#paths)
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if status >= 500 then errors_5xx = errors_5xx + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("errors_5xx") end
  io.write(string.format("RESULT 5xx=%d requests=%d errors_connect=%d errors_read=%d errors_timeout=%d p50_ms=%.1f p99_ms=%.1f\n",
    total, summary.requests, summary.errors.connect, summary.errors.read, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
