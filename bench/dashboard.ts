/**
 * `npm run bench:dashboard`: what the dashboard costs a trader's browser.
 * - RPC: HTTP requests and JSON-RPC calls the dashboard makes per refresh (per new block), with a connected account
 *   holding positions on all three protocols (anvil #0: two Keel vaults, an Aave v3 account, a Morpho Blue position),
 *   while anvil mines a block every 2 s. Goal: one eth_call per chain per block, plus the block poll. And the requests
 *   a vault page and the watched dashboard send on first load, with how many round trips follow one another.
 * - JavaScript shipped on first load of `/` by a visitor with no wallet, against a bare page on the same stack loaded the
 *   same way (bench/bare: Next, next-intl, wagmi, TanStack Query; RainbowKit's UI on demand in both), counted alike
 *   (scriptBytes); goal ≤ 1.3×. Also the dashboard with positions on screen, for the record.
 * Needs the production build (`npm run build`); builds bench/bare itself. Writes bench/results/dashboard.md.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { createTestClient, http } from "viem";
import { injectedWalletScript } from "../e2e/support/injected-wallet";
import { freePort } from "../scripts/lib/anvil";
import { repoRoot } from "../scripts/lib/artifacts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from "../scripts/lib/chromium";
import { localChain } from "../lib/server/clients";
import { precompress } from "../scripts/lib/precompress";
import { spawnProductionServer, startStack, waitForHttp } from "../scripts/lib/stack";
import { firstLoadRpc, rpcListing } from "./lib/rpc-rounds";

const OWNER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // anvil #0: two demo vaults, an Aave and a Morpho position

/**
 * JavaScript a page loads, counted the same way for every page measured: every script the browser requested from the
 * navigation until 3 s after the load event (the HTML's own and those the page then imported), from its Resource
 * Timing entries — encoded = the bytes over the wire (Brotli, as `npm start` serves them), decoded = the bytes parsed.
 * `ready` (optional) waits for the page's content first (a connected dashboard's positions), then the 3 s run.
 */
async function scriptBytes(page: Page, url: string, ready?: () => Promise<unknown>) {
  await page.goto(url, { waitUntil: "load" });
  await ready?.();
  await page.waitForTimeout(3_000);
  return page.evaluate(() => {
    const js = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((e) => /\.js(\?|$)/.test(e.name));
    return {
      count: js.length,
      transferred: js.reduce((s, e) => s + e.encodedBodySize, 0),
      decoded: js.reduce((s, e) => s + e.decodedBodySize, 0),
    };
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function main() {
  ensureChromium(); // before any stack starts: Debian's Chromium, installed when missing (as `npm test` does)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  const stack = await startStack({ lendingProtocols: true });
  const lines: string[] = [];
  try {
    // ── RPC per refresh ──
    const page = await browser.newPage();
    await page.addInitScript(injectedWalletScript({ rpcUrl: stack.anvil.url, account: OWNER, chainId: 31337 }));
    await page.goto(stack.baseUrl + "/", { waitUntil: "load" });
    await page.getByRole("button", { name: "Connect Wallet" }).click();
    await page
      .getByRole("dialog")
      .getByText("Keel Test Wallet")
      .click()
      .catch(async (e) => {
        await page.screenshot({ path: "/tmp/bench-fail.png" });
        throw e;
      });
    await page.getByTestId("rk-account-button").waitFor();
    // Every protocol's card is on screen before counting.
    await page.getByTestId("position-aave-v3").first().waitFor({ timeout: 60_000 });
    await page.getByTestId("position-morpho-blue").first().waitFor();
    const shown = {
      keel: await page.locator('[data-testid^="vault-0x"]').count(),
      aave: await page.getByTestId("position-aave-v3").count(),
      morpho: await page.getByTestId("position-morpho-blue").count(),
    };
    await page.waitForTimeout(5_000); // settle: first loads done
    let httpRequests = 0;
    let rpcCalls = 0;
    const methods = new Map<string, number>();
    page.on("request", (req) => {
      if (!req.url().startsWith(stack.anvil.url)) return;
      httpRequests++;
      const body = req.postDataJSON() as { method: string } | { method: string }[];
      for (const call of Array.isArray(body) ? body : [body]) {
        rpcCalls++;
        methods.set(call.method, (methods.get(call.method) ?? 0) + 1);
      }
    });
    const test = createTestClient({ chain: localChain(31337, stack.anvil.url), transport: http(stack.anvil.url), mode: "anvil" });
    const blocks = 10;
    for (let i = 0; i < blocks; i++) {
      await test.mine({ blocks: 1 });
      await page.waitForTimeout(2_000);
    }
    const byMethod = [...methods.entries()].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${(n / blocks).toFixed(1)}`);
    lines.push(
      "### RPC requests per dashboard refresh",
      "",
      `Connected account (anvil #0) with ${shown.keel} Keel vaults, ${shown.aave} Aave v3 account and ${shown.morpho} Morpho Blue position on screen; one block every 2 s, ${blocks} blocks observed.`,
      "",
      "| per block | HTTP requests | JSON-RPC calls |",
      "| --- | ---: | ---: |",
      `| dashboard \`/\` | ${(httpRequests / blocks).toFixed(1)} | ${(rpcCalls / blocks).toFixed(1)} |`,
      "",
      `JSON-RPC calls per block by method: ${byMethod.join(", ")}.`,
      "",
    );
    await page.close();

    // ── RPC round trips on first load ──
    // Three fresh loads of each page, no wallet, no block mined meanwhile: the requests of the last, the counts of all.
    lines.push(
      "### RPC round trips on first load",
      "",
      "A new browser with no wallet opens the page; every JSON-RPC request to the chain from the navigation until 4 s after the load event. A request's round is one more than the highest round among the requests answered before it was sent: the deepest round is how many round trips the page's reads take one after another (bench/lib/rpc-rounds.ts). The block watcher's polls (`eth_blockNumber` alone) are not counted. Three loads each.",
      "",
      "| page | requests | JSON-RPC calls | rounds |",
      "| --- | ---: | ---: | ---: |",
    );
    const listings: string[] = [];
    for (const [label, route] of [
      ["a vault page (`/vault/31337/1`)", "/vault/31337/1"],
      ["the dashboard watching anvil #0 (`/?watch=`)", `/?watch=${OWNER}`],
    ] as const) {
      const loads: Awaited<ReturnType<typeof firstLoadRpc>>[] = [];
      for (let i = 0; i < 3; i++) loads.push(await firstLoadRpc(browser, stack.baseUrl + route, stack.anvil.url, stack.deployment));
      const each = (f: (l: (typeof loads)[number]) => number) => loads.map(f).join(", ");
      lines.push(
        `| ${label} | ${each((l) => l.requests.length)} | ${each((l) => l.requests.reduce((n, r) => n + r.calls.length, 0))} | ${each((l) => l.rounds)} |`,
      );
      listings.push(
        `The last load of ${label}, request by request (round. sent after navigation: calls):`,
        "",
        ...rpcListing(loads.at(-1)!.requests).map((l) => `- ${l}`),
        "",
      );
    }
    lines.push("", ...listings);

    // ── JavaScript on first load ──
    const keel = await scriptBytes(await browser.newPage(), stack.baseUrl + "/");
    // The dashboard with positions on screen (anvil #0's, watched: no wallet needed): the code of its reads and cards
    // comes with it. For the record; the goal compares a visitor's first load (above).
    const withPositions = await browser.newPage();
    const positions = await scriptBytes(withPositions, `${stack.baseUrl}/?watch=${OWNER}`, () =>
      withPositions.getByTestId("position-morpho-blue").first().waitFor({ timeout: 60_000 }),
    );
    const bareDir = path.join(repoRoot, "bench", "bare");
    const build = spawnSync(path.join(repoRoot, "node_modules", ".bin", "next"), ["build"], {
      cwd: bareDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    if (build.status !== 0) throw new Error("building bench/bare failed");
    const port = await freePort();
    // Served as Keel is: its static files precompressed, by the same server.
    await precompress(path.join(bareDir, ".next", "static"));
    const bareServer = spawnProductionServer({ dir: bareDir, port });
    try {
      await waitForHttp(`http://127.0.0.1:${port}`, bareServer, 60_000);
      const bare = await scriptBytes(await browser.newPage(), `http://127.0.0.1:${port}/`);
      lines.push(
        "### JavaScript shipped on first load",
        "",
        "Both pages counted the same way: a new browser with no wallet connected opens the page; every script requested from the navigation until 3 s after the load event (Resource Timing: transferred = as `npm start` serves it, Brotli, uncompressed = parsed). The bare page (bench/bare) is Keel's stack loaded as Keel loads it — Next, next-intl with precompiled messages, wagmi and TanStack Query on first load, RainbowKit's UI on demand — and nothing of Keel.",
        "",
        "| page | transferred (Brotli) | uncompressed |",
        "| --- | ---: | ---: |",
        `| Keel dashboard \`/\`, no wallet (${keel.count} scripts) | ${kb(keel.transferred)} | ${kb(keel.decoded)} |`,
        `| bare stack page (bench/bare, ${bare.count} scripts) | ${kb(bare.transferred)} | ${kb(bare.decoded)} |`,
        `| Keel's own share | ${kb(keel.transferred - bare.transferred)} | ${kb(keel.decoded - bare.decoded)} |`,
        `| Keel ÷ bare (goal ≤ 1.30×) | ${(keel.transferred / bare.transferred).toFixed(2)}× | ${(keel.decoded / bare.decoded).toFixed(2)}× |`,
        `| for the record: Keel dashboard with positions on the three protocols (\`/?watch=\` anvil #0, ${positions.count} scripts) | ${kb(positions.transferred)} | ${kb(positions.decoded)} |`,
        "",
      );
    } finally {
      bareServer.kill("SIGTERM");
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  const out = lines.join("\n");
  console.log(out);
  mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
  writeFileSync(
    path.join(repoRoot, "bench", "results", "dashboard.md"),
    `Command: \`npm run bench:dashboard\` (${new Date().toISOString().slice(0, 10)})\n\n${out}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
