#!/usr/bin/env bash
# CTest entry of the browser end-to-end test (tests/e2e/run.mjs): run.sh LIVESTREAM_MOCK OUT_DIR
set -euo pipefail
if ! command -v node >/dev/null 2>&1; then
  echo "E2E FAILED: node is missing. Install it with tools/install-deps, then tools/install-e2e-deps." >&2
  exit 1
fi
exec node "$(dirname "$0")/run.mjs" "$@"
