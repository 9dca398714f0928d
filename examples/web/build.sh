#!/usr/bin/env bash
# Builds the example: generates src/api.d.ts from schemas/openapi.yaml (openapi-typescript), then
# type-checks and compiles src/*.ts to dist/*.js (tsc). A spec change the app no longer fits fails
# here. Installs the pinned npm packages first when node_modules is missing.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
