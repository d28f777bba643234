import type { Page } from "@playwright/test";
import { expect, screenshot, test, type E2EChain } from "./support/fixtures";

const usdcMarket = (chain: E2EChain) => chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;

test("a vault address that names no vault answers 404 and says why, never another market's vault", async ({ page, app, chain }) => {
  const market = usdcMarket(chain);
  const notAMarket = chain.asset("WETH").address;
  for (const path of ["/vault/31337/1?market=0x123", `/vault/31337/1?market=${notAMarket}`, "/vault/31337/abc", "/vault/999/1"]) {
    const res = await page.request.get(app.baseUrl + path);
    expect(res.status(), path).toBe(404);
  }
  expect((await page.request.get(app.baseUrl + "/no-such-page")).status()).toBe(404);
  expect((await page.request.get(`${app.baseUrl}/vault/31337/1?market=${market}`)).status()).toBe(200);
  await app.open("/vault/31337/1?market=0x123");
  await expect(page.getByTestId("vault-not-found")).toContainText("No such vault page");
  await expect(page.getByTestId("vault-not-found")).toContainText(market);
  await screenshot(page, "vault-not-found");
});

/** Over a few refreshes, `shown` stays on screen and `never` never appears. */
async function holds(page: Page, shown: string, never: RegExp) {
  for (let i = 0; i < 8; i++) {
    await expect(page.getByTestId(shown).first()).toBeVisible();
    await expect(page.getByText(never)).toBeHidden();
    await page.waitForTimeout(750);
  }
}

test("with the chain down from the first load, /multiply and the vault page show the banner and keep it", async ({ page, app, chain }) => {
  const rpc = (url: URL) => url.origin === new URL(chain.rpcUrl).origin;
  await page.route(rpc, (route) => route.abort("connectionrefused"));
  await app.open("/multiply");
  await expect(page.getByTestId("rpc-error")).toContainText("No market data yet", { timeout: 20_000 });
  await holds(page, "rpc-error", /Reading the markets/);
  await screenshot(page, "multiply-rpc-down");

  await app.open(`/vault/31337/1?market=${usdcMarket(chain)}`);
  await expect(page.getByTestId("rpc-error")).toBeVisible({ timeout: 20_000 });
  await holds(page, "rpc-error", /Reading vault/);
});

test("/risk says within seconds that the chain stopped answering, keeps the book it has, and clears when it is back", async ({
  page,
  app,
  chain,
}) => {
  await app.open("/risk");
  await expect(page.getByTestId("risk-totals")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("rpc-error")).toBeHidden();
  const rpc = (url: URL) => url.origin === new URL(chain.rpcUrl).origin;
  await page.route(rpc, (route) => route.abort("connectionrefused"));
  // The book is read again every 30 s; the chain's block poll (every 2 s) says it first.
  await expect(page.getByTestId("rpc-error")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("risk-totals")).toBeVisible();
  await page.unroute(rpc);
  await expect(page.getByTestId("rpc-error")).toBeHidden({ timeout: 10_000 });
});
