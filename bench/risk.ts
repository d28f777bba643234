/**
 * `npm run bench:risk`: the risk dashboard at 10,000 vaults.
 * - Seeds 10,000 vaults in one market of a fresh local chain (scripts/seed-risk.ts) — the page shows one market, so
 *   this is its worst case — plus a week of hourly price history.
 * - Data: time to read the whole book with lib/risk-book.ts `loadRiskBook` (the page's own code path, with the app's
 *   batching transport), and the HTTP requests / JSON-RPC calls it takes; then the same in the browser, on /risk.
 * - Stress: lib/stress.ts `stress` over the 10,000-vault book for 1,000 random slider positions (Node), and in the
 *   browser the time the page reports for each of 40 slider moves.
 * Needs the production build (`npm run build`). Writes bench/results/risk.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { createPublicClient, http } from "viem";
import { BOOK_PAGE_SIZE, loadRiskBook } from "../lib/risk-book";
import { liquidationLevels, stress } from "../lib/stress";
import { repoRoot } from "../scripts/lib/artifacts";
import { localChain } from "../scripts/lib/clients";
import { startStack } from "../scripts/lib/stack";
import { seedRiskVaults } from "../scripts/seed-risk";

const VAULTS = 10_000;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

async function main() {
  const stack = await startStack();
  const lines: string[] = [];
  try {
    const { anvil, deployment } = stack;
    const market = deployment.markets[0]!;
    const t0 = performance.now();
    await seedRiskVaults({
      rpcUrl: anvil.url,
      deployment,
      vaults: VAULTS,
      historyHours: 168,
      marketShares: deployment.markets.map((_, i) => (i === 0 ? 1 : 0)),
    });
    const seedSeconds = (performance.now() - t0) / 1000;

    // ── Data load, Node, the page's code path and transport settings ──
    let httpRequests = 0;
    let rpcCalls = 0;
    const client = createPublicClient({
      chain: localChain(deployment.chainId, anvil.url),
      transport: http(anvil.url, {
        batch: { wait: 16 },
        retryCount: 1,
        onFetchRequest: async (req) => {
          httpRequests++;
          const body = (await req.clone().json()) as unknown;
          rpcCalls += Array.isArray(body) ? body.length : 1;
        },
      }),
    });
    const loads: number[] = [];
    let book!: Awaited<ReturnType<typeof loadRiskBook>>["book"];
    for (let i = 0; i < 6; i++) {
      httpRequests = 0;
      rpcCalls = 0;
      const t = performance.now();
      ({ book } = await loadRiskBook(client, deployment.contracts.lens!, market.address));
      if (i > 0) loads.push(performance.now() - t); // the first run warms the JIT
    }
    const vaults = book.n;

    // ── Stress recompute, Node ──
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const flags = new Uint8Array(book.n);
    const stressTimes: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const shocks = book.assets.map(() => Math.floor(rand() * 91) / 100);
      const t = performance.now();
      stress(book, shocks, flags);
      stressTimes.push(performance.now() - t);
    }
    const tl = performance.now();
    liquidationLevels(book);
    const levelsMs = performance.now() - tl;

    // ── The page in Chromium ──
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
    let page_: { loadSeconds: number; http: number; rpc: number; stress: number[]; firstPaint: number };
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      let pHttp = 0;
      let pRpc = 0;
      page.on("request", (req) => {
        if (!req.url().startsWith(anvil.url)) return;
        const body = req.postDataJSON() as unknown;
        pHttp++;
        pRpc += Array.isArray(body) ? body.length : 1;
      });
      const t = performance.now();
      await page.goto(stack.baseUrl + "/risk");
      await page.getByTestId("total-vaults").filter({ hasText: vaults.toLocaleString("en-US") }).waitFor({ timeout: 120_000 });
      const firstPaint = (performance.now() - t) / 1000;
      const loadText = (await page.getByTestId("risk-load").textContent()) ?? "";
      const loadSeconds = Number(/in ([\d.]+) s/.exec(loadText)?.[1] ?? NaN);
      const http_ = pHttp;
      const rpc_ = pRpc;
      const times: number[] = [];
      const ids = await page.locator('[data-testid^="shock-"][type="range"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!));
      for (let i = 0; i < 40; i++) {
        const id = ids[i % ids.length]!;
        await page.getByTestId(id).fill(String((i * 7) % 91));
        const text = (await page.getByTestId("stress-time").textContent()) ?? "";
        const m = /in (< )?([\d.]+) ms/.exec(text);
        if (m) times.push(Number(m[2]));
      }
      page_ = { loadSeconds, http: http_, rpc: rpc_, stress: times, firstPaint };
      await page.screenshot({ path: "/tmp/bench-risk-10k.png" }); // to look at, not kept
    } finally {
      await browser.close();
    }

    lines.push(
      `${vaults.toLocaleString("en-US")} vaults in one market (${market.name}), seeded in ${seedSeconds.toFixed(1)} s with DevRiskSeeder (60 vaults per transaction); pages of ${BOOK_PAGE_SIZE} vaults.`,
      "",
      "### Reading every vault (goal: under 2 s on the local chain)",
      "",
      "| where | time | HTTP requests | JSON-RPC calls |",
      "| --- | ---: | ---: | ---: |",
      `| Node, \`loadRiskBook\` (median of 5 after a warm-up; p95 ${ms(quantile(loads, 0.95))}) | ${ms(quantile(loads, 0.5))} | ${httpRequests} | ${rpcCalls} |`,
      `| Chromium, /risk (the page's own measurement of the same call; requests: everything the page sent until the totals showed, volatility history included) | ${(page_.loadSeconds * 1000).toFixed(0)} ms | ${page_.http} | ${page_.rpc} |`,
      "",
      `In the browser, from navigation to the totals on screen (including the app's JavaScript and the market list): ${page_.firstPaint.toFixed(2)} s.`,
      "The JSON-RPC calls are `getMarket` + one `getVaultBook` per page, sent as two batched HTTP requests (first page with the market, then the rest).",
      "",
      "### Stress recompute (goal: under 16 ms, one frame)",
      "",
      "| where | median | p95 | max |",
      "| --- | ---: | ---: | ---: |",
      `| Node, \`stress\` over the book, 1,000 random slider positions | ${ms(quantile(stressTimes, 0.5))} | ${ms(quantile(stressTimes, 0.95))} | ${ms(Math.max(...stressTimes))} |`,
      `| Chromium, /risk, 40 slider moves (time the page reports) | ${ms(quantile(page_.stress, 0.5))} | ${ms(quantile(page_.stress, 0.95))} | ${ms(Math.max(...page_.stress))} |`,
      "",
      `The liquidation-levels curves (once per load): ${ms(levelsMs)}. The recompute runs on the main thread: at these times a Web Worker would cost more in messaging than it saves.`,
      "",
    );
  } finally {
    await stack.stop();
  }
  const out = lines.join("\n");
  console.log(out);
  mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
  writeFileSync(path.join(repoRoot, "bench", "results", "risk.md"), `Command: \`npm run bench:risk\` (${new Date().toISOString().slice(0, 10)})\n\n${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
