import type { Page } from "@playwright/test";
import { connectWallet, DEMO, expect, expectNoSidewaysScroll, isPhone, screenshot, test, type E2EChain } from "./support/fixtures";

/** Every route, as the dashboard's demo vault of anvil #0 and a stranger see it. */
const pages = (marketUsdc: string, owner: string, morphoMarket: string) => [
  { name: "dashboard", path: "/", ready: (p: Page) => p.getByTestId("account-totals") },
  { name: "vault", path: `/vault/31337/1?market=${marketUsdc}`, ready: (p: Page) => p.getByTestId("action-panel") },
  { name: "markets", path: "/markets", ready: (p: Page) => p.getByTestId("market-USDC") },
  { name: "multiply", path: "/multiply", ready: (p: Page) => p.getByTestId("multiply-panel") },
  { name: "risk", path: "/risk", ready: (p: Page) => p.getByTestId("risk-totals") },
  { name: "private", path: "/private", ready: (p: Page) => p.getByTestId("private-position") },
  { name: "automate", path: "/automate", ready: (p: Page) => p.getByTestId("automation-aaveV3").first() },
  { name: "position-aave", path: `/position/31337/aave-v3/${owner}`, ready: (p: Page) => p.getByTestId("health-price-chart") },
  { name: "position-morpho", path: `/position/31337/morpho-blue/${morphoMarket}/${owner}`, ready: (p: Page) => p.getByTestId("health-price-chart") },
];

/**
 * Each page loaded as a visitor with no wallet loads it (not the private page, /automate or the dashboard: a stranger's
 * shows nothing but a prompt), until its reads are done; then `check` with the page's name.
 */
async function eachPageLoaded(page: Page, app: { open(path?: string): Promise<void> }, chain: E2EChain, check: (name: string) => Promise<void>) {
  const anvil0 = chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
  const morpho = chain.deployment.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!.id;
  for (const p of pages(anvil0, DEMO, morpho)) {
    if (p.name === "private" || p.name === "automate" || p.name === "dashboard") continue;
    await app.open(p.path);
    await expect(p.ready(page)).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState("networkidle").catch(() => {});
    await check(p.name);
  }
}

test("every page fits the screen, with the wallet connected, and is screenshotted", async ({ page, app, chain, injectWallet }, testInfo) => {
  test.setTimeout(180_000);
  const anvil0 = chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
  await injectWallet({ account: DEMO });
  await app.open("/");
  await expectNoSidewaysScroll(page);
  await connectWallet(page);
  const morpho = chain.deployment.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!.id;
  for (const p of pages(anvil0, DEMO, morpho)) {
    // The dashboard is already open with the wallet connected; the other pages do not need the wallet.
    if (p.path !== "/") await app.open(p.path);
    if (p.name === "private" || p.name === "automate") await connectWallet(page); // these show positions only to a connected account
    await expect(p.ready(page)).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState("networkidle").catch(() => {});
    await expectNoSidewaysScroll(page);
    await screenshot(page, `page-${p.name}`);
  }
  // Someone else's vault (#1 is anvil #2's): borrowing says only its owner may, with no Max or limit of that vault
  // beside it (it once said "At most 0 WETH: more would take the vault beyond its LTV" too).
  await app.open(`/vault/31337/1?market=${anvil0}`);
  await connectWallet(page);
  const panel = page.getByTestId("action-panel");
  await panel.getByRole("tab", { name: "Borrow" }).click();
  await expect(panel).toContainText("Only the vault's owner can borrow.");
  await expect(panel.getByTestId("max-button")).toHaveCount(0);
  await panel.getByTestId("amount-input").fill("1");
  await expect(panel.getByTestId("amount-problem")).toHaveText("");
  if (!isPhone(testInfo.project.name)) return;
  // Tap targets: every visible button, link and field of the vault page is at least 44 px high or wide enough to tap.
  await app.open(`/vault/31337/1?market=${anvil0}`);
  await expect(page.getByTestId("action-panel")).toBeVisible();
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        "[data-testid=action-panel] button, [data-testid=action-panel] input, [data-testid=action-panel] select, header button, header a",
      ),
    ]
      .filter((e) => e.offsetParent !== null && (e as HTMLInputElement).type !== "checkbox") // a checkbox is tapped through its 44 px label
      .map((e) => ({ what: e.outerHTML.slice(0, 80), h: e.getBoundingClientRect().height }))
      .filter((e) => e.h < 44),
  );
  expect(small).toEqual([]);

  // …and of the private page (its tabs, form, close and backup controls).
  await app.open("/private");
  await connectWallet(page);
  await expect(page.getByTestId("private-position")).toBeVisible();
  const smallPrivate = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        "[data-testid=private-position] :is(button, input, textarea), [data-testid=private-backup] :is(button, input, textarea)",
      ),
    ]
      .filter((e) => e.offsetParent !== null && (e as HTMLInputElement).type !== "checkbox")
      .map((e) => ({ what: e.outerHTML.slice(0, 80), h: e.getBoundingClientRect().height }))
      .filter((e) => e.h < 44),
  );
  expect(smallPrivate).toEqual([]);
});

test("the phone menu opens from its button, is usable by keyboard and screen reader, and closes with Escape", async ({ page, app }, testInfo) => {
  await app.open("/markets");
  const button = page.getByTestId("menu-button");
  if (!isPhone(testInfo.project.name)) {
    // Wide screens show the navigation itself.
    await expect(button).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Risk" })).toBeVisible();
    return;
  }
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  const menu = page.getByTestId("mobile-menu");
  await expect(menu.getByRole("link", { name: "Markets" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Dashboard" })).toBeFocused(); // focus moves into the panel
  await screenshot(page, "menu-open");
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused(); // and back to its button
  await page.keyboard.press("Enter");
  await page.getByTestId("mobile-menu").getByRole("link", { name: "Risk" }).click();
  await page.waitForURL(/\/risk$/);
  await expect(page.getByTestId("mobile-menu")).toBeHidden(); // a link closes it
  await expectNoSidewaysScroll(page);
});

test("no page's hydration commit runs a second render in the same run of JavaScript (a state update in a ref or layout effect)", async ({
  page,
  app,
  chain,
}, testInfo) => {
  test.skip(isPhone(testInfo.project.name), "the same code on a phone");
  test.setTimeout(120_000);
  // React reports each commit to the DevTools hook, production builds included. A state update made while React commits
  // (a state setter passed as a ref, a set state in a layout effect) is synchronous: React then runs every effect of the
  // page and that second render inside the same task, one long task on a phone (docs/performance.md, thirty-first
  // session; the wallet button's ref did it on every page). A commit is "nested" when it comes before the microtask
  // queued by the commit before it, i.e. in the same run of JavaScript.
  await page.addInitScript(`
    let open = false;
    window.__commits = [];
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject() { return 1; },
      checkDCE() {},
      onScheduleFiberRoot() {},
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      onCommitFiberRoot() {
        window.__commits.push(open);
        open = true;
        queueMicrotask(() => { open = false; });
      },
    };
  `);
  await eachPageLoaded(page, app, chain, async (name) => {
    const commits = await page.evaluate(() => (window as unknown as { __commits: boolean[] }).__commits);
    expect(commits.length, `${name}: React reported its commits`).toBeGreaterThan(1);
    expect(commits[1], `${name}: the commit after hydration came in hydration's own run of JavaScript`).toBe(false);
  });
});

test("in English no page builds an Intl.NumberFormat while it loads (ICU's number data: 25–50 ms of main thread)", async ({
  page,
  app,
  chain,
}, testInfo) => {
  test.skip(isPhone(testInfo.project.name), "the same code on a phone");
  test.setTimeout(120_000);
  // lib/view/format.ts writes English numbers without Intl, and messages take numbers as text (lib/view/messages.test.ts):
  // the first Intl.NumberFormat a page builds loads ICU's number data, a long task of its own on a phone.
  await page.addInitScript(`
    window.__numberFormats = [];
    const Original = Intl.NumberFormat;
    const Counted = function (...args) {
      window.__numberFormats.push(JSON.stringify(args) + " " + (new Error().stack || "").split("\\n").slice(2, 5).join(" < "));
      return new Original(...args);
    };
    Counted.prototype = Original.prototype;
    Counted.supportedLocalesOf = Original.supportedLocalesOf;
    Intl.NumberFormat = Counted;
  `);
  await eachPageLoaded(page, app, chain, async (name) => {
    expect(await page.evaluate(() => (window as unknown as { __numberFormats: string[] }).__numberFormats), name).toEqual([]);
  });
});
