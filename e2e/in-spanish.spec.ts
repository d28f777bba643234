import { expect, screenshot, test } from "./support/fixtures";

test("en español: the switch is remembered, the dashboard and a deposit form's errors speak Spanish, numbers are Spanish", async ({
  page,
  app,
  injectWallet,
}) => {
  await injectWallet();
  await app.open("/");
  await expect(page.getByRole("heading", { name: "Your vaults" })).toBeVisible();
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
  await expect(problem).toHaveText("Introduce un número, como 1.5");
  await form.getByTestId("amount-input").fill("1,5");
  await expect(problem).toContainText("separador");
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
