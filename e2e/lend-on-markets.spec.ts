import type { Page } from "@playwright/test";
import { maxUint256, parseUnits, type Address } from "viem";
import { devErc20Abi, keelLenderVaultAbi, keelMarketAbi, keelRiskAdminAbi } from "../contracts-abi";
import { formatApr, formatPercent, formatUtc } from "../lib/view/format";
import { connectWallet, expect, retryUntilRecovered, screenshot, test, TRADER, type E2EChain } from "./support/fixtures";

const deployedMarketOf = (chain: E2EChain, base: string) => chain.deployment.markets.find((m) => m.baseAsset === chain.asset(base).address)!;
const marketOf = (chain: E2EChain, base: string) => deployedMarketOf(chain, base).address;

async function readMarket(chain: E2EChain, market: Address) {
  const read = (functionName: "utilization" | "borrowRate" | "supplyRate") =>
    chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName });
  const [u, b, s] = await Promise.all([read("utilization"), read("borrowRate"), read("supplyRate")]);
  return { u, b, s };
}

/** Sends a transaction as the admin (anvil #0) and waits for it. */
async function asAdmin(
  chain: E2EChain,
  req: { address: Address; abi: typeof keelMarketAbi | typeof devErc20Abi | typeof keelRiskAdminAbi; functionName: string; args: readonly unknown[] },
) {
  const hash = await chain.admin.writeContract(req as Parameters<typeof chain.admin.writeContract>[0]);
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
}

const usdcCard = (page: Page) => page.getByTestId("market-USDC");

test("shows both markets with utilization and APRs as on the chain, collateral parameters and oracle prices", async ({ page, app, chain }) => {
  await app.open("/markets");
  for (const base of ["USDC", "WETH"]) {
    const card = page.getByTestId(`market-${base}`);
    const { u, b, s } = await readMarket(chain, marketOf(chain, base));
    expect(u).toBeGreaterThan(0n); // the demo vaults borrow
    await expect(card.getByTestId("utilization")).toHaveText(formatPercent(u));
    await expect(card.getByTestId("borrow-apr")).toHaveText(formatApr(b));
    await expect(card.getByTestId("supply-apr")).toHaveText(formatApr(s));
    await expect(card.getByTestId("rate-chart").locator("[data-series]")).toHaveCount(2); // the borrow and supply curves
  }
  const usdc = usdcCard(page);
  await expect(usdc.getByTestId("supplied")).toHaveText("2,000,000 USDC");
  await expect(usdc.getByTestId("base-feed").getByTestId("price")).toHaveText("$1.00");
  const weth = usdc.getByTestId("collateral-WETH");
  await expect(weth.getByTestId("ltv")).toHaveText("80.00%");
  await expect(weth.getByTestId("lt")).toHaveText("85.00%");
  await expect(weth.getByTestId("max-discount")).toHaveText("10.00%");
  await expect(weth.getByTestId("price")).toHaveText("$3,000.00");
  await expect(weth).toHaveAttribute("data-status", "ok");
  await expect(usdc.getByTestId("collateral-WBTC").getByTestId("ltv")).toHaveText("75.00%");
  const ethMarketUsdc = page.getByTestId("market-WETH").getByTestId("collateral-USDC");
  await expect(ethMarketUsdc.getByTestId("max-discount")).toHaveText("8.00%");
  await expect(ethMarketUsdc.getByTestId("price")).toHaveText("$1.00");
  // The oracle price table lives on this page too.
  await expect(page.getByTestId("feed-WBTC").getByTestId("price")).toHaveText("$65,000.00");
  await screenshot(page, "markets");
});

test("as a lender: approve exactly, deposit USDC, see the position, withdraw part; liquidity limits a withdrawal", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  test.setTimeout(180_000);
  await injectWallet();
  await app.open("/markets");
  await connectWallet(page);
  const market = marketOf(chain, "USDC");
  const lenderVault = deployedMarketOf(chain, "USDC").lenderVault;
  const usdc = chain.asset("USDC");
  const panel = usdcCard(page).getByTestId("lend-panel");
  await expect(panel.getByTestId("lender-wallet")).toHaveText("500,000 USDC");
  await expect(panel.getByTestId("lender-supplied")).toHaveText("0 USDC");
  // Nothing supplied yet: Max on Withdraw is off (it would only fill 0 and a problem). The tabs follow the arrow keys.
  await panel.getByRole("tab", { name: "Deposit" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(panel.getByRole("tab", { name: "Withdraw" })).toHaveAttribute("aria-selected", "true");
  await expect(panel.getByRole("tab", { name: "Withdraw" })).toBeFocused();
  await expect(panel.getByRole("button", { name: "Max" })).toBeDisabled();
  await panel.getByRole("tab", { name: "Deposit" }).click();
  await expect(panel.getByRole("button", { name: "Max" })).toBeEnabled();

  await panel.getByTestId("lend-amount").fill("1000");
  // Before → after: the supply, and the market's APR and utilisation once 1,000 USDC more is there to lend; the
  // preview's "after" is what the chain answers once the deposit is in (checked below).
  await expect(panel.getByTestId("lend-preview-supplied").getByTestId("after")).toHaveText("→ 1,000 USDC");
  const previewAfter = async (id: string) => (await panel.getByTestId(id).getByTestId("after").textContent())!.replace("→", "").trim();
  const [aprAfter, utilizationAfter] = [await previewAfter("lend-preview-apr"), await previewAfter("lend-preview-utilization")];
  const submit = panel.getByTestId("lend-submit");
  // One click, like the vault forms: the approval (for exactly this amount) then the deposit.
  await expect(submit).toHaveText("Approve & Deposit 1,000 USDC");
  await expect(panel.getByTestId("approve-step")).toBeVisible();
  await screenshot(page, "markets-approve");
  await submit.click();
  await expect(page.getByTestId("toast").filter({ hasText: "Deposit 1,000 USDC — confirmed" })).toBeVisible({ timeout: 45_000 });
  await expect(panel.getByTestId("lender-supplied")).toHaveText("1,000 USDC");
  await expect(panel.getByTestId("lender-wallet")).toHaveText("499,000 USDC");
  const landed = await readMarket(chain, market);
  expect([aprAfter, utilizationAfter]).toEqual([formatApr(landed.s), formatPercent(landed.u)]);
  // The withdrawable limit as the vault rounds it (ERC-4626 rounds a withdrawal's assets down: one unit below the
  // deposit), shown exactly, never rounded up to an amount the form would then refuse.
  await expect(panel.getByTestId("lender-max-withdraw")).toHaveText("999.999999 USDC");
  await expect(usdcCard(page).getByTestId("supplied")).toHaveText("2,001,000 USDC");
  // The deposit went through the market's lender vault: its shares, each one market supply share, are the trader's.
  const shares = await chain.publicClient.readContract({ address: lenderVault, abi: keelLenderVaultAbi, functionName: "balanceOf", args: [TRADER] });
  expect(shares).toBeGreaterThan(0n);
  expect(
    await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "supplyShares", args: [lenderVault] }),
  ).toBeGreaterThanOrEqual(shares);
  // The approval was for the exact amount, not unlimited: the deposit used all of it.
  expect(
    await chain.publicClient.readContract({ address: usdc.address, abi: devErc20Abi, functionName: "allowance", args: [TRADER, lenderVault] }),
  ).toBe(0n);
  await screenshot(page, "markets-deposited");

  await panel.getByRole("tab", { name: "Withdraw" }).click();
  await panel.getByTestId("lend-amount").fill("400");
  await expect(submit).toHaveText("Withdraw 400 USDC");
  await submit.click();
  await expect(panel.getByTestId("lender-supplied")).toHaveText("600 USDC", { timeout: 30_000 });
  await expect(panel.getByTestId("lender-wallet")).toHaveText("499,400 USDC");

  // A borrower takes all but 100 USDC of the cash: the withdrawable amount is now limited by liquidity, and said so.
  const weth = chain.asset("WETH");
  const admin = chain.admin.account.address;
  const id = (await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  await asAdmin(chain, { address: market, abi: keelMarketAbi, functionName: "openVault", args: [] });
  await asAdmin(chain, { address: weth.address, abi: devErc20Abi, functionName: "mint", args: [admin, parseUnits("2000", 18)] });
  await asAdmin(chain, { address: weth.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
  await asAdmin(chain, { address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth.address, parseUnits("2000", 18)] });
  const cash = await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "cash" });
  await asAdmin(chain, { address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, cash - parseUnits("100", 6), admin] });
  await expect(panel.getByTestId("liquidity-limited")).toBeVisible();
  await expect(panel.getByTestId("lender-max-withdraw")).toHaveText("100 USDC");
  await panel.getByTestId("lend-amount").fill("500");
  await expect(panel.getByTestId("lend-amount-message")).toHaveText("At most 100 USDC: the market's free liquidity limits withdrawals now");
  await expect(submit).toBeDisabled();
  const { u } = await readMarket(chain, market);
  await expect(usdcCard(page).getByTestId("utilization")).toHaveText(formatPercent(u));
  await screenshot(page, "markets-liquidity-limited");
});

test("a deposit in flight owns the panel across navigation and reload; Max withdraw redeems every share", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  test.setTimeout(240_000);
  await injectWallet();
  await app.open("/markets");
  await connectWallet(page);
  const lenderVault = deployedMarketOf(chain, "USDC").lenderVault;
  const panel = usdcCard(page).getByTestId("lend-panel");
  const submit = panel.getByTestId("lend-submit");
  await expect(panel.getByTestId("lender-wallet")).toHaveText("500,000 USDC");

  // Blocks stop: the approval is sent and stays pending.
  await chain.testClient.setAutomine(false);
  await panel.getByTestId("lend-amount").fill("1000");
  await submit.click();
  await expect(panel.getByTestId("flow-pending")).toContainText("step 1 of 2: Approve 1,000 USDC");
  // Away and back (client-side navigation): the panel still shows the flow, the amount locked, no second start.
  await page.getByRole("link", { name: "Risk" }).first().click();
  await expect(page).toHaveURL(/\/risk$/);
  await page.getByRole("link", { name: "Markets" }).first().click();
  await expect(panel.getByTestId("flow-pending")).toBeVisible();
  await expect(panel.getByTestId("lend-amount")).toHaveValue("1000");
  await expect(panel.getByTestId("lend-amount")).toBeDisabled();
  await expect(submit).toBeDisabled();
  await screenshot(page, "markets-flow-locked");
  // The approval is mined; the deposit follows and is mined too.
  await chain.testClient.mine({ blocks: 1 });
  await expect(panel.getByTestId("flow-pending")).toContainText("step 2 of 2: Deposit 1,000 USDC", { timeout: 30_000 });
  await chain.testClient.setAutomine(true);
  await chain.testClient.mine({ blocks: 1 });
  await expect(page.getByTestId("toast").filter({ hasText: "Deposit 1,000 USDC — confirmed" })).toBeVisible({ timeout: 45_000 });
  await expect(panel.getByTestId("lender-supplied")).toHaveText("1,000 USDC");
  await expect(panel.getByTestId("flow-pending")).toBeHidden();
  await expect(panel.getByTestId("lend-amount")).toHaveValue("");

  // Reload between approve and deposit: the panel says the approval landed and the deposit was not sent.
  await chain.testClient.setAutomine(false);
  await panel.getByTestId("lend-amount").fill("10");
  await submit.click();
  await expect(panel.getByTestId("flow-pending")).toContainText("step 1 of 2: Approve 10 USDC (sent, waiting for the chain)", { timeout: 30_000 });
  await page.reload();
  await chain.testClient.setAutomine(true);
  await chain.testClient.mine({ blocks: 1 });
  await connectWallet(page);
  await expect(panel.getByTestId("flow-interrupted")).toContainText("“Approve 10 USDC” is confirmed, but “Deposit 10 USDC” was not sent", {
    timeout: 30_000,
  });
  await panel.getByRole("button", { name: "Dismiss" }).click();
  await expect(panel.getByTestId("flow-interrupted")).toBeHidden();

  // Interest accrues; Max withdraw takes everything: redeem of all shares, none left behind.
  await chain.testClient.increaseTime({ seconds: 30 * 86_400 });
  await chain.testClient.mine({ blocks: 1 });
  await panel.getByRole("tab", { name: "Withdraw" }).click();
  await panel.getByRole("button", { name: "Max" }).click();
  // Max means everything: the button names it, whatever interest accrues between the read and the block.
  await expect(submit).toHaveText(/^Withdraw all \(.* USDC\)$/);
  await submit.click();
  await expect(page.getByText(/Withdraw all \(.* USDC\) — confirmed/)).toBeVisible({ timeout: 45_000 });
  expect(await chain.publicClient.readContract({ address: lenderVault, abi: keelLenderVaultAbi, functionName: "balanceOf", args: [TRADER] })).toBe(
    0n,
  );
  await expect(panel.getByTestId("lender-supplied")).toHaveText("0 USDC");
});

test("bad amounts each show their own message and disable submit", async ({ page, app, injectWallet }) => {
  await injectWallet();
  await app.open("/markets");
  await connectWallet(page);
  const panel = usdcCard(page).getByTestId("lend-panel");
  await expect(panel.getByTestId("lender-wallet")).toHaveText("500,000 USDC");
  const input = panel.getByTestId("lend-amount");
  const message = panel.getByTestId("lend-amount-message");
  const submit = panel.getByTestId("lend-submit");
  const cases: [string, string | RegExp][] = [
    ["abc", "Enter a number, like 1.5"],
    ["1,500", "“1,500” could be 1500 or 1.5: write one of the two"],
    ["12,34,5", "Write the amount like 1234.5 or 1,234.5"],
    ["-5", "The amount cannot be negative"],
    ["1e3", "Write the amount in full digits, without an exponent (e)"],
    ["1.1234567", "USDC has at most 6 decimals"],
    ["0", "Enter an amount above zero"],
    ["600000", "You have 500,000 USDC"],
  ];
  for (const [text, expected] of cases) {
    await input.fill(text);
    await expect(message).toHaveText(expected);
    await expect(submit).toBeDisabled();
  }
  await input.fill("");
  await expect(message).toHaveText("Enter an amount");
  await expect(submit).toBeDisabled();
  await screenshot(page, "markets-bad-input");
  await panel.getByRole("tab", { name: "Withdraw" }).click();
  await input.fill("1");
  await expect(message).toHaveText("At most 0 USDC: your supplied position");
  await expect(submit).toBeDisabled();
  await panel.getByRole("tab", { name: "Deposit" }).click();
  await input.fill("25");
  await expect(message).toHaveText("");
  await expect(submit).toBeEnabled();
});

test("risk changes proposed to the risk admin appear with their effective time and expiry, feeds included", async ({ page, app, chain }) => {
  test.setTimeout(120_000); // three proposals, two cards and three clock jumps
  await page.clock.install(); // real time flows; set forward below to see the countdown end
  await app.open("/markets");
  const usdcMarket = marketOf(chain, "USDC");
  const wethMarket = marketOf(chain, "WETH");
  const riskAdmin = chain.deployment.contracts.riskAdmin!;
  await expect(usdcCard(page).getByTestId("pending-changes")).toContainText("None");
  await asAdmin(chain, {
    address: riskAdmin,
    abi: keelRiskAdminAbi,
    functionName: "proposeCollateral",
    args: [
      usdcMarket,
      chain.asset("WETH").address,
      {
        ltv: parseUnits("0.75", 18),
        liquidationThreshold: parseUnits("0.82", 18),
        maxDiscount: parseUnits("0.12", 18),
        supplyCap: parseUnits("50000", 18),
      },
    ],
  });
  const perSecond = (annual: string) => parseUnits(annual, 18) / 31_536_000n;
  await asAdmin(chain, {
    address: riskAdmin,
    abi: keelRiskAdminAbi,
    functionName: "proposeRateModel",
    args: [wethMarket, { baseRate: 0n, slope1: perSecond("0.05"), slope2: perSecond("0.6"), kink: parseUnits("0.85", 18) }],
  });
  // A feed replacement is a pending change too (a price never moves without the delay): WETH's feed, new bounds.
  const weth = chain.asset("WETH");
  await asAdmin(chain, {
    address: riskAdmin,
    abi: keelRiskAdminAbi,
    functionName: "proposeFeed",
    args: [weth.address, weth.feed, 7200, parseUnits("200", 8), parseUnits("50000", 8)],
  });
  const pending = await chain.publicClient.readContract({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "pendingChanges" });
  const collateralChange = pending.find((c) => c.kind === 0 && c.market === usdcMarket);
  const rateChange = pending.find((c) => c.kind === 1 && c.market === wethMarket);
  const feedChange = pending.find((c) => c.kind === 3);

  const c = usdcCard(page).getByTestId(`pending-change-${collateralChange!.id}`);
  await expect(c).toContainText("WETH collateral parameters");
  await expect(c).toContainText("80.00% → 75.00%");
  await expect(c).toContainText("85.00% → 82.00%");
  await expect(c).toContainText("100,000 WETH → 50,000 WETH");
  await expect(c.getByTestId("effective-at")).toHaveText(formatUtc(collateralChange!.executableAt));
  await expect(c.getByTestId("countdown")).toHaveText(/^in (1d 0h|23h \d+m)$/);
  await expect(c.getByTestId("expires-at")).toHaveText(formatUtc(collateralChange!.expiresAt));

  // The feed change shows on both markets that price WETH (the USDC market's collateral, the WETH market's base).
  for (const card of [usdcCard(page), page.getByTestId("market-WETH")]) {
    const f = card.getByTestId(`pending-change-${feedChange!.id}`);
    await expect(f).toContainText("WETH price feed");
    await expect(f).toContainText("1h 0m → 2h 0m");
    await expect(f).toContainText("100 → 200");
    await expect(f).toContainText("100,000 → 50,000");
  }

  const r = page.getByTestId("market-WETH").getByTestId(`pending-change-${rateChange!.id}`);
  await expect(r).toContainText("Rate model");
  await expect(r).toContainText("90.00% → 85.00%");
  await expect(r).toContainText("3.00% → 5.00%");
  await expect(r.getByTestId("effective-at")).toHaveText(formatUtc(rateChange!.executableAt));
  await screenshot(page, "markets-pending-changes");

  // Once the delay has passed the change is shown as executable.
  await page.clock.setSystemTime(new Date(Number(collateralChange!.executableAt) * 1000 + 5_000));
  await expect(c.getByTestId("countdown")).toHaveText("executable now");
  // After its 14-day window it can no longer be executed.
  await page.clock.setSystemTime(new Date(Number(collateralChange!.expiresAt) * 1000 + 5_000));
  await expect(c.getByTestId("countdown")).toHaveText("expired");
  await expect(c.getByTestId("effective")).toHaveAttribute("data-state", "expired");
});

test("the emergency borrow pause shows on the market", async ({ page, app, chain }) => {
  const usdcMarket = marketOf(chain, "USDC");
  const riskAdmin = chain.deployment.contracts.riskAdmin!;
  await asAdmin(chain, { address: riskAdmin, abi: keelRiskAdminAbi, functionName: "pauseBorrowing", args: [usdcMarket] });
  await app.open("/markets");
  await expect(usdcCard(page).getByTestId("borrow-paused")).toContainText("Borrowing is paused");
  await expect(page.getByTestId("market-WETH").getByTestId("borrow-paused")).toHaveCount(0);
  await screenshot(page, "markets-borrow-paused");
  await asAdmin(chain, { address: riskAdmin, abi: keelRiskAdminAbi, functionName: "unpauseBorrowing", args: [usdcMarket] });
});

test("an unreachable RPC shows a banner with retry, keeps the last markets and their age", async ({ page, app, chain }) => {
  await app.open("/markets");
  const card = usdcCard(page);
  await expect(card.getByTestId("utilization")).not.toBeEmpty();
  const shown = await card.getByTestId("utilization").textContent();
  const rpc = (url: URL) => url.origin === new URL(chain.rpcUrl).origin;
  await page.route(rpc, (route) => route.abort("connectionrefused"));
  const banner = page.getByRole("region", { name: "Markets on Anvil (local)" }).getByTestId("rpc-error");
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText("Showing market data from");
  await expect(banner.getByTestId("stale-age")).toHaveText(/^\d+s$/);
  await expect(card.getByTestId("utilization")).toHaveText(shown!);
  await screenshot(page, "markets-rpc-down");
  await page.unroute(rpc);
  await retryUntilRecovered(banner);
});
