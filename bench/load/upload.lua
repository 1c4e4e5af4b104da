-- wrk script: POST one track batch of 50 fixes per request, each with a fresh batch id (no retries, no duplicates).
-- TASKS (comma-separated task ids) and TOKEN come from the environment; bench/load.sh sets them.
local tasks = {}
for id in string.gmatch(os.getenv("TASKS") or "", "[^,]+") do tasks[#tasks + 1] = id end
local token = os.getenv("TOKEN")
local counter = 0
-- Each wrk thread has its own Lua state: seed from its table address too, or two threads would make the same ids.
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%012x", math.random(0, 0xffffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffffffffff))
end

request = function()
  counter = counter + 1
  local points = {}
  local t0 = os.time() - 7200
  for i = 0, 49 do
    points[#points + 1] = string.format(
      '{"lon":%.6f,"lat":35.500000,"accuracy":5,"time":"%s"}', 103.1 + i * 0.00001,
      os.date("!%Y-%m-%dT%H:%M:%SZ", t0 + i))
  end
  local body = '{"batchId":"' .. uuid() .. '","points":[' .. table.concat(points, ",") .. ']}'
  local task = tasks[(counter % #tasks) + 1]
  return wrk.format("POST", "/api/patrol/tracks/" .. task .. "/batches",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
