import type { Request } from "@playwright/test";
import { keelPrivatePoolAbi } from "../contracts-abi";
import { connectWallet, expect, navigateTo, screenshot, test, TRADER } from "./support/fixtures";

/**
 * A private position from the browser, with real Groth16 proofs made in the page's proving worker: open (first
 * deposit), deposit, borrow, repay, withdraw. After each action the pool's public totals match; and no request the
 * page made — to the app, the RPC or anywhere — carries the note's secrets (owner key, blindings).
 */
test("as a trader: a private position proven in the browser, its secrets never leave it", async ({ page, app, chain, injectWallet }) => {
  // Each browser proof takes 5–20 s on a loaded machine (plus the proving key's first download): five actions.
  test.slow();
  test.setTimeout(900_000);
  const pp = chain.deployment.privatePool!;
  expect(pp, "the stack deploys the private pool").toBeTruthy();
  const sent: string[] = [];
  const record = (r: Request) => sent.push(`${r.url()}\n${r.postData() ?? ""}`);
  page.on("request", record);
  page.on("worker", (w) => w.url() && sent.push(w.url()));

  await injectWallet();
  await app.open("/private");
  await connectWallet(page);
  const position = page.getByTestId("private-position");
  await expect(position).toBeVisible();

  const act = async (tab: string, amount: string, expectAfter: { collateral?: string; debt?: string }) => {
    await page.getByTestId(`private-tab-${tab}`).click();
    await page.getByLabel(/to deposit|to borrow|to repay|to withdraw/).fill(amount);
    await page.getByTestId("private-submit").click();
    await expect(page.getByTestId("private-progress").or(page.getByTestId("private-proof-time"))).toBeVisible({ timeout: 60_000 });
    if (expectAfter.collateral)
      await expect(page.getByTestId("private-collateral").getByTestId("before")).toHaveText(expectAfter.collateral, { timeout: 180_000 });
    if (expectAfter.debt) await expect(page.getByTestId("private-debt").getByTestId("before")).toHaveText(expectAfter.debt, { timeout: 180_000 });
    await expect(page.getByTestId("private-problem")).toHaveCount(0);
  };
  const totals = async () => ({
    collateral: await chain.publicClient.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteCollateral" }),
    shares: await chain.publicClient.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteShares" }),
  });

  await act("deposit", "2", { collateral: "2 WETH" });
  expect((await totals()).collateral).toBe(2n * 10n ** 18n);
  await act("deposit", "1", { collateral: "3 WETH" });
  await act("borrow", "1000", { debt: "1,000 USDC" });
  expect((await totals()).shares).toBeGreaterThan(0n);
  await screenshot(page, "private-position");
  await act("repay", "400", { debt: "600 USDC" });
  await act("withdraw", "0.5", { collateral: "2.5 WETH" });
  expect((await totals()).collateral).toBe(25n * 10n ** 17n);

  // The dashboard shows it, decrypted from this browser, with its badge.
  await navigateTo(page, "Dashboard");
  await expect(page.getByTestId("dashboard-private-position")).toContainText("private");
  await expect(page.getByTestId("dashboard-private-position")).toContainText("2.5 WETH");

  // The secrets in this browser's storage appear in no request (decimal or hex, with or without 0x).
  const stored = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith("keel:private:"))?.[1] ?? "");
  const wallet = JSON.parse(stored) as { account: string; ownerKey: string; note: { blinding: string } };
  expect(wallet.account.toLowerCase()).toBe(TRADER.toLowerCase());
  const secrets = [wallet.ownerKey, wallet.note.blinding];
  const forms = secrets.flatMap((s) => [s, BigInt(s).toString(16), BigInt(s).toString(16).padStart(64, "0")]);
  expect(sent.length).toBeGreaterThan(10);
  for (const body of sent)
    for (const f of forms)
      expect(body.toLowerCase().includes(f.toLowerCase()), `a request carried a note secret:\n${body.slice(0, 200)}`).toBe(false);
});
