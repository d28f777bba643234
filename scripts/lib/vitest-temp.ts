import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Vitest's global setup: every test's temp folders (deployments, the indexer's and notifier's data) go under one folder
 * made before the workers start (they inherit TMPDIR) and deleted after the last test. Workers are torn down without
 * running their exit handlers, so a per-folder clean-up there would leave them all in /tmp.
 */
export default function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "keel-vitest-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  };
}
