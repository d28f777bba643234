import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deployLocal } from "../../scripts/deploy-local";
import { freePort, startAnvil } from "../../scripts/lib/anvil";
import { repoRoot } from "../../scripts/lib/artifacts";

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app server exited (${child.exitCode}) before serving ${url}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer at ${url} within ${timeoutMs} ms`);
}

/** anvil + deploy + the app on free ports; their URLs reach the tests through process.env. */
export default async function globalSetup() {
  const anvil = await startAnvil({ port: await freePort() });
  const outDir = mkdtempSync(path.join(os.tmpdir(), "keel-e2e-"));
  const { deployment } = await deployLocal({ rpcUrl: anvil.url, outDir });

  const appPort = await freePort();
  const dev = process.env.KEEL_E2E_DEV === "1";
  if (!dev && !existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `npm run build` first (or KEEL_E2E_DEV=1 to test against next dev)");
  }
  const app = spawn(path.join(repoRoot, "node_modules", ".bin", "next"), [dev ? "dev" : "start", "--port", String(appPort)], {
    cwd: repoRoot,
    stdio: process.env.KEEL_E2E_VERBOSE ? "inherit" : "ignore",
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_PUBLIC_RPC_URL_31337: anvil.url,
      KEEL_DEPLOYMENTS_DIR: outDir,
    },
  });
  const baseUrl = `http://127.0.0.1:${appPort}`;
  await waitForHttp(baseUrl, app, 120_000);

  process.env.KEEL_E2E_BASE_URL = baseUrl;
  process.env.KEEL_E2E_RPC_URL = anvil.url;
  process.env.KEEL_E2E_DEPLOYMENT = JSON.stringify(deployment);

  return async () => {
    app.kill("SIGTERM");
    await anvil.stop();
  };
}
