import type { Page } from "@playwright/test";
import { erc20Abi, parseUnits } from "viem";
import { devPriceFeedAbi } from "../contracts-abi";
import { formatToken, formatUsd } from "../lib/view/format";
import { positionView } from "../lib/protocols/view";
import { leverageOf } from "../lib/engine/leverage";
import { morphoPair, toVaultPosition, type LeveragePair, type LeveragePosition } from "../lib/protocols/leverage";
import { readProtocolPositions } from "../lib/protocols/account";
import { alignPools, findPools } from "../agents/amm-arbitrage";
import { connectWallet, DEMO, expect, screenshot, test, TRADER, type E2EChain } from "./support/fixtures";

const panel = (page: Page) => page.getByTestId("multiply-panel");
const toast = (page: Page, title: string | RegExp, state: string) => page.getByTestId("toast").filter({ hasText: title }).filter({ hasText: state });
/** Transactions the injected wallet sent (eth_sendTransaction). */
const sent = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __keelWalletLog: { method: string }[] }).__keelWalletLog.filter((c) => c.method === "eth_sendTransaction").length,
  );

const PROTOCOLS = [
  { id: "aave-v3", name: "Aave v3" },
  { id: "morpho-blue", name: "Morpho Blue" },
] as const;

async function chainPosition(chain: E2EChain, protocol: (typeof PROTOCOLS)[number]["id"]): Promise<{ p: LeveragePosition; pair: LeveragePair }> {
  const r = await readProtocolPositions(chain.publicClient as never, chain.deployment, TRADER, undefined, { includeEmpty: true });
  if (protocol === "aave-v3") return { p: r.aave!, pair: { collateral: chain.asset("WETH").address, debt: chain.asset("USDC").address } };
  const p = r.morpho.find((m) => m.name === "Morpho WETH/USDC")!;
  return { p, pair: morphoPair(p) };
}
const leverageNow = async (chain: E2EChain, protocol: (typeof PROTOCOLS)[number]["id"]) => {
  const { p, pair } = await chainPosition(chain, protocol);
  return Number(leverageOf(toVaultPosition(p, pair))) / 1e18;
};

/** The panel shows the chain's own figures: the position's leverage in the box, its collateral and debt above. */
async function expectPanelIsTheChain(page: Page, chain: E2EChain, protocol: (typeof PROTOCOLS)[number]["id"]) {
  const { p, pair } = await chainPosition(chain, protocol);
  const v = toVaultPosition(p, pair);
  const lev = Number(leverageOf(v)) / 1e18;
  await expect(panel(page).getByTestId("leverage-input")).toHaveValue(lev.toFixed(2));
  await expect(panel(page).getByTestId("mp-held")).toContainText(
    formatToken(v.collaterals.find((c) => c.asset.toLowerCase() === pair.collateral.toLowerCase())!.amount, 18, "WETH"),
  );
  // The pair's own debt (an Aave account's other debts are named apart, folded into health and leverage).
  const own = p.debts.find((d) => d.token.address.toLowerCase() === pair.debt.toLowerCase())?.amount ?? 0n;
  await expect(panel(page).getByTestId("mp-held")).toContainText(formatToken(own, 6, "USDC"));
}

/** The WETH amount after "≈" on the line `label` of the plan's preview (e.g. "≈ 19.6412 WETH"). */
async function previewWeth(page: Page, label: string): Promise<number> {
  const line = panel(page).getByTestId("multiply-swap").locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
  const m = /≈ ([\d,.]+) WETH/.exec(await line.innerText());
  if (!m) throw new Error(`no WETH amount on the preview's ${label} line`);
  return Number(m[1]!.replaceAll(",", ""));
}
const wethOf = (x: bigint) => Number(x) / 1e18;

/** WETH's liquidation price as the position's card shows it (lib/protocols/view.ts positionView, at the chain's USD prices). */
async function cardLiquidationPrice(chain: E2EChain, protocol: (typeof PROTOCOLS)[number]["id"]): Promise<string> {
  const r = await readProtocolPositions(chain.publicClient as never, chain.deployment, TRADER, undefined, { includeEmpty: true });
  const { p } = await chainPosition(chain, protocol);
  const line = positionView(p, r.usdPerToken).collaterals.find((c) => c.token.symbol === "WETH")!;
  return formatUsd(line.liquidationPriceUsd!);
}

/** The market maker's arbitrage between two steps: the WETH/USDC pool traded back to the feeds (as on a live chain). */
async function arbitrage(chain: E2EChain) {
  await alignPools({ rpcUrl: chain.rpcUrl, deployment: chain.deployment, pools: await findPools(chain.rpcUrl, chain.deployment) });
}

for (const protocol of PROTOCOLS) {
  test(`${protocol.name}: open 3× WETH in one router transaction, raise to 4×, close; figures equal the chain's`, async ({
    page,
    app,
    chain,
    injectWallet,
  }) => {
    test.setTimeout(200_000);
    // Each journey starts on a pool at the feed's price (the previous one moved it).
    await arbitrage(chain);
    await injectWallet();
    const openPanel = async () => {
      await app.open("/multiply");
      await connectWallet(page);
      await page.getByTestId("multiply-protocol").selectOption(protocol.id);
      await expect(panel(page)).toHaveAttribute("data-protocol", protocol.id);
    };
    await openPanel();
    await expect(panel(page).getByTestId("submit-multiply")).toBeDisabled();

    // Open 3× on 10 WETH: the preview, the permissions to grant, then grants + ONE router transaction. The leverage is
    // typed first: before a deposit the maximum shown is a one-token deposit's, marked "≈", so "3" is taken at once;
    // once the deposit is entered the same text is the target. The box is focused again so that the click on Multiply
    // leaves it (blur) — the moment this once fell back to the default 2× and sent that instead of the 3× on screen.
    await expect(panel(page).getByText(/^max ≈ [2-9]\.\d\d×$/)).toBeVisible();
    await panel(page).getByTestId("leverage-input").fill("3");
    await expect(panel(page).getByTestId("leverage-problem")).toHaveText("");
    await panel(page).getByTestId("amount-input").fill("10");
    await expect(panel(page).getByTestId("leverage-problem")).toHaveText("");
    await panel(page).getByTestId("leverage-input").focus();
    await expect(panel(page).getByTestId("mp-leverage").getByTestId("after")).toHaveText("→ 3.00×");
    // No position yet: no leverage "now" (as on Keel), not 1.00×.
    await expect(panel(page).getByTestId("mp-leverage").getByTestId("before")).toHaveText("—");
    await expect(panel(page).getByTestId("multiply-swap")).toContainText(/USDC → ≈ 19\.\d+ WETH/);
    await expect(panel(page).getByTestId("multiply-swap")).toContainText(`below ${protocol.name}'s oracle price`);
    const grantSteps = protocol.id === "aave-v3" ? ["WETH allowance", "Aave credit delegation"] : ["WETH allowance", "Morpho authorisation"];
    for (const g of grantSteps) await expect(panel(page).getByTestId("multiply-steps")).toContainText(g);
    await screenshot(page, `multiply-${protocol.id}-open-preview`);
    const bought = await previewWeth(page, "Swap");
    const before = await sent(page);
    await panel(page).getByTestId("submit-multiply").click();
    await expect(toast(page, `${protocol.name}: 3.00× WETH`, "confirmed")).toBeVisible({ timeout: 45_000 });
    expect(await sent(page)).toBe(before + grantSteps.length + 1);
    let lev = await leverageNow(chain, protocol.id);
    expect(lev).toBeGreaterThan(2.97);
    expect(lev).toBeLessThan(3.01);
    await expectPanelIsTheChain(page, chain, protocol.id);
    await expect(panel(page).getByTestId("multiply-grants")).toContainText("granted");
    const { p: opened, pair } = await chainPosition(chain, protocol.id);
    const held = (p: LeveragePosition) => p.collaterals.find((c) => c.token.address.toLowerCase() === pair.collateral.toLowerCase())?.amount ?? 0n;
    // The swap bought what the preview said (10 WETH deposited, the rest bought with the flash loan).
    expect(Math.abs(wethOf(held(opened)) - 10 - bought)).toBeLessThan(0.001);

    // Bad inputs: above the maximum, a sentence under the box and nothing to sign.
    const count = await sent(page);
    await panel(page).getByTestId("leverage-input").fill("40");
    await expect(panel(page).getByTestId("leverage-problem")).toContainText("At most");
    await expect(panel(page).getByTestId("submit-multiply")).toBeDisabled();
    expect(await sent(page)).toBe(count);

    // Raise to 4× once the market maker has traded the pool back to the feed (the open bought 20 WETH of it; the page
    // opened again reads the pool as it is): permissions already granted (Morpho) or topped up (Aave's delegation is
    // per amount).
    await arbitrage(chain);
    await openPanel();
    await expectPanelIsTheChain(page, chain, protocol.id);
    // A deposit on the levered position raises its ceiling (it once capped it at today's leverage: "max 3.00×"), and a
    // deposit typed wrong shows no plan (one without it would describe another trade).
    await panel(page).getByTestId("amount-input").fill("1");
    await expect(panel(page).getByText(/· max [4-9]\.\d\d×$/)).toBeVisible();
    await panel(page).getByTestId("amount-input").fill("abc");
    await expect(panel(page).getByTestId("mp-leverage")).toHaveCount(0);
    await panel(page).getByTestId("amount-input").fill("");
    await panel(page).getByTestId("leverage-input").fill("4");
    await expect(panel(page).getByTestId("mp-leverage").getByTestId("after")).toHaveText("→ 4.00×");
    // Today's liquidation price is written as the position's card writes it (USD; Morpho's loan token at its USD price,
    // where it once read "2,848.8372 USDC" beside the card's "$2,848.84").
    await expect(panel(page).getByTestId("mp-liq").getByTestId("before")).toHaveText(await cardLiquidationPrice(chain, protocol.id));
    await expect(panel(page).getByTestId("multiply-swap")).toContainText(/USDC → ≈ (9|10)\.\d+ WETH/);
    const raised = await previewWeth(page, "Swap");
    await panel(page).getByTestId("submit-multiply").click();
    await expect(toast(page, `${protocol.name}: 4.00× WETH`, "confirmed")).toBeVisible({ timeout: 45_000 });
    lev = await leverageNow(chain, protocol.id);
    expect(lev).toBeGreaterThan(3.96);
    expect(lev).toBeLessThan(4.01);
    await expectPanelIsTheChain(page, chain, protocol.id);
    expect(Math.abs(wethOf(held((await chainPosition(chain, protocol.id)).p) - held(opened)) - raised)).toBeLessThan(0.001);

    // Close: everything back in one router transaction (Aave first grants the aWETH allowance).
    const wethBefore = await chain.publicClient.readContract({ address: pair.collateral, abi: erc20Abi, functionName: "balanceOf", args: [TRADER] });
    await panel(page).getByRole("tab", { name: "Close" }).click();
    await expect(panel(page).getByTestId("multiply-swap")).toContainText("You receive");
    await screenshot(page, `multiply-${protocol.id}-close-preview`);
    const receive = await previewWeth(page, "You receive");
    await panel(page).getByTestId("submit-multiply").click();
    await expect(toast(page, `${protocol.name}: close WETH/USDC`, "confirmed")).toBeVisible({ timeout: 45_000 });
    const after = await chainPosition(chain, protocol.id);
    expect(after.p.collaterals.filter((c) => c.token.address.toLowerCase() === pair.collateral.toLowerCase()).every((c) => c.amount === 0n)).toBe(
      true,
    );
    expect(after.p.debts.filter((d) => d.token.address.toLowerCase() === pair.debt.toLowerCase())).toEqual([]);
    const back =
      (await chain.publicClient.readContract({ address: pair.collateral, abi: erc20Abi, functionName: "balanceOf", args: [TRADER] })) - wethBefore;
    // What the preview said the owner receives: 10 WETH in, less the swap fees and price impact of 30 WETH bought
    // and as much sold back.
    expect(Math.abs(wethOf(back) - receive)).toBeLessThan(0.001);
    expect(back).toBeGreaterThan(parseUnits("9", 18));
    expect(back).toBeLessThan(parseUnits("10", 18));

    // Revoke what the router still holds.
    const revoke = panel(page).locator('[data-testid^="revoke-"]').first();
    if (await revoke.count()) {
      await revoke.click();
      await expect(toast(page, /^Revoke/, "confirmed")).toBeVisible({ timeout: 30_000 });
    }
  });
}

test("Aave v3: a swap off the oracle (a lagging price feed) is refused with a sentence and nothing is sent", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  test.setTimeout(90_000);
  await injectWallet();
  await app.open("/multiply");
  await connectWallet(page);
  await page.getByTestId("multiply-protocol").selectOption("aave-v3");
  // The ETH feed lags 15 % below the pool: the router would buy WETH far above what Aave's oracle says it is worth.
  const feed = chain.asset("WETH").feed;
  const [, answer] = await chain.publicClient.readContract({ address: feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
  const hash = await chain.admin.writeContract({ address: feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [(answer * 85n) / 100n] });
  await chain.publicClient.waitForTransactionReceipt({ hash });
  await panel(page).getByTestId("amount-input").fill("1");
  await panel(page).getByTestId("leverage-input").fill("2");
  await expect(panel(page).getByTestId("mp-leverage").getByTestId("after")).toHaveText("→ 2.00×");
  const before = await sent(page);
  await panel(page).getByTestId("submit-multiply").click();
  // The first signature's simulation runs the grants and the router call together: the router's revert is named and
  // nothing at all is sent.
  await expect(page.getByTestId("toast").filter({ hasText: "too far from the protocol's oracle price" })).toBeVisible({ timeout: 45_000 });
  expect(await sent(page)).toBe(before);
  const { p } = await chainPosition(chain, "aave-v3");
  expect(p.debts).toEqual([]);
});

test("Aave v3 beside other debts (anvil #0 also owes WETH): a liquidation price at 3x, and lowering into the other debts refused with no preview", async ({
  page,
  app,
  injectWallet,
}) => {
  await injectWallet({ account: DEMO });
  await app.open("/multiply");
  await connectWallet(page);
  await page.getByTestId("multiply-protocol").selectOption("aave-v3");
  await expect(panel(page)).toHaveAttribute("data-protocol", "aave-v3");
  // It once read "— → —" with a note: other debts counted at their own prices now, as the position's card does.
  await panel(page).getByTestId("leverage-input").fill("3");
  await expect(panel(page).getByTestId("mp-liq").getByTestId("after")).toHaveText(/^→ \$[\d,]+\.\d\d$/);
  // Lowering to 1x would repay more than the pair's own USDC debt: refused, and no "after" of a position that cannot be.
  await panel(page).getByTestId("leverage-input").fill("1");
  await expect(panel(page).getByTestId("multiply-problem")).toContainText("the account's other debts");
  await expect(panel(page).getByTestId("mp-leverage")).toHaveCount(0);
  await expect(panel(page).getByTestId("submit-multiply")).toBeDisabled();
});
