import { expectAccessible } from "./support/axe";
import { connectWallet, expect, isPhone, scrollToEveryPanel, scrollToPanel, test, TRADER } from "./support/fixtures";

const DEMO = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // anvil #0: the demo positions

test("no serious or critical accessibility violation on any page, dialog or error", async ({ page, app, chain, injectWallet }, testInfo) => {
  test.setTimeout(240_000);
  const usdc = chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
  await injectWallet();

  // Before connecting: the dashboard's prompt, then RainbowKit's connect dialog.
  await app.open("/");
  await expect(page.getByTestId("connect-prompt")).toBeVisible();
  await expectAccessible(page, testInfo, "dashboard-disconnected");
  await page.getByRole("button", { name: "Connect Wallet" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page, testInfo, "connect-dialog");
  await page.keyboard.press("Escape");
  await connectWallet(page);

  // The dashboard of a trader with no vault: the open-vault form, then with its error shown.
  const form = page.getByTestId("open-vault-form");
  await expect(form).toBeVisible();
  await expectAccessible(page, testInfo, "dashboard-empty");
  await form.getByTestId("amount-input").fill("abc");
  await expect(form.getByTestId("amount-problem")).not.toBeEmpty();
  await expectAccessible(page, testInfo, "dashboard-form-error");

  // A vault page with the deposit form's error and the borrow preview.
  await app.open(`/vault/31337/1?market=${usdc}`);
  const panel = page.getByTestId("action-panel");
  await expect(panel).toBeVisible();
  // Its lower panels too (protection, automation, reputation, history), which come in as a reader scrolls to them.
  await scrollToEveryPanel(page);
  await expect(page.getByTestId("protection-panel")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("history-chart")).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, testInfo, "vault");
  await panel.getByTestId("amount-input").fill("12,34,5");
  await expect(panel.getByTestId("amount-problem")).not.toBeEmpty();
  await expectAccessible(page, testInfo, "vault-form-error");

  // An Aave position page (the trader's own, empty: the supply form) with its form's error.
  await app.open(`/position/31337/aave-v3/${TRADER}`);
  await connectWallet(page);
  const positionPanel = page.getByTestId("action-panel");
  await expect(positionPanel).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, testInfo, "position");
  await positionPanel.getByTestId("amount-input").fill("12,34,5");
  await expect(positionPanel.getByTestId("amount-problem")).not.toBeEmpty();
  await expectAccessible(page, testInfo, "position-form-error");

  for (const [path, ready] of [
    [`/?watch=${DEMO}`, "position-aave-v3"],
    [`/position/31337/morpho-blue/${chain.deployment.morphoBlue!.markets[0]!.id}/${DEMO}`, "actions-read-only"],
    ["/markets", "market-USDC"],
    ["/multiply", "multiply-panel"],
    ["/risk", "risk-totals"],
  ] as const) {
    await app.open(path);
    await expect(page.getByTestId(ready)).toBeVisible({ timeout: 30_000 });
    // /risk's private pool comes in near the screen, as a reader scrolls to it.
    if (path === "/risk") for (const id of ["steward", "private-pool"] as const) await scrollToPanel(page, id);
    await expectAccessible(page, testInfo, path.slice(1).split("/")[0]!.split("?")[0] || "watch");
  }
  // /risk on the Aave pool and on a Morpho market (their books read from the protocols' events).
  for (const label of ["Aave v3", "Morpho WETH/USDC"]) {
    const select = page.getByTestId("risk-market-select");
    await select.selectOption((await select.locator("option", { hasText: label }).first().getAttribute("value"))!);
    await expect(page.getByTestId("risk-load")).toHaveAttribute("data-source", "events", { timeout: 30_000 });
    await expectAccessible(page, testInfo, `risk-${label.split(" ")[0]!.toLowerCase()}`);
  }

  // The private page: the position form, its amount error, and the backup import refusing a file.
  await app.open("/private");
  await connectWallet(page);
  const priv = page.getByTestId("private-position");
  await expect(priv).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, testInfo, "private");
  await priv.getByTestId("amount-input").fill("12,34,5");
  await expect(priv.getByTestId("amount-problem")).not.toBeEmpty();
  await page.getByTestId("private-import-text").fill("{ not a backup");
  await page.getByTestId("private-import").click();
  await expect(page.getByTestId("private-import-result")).toHaveAttribute("role", "alert");
  await expectAccessible(page, testInfo, "private-errors");

  // The not-found pages.
  await app.open("/no-such-page");
  await expect(page.getByText("Page not found")).toBeVisible();
  await expectAccessible(page, testInfo, "not-found");
  await app.open(`/vault/31337/1?market=0x123`);
  await expect(page.getByTestId("vault-not-found")).toBeVisible();
  await expectAccessible(page, testInfo, "vault-not-found");

  // The watch field refusing an address: in the phone menu, or in the header.
  if (isPhone(testInfo.project.name)) {
    await page.getByTestId("menu-button").click();
    await expect(page.getByTestId("mobile-menu")).toBeVisible();
    await expectAccessible(page, testInfo, "phone-menu");
  }
  const watch = isPhone(testInfo.project.name) ? page.getByTestId("mobile-menu").getByTestId("watch-form") : page.getByTestId("header-watch-form");
  await watch.getByRole("textbox").fill("0x12");
  await watch.getByRole("button", { name: "Watch" }).click();
  await expect(watch.getByTestId("watch-problem")).toBeVisible();
  await expectAccessible(page, testInfo, "watch-refused");
});

test("no serious or critical accessibility violation on /automate: positions, their rules and a rule's form open", async ({
  page,
  app,
  injectWallet,
}, testInfo) => {
  // anvil #0's demo positions on Keel, Aave v3 and Morpho Blue.
  await injectWallet({ account: DEMO });
  await app.open("/automate");
  await connectWallet(page);
  const first = page.getByTestId("automation-aaveV3").first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, testInfo, "automate");
  await first.getByTestId("add-rule").click();
  await expect(first.getByTestId("rule-form")).toBeVisible();
  await expectAccessible(page, testInfo, "automate-rule-form");
});
