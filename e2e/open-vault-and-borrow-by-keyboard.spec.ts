import type { Locator, Page } from "@playwright/test";
import { keelMarketAbi } from "../contracts-abi";
import { expect, test, type E2EChain } from "./support/fixtures";

const usdcMarket = (chain: E2EChain) => chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
const confirmed = (page: Page, title: string | RegExp) => page.getByTestId("toast").filter({ hasText: title }).filter({ hasText: "confirmed" });

/** Presses Tab until `target` has the focus (a person tabbing through the page), then checks the focus can be seen. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((e) => e === document.activeElement).catch(() => false)) {
      const ring = await target.evaluate((e) => {
        const s = getComputedStyle(e);
        return { outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
      });
      expect(ring.outline !== "none" || ring.shadow !== "none", `focus on ${await target.evaluate((e) => e.outerHTML.slice(0, 80))} is visible`).toBe(
        true,
      );
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("with the keyboard alone: connect, open a vault with 10 WETH, then borrow 5,000 USDC", async ({ page, app, chain, injectWallet }) => {
  test.setTimeout(120_000);
  const market = usdcMarket(chain);
  const expectedId = (await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  await injectWallet();
  await app.open("/");
  await expect(page.getByTestId("connect-prompt")).toBeVisible();

  // Connect: Tab to the header's button, Enter, Tab to the test wallet in RainbowKit's dialog, Enter.
  await tabTo(page, page.getByRole("banner").getByRole("button", { name: "Connect Wallet" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: /Keel Test Wallet/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("rk-account-button")).toBeVisible({ timeout: 30_000 });

  // Open a vault: the defaults are the USDC market and WETH; type the amount, Tab to the button, Enter.
  const form = page.getByTestId("empty-state").getByTestId("open-vault-form");
  await expect(form).toBeVisible();
  await expect(form.getByLabel("Market")).toHaveValue(market);
  await expect(form.getByLabel("Collateral")).toHaveValue(chain.asset("WETH").address);
  await tabTo(page, form.getByTestId("amount-input"));
  await page.keyboard.type("10");
  const submit = form.getByRole("button", { name: "Approve & open vault" });
  await tabTo(page, submit);
  await page.keyboard.press("Enter");
  await expect(confirmed(page, `Open vault #${expectedId} with 10 WETH`)).toBeVisible({ timeout: 30_000 });
  await page.waitForURL(new RegExp(`/vault/${chain.deployment.chainId}/${expectedId}\\?market=${market}$`, "i"));

  // Borrow: Tab to the action tabs, arrow to Borrow (the tabs pattern), Tab to the amount, type, Tab to submit, Space.
  const panel = page.getByTestId("action-panel");
  await expect(panel.getByRole("tab", { name: "Deposit" })).toHaveAttribute("aria-selected", "true");
  await tabTo(page, panel.getByRole("tab", { name: "Deposit" }));
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(panel.getByRole("tab", { name: "Borrow" })).toBeFocused();
  await expect(panel.getByRole("tab", { name: "Borrow" })).toHaveAttribute("aria-selected", "true");
  await tabTo(page, panel.getByTestId("amount-input"));
  await page.keyboard.type("5000");
  await expect(panel.getByTestId("preview-debt").getByTestId("after")).toHaveText("→ 5,000 USDC");
  await tabTo(page, panel.getByTestId("submit-action"));
  await page.keyboard.press("Space");
  await expect(confirmed(page, "Borrow 5,000 USDC")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("stat-debt")).toContainText("5,000");
});
