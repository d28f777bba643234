/**
 * The cross-chain agents as their own processes, as Hyperlane runs them: the validator (agents/hyperlane-validator.ts:
 * signs checkpoints and serves them on loopback) and Hyperlane's TypeScript relayer (agents/hyperlane-relayer/: the
 * SDK's HyperlaneRelayer, reading the validator's checkpoints through its S3 client). Each is node itself with tsx as
 * its loader (not tsx's wrapper process, whose child a SIGKILL would leave running). One home for their command lines:
 * the dev stack, the e2e stack, the chain test and the bench start them here.
 *
 * The relayer's package (`@hyperlane-xyz/sdk` and its tree, hundreds of MB) is not one of the app's dependencies:
 * `ensureHyperlaneRelayer` installs it into agents/hyperlane-relayer/node_modules from that folder's own lock file the
 * first time it is needed (`npm ci`), and never again while the lock file is unchanged.
 *
 * Run alone: `npx tsx scripts/lib/relayer.ts --install` (what the test script runs before the cross-chain tests).
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freePort } from "./anvil";
import { repoRoot } from "./artifacts";
import { tempDir } from "./temp-dir";

export const RELAYER_PACKAGE = path.join(repoRoot, "agents", "hyperlane-relayer");
const STAMP = path.join(RELAYER_PACKAGE, "node_modules", ".keel-installed");
const LOCK = path.join(RELAYER_PACKAGE, ".installing");

const lockHash = () =>
  createHash("sha256")
    .update(readFileSync(path.join(RELAYER_PACKAGE, "package-lock.json")))
    .digest("hex");
const installed = () => existsSync(STAMP) && readFileSync(STAMP, "utf8") === lockHash();

function run(cmd: string, args: string[], log: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: RELAYER_PACKAGE, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) {
        log(out.trim().split("\n").at(-1) ?? "");
        resolve();
      } else reject(new Error(`${cmd} ${args.join(" ")} exited ${code} in ${RELAYER_PACKAGE}:\n${out.slice(-4000)}`));
    });
  });
}

/**
 * Installs Hyperlane's relayer package once (`npm ci` from agents/hyperlane-relayer/package-lock.json); a no-op when
 * that lock file's install is already there. Processes that call it at once wait for the one that installs.
 */
export async function ensureHyperlaneRelayer(log: (l: string) => void = () => {}): Promise<void> {
  if (installed()) return;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another process installs; a lock older than 10 minutes was left by a process that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 600_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 1_000));
      if (installed()) return;
    }
  }
  try {
    if (installed()) return;
    const started = Date.now();
    log("installing Hyperlane's relayer (@hyperlane-xyz/sdk, once: agents/hyperlane-relayer/node_modules)…");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    await run(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], log);
    writeFileSync(STAMP, lockHash());
    log(`Hyperlane's relayer installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

type Rpcs = readonly { chainId: number; url: string }[];
const rpcFlags = (rpcs: Rpcs) => rpcs.flatMap((r) => ["--rpc", `${r.chainId}=${r.url}`]);

/** The validator process: signs every checkpoint of both chains into `dir` and serves it on 127.0.0.1:`port`. */
export function spawnValidator(
  file: string,
  rpcs: Rpcs,
  opts: { stdio: StdioOptions; dir: string; port: number; intervalMs?: number },
): ChildProcess {
  return spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(repoRoot, "agents", "hyperlane-validator.ts"),
      "--deployment",
      file,
      ...rpcFlags(rpcs),
      "--dir",
      opts.dir,
      "--port",
      String(opts.port),
      ...(opts.intervalMs === undefined ? [] : ["--interval", String(opts.intervalMs)]),
    ],
    { cwd: repoRoot, stdio: opts.stdio },
  );
}

/**
 * Hyperlane's relayer process (run `ensureHyperlaneRelayer` first), relaying the messages of the cross-chain
 * deployment `file` between the chains of `rpcs`, reading checkpoints from the validator's storage at `storageUrl`.
 */
export function spawnRelayer(file: string, rpcs: Rpcs, opts: { stdio: StdioOptions; storageUrl: string; intervalMs?: number }): ChildProcess {
  return spawn(
    process.execPath,
    [
      // The pinned AWS S3 client warns on every start that its releases after January 2027 need Node 22 (docs).
      "--disable-warning=NodeVersionSupportWarning",
      "--import",
      "tsx",
      path.join(RELAYER_PACKAGE, "relayer.ts"),
      "--deployment",
      file,
      ...rpcFlags(rpcs),
      ...(opts.intervalMs === undefined ? [] : ["--interval", String(opts.intervalMs)]),
    ],
    {
      cwd: repoRoot,
      stdio: opts.stdio,
      env: {
        ...process.env,
        // The SDK's S3 client reads the announced `s3://keel-local-validator/…` storage from the local validator.
        AWS_ENDPOINT_URL_S3: opts.storageUrl,
        AWS_REGION: "us-east-1",
        // The SDK's own log (pino) only for errors: the relayer's JSON lines are the record.
        LOG_LEVEL: process.env.KEEL_HYPERLANE_LOG_LEVEL ?? "error",
      },
    },
  );
}

/** Calls `f` with each whole line the child writes to stdout (a line can arrive in two chunks). */
export function onLines(child: ChildProcess, f: (line: string) => void): void {
  let rest = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split("\n");
    rest = lines.pop()!;
    for (const l of lines) if (l.trim()) f(l);
  });
}

/**
 * Resolves when an agent process logs `"event":"started"` (the relayer loads the SDK first: a few seconds on an idle
 * machine, minutes on an overloaded one); fails when it exits first, or kills it and fails after `ms`.
 */
export function untilStarted(child: ChildProcess, name: string, ms = 300_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // never left running unowned
      reject(new Error(`the ${name} did not start within ${ms} ms`));
    }, ms);
    onLines(child, (l) => {
      if (l.includes('"event":"started"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${name} exited (${code}) before it started`));
    });
  });
}

export interface CrossChainAgents {
  validator: ChildProcess;
  relayer: ChildProcess;
  /** The validator's checkpoint storage, which a restarted relayer is pointed at. */
  storageUrl: string;
}

/**
 * The validator and Hyperlane's relayer for a local cross-chain deployment: installs the relayer's package when
 * needed, starts the validator (checkpoints in a temp folder, served on a free loopback port) and then the relayer, and
 * returns once both have started. Their JSON lines go to `onLine`.
 */
export async function startCrossChainAgents(
  file: string,
  rpcs: Rpcs,
  opts: { onLine?: (agent: "validator" | "relayer", line: string) => void; intervalMs?: number; log?: (l: string) => void },
): Promise<CrossChainAgents> {
  await ensureHyperlaneRelayer(opts.log);
  const port = await freePort();
  const stdio: StdioOptions = ["ignore", "pipe", "inherit"];
  const validator = spawnValidator(file, rpcs, { stdio, dir: tempDir("keel-validator"), port, intervalMs: opts.intervalMs });
  onLines(validator, (l) => opts.onLine?.("validator", l));
  const storageUrl = `http://127.0.0.1:${port}`;
  const relayer = spawnRelayer(file, rpcs, { stdio, storageUrl, intervalMs: opts.intervalMs });
  onLines(relayer, (l) => opts.onLine?.("relayer", l));
  try {
    await Promise.all([untilStarted(validator, "Hyperlane validator"), untilStarted(relayer, "Hyperlane relayer")]);
  } catch (e) {
    validator.kill("SIGKILL");
    relayer.kill("SIGKILL");
    throw e;
  }
  return { validator, relayer, storageUrl };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && process.argv.includes("--install")) {
  await ensureHyperlaneRelayer((l) => console.log(l));
}
