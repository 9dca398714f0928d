#!/usr/bin/env bash
# CTest: livestream-mock --proxy in front of a stand-in real server (tests/standin: its own data,
# secret and tokens; Mongo-style extra fields; decided facts answered otherwise; a documented
# field dropped; a route not deployed). Checks, over HTTP:
#   forwarded: the real server's answer, byte for byte, with X-Mock-Answered-By: real-server;
#   differences: sl-violations (Prism's format) with Warning for decided facts, Error for a
#     documented one, and GET /__mock/drift grouping them as drift and broken;
#   gaps: a route the real server lacks, and one named by --mock-ops, answered by the mock from its
#     own state, with the real server's token, and the journal saying who answered;
#   failures: an unreachable server is a 502 envelope, a slow one a 504.
#   proxy_test.sh STANDIN_SH LIVESTREAM_MOCK WORK_DIR
set -uo pipefail
standin_sh="$1" mock="$2" work="$3"
rm -rf "$work" && mkdir -p "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  "$standin_sh" stop "$work/standin" >/dev/null 2>&1
  "$standin_sh" stop "$work/slow" >/dev/null 2>&1
}
trap cleanup EXIT
failed=0
check() {  # check DESCRIPTION COMMAND...
  local what="$1"
  shift
  if "$@" >/dev/null; then echo "  ok   $what"; else echo "  FAIL $what"; failed=$((failed + 1)); fi
}

# start_mock NAME ARGS...: a livestream-mock on a free port; sets $url.
start_mock() {
  local name="$1"
  shift
  "$mock" --host 127.0.0.1 --port 0 --no-print-tokens "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  url=""
  for _ in $(seq 100); do
    url="$(grep -o 'listening on http://[0-9.:]*' "$work/$name.out" | head -1 | cut -d' ' -f3)"
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "the $name mock did not start: $(cat "$work/$name.err")"
  exit 1
}

"$standin_sh" start "$work/standin" --extra-fields --decided-differences \
  --drop-field "POST live-stream/create:title" --missing-route "chat/superlike" >/dev/null ||
  { echo "the stand-in did not start"; exit 1; }
# shellcheck disable=SC1091
source "$work/standin/target.env"
real="$CONTRACT_BASE_URL"
start_mock proxy --proxy "$real" --fixtures "$work/standin/fixtures" --mock-ops getConsentHistory
proxy="$url"
host="$CONTRACT_TOKEN_HOST" audience="$CONTRACT_TOKEN_AUDIENCE"
audience_id="$(awk '$1 == "AUDIENCE" {print $2}' "$work/standin/roles")"

echo "== forwarded, with its differences"
curl -s -D "$work/contacts.h" -o "$work/contacts.via" "$proxy/api/v1/contacts?page=1&limit=5" \
  -H "Authorization: Bearer $host"
curl -s -o "$work/contacts.direct" "$real/api/v1/contacts?page=1&limit=5" -H "Authorization: Bearer $host"
check "the real server's answer comes through" \
  cmp -s <(jq -S 'del(.timestamp)' "$work/contacts.via") <(jq -S 'del(.timestamp)' "$work/contacts.direct")
check "X-Mock-Answered-By: real-server" grep -qi '^X-Mock-Answered-By: real-server' "$work/contacts.h"
sl="$(grep -i '^sl-violations:' "$work/contacts.h" | cut -d' ' -f2- | tr -d '\r')"
check "sl-violations names the extra field as a decided difference (Warning)" \
  jq -e 'any(.[]; .severity == "Warning" and .code == "additionalProperties" and (.location | index("__v")))' <<<"$sl"
check "no documented difference on contacts" jq -e 'all(.[]; .severity == "Warning")' <<<"$sl"

curl -s -D "$work/create.h" -o "$work/create.b" "$proxy/api/v1/live-stream/create" \
  -H "Authorization: Bearer $host" -F title="Proxy yayını" -F liveStreamType=solo
check "create is forwarded (201 from the real server)" grep -q '^HTTP/1.1 201' "$work/create.h"
sl="$(grep -i '^sl-violations:' "$work/create.h" | cut -d' ' -f2- | tr -d '\r')"
check "the dropped documented field is an Error" \
  jq -e 'any(.[]; .severity == "Error" and (.location == ["response","body","data","title"] or (.message | test("title"))))' <<<"$sl"

curl -s -D "$work/nf.h" -o "$work/nf.b" "$proxy/api/v1/live-stream/0123456789abcdef01234567/viewers" \
  -H "Authorization: Bearer $host"
check "a 404 in the API's envelope is the real server's own answer, not a gap" \
  bash -c "grep -qi '^X-Mock-Answered-By: real-server' '$work/nf.h' && jq -e '.statusCode == 404' '$work/nf.b' >/dev/null"

echo "== the drift log"
curl -s "$proxy/__mock/drift" >"$work/drift.json"
check "GET /__mock/drift: a broken documented fact of createLiveStream" \
  jq -e '.data.facts | any(.operationId == "createLiveStream" and .kind == "broken" and (.fact | test("title")))' "$work/drift.json"
check "GET /__mock/drift: listContacts drift, with a count and an example" \
  jq -e '.data.facts | any(.operationId == "listContacts" and .kind == "drift" and .count >= 1 and .example.status == 200)' "$work/drift.json"
check "broken facts are listed first" jq -e '.data.facts[0].kind == "broken"' "$work/drift.json"

echo "== gaps answered by the mock"
stream="$(jq -r --arg me "$audience_id" '[.[] | select(.status == "active" and .creatorId != $me)][0].id' \
  "$work/standin/fixtures/streams.json")"
curl -s -D "$work/like.h" -o "$work/like.b" -X POST "$proxy/api/v1/live-stream/$stream/chat/superlike" \
  -H "Authorization: Bearer $audience"
check "a route the real server lacks is answered by the mock" grep -qi '^X-Mock-Answered-By: mock' "$work/like.h"
check "... as the user the real server's token names" jq -e --arg me "$audience_id" \
  '(.isSuccess == true and .data.senderId == $me) or (.isSuccess == false and (.errors[0] | test("Authentication") | not))' "$work/like.b"
curl -s -D "$work/consents.h" -o "$work/consents.b" "$proxy/api/v1/consents/history" -H "Authorization: Bearer $host"
check "--mock-ops getConsentHistory: answered by the mock" grep -qi '^X-Mock-Answered-By: mock' "$work/consents.h"
check "... with the documented envelope" jq -e '.isSuccess == true and (.data.list | type == "array")' "$work/consents.b"
curl -s "$proxy/__mock/requests?limit=10" >"$work/journal.json"
check "the journal says who answered" jq -e \
  'any(.data[]; .path == "/api/v1/contacts" and .answeredBy == "real-server") and any(.data[]; (.path | test("superlike")) and .answeredBy == "mock")' \
  "$work/journal.json"

echo "== what the real server showed is merged into the mock's state for the gaps"
# A mock with its bundled fixtures, which know none of the real server's users or streams.
start_mock merging --proxy "$real" --fixtures "$(dirname "$0")/../../fixtures" --mock-ops getConsentHistory,sendSuperlike
merging="$url"
code="$(curl -s -o /dev/null -w '%{http_code}' "$merging/api/v1/consents/history" -H "Authorization: Bearer $host")"
check "before the real server showed the caller: 401 from the mock" test "$code" = 401
curl -s -o /dev/null "$merging/api/v1/contacts" -H "Authorization: Bearer $host"
code="$(curl -s -o /dev/null -w '%{http_code}' "$merging/api/v1/consents/history" -H "Authorization: Bearer $host")"
check "after a forwarded call with the caller's token: the mock knows them (200)" test "$code" = 200
stream="$(jq -r --arg me "$audience_id" '[.[] | select(.status == "active" and .creatorId != $me)][0].id' \
  "$work/standin/fixtures/streams.json")"
curl -s -o /dev/null "$merging/api/v1/live-stream/$stream/chat/messages?limit=5" -H "Authorization: Bearer $audience"
curl -s -o "$work/merged-like.b" -X POST "$merging/api/v1/live-stream/$stream/chat/superlike" \
  -H "Authorization: Bearer $audience"
check "a stream seen through its chat is known to the mock's own answer" \
  jq -e '.statusCode != 404 or (.errors | tostring | test("does not exist") | not)' "$work/merged-like.b"

echo "== --record DIR, then the recording served offline"
start_mock recorder --proxy "$real" --fixtures "$work/standin/fixtures" --record "$work/recorded"
recorder_pid="${pids[-1]}"
stream="$(jq -r '[.[] | select(.status == "active")][0].id' "$work/standin/fixtures/streams.json")"
curl -s -o "$work/history.real" "$url/api/v1/live-stream/$stream/chat/messages?limit=10" \
  -H "Authorization: Bearer $host"
curl -s -o /dev/null "$url/api/v1/contacts?limit=5" -H "Authorization: Bearer $host"
kill -TERM "$recorder_pid"
wait "$recorder_pid" 2>/dev/null
check "the recorder wrote a fixtures directory" test -f "$work/recorded/meta.json" -a -f "$work/recorded/chat-messages.json"
check "no token or Authorization in it" bash -c "! grep -rqE 'eyJ[A-Za-z0-9_-]{10,}|Bearer|authorization' '$work/recorded'"
check "the recorded chat is what the real server answered" jq -e --slurpfile real "$work/history.real" \
  '($real[0].data.list | map(._id)) - map(._id) == []' "$work/recorded/chat-messages.json"
host_id="$(awk '$1 == "HOST" {print $2}' "$work/standin/roles")"
offline_token="$("$mock" --mint-token "$host_id" --fixtures "$work/recorded")"
start_mock offline --fixtures "$work/recorded"
curl -s -o "$work/history.offline" "$url/api/v1/live-stream/$stream/chat/messages?limit=10" \
  -H "Authorization: Bearer $offline_token"
# (Times are shifted by the time between recording and loading, as for every fixture.)
check "served with --fixtures DIR: the same chat history, offline" \
  cmp -s <(jq -c '[.data.list[] | [._id, .content, .sender._id, .sender.username, .sender.name]]' "$work/history.real") \
         <(jq -c '[.data.list[] | [._id, .content, .sender._id, .sender.username, .sender.name]]' "$work/history.offline")
check "... and it keeps state: a message posted offline is in the history" bash -c "
  curl -s -o /dev/null -X POST '$url/api/v1/live-stream/$stream/chat/messages' -H 'Authorization: Bearer $offline_token' \
    -H 'Content-Type: application/json' -d '{\"content\":\"offline on a train\"}' &&
  curl -s '$url/api/v1/live-stream/$stream/chat/messages?limit=50' -H 'Authorization: Bearer $offline_token' |
    jq -e 'any(.data.list[]; .content == \"offline on a train\")' >/dev/null"
"$mock" --record "$work/x" >/dev/null 2>&1
check "--record without --proxy is bad usage (exit 2)" test $? -eq 2

echo "== an unreachable and a slow real server"
start_mock dead --proxy "http://127.0.0.1:9" --proxy-connect-timeout 2 --fixtures "$work/standin/fixtures"
curl -s -o "$work/dead.b" -w '%{http_code}' "$url/api/v1/contacts" -H "Authorization: Bearer $host" >"$work/dead.code"
check "unreachable: a 502 envelope" jq -e '.statusCode == 502 and .isSuccess == false and any(.errors[]; test("upstream: the real server cannot be reached"))' "$work/dead.b"
"$standin_sh" start "$work/slow" --latency-ms 3000 >/dev/null || { echo "the slow stand-in did not start"; exit 1; }
slow="$(grep '^CONTRACT_BASE_URL=' "$work/slow/target.env" | cut -d= -f2-)"
start_mock slowproxy --proxy "$slow" --proxy-timeout 1 --fixtures "$work/standin/fixtures"
started=$SECONDS
curl -s -o "$work/slow.b" --max-time 10 "$url/api/v1/contacts" -H "Authorization: Bearer $host"
check "slow: a 504 envelope within the timeout" \
  bash -c "jq -e '.statusCode == 504' '$work/slow.b' >/dev/null && [ $((SECONDS - started)) -le 3 ]"

waiting=()
for _ in 1 2 3 4; do
  curl -s -o /dev/null --max-time 10 "$url/api/v1/contacts" -H "Authorization: Bearer $host" &
  waiting+=($!)
done
sleep 0.2
health_ms="$(curl -s -o /dev/null -w '%{time_total}' --max-time 5 "$url/__mock/health" | awk '{printf "%d", $1 * 1000}')"
wait "${waiting[@]}"
check "four answers waiting on the slow server hold up no other client (health in ${health_ms} ms)" \
  test "$health_ms" -lt 500

echo "== HTTPS (a self-signed server: openssl s_server serving a file)"
if command -v openssl >/dev/null; then
  mkdir -p "$work/tls/api/v1"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/tls/key.pem" -out "$work/tls/cert.pem" \
    -days 1 -subj /CN=127.0.0.1 >/dev/null 2>&1
  echo '{"isSuccess":true}' >"$work/tls/api/v1/contacts"
  tls_port=$((20000 + RANDOM % 10000))
  (cd "$work/tls" && exec timeout 60 openssl s_server -accept "127.0.0.1:$tls_port" -cert cert.pem \
    -key key.pem -WWW -quiet >/dev/null 2>&1) &
  pids+=($!)
  sleep 0.5
  start_mock tls --proxy "https://127.0.0.1:$tls_port" --proxy-insecure --fixtures "$work/standin/fixtures"
  curl -s -D "$work/tls.h" -o "$work/tls.b" "$url/api/v1/contacts" -H "Authorization: Bearer $host"
  check "over HTTPS (--proxy-insecure): the server's answer" grep -q '"isSuccess":true' "$work/tls.b"
  check "... and its text/plain is a documented difference" grep -qi '^sl-violations: .*content-type.*"Error"' "$work/tls.h"
  start_mock tlsstrict --proxy "https://127.0.0.1:$tls_port" --fixtures "$work/standin/fixtures"
  curl -s -o "$work/tlsstrict.b" "$url/api/v1/contacts" -H "Authorization: Bearer $host"
  check "without --proxy-insecure a self-signed certificate is refused: 502" \
    jq -e '.statusCode == 502 and any(.errors[]; test("certificate|SSL"; "i"))' "$work/tlsstrict.b"
fi

echo "$failed failed"
[ "$failed" -eq 0 ]
