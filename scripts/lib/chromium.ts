/**
 * Debian's Chromium as every headless run here launches it (the e2e suite, the dashboard, risk and Lighthouse
 * benchmarks, the icon maker): nothing is downloaded, no sandbox (containers), no GPU, no background traffic.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
