/**
 * The JSON-RPC requests a page sends on its first load, and how many of them wait on one another. A request's round is
 * one more than the highest round among the requests answered before it was sent (those sent before any answer are
 * round 1); the page's deepest round is the number of round trips its reads take end to end — on a phone's network,
 * ~150 ms each. The block watcher's polls (requests of `eth_blockNumber` alone) come on a timer and are counted apart.
 */
import type { Browser, Request } from "playwright-core";
import { multicall3Abi, toFunctionSelector, type Abi } from "viem";
import * as abis from "../../contracts-abi";
import type { Deployment } from "../../lib/config/deployment";

export interface RpcRequest {
  /** ms after navigation: sent and answered. */
  sent: number;
  answered: number;
  round: number;
  /** Each call as `Contract.function` (the deployment's name for the address, when it has one), or the method. */
  calls: string[];
}

/** Function names by selector, from every ABI the app has and Multicall3's (a selector several share is one name). */
const functionNames = new Map<string, string>();
for (const abi of [...Object.values(abis), multicall3Abi])
  if (Array.isArray(abi)) for (const item of abi as Abi) if (item.type === "function") functionNames.set(toFunctionSelector(item), item.name);

/** The deployment's contracts and assets by address (lower case), for naming calls. */
function contractNames(d: Deployment): Map<string, string> {
  const names = new Map<string, string>();
  const add = (name: string, address: unknown) => typeof address === "string" && names.set(address.toLowerCase(), name);
  for (const [name, address] of Object.entries(d.contracts)) add(name, address);
  for (const m of d.markets) add(`market(${m.name})`, m.address);
  for (const a of d.assets) add(a.symbol, a.address);
  for (const [name, address] of Object.entries(d.automation ?? {})) add(`automation.${name}`, address);
  for (const [name, address] of Object.entries(d.reputation ?? {})) add(`reputation.${name}`, address);
  return names;
}

export async function firstLoadRpc(
  browser: Browser,
  url: string,
  rpcUrl: string,
  deployment: Deployment,
  settleMs = 4_000,
): Promise<{ requests: RpcRequest[]; polls: number; rounds: number }> {
  const names = contractNames(deployment);
  const page = await browser.newPage();
  const calls = new Map<Request, string[]>();
  const done: { request: Request; calls: string[] }[] = [];
  page.on("request", (req) => {
    if (!req.url().startsWith(rpcUrl)) return;
    const body = req.postDataJSON() as RpcCall | RpcCall[];
    calls.set(
      req,
      (Array.isArray(body) ? body : [body]).map((c) => callName(c, names)),
    );
  });
  const finish = (req: Request) => {
    const c = calls.get(req);
    if (c) done.push({ request: req, calls: c });
    calls.delete(req);
  };
  page.on("requestfinished", finish);
  page.on("requestfailed", finish);
  const navigated = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(settleMs);
  await page.close();
  // The browser's own times (Resource Timing: sent, and the response's end), not when the events reached this process.
  const timed = done.map(({ request, calls }) => {
    const t = request.timing();
    const sent = t.startTime - navigated;
    return { sent, answered: t.responseEnd >= 0 ? sent + t.responseEnd : Infinity, calls };
  });
  const polls = timed.filter((r) => r.calls.every((c) => c === "blockNumber"));
  const reads = timed.filter((r) => !polls.includes(r)).sort((a, b) => a.sent - b.sent);
  const requests: RpcRequest[] = [];
  for (const r of reads) {
    const before = requests.filter((q) => q.answered < r.sent);
    requests.push({ ...r, round: 1 + Math.max(0, ...before.map((q) => q.round)) });
  }
  return { requests, polls: polls.length, rounds: Math.max(0, ...requests.map((r) => r.round)) };
}

type RpcCall = { method: string; params?: [{ to?: string; data?: string; input?: string }, ...unknown[]] };

function callName(c: RpcCall, names: Map<string, string>): string {
  const method = c.method.replace(/^eth_/, "");
  if (c.method !== "eth_call") return method;
  const { to, data, input } = c.params?.[0] ?? {};
  const fn = functionNames.get((data ?? input ?? "").slice(0, 10)) ?? "?";
  const contract = to ? names.get(to.toLowerCase()) : undefined;
  return contract ? `${contract}.${fn}` : fn;
}

/** The requests as one line each: round, ms sent, calls. */
export function rpcListing(requests: RpcRequest[]): string[] {
  return requests.map((r) => `${r.round}. +${Math.round(r.sent)} ms: ${r.calls.join(", ")}`);
}
