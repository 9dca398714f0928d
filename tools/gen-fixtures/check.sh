#!/usr/bin/env bash
# CTest GenFixtures.SmallSetLoadsAndIsDeterministic: generates a small fixture set twice, checks
# the two are byte-identical, then starts livestream-mock on it and waits for it to listen.
#   check.sh GEN_FIXTURES_BINARY LIVESTREAM_MOCK_BINARY
set -uo pipefail

gen="${1:?usage: check.sh GEN_FIXTURES_BINARY LIVESTREAM_MOCK_BINARY}"
mock="${2:?usage: check.sh GEN_FIXTURES_BINARY LIVESTREAM_MOCK_BINARY}"
args=(--users 200 --streams 30 --messages 2000 --seed 7)

work="$(mktemp -d "${TMPDIR:-/tmp}/gen-fixtures-check.XXXXXX")"
mock_pid=""
cleanup() {
  if [ -n "$mock_pid" ] && kill -0 "$mock_pid" 2>/dev/null; then
    kill -TERM "$mock_pid" 2>/dev/null
    wait "$mock_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

"$gen" --out "$work/a" "${args[@]}" || fail "gen-fixtures exited with $? (first run)"
"$gen" --out "$work/b" "${args[@]}" >/dev/null || fail "gen-fixtures exited with $? (second run)"

files=(meta users follows streams chat-messages gift-types gifts contacts consents replay-rentals
       reminders)
for name in "${files[@]}"; do
  [ -s "$work/a/$name.json" ] || fail "$name.json was not written"
  cmp -s "$work/a/$name.json" "$work/b/$name.json" ||
    fail "$name.json differs between two runs with the same arguments (not deterministic)"
done
[ -s "$work/a/uploads/default-thumbnail.png" ] || fail "uploads/default-thumbnail.png was not copied"

"$mock" --fixtures "$work/a" --port 0 --no-print-tokens --quiet >"$work/mock.out" 2>&1 &
mock_pid=$!
for _ in $(seq 1 100); do
  grep -q "livestream-mock listening on" "$work/mock.out" && break
  kill -0 "$mock_pid" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q "livestream-mock listening on" "$work/mock.out"; then
  if kill -0 "$mock_pid" 2>/dev/null; then
    fail "livestream-mock did not listen within 10 s on the generated fixtures:
$(cat "$work/mock.out")"
  fi
  wait "$mock_pid"
  status=$?
  mock_pid=""
  fail "livestream-mock exited with $status before listening, on the generated fixtures:
$(cat "$work/mock.out")"
fi

kill -TERM "$mock_pid"
wait "$mock_pid"
status=$?
mock_pid=""
[ "$status" -eq 0 ] || fail "livestream-mock exited with $status after SIGTERM"
echo "OK: generated fixtures are deterministic and livestream-mock starts on them"
