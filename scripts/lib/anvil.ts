import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import type { Hex } from "viem";
import { tempDir } from "./temp-dir";

const require = createRequire(import.meta.url);

export { AGENT_KEYS, ANVIL_KEYS } from "../../lib/server/dev-keys";

/**
 * Anvil #8 and #9 (same mnemonic) deploy Aave v3 and Morpho Blue on the local chain and lend on them, so those deploys
 * run beside Keel's without sharing a nonce.
 */
export const PROTOCOL_KEYS = {
  aave: "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  morpho: "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
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

/** The next port freePort tries in KEEL_PORT_RANGE: each call moves on, so two calls never hand out one port. */
let nextInRange: number | undefined;

/**
 * A port free right now: the OS's choice, or with `KEEL_PORT_RANGE=8700-8799` the next free one in that block (a
 * session sharing the machine keeps its servers to its own ports).
 */
export async function freePort(): Promise<number> {
  const range = process.env.KEEL_PORT_RANGE?.trim();
  if (!range) return osFreePort();
  const m = /^(\d+)-(\d+)$/.exec(range);
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(from > 0 && to >= from && to < 65_536)) throw new Error(`KEEL_PORT_RANGE must read like 8700-8799, not "${range}"`);
  for (let tried = 0; tried <= to - from; tried++) {
    const port = nextInRange !== undefined && nextInRange <= to ? nextInRange : from;
    nextInRange = port + 1;
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port left in KEEL_PORT_RANGE ${range}`);
}

function osFreePort(): Promise<number> {
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
  // anvil writes its older states to disk (hundreds of MB over a test file, GBs over a long dev session) and leaves
  // them there when stopped, by default in ~/.foundry/anvil/tmp: 66 GB had piled up here, and a CI run failed with
  // ENOSPC. They go to a folder of ours, deleted when this anvil stops (and at exit).
  const states = tempDir("keel-anvil-states");
  const args = ["--port", String(opts.port), "--host", "127.0.0.1", "--chain-id", String(chainId), "--silent", "--cache-path", states];
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
        const done = () => {
          rmSync(states, { recursive: true, force: true, maxRetries: 2 });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
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
