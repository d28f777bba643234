/**
 * `npm run bench:book`: the indexer's `/book` route at 100,000 vaults in one market, served by Ponder from its own
 * database (embedded PGlite), and /risk loading it in Chromium — bench:risk's sibling, which serves the same bytes from
 * a small HTTP server of its own.
 *
 * - A fresh local stack (anvil, Keel deployed and seeded: a few real vaults) and the real indexer (Ponder, PGlite in a
 *   temp folder) on a port the app's `KEEL_INDEXER_URL` names; the indexer catches up with the chain and stops.
 * - 100,000 vaults are written into its `vault` table for the first market (rows as its handlers write them: id,
 *   owner, debt shares at the market's borrow totals, the collateral assets and amounts; the seeding distribution of
 *   scripts/seed-risk.ts `planRiskVaults`). They are not on the chain: indexing 100,000 vaults through Ponder takes hours
 *   here (bench/results/indexer.md). The sums the book does not read (USD aggregates, P&L) are written as 0.
 * - The indexer restarts on the same folder (Ponder resumes its tables) and serves `/book`: the first request builds
 *   it (Ponder's query of every row, the encoding, gzip); then the time to the last byte within one indexed block (the
 *   bytes kept), its size, directly and through the app's /api/indexer proxy; and the first request after a new block
 *   in which a vault opened (the rows written since the finalized block read, the kept columns patched, encoded and
 *   gzipped: indexer/src/api/book-cache.ts).
 * - Chromium (production build): /risk until the totals show every vault, the page's own load time, the JS heap, and
 *   one 30 s refresh of the book watched for main-thread long tasks (> 50 ms): the refreshed book is decoded and valued,
 *   and its distances, odds, liquidation levels and table order computed, in the risk worker, so the page should not
 *   block on it. The long tasks of the first load (navigation → odds on screen: the page's JavaScript and hydration
 *   included) are counted too.
 * Needs the production build (`npm run build`). Writes bench/results/book.md. `KEEL_BENCH_BOOK_VAULTS=n` for a smaller run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { createPublicClient, http } from "viem";
import { keelLensAbi } from "../contracts-abi";
import { seededRandom } from "../lib/analytics/random";
import { RISK_BOOK_REFRESH_MS } from "../hooks/use-risk-book";
import { freePort } from "../scripts/lib/anvil";
import { repoRoot } from "../scripts/lib/artifacts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from "../scripts/lib/chromium";
import { startIndexer, type Indexer } from "../scripts/lib/indexer";
import { startStack } from "../scripts/lib/stack";
import { tempDir } from "../scripts/lib/temp-dir";
import { clientsFor, localChain } from "../lib/server/clients";
import { keelMarketAbi } from "../contracts-abi";
import { ANVIL_KEYS } from "../scripts/lib/anvil";
import { planRiskVaults } from "../scripts/seed-risk";
import { riskLoadParts, riskLoadSentence, type RiskLoadParts } from "./lib/risk-load";

/**
 * Ponder's own PGlite (its dependency, resolved from its package: the version that wrote the folder), to write into its
 * database while it is stopped.
 */
const { PGlite } = createRequire(path.join(repoRoot, "node_modules", "ponder", "package.json"))(
  "@electric-sql/pglite",
) as typeof import("@electric-sql/pglite");

const VAULTS = Number(process.env.KEEL_BENCH_BOOK_VAULTS ?? 100_000);
/** Rows per INSERT while seeding. */
const BATCH = 5_000;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const load = () => os.loadavg()[0]!.toFixed(1);

async function main() {
  ensureChromium(); // before any stack starts: Debian's Chromium, installed when missing (as `npm test` does)
  const indexerPort = await freePort();
  const indexerUrl = `http://127.0.0.1:${indexerPort}`;
  const stack = await startStack({ env: { KEEL_INDEXER_URL: indexerUrl } });
  const dataDir = tempDir("keel-bench-book");
  const { anvil, deployment } = stack;
  const chainId = deployment.chainId;
  const indexerAt = () =>
    startIndexer({
      port: indexerPort,
      chains: [{ chainId, rpcUrl: anvil.url }],
      deploymentsDir: stack.deploymentsDir,
      dataDir,
      // Ponder's warnings and errors (PONDER_LOG_LEVEL, warn by default), so a failed request says why.
      log: (line) => console.error(`[indexer] ${line}`),
    });
  const client = createPublicClient({ chain: localChain(chainId, anvil.url), transport: http(anvil.url) });
  const market = deployment.markets[0]!;
  const lines: string[] = [];
  let indexer: Indexer | null = null;
  try {
    // ── The indexer catches up with the chain, then stops so its database can be written ──
    indexer = await indexerAt();
    await indexer.waitFor({ [chainId]: await client.getBlockNumber() }, 300_000);
    await indexer.stop();
    indexer = null;

    // ── 100,000 vaults into Ponder's `vault` table ──
    const view = await client.readContract({
      address: deployment.contracts.lens!,
      abi: keelLensAbi,
      functionName: "getMarket",
      args: [market.address],
    });
    const plan = planRiskVaults(view, VAULTS, seededRandom(1));
    const db = new PGlite(dataDir);
    const seedStarted = performance.now();
    // Ponder's triggers (its live-query notices and its reorg log, which records rows for a rollback) are its own
    // process's; rows written while it is stopped are already final: written with triggers off.
    await db.exec("set session_replication_role = replica");
    const address = market.address.toLowerCase();
    const [{ last }] = (
      await db.query<{ last: string | null }>("select max(vault_id)::text as last from keel.vault where chain_id = $1 and market = $2", [
        chainId,
        address,
      ])
    ).rows as [{ last: string | null }];
    const real = Number(last ?? 0);
    // The written vaults were last touched at or before the finalized block, as nearly all of a real 100,000-vault
    // book is: a new block's patch then reads the rows written since (the one vault opened in it), not all of them.
    const [{ finalized }] = (
      await db.query<{ finalized: string | null }>(
        "select substring(finalized_checkpoint, 27, 16)::numeric::text as finalized from keel._ponder_checkpoint where chain_id = $1",
        [chainId],
      )
    ).rows as [{ finalized: string | null }];
    const writtenAt = finalized ?? "0";
    for (let o = 0; o < plan.length; o += BATCH) {
      const rows = plan.slice(o, o + BATCH).map((p, x) => {
        const vaultId = real + o + x + 1;
        const held = view.collaterals.map((c, j) => ({ asset: c.info.asset.toLowerCase(), amount: p.amounts[j]! })).filter((c) => c.amount > 0n);
        const shares = (p.borrow * (view.totalBorrowShares + 1_000_000n)) / (view.totalBorrows + 1n);
        return {
          id: `${chainId}:${address}:${vaultId}`,
          chain_id: chainId,
          market: address,
          vault_id: String(vaultId),
          owner: p.owner.toLowerCase(),
          opened_block: writtenAt,
          debt: String(p.borrow),
          debt_shares: String(shares),
          collateral_assets: held.map((c) => c.asset),
          collateral_amounts: held.map((c) => String(c.amount)),
          ...Object.fromEntries(
            [
              "collateral_value",
              "debt_value",
              "health_factor",
              "borrowed",
              "repaid",
              "bad_debt",
              "deposited_usd",
              "withdrawn_usd",
              "borrowed_usd",
              "repaid_usd",
              "prev_health",
              "prev_collateral_value",
              "prev_debt",
            ].map((c) => [c, "0"]),
          ),
          prices_ok: true,
          block: writtenAt,
        };
      });
      await db.query("insert into keel.vault select * from json_populate_recordset(null::keel.vault, $1::json)", [JSON.stringify(rows)]);
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const [{ count }] = (await db.query<{ count: number }>("select count(*)::int as count from keel.vault where market = $1", [address])).rows as [
      { count: number },
    ];
    await db.close();
    const expected = real + VAULTS;
    if (count !== expected) throw new Error(`the vault table holds ${count} vaults of the market, not ${expected}`);

    // ── Ponder resumes on the same folder and serves the book ──
    const restarted = performance.now();
    indexer = await indexerAt();
    await indexer.waitFor({ [chainId]: await client.getBlockNumber() }, 300_000);
    // Ponder rolls its unfinalized rows back on a restart and indexes those blocks again: until then the real vaults
    // are missing from the book.
    let built: { ms: number; load: string } | null = null;
    for (let seen = -1; seen !== expected;) {
      if (performance.now() - restarted > 300_000) throw new Error(`after a restart /book serves ${seen} vaults, not ${expected}`);
      const t = performance.now();
      const res = await fetch(`${indexerUrl}/book/${chainId}/${market.address}`, { method: "HEAD" });
      seen = Number(res.headers.get("x-keel-book-vaults") ?? -1);
      // The first answer of the restarted indexer reads every row (`built`); later ones patch.
      if (!built && res.headers.get("x-keel-book-from") === "built" && seen >= VAULTS) built = { ms: performance.now() - t, load: load() };
      if (seen !== expected) await new Promise((r) => setTimeout(r, 500));
    }
    const restartSeconds = (performance.now() - restarted) / 1000;
    const get = async (url: string) => {
      const t = performance.now();
      const res = await fetch(url);
      const body = new Uint8Array(await res.arrayBuffer());
      if (!res.ok) throw new Error(`${url}: ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}`);
      return {
        ms: performance.now() - t,
        bytes: body.byteLength,
        vaults: Number(res.headers.get("x-keel-book-vaults") ?? NaN),
        from: res.headers.get("x-keel-book-from"),
        changed: Number(res.headers.get("x-keel-book-changed") ?? NaN),
      };
    };
    const bookPath = `/book/${chainId}/${market.address}`;
    const direct: number[] = [];
    const proxied: number[] = [];
    let served!: Awaited<ReturnType<typeof get>>;
    for (let i = 0; i < 6; i++) {
      served = await get(`${indexerUrl}${bookPath}`);
      if (i > 0) direct.push(served.ms); // the first warms Ponder's query and the JIT
      const p = await get(`${stack.baseUrl}/api/indexer${bookPath}`);
      if (i > 0) proxied.push(p.ms);
    }
    if (served.vaults !== expected) throw new Error(`/book served ${served.vaults} vaults, not ${expected}`);
    const serveLoad = load();

    // ── The first request after a new block: a vault opened in it (on the chain; its id is one of the written rows'),
    // the indexer caught up, then one request ──
    const opener = clientsFor(anvil.url, chainId, ANVIL_KEYS[4]!);
    const afterBlock: number[] = [];
    let patched!: Awaited<ReturnType<typeof get>>;
    for (let i = 0; i < 5; i++) {
      await opener.send({ address: market.address, abi: keelMarketAbi, functionName: "openVault" });
      await indexer.waitFor({ [chainId]: await client.getBlockNumber() }, 120_000);
      // Ponder's status names the block a moment before the API's queries see its rows (measured: the request right
      // after waitFor is still `cached`, the next one a second later `patched`): ask until the book moves, and time
      // the request that patched it.
      const deadline = Date.now() + 30_000;
      for (;;) {
        patched = await get(`${indexerUrl}${bookPath}`);
        if (patched.from !== "cached" || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      if (patched.from !== "patched") throw new Error(`the first request after a new block was ${patched.from}, not patched`);
      // The chain's next vault id is one the bench's rows already use (they follow the real vaults): its row is rewritten.
      if (!(patched.changed >= 1)) throw new Error(`the first request after a new block patched ${patched.changed} rows`);
      afterBlock.push(patched.ms);
    }
    const afterBlockLoad = load();

    // ── The page in Chromium ──
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    let p: {
      firstTasks: number[];
      firstFigures: number;
      refreshFigures: number;
      loadMs: number;
      parts: RiskLoadParts;
      bookRequests: number;
      firstPaint: number;
      heapUsed: number;
      heapTotal: number;
      refreshes: number;
      longTasks: number[];
      watchedMs: number;
      pageLoad: string;
    };
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      const cdp = await page.context().newCDPSession(page);
      // Long tasks from the first script on (the first load's), kept with their start time.
      await page.addInitScript(() => {
        const w = window as unknown as { __keelLongTasks: { start: number; ms: number }[] };
        w.__keelLongTasks = [];
        new PerformanceObserver((list) => w.__keelLongTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({
          type: "longtask",
        });
      });
      let bookRequests = 0;
      page.on("requestfinished", (r) => {
        if (r.url().includes(`/api/indexer${bookPath}`)) bookRequests++;
      });
      const t = performance.now();
      await page.goto(stack.baseUrl + "/risk");
      await page
        .getByTestId("total-vaults")
        .filter({ hasText: expected.toLocaleString("en-US") })
        .waitFor({ timeout: 180_000 });
      const firstPaint = (performance.now() - t) / 1000;
      const pageLoad = load();
      const loadLine = page.getByTestId("risk-load");
      if ((await loadLine.getAttribute("data-source")) !== "indexer")
        throw new Error(
          `the page did not read the book from the indexer: ${await page
            .getByTestId("risk-fallback")
            .textContent()
            .catch(() => "")}`,
        );
      const loadMs = Number(await loadLine.getAttribute("data-load-ms"));
      const parts = await riskLoadParts(page);
      const firstRequests = bookRequests;
      await page.getByTestId("expected-7d").waitFor({ timeout: 60_000 });
      // The first load: its long tasks (JavaScript, hydration, the book's arrival) and the worker's figures.
      const first = await page.evaluate(() => ({
        tasks: (window as unknown as { __keelLongTasks: { start: number; ms: number }[] }).__keelLongTasks.map((x) => x.ms),
        figures: performance
          .getEntriesByName("keel:risk:figures")
          .map((e) => ({ ms: e.duration, detail: (e as PerformanceMeasure).detail as unknown })),
      }));
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number };

      // One refresh of the book (every RISK_BOOK_REFRESH_MS), watched for long tasks on the main thread.
      const watchFrom = await page.evaluate(() => {
        (window as unknown as { __keelLongTasks: unknown[] }).__keelLongTasks = [];
        performance.clearMeasures("keel:risk:figures");
        return performance.now();
      });
      const before = bookRequests;
      const watched = performance.now();
      const deadline = Date.now() + RISK_BOOK_REFRESH_MS + 30_000;
      while (bookRequests === before && Date.now() < deadline) await page.waitForTimeout(250);
      if (bookRequests === before) throw new Error(`no refresh of the book within ${RISK_BOOK_REFRESH_MS + 30_000} ms`);
      // The refreshed book decoded, valued and shown: give it a few seconds on a loaded machine.
      await page.waitForTimeout(5_000);
      const watched2 = await page.evaluate(() => ({
        tasks: (window as unknown as { __keelLongTasks: { start: number; ms: number }[] }).__keelLongTasks,
        figures: performance
          .getEntriesByName("keel:risk:figures")
          .map((e) => ({ start: e.startTime, ms: e.duration, detail: (e as PerformanceMeasure).detail as unknown })),
      }));
      const longTasks = watched2.tasks.map((x) => x.ms);
      console.log("refresh: long tasks", JSON.stringify(watched2.tasks.map((x) => ({ at: Math.round(x.start - watchFrom), ms: Math.round(x.ms) }))));
      console.log("refresh: figures", JSON.stringify(watched2.figures.map((x) => ({ at: Math.round(x.start - watchFrom), ...x }))));
      console.log("first load: long tasks", JSON.stringify(first.tasks.map(Math.round)), "figures", JSON.stringify(first.figures));
      p = {
        firstTasks: first.tasks,
        firstFigures: first.figures.at(-1)?.ms ?? NaN,
        refreshFigures: watched2.figures.at(-1)?.ms ?? NaN,
        loadMs,
        parts,
        bookRequests: firstRequests,
        firstPaint,
        heapUsed: heap.usedSize,
        heapTotal: heap.totalSize,
        refreshes: bookRequests - before,
        longTasks,
        watchedMs: performance.now() - watched,
        pageLoad,
      };
    } finally {
      await browser.close();
    }

    const n = expected.toLocaleString("en-US");
    lines.push(
      `Machine: ${os.cpus().length} cores shared with other work; load average (1 min) beside each figure.`,
      "",
      `${n} vaults of one market (${market.name}) in Ponder's PGlite database: ${real} indexed from the local chain, ${VAULTS.toLocaleString("en-US")} written into its \`vault\` table (the seeding distribution, \`planRiskVaults\`) in ${seedSeconds.toFixed(1)} s; Ponder restarted on the same folder and resumed in ${restartSeconds.toFixed(1)} s.`,
      "",
      "| measure | result | load |",
      "| --- | ---: | ---: |",
      `| \`/book\` from Ponder, the first request after the restart: every row read, encoded, gzipped (\`built\`) | ${built ? ms(built.ms) : "not seen"} | ${built?.load ?? ""} |`,
      `| \`/book\` from Ponder within one indexed block (the bytes kept): time to the last byte, median of 5 after a warm-up (p95) | **${ms(quantile(direct, 0.5))}** (${ms(quantile(direct, 0.95))}) | ${serveLoad} |`,
      `| **\`/book\` from Ponder, the first request after a new block** (a vault opened in it; the rows written since the finalized block read — ${patched.changed} at the last — the kept columns patched, encoded, gzipped: \`patched\`), median of 5 (p95) | **${ms(quantile(afterBlock, 0.5))}** (${ms(quantile(afterBlock, 0.95))}) | ${afterBlockLoad} |`,
      `| the same through the app's /api/indexer proxy (what the page fetches) | ${ms(quantile(proxied, 0.5))} (${ms(quantile(proxied, 0.95))}) | ${serveLoad} |`,
      `| bytes on the wire (gzipped compact book) | ${mb(served.bytes)} (${(served.bytes / expected).toFixed(1)} B per vault) | |`,
      `| **Chromium, /risk: the page's own load** (fetch through the proxy + \`getMarket\`, decode and value in the risk worker) | **${ms(p.loadMs)}** | ${p.pageLoad} |`,
      `| Chromium, /risk: navigation → totals of ${n} vaults on screen | ${p.firstPaint.toFixed(2)} s | ${p.pageLoad} |`,
      `| Chromium, /risk: requests for the book on the first load (the HTML's preload, taken by the page's fetch) | ${p.bookRequests} | |`,
      `| Chromium, /risk: the first load's distances, odds, levels and table order, in the risk worker (\`keel:risk:figures\`: request → answer) | ${ms(p.firstFigures)} | ${p.pageLoad} |`,
      `| Chromium, /risk: main-thread long tasks > 50 ms from navigation to the odds on screen (the page's JavaScript and hydration included) | ${p.firstTasks.length}${p.firstTasks.length ? ` (longest ${ms(Math.max(...p.firstTasks))})` : ""} | ${p.pageLoad} |`,
      `| JS heap after a garbage collection (CDP \`Runtime.getHeapUsage\`) | ${mb(p.heapUsed)} of ${mb(p.heapTotal)} | |`,
      `| one 30 s refresh of the book (${p.refreshes} request(s), watched ${(p.watchedMs / 1000).toFixed(1)} s): main-thread long tasks > 50 ms | **${p.longTasks.length}**${p.longTasks.length ? ` (longest ${ms(Math.max(...p.longTasks))})` : ""}; the refreshed book's figures in the worker: ${ms(p.refreshFigures)} | ${load()} |`,
      "",
      `The page's own load in parts: ${riskLoadSentence(p.parts)}.`,
      "",
    );
  } finally {
    await indexer?.stop();
    await stack.stop();
  }
  const out = lines.join("\n");
  console.log(out);
  mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
  writeFileSync(
    path.join(repoRoot, "bench", "results", "book.md"),
    `Command: \`npm run bench:book\` (${new Date().toISOString().slice(0, 10)})\n\n${out}`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
