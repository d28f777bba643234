import type { Page } from "@playwright/test";
import { MarketUtils } from "@morpho-org/blue-sdk";
import { parseUnits, type Address } from "viem";
import { devErc20Abi } from "../contracts-abi";
import { readAccount } from "../lib/protocols/account";
import { aavePoolAbi } from "../lib/protocols/aave-v3/abi";
import { accountData, aavePosition, aaveV3Adapter } from "../lib/protocols/aave-v3";
import { morphoBlueAbi, morphoOracleAbi } from "../lib/protocols/morpho-blue/abi";
import { morphoBlueAdapter, morphoPosition } from "../lib/protocols/morpho-blue";
import { withGasMargin } from "../lib/tx/gas";
import { ANVIL_KEYS } from "../scripts/lib/anvil";
import { clientsFor } from "../lib/server/clients";
import { expect, screenshot, test, type E2EChain } from "./support/fixtures";
import { WAD } from "../lib/engine/math";

const morphoMarket = (chain: E2EChain) => chain.deployment.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!;

/** anvil #2 borrows on Aave (WETH against USDC) and on Morpho WETH/USDC, beside anvil #0's demo positions. */
async function openPositions(chain: E2EChain) {
  const me = clientsFor(chain.rpcUrl, chain.deployment.chainId, ANVIL_KEYS[2]!);
  const admin = clientsFor(chain.rpcUrl, chain.deployment.chainId, ANVIL_KEYS[0]!);
  const weth = chain.asset("WETH").address;
  const usdc = chain.asset("USDC").address;
  await admin.send({ address: weth, abi: devErc20Abi, functionName: "mint", args: [me.account.address, parseUnits("20", 18)] });
  const send = async (txs: { to: Address; data: `0x${string}` }[]) => {
    for (const tx of txs) {
      const gas = withGasMargin(await me.publicClient.estimateGas({ account: me.account, to: tx.to, data: tx.data })) + 100_000n;
      const hash = await me.walletClient.sendTransaction({ ...tx, gas, chain: me.chain, account: me.account });
      expect((await me.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    }
  };
  const state = () => readAccount(me.publicClient as never, chain.deployment, me.account.address);
  await send(aaveV3Adapter.supply(aavePosition((await state()).aave!), weth, parseUnits("8", 18)));
  await send(aaveV3Adapter.borrow(aavePosition((await state()).aave!), usdc, parseUnits("15000", 6)));
  const m = async () => morphoPosition((await state()).morpho.find((s) => s.id === morphoMarket(chain).id)!);
  await send(morphoBlueAdapter.supply(await m(), weth, parseUnits("4", 18)));
  await send(morphoBlueAdapter.borrow(await m(), usdc, parseUnits("8000", 6)));
}

/** The book's rows on screen: owner (from the row's link to its position page) and health factor as shown. */
async function rowsOnScreen(page: Page) {
  const rows = page.getByTestId("risk-row");
  const out: { owner: Address; hf: number; href: string }[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const href = (await rows.nth(i).getByRole("link").getAttribute("href"))!;
    out.push({ owner: href.split("/").at(-1) as Address, hf: Number(await rows.nth(i).getByTestId("row-hf").textContent()), href });
  }
  return out;
}

async function choose(page: Page, label: string) {
  const select = page.getByTestId("risk-market-select");
  await expect(select).toBeVisible({ timeout: 30_000 });
  const value = await select.locator("option", { hasText: label }).first().getAttribute("value");
  await select.selectOption(value!);
  await expect(page.getByTestId("risk-load")).toHaveAttribute("data-source", "events", { timeout: 30_000 });
  // The table comes with the book's figures from the risk worker (hooks/use-book-figures.ts), just after the totals.
  await expect(page.getByTestId("risk-rows-shown")).toBeVisible({ timeout: 30_000 });
}

test.describe("risk of the Aave pool and of a Morpho market", () => {
  test.setTimeout(180_000);

  test("/risk on Aave v3: every borrower from the pool's events, health as getUserAccountData says, stress moves the count", async ({
    page,
    app,
    chain,
  }) => {
    await openPositions(chain);
    await app.open("/risk");
    await choose(page, "Aave v3");
    const rows = await rowsOnScreen(page);
    expect(rows.length).toBeGreaterThanOrEqual(2); // anvil #0's demo position and anvil #2's
    let liquidatableAtHalf = 0;
    for (const r of rows) {
      const [, debt, , , , hf] = await chain.publicClient.readContract({
        address: chain.deployment.aaveV3!.pool,
        abi: aavePoolAbi,
        functionName: "getUserAccountData",
        args: [r.owner],
      });
      expect(debt).toBeGreaterThan(0n);
      expect(Math.abs(r.hf - Number(hf) / 1e18), r.owner).toBeLessThanOrEqual(0.005);
      expect(r.href).toBe(`/position/${chain.deployment.chainId}/aave-v3/${r.owner}`);
      // "All but stablecoins" −50 %: WETH and WBTC halve, USDC stays at $1, and so does what is owed in each — as
      // Aave's own math says at those prices.
      const state = (await readAccount(chain.publicClient as never, chain.deployment, r.owner)).aave!;
      const halved = new Map(state.reserves.flatMap((x, i) => (x.token.symbol === "USDC" ? [] : [[i, x.price / 2n] as const])));
      if (accountData(state, { prices: halved }).healthFactor < WAD) liquidatableAtHalf++;
    }
    await expect(page.getByTestId("total-liquidatable")).toHaveText("0");
    await screenshot(page, "risk-aave");
    // USDC is a collateral of the pool too: the market-wide slider leaves it (and USDC debt) at $1, and says so.
    await expect(page.getByTestId("stress-panel")).toContainText("All but stablecoins");
    await page.getByTestId("shock-all").fill("50");
    await expect(page.getByTestId("shock-USDC-value")).toHaveText("0%");
    await expect(page.getByTestId("stress-liquidatable")).toHaveText(String(liquidatableAtHalf));
    expect(liquidatableAtHalf).toBeGreaterThan(0);
    await expect(page.getByTestId("risk-row").and(page.locator("[data-stressed='1']"))).toHaveCount(liquidatableAtHalf);
    await screenshot(page, "risk-aave-stressed");
    // A row opens that account's Aave position, read-only.
    await page.getByTestId("risk-row").first().getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/position/${chain.deployment.chainId}/aave-v3/0x`, "i"), { timeout: 150_000 });
    await expect(page.getByTestId("position-history")).toBeVisible({ timeout: 150_000 });
  });

  test("/risk on Morpho WETH/USDC: every borrower from the market's events, health as blue-sdk computes it on the chain's market", async ({
    page,
    app,
    chain,
  }) => {
    await openPositions(chain);
    await app.open("/risk");
    await choose(page, "Morpho WETH/USDC");
    const market = morphoMarket(chain);
    const params = {
      loanToken: market.loanToken,
      collateralToken: market.collateralToken,
      oracle: market.oracle,
      irm: market.irm,
      lltv: BigInt(market.lltv),
    };
    const [, , tba, tbs] = await chain.publicClient.readContract({
      address: chain.deployment.morphoBlue!.morpho,
      abi: morphoBlueAbi,
      functionName: "market",
      args: [market.id],
    });
    const price = await chain.publicClient.readContract({ address: market.oracle, abi: morphoOracleAbi, functionName: "price" });
    const rows = await rowsOnScreen(page);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      const [, borrowShares, collateral] = await chain.publicClient.readContract({
        address: chain.deployment.morphoBlue!.morpho,
        abi: morphoBlueAbi,
        functionName: "position",
        args: [market.id, r.owner],
      });
      const hf = MarketUtils.getHealthFactor({ collateral, borrowShares }, { totalBorrowAssets: tba, totalBorrowShares: tbs, price }, params)!;
      // The page accrues interest to its block; the chain's stored totals are a few seconds older (well under 0.005).
      expect(Math.abs(r.hf - Number(hf) / 1e18), r.owner).toBeLessThanOrEqual(0.005);
      expect(r.href).toBe(`/position/${chain.deployment.chainId}/morpho-blue/${market.id}/${r.owner}`);
    }
    // anvil #0's demo position is close to liquidation: a 10 % fall of WETH makes it liquidatable.
    await page.getByTestId("shock-all").fill("10");
    await expect(page.getByTestId("stress-liquidatable")).not.toHaveText("0");
    await expect(page.getByTestId("vol-USDC")).toContainText("USDC volatility (debt asset)");
    await screenshot(page, "risk-morpho");
  });
});
