import { readFileSync } from "node:fs";
import type { Page, Request } from "@playwright/test";
import { parseUnits } from "viem";
import { devErc20Abi, devPriceFeedAbi, keelPrivatePoolAbi } from "../contracts-abi";
import { nonceManager } from "../agents/agent-log";
import { privateLiquidator } from "../agents/keeper-private";
import { feedOwnerKey } from "../agents/market-simulator";
import { clientsFor } from "../lib/server/clients";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import { connectWallet, expect, navigateTo, screenshot, test, TRADER, type E2EChain } from "./support/fixtures";

/**
 * Private positions from the browser, with real Groth16 proofs made in the page's proving worker. After each action
 * the pool's public totals match; and no request the page made — to the app, the RPC or anywhere — carries the note's
 * secrets (owner key, blindings).
 */

type Stored = { account: string; ownerKey: string; note: { collateral: string; blinding: string } | null; liquidation?: Record<string, string> };

/** Every request the page and its workers make, with its body. */
function recordRequests(page: Page) {
  const sent: string[] = [];
  page.on("request", (r: Request) => sent.push(`${r.url()}\n${r.postData() ?? ""}`));
  page.on("worker", (w) => w.url() && sent.push(w.url()));
  return sent;
}

/** The private wallet this browser keeps (localStorage), as stored. */
async function storedWallet(page: Page): Promise<Stored | null> {
  const text = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith("keel:private:"))?.[1] ?? null);
  return text ? (JSON.parse(text) as Stored) : null;
}

/** The secrets of `w` (decimal or hex, with or without 0x) appear in no request of `sent`. */
function expectNoSecretSent(sent: string[], wallets: Stored[]) {
  const secrets = wallets.flatMap((w) => [w.ownerKey, ...(w.note ? [w.note.blinding] : [])]);
  const forms = secrets.flatMap((s) => [s, BigInt(s).toString(16), BigInt(s).toString(16).padStart(64, "0")]);
  expect(sent.length).toBeGreaterThan(10);
  for (const body of sent)
    for (const f of forms)
      expect(body.toLowerCase().includes(f.toLowerCase()), `a request carried a note secret:\n${body.slice(0, 200)}`).toBe(false);
}

/** One action through the page: its tab, the amount, submit, and the position's figures after it. */
async function act(page: Page, tab: string, amount: string, expectAfter: { collateral?: string; debt?: string }) {
  await page.getByTestId(`private-tab-${tab}`).click();
  await page.getByLabel(/to deposit|to borrow|to repay|to withdraw/).fill(amount);
  await page.getByTestId("private-submit").click();
  await expect(page.getByTestId("private-progress").or(page.getByTestId("private-proof-time")).first()).toBeVisible({ timeout: 60_000 });
  if (expectAfter.collateral)
    await expect(page.getByTestId("private-collateral").getByTestId("before")).toHaveText(expectAfter.collateral, { timeout: 180_000 });
  if (expectAfter.debt) await expect(page.getByTestId("private-debt").getByTestId("before")).toHaveText(expectAfter.debt, { timeout: 180_000 });
  await expect(page.getByTestId("private-problem")).toHaveCount(0);
}

async function poolTotals(chain: E2EChain) {
  const pp = chain.deployment.privatePool!;
  const read = (functionName: "noteCollateral" | "noteShares") =>
    chain.publicClient.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName });
  return { collateral: await read("noteCollateral"), shares: await read("noteShares") };
}

test("as a trader: a private position proven in the browser, backed up, restored and closed; its secrets never leave it", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  // Each browser proof takes 5–20 s on a loaded machine: seven actions.
  test.slow();
  test.setTimeout(1_200_000);
  expect(chain.deployment.privatePool, "the stack deploys the private pool").toBeTruthy();
  const sent = recordRequests(page);

  await injectWallet();
  await app.open("/private");
  await connectWallet(page);
  await expect(page.getByTestId("private-position")).toBeVisible();

  // The pool's minimum deposit, shown before anything is proven; below it the form says so and proves nothing.
  await expect(page.getByTestId("private-minimum")).toHaveText("Minimum deposit: 0.01 WETH");
  await page.getByLabel(/to deposit/).fill("0.001");
  await expect(page.getByText("Below the pool's minimum deposit of 0.01 WETH.")).toBeVisible();
  await expect(page.getByTestId("private-submit")).toBeDisabled();

  // With no private position yet, a borrow is refused before anything is proven.
  await page.getByTestId("private-tab-borrow").click();
  await page.getByLabel(/to borrow/).fill("1000");
  await expect(page.getByText("Deposit collateral first: you have no private position yet.")).toBeVisible();
  await expect(page.getByTestId("private-submit")).toBeDisabled();
  await page.getByTestId("private-tab-deposit").click();

  await act(page, "deposit", "2", { collateral: "2 WETH" });
  expect((await poolTotals(chain)).collateral).toBe(2n * 10n ** 18n);
  await act(page, "deposit", "1", { collateral: "3 WETH" });
  // Past the pool's borrow limit: named as it is typed, and nothing is proven.
  await page.getByTestId("private-tab-borrow").click();
  await page.getByLabel(/to borrow/).fill("100000");
  await expect(page.getByText("That would take your position past the pool's borrow limit (90% of the market's LTV).")).toBeVisible();
  await expect(page.getByTestId("private-submit")).toBeDisabled();
  await act(page, "borrow", "1000", { debt: "1,000 USDC" });
  expect((await poolTotals(chain)).shares).toBeGreaterThan(0n);
  await screenshot(page, "private-position");
  // The aside choice (audit j L-2): offered for a deposit or repayment on a note that owes, off while it is safe.
  await page.getByTestId("private-tab-repay").click();
  await expect(page.getByTestId("private-aside-choice")).not.toBeChecked();
  await act(page, "repay", "400", { debt: "600 USDC" });
  await act(page, "withdraw", "0.5", { collateral: "2.5 WETH" });
  expect((await poolTotals(chain)).collateral).toBe(25n * 10n ** 17n);

  // The dashboard shows it, decrypted from this browser, with its badge.
  await navigateTo(page, "Dashboard");
  await expect(page.getByTestId("dashboard-private-position")).toContainText("private");
  await expect(page.getByTestId("dashboard-private-position")).toContainText("2.5 WETH");
  const wallet = (await storedWallet(page))!;
  expect(wallet.account.toLowerCase()).toBe(TRADER.toLowerCase());

  // The backup: exported as a file, the browser's copy lost, the file imported back — the same position.
  await app.open("/private");
  await connectWallet(page);
  await expect(page.getByTestId("private-collateral").getByTestId("before")).toHaveText("2.5 WETH");
  const download = page.waitForEvent("download");
  await page.getByTestId("private-export").click();
  const backup = readFileSync((await (await download).path())!, "utf8");
  expect(JSON.parse(backup)).toMatchObject({ keelPrivateNote: 1, ownerKey: wallet.ownerKey, note: { collateral: wallet.note!.collateral } });
  await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("keel:private:"))
      .forEach((k) => localStorage.removeItem(k)),
  );
  await page.reload();
  await connectWallet(page);
  await expect(page.getByTestId("private-collateral").getByTestId("before")).toHaveText("0 WETH");
  await page.getByTestId("private-import-text").fill("{ not a backup");
  await page.getByTestId("private-import").click();
  await expect(page.getByTestId("private-import-result")).toHaveAttribute("role", "alert");
  await page
    .getByTestId("private-import-file")
    .setInputFiles({ name: "keel-private.json", mimeType: "application/json", buffer: Buffer.from(backup) });
  await expect(page.getByTestId("private-import-result")).toHaveAttribute("role", "status");
  await expect(page.getByTestId("private-collateral").getByTestId("before")).toHaveText("2.5 WETH");
  await expect(page.getByTestId("private-debt").getByTestId("before")).toHaveText("600 USDC");

  // Close: repay every share, then withdraw everything (two proofs); the pool holds nothing for this note.
  await page.getByTestId("private-close").click();
  await expect(page.getByTestId("private-close")).toHaveCount(0, { timeout: 360_000 });
  await expect(page.getByTestId("private-problem")).toHaveCount(0);
  await expect(page.getByTestId("private-collateral").getByTestId("before")).toHaveText("0 WETH");
  expect(await poolTotals(chain)).toEqual({ collateral: 0n, shares: 0n });
  expect((await storedWallet(page))!.note).toBeNull();

  expectNoSecretSent(sent, [wallet]);
});

test("as a trader: the price drops, the keeper liquidates my private note, and the page shows what was repaid and seized", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  test.slow();
  test.setTimeout(900_000);
  const pp = chain.deployment.privatePool!;
  const sent = recordRequests(page);
  await injectWallet();
  await app.open("/private");
  await connectWallet(page);

  // 2 WETH, 4,000 USDC at 3,000 USD (the borrow limit: 90% of the 80% LTV of 6,000 = 4,320).
  await act(page, "deposit", "2", { collateral: "2 WETH" });
  await act(page, "borrow", "4000", { debt: "4,000 USDC" });
  const before = (await storedWallet(page))!;

  // WETH at 2,250 USD: debt 4,000 > 85% (the LT) of 4,500; the keeper may seize 4,000 × 1.05 / 2,250 ≈ 1.87 WETH.
  const weth = chain.asset("WETH");
  const owner = clientsFor(chain.rpcUrl, chain.deployment.chainId, feedOwnerKey(chain.deployment));
  await owner.send({ address: weth.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits("2250", 8)] });
  // At risk now: a rescue deposit would go aside if it lost the race (on by default; the owner may turn it off).
  await page.getByTestId("private-tab-deposit").click();
  await expect(page.getByTestId("private-aside-choice")).toBeChecked({ timeout: 30_000 });
  await screenshot(page, "private-at-risk");

  // The keeper's private liquidator (agents/keeper-private.ts), with USDC to repay with: one pass.
  const keeper = clientsFor(chain.rpcUrl, chain.deployment.chainId, AGENT_KEYS.keeper);
  await owner.send({
    address: chain.asset("USDC").address,
    abi: devErc20Abi,
    functionName: "mint",
    args: [keeper.account.address, 10_000n * 10n ** 6n],
  });
  const events: Record<string, unknown>[] = [];
  const liquidator = privateLiquidator(
    keeper,
    nonceManager(() => keeper.publicClient.getTransactionCount({ address: keeper.account.address, blockTag: "pending" })),
    { pool: pp.pool, fromBlock: BigInt(pp.startBlock) },
    (event, fields) => events.push({ event, ...fields }),
  );
  await liquidator.pass();
  const done = events.find((e) => e.event === "private-liquidated");
  expect(
    done,
    JSON.stringify(events, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  ).toBeTruthy();
  const seized = BigInt(done!.seized as bigint);
  const repaid = BigInt(done!.repaid as bigint);

  // The page finds its note spent by the liquidation: what was repaid and seized, and the debt-free rest.
  const notice = page.getByTestId("private-liquidated");
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText("Your position was liquidated");
  await expect(notice).toContainText(`${done!.block}`);
  await expect(notice).toContainText("USDC");
  await expect(page.getByTestId("private-debt").getByTestId("before")).toHaveText("0 USDC");
  const after = (await storedWallet(page))!;
  expect(BigInt(after.liquidation!.seized!)).toBe(seized);
  expect(BigInt(after.liquidation!.repaid!)).toBe(repaid);
  expect(BigInt(after.note!.collateral)).toBe(2n * 10n ** 18n - seized);
  await screenshot(page, "private-liquidated");

  // What is left is the owner's: closing it withdraws it (one proof), and the notice goes when dismissed.
  await page.getByTestId("private-close").click();
  await expect(page.getByTestId("private-close")).toHaveCount(0, { timeout: 180_000 });
  await expect(page.getByTestId("private-problem")).toHaveCount(0);
  expect(await poolTotals(chain)).toEqual({ collateral: 0n, shares: 0n });
  await page.getByTestId("private-liquidated-dismiss").click();
  await expect(notice).toHaveCount(0);

  expectNoSecretSent(sent, [before, after]);
});
