#!/usr/bin/env bash
# Debian's Chromium, which every headless run here drives (the e2e suite, the benches that load pages, the icon maker;
# scripts/lib/chromium.ts): present, installed with apt when missing and we may (root, apt-get), or a sentence saying
# what to do and a non-zero exit. Nothing is downloaded by Playwright itself.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  printf "\n\033[1m━━ installing Debian's chromium (%s is missing)\033[0m\n" "$CHROMIUM"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
  echo "apt installed chromium, but $CHROMIUM is still missing: point CHROMIUM_PATH at the binary." >&2
  exit 1
fi
echo "Chromium is missing. Install Debian's chromium (sudo apt-get update && sudo apt-get install -y chromium)," >&2
echo "or point CHROMIUM_PATH at a Chromium binary, then run the command again." >&2
exit 1
