-- wrk script for tools/bench: one workload of the live-streaming API, chosen by BENCH_WORKLOAD.
--   viewers    GET a page of 20 viewers with a search (the audience list of a stream UI)
--   history    GET the newest 20 chat messages
--   chat       POST a chat message
--   superlike  POST a superlike (the sender's credits are set high enough for the whole run)
--   mixed      60% viewers, 20% history, 10% chat, 10% superlike, interleaved
-- BENCH_TOKEN, BENCH_STREAM and BENCH_SEARCH say who asks, about which stream.

local token = os.getenv("BENCH_TOKEN")
local stream = os.getenv("BENCH_STREAM")
local search = os.getenv("BENCH_SEARCH") or "a"
local workload = os.getenv("BENCH_WORKLOAD") or "viewers"
local base = "/api/v1/live-stream/" .. stream
local auth = { ["Authorization"] = "Bearer " .. token }
local json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

local requests = {
  viewers = wrk.format("GET", base .. "/viewers?page=1&limit=20&search=" .. search, auth),
  history = wrk.format("GET", base .. "/chat/messages?limit=20", auth),
  chat = wrk.format("POST", base .. "/chat/messages", json, '{"content":"Selam from the bench"}'),
  superlike = wrk.format("POST", base .. "/chat/superlike", auth),
}

if workload == "mixed" then
  local cycle = {
    requests.viewers, requests.history, requests.viewers, requests.chat, requests.viewers,
    requests.viewers, requests.superlike, requests.history, requests.viewers, requests.viewers,
  }
  local i = 0
  request = function()
    i = i % #cycle + 1
    return cycle[i]
  end
else
  local r = requests[workload]
  if r == nil then
    error("unknown BENCH_WORKLOAD " .. workload)
  end
  request = function()
    return r
  end
end
