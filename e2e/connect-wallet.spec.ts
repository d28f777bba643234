import { expect, screenshot, test, TRADER } from "./support/fixtures";

test("connects an injected EIP-6963 wallet through RainbowKit and shows the address", async ({ page, app, injectWallet }) => {
  await injectWallet();
  await app.open("/");
  await page.getByRole("button", { name: "Connect Wallet" }).click();
  const modal = page.getByRole("dialog");
  await expect(modal.getByText("Keel Test Wallet")).toBeVisible();
  await expect(modal.getByText("Keel Dev Wallet (anvil #0)")).toBeVisible();
  await screenshot(page, "connect-modal");
  await modal.getByText("Keel Test Wallet").click();
  const account = page.getByTestId("rk-account-button");
  await expect(account).toBeVisible();
  // RainbowKit abbreviates the address: 0x70…79C8
  await expect(account).toContainText(`${TRADER.slice(0, 4)}…${TRADER.slice(-4)}`);
  await screenshot(page, "connected");
});

test("a wallet on another chain is switched on connect", async ({ page, app, injectWallet }) => {
  await injectWallet({ chainId: 1 });
  await app.open("/");
  await page.getByRole("button", { name: "Connect Wallet" }).click();
  await page.getByRole("dialog").getByText("Keel Test Wallet").click();
  await expect(page.getByTestId("rk-account-button")).toBeVisible();
  const requests = await page.evaluate(() => (window as unknown as { __keelWalletLog: { method: string }[] }).__keelWalletLog);
  expect(requests.map((r) => r.method)).toContain("wallet_switchEthereumChain");
  expect(
    await page.evaluate(() =>
      (window as unknown as { ethereum: { request(a: object): Promise<string> } }).ethereum.request({ method: "eth_chainId" }),
    ),
  ).toBe("0x7a69");
});

test("a wallet moved to the wrong chain is asked to switch back, and switching works", async ({ page, app, injectWallet }) => {
  await injectWallet();
  await app.open("/");
  await page.getByRole("button", { name: "Connect Wallet" }).click();
  await page.getByRole("dialog").getByText("Keel Test Wallet").click();
  await expect(page.getByTestId("rk-account-button")).toBeVisible();
  await page.evaluate(() => (window as unknown as { __keelWalletSetChain(id: number): void }).__keelWalletSetChain(1));
  const banner = page.getByRole("alert").filter({ hasText: "which Keel is not set up for" });
  await expect(banner).toBeVisible();
  await screenshot(page, "wrong-chain");
  await banner.getByRole("button", { name: /Switch to/ }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId("rk-account-button")).toBeVisible();
});

test("the dev wallet connects with an anvil test account", async ({ page, app }) => {
  await app.open("/");
  await page.getByRole("button", { name: "Connect Wallet" }).click();
  await page.getByRole("dialog").getByText("Keel Dev Wallet (anvil #0)").click();
  await expect(page.getByTestId("rk-account-button")).toContainText(/0xf3.*2266/i);
});
