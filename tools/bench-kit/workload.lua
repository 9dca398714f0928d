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
local auth = { ["Host"] = "127.0.0.1", ["Authorization"] = "Bearer " .. token }
local json = {
  ["Host"] = "127.0.0.1",
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
}

-- Built in init(), once wrk knows the host: wrk.format sends no Host header before that, and
-- HTTP/1.1 servers that require one (Node's, so Prism) answer 400.
local requests, cycle, single

function init(args)
  requests = {
    viewers = wrk.format("GET", base .. "/viewers?page=1&limit=20&search=" .. search, auth),
    history = wrk.format("GET", base .. "/chat/messages?limit=20", auth),
    chat = wrk.format("POST", base .. "/chat/messages", json, '{"content":"Selam from the bench"}'),
    superlike = wrk.format("POST", base .. "/chat/superlike", auth),
  }
  if workload == "mixed" then
    cycle = {
      requests.viewers, requests.history, requests.viewers, requests.chat, requests.viewers,
      requests.viewers, requests.superlike, requests.history, requests.viewers, requests.viewers,
    }
  else
    single = requests[workload]
    if single == nil then
      error("unknown BENCH_WORKLOAD " .. workload)
    end
  end
end

local i = 0
function request()
  if single then
    return single
  end
  i = i % #cycle + 1
  return cycle[i]
end
