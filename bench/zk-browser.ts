/**
 * Proving in headless Chromium, through the app's own proving worker (lib/privacy/prove.worker.ts, bundled with
 * esbuild for a plain page) fed by the app's own /api/zk route handler and served with the app's headers (its CSP
 * from next.config.ts): what the /private page does when the owner clicks, without the wallet and the chain.
 *
 * Two ways, each in a fresh browser context (empty Cache Storage), one after the other on the same input:
 * - `single`: what the page did before (one thread, no preload): the first proof downloads the files, every proof
 *   builds the curve again;
 * - `pool`: what it does now: `preload` on page open (files, and the curve when it pools), then proofs in the same
 *   worker — with snarkjs's thread pool on more than two hardware threads, on the worker's own thread on two
 *   (lib/privacy/prove.worker.ts `POOLED`); and a second visit (same context: the files come from Cache Storage after a
 *   304);
 * - `forced`: the thread pool whatever the cores (warmed by one proof first), to show why two cores do not pool.
 *
 * `npm run bench:zk` runs it (a section of bench/results/zk.md); `npm run bench:zk-browser` runs only this and writes
 * bench/results/zk-browser.md. ZK_BROWSER_RUNS proofs per way (default 3).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Page } from "@playwright/test";
import { GET as zkRoute } from "../app/api/zk/[file]/route";
import nextConfig from "../next.config";
import { actionBinding, actionWitness, commitment, type Note } from "../lib/privacy/note";
import type { CircuitInput } from "../lib/privacy/prover";
import { MerkleTree } from "../lib/privacy/tree";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from "../scripts/lib/chromium";
import { freePort } from "../scripts/lib/anvil";

const ROOT = path.resolve(import.meta.dirname, "..");
const E18 = 10n ** 18n;

/**
 * The benchmark's proof, shared by Node (bench/zk.ts) and Chromium: a borrow of 10,000 USDC against 10 WETH at 3,000
 * (30,000 USD of WETH) by a note on a tree of 1,000 notes.
 */
export function benchWitnessInput(): CircuitInput {
  const tree = new MerkleTree();
  for (let i = 0; i < 999; i++) tree.insert(BigInt(i + 1) * 7919n);
  const note: Note = { collateral: 10n * E18, shares: 0n, ownerKey: 42n, blinding: 7n };
  const leafIndex = tree.insert(commitment(note));
  const { input } = actionWitness(tree, {
    old: { ...note, leafIndex },
    collateralDelta: 0n,
    sharesDelta: 10_000n * 10n ** 12n,
    ltvInputs: { collateralPrice: 3000n * E18, ltv: (72n * E18) / 100n, debtPrice: E18, debtIndex: 10n ** 12n },
    minDebt: 100n * 10n ** 6n,
    binding: actionBinding({ pool: "0x0000000000000000000000000000000000009001", chainId: 31337 }, "0x0000000000000000000000000000000000000b0b"),
  });
  return input as CircuitInput;
}

/** The same proof's input as strings (the worker stringifies every value). */
export function benchInput(): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(benchWitnessInput()).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
}

export interface BrowserFigures {
  concurrency: number;
  /** The old way: the first proof (download + proof, from the request), then each warm proof as the worker timed it. */
  single: { first: number; proofs: number[] };
  /** The new way: preload (files + curve) on a first and a second visit, then each proof as the worker timed it. */
  pool: { preload: number; preloadDownloaded: number; revisit: number; revisitDownloaded: number; proofs: number[] };
  /** snarkjs's thread pool forced (warm), each proof as the worker timed it. */
  forced: number[];
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>zk bench</title><script type="module">
let seq = 0;
const w = new Worker("/worker.js", { type: "module" });
window.ask = (req) => new Promise((resolve) => {
  const id = ++seq;
  const t0 = performance.now();
  const on = (e) => {
    if (e.data.id !== id || e.data.type === "download" || e.data.type === "proving") return;
    w.removeEventListener("message", on);
    resolve({ ...e.data, proof: undefined, publicSignals: undefined, wall: Math.round(performance.now() - t0) });
  };
  w.addEventListener("message", on);
  w.postMessage({ ...req, id });
});
window.ready = true;
</script>`;

async function serve(workerJs: string) {
  const headers = (await nextConfig.headers!())[0]!.headers.map((h) => [h.key, h.value] as const);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      for (const [k, v] of headers) res.setHeader(k, v);
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === "/") return res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE);
      if (url.pathname === "/worker.js") return res.writeHead(200, { "Content-Type": "text/javascript" }).end(workerJs);
      const m = /^\/api\/zk\/([\w.]+)$/.exec(url.pathname);
      if (!m) return res.writeHead(404).end();
      const r = await zkRoute(new Request(url, { headers: req.headers as Record<string, string> }), { params: Promise.resolve({ file: m[1]! }) });
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    })().catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://localhost:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

type Answer = { type: string; ms?: number; wall: number; downloaded?: number; message?: string };
async function ask(page: Page, req: Record<string, unknown>): Promise<Answer> {
  const a = (await page.evaluate((r) => (window as unknown as { ask(r: unknown): Promise<Answer> }).ask(r), req)) as Answer;
  if (a.type === "error") throw new Error(`worker: ${a.message}`);
  return a;
}

export async function browserProvingTimes(runs = Number(process.env.ZK_BROWSER_RUNS ?? 3), log = console.log): Promise<BrowserFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "keel-zk-browser-"));
  const cwd = process.cwd();
  process.chdir(ROOT); // the route reads circuits/artifacts from the working directory, as under `npm start`
  try {
    await build({
      entryPoints: [path.join(ROOT, "lib/privacy/prove.worker.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      outfile: path.join(dir, "worker.js"),
      logLevel: "error",
    });
    const server = await serve(readFileSync(path.join(dir, "worker.js"), "utf8"));
    ensureChromium(); // Debian's Chromium, installed when missing (as `npm test` does)
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    const input = benchInput();
    try {
      const open = async (context = null as Awaited<ReturnType<typeof browser.newContext>> | null) => {
        const ctx = context ?? (await browser.newContext());
        const page = await ctx.newPage();
        page.on("console", (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && log(`[page] ${m.text()}`));
        await page.goto(server.url);
        await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready);
        return { ctx, page };
      };
      // Before (one thread, no preload) and now (preloaded, thread pool), each in its own context; their proofs
      // alternate so both ways see the same load.
      const before = await open();
      const after = await open();
      const concurrency = await before.page.evaluate(() => navigator.hardwareConcurrency);
      const first = await ask(before.page, { type: "prove", input, singleThread: true });
      log(`single thread: first proof ${first.wall} ms (download + proof), load ${os.loadavg()[0]!.toFixed(1)}`);
      const pre = await ask(after.page, { type: "preload" });
      log(`pool: preload ${pre.wall} ms (${pre.downloaded} bytes downloaded)`);
      const single: number[] = [];
      const pool: number[] = [];
      const forced: number[] = [];
      await ask(after.page, { type: "prove", input, singleThread: false }); // builds the pool's curve once
      for (let i = 0; i < runs; i++) {
        single.push((await ask(before.page, { type: "prove", input, singleThread: true })).ms!);
        pool.push((await ask(after.page, { type: "prove", input })).ms!);
        forced.push((await ask(after.page, { type: "prove", input, singleThread: false })).ms!);
        log(
          `run ${i + 1}: single thread ${single.at(-1)} ms, the page's way ${pool.at(-1)} ms, pool forced (${concurrency} threads) ${forced.at(-1)} ms, load ${os.loadavg()[0]!.toFixed(1)}`,
        );
      }
      await before.ctx.close();
      await after.page.close();
      const again = await open(after.ctx);
      const revisit = await ask(again.page, { type: "preload" });
      log(`pool: second visit preload ${revisit.wall} ms (${revisit.downloaded} bytes downloaded)`);
      await after.ctx.close();
      return {
        concurrency,
        single: { first: first.wall, proofs: single },
        pool: {
          preload: pre.wall,
          preloadDownloaded: pre.downloaded ?? 0,
          revisit: revisit.wall,
          revisitDownloaded: revisit.downloaded ?? 0,
          proofs: pool,
        },
        forced,
      };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The markdown section of bench/results/zk.md. */
export function browserSection(f: BrowserFigures, loads: { before: number; after: number }): string {
  const row = (xs: number[]) => `${s(median(xs))} | ${s(Math.min(...xs))} | ${s(Math.max(...xs))}`;
  return `## Proving in Chromium (the page's proving worker, headless Chromium ${"through Playwright"}, ${f.concurrency} hardware threads)

The worker's own time per proof (witness + Groth16, what the page shows as "proved in"), ${f.single.proofs.length} proofs per way on a borrow, the two ways alternating (same load); load average ${loads.before.toFixed(1)} at the start, ${loads.after.toFixed(1)} at the end.

| way | median | min | max | first click (from the request) |
| --- | ---: | ---: | ---: | ---: |
| before: one thread, no preload | ${row(f.single.proofs)} | ${s(f.single.first)} (download + proof) |
| now: preloaded worker, ${f.concurrency > 2 ? "snarkjs thread pool" : "its own thread (2 hardware threads: no pool)"} | ${row(f.pool.proofs)} | ${s(median(f.pool.proofs))} (files${f.concurrency > 2 ? " and curve" : ""} loaded at page open) |
| snarkjs thread pool, forced (warm) | ${row(f.forced)} | — |

| preload (page open, in the background) | time | downloaded |
| --- | ---: | ---: |
| first visit | ${s(f.pool.preload)} | ${(f.pool.preloadDownloaded / 1e6).toFixed(1)} MB |
| second visit (Cache Storage, 304) | ${s(f.pool.revisit)} | ${(f.pool.revisitDownloaded / 1e6).toFixed(1)} MB |
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const before = os.loadavg()[0]!;
  browserProvingTimes()
    .then((f) => {
      const md = `# Private vaults: proving in Chromium\n\n\`npm run bench:zk-browser\` — ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}\n\n${browserSection(f, { before, after: os.loadavg()[0]! })}`;
      console.log(md);
      mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
      writeFileSync(path.join(ROOT, "bench/results/zk-browser.md"), md);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
