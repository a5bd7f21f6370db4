-- wrk script for bench/load.sh: counts the answers by status, and with RANDOM_PARAM set asks for
-- "/?<RANDOM_PARAM>=<a random number>" each time (a query string never seen before).
local random_param = os.getenv("RANDOM_PARAM")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1e6) % 1000)
end

function request()
  if random_param and random_param ~= "" then
    return wrk.format("GET", "/?" .. random_param .. "=" .. math.random(1, 1000000000))
  end
  return wrk.format("GET", wrk.path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d: %d\n", status, count))
  end
end
