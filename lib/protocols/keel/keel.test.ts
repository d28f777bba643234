import fc from "fast-check";
import { decodeFunctionData, erc20Abi, getAddress, maxUint256, parseUnits } from "viem";
import { describe, expect, it } from "vitest";
import { keelMarketAbi } from "../../../contracts-abi/abi/KeelMarket";
import { WAD } from "../../engine/math";
import { applyChange, liquidationPrice, maxBorrow, maxWithdraw, vaultRisk } from "../../engine/risk";
import type { LensMarket, LensVault } from "../../read/vaults";
import { borrowLimitUsed } from "../../engine/risk";
import { INFINITE_HEALTH } from "../../engine/health";
import { summarizeVault } from "../../view/vault-summary";
import { adapterOf, positionView, totalsAcross } from "../view";
import { positionHref } from "../href";
import { keelAdapter, keelPosition, repayAllAllowance, type KeelPosition } from ".";
import { ActionRefused } from "../refusals";

const WETH = getAddress("0x00000000000000000000000000000000000000e1");
const WBTC = getAddress("0x00000000000000000000000000000000000000b1");
const USDC = getAddress("0x00000000000000000000000000000000000000c1");
const MARKET = getAddress("0x0000000000000000000000000000000000000aaa");
const OWNER = getAddress("0x00000000000000000000000000000000000000f0");
const SYMBOLS: Record<string, string> = { [WETH]: "WETH", [WBTC]: "WBTC", [USDC]: "USDC" };

/** A vault and its market as the lens returns them (the fields the adapter reads); the lens's values from the engine. */
function lensPair(a: { weth: bigint; wbtc: bigint; debt: bigint; ethPrice: bigint; btcPrice: bigint }): { vault: LensVault; market: LensMarket } {
  const info = [
    { asset: WETH, decimals: 18, ltv: parseUnits("0.8", 18), liquidationThreshold: parseUnits("0.85", 18), price: a.ethPrice, amount: a.weth },
    { asset: WBTC, decimals: 8, ltv: parseUnits("0.75", 18), liquidationThreshold: parseUnits("0.8", 18), price: a.btcPrice, amount: a.wbtc },
  ];
  const market = {
    market: MARKET,
    baseAsset: USDC,
    baseDecimals: 6,
    baseFeed: { asset: USDC, price: WAD, status: 0 },
    totalBorrows: a.debt,
    totalBorrowShares: a.debt * 10n ** 6n,
    collaterals: info.map((c) => ({
      info: { asset: c.asset, decimals: c.decimals, ltv: c.ltv, liquidationThreshold: c.liquidationThreshold },
      feed: { asset: c.asset, price: c.price, status: 0 },
    })),
  } as unknown as LensMarket;
  const held = info.filter((c) => c.amount > 0n);
  const position = {
    collaterals: held.map((c) => ({ ...c })),
    debt: a.debt,
    baseDecimals: 6,
    basePrice: WAD,
  };
  const r = vaultRisk(position);
  const vault = {
    id: 7n,
    market: MARKET,
    owner: OWNER,
    baseAsset: USDC,
    collaterals: held.map((c) => ({
      ...c,
      status: 0,
      updatedAt: 1n,
      value: (c.amount * c.price) / 10n ** BigInt(c.decimals),
      liquidationPrice: liquidationPrice(position, c.asset),
    })),
    debt: a.debt,
    debtShares: a.debt * 10n ** 6n,
    debtValue: r.debtValue,
    collateralValue: r.collateralValue,
    borrowLimitValue: r.borrowLimitValue,
    liquidationValue: r.liquidationValue,
    healthFactor: r.healthFactor,
    borrowCapacity: r.borrowCapacity,
    pricesOk: true,
    liquidatable: r.liquidatable,
  } as unknown as LensVault;
  return { vault, market };
}

const position = (a: Parameters<typeof lensPair>[0]): KeelPosition =>
  keelPosition({
    chainId: 31337,
    ...lensPair(a),
    name: "USDC market",
    timestamp: 1n,
    tokenOf: (address, decimals) => ({ address, decimals, symbol: SYMBOLS[address] ?? "?" }),
  });

const arbVault = fc.record({
  weth: fc.bigInt({ min: 0n, max: parseUnits("500", 18) }),
  wbtc: fc.bigInt({ min: 0n, max: parseUnits("20", 8) }),
  debt: fc.bigInt({ min: 0n, max: parseUnits("2000000", 6) }),
  ethPrice: fc.bigInt({ min: parseUnits("100", 18), max: parseUnits("10000", 18) }),
  btcPrice: fc.bigInt({ min: parseUnits("5000", 18), max: parseUnits("200000", 18) }),
});

describe("the Keel adapter", () => {
  it("is the adapter of a Keel position, and links to the vault page", () => {
    const p = position({ weth: parseUnits("2", 18), wbtc: 0n, debt: parseUnits("1000", 6), ethPrice: parseUnits("3000", 18), btcPrice: 0n });
    expect(adapterOf(p)).toBe(keelAdapter);
    expect(positionHref(p)).toBe(`/vault/31337/7?market=${MARKET}`);
    expect(p.collaterals.map((c) => c.token.symbol)).toEqual(["WETH"]);
    expect(p.debts.map((d) => [d.token.symbol, d.amount])).toEqual([["USDC", parseUnits("1000", 6)]]);
  });

  it("computes health, liquidation prices and max amounts with the engine's own functions (lib/engine/risk.ts)", () => {
    fc.assert(
      fc.property(arbVault, (a) => {
        const p = position(a);
        const risk = vaultRisk(p.state);
        expect(keelAdapter.healthFactor(p)).toBe(a.debt === 0n ? null : risk.healthFactor);
        expect(keelAdapter.maxBorrow(p, USDC)).toBe(maxBorrow(p.state));
        expect(keelAdapter.maxBorrow(p, WETH)).toBe(0n);
        for (const asset of [WETH, WBTC]) expect(keelAdapter.maxWithdraw(p, asset)).toBe(maxWithdraw(p.state, asset));
        const liq = keelAdapter.liquidationPrices(p);
        for (const c of liq.collaterals) {
          const lens = p.collaterals.find((x) => x.token.address === c.token.address)!;
          expect(c.price ?? 0n).toBe(liquidationPrice(p.state, lens.token.address));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("names the lowest base-asset price at which the vault is liquidatable (one unit lower is not)", () => {
    fc.assert(
      fc.property(arbVault, (a) => {
        const p = position(a);
        const [debt] = keelAdapter.liquidationPrices(p).debts;
        if (!debt || debt.price === null) return;
        const at = (basePrice: bigint) => vaultRisk({ ...p.state, basePrice }).healthFactor;
        expect(at(debt.price)).toBeLessThan(WAD);
        expect(at(debt.price - 1n)).toBeGreaterThanOrEqual(WAD);
      }),
      { numRuns: 200 },
    );
  });

  it("builds the market's calls with exact approvals, and type(uint256).max for repay all", () => {
    const p = position({ weth: parseUnits("2", 18), wbtc: 0n, debt: parseUnits("1000", 6), ethPrice: parseUnits("3000", 18), btcPrice: 0n });
    const [approve, deposit] = keelAdapter.supply(p, WETH, parseUnits("1", 18));
    expect(decodeFunctionData({ abi: erc20Abi, data: approve!.data }).args).toEqual([MARKET, parseUnits("1", 18)]);
    expect(deposit!.to).toBe(MARKET);
    expect(decodeFunctionData({ abi: keelMarketAbi, data: deposit!.data })).toMatchObject({
      functionName: "depositCollateral",
      args: [7n, WETH, parseUnits("1", 18)],
    });
    const [borrow] = keelAdapter.borrow(p, USDC, 5n);
    expect(decodeFunctionData({ abi: keelMarketAbi, data: borrow!.data })).toMatchObject({ functionName: "borrow", args: [7n, 5n, OWNER] });
    const [pull, repay] = keelAdapter.repay(p, USDC, "max");
    expect(decodeFunctionData({ abi: erc20Abi, data: pull!.data }).args[1]).toBe(repayAllAllowance(p.state.debt, maxUint256));
    expect(decodeFunctionData({ abi: keelMarketAbi, data: repay!.data })).toMatchObject({ functionName: "repay", args: [7n, maxUint256] });
    const [withdraw] = keelAdapter.withdraw(p, WETH, "max");
    const units = decodeFunctionData({ abi: keelMarketAbi, data: withdraw!.data }).args![2] as bigint;
    expect(units).toBe(maxWithdraw(p.state, WETH));
    expect(vaultRisk(applyChange(p.state, { kind: "withdraw", asset: WETH, amount: units })).healthFactor).toBeGreaterThanOrEqual(WAD);
  });

  it("refuses a wrong asset or amount with a sentence, before any transaction", () => {
    const p = position({ weth: parseUnits("2", 18), wbtc: 0n, debt: 0n, ethPrice: parseUnits("3000", 18), btcPrice: 0n });
    expect(() => keelAdapter.borrow(p, WETH, 1n)).toThrow(/not the asset this Keel position borrows/);
    expect(() => keelAdapter.supply(p, USDC, 1n)).toThrow(/not a collateral/);
    expect(() => keelAdapter.supply(p, WETH, 0n)).toThrow(/above zero/);
    expect(() => keelAdapter.repay(p, USDC, "max")).toThrow(new ActionRefused("noDebt", { protocol: "Keel", symbol: "USDC" }));
  });

  it("words Keel's custom errors through the one table (lib/tx/tx-errors.ts)", () => {
    const e = keelAdapter.explainError(new Error("something odd"));
    expect(e.message).toMatch(/\w/);
    expect(keelAdapter.describeError(new Error("something odd"))).toBe(e.message);
  });
});

describe("the dashboard's view of a Keel vault (lib/protocols/view.ts positionView, through the adapter)", () => {
  const view = (a: Parameters<typeof lensPair>[0]) => {
    const pair = lensPair(a);
    const p = keelPosition({
      chainId: 31337,
      ...pair,
      name: "USDC market",
      timestamp: 1n,
      tokenOf: (address, decimals) => ({ address, decimals, symbol: SYMBOLS[address] ?? "?" }),
    });
    return { lens: pair.vault, v: positionView(p, {}) };
  };

  it("shows every figure the vault's own summary shows (lib/view/vault-summary.ts, the lens's numbers)", () => {
    fc.assert(
      fc.property(arbVault, (a) => {
        const { lens, v } = view(a);
        const s = summarizeVault(lens);
        expect(v.band).toBe(s.band);
        expect(v.healthFactor).toBe(a.debt === 0n ? INFINITE_HEALTH : s.healthFactor);
        expect(borrowLimitUsed(v.debtUsd!, v.borrowLimitUsd!)).toBe(s.borrowLimitUsed);
        expect([v.collateralUsd, v.debtUsd]).toEqual([lens.collateralValue, lens.debtValue]);
        expect(v.borrowAsset).toEqual({ token: { address: USDC, decimals: 6, symbol: "USDC" }, amount: a.debt });
        const held = s.collaterals.filter((c) => c.amount > 0n);
        expect(v.collaterals.map((c) => [c.token.address, c.amount, c.valueUsd, c.priceUsd, c.liquidationPriceUsd, c.distance])).toEqual(
          held.map((c) => [c.asset, c.amount, c.valueUsd, c.priceUsd, c.liquidationPriceUsd, c.distance]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("says a stale price on its line and counts that collateral as zero, as the market does (partial); no figure with nothing priced", () => {
    const { v } = view({
      weth: parseUnits("2", 18),
      wbtc: parseUnits("0.1", 8),
      debt: parseUnits("1000", 6),
      ethPrice: parseUnits("3000", 18),
      btcPrice: 0n,
    });
    const p = { ...v.position, collaterals: v.position.collaterals.map((c) => (c.token.address === WBTC ? { ...c, value: 0n } : c)) };
    const stale = positionView(p, {}, { [WBTC.toLowerCase()]: 6 });
    const wbtc = stale.collaterals.find((c) => c.token.address === WBTC)!;
    expect([wbtc.priceUsd, wbtc.valueUsd, wbtc.distance, wbtc.feedStatus]).toEqual([null, null, null, 6]);
    // 2 WETH at $3,000 still back the 1,000 USDC: the figure is the engine's, WBTC counted as zero, and WETH's distance stands.
    expect([stale.band, stale.partial, stale.healthFactor]).toEqual(["safe", true, p.healthFactor]);
    expect(stale.collaterals.find((c) => c.token.address === WETH)!.distance).not.toBeNull();
    // Only the stale WBTC held: nothing priced backs the debt, so no figure.
    const only = { ...p, collaterals: p.collaterals.filter((c) => c.token.address === WBTC) };
    const none = positionView(only, {}, { [WBTC.toLowerCase()]: 6 });
    expect([none.band, none.partial]).toEqual(["unpriced", true]);
  });

  it("adds up across vaults, keeping the lowest health of a priced vault with debt (totalsAcross)", () => {
    const safe = view({ weth: parseUnits("10", 18), wbtc: 0n, debt: parseUnits("8000", 6), ethPrice: parseUnits("3000", 18), btcPrice: 0n }).v;
    const close = view({
      weth: parseUnits("2", 18),
      wbtc: parseUnits("0.1", 8),
      debt: parseUnits("9000", 6),
      ethPrice: parseUnits("3000", 18),
      btcPrice: parseUnits("65000", 18),
    }).v;
    const free = view({ weth: parseUnits("1", 18), wbtc: 0n, debt: 0n, ethPrice: parseUnits("3000", 18), btcPrice: 0n }).v;
    const t = totalsAcross([safe, close, free]);
    expect(t.vaults).toBe(3);
    expect(t.collateralValue).toBe(parseUnits("45500", 18));
    expect(t.debtValue).toBe(parseUnits("17000", 18));
    expect(t.netValue).toBe(parseUnits("28500", 18));
    expect(t.lowestHealth).toBe(close.healthFactor);
    expect(t.bands).toEqual({ safe: 2, watch: 0, atRisk: 1, liquidatable: 0, unpriced: 0 });
    expect(t.unpriced).toBe(0);
    expect(totalsAcross([]).lowestHealth).toBe(INFINITE_HEALTH);
  });
});

describe("repayAllAllowance", () => {
  it("is the debt plus 0.01 % and 1 wei (interest until the repayment is mined), capped at the wallet", () => {
    expect(repayAllAllowance(1_000_000_000n, 10n ** 12n)).toBe(1_000_100_001n);
    expect(repayAllAllowance(1_000_000_000n, 1_000_050_000n)).toBe(1_000_050_000n);
  });
});
