import type { Page } from "@playwright/test";
import { encodeFunctionData, parseUnits } from "viem";
import { devErc20Abi, devPriceFeedAbi, keelMarketAbi } from "../contracts-abi";
import { keelGuardAbi } from "../contracts-abi";
import { AGENT_KEYS, ANVIL_KEYS } from "../scripts/lib/anvil";
import { connectWallet, scrollToPanel, expect, screenshot, test, TRADER, type E2EChain } from "./support/fixtures";
import { devWallet } from "./support/dev-wallet";

const confirmed = (page: Page, title: string | RegExp) => page.getByTestId("toast").filter({ hasText: title }).filter({ hasText: "confirmed" });

/** TRADER's vault straight on the chain: 10 WETH, 20,000 USDC (HF 1.275 at $3,000). Returns its market and id. */
async function openTraderVault(chain: E2EChain) {
  const market = chain.deployment.markets.find((m) => m.name.includes("USDC"))!.address;
  const weth = chain.asset("WETH");
  const trader = devWallet(chain.rpcUrl, chain.deployment.chainId, ANVIL_KEYS[1]!);
  const wait = async (hash: `0x${string}`) => expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  const id = (await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  await wait(await trader.writeContract({ address: weth.address, abi: devErc20Abi, functionName: "approve", args: [market, parseUnits("10", 18)] }));
  await wait(
    await trader.writeContract({
      address: market,
      abi: keelMarketAbi,
      functionName: "multicall",
      args: [
        [
          encodeFunctionData({ abi: keelMarketAbi, functionName: "openVault" }),
          encodeFunctionData({ abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth.address, parseUnits("10", 18)] }),
          encodeFunctionData({ abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits("20000", 6), TRADER] }),
        ],
      ],
    }),
  );
  return { market, id };
}

test("as a trader: protect a vault with auto-deleverage, see it run when ETH falls, pause and remove it", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  test.setTimeout(120_000); // two signed flows, an execution and a reload: over a minute on a loaded machine
  const guard = chain.deployment.contracts.guard!;
  const weth = chain.asset("WETH");
  const { market, id } = await openTraderVault(chain);
  const wait = async (hash: `0x${string}`) => expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  await injectWallet();
  await app.open(`/vault/${chain.deployment.chainId}/${id}?market=${market}`);
  await connectWallet(page);
  await scrollToPanel(page, "protection");
  const panel = page.getByTestId("protection-panel");
  const rule = panel.getByTestId("rule-deleverage");
  await expect(panel.getByTestId("guard-operator")).toHaveText("Guard not authorised");
  await expect(panel.getByTestId("protection-history-empty")).toBeVisible();
  await expect(panel.getByTestId("protection-versus")).toContainText("KeelAutomation");

  // A bad target is refused inline, with the reason.
  await rule.getByTestId("rule-add").click();
  await rule.getByTestId("rule-trigger-input").fill("1.2");
  await rule.getByTestId("rule-target-input").fill("1.05");
  await expect(rule.getByTestId("rule-target-input-error")).toContainText("Above the trigger");
  await rule.getByTestId("rule-target-input").fill("1.5");
  await rule.getByTestId("rule-fee-input").fill("2");
  await expect(rule.getByTestId("rule-fee-input-error")).toContainText("At most 1 %");
  await rule.getByTestId("rule-fee-input").fill("0.5");
  // Preview at today's prices: when it would run, and what it would sell and repay.
  await expect(rule.getByTestId("rule-preview")).toContainText("Runs when WETH ≤");
  await expect(rule.getByTestId("rule-preview")).toContainText("health → 1.50");
  await screenshot(page, "vault-protection-form");

  // A stop-loss at or below the liquidation price (10 WETH against 20,000 USDC: $2,352.94) could never fire — the vault
  // would be liquidated first: refused, with the price. Above it, accepted.
  const stop = panel.getByTestId("rule-stopLoss");
  await stop.getByTestId("rule-add").click();
  await stop.getByTestId("rule-trigger-input").fill("2300");
  await expect(stop.getByTestId("rule-trigger-input-error")).toHaveText(
    "Above the liquidation price ($2,352.94): at or below it the vault is liquidated first and the stop could never fire",
  );
  // Just above it, accepted with a warning: one oracle update can cross both.
  await stop.getByTestId("rule-trigger-input").fill("2380");
  await expect(stop.getByTestId("rule-trigger-input-error")).toHaveCount(0);
  await expect(stop.getByTestId("rule-near-liquidation")).toContainText("Within 2% of the liquidation price ($2,352.94)");
  await stop.getByTestId("rule-trigger-input").fill("2500");
  await expect(stop.getByTestId("rule-trigger-input-error")).toHaveCount(0);
  await expect(stop.getByTestId("rule-near-liquidation")).toHaveCount(0);
  await expect(stop.getByTestId("rule-preview")).toContainText("Runs when WETH ≤ $2,500.00");
  await stop.getByRole("button", { name: "Cancel" }).click();

  // Save: authorising the guard is its own step, then the rule.
  await rule.getByTestId("rule-save").click();
  await expect(confirmed(page, "Authorise the Keel guard")).toBeVisible({ timeout: 30_000 });
  await expect(confirmed(page, "Save auto-deleverage")).toBeVisible({ timeout: 30_000 });
  await expect(rule.getByTestId("rule-status")).toHaveText("Active");
  await expect(panel.getByTestId("guard-operator")).toHaveText("Guard authorised");

  // A stop-loss at $2,500.125 (the guard takes 8 decimals): editing it later shows the level saved, not one cut to cents
  // (re-saving after changing only the slippage would have moved the stop).
  await stop.getByTestId("rule-add").click();
  await stop.getByTestId("rule-trigger-input").fill("2500.125");
  await stop.getByTestId("rule-save").click();
  await expect(confirmed(page, "Save stop-loss")).toBeVisible({ timeout: 30_000 });
  await expect(stop.getByTestId("rule-status")).toHaveText("Active");
  await stop.getByRole("button", { name: "Edit" }).click();
  await expect(stop.getByTestId("rule-trigger-input")).toHaveValue("2500.125");
  await stop.getByRole("button", { name: "Cancel" }).click();

  // ETH falls to $2,800 (HF 1.19 < 1.2): the preview says it would run; an executor runs it.
  const hash = await chain.admin.writeContract({
    address: weth.feed,
    abi: devPriceFeedAbi,
    functionName: "setAnswer",
    args: [parseUnits("2800", 8)],
  });
  await chain.publicClient.waitForTransactionReceipt({ hash });
  await expect(rule.getByTestId("rule-preview")).toContainText("Would run now", { timeout: 15_000 });
  const executor = devWallet(chain.rpcUrl, chain.deployment.chainId, AGENT_KEYS.guardExecutor);
  await wait(await executor.writeContract({ address: guard, abi: keelGuardAbi, functionName: "execute", args: [market, id, 0, 50n] }));
  await page.reload();
  await connectWallet(page);
  await scrollToPanel(page, "protection");
  await expect(page.getByTestId("protection-panel").getByTestId("protection-history")).toContainText("Auto-deleveraged", { timeout: 15_000 });
  await expect(page.getByTestId("stat-health")).toHaveText("1.50", { timeout: 15_000 });
  await screenshot(page, "vault-protection");

  // Pause, then remove.
  const ruleAfter = page.getByTestId("protection-panel").getByTestId("rule-deleverage");
  await ruleAfter.getByTestId("rule-pause").click();
  await expect(confirmed(page, "Pause auto-deleverage")).toBeVisible({ timeout: 30_000 });
  await expect(ruleAfter.getByTestId("rule-status")).toHaveText("Paused");
  await ruleAfter.getByTestId("rule-remove").click();
  // Removing asks first; "Keep it" keeps it.
  await ruleAfter.getByRole("button", { name: "Keep it" }).click();
  await expect(ruleAfter.getByTestId("rule-remove-confirm")).toBeHidden();
  await expect(ruleAfter.getByTestId("rule-status")).toBeVisible();
  await ruleAfter.getByTestId("rule-remove").click();
  await expect(ruleAfter.getByTestId("rule-remove-confirm")).toContainText("Remove the auto-deleverage?");
  await ruleAfter.getByTestId("rule-remove-yes").click();
  await expect(confirmed(page, "Remove auto-deleverage")).toBeVisible({ timeout: 30_000 });
  await expect(ruleAfter.getByTestId("rule-add")).toBeVisible();
});

test("the KeelGuard panel warns, rule by rule, of the four reasons a rule could not fire, as every position page does", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  const guard = chain.deployment.contracts.guard!;
  const { market, id } = await openTraderVault(chain);
  const trader = devWallet(chain.rpcUrl, chain.deployment.chainId, ANVIL_KEYS[1]!);
  const wait = async (hash: `0x${string}`) => expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  // Set from the wallet, outside the app, with the guard not the owner's operator: a stop-loss selling WBTC at $50,000
  // (the vault holds none), and an auto-deleverage 1.2 → 1.5 selling WETH with no fee for the executor and a 0.01 %
  // slippage bound (the pool's own fee is 0.3 %).
  await wait(
    await trader.writeContract({
      address: guard,
      abi: keelGuardAbi,
      functionName: "setRule",
      args: [market, id, 1, chain.asset("WBTC").address, parseUnits("50000", 18), 0n, 100n, 30n],
    }),
  );
  await wait(
    await trader.writeContract({
      address: guard,
      abi: keelGuardAbi,
      functionName: "setRule",
      args: [market, id, 0, chain.asset("WETH").address, parseUnits("1.2", 18), parseUnits("1.5", 18), 1n, 0n],
    }),
  );
  await injectWallet();
  await app.open(`/vault/${chain.deployment.chainId}/${id}?market=${market}`);
  await connectWallet(page);
  await scrollToPanel(page, "protection");
  const panel = page.getByTestId("protection-panel");
  await expect(panel.getByTestId("warning-not-authorised")).toContainText("The guard is not your operator", { timeout: 60_000 });
  const stopLoss = panel.getByTestId("rule-stopLoss");
  const deleverage = panel.getByTestId("rule-deleverage");
  await expect(stopLoss.getByTestId("warning-below-minimum")).toContainText("the position holds no WBTC", { timeout: 60_000 });
  await expect(deleverage.getByTestId("warning-fee-below-gas")).toContainText("No executor is likely to run this rule");
  await expect(deleverage.getByTestId("warning-slippage-unreachable")).toContainText("more than your 0.01% bound");
  // The authorisation is stated once, above the cards; the stop-loss has no fee or slippage problem.
  await expect(panel.getByTestId("warning-not-authorised")).toHaveCount(1);
  await expect(stopLoss.getByTestId("warning-fee-below-gas")).toHaveCount(0);
  await expect(stopLoss.getByTestId("warning-slippage-unreachable")).toHaveCount(0);
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, "vault-protection-warnings");

  // The dashboard's card of this vault says the same, one line per rule, with a link to the panel.
  const card = async () => {
    await app.open(`/?watch=${TRADER}`);
    return page.getByTestId(`vault-${market.toLowerCase()}-${id}`);
  };
  let vaultCard = await card();
  await expect(vaultCard.getByTestId("guard-warning-deleverage")).toHaveText(
    "Auto-deleverage (WETH) could not fire now: authorisation revoked, fee cap below gas, and slippage bound unreachable.",
    { timeout: 60_000 },
  );
  await expect(vaultCard.getByTestId("guard-warning-stopLoss")).toHaveText(
    "Stop-loss (WBTC) could not fire now: authorisation revoked and position below its minimum.",
  );
  await expect(vaultCard.getByTestId("guard-warning").getByRole("link")).toHaveAttribute("href", new RegExp(`/vault/.*#protection$`));
  await vaultCard.scrollIntoViewIfNeeded();
  await screenshot(page, "dashboard-guard-warnings");
  // The card's link opens the vault page at its protection panel, which comes in under the reader's eyes.
  await vaultCard.getByTestId("guard-warning").getByRole("link").click();
  await expect(page).toHaveURL(/#protection$/);
  await expect(panel.getByTestId("guard-operator")).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId("guard-operator")).toBeInViewport();

  // Authorising the guard (from the wallet) removes that warning and only that one.
  await wait(await trader.writeContract({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [guard, true] }));
  await expect(panel.getByTestId("guard-operator")).toHaveText("Guard authorised", { timeout: 30_000 });
  await expect(panel.getByTestId("warning-not-authorised")).toHaveCount(0, { timeout: 30_000 });
  await expect(stopLoss.getByTestId("warning-below-minimum")).toBeVisible();
  await expect(deleverage.getByTestId("warning-fee-below-gas")).toBeVisible();
  // Paused, a rule is its owner's doing: no warning.
  await wait(await trader.writeContract({ address: guard, abi: keelGuardAbi, functionName: "setPaused", args: [market, id, 0, true] }));
  await expect(deleverage.getByTestId("rule-status")).toHaveText("Paused", { timeout: 30_000 });
  await expect(deleverage.getByTestId("rule-warnings")).toHaveCount(0);
  // On the dashboard too: the paused rule has no line, the stop-loss keeps its own reason.
  vaultCard = await card();
  await expect(vaultCard.getByTestId("guard-warning-stopLoss")).toHaveText("Stop-loss could not fire now: position below its minimum.", {
    timeout: 60_000,
  });
  await expect(vaultCard.getByTestId("guard-warning-deleverage")).toHaveCount(0);

  // Resumed, with WETH's feed stale: the guard cannot act on a position without a price, and the card says so instead
  // of weighing the rule against figures it cannot read (the adapter's snapshot reverts with StalePrice).
  await wait(await trader.writeContract({ address: guard, abi: keelGuardAbi, functionName: "setPaused", args: [market, id, 0, false] }));
  const latest = await chain.publicClient.getBlock();
  await wait(
    await chain.admin.writeContract({
      address: chain.asset("WETH").feed,
      abi: devPriceFeedAbi,
      functionName: "setAnswerAt",
      args: [parseUnits("3000", 8), latest.timestamp - 7_200n],
    }),
  );
  vaultCard = await card();
  await expect(vaultCard.getByTestId("guard-warning-deleverage")).toHaveText("Auto-deleverage (WETH) could not fire now: no usable price.", {
    timeout: 60_000,
  });
  // Its only collateral unpriced: the totals give no share of a limit and no lowest health ("—"), not 10^59 % and ∞.
  await expect(page.getByTestId("total-limit-used")).toHaveText("—");
  await expect(page.getByTestId("total-lowest-health")).toHaveText("—");
  // WETH's line keeps the lens's liquidation price, which holds once its feed is fresh again, and says so; its distance
  // cannot be measured without a price, and the cell names why (on a phone the price column is hidden).
  const wethLine = vaultCard.getByTestId("collateral-WETH");
  await expect(wethLine.getByTestId("liq-price")).toContainText(/^\$2,35\d\.\d\d/);
  await expect(wethLine.getByTestId("liq-price").locator("[data-once-fresh]")).toHaveAttribute(
    "title",
    "Once WETH has a usable price again, this position is liquidatable at or below this price; until then WETH counts as zero.",
  );
  await expect(wethLine.getByTestId("distance")).toHaveText("Stale");
  await vaultCard.scrollIntoViewIfNeeded();
  await screenshot(page, "dashboard-guard-no-price");
});

test("removing an automation rule on the vault page asks first, like a protection rule", async ({ page, app, chain, injectWallet }) => {
  const { market, id } = await openTraderVault(chain);
  await injectWallet();
  // A link to the panel, opened as a new page (a bookmark, a shared link): the page lands on it, not above it.
  await app.open(`/vault/${chain.deployment.chainId}/${id}?market=${market}#automation`);
  await connectWallet(page);
  const panel = page.getByTestId("vault-automation").getByTestId("automation-keel");
  await expect(panel).toBeInViewport({ timeout: 60_000 });
  await panel.getByTestId("add-rule").click({ timeout: 60_000 });
  // Above the vault's liquidation price ($2,352.94: 20,000 USDC against 10 WETH at LT 85 %): a stop-loss below it could
  // never fire (liquidation comes first) and is not saved.
  await panel.getByTestId("rule-trigger").fill("2000");
  await expect(panel.getByTestId("preview-problem")).toContainText("liquidation comes first");
  await expect(panel.getByTestId("rule-save")).toBeDisabled();
  await panel.getByTestId("rule-trigger").fill("2500");
  await panel.getByTestId("rule-save").click();
  await expect(confirmed(page, "Save the Stop-loss rule")).toBeVisible({ timeout: 60_000 });
  const rule = panel.getByTestId("auto-rule-stopLoss");
  // WETH's feed stale: the adapter's snapshot reverts, and the card says once that it has no figures and its rules wait;
  // the rule's status says it waits, with no third "no usable price" warning under it.
  const latest = await chain.publicClient.getBlock();
  const staleHash = await chain.admin.writeContract({
    address: chain.asset("WETH").feed,
    abi: devPriceFeedAbi,
    functionName: "setAnswerAt",
    args: [parseUnits("3000", 8), latest.timestamp - 7_200n],
  });
  expect((await chain.publicClient.waitForTransactionReceipt({ hash: staleHash })).status).toBe("success");
  await expect(panel.getByTestId("automation-unavailable")).toContainText("The price is stale", { timeout: 30_000 });
  await expect(rule.getByTestId("rule-status")).toHaveText("The guard could not plan this rule now (a stale or missing price): it waits.");
  await expect(rule.getByTestId("warning-price-unavailable")).toHaveCount(0);
  await screenshot(page, "automation-rule-no-price");
  // The rule can still be removed without a price.
  await rule.getByTestId("rule-remove").click({ timeout: 30_000 });
  await expect(rule.getByTestId("rule-remove-confirm")).toContainText("Remove the Stop-loss rule?");
  await rule.getByRole("button", { name: "Keep it" }).click();
  await expect(rule.getByTestId("rule-remove-confirm")).toBeHidden();
  await rule.getByTestId("rule-remove").click();
  await rule.getByTestId("rule-remove-yes").click();
  await expect(confirmed(page, "Remove the Stop-loss rule")).toBeVisible({ timeout: 30_000 });
  await expect(rule).toHaveCount(0, { timeout: 30_000 });
});

test("the market simulator panel is on /markets for the local chain, and the API refuses what it must", async ({ page, app, chain }) => {
  await app.open("/markets");
  const panel = page.getByTestId(`simulator-${chain.deployment.chainId}`);
  await expect(panel).toBeVisible();
  for (const s of ["crash", "flash-crash", "stale", "bleed"]) await expect(panel.getByTestId(`scenario-${s}`)).toBeEnabled();
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, "market-simulator");
  const post = (body: unknown) => page.request.post(`${app.baseUrl}/api/simulator`, { data: body });
  const unknown = await post({ chainId: chain.deployment.chainId, scenario: "moon" });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error).toContain("unknown scenario");
  expect((await post({ chainId: 1, scenario: "crash" })).status()).toBe(404);
});
