import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import type { Hex } from "viem";

const require = createRequire(import.meta.url);

/** anvil's well-known test mnemonic accounts (public keys, never for real funds). */
export const ANVIL_KEYS: Hex[] = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
];

/**
 * Further anvil test accounts (same mnemonic, #5…#7) used by the local chain's agents, so their transactions never
 * collide with a user's nonces: #5 provides AMM liquidity and arbitrages the pools, #6 runs the liquidation keeper,
 * #7 executes vault-protection rules.
 */
export const AGENT_KEYS = {
  marketMaker: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  keeper: "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  guardExecutor: "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
} as const satisfies Record<string, Hex>;

/** Path of a foundry binary shipped inside its npm package (no download). */
export function foundryBin(tool: "anvil" | "forge" | "cast"): string {
  const pkg = require.resolve(`@foundry-rs/${tool}-linux-amd64/package.json`);
  return path.join(path.dirname(pkg), "bin", tool);
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.once("listening", () => srv.close(() => resolve(true)));
    srv.listen(port, host);
  });
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForRpc(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`no JSON-RPC answer from ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Anvil {
  url: string;
  port: number;
  chainId: number;
  process: ChildProcess;
  stop(): Promise<void>;
  /**
   * Calls `listener` with a sentence when this anvil exits without stop() having been called (killed, crashed, out of
   * memory) — what `npm run dev` prints before it stops the stack.
   */
  onDeath(listener: (why: string) => void): void;
}

/** Starts anvil from node_modules on `port` and waits until it answers. */
export async function startAnvil(opts: { port: number; chainId?: number; blockTime?: number; quiet?: boolean }): Promise<Anvil> {
  const chainId = opts.chainId ?? 31337;
  const args = ["--port", String(opts.port), "--host", "127.0.0.1", "--chain-id", String(chainId), "--silent"];
  if (opts.blockTime) args.push("--block-time", String(opts.blockTime));
  const child = spawn(foundryBin("anvil"), args, { stdio: opts.quiet === false ? "inherit" : "ignore" });
  const url = `http://127.0.0.1:${opts.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`anvil exited with code ${code} before answering on ${url}`))),
  );
  await Promise.race([waitForRpc(url), exited]);
  let stopping = false;
  return {
    url,
    port: opts.port,
    chainId,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
    onDeath: (listener) => {
      child.once("exit", (code, signal) => {
        if (stopping) return;
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        listener(`anvil for chain ${chainId} on ${url} ${how}: the app can no longer read or send anything on that chain.`);
      });
    },
  };
}
