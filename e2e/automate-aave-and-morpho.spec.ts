import { expect, test as base, type Page } from "@playwright/test";
import { createPublicClient, http, parseUnits, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devErc20Abi, devPriceFeedAbi, iGuardMorphoAbi } from "../contracts-abi";
import { aavePoolAbi } from "../lib/protocols/aave-v3/abi";
import { morphoBlueAbi } from "../lib/protocols/morpho-blue/abi";
import { ANVIL_KEYS } from "../scripts/lib/anvil";
import { localChain } from "../lib/server/clients";
import { startStack, type Stack } from "../scripts/lib/stack";
import { alignPools, findPools } from "../agents/amm-arbitrage";
import { feedOwnerKey } from "../agents/market-simulator";
import { startGuardExecutor } from "../agents/guard-executor";
import { connectWallet, scrollToPanel, screenshot } from "./support/fixtures";
import { injectedWalletScript } from "./support/injected-wallet";
import { devWallet } from "./support/dev-wallet";

// Aave v3 and Morpho Blue run only on a stack deployed with them: this journey starts its own.
const test = base.extend<Record<never, never>, { stack: Stack }>({
  stack: [
    async ({}, use) => {
      const stack = await startStack({ lendingProtocols: true, dev: process.env.KEEL_E2E_DEV === "1" });
      await use(stack);
      await stack.stop();
    },
    { scope: "worker", timeout: 400_000 },
  ],
});
test.describe.configure({ mode: "serial" });

const confirmed = (page: Page, title: string | RegExp) => page.getByTestId("toast").filter({ hasText: title }).filter({ hasText: "confirmed" });

test("as a trader: a trailing stop on my Aave position and a take-profit on my Morpho position, each set, paused, resumed, removed (after a confirmation) and set again on /automate (a stop-loss set and removed), fire when ETH rallies then falls", async ({
  page,
  stack,
}) => {
  test.setTimeout(300_000);
  const d = stack.deployment;
  const chain = localChain(d.chainId, stack.anvil.url);
  const publicClient = createPublicClient({ chain, transport: http(stack.anvil.url) });
  const account = privateKeyToAccount(ANVIL_KEYS[1]!);
  const trader = devWallet(stack.anvil.url, d.chainId, ANVIL_KEYS[1]!);
  const send = async (request: Parameters<typeof trader.writeContract>[0]) => {
    const hash = await trader.writeContract(request);
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  };
  const WETH = d.assets.find((a) => a.symbol === "WETH")!;
  const USDC = d.assets.find((a) => a.symbol === "USDC")!.address;
  const wad = (x: string) => parseUnits(x, 18);
  // Aave: 10 WETH against 10,000 USDC. Morpho WETH/USDC: 2 WETH against 3,000 USDC.
  const pool = d.aaveV3!.pool;
  await send({ address: WETH.address, abi: devErc20Abi, functionName: "approve", args: [pool, wad("10")] } as never);
  await send({ address: pool, abi: aavePoolAbi, functionName: "supply", args: [WETH.address, wad("10"), account.address, 0] } as never);
  await send({ address: pool, abi: aavePoolAbi, functionName: "borrow", args: [USDC, parseUnits("10000", 6), 2n, 0, account.address] } as never);
  const mk = d.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!;
  const params = { loanToken: mk.loanToken, collateralToken: mk.collateralToken, oracle: mk.oracle, irm: mk.irm, lltv: BigInt(mk.lltv) };
  await send({ address: WETH.address, abi: devErc20Abi, functionName: "approve", args: [d.morphoBlue!.morpho, wad("2")] } as never);
  await send({
    address: d.morphoBlue!.morpho,
    abi: morphoBlueAbi,
    functionName: "supplyCollateral",
    args: [params, wad("2"), account.address, "0x"],
  } as never);
  await send({
    address: d.morphoBlue!.morpho,
    abi: morphoBlueAbi,
    functionName: "borrow",
    args: [params, parseUnits("3000", 6), 0n, account.address, account.address],
  } as never);

  await page.addInitScript(injectedWalletScript({ rpcUrl: stack.anvil.url, account: account.address, chainId: d.chainId }));
  await page.goto(`${stack.baseUrl}/automate`);
  await connectWallet(page);
  const aave = page.getByTestId("automation-aaveV3");
  const morpho = page.getByTestId("automation-morphoBlue");
  await expect(aave).toBeVisible({ timeout: 60_000 });
  await expect(morpho).toBeVisible();
  await expect(aave.getByTestId("adapter-authorised")).toHaveText("Adapter not authorised");

  // Aave stop-loss at $2,800 with a 1 WETH minimum: a price above today's is refused inline, then the preview.
  await aave.getByTestId("add-rule").click();
  const form = aave.getByTestId("rule-form");
  // The form replaces the button: the keyboard's focus goes to its first field, and back to the button on Cancel.
  await expect(form.getByTestId("rule-kind")).toBeFocused();
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(aave.getByTestId("add-rule")).toBeFocused();
  await aave.getByTestId("add-rule").click();
  await form.getByTestId("rule-trigger").fill("3100");
  await expect(form).toContainText(/Below today's price \(3,0\d\d(\.\d+)? USDC\)/);
  // Below the liquidation price liquidation comes first: the preview says so and the rule cannot be saved.
  await form.getByTestId("rule-trigger").fill("100");
  await expect(form.getByTestId("preview-problem")).toContainText("liquidation comes first");
  await expect(form.getByTestId("rule-save")).toBeDisabled();
  // And no sale it could never make ("sells at most 2,433 WETH" of the few held).
  await expect(form.getByTestId("rule-preview")).not.toContainText("sells at most");
  await expect(form.getByTestId("preview-fee")).toBeHidden();
  // Too many decimals is said of the field: whole days, not "this token".
  await form.getByTestId("rule-validity").fill("1.5");
  await expect(form).toContainText("Whole days from 1 to 365");
  await form.getByTestId("rule-validity").fill("90");
  await form.getByTestId("rule-trigger").fill("2800");
  await form.getByTestId("rule-minimum").fill("1");
  await expect(form.getByTestId("preview-price")).toContainText("2,800");
  await expect(form.getByTestId("preview-minimum")).toContainText("Minimum size 1 WETH");
  await expect(form.getByTestId("preview-fee")).toContainText("Fee cap 0.30%");
  await expect(form.getByTestId("rule-steps")).toContainText("aTokens");
  await screenshot(page, "automate-form");
  await form.getByTestId("rule-save").click();
  await expect(confirmed(page, /aTokens/)).toBeVisible({ timeout: 60_000 });
  await expect(confirmed(page, "Save the Stop-loss rule")).toBeVisible({ timeout: 60_000 });
  await expect(aave.getByTestId("auto-rule-stopLoss")).toContainText("Closes at or below 2,800", { timeout: 30_000 });
  await expect(aave.getByTestId("adapter-authorised")).toHaveText("Adapter authorised");
  await expect(aave.getByTestId("auto-rule-stopLoss").getByTestId("rule-warnings")).toHaveCount(0);

  /** Pauses, resumes and removes (after "Keep it" once, then "Remove") the rule of `kind` in `panel`. */
  const pauseResumeRemove = async (panel: typeof aave, kind: string, name: string) => {
    const rule = panel.getByTestId(`auto-rule-${kind}`);
    await rule.getByRole("button", { name: "Pause" }).click();
    await expect(confirmed(page, `Pause the ${name} rule`)).toBeVisible({ timeout: 60_000 });
    await expect(rule.getByTestId("rule-status")).toHaveText("Paused: it will not run.", { timeout: 30_000 });
    await rule.getByRole("button", { name: "Resume" }).click();
    await expect(confirmed(page, `Resume the ${name} rule`)).toBeVisible({ timeout: 60_000 });
    await expect(rule.getByTestId("rule-status")).toContainText("Waiting", { timeout: 30_000 });
    await rule.getByTestId("rule-remove").click();
    await expect(rule.getByTestId("rule-remove-confirm")).toContainText(`Remove the ${name} rule?`);
    await rule.getByRole("button", { name: "Keep it" }).click();
    await expect(rule.getByTestId("rule-remove-confirm")).toBeHidden();
    await expect(rule).toBeVisible();
    await rule.getByTestId("rule-remove").click();
    await rule.getByTestId("rule-remove-yes").click();
    await expect(confirmed(page, `Remove the ${name} rule`)).toBeVisible({ timeout: 60_000 });
    await expect(rule).toHaveCount(0, { timeout: 30_000 });
  };

  // A trailing stop 5 % under the high beside it: paused, resumed, removed, then set again; then the stop-loss is
  // removed: the trailing stop protects the Aave position from here.
  const setTrailing = async () => {
    await aave.getByTestId("add-rule").click();
    await form.getByTestId("rule-kind").selectOption("trailingStop");
    await form.getByTestId("rule-trail").fill("5");
    await form.getByTestId("rule-save").click();
    await expect(confirmed(page, "Save the Trailing stop rule")).toBeVisible({ timeout: 60_000 });
  };
  await setTrailing();
  const trailing = aave.getByTestId("auto-rule-trailingStop");
  await expect(trailing.getByTestId("rule-summary")).toContainText(/Closes 5(\.00)?% below the high/, { timeout: 30_000 });
  await expect(trailing.getByTestId("rule-summary")).toContainText("No minimum size; fee cap");
  await pauseResumeRemove(aave, "trailingStop", "Trailing stop");
  await setTrailing();
  await expect(trailing.getByTestId("rule-summary")).toContainText(/Closes 5(\.00)?% below the high/, { timeout: 30_000 });
  await expect(trailing.getByTestId("rule-status")).toContainText("Waiting");
  await aave.getByTestId("auto-rule-stopLoss").getByTestId("rule-remove").click();
  await aave.getByTestId("rule-remove-yes").click();
  await expect(confirmed(page, "Remove the Stop-loss rule")).toBeVisible({ timeout: 60_000 });
  await expect(aave.getByTestId("auto-rule-stopLoss")).toHaveCount(0, { timeout: 30_000 });

  // Morpho take-profit (close) at $3,300.
  await morpho.getByTestId("add-rule").click();
  const mform = morpho.getByTestId("rule-form");
  await mform.getByTestId("rule-kind").selectOption("takeProfit");
  await mform.getByTestId("rule-trigger").fill("3300");
  await expect(mform.getByTestId("preview-minimum")).toContainText("No minimum size");
  // A rule that could never fire is said so before saving: no fee for the executor at all (below the gas of the
  // execution at today's gas price), and a 0.01 % slippage bound (the pool's own fee is 0.3 %).
  await expect(mform.getByTestId("rule-warnings")).toHaveCount(0);
  await mform.getByTestId("rule-fee").fill("0");
  await expect(mform.getByTestId("warning-fee-below-gas")).toContainText("No executor is likely to run this rule");
  await mform.getByTestId("rule-slippage").fill("0.01");
  await expect(mform.getByTestId("warning-slippage-unreachable")).toContainText("more than your 0.01% bound");
  await screenshot(page, "automate-warnings");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "automate-warnings");
  await page.setViewportSize({ width: 1280, height: 860 });
  await mform.getByTestId("rule-fee").fill("0.3");
  await mform.getByTestId("rule-slippage").fill("1");
  await expect(mform.getByTestId("rule-warnings")).toHaveCount(0);
  await mform.getByTestId("rule-save").click();
  await expect(confirmed(page, "Save the Take-profit rule")).toBeVisible({ timeout: 60_000 });
  await expect(morpho.getByTestId("auto-rule-takeProfit")).toContainText("Closes at or above 3,300", { timeout: 30_000 });
  // Paused, resumed, removed after a confirmation; then set again, to fire below.
  await pauseResumeRemove(morpho, "takeProfit", "Take-profit");
  await morpho.getByTestId("add-rule").click();
  await mform.getByTestId("rule-kind").selectOption("takeProfit");
  await mform.getByTestId("rule-trigger").fill("3300");
  await expect(mform.getByTestId("rule-warnings")).toHaveCount(0);
  await mform.getByTestId("rule-save").click();
  await expect(confirmed(page, "Save the Take-profit rule")).toBeVisible({ timeout: 60_000 });
  await expect(morpho.getByTestId("auto-rule-takeProfit")).toContainText("Closes at or above 3,300", { timeout: 30_000 });
  await expect(morpho.getByTestId("auto-rule-takeProfit").getByTestId("rule-status")).toContainText("Waiting");
  // Each rule shows when it was set (audit 2026-12-01 #2: a rule left from a position closed by hand is noticed).
  await expect(morpho.getByTestId("auto-rule-takeProfit").getByTestId("rule-set-at")).toContainText(/^Set \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/);
  // Every rule expires (audit 2026-12-01 #2): 90 days by default, shown beside when it was set.
  await expect(morpho.getByTestId("auto-rule-takeProfit").getByTestId("rule-valid-until")).toContainText(
    /^Valid until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/,
  );
  await screenshot(page, "automate");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "automate");
  await page.setViewportSize({ width: 1280, height: 860 });

  // The Morpho position's own page has the same protection panel. Revoking the adapter there leaves the take-profit
  // unable to fire: the rule says so, and so does the position's card on the dashboard, with a link back to the rule.
  await page.goto(`${stack.baseUrl}/position/${d.chainId}/morpho-blue/${mk.id}/${account.address}`);
  await connectWallet(page);
  const onPage = page.getByTestId("position-automation").getByTestId("automation-morphoBlue");
  await expect(onPage.getByTestId("auto-rule-takeProfit")).toContainText("Closes at or above 3,300", { timeout: 60_000 });
  await expect(onPage.getByTestId("rule-warnings")).toHaveCount(0);
  await onPage.getByTestId("revoke").click();
  await expect(confirmed(page, /authorisation on Morpho/)).toBeVisible({ timeout: 60_000 });
  await expect(onPage.getByTestId("adapter-authorised")).toHaveText("Adapter not authorised", { timeout: 30_000 });
  await expect(onPage.getByTestId("auto-rule-takeProfit").getByTestId("warning-not-authorised")).toContainText("Authorisation revoked");
  await screenshot(page, "position-automation-revoked");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "position-automation-revoked");
  await page.setViewportSize({ width: 1280, height: 860 });

  await page.goto(stack.baseUrl);
  await connectWallet(page);
  const morphoCard = page.getByTestId("position-morpho-blue").filter({ hasText: "WETH/USDC" });
  await expect(morphoCard.getByTestId("automation-warning-takeProfit")).toHaveText("Take-profit could not fire now: authorisation revoked.", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("position-aave-v3").getByTestId("automation-warning")).toHaveCount(0);
  await screenshot(page, "dashboard-automation-warning");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "dashboard-automation-warning");
  await page.setViewportSize({ width: 1280, height: 860 });
  await morphoCard.getByRole("link", { name: "Review the rules" }).click();
  await expect(page).toHaveURL(/\/position\/\d+\/morpho-blue\/.+#automation$/);
  await expect(page.getByTestId("position-automation").getByTestId("warning-not-authorised")).toBeVisible({ timeout: 60_000 });

  // Authorised again (from the wallet, outside the app): the warnings go, on the page and on the dashboard.
  await send({
    address: d.morphoBlue!.morpho,
    abi: iGuardMorphoAbi,
    functionName: "setAuthorization",
    args: [d.automation!.morphoBlue, true],
  } as never);
  await expect(page.getByTestId("position-automation").getByTestId("rule-warnings")).toHaveCount(0, { timeout: 30_000 });
  await page.goto(stack.baseUrl);
  await connectWallet(page);
  await expect(page.getByTestId("position-morpho-blue").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("automation-warning")).toHaveCount(0);
  await page.goto(`${stack.baseUrl}/automate`);
  await connectWallet(page);
  await expect(morpho.getByTestId("adapter-authorised")).toHaveText("Adapter authorised", { timeout: 60_000 });

  // ETH rallies to $3,350, then falls to $3,150; the executor (started here) fires each rule when it holds.
  const pools = await findPools(stack.anvil.url, d);
  const owner = devWallet(stack.anvil.url, d.chainId, feedOwnerKey(d));
  const ethPrice = async (usd: string) => {
    const hash = await owner.writeContract({
      address: WETH.feed as Address,
      abi: devPriceFeedAbi,
      functionName: "setAnswer",
      args: [parseUnits(usd, 8)],
    });
    await publicClient.waitForTransactionReceipt({ hash });
    await alignPools({ rpcUrl: stack.anvil.url, deployment: d, pools });
  };
  const executor = startGuardExecutor({ rpcUrl: stack.anvil.url, deployment: d, log: () => {} });
  try {
    // The rally: the Morpho take-profit closes its position; the executor records the new high of the Aave trailing
    // stop from the oracle (5 % under $3,350: $3,182.50).
    await ethPrice("3350");
    await executor.run();
    await executor.idle();
    await expect(page.getByTestId("automation-execution")).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId("automation-execution").first()).toContainText("Take-profit on Morpho Blue");
    await expect(morpho).toHaveCount(0); // the Morpho position is closed
    await expect(trailing.getByTestId("rule-summary")).toContainText("3,350", { timeout: 30_000 });
    // The fall to $3,150: under the trailing level, the trailing stop closes the Aave position.
    await ethPrice("3150");
    await executor.run();
    await executor.idle();
    await expect(page.getByTestId("automation-execution")).toHaveCount(2, { timeout: 30_000 });
    await expect(page.getByTestId("automation-execution").first()).toContainText("Trailing stop on Aave v3");
    await expect(aave).toHaveCount(0);
  } finally {
    await executor.stop();
  }
  expect(executor.stats.executed).toBe(2);
  await screenshot(page, "automate-executed");

  // The Keel vault page keeps its protection panel and shows the automation panel beside it.
  await page.goto(`${stack.baseUrl}/vault/${d.chainId}/1?market=${d.markets[0]!.address}`);
  await scrollToPanel(page, "protection");
  await expect(page.getByTestId("protection-panel")).toBeVisible({ timeout: 60_000 });
  await scrollToPanel(page, "automation");
  await expect(page.getByTestId("vault-automation")).toBeVisible({ timeout: 60_000 });
  await screenshot(page, "vault-automation");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "vault-automation");
});
