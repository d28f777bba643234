import type { Address } from "viem";
import { keelLensAbi } from "../contracts-abi";
import { seedRiskVaults, writePriceHistory } from "../scripts/seed-risk";
import { connectWallet, DEMO, expect, screenshot, test, type E2EChain } from "./support/fixtures";
import { WAD } from "../lib/engine/math";

const SEEDED = 300;

const usdcMarket = (chain: E2EChain) => chain.deployment.markets.find((m) => m.name.includes("USDC"))!.address;

/**
 * The test's own count, straight from the lens's full vault views (not the app's book or lib/analytics/stress.ts): vaults with
 * debt whose Σ value × (100 − fall %) / 100 × LT drops below their debt value, or that are liquidatable already.
 */
async function liquidatableUnder(chain: E2EChain, market: Address, fallPercent: Record<string, bigint>) {
  const lens = chain.deployment.contracts.lens!;
  const vaults = [];
  for (let offset = 0n; ; offset += 100n) {
    const [page, count] = await chain.publicClient.readContract({
      address: lens,
      abi: keelLensAbi,
      functionName: "getVaults",
      args: [market, offset, 100n],
    });
    vaults.push(...page);
    if (offset + 100n >= count) break;
  }
  let n = 0;
  for (const v of vaults) {
    if (v.debt === 0n || !v.pricesOk) continue;
    let liq = 0n;
    for (const c of v.collaterals) {
      const fall = fallPercent[c.asset.toLowerCase()] ?? 0n;
      liq += (((c.value * (100n - fall)) / 100n) * c.liquidationThreshold) / WAD;
    }
    if (v.liquidatable || liq < v.debtValue) n++;
  }
  return { total: vaults.length, liquidatable: n };
}

test.describe("risk dashboard", () => {
  test.setTimeout(180_000);

  test("renders every seeded vault, and a shock slider moves the liquidatable count to the chain's own figure", async ({ page, app, chain }) => {
    await seedRiskVaults({ rpcUrl: chain.rpcUrl, deployment: chain.deployment, vaults: SEEDED, historyHours: 48 });
    const market = usdcMarket(chain);
    const weth = chain.asset("WETH").address.toLowerCase();
    const wbtc = chain.asset("WBTC").address.toLowerCase();

    await app.open("/risk");
    const now = await liquidatableUnder(chain, market, {});
    await expect(page.getByTestId("total-vaults")).toHaveText(now.total.toLocaleString("en-US"), { timeout: 30_000 });
    // The suite's stack runs no indexer: the page says so, plainly (a setting, not a fault), and reads every vault from
    // the lens's pages.
    await expect(page.getByTestId("risk-fallback")).toHaveText("Every vault read from the chain, in lens pages: this app runs without an indexer.");
    await expect(page.getByTestId("risk-fallback")).toHaveAttribute("data-detail", /no indexer is configured/);
    await expect(page.getByTestId("risk-load")).toHaveAttribute("data-source", "rpc");
    await expect(page.getByTestId("stress-liquidatable")).toHaveText(now.liquidatable.toLocaleString("en-US"));
    await expect(page.getByTestId("risk-row").first()).toBeVisible();
    // Each distance names its price: a collateral falling or the borrowed USDC rising (as each vault's page counts it).
    const moves = await page.getByTestId("row-distance-move").allTextContents();
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) expect(m).toMatch(/^(WETH ↓|WBTC ↓|USDC ↑)$/);
    await expect(page.getByTestId("vol-WETH")).toContainText("% a year");
    await screenshot(page, "risk-dashboard");

    // WETH alone −20 %.
    await page.getByTestId("shock-WETH").fill("20");
    await expect(page.getByTestId("shock-WETH-value")).toHaveText("−20%");
    const wethDown = await liquidatableUnder(chain, market, { [weth]: 20n });
    expect(wethDown.liquidatable).toBeGreaterThan(now.liquidatable);
    await expect(page.getByTestId("stress-liquidatable")).toHaveText(wethDown.liquidatable.toLocaleString("en-US"));

    // Everything −35 %.
    await page.getByTestId("shock-all").fill("35");
    const allDown = await liquidatableUnder(chain, market, { [weth]: 35n, [wbtc]: 35n });
    expect(allDown.liquidatable).toBeGreaterThan(wethDown.liquidatable);
    await expect(page.getByTestId("stress-liquidatable")).toHaveText(allDown.liquidatable.toLocaleString("en-US"));
    await expect(page.getByTestId("stress-bad-debt")).not.toHaveText("$0.00");
    await page.getByTestId("only-stressed").check();
    await expect(page.getByTestId("risk-rows-shown")).toContainText(`of ${allDown.liquidatable.toLocaleString("en-US")} vaults`);
    await screenshot(page, "risk-stressed");

    // Sorted by 7-day odds, highest first; the first row opens its vault page, which shows the same kind of odds.
    await page.getByTestId("only-stressed").uncheck();
    // Two quick clicks on a header turn it around twice (largest debt first, then smallest), even when the second comes
    // before the worker's order for the first.
    await page.getByTestId("sort-debt").dblclick();
    await expect(page.getByTestId("sort-debt")).toContainText("↑");
    await expect(page.getByTestId("sort-debt").locator("..")).toHaveAttribute("aria-sort", "ascending");
    await page.getByTestId("sort-odds7").click();
    // The order comes from the risk worker: the header is marked once it is on screen.
    await expect(page.getByTestId("sort-odds7")).toContainText("↓");
    const row = page.getByTestId("risk-row").nth(1); // the first is the demo vault liquidatable now (100 %)
    const id = await row.getAttribute("data-vault-id");
    await row.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/vault/${chain.deployment.chainId}/${id}\\?market=${market}`, "i"));
    await expect(page.getByTestId("liquidation-odds")).toContainText("chance of liquidation within 7 days at current volatility");
    await screenshot(page, "risk-vault-odds");
  });

  test("the dashboard's vault card shows the 7-day odds and the collateral to bring them under a chosen level", async ({
    page,
    app,
    chain,
    injectWallet,
  }) => {
    await writePriceHistory({ rpcUrl: chain.rpcUrl, deployment: chain.deployment, hours: 48 });
    // anvil #0 holds the demo vaults: one comfortable, one close to liquidation (WETH + WBTC).
    await injectWallet({ account: DEMO });
    await app.open("/");
    await connectWallet(page);
    const odds = page.getByTestId("liquidation-odds");
    await expect(odds.first()).toBeVisible({ timeout: 30_000 });
    const card = page
      .locator("article", { has: page.getByTestId("liquidation-odds") })
      .filter({ hasText: "Watch" })
      .or(page.locator("article", { has: page.getByTestId("liquidation-odds") }).filter({ hasText: "At risk" }));
    const close = card.first();
    await expect(close.getByTestId("odds-7d")).toHaveText(/^(\d+(\.\d)?%|< 0\.1%|> 99\.9%)$/);
    await close.getByLabel("Target odds within 7 days").selectOption("0.01");
    await expect(close.getByTestId("odds-add")).toHaveText(/^Add [\d,.]+ (WETH|WBTC) \(\$[\d,.]+\) to bring it under$/);
    await screenshot(page, "dashboard-vault-odds");
  });
});
