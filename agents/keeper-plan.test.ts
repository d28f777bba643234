import { describe, expect, it } from "vitest";
import { parseUnits, type Address } from "viem";
import { getAmountOut, sellInto, type PoolSide } from "@/lib/engine/amm";
import { flashFee } from "@/lib/engine/liquidation";
import type { LensMarket, LensVault } from "@/lib/read/vaults";
import {
  liquidatorArgs,
  pessimisticPool,
  planBatches,
  poolKey,
  priceBatch,
  sizeVault,
  mergeTxs,
  splitTx,
  txGasCapFor,
  type Candidate,
  type PlanContext,
} from "./keeper-plan";

const MARKET = "0x00000000000000000000000000000000000000a1" as Address;
const USDC = "0x00000000000000000000000000000000000000b1" as Address;
const WETH = "0x00000000000000000000000000000000000000c1" as Address;
const wad = (x: string) => parseUnits(x, 18);
const usdc = (x: string) => parseUnits(x, 6);

/** 0.2 WETH liquidations (USDC base): `repay` USDC for `seized` WETH at discount `d`. */
const candidate = (id: number, repay: string, seized: string, d = "0.1"): Candidate => ({
  market: MARKET,
  id: BigInt(id),
  collateral: WETH,
  repay: usdc(repay),
  maxRepay: usdc(repay) + usdc(repay) / 1000n + 1n,
  seized: wad(seized),
  discount: wad(d),
  assets: 1,
  followUp: false,
});

/** A WETH/USDC pool at `price` with `depth` WETH (collateral in, base out). */
const pool = (price: number, depth = 2000): PoolSide => ({ reserveIn: wad(String(depth)), reserveOut: usdc(String(price * depth)) });

const ctx = (over: Partial<PlanContext> = {}): PlanContext => ({
  pools: new Map([[poolKey(USDC, WETH), pool(1950)]]),
  markets: new Map([[MARKET.toLowerCase(), { base: USDC, flashFeeBps: 5n, cash: usdc("10000000") }]]),
  gas: { perTx: 50_000n, perBatch: 150_000n, perVault: 50_000n, perExtraCollateral: 25_000n, perClose: 10_000n },
  txGasCap: 1_000_000n,
  maxLossBps: 0n,
  lossBudget: new Map(),
  ...over,
});

describe("stage size: sizeVault", () => {
  const market = {
    market: MARKET,
    baseDecimals: 6,
    baseFeed: { price: wad("1") },
    collaterals: [{ info: { asset: WETH, maxDiscount: wad("0.1") } }],
  } as unknown as LensMarket;
  // 1 WETH at $2,300 (LT 85 %) against 2,400 USDC: HF 0.8146, insolvent (no margin cap), the whole balance is seized.
  const vault = {
    market: MARKET,
    id: 9n,
    healthFactor: wad("0.814583333333333333"),
    liquidationValue: wad("1955"),
    debtValue: wad("2400"),
    collateralValue: wad("2300"),
    debt: usdc("2400"),
    collaterals: [{ asset: WETH, amount: wad("1"), decimals: 18, price: wad("2300"), status: 0, liquidationThreshold: wad("0.85") }],
  } as unknown as LensVault;

  it("sizes the repayment and seizure like the engine, with 10 bps of repay headroom", () => {
    const [c, ...more] = sizeVault(vault, market);
    expect(more).toEqual([]);
    expect(c!.seized).toBe(wad("1"));
    expect(c!.repay).toBe(usdc("2090.909091")); // 2,300 ÷ 1.1, rounded up
    expect(c!.maxRepay).toBe(c!.repay + c!.repay / 1000n + 1n);
    expect(c!.discount).toBe(wad("0.1"));
    expect(c!.assets).toBe(1);
  });

  it("skips a collateral whose price is not valid", () => {
    const stale = { ...vault, collaterals: [{ ...vault.collaterals[0]!, status: 1 }] } as unknown as LensVault;
    expect(sizeVault(stale, market)).toEqual([]);
  });

  it("a vault still below 1 after its first liquidation gets a follow-up on its other collateral, offered the whole debt", () => {
    const WBTC = "0x00000000000000000000000000000000000000d1" as Address;
    const two = {
      ...market,
      collaterals: [...market.collaterals, { info: { asset: WBTC, maxDiscount: wad("0.1") } }],
    } as unknown as LensMarket;
    // 1 WETH at $2,400 and 0.01 WBTC at $44,000 (LT 80 %) against 2,900 USDC: HF (2,040 + 352) ÷ 2,900 = 0.825.
    const v = {
      ...vault,
      healthFactor: wad("0.824827586206896551"),
      liquidationValue: wad("2392"),
      debtValue: wad("2900"),
      collateralValue: wad("2840"),
      debt: usdc("2900"),
      collaterals: [
        ...vault.collaterals,
        { asset: WBTC, amount: 1_000_000n, decimals: 8, price: wad("44000"), status: 0, liquidationThreshold: wad("0.8") },
      ],
    } as unknown as LensVault;
    const [first, follow] = sizeVault(v, two);
    expect(first!.collateral).toBe(WETH);
    expect(first!.followUp).toBe(false);
    expect(follow!.collateral).toBe(WBTC);
    expect(follow!.followUp).toBe(true);
    // The whole debt and the headroom over it (interest accrues after the scan).
    expect(follow!.maxRepay).toBe(usdc("2900") + (usdc("2900") * 10n) / 10_000n + 1n);
    expect(first!.assets).toBe(2);
  });
});

describe("stage plan: pessimisticPool", () => {
  const weth = { price: wad("1950"), decimals: 18 };
  const base = { price: wad("1"), decimals: 6 };

  it("prices a pool still above the oracle as the arbitrageur will leave it", () => {
    const p = pessimisticPool(pool(3000), weth, base);
    const price = Number(p.reserveOut) / 1e6 / (Number(p.reserveIn) / 1e18);
    expect(price).toBeGreaterThan(1945);
    expect(price).toBeLessThan(1955);
  });

  it("keeps a pool at or under the oracle as it is", () => {
    expect(pessimisticPool(pool(1800), weth, base)).toEqual(pool(1800));
  });
});

describe("stage plan: planBatches", () => {
  it("one loan and one swap per collateral per transaction, packed under the gas cap", () => {
    const cs = Array.from({ length: 40 }, (_, i) => candidate(i + 1, "350", "0.2"));
    const plan = planBatches(cs, ctx());
    // (1,000,000 − 50,000 − 150,000) ÷ 50,000 = 16 vaults a transaction.
    expect(plan.txs.map((t) => t.batches.map((b) => b.vaults.length))).toEqual([[16], [16], [8]]);
    for (const t of plan.txs) expect(t.gas).toBeLessThanOrEqual(1_000_000n);
    expect(plan.deferred).toEqual([]);
    expect(liquidatorArgs(plan.txs[0]!)[0][0]!.vaults[0]).toEqual({ id: cs[0]!.id, maxRepay: cs[0]!.maxRepay });
  });

  it("counts a vault's further collaterals in its gas", () => {
    const cs = Array.from({ length: 16 }, (_, i) => ({ ...candidate(i + 1, "350", "0.2"), assets: i < 2 ? 3 : 1 }));
    const plan = planBatches(cs, ctx());
    // Two vaults at 100k: 14 + … no longer fit one transaction of 16 × 50k.
    expect(plan.txs.map((t) => t.batches[0]!.vaults.length)).toEqual([14, 2]);
    expect(plan.txs[0]!.gas).toBe(50_000n + 150_000n + 2n * 100_000n + 12n * 50_000n);
  });

  it("prices each batch against the pool the batches before it leave", () => {
    const cs = Array.from({ length: 32 }, (_, i) => candidate(i + 1, "350", "0.2"));
    const plan = planBatches(cs, ctx());
    const [first, second] = plan.txs.map((t) => t.batches[0]!);
    const start = pool(1950);
    const afterFirst = sellInto(start, first!.seized).pool;
    expect(first!.proceeds).toBe(getAmountOut(first!.seized, start.reserveIn, start.reserveOut));
    expect(second!.proceeds).toBe(getAmountOut(second!.seized, afterFirst.reserveIn, afterFirst.reserveOut));
    expect(second!.proceeds).toBeLessThan(first!.proceeds);
    expect(first!.fee).toBe(flashFee(first!.loan, 5n));
    expect(plan.pools.get(poolKey(USDC, WETH))).toEqual(sellInto(afterFirst, second!.seized).pool);
  });

  it("sells the smallest discounts first, while the pool is best", () => {
    const cs = [candidate(1, "350", "0.2", "0.1"), candidate(2, "380", "0.2", "0.02"), candidate(3, "360", "0.2", "0.05")];
    const plan = planBatches(cs, ctx());
    expect(plan.txs[0]!.batches[0]!.vaults.map((v) => v.id)).toEqual([2n, 3n, 1n]);
  });

  it("a batch that loses at the pool: deferred without a fallback, sent with a bounded maxLoss with one", () => {
    // 0.2 WETH for 385 USDC needs $1,931 after the 0.3 % fee: the pool pays $1,900.
    const cs = Array.from({ length: 5 }, (_, i) => candidate(i + 1, "385", "0.2", "0.01"));
    const pools = new Map([[poolKey(USDC, WETH), pool(1900)]]);
    const without = planBatches(cs, ctx({ pools }));
    expect(without.txs).toEqual([]);
    expect(without.deferred.map((d) => d.reason)).toEqual(Array(5).fill("loses-at-pool"));

    const budget = new Map([[USDC.toLowerCase(), usdc("1000")]]);
    const withFallback = planBatches(cs, ctx({ pools, maxLossBps: 300n, lossBudget: budget }));
    const b = withFallback.txs[0]!.batches[0]!;
    expect(b.result).toBeLessThan(0n);
    expect(b.maxLoss).toBe((b.repay * 300n) / 10_000n);
    expect(-b.result).toBeLessThanOrEqual(b.maxLoss);

    const tooPoor = planBatches(cs, ctx({ pools, maxLossBps: 300n, lossBudget: new Map([[USDC.toLowerCase(), 1n]]) }));
    expect(tooPoor.txs).toEqual([]);
  });

  it("keeps what pays and defers only the vaults that lose", () => {
    // The pool pays ≈ 378.86 USDC for 0.2 WETH: #1 and #3 earn ≈ 2.9 each, #2 loses ≈ 16, the batch as a whole loses.
    const cs = [candidate(1, "376", "0.2", "0.1"), candidate(2, "395", "0.2", "0.01"), candidate(3, "376", "0.2", "0.1")];
    const plan = planBatches(cs, ctx({ pools: new Map([[poolKey(USDC, WETH), pool(1900, 100_000)]]) }));
    expect(plan.txs[0]!.batches[0]!.vaults.map((v) => v.id).sort()).toEqual([1n, 3n]);
    expect(plan.deferred.map((d) => d.candidate.id)).toEqual([2n]);
  });

  it("never borrows more than the market's cash in one loan, and defers what has no pool", () => {
    const cs = Array.from({ length: 4 }, (_, i) => candidate(i + 1, "350", "0.2"));
    const markets = new Map([[MARKET.toLowerCase(), { base: USDC, flashFeeBps: 0n, cash: usdc("800") }]]);
    const plan = planBatches(cs, ctx({ markets }));
    for (const t of plan.txs) for (const b of t.batches) expect(b.loan).toBeLessThanOrEqual(usdc("800"));
    expect(plan.txs.flatMap((t) => t.batches).reduce((n, b) => n + b.vaults.length, 0)).toBe(4);
    expect(planBatches(cs, ctx({ pools: new Map() })).deferred.map((d) => d.reason)).toEqual(Array(4).fill("no-pool"));
  });

  it("priceBatch: result = proceeds − repayment − flash fee on the whole loan", () => {
    const cs = [candidate(1, "350", "0.2"), candidate(2, "350", "0.2")];
    const p = priceBatch(cs, pool(1950), 5n);
    expect(p.result).toBe(p.proceeds - usdc("700") - flashFee(cs[0]!.maxRepay + cs[1]!.maxRepay, 5n));
  });
});

describe("stage plan: fitting blocks", () => {
  it("txGasCapFor: k transactions of limit l fit when the k − 1 before the last count at r of their limit", () => {
    const l = txGasCapFor(12_000_000n, 3n, 9_000n);
    // 2 % reserved: 11,760,000 ÷ (2 × 0.9 + 1) = 4,200,000.
    expect(l).toBe(4_200_000n);
    expect((2n * l * 9_000n) / 10_000n + l).toBeLessThanOrEqual((12_000_000n * 98n) / 100n);
    // Dividing by k (r = 1) is the old, 85 %-full sharing; r is clamped to [0.5, 1].
    expect(txGasCapFor(12_000_000n, 3n, 10_000n)).toBe(3_920_000n);
    expect(txGasCapFor(12_000_000n, 3n, 20_000n)).toBe(3_920_000n);
    expect(txGasCapFor(12_000_000n, 1n, 9_000n)).toBe(11_760_000n);
  });

  it("cuts a block's last transaction to the room the ones before it leave, then opens the next block", () => {
    const cs = Array.from({ length: 40 }, (_, i) => candidate(i + 1, "350", "0.2"));
    // Blocks of 2,000,000 gas, transactions ≤ 1,000,000 counted at 90 %: 1,000,000 + 900,000 → 100,000 left (too little
    // for a loan, a swap and 4 vaults: the next block); so each block holds two full transactions.
    const plan = planBatches(cs, ctx({ block: { available: 2_000_000n, usedRatioBps: 9_000n } }));
    expect(plan.txs.map((t) => t.batches[0]!.vaults.length)).toEqual([16, 16, 8]);
    // With 1,500,000 a block: 1,000,000 (counted 900,000), then a transaction cut to the 600,000 left: 8 vaults.
    const cut = planBatches(cs, ctx({ block: { available: 1_500_000n, usedRatioBps: 9_000n } }));
    expect(cut.txs.map((t) => t.batches[0]!.vaults.length)).toEqual([16, 8, 16]);
    expect(cut.txs[1]!.gas).toBeLessThanOrEqual(600_000n);
  });

  it("counts a liquidation that empties a slot at its gas before the refund", () => {
    const cs = Array.from({ length: 16 }, (_, i) => ({ ...candidate(i + 1, "350", "0.2"), closes: i < 4 }));
    const plan = planBatches(cs, ctx());
    expect(plan.txs[0]!.gas).toBe(50_000n + 150_000n + 4n * 60_000n + 11n * 50_000n);
    expect(plan.txs.map((t) => t.batches[0]!.vaults.length)).toEqual([15, 1]);
  });

  it("plans the suspects (to simulate) after the clean vaults, in their own batches", () => {
    const cs = [{ ...candidate(1, "350", "0.2", "0.01"), suspect: true }, candidate(2, "350", "0.2", "0.1"), candidate(3, "350", "0.2", "0.05")];
    const plan = planBatches(cs, ctx());
    expect(plan.txs[0]!.batches.map((b) => b.vaults.map((v) => v.id))).toEqual([[3n, 2n], [1n]]);
  });

  it("a batch whose profit is thinner than the loss bound is sent with the bound as its maxLoss", () => {
    const budget = new Map([[USDC.toLowerCase(), usdc("1000")]]);
    // 0.2 WETH at ≈ $1,950 for 386 USDC: ≈ +1.1 USDC on 386, under 1 % of the repayment.
    const thin = planBatches(
      [candidate(1, "386", "0.2", "0.01")],
      ctx({ maxLossBps: 100n, lossBudget: budget, pools: new Map([[poolKey(USDC, WETH), pool(1950, 100_000)]]) }),
    );
    const b = thin.txs[0]!.batches[0]!;
    expect(b.result).toBeGreaterThan(0n);
    expect(b.maxLoss).toBe((b.repay * 100n) / 10_000n);
    // A wide profit keeps maxLoss 0.
    const wide = planBatches([candidate(1, "350", "0.2", "0.1")], ctx({ maxLossBps: 100n, lossBudget: budget }));
    expect(wide.txs[0]!.batches[0]!.maxLoss).toBe(0n);
  });
});

describe("follow-ups", () => {
  it("are planned after every first liquidation", () => {
    const follow = { ...candidate(1, "90", "0.05"), followUp: true };
    const plan = planBatches([follow, candidate(1, "350", "0.2"), candidate(2, "350", "0.2")], ctx());
    const order = plan.txs.flatMap((t) => t.batches.map((b) => b.vaults.map((v) => `${v.id}${v.followUp ? "f" : ""}`)));
    expect(order).toEqual([["1", "2"], ["1f"]]);
    // In a transaction of their own (sent unsimulated: one that reverts takes no first liquidation with it).
    expect(plan.txs.map((t) => t.batches.map((b) => b.vaults[0]!.followUp))).toEqual([[false], [true]]);
  });
});

describe("splitTx", () => {
  it("halves a transaction's vaults, keeping batches by market and collateral", () => {
    const plan = planBatches(
      Array.from({ length: 5 }, (_, i) => candidate(i + 1, "350", "0.2")),
      ctx(),
    );
    const [a, b] = splitTx(plan.txs[0]!)!;
    expect(a.batches.flatMap((x) => x.vaults.map((v) => v.id))).toEqual([1n, 2n, 3n]);
    expect(b.batches.flatMap((x) => x.vaults.map((v) => v.id))).toEqual([4n, 5n]);
    expect(splitTx({ batches: [{ ...a.batches[0]!, vaults: [a.batches[0]!.vaults[0]!] }], gas: 0n })).toBeNull();
    // With the gas model, each half carries its own gas (not the whole's limit).
    const [c, d] = splitTx(plan.txs[0]!, ctx().gas)!;
    expect(c.gas).toBe(50_000n + 150_000n + 3n * 50_000n);
    expect(d.gas).toBe(50_000n + 150_000n + 2n * 50_000n);
  });

  it("mergeTxs: the parts that passed go out as one transaction, one batch per market and collateral", () => {
    const plan = planBatches(
      Array.from({ length: 5 }, (_, i) => candidate(i + 1, "350", "0.2")),
      ctx(),
    );
    const [a, b] = splitTx(plan.txs[0]!, ctx().gas)!;
    const [, b2] = splitTx(b, ctx().gas)!; // vault 4 dropped
    const merged = mergeTxs([a, b2], ctx().gas);
    expect(merged.batches.map((x) => x.vaults.map((v) => v.id))).toEqual([[1n, 2n, 3n, 5n]]);
    expect(merged.gas).toBe(50_000n + 150_000n + 4n * 50_000n);
  });
});
