#!/usr/bin/env bash
# CTest Standin.SelfTest: the stand-in Development server does what it claims, checked with curl.
#   standin_selftest.sh STANDIN LIVESTREAM_MOCK GEN_FIXTURES WORK_DIR
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export STANDIN_BIN="$1" LSM_MOCK_BIN="$2" GEN_FIXTURES_BIN="$3"
work="$4"
rm -rf "$work"
mkdir -p "$work"
A="$work/all-options" N="$work/no-state-url" tmp="$work/tmp"
mkdir -p "$tmp"
trap '"$here/standin.sh" stop "$A" >/dev/null 2>&1; "$here/standin.sh" stop "$N" >/dev/null 2>&1' EXIT

failures=0
check() { # NAME ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then
    echo "ok   $1"
  else
    echo "FAIL $1: got '$2', expected '$3'"
    failures=$((failures + 1))
  fi
}
body() { jq -c "$1" "$tmp/body"; }
# req METHOD PATH TOKEN [curl args...]: the status; the body is in $tmp/body
req() {
  local method="$1" path="$2" token="$3"
  shift 3
  curl -s --max-time 10 -o "$tmp/body" -w '%{http_code}' -X "$method" "$base$path" \
    ${token:+-H "Authorization: Bearer $token"} "$@"
}
upstream_req() { local saved="$base"; base="$upstream"; req "$@"; base="$saved"; }
# state NAME PARAMS_JSON [setup|teardown]: the status of the provider-state change request
state() {
  curl -s --max-time 10 -o "$tmp/state" -w '%{http_code}' -X POST "$CONTRACT_STATE_URL" \
    -H 'Content-Type: application/json' \
    -d "{\"state\":\"$1\",\"params\":$2,\"action\":\"${3:-setup}\"}"
}
viewer_ids() {
  req GET "/api/v1/live-stream/$live/viewers?limit=100" "$CONTRACT_TOKEN_HOST" >/dev/null
  jq -r '[.data.list[]._id] | sort | join(",")' "$tmp/body"
}
create_stream() { # TOKEN [extra -F args]: status; id in $tmp/created
  local token="$1" status
  shift
  status="$(req POST /api/v1/live-stream/create "$token" -F title="Deneme yayını" \
    -F liveStreamType=solo -F interest=music -F durationGoal=60 "$@")"
  jq -r '.data.id // empty' "$tmp/body" >"$tmp/created"
  echo "$status"
}

echo "== start with every option"
"$here/standin.sh" start "$A" --extra-fields --decided-differences \
  --drop-field viewers:followersCount --throttle-rps 40 --latency-ms 150 \
  --request-log "$A/requests.log" --background-activity --host-live --opaque ||
  { echo "FAIL start"; exit 1; }
# shellcheck disable=SC1091
. "$A/target.env"
base="$CONTRACT_BASE_URL"
upstream="$(cat "$A/upstream.url")"
live="$(cat "$A/host-live-stream.id")"
jwt_host="$(awk 'NR == 1 {print $2}' "$A/opaque-tokens")"
jwt_guest="$(awk 'NR == 2 {print $2}' "$A/opaque-tokens")"
check "target.env has four distinct users" \
  "$(printf '%s\n' "$CONTRACT_USER_ID_HOST" "$CONTRACT_USER_ID_GUEST" "$CONTRACT_USER_ID_AUDIENCE" \
    "$CONTRACT_USER_ID_OTHER" | sort -u | wc -l)" 4
check "the users are not the bundled fixtures' users" \
  "$(grep -c -e "$CONTRACT_USER_ID_HOST" -e "$CONTRACT_USER_ID_OTHER" "$root/fixtures/users.json")" 0
check "tokens are opaque (no JWT)" "$(grep -c '^CONTRACT_TOKEN_.*=eyJ' "$A/target.env")" 0

echo "== no /__mock/ routes, NestJS 404"
check "GET /__mock/health is 404" "$(req GET /__mock/health '')" 404
check "its NestJS body" "$(body .)" \
  '{"error":"Not Found","message":"Cannot GET /__mock/health","statusCode":404}'
check "GET /__mock/state with the control token is 404" \
  "$(req GET /__mock/state '' -H "X-Mock-Control-Token: $(cat "$A/control.token")")" 404

echo "== latency"
seconds="$(curl -s -o /dev/null -w '%{time_total}' "$base/api/v1/live-stream/$live/gift-counts" \
  -H "Authorization: Bearer $CONTRACT_TOKEN_HOST")"
check "a forwarded answer takes at least 150 ms ($seconds s)" \
  "$(awk -v s="$seconds" 'BEGIN {print (s >= 0.15) ? "yes" : "no"}')" yes

echo "== opaque tokens"
check "an opaque token works" "$(req GET /api/v1/contacts "$CONTRACT_TOKEN_HOST")" 200
check "an unknown opaque token is 401" "$(req GET /api/v1/contacts bogus-token)" 401
check "in the API's envelope" "$(body '[.isSuccess, .statusCode, .data, .errors[0]]')" \
  '[false,401,null,"Authentication required"]'
check "the upstream JWT itself is refused" "$(req GET /api/v1/contacts "$jwt_host")" 401

echo "== decided differences"
check "contacts without limit: page size 10" \
  "$(req GET /api/v1/contacts "$CONTRACT_TOKEN_HOST" >/dev/null; body .data.pagination.itemsPerPage)" 10
check "contacts with limit=20: page size 20" \
  "$(req GET '/api/v1/contacts?limit=20' "$CONTRACT_TOKEN_HOST" >/dev/null
  body .data.pagination.itemsPerPage)" 20
check "a 400 carries only Validation failed" \
  "$(req POST /api/v1/live-stream/create "$CONTRACT_TOKEN_GUEST" -F title= -F price=abc >/dev/null
  body .errors)" '["Validation failed"]'
check "(the upstream names the fields)" \
  "$(upstream_req POST /api/v1/live-stream/create "$jwt_guest" -F title= -F price=abc >/dev/null
  body '.errors | length > 1')" true
check "create with a thumbnail (multipart forwarded byte for byte) is 201" \
  "$(create_stream "$CONTRACT_TOKEN_GUEST" -F thumbnail=@"$root/fixtures/uploads/default-thumbnail.png")" 201
guest_stream="$(cat "$tmp/created")"
check "the thumbnail arrived" "$(body '.data.thumbnailUrl | endswith(".png")')" true
check "extra fields on the created stream" "$(body '[.data.__v, (.data | has("deletedAt")), .data.deletedAt]')" '[0,true,null]'
check "cancel is 200" "$(req POST "/api/v1/live-stream/$guest_stream/cancel" "$CONTRACT_TOKEN_GUEST")" 200
check "with statusCode 200 in the envelope" "$(body '[.statusCode, .data.status]')" '[200,"cancelled"]'
check "delete is 200" "$(req DELETE "/api/v1/live-stream/$guest_stream" "$CONTRACT_TOKEN_GUEST")" 200

echo "== provider states"
audience="\"userId\":\"$CONTRACT_USER_ID_AUDIENCE\",\"streamId\":\"$live\""
check "AUDIENCE is not a viewer yet" "$(viewer_ids | tr ',' '\n' | grep -c "$CONTRACT_USER_ID_AUDIENCE")" 0
check "setup 'user watches stream'" "$(state 'user watches stream' "{$audience}")" 200
check "AUDIENCE is a viewer" "$(viewer_ids | tr ',' '\n' | grep -c "$CONTRACT_USER_ID_AUDIENCE")" 1
check "viewer items carry __v and deletedAt, not followersCount" \
  "$(body '.data.list[0] | [.__v, has("deletedAt"), .deletedAt, has("followersCount")]')" '[0,true,null,false]'
check "(the upstream's items have followersCount)" \
  "$(upstream_req GET "/api/v1/live-stream/$live/viewers" "$jwt_host" >/dev/null
  body '.data.list[0] | has("followersCount")')" true
follow="\"followerId\":\"$CONTRACT_USER_ID_HOST\",\"followeeId\":\"$CONTRACT_USER_ID_AUDIENCE\""
is_following() {
  viewer_ids >/dev/null
  body ".data.list[] | select(._id == \"$CONTRACT_USER_ID_AUDIENCE\") | .isFollowing"
}
check "setup 'user follows user' (true)" "$(state 'user follows user' "{$follow,\"following\":true}")" 200
check "HOST follows AUDIENCE" "$(is_following)" true
check "setup 'user follows user' (false)" "$(state 'user follows user' "{$follow,\"following\":false}")" 200
check "HOST does not follow AUDIENCE" "$(is_following)" false
check "teardown 'user watches stream'" "$(state 'user watches stream' "{$audience}" teardown)" 200
check "AUDIENCE is no viewer any more" "$(viewer_ids | tr ',' '\n' | grep -c "$CONTRACT_USER_ID_AUDIENCE")" 0

guest="\"userId\":\"$CONTRACT_USER_ID_GUEST\",\"streamId\":\"$live\""
state 'user watches stream' "{$guest}" >/dev/null
chat() { req POST "/api/v1/live-stream/$live/chat/messages" "$CONTRACT_TOKEN_GUEST" \
  -H 'Content-Type: application/json' -d '{"content":"Merhaba"}'; }
check "GUEST may chat" "$(chat)" 201
check "setup 'user is banned from stream chat'" "$(state 'user is banned from stream chat' "{$guest}")" 200
check "GUEST may not chat" "$(chat)" 403
check "teardown 'user is banned from stream chat'" \
  "$(state 'user is banned from stream chat' "{$guest}" teardown)" 200
check "GUEST may chat again" "$(chat)" 201

gift_counts() {
  req GET "/api/v1/live-stream/$live/gift-counts" "$CONTRACT_TOKEN_HOST" >/dev/null
  body '[.data.totalCount, ([.data.items[].count] | add)]'
}
before="$(gift_counts)"
type="$(jq -r '.data.items[0].giftTypeId' "$tmp/body")"
sender="\"streamId\":\"$live\",\"senderId\":\"$CONTRACT_USER_ID_GUEST\""
check "setup 'gifts were sent to stream'" \
  "$(state 'gifts were sent to stream' "{$sender,\"giftTypeId\":\"$type\",\"count\":3}")" 200
check "three more gifts, counted in the items" "$(gift_counts)" \
  "$(jq -c '[.[0] + 3, .[1] + 3]' <<<"$before")"
check "setup 'gifts were sent to stream' (inactive type)" \
  "$(state 'gifts were sent to stream' "{$sender,\"inactiveType\":true,\"count\":2}")" 200
check "two more gifts, not in the items" "$(gift_counts)" "$(jq -c '[.[0] + 5, .[1] + 3]' <<<"$before")"

check "OTHER creates a stream" "$(create_stream "$CONTRACT_TOKEN_OTHER")" 201
other_stream="$(cat "$tmp/created")"
viewers_of() { req GET "/api/v1/live-stream/$1/viewers" "$CONTRACT_TOKEN_OTHER"; }
check "its viewers can be listed (active)" "$(viewers_of "$other_stream")" 200
check "setup 'stream has ended'" "$(state 'stream has ended' \
  "{\"streamId\":\"$other_stream\",\"recording\":true,\"replayCreditPrice\":30}")" 200
check "no viewers of an ended stream" "$(viewers_of "$other_stream")" 404
rent() { req POST "/api/v1/live-stream/$other_stream/replay-rentals" "$CONTRACT_TOKEN_AUDIENCE"; }
credits() { state 'user has credits' "{\"userId\":\"$CONTRACT_USER_ID_AUDIENCE\",\"credits\":$1}"; }
check "setup 'user has credits' (0)" "$(credits 0)" 200
check "renting the replay is refused" "$(rent)" 400
check "setup 'user has credits' (100)" "$(credits 100)" 200
check "renting the replay works" "$(rent)" 201
check "renting it twice is 409" "$(rent)" 409
check "setup 'replay rental has expired'" "$(state 'replay rental has expired' \
  "{\"userId\":\"$CONTRACT_USER_ID_AUDIENCE\",\"streamId\":\"$other_stream\"}")" 200
check "it may be rented again" "$(rent)" 201

other="{\"userId\":\"$CONTRACT_USER_ID_OTHER\"}"
check "setup 'user may not broadcast'" "$(state 'user may not broadcast' "$other")" 200
check "OTHER may not create a stream" "$(create_stream "$CONTRACT_TOKEN_OTHER")" 403
check "teardown 'user may not broadcast'" "$(state 'user may not broadcast' "$other" teardown)" 200
tomorrow="$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%S.000Z)"
check "OTHER may create a (scheduled) stream again" \
  "$(create_stream "$CONTRACT_TOKEN_OTHER" -F plannedStartDate="$tomorrow")" 201
scheduled="$(cat "$tmp/created")"
check "it is scheduled" "$(body .data.status)" '"scheduled"'
check "no viewers of a scheduled stream" "$(viewers_of "$scheduled")" 404
check "setup 'scheduled stream has started'" \
  "$(state 'scheduled stream has started' "{\"streamId\":\"$scheduled\"}")" 200
check "its viewers can be listed (active)" "$(viewers_of "$scheduled")" 200
req POST "/api/v1/live-stream/$scheduled/cancel" "$CONTRACT_TOKEN_OTHER" >/dev/null
req DELETE "/api/v1/live-stream/$scheduled" "$CONTRACT_TOKEN_OTHER" >/dev/null

check "an unknown state is 400" "$(state 'user is famous' '{}')" 400
check "bad params are 400" "$(state 'user has credits' '{"userId":"x","credits":1}')" 400
check "naming the field" "$(jq -r '.message | contains("userId")' "$tmp/state")" true

echo "== live-streams"
streams="$("$here/standin.sh" live-streams "$A")"
check "lists HOST's live stream" "$(grep -c "^$live\$" <<<"$streams")" 1
check "not the ended, cancelled or deleted ones" \
  "$(grep -c -e "$other_stream" -e "$scheduled" -e "$guest_stream" <<<"$streams")" 0

echo "== throttling"
sleep 1.1
burst=()
for i in $(seq 60); do burst+=("$base/api/v1/contacts" -o "$tmp/burst.$i"); done
curl -s --max-time 10 --parallel --parallel-immediate --parallel-max 60 -D "$tmp/burst.headers" \
  -H "Authorization: Bearer $CONTRACT_TOKEN_HOST" "${burst[@]}" 2>/dev/null
throttled="$(grep -c '^HTTP/1.1 429' "$tmp/burst.headers")"
check "60 requests at once: some are 429 ($throttled)" \
  "$([ "$throttled" -ge 1 ] && [ "$throttled" -le 30 ] && echo yes)" yes
check "each with Retry-After: 1" "$(grep -c '^Retry-After: 1' "$tmp/burst.headers")" "$throttled"
check "and NestJS's body" "$(cat "$tmp"/burst.* | grep -o "ThrottlerException: Too Many Requests" | wc -l)" \
  "$throttled"
sleep 1.1
check "after the window, requests pass again" "$(req GET /api/v1/contacts "$CONTRACT_TOKEN_HOST")" 200

echo "== request log"
check "every line is 'METHOD PATH STATUS'" \
  "$(grep -cvE '^[A-Z]+ /[^ ]* [0-9]{3}$' "$A/requests.log")" 0
check "it has the /__mock/ 404" "$(grep -c '^GET /__mock/health 404$' "$A/requests.log")" 1
check "it has the 429s" "$(grep -c ' 429$' "$A/requests.log")" "$throttled"
check "it has the creates" "$(grep -c '^POST /api/v1/live-stream/create 201$' "$A/requests.log")" 3

echo "== background activity"
bg="$(cat "$A/background-users")"
bg_streams() { # the statuses of the background users' streams
  curl -s --max-time 10 "$upstream/__mock/state" -H "X-Mock-Control-Token: $(cat "$A/control.token")" |
    jq -c --arg bg "$bg" '[.data.streams[] | select(.creatorId as $c | $bg | split(",") | index($c))
      | .status] | unique'
}
count="$(curl -s "$upstream/__mock/state" -H "X-Mock-Control-Token: $(cat "$A/control.token")" |
  jq --arg bg "$bg" '[.data.streams[] | select(.creatorId as $c | $bg | split(",") | index($c))] | length')"
check "other users created streams meanwhile ($count)" "$([ "$count" -ge 3 ] && echo yes)" yes
standin_pid="$(cat "$A/standin.pid")"
kill -TERM "$standin_pid"
for _ in $(seq 50); do kill -0 "$standin_pid" 2>/dev/null || break; sleep 0.1; done
check "SIGTERM stops the stand-in" "$(kill -0 "$standin_pid" 2>/dev/null && echo running)" ""
check "leaving no background stream open" "$(bg_streams)" '["cancelled"]'

echo "== stop"
upstream_pid="$(cat "$A/upstream.pid")"
"$here/standin.sh" stop "$A"
check "stop leaves no process" \
  "$(kill -0 "$upstream_pid" 2>/dev/null && echo running; kill -0 "$standin_pid" 2>/dev/null && echo running)" ""

echo "== a deployment without a state provider, HOST may not broadcast"
"$here/standin.sh" start "$N" --state-url-off --host-cannot-broadcast || { echo "FAIL start"; exit 1; }
# shellcheck disable=SC1091
. "$N/target.env"
base="$CONTRACT_BASE_URL"
check "no user ids without --opaque" "$(grep -c CONTRACT_USER_ID "$N/target.env")" 0
check "tokens are the upstream's JWTs" "$(grep -c '^CONTRACT_TOKEN_.*=eyJ' "$N/target.env")" 4
check "the state URL is 404" "$(state 'user has credits' "{\"userId\":\"$(awk '/HOST/ {print $2}' "$N/roles")\",\"credits\":1}")" 404
check "HOST may not create a stream" "$(create_stream "$CONTRACT_TOKEN_HOST")" 403
check "GUEST may" "$(create_stream "$CONTRACT_TOKEN_GUEST")" 201
check "no extra fields without --extra-fields" "$(body '.data | has("__v")')" false
check "cancel is the decided 201 without --decided-differences" \
  "$(req POST "/api/v1/live-stream/$(cat "$tmp/created")/cancel" "$CONTRACT_TOKEN_GUEST")" 201
pids="$(cat "$N/standin.pid" "$N/upstream.pid")"
"$here/standin.sh" stop "$N"
check "stop leaves no process" "$(for p in $pids; do kill -0 "$p" 2>/dev/null && echo "$p"; done)" ""

echo "== $failures failure(s)"
[ "$failures" -eq 0 ]
