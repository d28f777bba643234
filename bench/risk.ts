/**
 * `npm run bench:risk`: the risk dashboard at 100,000 vaults in one market (the page shows one market: its worst case).
 *
 * - The book: 100,000 vaults synthesised for the first market of a fresh local chain with the seeding distribution
 *   (scripts/seed-risk.ts `planRiskVaults`: lognormal sizes, one or two collaterals, 0–99.5 % of the borrow limit),
 *   encoded and gzipped by lib/analytics/risk-book-codec.ts — the code the indexer's `/book` route serves them with — and served
 *   at the app's `KEEL_INDEXER_URL` by a small HTTP server of this bench. The vaults are not on the chain (indexing
 *   100,000 vaults through Ponder takes hours here, see bench/results/indexer.md); the prices, thresholds and borrow
 *   totals are the chain's (`getMarket`), as on the page; two days of hourly feed rounds give the odds their volatility.
 * - Node: encoding, the payload's size, `loadRiskBookFromIndexer` (fetch + gunzip + decode + value every vault with
 *   lib/engine/risk.ts), and lib/analytics/stress.ts `stress` over the book for 1,000 random slider positions.
 * - Chromium (/usr/bin/chromium, production build): /risk until the totals show 100,000 vaults, the page's own load
 *   time, the JS heap after a garbage collection (CDP), 40 slider moves, each waited for, measured in the page with
 *   performance measures (`keel:risk:stress`: the recompute, in the stress worker; `keel:risk:move`: slider event → DOM
 *   updated) and the main thread's long tasks (> 50 ms, PerformanceObserver) during them, a trace of the risk worker's
 *   thread during them (each task's wall-clock against its CPU time: the recompute's cost against its waits for a core),
 *   and a sort of the whole table. Node also times the one pass per depth of fall (0/30/60/85 %).
 * Needs the production build (`npm run build`). Writes bench/results/risk.md. `KEEL_BENCH_RISK_VAULTS=n` for a smaller run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { createPublicClient, http } from "viem";
import { keelLensAbi } from "../contracts-abi";
import { seededRandom } from "../lib/analytics/random";
import { loadRiskBookFromIndexer } from "../lib/analytics/risk-book";
import { BOOK_CONTENT_TYPE, encodeBook, gzip, type BookRow } from "../lib/analytics/risk-book-codec";
import { healthHistogram, liquidationLevels, stress, stressColumns, stressScenario } from "../lib/analytics/stress";
import { freePort } from "../scripts/lib/anvil";
import { repoRoot } from "../scripts/lib/artifacts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from "../scripts/lib/chromium";
import { localChain } from "../lib/server/clients";
import { startStack } from "../scripts/lib/stack";
import { planRiskVaults, writePriceHistory } from "../scripts/seed-risk";
import { riskLoadParts, riskLoadSentence, type RiskLoadParts } from "./lib/risk-load";

const VAULTS = Number(process.env.KEEL_BENCH_RISK_VAULTS ?? 100_000);
const MOVES = 40;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function main() {
  // The bench's stand-in for the indexer's HTTP server: the same bytes its /book route would send.
  let served: { path: string; body: Uint8Array } | null = null;
  let bookRequests = 0;
  const server = createServer((req, res) => {
    if (served && req.url === served.path) {
      bookRequests++;
      res.writeHead(200, { "content-type": BOOK_CONTENT_TYPE });
      res.end(served.body);
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: `the bench serves only ${served?.path ?? "nothing yet"}` }));
  });
  // Node closes an idle kept-alive socket after 5 s; on a loaded machine a load (decode and valuation) takes longer
  // than that and the next fetch reused a socket being closed (ECONNRESET). Keep them for the whole run.
  server.keepAliveTimeout = 600_000;
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const indexerUrl = `http://127.0.0.1:${port}`;

  const stack = await startStack({ env: { KEEL_INDEXER_URL: indexerUrl } });
  const lines: string[] = [];
  try {
    const { anvil, deployment } = stack;
    const market = deployment.markets[0]!;
    const lens = deployment.contracts.lens!;
    const client = createPublicClient({ chain: localChain(deployment.chainId, anvil.url), transport: http(anvil.url, { batch: { wait: 16 } }) });
    // Two days of hourly price history per feed, so the page computes every vault's liquidation odds as it would live.
    await writePriceHistory({ rpcUrl: anvil.url, deployment, hours: 48 });
    const view = await client.readContract({ address: lens, abi: keelLensAbi, functionName: "getMarket", args: [market.address] });

    // ── The book ──
    const t0 = performance.now();
    const plan = planRiskVaults(view, VAULTS, seededRandom(1));
    // Debt as shares at the market's borrow totals (what the indexer stores: the lens's debtShares).
    const rows: BookRow[] = plan.map((p, i) => ({
      id: BigInt(i + 1),
      owner: p.owner,
      debtShares: (p.borrow * (view.totalBorrowShares + 1_000_000n)) / (view.totalBorrows + 1n),
      assets: view.collaterals.filter((_, j) => p.amounts[j]! > 0n).map((c) => c.info.asset),
      amounts: p.amounts.filter((a) => a > 0n),
    }));
    const planSeconds = (performance.now() - t0) / 1000;
    const encodeTimes: number[] = [];
    let raw!: Uint8Array;
    let body!: Uint8Array;
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      raw = encodeBook({ chainId: deployment.chainId, market: market.address, block: await client.getBlockNumber(), rows });
      body = await gzip(raw);
      if (i > 0) encodeTimes.push(performance.now() - t);
    }
    served = { path: `/book/${deployment.chainId}/${market.address}`, body };
    const owners = new Set(plan.map((p) => p.owner)).size;

    // ── Load, Node: the page's loader against the bench's server ──
    const fetchBook = async () => (await fetch(`${indexerUrl}${served!.path}`)).arrayBuffer();
    const loads: number[] = [];
    let book!: Awaited<ReturnType<typeof loadRiskBookFromIndexer>>["book"];
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      ({ book } = await loadRiskBookFromIndexer(fetchBook, client, lens, market.address));
      if (i > 0) loads.push(performance.now() - t); // the first run warms the JIT
    }
    if (book.n !== VAULTS) throw new Error(`the loaded book has ${book.n} vaults, not ${VAULTS}`);

    // ── Stress recompute, Node ──
    const { uniform } = seededRandom(42);
    const flags = new Uint8Array(book.n);
    const health = new Float64Array(book.n);
    // The reference (lib/analytics/stress.ts `stress`, then `healthHistogram` at the scenario: what the worker ran before) and the
    // worker's one pass (`stressScenario` over `stressColumns`), taking turns on the same positions: the same conditions.
    const stressTimes: number[] = [];
    const fastTimes: number[] = [];
    const columns = stressColumns(book);
    const fastFlags = new Uint8Array(book.n);
    for (let i = 0; i < 1_000; i++) {
      const shocks = book.assets.map(() => Math.floor(uniform() * 91) / 100);
      const t = performance.now();
      stress(book, shocks, flags, health);
      healthHistogram(book, { health, flags });
      stressTimes.push(performance.now() - t);
      const tf = performance.now();
      stressScenario(columns, shocks, fastFlags);
      fastTimes.push(performance.now() - tf);
    }
    // The one pass per depth of fall (the deep ones liquidate most vaults and price their bad debt): the fastest of 15 runs
    // and the median wall-clock and CPU time (process.cpuUsage: this thread's, plus any GC helper's), every collateral
    // falling together.
    const depths = [0, 0.3, 0.6, 0.85].map((fall) => {
      const shocks = book.assets.map(() => fall);
      const wall: number[] = [];
      const cpu: number[] = [];
      let liquidatable = 0;
      for (let r = 0; r < 15; r++) {
        const c0 = process.cpuUsage();
        const t = performance.now();
        liquidatable = stressScenario(columns, shocks, fastFlags).result.liquidatable;
        wall.push(performance.now() - t);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      return { fall, liquidatable, fastest: Math.min(...wall), wall: quantile(wall, 0.5), cpu: quantile(cpu, 0.5) };
    });
    // The page's typed arrays live outside the JS heap (ArrayBuffers): the book's, plus distances, 1- and 7-day odds
    // and the current scenario's flags.
    const typedBytes = Object.values(book).reduce((a: number, v) => a + (ArrayBuffer.isView(v) ? v.byteLength : 0), 0) + book.n * (8 * 3 + 1);
    const tl = performance.now();
    liquidationLevels(book);
    const levelsMs = performance.now() - tl;

    // ── The page in Chromium ──
    ensureChromium(); // Debian's Chromium, installed when missing (as `npm test` does)
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    let p: {
      loadMs: number;
      parts: RiskLoadParts;
      source: string;
      firstPaint: number;
      heapUsed: number;
      heapTotal: number;
      stress: number[];
      where: string[];
      move: number[];
      histogram: number[];
      longTasks: number[];
      inMoves: number[];
      refetches: number;
      movesMs: number;
      sortMs: number;
      bookRequests: number;
      phoneWidth: number;
      workerTasks: { wall: number; cpu: number }[];
    };
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      const cdp = await page.context().newCDPSession(page);
      bookRequests = 0;
      const t = performance.now();
      await page.goto(stack.baseUrl + "/risk");
      await page
        .getByTestId("total-vaults")
        .filter({ hasText: VAULTS.toLocaleString("en-US") })
        .waitFor({ timeout: 180_000 });
      const firstPaint = (performance.now() - t) / 1000;
      const load = page.getByTestId("risk-load");
      const loadMs = Number(await load.getAttribute("data-load-ms"));
      const source = (await load.getAttribute("data-source")) ?? "?";
      if (source !== "indexer")
        throw new Error(
          `the page read the book from ${source}: ${await page
            .getByTestId("risk-fallback")
            .textContent()
            .catch(() => "")}`,
        );
      const parts = await riskLoadParts(page);
      await page.getByTestId("expected-7d").waitFor({ timeout: 60_000 }); // odds for every vault computed
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number };

      const ids = await page.locator('[data-testid^="shock-"][type="range"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!));
      await page.evaluate(() => {
        performance.clearMeasures();
        // The main thread's long tasks (> 50 ms) from here on: what a slider move must not cause.
        const w = window as unknown as { __keelLongTasks: [number, number][] };
        w.__keelLongTasks = [];
        new PerformanceObserver((list) =>
          w.__keelLongTasks.push(...list.getEntries().map((e): [number, number] => [e.startTime, e.duration])),
        ).observe({ type: "longtask" });
      });
      // A trace of the renderer during the moves: each task of the risk worker's thread with its wall-clock time and its
      // CPU time (the trace's thread time), to tell the recompute's own cost from the time the worker waited for a core.
      await browser.startTracing(page, { categories: ["toplevel", "__metadata"] });
      const tm = performance.now();
      const requestsBefore = bookRequests;
      for (let i = 0; i < MOVES; i++) {
        await page.getByTestId(ids[i % ids.length]!).fill(String(((i * 7) % 90) + 1));
        // Each move's answer on screen before the next (the page drops an answer a newer move has overtaken).
        await page.waitForFunction((count) => performance.getEntriesByName("keel:risk:move").length >= count, i + 1);
      }
      const movesMs = performance.now() - tm;
      const refetches = bookRequests - requestsBefore;
      const workerTasks = workerTaskTimes(JSON.parse((await browser.stopTracing()).toString("utf8")) as Trace);
      const measures = await page.evaluate(() => {
        const moves = performance.getEntriesByName("keel:risk:move");
        const tasks = (window as unknown as { __keelLongTasks: [number, number][] }).__keelLongTasks;
        return {
          stress: performance.getEntriesByName("keel:risk:stress").map((e) => e.duration),
          where: performance.getEntriesByName("keel:risk:stress").map((e) => String((e as PerformanceMeasure).detail?.where ?? "?")),
          move: moves.map((e) => e.duration),
          histogram: performance.getEntriesByName("keel:risk:histogram").map((e) => e.duration),
          longTasks: tasks.map(([, d]) => d),
          // Long tasks that overlap a move (slider event → DOM updated): the ones a move could have caused or waited on.
          inMoves: tasks.filter(([t, d]) => moves.some((m) => t < m.startTime + m.duration && t + d > m.startTime)).map(([, d]) => d),
        };
      });
      // Each move's recompute in order, with the slider and level it moved to (to tell a cold start, a heavy scenario
      // and a noisy machine apart).
      console.error(
        `recompute per move (ms, slider:level): ${measures.stress.map((d, i) => `${d.toFixed(1)}@${i % ids.length}:${((i * 7) % 90) + 1}`).join(" ")}`,
      );
      // The worker's tasks in the same order (one per move when nothing else ran there): wall / CPU ms.
      console.error(
        `the worker's tasks during the moves (wall/CPU ms${workerTasks.length === MOVES ? ", slider:level" : ""}): ${workerTasks
          .map((t, i) => `${t.wall.toFixed(1)}/${t.cpu.toFixed(1)}${workerTasks.length === MOVES ? `@${i % ids.length}:${((i * 7) % 90) + 1}` : ""}`)
          .join(" ")}`,
      );
      const ts = performance.now();
      await page.getByTestId("sort-debt").click();
      await page.locator('th[aria-sort="descending"]').getByTestId("sort-debt").waitFor();
      const sortMs = performance.now() - ts;
      await page.screenshot({ path: "/tmp/bench-risk-100k.png", fullPage: true }); // to look at, not kept
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(500);
      const phoneWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      for (const [x, testId] of ["risk-totals", "stress-panel", "at-risk-table"].entries()) {
        await page.getByTestId(testId).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/bench-risk-100k-phone-${x}.png` }); // to look at, not kept
      }
      p = {
        loadMs,
        parts,
        source,
        firstPaint,
        heapUsed: heap.usedSize,
        heapTotal: heap.totalSize,
        stress: measures.stress,
        where: measures.where,
        move: measures.move,
        histogram: measures.histogram,
        longTasks: measures.longTasks,
        inMoves: measures.inMoves,
        refetches,
        movesMs,
        sortMs,
        bookRequests,
        phoneWidth,
        workerTasks,
      };
    } finally {
      await browser.close();
    }
    const whereRan = [...new Set(p.where)]
      .map((w) => (w === "worker" ? "Web Worker" : w === "main" ? "main thread (no worker: the fallback)" : w))
      .join(" and ");
    if (p.stress.length !== MOVES || p.move.length !== MOVES)
      throw new Error(`measured ${p.stress.length} recomputes and ${p.move.length} moves for ${MOVES} slider moves`);

    const n = VAULTS.toLocaleString("en-US");
    const load = os.loadavg()[0]!.toFixed(1);
    lines.push(
      `Machine: ${os.cpus().length} cores shared with other work (load average ${load} at the end of the run).`,
      "",
      `${n} vaults in one market (${market.name}), synthesised with the seeding distribution (\`planRiskVaults\`, ${owners.toLocaleString("en-US")} owners, ${book.k} collaterals) in ${planSeconds.toFixed(1)} s, encoded by lib/analytics/risk-book-codec.ts (the indexer's \`/book\` route's code) and served by the bench at the app's \`KEEL_INDEXER_URL\`; prices, thresholds and borrow totals from the local chain's \`getMarket\`.`,
      "",
      "### Loading the whole book (goal: under 2 s)",
      "",
      "| measure | result |",
      "| --- | ---: |",
      `| payload: raw / gzipped (what crosses the wire) | ${mb(raw.byteLength)} / ${mb(body.byteLength)} |`,
      `| encode + gzip on the server (median of 3) | ${ms(quantile(encodeTimes, 0.5))} |`,
      `| Node, \`loadRiskBookFromIndexer\`: fetch + gunzip + decode + value every vault with lib/engine/risk.ts (median of 5 after a warm-up; p95 ${ms(quantile(loads, 0.95))}) | ${ms(quantile(loads, 0.5))} |`,
      `| **Chromium, /risk: the page's own load** (the same call through the app's /api/indexer proxy, with \`getMarket\` over RPC) | **${ms(p.loadMs)}** |`,
      `| Chromium, /risk: navigation → totals on screen (JavaScript, hydration, the load, charts, odds of every vault) | ${p.firstPaint.toFixed(2)} s |`,
      `| requests to the indexer for the book | ${p.bookRequests} |`,
      "",
      `The page's own load in parts: ${riskLoadSentence(p.parts)}.`,
      "",
      "### Stress recompute per slider move (goal: under 16 ms)",
      "",
      "| where | median | p95 | max |",
      "| --- | ---: | ---: | ---: |",
      `| Node, the reference: \`stress\` (flags and stressed health per vault) then \`healthHistogram\`, 1,000 random slider positions | ${ms(quantile(stressTimes, 0.5))} | ${ms(quantile(stressTimes, 0.95))} | ${ms(Math.max(...stressTimes))} |`,
      `| Node, the worker's one pass: \`stressScenario\` over the dense columns of the vaults a scenario can move (\`stressColumns\`), the same positions taking turns with the reference | ${ms(quantile(fastTimes, 0.5))} | ${ms(quantile(fastTimes, 0.95))} | ${ms(Math.max(...fastTimes))} |`,
      `| **Chromium, /risk, ${MOVES} slider moves: the recompute, in the ${whereRan} (\`keel:risk:stress\` measure)** | **${ms(quantile(p.stress, 0.5))}** | **${ms(quantile(p.stress, 0.95))}** | ${ms(Math.max(...p.stress))} |`,
      `| **Chromium, /risk, the same moves: slider event → figures and table marks on screen** (message to the worker, recompute, answer back, React render; \`keel:risk:move\`) | **${ms(quantile(p.move, 0.5))}** | **${ms(quantile(p.move, 0.95))}** | ${ms(Math.max(...p.move))} |`,
      ...(p.histogram.length
        ? [
            `| Chromium, /risk, the same moves: slider event → the histogram chart redrawn too (a background render a newer move may interrupt: ${p.histogram.length} of ${MOVES} drawn; \`keel:risk:histogram\`) | ${ms(quantile(p.histogram, 0.5))} | ${ms(quantile(p.histogram, 0.95))} | ${ms(Math.max(...p.histogram))} |`,
          ]
        : []),
      "",
      `The one pass in Node per depth of fall, every collateral at once (fastest of 15 / median wall-clock / median CPU time): ${depths
        .map(
          (x) =>
            `${Math.round(x.fall * 100)} % (${x.liquidatable.toLocaleString("en-US")} vaults liquidated): ${ms(x.fastest)} / ${ms(x.wall)} / ${ms(x.cpu)}`,
        )
        .join("; ")}.`,
      "",
      workerTaskSentence(p.workerTasks, MOVES),
      "",
      `Main-thread long tasks (> 50 ms, \`PerformanceObserver\` "longtask") during the ${MOVES} moves (${(p.movesMs / 1000).toFixed(1)} s, Playwright's round trips included): **${p.longTasks.length}**${p.longTasks.length ? ` (longest ${ms(Math.max(...p.longTasks))}, ${ms(p.longTasks.reduce((a, b) => a + b, 0))} in all)` : ""}; of them, overlapping a move (slider event → DOM updated): **${p.inMoves.length}**${p.inMoves.length ? ` (longest ${ms(Math.max(...p.inMoves))})` : ""}. The book's 30 s refresh fetched it ${p.refetches} time(s) during the moves (its decode and valuation run in the risk worker: \`npm run bench:book\` watches one for long tasks).`,
      "",
      `Memory: the page's JS heap after a garbage collection, with the ${n}-vault book, its odds and distances loaded: **${mb(p.heapUsed)}** used of ${mb(p.heapTotal)} allocated (CDP \`Runtime.getHeapUsage\`), plus ${mb(typedBytes)} of typed arrays outside it (the book's columns, distances, odds, the scenario's flags; counted from the same book in Node).`,
      "",
      `On a 390 px phone the page is ${p.phoneWidth} px wide (${p.phoneWidth <= 390 ? "no sideways scroll" : "it scrolls sideways"}; the table scrolls inside its box).`,
      "",
      `Sorting the whole table by debt (click → header marked, Playwright round trip included): ${ms(p.sortMs)}. The liquidation-levels curves (once per load, Node): ${ms(levelsMs)}.`,
      "The recompute (lib/analytics/stress.ts `stressScenario`: the figures and the health histogram in one pass over dense per-column Float64Arrays of the vaults a scenario can move (`stressColumns`), the histogram bucket from a table, equal to `stress` + `healthHistogram` bit for bit) runs in the risk worker (lib/analytics/stress.worker.ts), which also decoded and valued the book and keeps its columns; one move is in flight at a time (a move made meanwhile waits, replaced by any later one, and goes when the answer is back: the first move of a drag is sent at once and the last position is always computed); each answer carries the figures, the histogram and the flags (a transferred array). The main thread renders the figures and the table's marks, and the histogram chart in a background render.",
      "",
    );
  } finally {
    await stack.stop();
    server.close();
  }
  const out = lines.join("\n");
  console.log(out);
  mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
  writeFileSync(
    path.join(repoRoot, "bench", "results", "risk.md"),
    `Command: \`npm run bench:risk\` (${new Date().toISOString().slice(0, 10)})\n\n${out}`,
  );
}

/** A Chromium trace (`browser.startTracing`'s JSON): complete events carry wall (`dur`) and thread CPU (`tdur`) µs. */
interface Trace {
  traceEvents: { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }[];
}

/**
 * The risk worker's tasks in a trace (the "DedicatedWorker thread"'s top-level tasks of 0.2 ms or more, in order), each
 * with its wall-clock and CPU time in ms: a task whose wall time is far above its CPU time waited for a core.
 */
function workerTaskTimes(trace: Trace): { wall: number; cpu: number }[] {
  const events = trace.traceEvents;
  const workers = new Set(
    events.filter((e) => e.name === "thread_name" && e.args?.name === "DedicatedWorker thread").map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter((e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && workers.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) >= 200)
    .sort((a, b) => a.ts - b.ts)
    .map((e) => ({ wall: e.dur! / 1000, cpu: (e.tdur ?? 0) / 1000 }));
}

/** What the trace says of the worker's tasks during the moves: wall against CPU, and the slowest move's split. */
function workerTaskSentence(tasks: { wall: number; cpu: number }[], moves: number): string {
  if (tasks.length === 0) return "The trace of the moves holds no task of the risk worker's thread (not measured).";
  const wall = tasks.map((t) => t.wall);
  const cpu = tasks.map((t) => t.cpu);
  const slowest = tasks.reduce((a, t) => (t.wall > a.wall ? t : a));
  return (
    `The risk worker's thread during the moves (a Chromium trace, \`toplevel\` tasks of 0.2 ms or more: ${tasks.length} for ${moves} moves, each a recompute and its answer's post): ` +
    `wall-clock median / p95 / max **${ms(quantile(wall, 0.5))} / ${ms(quantile(wall, 0.95))} / ${ms(Math.max(...wall))}**, ` +
    `CPU time (the thread's own) **${ms(quantile(cpu, 0.5))} / ${ms(quantile(cpu, 0.95))} / ${ms(Math.max(...cpu))}**; ` +
    `the slowest task took ${ms(slowest.wall)} of which ${ms(slowest.cpu)} on a core: the rest it waited for one.`
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
