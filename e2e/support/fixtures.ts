import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { createPublicClient, createTestClient, http, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { Deployment } from "../../lib/config/deployment";
import { ANVIL_KEYS } from "../../scripts/lib/anvil";
import { localChain } from "../../lib/server/clients";
import { injectedWalletScript } from "./injected-wallet";
import { devWallet } from "./dev-wallet";

export const TRADER = privateKeyToAccount(ANVIL_KEYS[1]!).address;
/** anvil #0: the seeded demo owner (Keel vaults #2 and #3, the Aave and Morpho positions). */
export const DEMO = privateKeyToAccount(ANVIL_KEYS[0]!).address;

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the suite through playwright (global-setup starts the stack)`);
  return v;
}

/** The chain the suite runs against, with clients that act as the test (not through the browser). */
function makeChain() {
  const rpcUrl = env("KEEL_E2E_RPC_URL");
  const deployment = JSON.parse(env("KEEL_E2E_DEPLOYMENT")) as Deployment;
  const chain = localChain(deployment.chainId, rpcUrl);
  const transport = http(rpcUrl);
  return {
    rpcUrl,
    deployment,
    publicClient: createPublicClient({ chain, transport }),
    admin: devWallet(rpcUrl, deployment.chainId, ANVIL_KEYS[0]!),
    testClient: createTestClient({ chain, transport, mode: "anvil" }),
    asset(symbol: string) {
      const a = deployment.assets.find((x) => x.symbol === symbol);
      if (!a) throw new Error(`no asset ${symbol}`);
      return a;
    },
  };
}

export type E2EChain = ReturnType<typeof makeChain>;

export const test = base.extend<{
  /** On the phone project, after every test: the page it ended on does not scroll sideways. */
  noSidewaysScroll: void;
  chain: E2EChain;
  app: { baseUrl: string; open(path?: string): Promise<void> };
  injectWallet(opts?: { chainId?: number; account?: Address }): Promise<void>;
}>({
  noSidewaysScroll: [
    async ({ page }, use, testInfo) => {
      await use();
      if (testInfo.project.name === "phone" && testInfo.status === "passed" && page.url().startsWith("http")) await expectNoSidewaysScroll(page);
    },
    { auto: true },
  ],
  // Every test starts from the deployed state: an anvil snapshot before, reverted after, blocks mined on each
  // transaction again (a reverted snapshot keeps the mining mode, and a test that stopped it may have failed first).
  chain: async ({}, use) => {
    const chain = makeChain();
    const snapshot = await chain.testClient.snapshot();
    await use(chain);
    await chain.testClient.setAutomine(true);
    await chain.testClient.revert({ id: snapshot });
  },
  app: async ({ page }, use) => {
    const baseUrl = env("KEEL_E2E_BASE_URL");
    await use({ baseUrl, open: async (path = "/") => void (await page.goto(baseUrl + path)) });
  },
  injectWallet: async ({ page, chain }, use) => {
    await use(async (opts = {}) => {
      await page.addInitScript(
        injectedWalletScript({ rpcUrl: chain.rpcUrl, account: opts.account ?? TRADER, chainId: opts.chainId ?? chain.deployment.chainId }),
      );
    });
  },
});

/**
 * Connects the injected test wallet (call `injectWallet()` before opening the page): the one that announced itself
 * (EIP-6963), listed by name in RainbowKit's desktop and mobile dialogs alike. `button` is the header's button text.
 */
export async function connectWallet(page: Page, button = "Connect Wallet") {
  // On a loaded machine the first click can land while RainbowKit's dialog is still settling: retry the choice until
  // the account button shows (a real person would click again too).
  await expect(async () => {
    if (await page.getByTestId("rk-account-button").isVisible()) return;
    if (!(await page.getByRole("dialog").isVisible())) await page.getByRole("banner").getByRole("button", { name: button }).click();
    await page.getByRole("dialog").getByText("Keel Test Wallet").click();
    await expect(page.getByTestId("rk-account-button")).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * The page is no wider than the screen: nothing makes it scroll sideways. (With a mobile viewport Chromium widens the
 * layout viewport to fit overflowing content, so compare with the device's width, not innerWidth.)
 */
export async function expectNoSidewaysScroll(page: Page) {
  const width = page.viewportSize()!.width;
  const measured = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(measured, `page ${page.url()} is wider than the ${width} px screen`).toEqual({ scroll: width, inner: width });
}

/** Follows a link of the header's navigation — on a phone through the menu, where the links sit behind its button. */
export async function navigateTo(page: Page, name: string) {
  const menu = page.getByTestId("menu-button");
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("link", { name, exact: true }).filter({ visible: true }).first().click();
}

/** The phone project's name, for specs that differ on a phone. */
export const isPhone = (projectName: string) => projectName === "phone";

/**
 * Scrolls a vault page to one of its lower panels (`crosschain`, `protection`, `automation`, `reputation`, `history`), or
 * /risk to its steward's panel or its private pool: each comes in when a reader scrolls near it (components/chart-placeholder.tsx `Deferred`), as
 * here, or once the page has been idle for a few seconds.
 */
export async function scrollToPanel(
  page: Page,
  id: "crosschain" | "protection" | "automation" | "reputation" | "history" | "steward" | "private-pool",
) {
  const box = page.locator(`#${id}`);
  await expect(box, `the page has no #${id} box`).toHaveCount(1, { timeout: 30_000 });
  // A panel that comes in on its own meanwhile (near the screen with another) may render nothing here and lose its box:
  // scroll only while it waits, and again if a scroll raced it.
  await expect(async () => {
    if ((await box.getAttribute("data-deferred")) !== "shown") await box.scrollIntoViewIfNeeded({ timeout: 2_000 });
    await expect(box).toHaveAttribute("data-deferred", "shown", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

/** Scrolls through every lower panel of a vault page in turn, so all of them are on the page (for axe, the keyboard). */
export async function scrollToEveryPanel(page: Page) {
  // The cross-chain, protection and automation panels have a box only on a chain with an outpost, a guard, automation.
  for (const id of ["crosschain", "protection", "automation", "reputation", "history"] as const) {
    if (!["crosschain", "protection", "automation"].includes(id) || (await page.locator(`#${id}`).count()) > 0) await scrollToPanel(page, id);
  }
}

/**
 * The RPC answers again (the caller lifted its block): the page's RPC banner must go. Its Retry asks for a read at once,
 * but the page's own refresh (the block watcher re-reads every 2 s) may get there first, and then the banner — its
 * button with it — is gone before or during the click; a click that waited for the button then timed out (the phone
 * dashboard alternated pass/fail). So Retry is clicked while it is there, and either way the banner must go.
 */
export async function retryUntilRecovered(banner: Locator) {
  const gone = expect(banner).toBeHidden({ timeout: 20_000 });
  await Promise.race([
    banner
      .getByRole("button", { name: "Retry" })
      .click()
      .catch(() => undefined),
    gone,
  ]);
  await gone;
}

/** Saves a named screenshot under test-results/screens for people to look at. */
export async function screenshot(page: Page, name: string) {
  const suffix = page.viewportSize()!.width < 768 ? "-phone" : "";
  await page.screenshot({ path: `test-results/screens/${name}${suffix}.png`, fullPage: true });
}

export { expect };
