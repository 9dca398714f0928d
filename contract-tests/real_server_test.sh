#!/usr/bin/env bash
# The contract suite against a stand-in of a real Development server (tests/standin: its own
# users and data, no /__mock/, Mongo-style extra fields, throttling, latency, decided facts
# answered differently, a state URL of its own), one scenario per CTest test:
#   real_server_test.sh SCENARIO CONTRACT_TESTS STANDIN LIVESTREAM_MOCK GEN_FIXTURES WORK_DIR
# Scenarios: decided-differences, documented-break, throttled, interrupt, unusable-targets,
# production, no-state-provider, opaque-tokens-and-state-command, other-users-active.
set -uo pipefail
scenario="$1" suite="$2"
export STANDIN_BIN="$3" LSM_MOCK_BIN="$4" GEN_FIXTURES_BIN="$5"
work="$6/$scenario"
here="$(cd "$(dirname "$0")" && pwd)"
standin="$here/../tests/standin/standin.sh"
rm -rf "$work"
mkdir -p "$work"
started=()
cleanup() {
  for d in "${started[@]}"; do "$standin" stop "$d" >/dev/null 2>&1; done
}
trap cleanup EXIT

failures=0
ok() { echo "ok   $1"; }
fail() {
  echo "FAIL $1"
  failures=$((failures + 1))
}
expect() { # NAME CONDITION...
  local name="$1"
  shift
  if "$@"; then ok "$name"; else fail "$name"; fi
}
has() { grep -qE -- "$1" "$2"; }
hasnt() { ! grep -qE -- "$1" "$2"; }
count() { grep -cE -- "$1" "$2"; }

# start NAME [standin.sh options]: a stand-in in $work/NAME
start() {
  local name="$1"
  shift
  "$standin" start "$work/$name" "$@" >"$work/$name.start.log" 2>&1 ||
    {
      echo "the stand-in did not start:"
      cat "$work/$name.start.log"
      exit 1
    }
  started+=("$work/$name")
}
# run NAME OUT [suite args]: the suite against stand-in NAME (its target.env), output in OUT.out;
# sets $rc.
run() {
  local name="$1" out="$2"
  shift 2
  (
    set -a
    # shellcheck disable=SC1090,SC1091
    . "$work/$name/target.env"
    set +a
    exec "$suite" --ledger "$work/$name.ledger.json" --report "$work/$out.md" "$@"
  ) >"$work/$out.out" 2>&1
  rc=$?
  echo "     ($out: exit $rc; $(grep -E '^Requests:' "$work/$out.out" | head -1))"
}
# The decided facts the verdict lists (the text before "; observed"), sorted.
drift_facts() {
  sed -n '/^Decided facts that differ/,/^Not verified/p' "$1" | grep '^  - ' |
    sed 's/; observed.*//; s/ ([0-9]*x, e.g.*//' | sort -u
}
live_now() { "$standin" live-streams "$work/$1" | sort; }

case "$scenario" in
  decided-differences)
    start s --extra-fields --decided-differences --latency-ms 5
    before="$(live_now s)"
    run s suite
    expect "exit code 0 (the documented contract holds)" test "$rc" -eq 0
    expect "the verdict says it holds" has '^Documented contract: HOLDS' "$work/suite.out"
    expect "cancel's 200 is named once, as drift" \
      test "$(count '^  - cancelLiveStream: answers 201' "$work/suite.out")" -eq 1
    expect "the undocumented fields are drift, once per operation" \
      test "$(count '^  - listLiveStreamViewers: no fields beyond the documented ones' "$work/suite.out")" -eq 1
    expect "the undocumented field is named" has 'undocumented .*__v' "$work/suite.out"
    expect "contacts' default page size is drift" has '^  - listContacts: the default of limit' "$work/suite.out"
    expect "a 400 without per-field messages is drift" has 'a 400 names the field' "$work/suite.out"
    expect "nothing is left behind" has '^Left behind: none' "$work/suite.out"
    expect "the server holds no stream of the suite's" test "$(live_now s)" = "$before"
    expect "the report opens with the verdict" has '^Documented contract: HOLDS' "$work/suite.md"
    expect "every provider state was there: nothing unverified" \
      has '^Not verified on this target: 0 of' "$work/suite.out"
    ;;
  documented-break)
    start s --extra-fields --drop-field viewers:followersCount
    run s suite
    expect "exit code 1" test "$rc" -eq 1
    expect "the verdict says the contract is broken" has '^Documented contract: BROKEN' "$work/suite.out"
    expect "the broken fact names the field" \
      has '^  - listLiveStreamViewers: 200 data\.list\[\]\.followersCount: is required' "$work/suite.out"
    expect "the extra fields are still only drift" \
      hasnt '^  - [a-zA-Z]*: no fields beyond' <(sed -n '/^Documented contract/,/^Decided/p' "$work/suite.out")
    expect "nothing is left behind" has '^Left behind: none' "$work/suite.out"
    ;;
  throttled)
    start fast --extra-fields --decided-differences
    start slow --extra-fields --decided-differences --throttle-rps 20
    run fast fast
    run slow slow
    expect "exit code 0 when throttled" test "$rc" -eq 0
    expect "the throttled run holds too" has '^Documented contract: HOLDS' "$work/slow.out"
    expect "the server did throttle" has 'throttled answers \(429/503\) retried: [1-9]' "$work/slow.out"
    expect "the same decided differences, throttled or not" \
      test "$(drift_facts "$work/fast.out")" = "$(drift_facts "$work/slow.out")"
    expect "as many cells verified, throttled or not" \
      test "$(grep -o '^Not verified on this target: [0-9]*' "$work/fast.out")" = \
      "$(grep -o '^Not verified on this target: [0-9]*' "$work/slow.out")"
    expect "no test failed on a 429" hasnt 'FAILED  \]' "$work/slow.out"
    ;;
  interrupt)
    start s --latency-ms 30
    before="$(live_now s)"
    (
      set -a
      # shellcheck disable=SC1090,SC1091
      . "$work/s/target.env"
      set +a
      exec "$suite" --ledger "$work/s.ledger.json"
    ) >"$work/interrupted.out" 2>&1 &
    pid=$!
    # Half-way: once the run has created streams (the ledger holds some).
    for _ in $(seq 200); do
      [ -s "$work/s.ledger.json" ] && grep -q streamId "$work/s.ledger.json" && break
      sleep 0.1
    done
    sleep 2
    kill -INT "$pid"
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    wait "$pid"
    rc=$?
    expect "Ctrl-C ends the run with 130" test "$rc" -eq 130
    expect "it says it cleans up" has 'interrupted \(SIGINT\): removing' "$work/interrupted.out"
    expect "nothing live is left after the Ctrl-C" test "$(live_now s)" = "$before"
    expect "the interrupted run says nothing is left" has '^Left behind: none' "$work/interrupted.out"
    run s rerun --gtest_filter='Records.*'
    expect "the rerun passes" test "$rc" -eq 0
    expect "nothing live after the rerun" test "$(live_now s)" = "$before"
    expect "the ledger is empty after the rerun" hasnt streamId "$work/s.ledger.json"
    # A ledger an earlier run left: the next run removes its streams first.
    host="$(grep '^CONTRACT_TOKEN_HOST=' "$work/s/target.env" | cut -d= -f2-)"
    host_id="$(grep '^HOST ' "$work/s/roles" | cut -d' ' -f2)"
    base="$(grep '^CONTRACT_BASE_URL=' "$work/s/target.env" | cut -d= -f2-)"
    left="$(curl -s -X POST "$base/api/v1/live-stream/create" -H "Authorization: Bearer $host" \
      -F title=left-by-a-crash | jq -r .data.id)"
    printf '{"streams":[{"baseUrl":"%s","streamId":"%s","creatorUserId":"%s","role":"HOST","test":"X","createdAt":""}]}\n' \
      "$base" "$left" "$host_id" >"$work/s.ledger.json"
    run s sweep --gtest_filter='Records.*'
    expect "the next run removes what a crashed run left" has 'removed 1 of 1 streams an earlier run left' "$work/sweep.out"
    expect "and it is gone" test "$(live_now s)" = "$before"
    ;;
  unusable-targets)
    start live --host-live
    run live live
    id="$(cat "$work/live/host-live-stream.id")"
    expect "a HOST who is live: exit 2" test "$rc" -eq 2
    expect "one line naming the token, the reason and the stream" \
      has "^contract-tests: CONTRACT_TOKEN_HOST .*already has a live stream $id" "$work/live.out"
    expect "the stream the suite did not create is untouched" has "$id" <(live_now live)
    expect "no test ran" hasnt '^\[ RUN' "$work/live.out"
    start mute --host-cannot-broadcast
    run mute mute
    expect "a HOST who may not broadcast: exit 2" test "$rc" -eq 2
    expect "one line saying so" has '^contract-tests: CONTRACT_TOKEN_HOST .*may not broadcast' "$work/mute.out"
    run mute badtoken --token-guest=not-a-valid-token --user-id-guest=0123456789abcdef01234567
    expect "a token the server refuses: exit 2" test "$rc" -eq 2
    expect "naming it" has '^contract-tests: CONTRACT_TOKEN_GUEST .*refused' "$work/badtoken.out"
    host="$(grep '^CONTRACT_TOKEN_HOST=' "$work/mute/target.env" | cut -d= -f2-)"
    run mute same --token-other="$host"
    expect "two roles with one user: exit 2" test "$rc" -eq 2
    expect "naming both" has 'CONTRACT_TOKEN_OTHER and CONTRACT_TOKEN_HOST are the same user' "$work/same.out"
    run mute opaque --token-audience=opaque-token-without-id
    expect "an opaque token without its user id: exit 2" has 'CONTRACT_USER_ID_AUDIENCE' "$work/opaque.out"
    run mute flag --no-such-flag
    expect "an unknown flag: exit 2" test "$rc" -eq 2
    run mute badnum --max-rps=fast
    expect "a malformed value: exit 2" test "$rc" -eq 2
    # --target=FILE is read (not ignored): the suite runs against the file's server.
    "$suite" --target="$work/mute/target.env" --gtest_filter='Records.*' >"$work/file.out" 2>&1
    rc=$?
    expect "--target=FILE is read (its server's HOST is the one who may not broadcast)" \
      has '^contract-tests: CONTRACT_TOKEN_HOST .*may not broadcast' "$work/file.out"
    ;;
  production)
    start s --request-log "$work/requests.log"
    run s suite --production
    expect "exit code 0" test "$rc" -eq 0
    expect "the server saw requests" test -s "$work/requests.log"
    expect "it saw no mutating request" hasnt '^(POST|PUT|PATCH|DELETE) ' "$work/requests.log"
    ;;
  no-state-provider)
    start s --state-url-off --extra-fields
    sed -i '/^CONTRACT_STATE_URL=/d' "$work/s/target.env"
    run s suite
    expect "exit code 0" test "$rc" -eq 0
    expect "the cells a state is needed for are listed" \
      has "^  - sendSuperlike 201: needs provider states .*'user has credits'" "$work/suite.out"
    expect "so is the 403 of a user who may not broadcast" \
      has "^  - createLiveStream 403: needs provider state 'user may not broadcast'" "$work/suite.out"
    expect "the report names the tests" has 'tests: .*Superlike\.' "$work/suite.md"
    ;;
  opaque-tokens-and-state-command)
    start s --opaque
    url="$(grep '^CONTRACT_STATE_URL=' "$work/s/target.env" | cut -d= -f2-)"
    sed -i '/^CONTRACT_STATE_URL=/d' "$work/s/target.env"
    run s suite --state-command="curl -sf -X POST -H 'Content-Type: application/json' --data-binary @- $url"
    expect "opaque tokens with their user ids, states by command: exit 0" test "$rc" -eq 0
    expect "the command provided the states" has '^Not verified on this target: 0 of' "$work/suite.out"
    ;;
  other-users-active)
    start s --background-activity --extra-fields
    before="$(live_now s)"
    run s suite
    expect "exit code 0 while others use the server" test "$rc" -eq 0
    expect "nothing of the suite's left" test "$(live_now s)" = "$before"
    ;;
  *)
    echo "unknown scenario $scenario"
    exit 2
    ;;
esac
if [ "$failures" -ne 0 ]; then
  echo "--- $failures check(s) failed; the suite's last output:"
  for f in "$work"/*.out; do
    echo "== $f"
    tail -40 "$f"
  done
  exit 1
fi
echo "scenario $scenario: every check passed"
