#!/usr/bin/env bash
# The suite can fail, and is shown to: run it against a mock started with --break-contract and
# check that each break is reported as it should be (documented facts as failures, decided ones
# as drift), with exit code 1.
# Usage: check_suite_catches_breaks.sh CONTRACT_TESTS LIVESTREAM_MOCK FIXTURES_DIR
set -euo pipefail
suite="$1" mock="$2" fixtures="$3"
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$mock" --host 127.0.0.1 --port 0 --fixtures "$fixtures" --no-print-tokens --quiet \
  --break-contract all >"$work/mock.out" 2>"$work/mock.err" &
pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/mock.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'listening on http://[^ ]*' "$work/mock.out" | cut -d' ' -f3)
[ -n "$url" ] || { echo "the broken mock did not start"; cat "$work/mock.err"; exit 1; }

set +e
CONTRACT_BASE_URL="$url" "$suite" --report "$work/report.md" --junit "$work/junit.xml" \
  >"$work/suite.out" 2>&1
rc=$?
set -e

fail=0
expect() {  # expect DESCRIPTION PATTERN FILE
  if grep -qE -- "$2" "$3"; then
    echo "ok: $1"
  else
    echo "MISSING: $1 (no /$2/ in $(basename "$3"))"
    fail=1
  fi
}
[ "$rc" -eq 1 ] && echo "ok: exit code 1" || { echo "MISSING: exit code 1 (got $rc)"; fail=1; }
expect "wrong field type is a failure" 'pagination.totalItems: must be an integer' "$work/suite.out"
expect "missing field is a failure" 'participantAudienceTotal: is required' "$work/suite.out"
expect "200 instead of the documented 201 is a failure" '\| createLiveStream \| 201 \| documented \| FAIL' "$work/report.md"
expect "200 instead of the decided 201 is drift" '\| cancelLiveStream \| 201 \| x-inferred \| drift' "$work/report.md"
expect "an undocumented status is a failure" 'listLiveStreamViewers: answers only the statuses it documents; answered 410' "$work/suite.out"
expect "JUnit lists failures" '<failure' "$work/junit.xml"
if [ "$fail" -ne 0 ]; then
  echo "--- suite output (tail)"
  tail -40 "$work/suite.out"
  exit 1
fi
echo "the suite caught every break"
