#!/usr/bin/env bash
# `npm test`: everything — forge tests, unit tests, typecheck, lint, production build, Playwright e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
BIN=node_modules/.bin
step() { printf '\n\033[1m━━ %s\033[0m\n' "$*"; }

if [ ! -x "$BIN/next" ]; then
  echo "Dependencies are not installed: run \`npm install\` (or \`npm ci\`) first." >&2
  exit 1
fi

# Playwright drives Debian's Chromium; nothing is downloaded by Playwright itself.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "installing Debian's chromium for the e2e suite"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing. Install Debian's chromium (sudo apt-get update && sudo apt-get install -y chromium)," >&2
    echo "or point CHROMIUM_PATH at a Chromium binary, then run npm test again." >&2
    exit 1
  fi
fi

step "contracts: forge build + forge test (unit, fuzz, invariant)"
# The Morpho router's and adapter's tests deploy the real Morpho Blue bytecode (compiled once, cached in node_modules/.cache/keel).
"$BIN/tsx" scripts/lib/morpho-build.ts
# The Aave adapter's and router's tests deploy the real Aave v3 bytecode (npm artifacts, linked: node_modules/.cache/keel/Aave.json).
"$BIN/tsx" scripts/lib/aave-forge.ts >/dev/null
# The cross-chain tests deploy Hyperlane's Mailbox, hooks and ISM from @hyperlane-xyz/core's npm build (JSON in the cache).
"$BIN/tsx" scripts/lib/deploy-hyperlane.ts
(cd contracts && ../$BIN/forge test)

# The indexer's suite runs on embedded PGlite and on Postgres: a throwaway Debian PostgreSQL server for this run.
step "PostgreSQL for the indexer tests (throwaway server)"
source scripts/lib/throwaway-postgres.sh
keel_start_postgres

step "unit and chain-integration tests (vitest; the indexer on PGlite and on Postgres)"
"$BIN/vitest" run

step "typecheck (tsc --noEmit)"
"$BIN/tsc" --noEmit

step "lint (eslint)"
"$BIN/eslint" . --max-warnings=0

step "format (prettier --check, forge fmt --check; \`npm run format\` rewrites)"
"$BIN/prettier" --check . --log-level warn
(cd contracts && "../$BIN/forge" fmt --check)

step "production build (next build)"
"$BIN/next" build

step "end-to-end (Playwright, Chromium)"
"$BIN/playwright" test

step "all test suites passed"
