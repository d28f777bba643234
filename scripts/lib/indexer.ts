/**
 * Starts the indexer (Ponder, indexer/) as a child process over given chains, and waits for it: used by
 * `npm run dev`, the indexer tests, the e2e stack and the benchmarks. PGlite in `dataDir` unless `databaseUrl` is set.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./artifacts";

export interface IndexerOptions {
  port: number;
  chains: { chainId: number; rpcUrl: string }[];
  deploymentsDir: string;
  /** PGlite's directory (ignored with `databaseUrl`). */
  dataDir?: string;
  /** Postgres connection string; the tables live in the Postgres schema `schema`. */
  databaseUrl?: string;
  schema?: string;
  /** Each line the indexer prints (default: dropped). */
  log?: (line: string) => void;
}

export interface Indexer {
  url: string;
  child: ChildProcess;
  /** The highest block indexed on each chain (Ponder's /status), empty before the first. */
  status(): Promise<Record<number, bigint>>;
  /** Resolves once every chain is indexed up to at least `block` of it (chain id → block). */
  waitFor(blocks: Record<number, bigint>, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function ponderBin() {
  return path.join(repoRoot, "node_modules", ".bin", "ponder");
}

export async function startIndexer(opts: IndexerOptions): Promise<Indexer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_PUBLIC_KEEL_CHAINS: opts.chains.map((c) => c.chainId).join(","),
    ...Object.fromEntries(opts.chains.map((c) => [`NEXT_PUBLIC_RPC_URL_${c.chainId}`, c.rpcUrl])),
    KEEL_DEPLOYMENTS_DIR: opts.deploymentsDir,
    PONDER_TELEMETRY_DISABLED: "true",
    PONDER_LOG_LEVEL: process.env.PONDER_LOG_LEVEL ?? "warn",
  };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  if (opts.dataDir) env.KEEL_INDEXER_DIR = opts.dataDir;
  const args = ["start", "--root", path.join(repoRoot, "indexer"), "--port", String(opts.port), "--schema", opts.schema ?? "keel"];
  const child = spawn(ponderBin(), args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const onData = (buf: Buffer) => {
    for (const line of buf.toString().split("\n")) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      opts.log?.(line);
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const url = `http://127.0.0.1:${opts.port}`;
  const exited = () => child.exitCode !== null || child.signalCode !== null;

  async function status(): Promise<Record<number, bigint>> {
    const res = await fetch(`${url}/status`);
    if (!res.ok) throw new Error(`indexer /status answered ${res.status}`);
    const body = (await res.json()) as Record<string, { id: number; block?: { number: number } | null }>;
    return Object.fromEntries(Object.values(body).flatMap((c) => (c.block ? [[c.id, BigInt(c.block.number)]] : [])));
  }

  async function waitFor(blocks: Record<number, bigint>, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited()) throw new Error(`the indexer exited (${child.exitCode ?? child.signalCode}):\n${output.slice(-30).join("\n")}`);
      try {
        const s = await status();
        if (Object.entries(blocks).every(([id, b]) => (s[Number(id)] ?? -1n) >= b)) return;
      } catch {
        // not serving yet
      }
      if (Date.now() > deadline)
        throw new Error(
          `the indexer did not reach ${JSON.stringify(Object.fromEntries(Object.entries(blocks).map(([k, v]) => [k, v.toString()])))} within ${timeoutMs} ms:\n${output.slice(-30).join("\n")}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => {
        if (!exited()) child.kill("SIGKILL");
      }, 10_000).unref();
    });

  return { url, child, status, waitFor, stop };
}

/**
 * A new, empty database on the Postgres server of `url`, and its URL. Ponder keeps its sync cache (blocks, logs, RPC
 * results, keyed by chain id and block) in the database's `ponder_sync` schema, shared by every Ponder app on that
 * database: two test files indexing different anvils of the same chain id (31337) on one database would read each
 * other's cached blocks and logs — the lending suite once handled the Keel suite's block-60 lender deposit and read a lens
 * its own chain had not deployed yet. Each Postgres suite therefore indexes into a database of its own.
 */
export async function freshPostgresDatabase(url: string, prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now()}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  // Debian's psql, installed with the server the test script starts (scripts/lib/throwaway-postgres.sh).
  execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", `CREATE DATABASE "${name}"`], { stdio: ["ignore", "ignore", "inherit"] });
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
