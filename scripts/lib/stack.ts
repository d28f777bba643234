import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Deployment } from "../../lib/config/deployment";
import type { CrossChainDeployment } from "../../lib/crosschain/deployment";
import { deployLocal, SECOND_CHAIN_ID } from "../deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "./anvil";
import { clientsFor } from "../../lib/server/clients";
import { crossChainLocal } from "./deploy-hyperlane";
import { startIndexer, type Indexer } from "./indexer";
import { startNotifier, type Notifier } from "../../agents/notifier";
import { repoRoot } from "./artifacts";
import { startCrossChainAgents, type CrossChainAgents } from "./relayer";
import { tempDir } from "./temp-dir";

/**
 * The production server (`npm start`, `scripts/serve.ts`: Next's handler, static files sent precompressed) for the app in
 * `dir`, as its own process: `node --import tsx`, so a signal reaches the server itself and not a wrapper.
 */
export function spawnProductionServer(opts: { dir?: string; port: number; env?: NodeJS.ProcessEnv; stdio?: StdioOptions }): ChildProcess {
  return spawn(
    process.execPath,
    // tsx by its resolved URL: an app in another folder (bench/bare) has none of its own.
    ["--import", import.meta.resolve("tsx"), path.join(repoRoot, "scripts", "serve.ts"), "--port", String(opts.port), "--dir", opts.dir ?? repoRoot],
    { cwd: opts.dir ?? repoRoot, env: opts.env ?? process.env, stdio: opts.stdio ?? "ignore" },
  );
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number) {
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

export interface Stack {
  /** The first chain (31337). */
  anvil: Anvil;
  deployment: Deployment;
  /** Every chain, in order: 31337, then 31338 with `chains: 2`. */
  chains: { anvil: Anvil; deployment: Deployment }[];
  baseUrl: string;
  /** The folder of the chains' deployment files (`<chainId>.json`), as the app and an indexer read them. */
  deploymentsDir: string;
  /** With `indexer: true`: the indexer the app reads history from (PGlite in a temp folder). */
  indexer?: Indexer;
  /** With `notifier: { smtpUrl }`: the alerts service the app proxies to. */
  notifier?: Notifier;
  /**
   * With `crossChain: true`: Hyperlane, the gateway on 31337 and the outpost on 31338, and the validator and
   * Hyperlane's relayer as processes.
   */
  crossChain?: { deployment: CrossChainDeployment } & CrossChainAgents;
  stop(): Promise<void>;
}

/**
 * A throwaway local stack on free ports: anvil, Keel deployed and seeded (deployment file in a temp folder), and the
 * app — the production build (`npm start`'s server, run `npm run build` first) or, with `dev`, `next dev`. With
 * `lendingProtocols`, Aave v3 and Morpho Blue with their demo positions on the first chain. Used by the e2e suite and
 * the benchmarks.
 */
export async function startStack(
  opts: {
    dev?: boolean;
    verbose?: boolean;
    cwd?: string;
    chains?: 1 | 2;
    /**
     * Cross-chain collateral (implies two chains), as `npm run dev -- --chains 2`: Hyperlane on both, crosschain.json
     * beside the deployment files (the server reads it per request: the production build needs nothing else), and
     * the validator and Hyperlane's relayer as their own processes.
     */
    crossChain?: boolean;
    indexer?: boolean;
    lendingProtocols?: boolean;
    notifier?: { smtpUrl?: string; intervalMs?: number };
    env?: Record<string, string>;
  } = {},
): Promise<Stack> {
  const cwd = opts.cwd ?? repoRoot;
  if (!opts.dev && !existsSync(path.join(cwd, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `npm run build` first (or use next dev)");
  }
  const outDir = tempDir("keel-stack");
  const chains: Stack["chains"] = [];
  const xc = opts.crossChain ? crossChainLocal({ remoteDomain: SECOND_CHAIN_ID }) : undefined;
  for (const chainId of opts.chains === 2 || xc ? [31337, SECOND_CHAIN_ID] : [31337]) {
    const anvil = await startAnvil({ port: await freePort(), chainId });
    // Aave v3 and Morpho Blue on the first chain only (as `npm run dev`), when asked.
    const lendingProtocols = Boolean(opts.lendingProtocols) && chainId === 31337;
    const beforeSupply = xc && chainId === 31337 ? { beforeSupply: xc.beforeSupply } : {};
    chains.push({ anvil, deployment: (await deployLocal({ rpcUrl: anvil.url, chainId, outDir, lendingProtocols, ...beforeSupply })).deployment });
  }
  let crossChain: Stack["crossChain"];
  if (xc) {
    const b = chains[1]!;
    const { deployment, file } = await xc.finish(clientsFor(b.anvil.url, SECOND_CHAIN_ID, ANVIL_KEYS[0]!), b.deployment, outDir);
    const agents = await startCrossChainAgents(
      file,
      chains.map((c) => ({ chainId: c.anvil.chainId, url: c.anvil.url })),
      { intervalMs: 300, ...(opts.verbose ? { onLine: (agent: string, l: string) => console.log(`[${agent}] ${l}`) } : {}) },
    );
    crossChain = { deployment, ...agents };
  }
  const indexer = opts.indexer
    ? await startIndexer({
        port: await freePort(),
        chains: chains.map((c) => ({ chainId: c.anvil.chainId, rpcUrl: c.anvil.url })),
        deploymentsDir: outDir,
        dataDir: tempDir("keel-stack-indexer"),
        ...(opts.verbose ? { log: (l: string) => console.log(`[indexer] ${l}`) } : {}),
      })
    : undefined;
  const appPort = await freePort();
  const notifier = opts.notifier
    ? await startNotifier({
        port: await freePort(),
        chains: chains.map((c) => ({ rpcUrl: c.anvil.url, deployment: c.deployment })),
        dataDir: tempDir("keel-stack-notifier"),
        smtpUrl: opts.notifier.smtpUrl,
        domain: `localhost:${appPort}`,
        intervalMs: opts.notifier.intervalMs ?? 1_000,
      })
    : undefined;
  const stopChains = async () => {
    crossChain?.relayer.kill("SIGKILL");
    crossChain?.validator.kill("SIGKILL");
    await notifier?.stop();
    await indexer?.stop();
    await Promise.all(chains.map((c) => c.anvil.stop()));
  };
  const appEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_PUBLIC_KEEL_CHAINS: chains.map((c) => c.anvil.chainId).join(","),
    ...Object.fromEntries(chains.map((c) => [`NEXT_PUBLIC_RPC_URL_${c.anvil.chainId}`, c.anvil.url])),
    KEEL_DEPLOYMENTS_DIR: outDir,
    ...(indexer ? { KEEL_INDEXER_URL: indexer.url } : {}),
    ...(notifier ? { KEEL_NOTIFIER_URL: notifier.url } : {}),
    ...opts.env,
  };
  const stdio = opts.verbose ? "inherit" : "ignore";
  const app = opts.dev
    ? spawn(path.join(repoRoot, "node_modules", ".bin", "next"), ["dev", "--port", String(appPort)], { cwd, stdio, env: appEnv })
    : spawnProductionServer({ dir: cwd, port: appPort, env: appEnv, stdio });
  // localhost, not 127.0.0.1: next dev serves its dev resources only to the origin it announces.
  const baseUrl = `http://localhost:${appPort}`;
  try {
    await waitForHttp(baseUrl, app, 120_000);
  } catch (e) {
    app.kill("SIGTERM");
    await stopChains();
    throw e;
  }
  return {
    anvil: chains[0]!.anvil,
    deployment: chains[0]!.deployment,
    chains,
    baseUrl,
    deploymentsDir: outDir,
    ...(indexer ? { indexer } : {}),
    ...(notifier ? { notifier } : {}),
    ...(crossChain ? { crossChain } : {}),
    stop: async () => {
      app.kill("SIGTERM");
      await stopChains();
    },
  };
}
