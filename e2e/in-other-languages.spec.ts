import { englishOnPage } from "./support/english";
import { connectWallet, DEMO, scrollToEveryPanel, scrollToPanel, expect, screenshot, test } from "./support/fixtures";
import { devWallet } from "./support/dev-wallet";

test("en español: the switch is remembered, the dashboard and a deposit form's errors speak Spanish, numbers are Spanish", async ({
  page,
  app,
  injectWallet,
}) => {
  await injectWallet();
  await app.open("/");
  await expect(page.getByRole("heading", { name: "Your vaults" })).toBeVisible();
  // Each language named in its own script; the others' options come with hydration (components/language-switch.tsx).
  await expect(page.getByTestId("language-switch").locator("option")).toHaveText(["English", "Español", "中文"]);
  await page.getByTestId("language-switch").selectOption("es");
  await expect(page.getByRole("heading", { name: "Tus bóvedas" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  // Remembered: a new visit (no locale in the URL) is still in Spanish.
  await app.open("/");
  await expect(page.getByRole("heading", { name: "Tus bóvedas" })).toBeVisible();
  expect((await page.context().cookies()).find((c) => c.name === "KEEL_LOCALE")?.value).toBe("es");

  // Connect, then the first deposit's errors.
  await page.getByRole("banner").getByRole("button", { name: "Conectar billetera" }).click();
  await page.getByRole("dialog").getByText("Keel Test Wallet").click();
  await expect(page.getByTestId("rk-account-button")).toBeVisible({ timeout: 30_000 });
  const form = page.getByTestId("open-vault-form");
  await expect(form.getByText("Primer depósito")).toBeVisible();
  const problem = form.getByTestId("amount-problem");
  await form.getByTestId("amount-input").fill("abc");
  await expect(problem).toHaveText("Introduce un número, como 1,5");
  await form.getByTestId("amount-input").fill("1.500");
  await expect(problem).toHaveText("«1.500» puede ser 1500 o 1,5: escribe uno de los dos");
  await form.getByTestId("amount-input").fill("0");
  await expect(problem).toHaveText("Introduce una cantidad mayor que cero");
  await form.getByTestId("amount-input").fill("100000000");
  await expect(problem).toContainText("Tienes");
  await expect(form.getByRole("button", { name: "Abrir bóveda" }).or(form.getByRole("button", { name: "Aprobar y abrir bóveda" }))).toBeDisabled();
  await screenshot(page, "dashboard-es");

  // Markets: rates with Spanish decimals and percent sign.
  await app.open("/markets");
  await expect(page.getByRole("heading", { name: "Mercados", level: 1 })).toBeVisible();
  await expect(page.getByTestId("market-USDC").getByTestId("supply-apr")).toHaveText(/^\d+,\d{2,4}\s%$/);
  await screenshot(page, "markets-es");

  // And back to English.
  await page.getByTestId("language-switch").selectOption("en");
  await expect(page.getByRole("heading", { name: "Markets", level: 1 })).toBeVisible();
});

/** What the sweep below expects in each language other than English: the connect button, a rule's status, two titles. */
const IN = {
  es: { connect: "Conectar billetera", active: "Activa", risk: "Riesgo", multiply: "Multiplicar", decimalComma: true },
  zh: { connect: "连接钱包", active: "生效中", risk: "风险", multiply: "杠杆", decimalComma: false },
} as const;

for (const [locale, words] of Object.entries(IN)) {
  test(`in ${locale}: no page shows an English sentence (visible text, labels and hints)`, async ({ page, app, chain, injectWallet, context }) => {
    test.setTimeout(240_000);
    const { privateKeyToAccount } = await import("viem/accounts");
    const { ANVIL_KEYS } = await import("../scripts/lib/anvil");
    // anvil #0 owns the seeded vaults: the dashboard and the vault page show a real position.
    await injectWallet({ account: DEMO });
    await context.addCookies([{ name: "KEEL_LOCALE", value: locale, url: app.baseUrl }]);
    const usdc = chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
    // Vault #1 with both KeelGuard rules set by its owner and the guard not yet its operator: the protection panel shows
    // its rule cards, their previews and the "not authorised" warning, all scanned below.
    const { keelGuardAbi } = await import("../contracts-abi");
    const { keelMarketAbi } = await import("../contracts-abi");
    const guard = chain.deployment.contracts.guard!;
    const weth = chain.asset("WETH").address;
    const owner = await chain.publicClient.readContract({ address: usdc, abi: keelMarketAbi, functionName: "vaultOwner", args: [1n] });
    const key = ANVIL_KEYS.find((k) => privateKeyToAccount(k).address === owner)!;
    const ownerClient = devWallet(chain.rpcUrl, chain.deployment.chainId, key);
    for (const args of [
      [usdc, 1n, 0, weth, 1_200_000_000_000_000_000n, 1_600_000_000_000_000_000n, 100n, 30n],
      [usdc, 1n, 1, weth, 2_000n * 10n ** 18n, 0n, 100n, 30n],
    ] as const) {
      const hash = await ownerClient.writeContract({ address: guard, abi: keelGuardAbi, functionName: "setRule", args });
      expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    }
    await app.open("/");
    await connectWallet(page, words.connect);
    const morpho = chain.deployment.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!.id;
    const pages = [
      { name: "dashboard", path: "/", ready: "account-totals" },
      { name: "vault", path: `/vault/31337/1?market=${usdc}`, ready: "action-panel" },
      { name: "markets", path: "/markets", ready: "lend-panel" },
      { name: "multiply", path: "/multiply", ready: "multiply-panel" },
      { name: "risk", path: "/risk", ready: "risk-totals" },
      { name: "automate", path: "/automate", ready: "automation-aaveV3" },
      { name: "private", path: "/private", ready: "private-position" },
      { name: "position-aave", path: `/position/31337/aave-v3/${DEMO}`, ready: "action-panel" },
      { name: "position-morpho", path: `/position/31337/morpho-blue/${morpho}/${DEMO}`, ready: "action-panel" },
      { name: "not-found", path: "/no-such-page", ready: null },
    ];
    const found: string[] = [];
    for (const p of pages) {
      if (p.path !== "/") await app.open(p.path);
      // These show their forms to the position's owner only.
      if (["automate", "private", "position-aave", "position-morpho"].includes(p.name)) await connectWallet(page, words.connect);
      if (p.ready) await expect(page.getByTestId(p.ready).first()).toBeVisible({ timeout: 30_000 });
      // Every lower panel in, as a reader who scrolls down sees them (each comes in near the screen).
      if (p.name === "vault") await scrollToEveryPanel(page);
      if (p.name === "risk") for (const id of ["steward", "private-pool"] as const) await scrollToPanel(page, id);
      if (p.name === "vault") {
        const panel = page.getByTestId("protection-panel");
        await expect(panel.getByTestId("rule-status")).toHaveText([words.active, words.active], { timeout: 30_000 });
        await expect(panel.getByTestId("rule-preview")).toHaveCount(2);
        await expect(panel.getByRole("alert")).toBeVisible();
      }
      await page.waitForLoadState("networkidle").catch(() => {});
      found.push(...(await englishOnPage(page, undefined, words.decimalComma)).map((f) => `${p.path}: ${f}`));
      // The tab's title too: a page's own title is the header's name for it in the reader's language.
      if (p.name === "multiply" || p.name === "risk") {
        const title = await page.title();
        if (title !== `${words[p.name]} · Keel`) found.push(`${p.path}: title “${title}”`);
      }
      await screenshot(page, `${locale}-${p.name}`);
    }
    expect(found).toEqual([]);
  });
}

test("en español: amounts are read as a Spanish reader writes them — 1.234,5 and 0,5; Max and the boxes' defaults are written so; a number with two readings is refused", async ({
  page,
  app,
  chain,
  injectWallet,
  context,
}) => {
  await injectWallet({ account: DEMO });
  await context.addCookies([{ name: "KEEL_LOCALE", value: "es", url: app.baseUrl }]);
  const usdc = chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
  // Vault #2: anvil #0's, 10 WETH against 8,000 USDC.
  await app.open(`/vault/31337/2?market=${usdc}`);
  await connectWallet(page, "Conectar billetera");
  const panel = page.getByTestId("action-panel");
  await expect(panel).toBeVisible({ timeout: 30_000 });
  // The safety level's box starts at the default in Spanish writing.
  await expect(page.getByTestId("safety-input")).toHaveValue("1,5");
  await panel.getByRole("tab", { name: "Pedir prestado" }).click();
  const input = panel.getByTestId("amount-input");
  const problem = panel.getByTestId("amount-problem");
  await input.fill("1.500");
  await expect(problem).toHaveText("«1.500» puede ser 1500 o 1,5: escribe uno de los dos");
  await expect(panel.getByTestId("submit-action")).toBeDisabled();
  // A decimal comma, and thousands grouped with dots: the preview's debt grows by exactly that.
  const before = (await panel.getByTestId("preview-debt").getByTestId("before").textContent()) ?? "";
  const debtBefore = Number(before.replace(/[^\d,]/g, "").replace(",", "."));
  await input.fill("1.234,5");
  await expect(problem).toBeEmpty();
  await expect(panel.getByTestId("preview-debt").getByTestId("after")).toHaveText(
    `→ ${new Intl.NumberFormat("es", { maximumFractionDigits: 4 }).format(debtBefore + 1234.5)} USDC`,
  );
  await input.fill("0,5");
  await expect(problem).toBeEmpty();
  await expect(panel.getByTestId("submit-action")).toBeEnabled();
  // Max writes its amount as a Spanish reader would type it (a decimal comma, no grouping), and reads it back.
  await panel.getByRole("tab", { name: "Depositar" }).click();
  await panel.getByTestId("max-button").click();
  await expect(input).toHaveValue(/^\d+(,\d+)?$/);
  await expect(problem).toBeEmpty();
  await expect(panel.getByTestId("submit-action")).toBeEnabled();
  // Multiply's leverage box shows its target with a decimal comma, and takes one.
  await app.open("/multiply");
  const box = page.getByTestId("multiply-panel").getByTestId("leverage-input");
  await expect(box).toHaveValue(/^\d,\d\d$/);
  await box.fill("1,5");
  await expect(page.getByTestId("multiply-panel").getByTestId("leverage-problem")).toBeEmpty();
});
