import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const made = new Set<string>();

/**
 * A fresh folder under the system's temp directory (deployments, the indexer's and notifier's data, anvil states),
 * deleted when this process exits: a dev stack, a bench or a test run leaves nothing behind in /tmp. (CI's disk filled
 * once; every run used to leave its data dirs there.) `keep` leaves it for a look afterwards.
 */
export function tempDir(prefix: string, { keep = false } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  if (!keep) {
    if (made.size === 0) process.once("exit", removeAll);
    made.add(dir);
  }
  return dir;
}

function removeAll() {
  for (const dir of made) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  made.clear();
}
