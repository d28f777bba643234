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

# Playwright drives Debian's Chromium (installed with apt when missing, or a sentence saying what to do).
bash scripts/lib/ensure-chromium.sh

# Every temp folder of this run (deployments, anvil states, the indexer's and notifier's data, Chromium's profiles) is made
# under one folder, deleted at the end, pass or fail: a run leaves nothing in /tmp. A run needs about 3 GB of disk
# beyond node_modules (build, chain data, browser artifacts); say so up front rather than fail later on ENOSPC.
KEEL_RUN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/keel-test-XXXXXX")
export TMPDIR="$KEEL_RUN_TMP"
keel_cleanup() {
  if declare -F keel_stop_postgres >/dev/null; then keel_stop_postgres; fi
  rm -rf "$KEEL_RUN_TMP"
}
trap keel_cleanup EXIT
for dir in . "$KEEL_RUN_TMP"; do
  free_kb=$(df -Pk "$dir" | awk 'NR==2 {print $4}')
  if [ "${free_kb:-0}" -lt 3000000 ]; then
    printf '\033[33mwarning: only %s MB free on the disk holding %s; the run needs about 3 GB and fails with ENOSPC without it.\033[0m\n' \
      "$((free_kb / 1024))" "$(cd "$dir" && pwd)" >&2
  fi
done

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
trap keel_cleanup EXIT # keel_start_postgres set its own trap: one that stops the server and removes the run's folder

# Hyperlane's relayer (the SDK, hundreds of MB) is its own package outside the app's: installed from its lock file once.
step "Hyperlane's relayer for the cross-chain tests (agents/hyperlane-relayer: npm ci on first use, then cached)"
"$BIN/tsx" scripts/lib/relayer.ts --install

step "unit and chain-integration tests (vitest; the indexer on PGlite and on Postgres)"
"$BIN/vitest" run

step "typecheck (tsc --noEmit)"
"$BIN/tsc" --noEmit

step "lint (eslint)"
"$BIN/eslint" . --max-warnings=0

step "format (prettier --check, forge fmt --check; \`npm run format\` rewrites)"
"$BIN/prettier" --check . --log-level warn
(cd contracts && "../$BIN/forge" fmt --check)

step "production build (npm run build: next build, V8 compile hints on its chunks, their compressed copies)"
npm run build --silent

step "end-to-end (Playwright, Chromium)"
"$BIN/playwright" test

step "end-to-end against next dev (what \`npm run dev\` serves hydrates at localhost and at 127.0.0.1)"
"$BIN/playwright" test -c playwright.dev.config.ts

step "all test suites passed"
