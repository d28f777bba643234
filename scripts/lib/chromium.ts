/**
 * Debian's Chromium as every headless run here launches it (the e2e suite, the dashboard, risk and Lighthouse
 * benchmarks, the icon maker): nothing is downloaded, no sandbox (containers), no GPU, no background traffic.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Chromium present before a bench or script launches it: scripts/lib/ensure-chromium.sh (as `npm test` runs it) installs
 * Debian's with apt when missing and it may, or says what to do; a failure throws with that sentence already printed.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "ensure-chromium.sh");
  const r = spawnSync("bash", [script], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`Chromium is missing at ${CHROMIUM_PATH} (see above)`);
}

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
