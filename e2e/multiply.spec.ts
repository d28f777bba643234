import type { Page } from "@playwright/test";
import { formatUnits, type Address } from "viem";
import { devErc20Abi, keelLensAbi } from "../contracts-abi";
import { formatHealthFactor, formatUsd } from "../lib/view/format";
import { connectWallet, expect, screenshot, test, TRADER, type E2EChain } from "./support/fixtures";

const usdcMarket = (chain: E2EChain) => chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
const panel = (page: Page) => page.getByTestId("multiply-panel");
const confirmed = (page: Page, title: string | RegExp) => page.getByTestId("toast").filter({ hasText: title }).filter({ hasText: "confirmed" });

async function lensVault(chain: E2EChain, market: Address, id: bigint) {
  return chain.publicClient.readContract({
    address: chain.deployment.contracts.lens!,
    abi: keelLensAbi,
    functionName: "getVault",
    args: [market, id],
  });
}
const wethBalance = (chain: E2EChain) =>
  chain.publicClient.readContract({ address: chain.asset("WETH").address, abi: devErc20Abi, functionName: "balanceOf", args: [TRADER] });
const leverage = (v: Awaited<ReturnType<typeof lensVault>>) => Number(v.collateralValue) / Number(v.collateralValue - v.debtValue);
/** Transactions the injected wallet sent (eth_sendTransaction), in order. */
const sent = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __keelWalletLog: { method: string }[] }).__keelWalletLog.filter((c) => c.method === "eth_sendTransaction").length,
  );

test("open a 3× long ETH position in one transaction, raise it to 4×, then close it and get the collateral back", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  test.setTimeout(120_000);
  const market = usdcMarket(chain);
  const weth = chain.asset("WETH");
  await injectWallet();
  await app.open("/multiply");
  await connectWallet(page);
  const startBalance = await wethBalance(chain);

  // Nothing asked yet: no error, no preview, nothing to sign.
  await expect(panel(page).getByTestId("leverage-input")).toBeVisible();
  await expect(panel(page).getByTestId("multiply-problem")).toBeHidden();
  await expect(panel(page).getByTestId("multiply-preview")).toBeHidden();
  await expect(panel(page).getByTestId("submit-multiply")).toBeDisabled();
  // The leverage may come before the deposit: the maximum shown is that of one WETH, marked "≈" (not 1.00× for nothing
  // deposited yet), and 3 is taken without a word.
  await expect(panel(page).getByText(/^max ≈ [2-9]\.\d\d×$/)).toBeVisible();
  await panel(page).getByTestId("leverage-input").fill("3");
  await expect(panel(page).getByTestId("leverage-problem")).toHaveText("");

  // Open: 10 WETH at 3×.
  await panel(page).getByTestId("amount-input").fill("10");
  await panel(page).getByTestId("leverage-input").fill("3");
  await expect(panel(page).getByTestId("mp-leverage").getByTestId("after")).toHaveText("→ 3.00×");
  await expect(panel(page).getByTestId("multiply-swap")).toContainText(/5\d,\d{3}\.\d+ USDC → ≈ 19\.\d+ WETH/);
  await expect(panel(page).getByTestId("multiply-steps")).toContainText("Authorise the leverage router");
  await expect(panel(page).getByTestId("multiply-steps")).toContainText("Approve 10 WETH to the router");
  await screenshot(page, "multiply-open-3x-preview");

  // Too much leverage, and every malformed one, is named under the box and refused before signing.
  const box = panel(page).getByTestId("leverage-input");
  const cases: [string, string | RegExp][] = [
    ["7", /^At most \d\.\d\d× for this position$/],
    ["50", /^At most \d\.\d\d× for this position$/],
    ["0.5", "Leverage starts at 1.00× (no borrowing)"],
    ["-2", "The leverage cannot be negative"],
    ["abc", "Enter a number, like 1.5"],
    ["1e2", "Write the leverage in full digits, without an exponent (e)"],
    ["2,5,0", "Write the leverage like 1234.5 or 1,234.5"],
  ];
  for (const [text, message] of cases) {
    await box.fill(text);
    await expect(panel(page).getByTestId("leverage-problem")).toHaveText(message);
    await expect(panel(page).getByTestId("submit-multiply")).toBeDisabled();
  }
  // At 1.00× the deposit alone is the position: no swap, so no swap line, bound, fee or price impact of one.
  await box.fill("1");
  await expect(panel(page).getByTestId("multiply-swap")).toContainText("none: the deposit alone brings this leverage");
  await expect(panel(page).getByTestId("multiply-swap")).not.toContainText("→");
  await expect(panel(page).getByTestId("mp-impact")).toHaveCount(0);
  await box.fill("3");
  await expect(panel(page).getByTestId("leverage-problem")).toHaveText("");

  const before = await sent(page);
  await panel(page).getByTestId("submit-multiply").click();
  await expect(confirmed(page, /^Open 3\.00× WETH/)).toBeVisible({ timeout: 30_000 });
  // Authorise the router (once per market: the market hands the new vault only to an owner that trusts it), approve,
  // then ONE transaction that opens the leveraged vault.
  expect(await sent(page)).toBe(before + 3);
  await page.waitForURL(/\/vault\/31337\/\d+\?market=/);
  const id = BigInt(page.url().match(/\/vault\/31337\/(\d+)/)![1]!);

  // Health factor and liquidation price on the page equal the chain's.
  let v = await lensVault(chain, market, id);
  expect(v.owner).toBe(TRADER);
  expect(leverage(v)).toBeGreaterThan(2.99);
  expect(leverage(v)).toBeLessThan(3.01);
  const liq = v.collaterals.find((c) => c.asset === weth.address)!.liquidationPrice;
  await expect(page.getByTestId("stat-health")).toHaveText(formatHealthFactor(v.healthFactor));
  await expect(page.getByTestId("collateral-WETH").getByTestId("liq-price")).toHaveText(formatUsd(liq));
  // The panel proposes no trade until asked: the box shows the position's own leverage, rounded (3.00, not 2.99).
  await expect(panel(page).getByTestId("leverage-input")).toHaveValue("3.00");
  await expect(panel(page).getByTestId("multiply-preview")).toBeHidden();
  await expect(panel(page).getByTestId("multiply-swap")).toBeHidden();
  await expect(panel(page).getByTestId("submit-multiply")).toBeDisabled();
  await screenshot(page, "multiply-vault-3x");

  // Raise to 4×: the router is already authorised, one transaction.
  await panel(page).getByTestId("leverage-input").fill("4");
  await expect(panel(page).getByTestId("mp-leverage").getByTestId("after")).toHaveText("→ 4.00×");
  await screenshot(page, "multiply-raise-4x-preview");
  await panel(page).getByTestId("submit-multiply").click();
  await expect(confirmed(page, new RegExp(`^Multiply vault #${id} to 4`))).toBeVisible({ timeout: 30_000 });
  v = await lensVault(chain, market, id);
  expect(leverage(v)).toBeGreaterThan(3.98);
  expect(leverage(v)).toBeLessThan(4.01);
  await expect(page.getByTestId("stat-health")).toHaveText(formatHealthFactor(v.healthFactor));

  // Close: everything back to the wallet in one transaction.
  await panel(page).getByRole("tab", { name: "Close" }).click();
  await expect(panel(page).getByTestId("multiply-swap")).toContainText("You receive");
  await screenshot(page, "multiply-close-preview");
  await panel(page).getByTestId("submit-multiply").click();
  await expect(confirmed(page, `Close vault #${id}`)).toBeVisible({ timeout: 30_000 });
  v = await lensVault(chain, market, id);
  expect(v.debt).toBe(0n);
  expect(v.collaterals.every((c) => c.amount === 0n)).toBe(true);
  const back = Number(formatUnits((await wethBalance(chain)) - startBalance + 10n ** 19n, 18));
  // 10 WETH in; back: 10 minus two round trips of swap fees (0.3 % on ~30 WETH each way), price impact and interest.
  expect(back).toBeGreaterThan(9.3);
  expect(back).toBeLessThan(10);
  await expect(page.getByTestId("stat-debt")).toHaveText("0 USDC");
  await screenshot(page, "multiply-closed");
});

test("a swap venue the page could not read while the chain was unreachable is read again at the next block", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  // The pair is looked up once (it never changes): a lookup that failed stayed failed until a reload.
  const adapter = chain.deployment.contracts.swapAdapter!.toLowerCase().slice(2);
  const rpc = (url: URL) => url.origin === new URL(chain.rpcUrl).origin;
  await page.route(rpc, (route) =>
    (route.request().postData() ?? "").toLowerCase().includes(adapter) ? route.abort("connectionrefused") : route.continue(),
  );
  await injectWallet();
  await app.open("/multiply");
  await connectWallet(page);
  await expect(panel(page).getByTestId("multiply-problem")).toContainText("Cannot read the swap venue");
  await page.unroute(rpc);
  await chain.testClient.mine({ blocks: 1 });
  await expect(panel(page).getByTestId("multiply-problem")).toBeHidden();
  await expect(panel(page).getByText(/^max ≈ [2-9]\.\d\d×$/)).toBeVisible();
});
