import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MarketUtils } from "@morpho-org/blue-sdk";
import { parseUnits, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { withGasMargin } from "../tx/gas";
import { wadToNumber } from "../engine/math";
import { assetDistance, stress, vaultDistance } from "../analytics/stress";
import { readAccount } from "./account";
import { aavePoolAbi } from "./aave-v3/abi";
import { accountData, aavePosition, aaveV3Adapter, liquidationPrices, type AavePosition } from "./aave-v3";
import { readProtocolBook, type ProtocolBook } from "./book";
import { morphoBlueAbi, morphoIrmAbi } from "./morpho-blue/abi";
import { accrueInterest, morphoBlueAdapter, morphoPosition, type MorphoPosition } from "./morpho-blue";

/**
 * /risk's book of the Aave pool and of a Morpho market on the real protocols: accounts found from their events (read in
 * pages of a few blocks here, to cross many page boundaries), positions read through Multicall3, and every row's health
 * factor equal to the protocol's own — Aave's getUserAccountData, Morpho's through @morpho-org/blue-sdk on the chain's
 * market and position.
 */
describe("the risk book of Aave v3 and Morpho Blue equals the protocols' own health", () => {
  let anvil: Anvil;
  let d: Deployment;
  let admin: ReturnType<typeof clientsFor>;
  const tokens: Record<string, Address> = {};

  const send = async (c: ReturnType<typeof clientsFor>, txs: { to: Address; data: Hex }[]) => {
    for (const tx of txs) {
      const gas = withGasMargin(await c.publicClient.estimateGas({ account: c.account, to: tx.to, data: tx.data })) + 100_000n;
      const hash = await c.walletClient.sendTransaction({ to: tx.to, data: tx.data, gas, chain: c.chain, account: c.account });
      expect((await c.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    }
  };
  const state = async (who: Address) => readAccount(admin.publicClient as never, d, who);

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({
      rpcUrl: anvil.url,
      outDir: mkdtempSync(path.join(os.tmpdir(), "keel-book-")),
      lendingProtocols: true,
    }));
    admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    for (const a of d.assets) tokens[a.symbol] = a.address;
    // Beside anvil #0's demo positions: #1 borrows on Aave and on Morpho WETH/USDC, #2 only lends USDC on Aave, #3 borrows
    // on Aave the WETH and USDC it supplies.
    const one = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
    const two = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[2]!);
    const three = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    for (const [who, sym, amount] of [
      [one, "WETH", "20"],
      [two, "USDC", "50000"],
      [three, "WETH", "10"],
      [three, "USDC", "2000"],
    ] as const)
      await admin.send({
        address: tokens[sym]!,
        abi: devErc20Abi,
        functionName: "mint",
        args: [who.account.address, parseUnits(amount, sym === "USDC" ? 6 : 18)],
      });
    let a = aavePosition((await state(one.account.address)).aave!);
    await send(one, aaveV3Adapter.supply(a, tokens.WETH!, parseUnits("10", 18)));
    a = aavePosition((await state(one.account.address)).aave!);
    await send(one, aaveV3Adapter.borrow(a, tokens.USDC!, parseUnits("12000", 6)));
    await send(two, aaveV3Adapter.supply(aavePosition((await state(two.account.address)).aave!), tokens.USDC!, parseUnits("50000", 6)));
    const at3 = async () => aavePosition((await state(three.account.address)).aave!);
    await send(three, aaveV3Adapter.supply(await at3(), tokens.WETH!, parseUnits("10", 18)));
    await send(three, aaveV3Adapter.supply(await at3(), tokens.USDC!, parseUnits("2000", 6)));
    await send(three, aaveV3Adapter.borrow(await at3(), tokens.WETH!, parseUnits("2", 18)));
    await send(three, aaveV3Adapter.borrow(await at3(), tokens.USDC!, parseUnits("14000", 6)));
    const market = d.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!;
    const m = () => state(one.account.address).then((r) => morphoPosition(r.morpho.find((s) => s.id === market.id)!));
    await send(one, morphoBlueAdapter.supply(await m(), tokens.WETH!, parseUnits("5", 18)));
    await send(one, morphoBlueAdapter.borrow(await m(), tokens.USDC!, parseUnits("9000", 6)));
  }, 400_000);
  afterAll(async () => {
    await anvil?.stop();
  });

  const from = () => BigInt(d.deploymentBlock);
  /** The same book read in pages of 7 blocks and one account per eth_call: equal to the default read. */
  const readBoth = async (target: Parameters<typeof readProtocolBook>[2]) => {
    const blockNumber = await admin.publicClient.getBlockNumber({ cacheTime: 0 });
    const whole = await readProtocolBook(admin.publicClient as never, d, target, from(), { blockNumber });
    const paged = await readProtocolBook(admin.publicClient as never, d, target, from(), { blockNumber, pageBlocks: 7n, accountsPerCall: 1 });
    expect(paged.paging.pages).toBeGreaterThan(whole.paging.pages);
    expect(paged.calls).toBe(1 + paged.accounts);
    expect(paged.book.owners).toEqual(whole.book.owners);
    expect(Array.from(paged.book.healthFactor)).toEqual(Array.from(whole.book.healthFactor));
    return whole;
  };
  const rowOf = (b: ProtocolBook, who: Address) => b.book.owners.findIndex((o) => o.toLowerCase() === who.toLowerCase());

  it("Aave: every account from Supply/Borrow, each row's health factor equal to getUserAccountData's", async () => {
    const b = await readBoth({ protocol: "aave-v3" });
    // The deploy's liquidity supplier, anvil #0, #1 and #2: every account the events name holds something.
    expect(b.book.n).toBe(b.accounts);
    for (const k of [0, 1, 2]) expect(rowOf(b, clientsFor(anvil.url, d.chainId, ANVIL_KEYS[k]!).account.address)).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < b.book.n; i++) {
      const [collateral, debt, , , , hf] = await admin.publicClient.readContract({
        address: d.aaveV3!.pool,
        abi: aavePoolAbi,
        functionName: "getUserAccountData",
        args: [b.book.owners[i]!],
        blockNumber: b.blockNumber,
      });
      const p = b.positions[i]!;
      expect([p.totalCollateralValue, p.totalDebtValue]).toEqual([collateral, debt]);
      if (debt === 0n) expect(b.book.healthFactor[i]).toBe(Infinity);
      else {
        expect(p.healthFactor).toBe(hf);
        expect(b.book.healthFactor[i]).toBe(wadToNumber(hf));
      }
      expect(b.book.liquidatableNow[i]).toBe(debt > 0n && hf < 10n ** 18n ? 1 : 0);
    }
    // The lender is a row without debt; anvil #0's demo account borrows two assets, each with its share of the debt
    // (both volatilities reach the odds).
    const lender = rowOf(b, clientsFor(anvil.url, d.chainId, ANVIL_KEYS[2]!).account.address);
    expect(b.book.healthFactor[lender]).toBe(Infinity);
    expect(b.debts[lender]).toEqual([]);
    const demo = b.debts[rowOf(b, admin.account.address)]!;
    expect(demo.map((x) => x.asset).sort()).toEqual(b.positions[rowOf(b, admin.account.address)]!.debts.map((x) => x.token.address).sort());
    expect(demo.length).toBe(2);
    expect(demo.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
    expect(b.columns.map((c) => c.symbol).sort()).toEqual(["USDC", "WBTC", "WETH"]); // a first supply is collateral by default
    // The stress over this book: nothing more at 0 %; at −100 % of every collateral, every borrower that owes something
    // besides the collaterals' own assets (whose debt falls to nothing with them).
    expect(stress(b.book, [0, 0, 0]).liquidatable).toBe(b.book.liquidatableNow.reduce((s, x) => s + x, 0));
    const held = new Set(b.columns.map((c) => c.address.toLowerCase()));
    const owesOther = b.positions.filter((p) => p.debts.some((x) => x.value > 0n && !held.has(x.token.address.toLowerCase()))).length;
    expect(stress(b.book, [1, 1, 1]).liquidatable).toBe(owesOther);
  });

  it("Aave: debt owed in a collateral's own asset falls with its price — each distance is Aave's own liquidation price, the stressed health its own at that price", async () => {
    const b = await readBoth({ protocol: "aave-v3" });
    const i = rowOf(b, clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!).account.address);
    const p = b.positions[i] as AavePosition;
    const k = b.book.k;
    const col = (sym: string) => b.columns.findIndex((c) => c.symbol === sym);
    const reserve = (sym: string) => p.state.reserves.findIndex((r) => r.token.symbol === sym);
    // Both its debts are in collateral columns: the book carries each, and together they are its debt.
    const owed = ["WETH", "USDC"].map((sym) => b.book.debtInColumn![i * k + col(sym)]!);
    expect(owed.every((x) => x > 1000)).toBe(true);
    expect(owed[0]! + owed[1]!).toBeCloseTo(b.book.debtValue[i]!, 4);
    // WETH falling lowers the 2 WETH owed too: the distance is where Aave's own math puts the liquidation price. USDC
    // falling lowers the 14,000 USDC owed more than its 2,000 of collateral: never a liquidation, for Aave as here.
    const lps = liquidationPrices(p.state);
    for (const sym of ["WETH", "USDC"]) {
      const lp = lps.collaterals.find((c) => c.token.symbol === sym)!.price;
      const distance = assetDistance(b.book, i, col(sym));
      if (sym === "USDC") expect([lp, distance]).toEqual([null, Infinity]);
      // Within 1e-5: Aave weighs the thresholds into one average in whole basis points; the book keeps each exact.
      else expect(distance).toBeCloseTo(1 - Number(lp) / Number(p.state.reserves[reserve(sym)]!.price), 4);
    }
    // The row's closest distance, as its position page shows it: the nearest of every collateral's fall and every
    // debt's rise at Aave's own liquidation prices (USDC's rise, here: 14,000 owed against 2,000 held).
    const nearest = Math.min(
      ...lps.collaterals.map((c) => (c.price === null ? Infinity : 1 - Number(c.price) / Number(p.state.reserves[reserve(c.token.symbol)]!.price))),
      ...lps.debts.map((x) => (x.price === null ? Infinity : Number(x.price) / Number(p.state.reserves[reserve(x.token.symbol)]!.price) - 1)),
    );
    expect(lps.debts.find((x) => x.token.symbol === "USDC")!.price).not.toBeNull();
    expect(vaultDistance(b.book, i)).toBeCloseTo(nearest, 4);
    // At a 30 % WETH fall, the row's health is Aave's at that price.
    const weth = reserve("WETH");
    const health = new Float64Array(b.book.n);
    stress(
      b.book,
      b.columns.map((c) => (c.symbol === "WETH" ? 0.3 : 0)),
      undefined,
      health,
    );
    const aave = accountData(p.state, { prices: new Map([[weth, (p.state.reserves[weth]!.price * 7n) / 10n]]) });
    // Within 2e-4 (Aave's whole-basis-point average threshold, as above); held fixed, the 2 WETH owed made it 0.95: liquidatable
    // where Aave says 1.04.
    const hf = wadToNumber(aave.healthFactor);
    expect(Math.abs(health[i]! / hf - 1)).toBeLessThan(2e-4);
    const held = new Float64Array(b.book.n);
    stress(
      { ...b.book, debtInColumn: undefined },
      b.columns.map((c) => (c.symbol === "WETH" ? 0.3 : 0)),
      undefined,
      held,
    );
    expect([held[i]! < 1, health[i]! > 1]).toEqual([true, true]);
  });

  it("Morpho: every account from SupplyCollateral/Borrow on the market, each health factor equal to blue-sdk's on the chain's market", async () => {
    const market = d.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!;
    const b = await readBoth({ protocol: "morpho-blue", marketId: market.id });
    for (const k of [0, 1]) expect(rowOf(b, clientsFor(anvil.url, d.chainId, ANVIL_KEYS[k]!).account.address)).toBeGreaterThanOrEqual(0);
    const params = {
      loanToken: market.loanToken,
      collateralToken: market.collateralToken,
      oracle: market.oracle,
      irm: market.irm,
      lltv: BigInt(market.lltv),
    };
    const [tsa, tss, tba, tbs, lastUpdate, fee] = await admin.publicClient.readContract({
      address: d.morphoBlue!.morpho,
      abi: morphoBlueAbi,
      functionName: "market",
      args: [market.id],
      blockNumber: b.blockNumber,
    });
    const stored = { totalSupplyAssets: tsa, totalSupplyShares: tss, totalBorrowAssets: tba, totalBorrowShares: tbs, lastUpdate, fee };
    const rate = await admin.publicClient.readContract({
      address: market.irm,
      abi: morphoIrmAbi,
      functionName: "borrowRateView",
      args: [params, stored],
      blockNumber: b.blockNumber,
    });
    const accrued = accrueInterest(stored, rate, b.timestamp);
    for (let i = 0; i < b.book.n; i++) {
      const [, borrowShares, collateral] = await admin.publicClient.readContract({
        address: d.morphoBlue!.morpho,
        abi: morphoBlueAbi,
        functionName: "position",
        args: [market.id, b.book.owners[i]!],
        blockNumber: b.blockNumber,
      });
      const p = b.positions[i] as MorphoPosition;
      const sdk = MarketUtils.getHealthFactor({ collateral, borrowShares }, { ...accrued, price: p.state.price }, params);
      expect(p.healthFactor).toBe(sdk);
      expect(b.book.healthFactor[i]).toBe(wadToNumber(sdk!));
    }
    // The seeded demo position is close to liquidation (≈ 1.05).
    expect(b.book.healthFactor[rowOf(b, admin.account.address)]).toBeLessThan(1.1);
    expect(
      b.debts.every((x, i) => (b.book.debtValue[i]! > 0 ? x.length === 1 && x[0]!.asset === market.loanToken && x[0]!.share === 1 : x.length === 0)),
    ).toBe(true);
    expect(b.book.fixedDiscount).toBe(true);
  });
});
