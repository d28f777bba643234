/**
 * The cross-chain relayer (agents/relayer.ts) as its own process, as Hyperlane's relayer would be: node itself with tsx
 * as its loader (not tsx's wrapper process, whose child a SIGKILL would leave running), relaying the messages of the
 * cross-chain deployment `file` between the chains of `rpcs`. One home for its command line: the dev stack, the e2e
 * stack and the relayer's chain test start it here.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./artifacts";

export function spawnRelayer(
  file: string,
  rpcs: readonly { chainId: number; url: string }[],
  opts: { stdio: StdioOptions; intervalMs?: number },
): ChildProcess {
  return spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(repoRoot, "agents", "relayer.ts"),
      "--deployment",
      file,
      ...rpcs.flatMap((r) => ["--rpc", `${r.chainId}=${r.url}`]),
      ...(opts.intervalMs === undefined ? [] : ["--interval", String(opts.intervalMs)]),
    ],
    { cwd: repoRoot, stdio: opts.stdio },
  );
}
