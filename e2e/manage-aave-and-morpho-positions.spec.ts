import type { Page } from "@playwright/test";
import { parseAbi, parseUnits, type Address, type Hex } from "viem";
import { devPriceFeedAbi } from "../contracts-abi";
import { formatHealthFactor, formatToken, formatUsd } from "../lib/view/format";
import { aavePoolAbi } from "../lib/protocols/aave-v3/abi";
import { morphoBlueAbi } from "../lib/protocols/morpho-blue/abi";
import { toAssetsUp } from "../lib/engine/shares";
import { ANVIL_KEYS, PROTOCOL_KEYS } from "../scripts/lib/anvil";
import { LOCAL_HEARTBEAT } from "../scripts/deploy-local";
import { connectWallet, DEMO, expect, screenshot, test, TRADER, type E2EChain } from "./support/fixtures";
import { devWallet } from "./support/dev-wallet";

const aave = (chain: E2EChain) => chain.deployment.aaveV3!;
const morphoMarket = (chain: E2EChain) => chain.deployment.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!;
const usdOfBase = (base: bigint) => formatUsd(base * 10n ** 10n); // Aave's base currency: USD with 8 decimals

async function accountData(chain: E2EChain, who: Address) {
  const [collateral, debt, , , , hf] = await chain.publicClient.readContract({
    address: aave(chain).pool,
    abi: aavePoolAbi,
    functionName: "getUserAccountData",
    args: [who],
  });
  return { collateral, debt, hf };
}

async function morphoFigures(chain: E2EChain, who: Address) {
  const id = morphoMarket(chain).id;
  const [, borrowShares, collateral] = await chain.publicClient.readContract({
    address: chain.deployment.morphoBlue!.morpho,
    abi: morphoBlueAbi,
    functionName: "position",
    args: [id, who],
  });
  const m = await chain.publicClient.readContract({
    address: chain.deployment.morphoBlue!.morpho,
    abi: morphoBlueAbi,
    functionName: "market",
    args: [id],
  });
  return { collateral, borrowShares, debt: toAssetsUp(borrowShares, m[2], m[3]) };
}

const nonce = (chain: E2EChain) => chain.publicClient.getTransactionCount({ address: TRADER });

/** Chooses a tab, an asset (when the tab offers several) and types an amount (or presses Max). */
async function fill(page: Page, tab: string, amount: string | "max", asset?: string) {
  const panel = page.getByTestId("action-panel");
  await panel.getByRole("tab", { name: tab, exact: true }).click();
  if (asset && (await panel.getByTestId("position-asset").count())) await panel.getByTestId("position-asset").selectOption({ label: asset });
  if (amount === "max") await panel.getByTestId("max-button").click();
  else await panel.getByTestId("amount-input").fill(amount);
  return panel;
}

async function send(page: Page) {
  const panel = page.getByTestId("action-panel");
  await expect(panel.getByTestId("submit-action")).toBeEnabled();
  await panel.getByTestId("submit-action").click();
  await expect(panel.getByTestId("flow-pending")).toHaveCount(0, { timeout: 60_000 });
}

test("as a trader, open an Aave position (supply WETH, borrow USDC), repay all and withdraw all; every figure equals the pool's", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  await injectWallet();
  await app.open(`/position/31337/aave-v3/${TRADER}`);
  await connectWallet(page);
  await expect(page.getByTestId("position-page")).toBeVisible();

  await fill(page, "Supply", "2", "WETH");
  await expect(page.getByTestId("preview-collateral").getByTestId("after")).toContainText("$6,000.00");
  await send(page);
  await expect.poll(async () => (await accountData(chain, TRADER)).collateral, { timeout: 30_000 }).toBeGreaterThan(0n);

  await fill(page, "Borrow", "1000", "USDC");
  await send(page);
  await expect.poll(async () => (await accountData(chain, TRADER)).debt, { timeout: 30_000 }).toBeGreaterThan(0n);
  const d = await accountData(chain, TRADER);
  await expect(page.getByTestId("position-collateral")).toHaveText(usdOfBase(d.collateral));
  await expect(page.getByTestId("position-debt")).toHaveText(usdOfBase(d.debt));
  await expect(page.getByTestId("position-health")).toHaveText(formatHealthFactor(d.hf));
  await expect(page.getByTestId("health-price-chart")).toBeVisible();
  // History from the pool's events: the supply and the borrow, newest first.
  const history = page.getByTestId("position-history").getByTestId("history-row");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText("1,000 USDC");
  await screenshot(page, "aave-position");

  await fill(page, "Repay", "max");
  await expect(page.getByTestId("submit-action")).toContainText("Repay");
  // More than the debt is approved, and the form says why.
  await expect(page.getByTestId("repay-all-note")).toContainText("your debt plus an hour of interest");
  await send(page);
  await expect.poll(async () => (await accountData(chain, TRADER)).debt, { timeout: 30_000 }).toBe(0n);

  await fill(page, "Withdraw", "max", "WETH");
  await send(page);
  await expect.poll(async () => (await accountData(chain, TRADER)).collateral, { timeout: 30_000 }).toBe(0n);
  await expect(page.getByTestId("position-collateral")).toHaveText("$0.00");
});

test("as a trader, the same on Morpho Blue: supply WETH collateral, borrow USDC, repay all, withdraw all", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  const market = morphoMarket(chain);
  await injectWallet();
  await app.open(`/position/31337/morpho-blue/${market.id}/${TRADER}`);
  await connectWallet(page);

  await fill(page, "Supply", "1");
  await send(page);
  await expect.poll(async () => (await morphoFigures(chain, TRADER)).collateral, { timeout: 30_000 }).toBe(parseUnits("1", 18));

  // Max keeps the safety level (1.50), as on a Keel vault: it once borrowed to the LLTV, where Morpho liquidates
  // (health 1.00). The protocol's limit can still be typed, and is said to be under the safety level before signing.
  let panel = await fill(page, "Borrow", "max");
  await expect(panel).toContainText("Max keeps health ≥ 1.50: ");
  await expect(panel.getByTestId("preview-health").getByTestId("after")).toHaveText(/^→ 1\.5\d$/);
  await expect(panel.getByTestId("action-below-safety")).toHaveCount(0);
  panel = await fill(page, "Borrow", "2500");
  await expect(panel.getByTestId("action-below-safety")).toHaveText(/^Health factor after: 1\.0\d, below your safety level 1\.50\.$/);
  panel = await fill(page, "Borrow", "1000");
  await expect(panel.getByTestId("action-below-safety")).toHaveCount(0);
  await send(page);
  await expect.poll(async () => (await morphoFigures(chain, TRADER)).borrowShares, { timeout: 30_000 }).toBeGreaterThan(0n);
  const m = await morphoFigures(chain, TRADER);
  const assets = page.getByTestId("position-assets");
  await expect(assets.getByTestId("collateral-WETH").getByTestId("amount")).toHaveText(formatToken(m.collateral, 18, "WETH"));
  await expect(assets.getByTestId("debt-USDC").getByTestId("amount")).toHaveText(formatToken(m.debt, 6, "USDC"));
  await screenshot(page, "morpho-position");

  await fill(page, "Repay", "max");
  await send(page);
  await expect.poll(async () => (await morphoFigures(chain, TRADER)).borrowShares, { timeout: 30_000 }).toBe(0n);

  await fill(page, "Withdraw", "max");
  await send(page);
  await expect.poll(async () => (await morphoFigures(chain, TRADER)).collateral, { timeout: 30_000 }).toBe(0n);
});

test("Max on a position already under the safety level fills nothing and says why, with the protocol's limit to type", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  // anvil #0's Morpho position is at health 1.05, under the safety level 1.50: Morpho would still lend more.
  await injectWallet({ account: DEMO });
  await app.open(`/position/31337/morpho-blue/${morphoMarket(chain).id}/${DEMO}`);
  await connectWallet(page);
  const panel = await fill(page, "Borrow", "max");
  await expect(panel).toContainText("Max keeps health ≥ 1.50: 0 USDC");
  await expect(panel.getByTestId("amount-problem")).toHaveText(
    /^Nothing more within your safety level 1\.50 \(health now 1\.0\d\): lower it, or type an amount up to [\d,.]+ USDC\.$/,
  );
  await expect(panel.getByTestId("submit-action")).toBeDisabled();
});

test("bad inputs get a sentence and nothing is sent: above the max, a stale price, a paused reserve", async ({ page, app, chain, injectWallet }) => {
  // A small Aave position straight on the chain, so borrowing has collateral.
  const trader = devWallet(chain.rpcUrl, 31337, ANVIL_KEYS[1]!);
  const weth = chain.asset("WETH").address;
  const one = parseUnits("1", 18);
  const wait = async (hash: Hex) => expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  await wait(
    await trader.writeContract({
      address: weth,
      abi: parseAbi(["function approve(address,uint256) returns (bool)"]),
      functionName: "approve",
      args: [aave(chain).pool, one],
    }),
  );
  await wait(await trader.writeContract({ address: aave(chain).pool, abi: aavePoolAbi, functionName: "supply", args: [weth, one, TRADER, 0] }));

  await injectWallet();
  await app.open(`/position/31337/aave-v3/${TRADER}`);
  await connectWallet(page);
  const sent = await nonce(chain);

  // Above what the pool lets this account borrow (1 WETH at 80.5 %: about 2,415 USDC).
  const panel = await fill(page, "Borrow", "5000", "USDC");
  await expect(panel.getByTestId("amount-problem")).toContainText("the most the protocol lets you borrow now");
  // The hint names whose limit it is (Max beside it keeps the reader's safety level and may fill less).
  await expect(panel.getByTestId("amount-hint")).toContainText(/^Aave v3.* lets you borrow up to 2,4[\d,.]+ USDC$/);
  await expect(panel.getByTestId("submit-action")).toBeDisabled();

  // A stale WETH price (Aave's oracle reads the same dev feed, and would still use it).
  const feed = chain.deployment.assets.find((a) => a.symbol === "WETH")!.feed;
  const latest = await chain.publicClient.getBlock();
  await chain.admin.writeContract({
    address: feed,
    abi: devPriceFeedAbi,
    functionName: "setAnswerAt",
    args: [3000n * 10n ** 8n, latest.timestamp - BigInt(LOCAL_HEARTBEAT) - 600n],
  });
  await fill(page, "Borrow", "100", "USDC");
  await expect(panel.getByTestId("action-refused")).toContainText("WETH's price is not usable now", { timeout: 15_000 });
  await expect(panel.getByTestId("submit-action")).toBeDisabled();
  await chain.admin.writeContract({ address: feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [3000n * 10n ** 8n] });

  // A paused reserve (the pool admin through the configurator).
  const admin = devWallet(chain.rpcUrl, 31337, PROTOCOL_KEYS.aave);
  await chain.publicClient.waitForTransactionReceipt({
    hash: await admin.writeContract({
      address: aave(chain).poolConfigurator,
      abi: parseAbi(["function setReservePause(address asset, bool paused)"]),
      functionName: "setReservePause",
      args: [weth, true],
    }),
  });
  await fill(page, "Supply", "1", "WETH");
  await expect(panel.getByTestId("action-refused")).toContainText("reserve is paused", { timeout: 15_000 });
  await expect(panel.getByTestId("submit-action")).toBeDisabled();
  await screenshot(page, "aave-paused");
  expect(await nonce(chain)).toBe(sent);
});

test("watch mode: any address's positions, read-only, without a wallet", async ({ page, app, chain }) => {
  await app.open(`/?watch=${DEMO}`);
  await expect(page.getByTestId("watch-banner")).toBeVisible();
  const card = page.getByTestId("position-aave-v3");
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("position-morpho-blue")).toBeVisible();
  await expect(page.getByTestId("protocol-badge").filter({ hasText: "Keel" }).first()).toBeVisible();
  const d = await accountData(chain, DEMO);
  await expect(card.getByTestId("collateral-usd")).toHaveText(usdOfBase(d.collateral));
  await expect(card.getByTestId("debt-usd")).toHaveText(usdOfBase(d.debt));
  await expect(card.getByTestId("health-value")).toHaveText(formatHealthFactor(d.hf));
  // The account owes WETH against WETH (and USDC against WBTC): WETH's move alone never liquidates it, which its lines
  // say ("none", with the reason), not the "—" of a figure the app could not read.
  await expect(card.getByTestId("collateral-WETH").getByTestId("liq-price")).toHaveText("none — A fall of WETH alone never liquidates this position");
  await expect(card.getByTestId("debt-WETH").getByTestId("liq-price")).toHaveText("none — A rise of WETH alone never liquidates this position");
  // No liquidation price, so no distance to it either (not "100.0%": even a fall to nothing would not liquidate).
  await expect(card.getByTestId("collateral-WETH").getByTestId("distance")).toHaveText("—");
  await expect(card.getByTestId("debt-WETH").getByTestId("distance")).toHaveText("—");
  await expect(card.getByTestId("collateral-WBTC").getByTestId("liq-price")).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByTestId("account-totals")).toBeVisible();
  await expect(page.getByTestId("open-vault")).toHaveCount(0);
  await screenshot(page, "watch-dashboard");

  await card.getByRole("link", { name: /^View/ }).click();
  await expect(page.getByTestId("position-page")).toBeVisible();
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByTestId("actions-read-only")).toBeVisible();
  await expect(page.getByTestId("submit-action")).toHaveCount(0);
  await screenshot(page, "watch-aave-position");

  // A pasted address that is not one: a sentence, and nothing is read.
  await app.open("/");
  await page.getByTestId("watch-form").getByRole("textbox").fill("0x1234");
  await page.getByTestId("watch-form").getByRole("button", { name: "Watch" }).click();
  await expect(page.getByTestId("watch-problem")).toContainText("not an Ethereum address");
});

test("watch from the header on any page: a bad address gets a sentence, a good one opens watch mode (phone: in the menu)", async ({ page, app }) => {
  await app.open("/markets");
  const phone = page.viewportSize()!.width < 1024; // below lg the field is in the menu; from lg in the header
  if (!phone) {
    // Below 1024 px (phones and tablets): in the menu (the phone journeys test it further).
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByTestId("header-watch-button")).toBeHidden();
    await page.getByTestId("menu-button").click();
    await expect(page.getByTestId("mobile-menu").getByTestId("watch-form")).toBeVisible();
    await screenshot(page, "header-watch-menu");
    await page.getByTestId("menu-button").click();
    await expect(page.getByTestId("mobile-menu")).toHaveCount(0);
    // At 800 px (a tablet) still in the menu, and the header row fits.
    await page.setViewportSize({ width: 800, height: 860 });
    await expect(page.getByTestId("header-watch-button")).toBeHidden();
    await expect(page.getByTestId("menu-button")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    // From 1024 to 1279 px the navigation leaves no room inline: an eye button opens the same field under the header.
    for (const width of [1024, 1100]) {
      await page.setViewportSize({ width, height: 860 });
      await expect(page.getByTestId("header-watch-form")).toBeHidden();
      await page.getByTestId("header-watch-button").click();
      await expect(page.getByTestId("header-watch-button")).toHaveAttribute("aria-expanded", "true");
      await expect(page.getByTestId("header-watch-input")).toBeFocused();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await screenshot(page, `header-watch-open-${width}`);
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("header-watch-form")).toBeHidden();
      await expect(page.getByTestId("header-watch-button")).toBeFocused();
    }
    await page.getByTestId("header-watch-button").click();
    await page.getByTestId("header-watch-input").fill(DEMO);
    await page.getByTestId("header-watch-form").getByRole("button", { name: "Watch" }).click();
    await expect(page).toHaveURL(new RegExp(`/\\?watch=${DEMO}$`));
    await expect(page.getByTestId("header-watch-form")).toBeHidden();
    await app.open("/markets");
    await page.setViewportSize({ width: 1280, height: 860 });
    await expect(page.getByTestId("header-watch-button")).toBeHidden();
  }
  if (phone) await page.getByTestId("menu-button").click();
  const form = phone ? page.getByTestId("mobile-menu").getByTestId("watch-form") : page.getByTestId("header-watch-form");
  await form.getByRole("textbox", { name: "Address to watch" }).fill("0x12zz");
  await form.getByRole("button", { name: "Watch" }).click();
  await expect(form.getByTestId("watch-problem")).toHaveText("That is not an Ethereum address: 0x followed by 40 hexadecimal characters.");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  await screenshot(page, "header-watch-refused");
  await form.getByRole("textbox", { name: "Address to watch" }).fill(DEMO);
  await form.getByRole("button", { name: "Watch" }).click();
  await expect(page).toHaveURL(new RegExp(`/\\?watch=${DEMO}$`));
  await expect(page.getByTestId("watch-banner")).toContainText(DEMO);
  await expect(page.getByTestId("mobile-menu")).toHaveCount(0);
  await expect(page.getByTestId("position-aave-v3")).toBeVisible({ timeout: 30_000 });
});

test("watching an address with no position says so", async ({ page, app }) => {
  await app.open("/?watch=0x0000000000000000000000000000000000000001");
  await expect(page.getByTestId("watch-banner")).toBeVisible();
  await expect(page.getByTestId("watch-empty")).toHaveText("This address has no position on Keel, Aave v3 or Morpho Blue on the configured chains.", {
    timeout: 30_000,
  });
});
