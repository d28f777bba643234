import type { Page } from "@playwright/test";
import { encodeFunctionData, parseAbi, parseUnits, type Address } from "viem";
import { devErc20Abi, devPriceFeedAbi, keelLensAbi, keelMarketAbi } from "../contracts-abi";
import { formatHealthFactor, formatToken, formatUsd } from "../lib/view/format";
import { aavePoolAbi } from "../lib/protocols/aave-v3/abi";
import { morphoBlueAbi } from "../lib/protocols/morpho-blue/abi";
import { toAssetsUp } from "../lib/engine/shares";
import { ANVIL_KEYS } from "../scripts/lib/anvil";
import { connectWallet, scrollToPanel, expect, navigateTo, retryUntilRecovered, screenshot, test, TRADER, type E2EChain } from "./support/fixtures";
import { devWallet } from "./support/dev-wallet";

const usdcMarket = (chain: E2EChain) => chain.deployment.markets.find((m) => m.name.includes("USDC"))!.address;

/** The vault exactly as the chain sees it now, formatted the way the app formats it. */
async function chainFigures(chain: E2EChain, market: Address, id: bigint) {
  const v = await chain.publicClient.readContract({
    address: chain.deployment.contracts.lens!,
    abi: keelLensAbi,
    functionName: "getVault",
    args: [market, id],
  });
  const weth = v.collaterals.find((c) => c.asset.toLowerCase() === chain.asset("WETH").address.toLowerCase());
  return {
    health: formatHealthFactor(v.healthFactor),
    debt: formatToken(v.debt, 6, "USDC"),
    // No liquidation price with a debt: "none" and why (every price is known here); without a debt: "—".
    wethLiquidationPrice:
      weth && weth.liquidationPrice > 0n
        ? formatUsd(weth.liquidationPrice)
        : v.debt > 0n
          ? "none — A fall of WETH alone never liquidates this position"
          : "—",
    vault: v,
  };
}

/**
 * The lowest health factor of `who` across Keel (`keel`, its lowest vault), Aave v3 (`getUserAccountData`) and every
 * Morpho Blue market it borrows in (Morpho's own rule: collateral × oracle price ÷ 1e36 × LLTV ÷ debt), read from the
 * chain: the dashboard's "lowest health" is across every protocol.
 */
async function lowestHealthOnChain(chain: E2EChain, who: Address, keel: bigint): Promise<bigint> {
  let low = keel;
  const aave = chain.deployment.aaveV3;
  if (aave) {
    const [, debt, , , , hf] = await chain.publicClient.readContract({
      address: aave.pool,
      abi: aavePoolAbi,
      functionName: "getUserAccountData",
      args: [who],
    });
    if (debt > 0n && hf < low) low = hf;
  }
  const morpho = chain.deployment.morphoBlue;
  for (const m of morpho?.markets ?? []) {
    const [, borrowShares, collateral] = await chain.publicClient.readContract({
      address: morpho!.morpho,
      abi: morphoBlueAbi,
      functionName: "position",
      args: [m.id, who],
    });
    if (borrowShares === 0n) continue;
    const mk = await chain.publicClient.readContract({ address: morpho!.morpho, abi: morphoBlueAbi, functionName: "market", args: [m.id] });
    const params = await chain.publicClient.readContract({
      address: morpho!.morpho,
      abi: morphoBlueAbi,
      functionName: "idToMarketParams",
      args: [m.id],
    });
    const price = await chain.publicClient.readContract({
      address: params[2],
      abi: parseAbi(["function price() view returns (uint256)"]),
      functionName: "price",
    });
    const maxBorrow = (((collateral * price) / 10n ** 36n) * params[4]) / 10n ** 18n;
    const hf = (maxBorrow * 10n ** 18n) / toAssetsUp(borrowShares, mk[2], mk[3]);
    if (hf < low) low = hf;
  }
  return low;
}

/** As TRADER, straight on the chain: a vault in the USDC market with `weth` WETH and `usdc` USDC borrowed. */
async function traderVault(chain: E2EChain, weth: string, usdc: string): Promise<bigint> {
  const trader = devWallet(chain.rpcUrl, chain.deployment.chainId, ANVIL_KEYS[1]!);
  const market = usdcMarket(chain);
  const wait = async (hash: `0x${string}`) => expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  const id = (await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  const amount = parseUnits(weth, 18);
  await wait(await trader.writeContract({ address: chain.asset("WETH").address, abi: devErc20Abi, functionName: "approve", args: [market, amount] }));
  await wait(
    await trader.writeContract({
      address: market,
      abi: keelMarketAbi,
      functionName: "multicall",
      args: [
        [
          encodeFunctionData({ abi: keelMarketAbi, functionName: "openVault" }),
          encodeFunctionData({ abi: keelMarketAbi, functionName: "depositCollateral", args: [id, chain.asset("WETH").address, amount] }),
        ],
      ],
    }),
  );
  if (usdc !== "0") {
    await wait(await trader.writeContract({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits(usdc, 6), TRADER] }));
  }
  return id;
}

async function setWethPrice(chain: E2EChain, usd: string, updatedAt?: bigint) {
  const feed = chain.asset("WETH").feed;
  const answer = parseUnits(usd, 8);
  const hash = updatedAt
    ? await chain.admin.writeContract({ address: feed, abi: devPriceFeedAbi, functionName: "setAnswerAt", args: [answer, updatedAt] })
    : await chain.admin.writeContract({ address: feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [answer] });
  await chain.publicClient.waitForTransactionReceipt({ hash });
}

const panel = (page: Page) => page.getByTestId("action-panel");
const confirmed = (page: Page, title: string | RegExp) => page.getByTestId("toast").filter({ hasText: title }).filter({ hasText: "confirmed" });

type RpcCall = { id: number; method?: string; params?: { data?: string; input?: string }[] };

/**
 * Makes the chain's RPC fail the page's calls that `fails` picks, with a JSON-RPC error each, while every other call of
 * the same request reaches the chain: the app batches its calls (16 ms), so failing a whole request also failed calls
 * beside them (a borrow's simulation read as "RPC not answering", a flaky run). Returns the route's matcher, for unroute.
 */
async function failRpcCalls(page: Page, chain: E2EChain, fails: (call: RpcCall) => boolean, message: string) {
  const rpc = (url: URL) => url.origin === new URL(chain.rpcUrl).origin;
  await page.route(rpc, async (route) => {
    const body = JSON.parse(route.request().postData() ?? "null") as RpcCall[] | RpcCall | null;
    const calls = body === null ? [] : Array.isArray(body) ? body : [body];
    if (!calls.some(fails)) return route.continue();
    const response = await route.fetch();
    const answers = (await response.json()) as { id: number }[] | { id: number };
    const failing = new Set(calls.filter(fails).map((c) => c.id));
    const answer = (a: { id: number }) => (failing.has(a.id) ? { jsonrpc: "2.0", id: a.id, error: { code: -32603, message } } : a);
    // page.unroute does not wait for a handler still running: Playwright then handles the request itself, and this fulfill
    // finds it handled. Only that is ignored; it failed one CI run as an unhandled error (thirty-first session).
    return route.fulfill({ response, json: Array.isArray(answers) ? answers.map(answer) : answer(answers) }).catch((e: unknown) => {
      if (!/Route is already handled/.test(String(e))) throw e;
    });
  });
  return rpc;
}

async function act(page: Page, tab: "Deposit" | "Withdraw" | "Borrow" | "Repay", amount: string | "max", expectedToast: RegExp) {
  await panel(page).getByRole("tab", { name: tab }).click();
  if (amount === "max") await panel(page).getByTestId("max-button").click();
  else await panel(page).getByTestId("amount-input").fill(amount);
  await expect(panel(page).getByTestId("submit-action")).toBeEnabled();
  await panel(page).getByTestId("submit-action").click();
  await expect(confirmed(page, expectedToast)).toBeVisible({ timeout: 30_000 });
  await expect(panel(page).getByTestId("amount-input")).toHaveValue("");
}

test("as a trader: open a vault with WETH, borrow USDC, see the chain's own figures, repay all and withdraw everything", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  const market = usdcMarket(chain);
  const expectedId = (await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  await injectWallet();
  await app.open("/");
  await expect(page.getByTestId("connect-prompt")).toBeVisible();
  await connectWallet(page);

  // Empty state leads to opening a vault: approve exactly 10 WETH, then one multicall opens the vault and deposits.
  const form = page.getByTestId("empty-state").getByTestId("open-vault-form");
  await expect(form).toBeVisible();
  await form.getByLabel("Market").selectOption({ label: "Keel USDC" });
  await form.getByLabel("Collateral").selectOption({ label: "WETH" });
  await form.getByTestId("amount-input").fill("10");
  await screenshot(page, "dashboard-empty");
  await form.getByRole("button", { name: "Approve & open vault" }).click();
  await expect(confirmed(page, "Approve 10 WETH")).toBeVisible({ timeout: 30_000 });
  await expect(confirmed(page, `Open vault #${expectedId} with 10 WETH`)).toBeVisible({ timeout: 30_000 });
  await page.waitForURL(new RegExp(`/vault/${chain.deployment.chainId}/${expectedId}\\?market=${market}$`, "i"));
  expect(
    await chain.publicClient.readContract({
      address: chain.asset("WETH").address,
      abi: devErc20Abi,
      functionName: "allowance",
      args: [TRADER, market],
    }),
  ).toBe(0n); // the exact amount was approved and used

  // Borrow 5,000 USDC with a before → after preview.
  await panel(page).getByRole("tab", { name: "Borrow" }).click();
  await panel(page).getByTestId("amount-input").fill("5000");
  await expect(panel(page).getByTestId("preview-debt").getByTestId("after")).toHaveText("→ 5,000 USDC");
  await expect(panel(page).getByTestId("preview-health").getByTestId("after")).toHaveText("→ 5.10"); // 30,000 × 0.85 / 5,000
  await panel(page).getByTestId("submit-action").click();
  await expect(confirmed(page, "Borrow 5,000 USDC")).toBeVisible({ timeout: 30_000 });

  // What the page shows is what the chain says (interest accrues, so compare until both agree).
  await expect(async () => {
    const f = await chainFigures(chain, market, expectedId);
    await expect(page.getByTestId("stat-health")).toHaveText(f.health, { timeout: 1_000 });
    await expect(page.getByTestId("stat-debt")).toHaveText(f.debt, { timeout: 1_000 });
    await expect(page.getByTestId("vault-collaterals").getByTestId("collateral-WETH").getByTestId("liq-price")).toHaveText(f.wethLiquidationPrice, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("vault-health").getByTestId("health")).toHaveAttribute("data-band", "safe");
  await scrollToPanel(page, "history");
  await expect(page.getByTestId("history-chart").getByTestId("vault-events")).toContainText("Borrowed");
  await page.evaluate("window.scrollTo(0, 0)");
  await screenshot(page, "vault-page");

  // The dashboard shows the same figures.
  await navigateTo(page, "Dashboard");
  const card = page.getByTestId(`vault-${market.toLowerCase()}-${expectedId}`);
  await expect(async () => {
    const f = await chainFigures(chain, market, expectedId);
    await expect(card.getByTestId("health-value")).toHaveText(f.health, { timeout: 1_000 });
    await expect(card.getByTestId("debt")).toHaveText(f.debt, { timeout: 1_000 });
    await expect(card.getByTestId("collateral-WETH").getByTestId("liq-price")).toHaveText(f.wethLiquidationPrice, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("account-totals")).toBeVisible();
  await screenshot(page, "dashboard");

  // Repay all (Max sends type(uint256).max after approving the debt plus a hair of interest), then withdraw everything.
  await card.getByRole("link", { name: "Manage" }).click();
  await act(page, "Repay", "max", /Repay all debt/);
  await expect(page.getByTestId("stat-debt")).toHaveText("0 USDC");
  expect((await chainFigures(chain, market, expectedId)).vault.debt).toBe(0n);
  await act(page, "Withdraw", "max", /Withdraw 10 WETH/);
  await expect(page.getByTestId("vault-collaterals")).toContainText("No collateral in this vault.");
  expect(
    await chain.publicClient.readContract({ address: chain.asset("WETH").address, abi: devErc20Abi, functionName: "balanceOf", args: [TRADER] }),
  ).toBe(parseUnits("100", 18));
});

test('a collateral the others cover has no liquidation price, and the vault page says "none" as the cards do', async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  // 10 WETH and 1 WBTC against 100 USDC: WETH alone falling to 0 leaves 1 WBTC (~$55,000) for the debt.
  const id = await traderVault(chain, "10", "100");
  const trader = devWallet(chain.rpcUrl, chain.deployment.chainId, ANVIL_KEYS[1]!);
  const market = usdcMarket(chain);
  const wbtc = chain.asset("WBTC").address;
  const amount = parseUnits("1", 8);
  for (const hash of [
    await trader.writeContract({ address: wbtc, abi: devErc20Abi, functionName: "approve", args: [market, amount] }),
    await trader.writeContract({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, wbtc, amount] }),
  ])
    expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  expect((await chainFigures(chain, market, id)).wethLiquidationPrice).toBe("none — A fall of WETH alone never liquidates this position");
  await injectWallet();
  await app.open(`/vault/${chain.deployment.chainId}/${id}?market=${market}`);
  await connectWallet(page);
  const weth = page.getByTestId("vault-collaterals").getByTestId("collateral-WETH");
  await expect(weth.getByTestId("liq-price")).toHaveText("none — A fall of WETH alone never liquidates this position");
  await expect(weth.getByTestId("liq-price").locator("[title]")).toHaveAttribute("title", "A fall of WETH alone never liquidates this position");
  // The action panel's preview says the same before and after a deposit of WETH (a figure not known would be "—").
  await panel(page).getByRole("tab", { name: "Deposit" }).click();
  await panel(page).getByTestId("amount-input").fill("1");
  await expect(panel(page).getByTestId("preview-liq").getByTestId("before")).toHaveText("none");
  await expect(panel(page).getByTestId("preview-liq").getByTestId("after")).toHaveText("→ none");

  // WETH's feed goes stale: the engine counts WETH as zero, as the market does when it liquidates, and 1 WBTC still backs
  // the debt, so the health after a deposit is a real figure (the preview said "—" for it while no price was missing).
  // A liquidation price is no longer "none" with a price missing.
  const latest = await chain.publicClient.getBlock();
  await setWethPrice(chain, "3000", latest.timestamp - 7_200n);
  await expect(page.getByTestId("oracle-paused")).toContainText("WETH price stale");
  await expect(panel(page).getByTestId("preview-health").getByTestId("after")).toHaveText(/^→ \d[\d,]*\.\d\d$/);
  await expect(panel(page).getByTestId("preview-liq").getByTestId("after")).toHaveText("→ —");
  // One health everywhere (lib/view/vault-summary.ts healthShown): the lens's figure, WETH counted as zero as the market
  // counts it, in the badge, the stat (which says so), the preview's "before" and the WBTC automation card; the WETH
  // card, whose adapter read reverts on the stale price, says so instead of a figure from before.
  const health = (await chainFigures(chain, market, id)).health;
  await expect(page.getByTestId("stat-health")).toHaveText(health);
  await expect(page.getByTestId("vault-stats")).toContainText("unpriced assets not counted");
  await expect(page.getByTestId("vault-health").getByTestId("health-value")).toHaveText(health);
  await expect(page.getByTestId("vault-health").getByTestId("health")).toHaveAttribute("data-partial", "true");
  await expect(panel(page).getByTestId("preview-health").getByTestId("before")).toHaveText(health);
  await expect(page.getByTestId("stat-distance")).toHaveText(/^\d+(\.\d)?%$/);
  // WETH's own distance cannot be measured without its price: the cell says why rather than "—".
  await expect(weth.getByTestId("distance")).toHaveText("Stale");
  const automation = page.getByTestId("vault-automation");
  await expect(automation.getByTestId("automation-keel").filter({ hasText: "· WBTC" })).toContainText(`health factor ${health}`);
  await expect(automation.getByTestId("automation-keel").filter({ hasText: "· WETH" }).getByTestId("automation-unavailable")).toContainText(
    "The price is stale",
  );
  // A deposit of the unpriced WETH says what it will and will not count for.
  await expect(panel(page).getByTestId("deposit-unpriced")).toContainText(
    "Deposited, it counts as zero in this vault's health and borrow limit until its price is fresh, and while the vault holds it Keel pauses borrowing and withdrawing on it.",
  );
  await screenshot(page, "vault-stale-deposit-preview");
  // The dashboard's card gives the same figure, marked partial.
  await navigateTo(page, "Dashboard");
  const card = page.getByTestId(`vault-${market.toLowerCase()}-${id}`);
  await expect(card.getByTestId("health-value")).toHaveText(health);
  await expect(card.getByTestId("health")).toHaveAttribute("data-partial", "true");
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, "dashboard-partial-health");
});

test("without a wallet, a form says the wallet is not connected instead of a balance it cannot read", async ({ page, app, chain }) => {
  // No wallet at all: the vault page's Deposit once said "Wallet: …" forever, and /multiply "Wallet: 0 WETH"; both
  // offered a Max that filled 0 and held an amount against a balance of 0 ("You have 0 WETH").
  await app.open(`/vault/${chain.deployment.chainId}/1?market=${usdcMarket(chain)}`);
  await expect(panel(page).getByTestId("amount-hint")).toHaveText("Wallet: not connected");
  await expect(panel(page).getByTestId("max-button")).toHaveCount(0);
  await panel(page).getByTestId("amount-input").fill("1");
  await expect(panel(page).getByTestId("amount-problem")).toHaveText("");
  await panel(page).getByRole("tab", { name: "Repay" }).click();
  await expect(panel(page).getByTestId("max-button")).toHaveCount(0);
  await app.open("/multiply");
  const multiply = page.getByTestId("multiply-panel");
  await expect(multiply.getByTestId("amount-hint")).toHaveText("Wallet: not connected");
  // No Max to a balance nobody has (it filled 0), and an amount is not held against it ("You have 0 WETH"): a stranger
  // can still see what a deposit would do.
  await expect(multiply.getByTestId("max-button")).toHaveCount(0);
  await multiply.getByTestId("amount-input").fill("2");
  await expect(multiply.getByTestId("amount-problem")).toHaveText("");
});

test("a deposit waits for the wallet's balance and allowance: while they cannot be read, nothing can be sent", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  const id = await traderVault(chain, "10", "5000");
  // The wallet's token reads (balanceOf, allowance) fail; every other call reaches the chain.
  const walletRead = (c: RpcCall) => c.method === "eth_call" && /^0x(70a08231|dd62ed3e)/.test(c.params?.[0]?.data ?? c.params?.[0]?.input ?? "");
  const rpc = await failRpcCalls(page, chain, walletRead, "wallet read fails (test)");
  await injectWallet();
  await app.open(`/vault/${chain.deployment.chainId}/${id}?market=${usdcMarket(chain)}`);
  await connectWallet(page);
  await expect(page.getByTestId("stat-debt")).toHaveText("5,000 USDC");
  await panel(page).getByTestId("amount-input").fill("1");
  await expect(panel(page).getByTestId("amount-hint")).toHaveText("Wallet: …");
  await expect(panel(page).getByTestId("max-button")).toHaveCount(0);
  await expect(panel(page).getByTestId("submit-action")).toBeDisabled();
  // Once the wallet can be read, the same amount can be deposited (approve first: the trader has not approved WETH).
  await page.unroute(rpc);
  await expect(panel(page).getByTestId("amount-hint")).toHaveText(/^Wallet: [\d,.]+ WETH$/, { timeout: 20_000 });
  await expect(panel(page).getByTestId("submit-action")).toBeEnabled();
});

test("every bad amount has its own message and disables the action", async ({ page, app, chain, injectWallet }) => {
  const id = await traderVault(chain, "10", "5000");
  await injectWallet();
  await app.open(`/vault/${chain.deployment.chainId}/${id}?market=${usdcMarket(chain)}`);
  await connectWallet(page);
  await expect(page.getByTestId("stat-debt")).toHaveText("5,000 USDC");

  const input = panel(page).getByTestId("amount-input");
  const problem = panel(page).getByTestId("amount-problem");
  const submit = panel(page).getByTestId("submit-action");
  const check = async (text: string, message: string | RegExp) => {
    await input.fill(text);
    await expect(problem).toHaveText(message);
    await expect(submit).toBeDisabled();
  };

  await panel(page).getByRole("tab", { name: "Borrow" }).click();
  await check("abc", "Enter a number, like 1.5");
  await check("", "Enter an amount");
  await check("-1", "The amount cannot be negative");
  await check("1e3", "Write the amount in full digits, without an exponent (e)");
  await check("1.0000001", "USDC has at most 6 decimals");
  await check("0", "Enter an amount above zero");
  await check("100000", /^At most 1[89],[\d,.]+ USDC: more would take the vault beyond its LTV$/);
  await input.fill("100");
  await expect(problem).toHaveText("");
  await expect(submit).toBeEnabled();
  // Max keeps health at the safety level: above the vault's health it is empty, and says why (not "above zero").
  await page.getByTestId("safety-input").fill("50");
  await panel(page).getByTestId("max-button").click();
  await expect(problem).toHaveText(
    /^Nothing more within your safety level 50\.00 \(health now [\d.]+\): lower it, or type an amount up to [\d,.]+ USDC\.$/,
  );
  await expect(submit).toBeDisabled();
  await page.getByTestId("safety-input").fill("1.5");

  await panel(page).getByRole("tab", { name: "Deposit" }).click();
  await check("1000", /^You have 90 WETH$/);
  await check("0.0000000000000000001", "WETH has at most 18 decimals");

  await panel(page).getByRole("tab", { name: "Withdraw" }).click();
  await check("11", /^At most [\d.,]+ WETH: more would take the vault beyond its LTV$/);

  await panel(page).getByRole("tab", { name: "Repay" }).click();
  await check("6000", /^At most 5,000(\.\d+)? USDC: that repays all the debt$/);
  await screenshot(page, "vault-bad-input");
});

test("a price drop turns the vault red with a warning; a stale feed pauses borrowing and a reverting borrow shows its decoded error", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  const market = usdcMarket(chain);
  const id = await traderVault(chain, "10", "20000"); // HF = 30,000 × 0.85 / 20,000 = 1.275: "watch"
  await injectWallet();
  await app.open(`/vault/${chain.deployment.chainId}/${id}?market=${market}`);
  await connectWallet(page);
  const badge = page.getByTestId("vault-health").getByTestId("health");
  await expect(badge).toHaveAttribute("data-band", "watch");
  await expect(page.getByTestId("vault-warning")).toContainText("below your safety level 1.50");

  await setWethPrice(chain, "2300"); // HF = 23,000 × 0.85 / 20,000 = 0.9775
  await expect(badge).toHaveAttribute("data-band", "liquidatable");
  await expect(badge).toContainText(/0\.9[78]/);
  await expect(page.getByTestId("vault-warning")).toContainText("this vault can be liquidated now");
  // Already liquidatable: said so, not a distance of 0.0 % nor a "rise of 0.0 %" of USDC to a price below today's.
  await expect(page.getByTestId("stat-distance")).toContainText("Liquidatable now");
  await expect(page.getByTestId("base-rise")).toHaveCount(0);
  await panel(page).getByRole("tab", { name: "Borrow" }).click();
  await expect(panel(page).getByTestId("amount-problem")).toHaveText("");
  await panel(page).getByTestId("amount-input").fill("1");
  await expect(panel(page).getByTestId("amount-problem")).toHaveText(/more would take the vault beyond its LTV/);
  await screenshot(page, "vault-liquidatable");

  // Back to a healthy price, then let the app's view of the chain go stale (its lens reads fail) while the WETH feed
  // stops updating: the form still believes the borrow is fine, the simulation refuses it with the decoded error.
  await setWethPrice(chain, "3000");
  await expect(badge).toHaveAttribute("data-band", "watch");
  const lens = chain.deployment.contracts.lens!.toLowerCase();
  const rpc = await failRpcCalls(page, chain, (call) => JSON.stringify(call).toLowerCase().includes(lens.slice(2)), "lens unreachable (test)");
  const latest = await chain.publicClient.getBlock();
  await setWethPrice(chain, "3000", latest.timestamp - 7_200n); // older than the 1 h heartbeat
  await expect(page.getByTestId("rpc-error")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("rpc-error")).toContainText("Showing vault data from");
  // cacheTime 0: viem keeps a block number for 4 s (its polling interval), so a read from before the feed's last update
  // could stand in for this one and the later read see one block more (a CI run's flaky retry: 178, then 179).
  const before = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  await panel(page).getByTestId("amount-input").fill("100");
  await panel(page).getByTestId("submit-action").click();
  const failed = page.getByTestId("toast").filter({ hasText: "Borrow 100 USDC — failed" });
  // The engine values a collateral without a fresh price at zero: the borrow would exceed the vault's LTV.
  await expect(failed).toContainText(
    "Not sent — it would fail: This would take the vault beyond its maximum loan-to-value (a collateral without a fresh price counts as zero)",
  );
  expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(before); // nothing was sent
  await screenshot(page, "vault-decoded-error");

  // Once the chain answers again, the page says which asset is stale and that borrowing is paused.
  await page.unroute(rpc);
  await retryUntilRecovered(page.getByTestId("rpc-error"));
  await expect(page.getByTestId("oracle-paused")).toContainText("WETH price stale");
  await expect(panel(page).getByTestId("action-paused")).toContainText("Borrowing is paused: WETH");
  // Only a collateral's price is missing: the market would count WETH as zero; the pause is the app's, and it says so.
  await expect(panel(page).getByTestId("action-paused")).toContainText("The market would count that collateral as zero; Keel sends no borrow");
  await expect(panel(page).getByTestId("submit-action")).toBeDisabled();
  // The reads that failed while the chain was unreachable recover with it at the next block: the Multiply panel's swap
  // venue too, which is looked up once and was left failed until a reload.
  await chain.testClient.mine({ blocks: 1 });
  await expect(page.getByText(/Cannot read the swap venue/)).toHaveCount(0);
  await expect(page.getByText(/Could not read the guard/)).toHaveCount(0);
  // A deposit is not paused, but with the debt left and a price missing its health after is no more known than before.
  await panel(page).getByRole("tab", { name: "Deposit" }).click();
  await panel(page).getByTestId("amount-input").fill("1");
  await expect(panel(page).getByTestId("preview-health").getByTestId("before")).toHaveText("—");
  await expect(panel(page).getByTestId("preview-health").getByTestId("after")).toHaveText("→ —");
  await panel(page).getByRole("tab", { name: "Borrow" }).click();
  await screenshot(page, "vault-stale-oracle");
});

test("the dashboard colours and names each vault's health, and keeps the last data marked stale while the RPC is down", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  await app.open("/");
  await expect(page.getByTestId("connect-prompt")).toBeVisible();
  await screenshot(page, "dashboard-disconnected");
  await injectWallet({ account: chain.admin.account.address }); // anvil #0 owns demo vaults #2 (safe) and #3 (close)
  await app.open("/");
  await connectWallet(page);
  const market = usdcMarket(chain).toLowerCase();
  const safe = page.getByTestId(`vault-${market}-2`);
  const close = page.getByTestId(`vault-${market}-3`);
  await expect(safe.getByTestId("health")).toHaveAttribute("data-band", "safe");
  await expect(safe.getByTestId("health")).toContainText("Safe");
  await expect(close.getByTestId("health")).toHaveAttribute("data-band", "atRisk");
  await expect(close.getByTestId("health")).toContainText("At risk");
  await expect(close.getByTestId("collateral-WBTC").getByTestId("liq-price")).not.toHaveText("—");
  // Lowest across every protocol: anvil #0 also holds the demo Aave and Morpho positions (one close to liquidation).
  const keel3 = (await chainFigures(chain, usdcMarket(chain), 3n)).vault.healthFactor;
  await expect(page.getByTestId("total-lowest-health")).toHaveText(
    formatHealthFactor(await lowestHealthOnChain(chain, chain.admin.account.address, keel3)),
  );

  const rpc = (url: URL) => url.origin === new URL(chain.rpcUrl).origin;
  await page.route(rpc, (route) => route.abort("connectionrefused"));
  const banner = page.getByTestId("rpc-error");
  await expect(banner).toContainText("Showing vaults from", { timeout: 20_000 });
  await expect(safe).toBeVisible(); // the last vaults stay, dimmed
  await screenshot(page, "dashboard-rpc-down");
  await page.unroute(rpc);
  await retryUntilRecovered(banner);
});

test("a repay in flight owns the vault's action panel across navigation and reload: locked with its amount, then told what became of it", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  test.setTimeout(180_000);
  const market = chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
  const id = await traderVault(chain, "2", "1000");
  await injectWallet();
  const vaultPath = `/vault/31337/${id}?market=${market}`;
  await app.open(vaultPath);
  await connectWallet(page);
  await panel(page).getByRole("tab", { name: "Repay" }).click();
  await panel(page).getByTestId("amount-input").fill("100");
  await expect(panel(page).getByTestId("submit-action")).toBeEnabled();

  // Blocks stop: the approval is sent and stays pending.
  await chain.testClient.setAutomine(false);
  await panel(page).getByTestId("submit-action").click();
  await expect(panel(page).getByTestId("flow-pending")).toContainText("step 1 of 2: Approve 100 USDC (sent, waiting for the chain)", {
    timeout: 30_000,
  });

  // Away and back (client-side navigation): the panel still shows the flow and the amount being sent, locked.
  await navigateTo(page, "Markets");
  await expect(page.getByTestId("market-USDC")).toBeVisible({ timeout: 30_000 });
  await page.goBack();
  await expect(panel(page).getByTestId("flow-pending")).toContainText("Approve 100 USDC", { timeout: 30_000 });
  await expect(panel(page).getByRole("tab", { name: "Repay" })).toHaveAttribute("aria-selected", "true");
  await expect(panel(page).getByTestId("amount-input")).toHaveValue("100");
  await expect(panel(page).getByTestId("amount-input")).toBeDisabled();
  await expect(panel(page).getByTestId("submit-action")).toBeDisabled();
  await screenshot(page, "vault-flow-locked");

  // A reload, then the approval is mined: the panel says so, and that the repay was not sent; nothing was repaid.
  await page.reload();
  const debtOf = async () =>
    (
      await chain.publicClient.readContract({
        address: chain.deployment.contracts.lens!,
        abi: keelLensAbi,
        functionName: "getVault",
        args: [market, id],
      })
    ).debt;
  const debtBefore = await debtOf();
  await chain.testClient.setAutomine(true);
  await chain.testClient.mine({ blocks: 1 });
  await connectWallet(page);
  await expect(panel(page).getByTestId("flow-interrupted")).toContainText("“Approve 100 USDC” is confirmed, but “Repay 100 USDC” was not sent", {
    timeout: 30_000,
  });
  expect(await debtOf()).toBeGreaterThanOrEqual(debtBefore);
});
