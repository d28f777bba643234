import fc from "fast-check";
import { parseUnits, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { buildRiskBook, stableColumns, togetherColumns, type BookMarket, type BookPage } from "./risk-book";
import { baseLiquidationPrice, distanceToLiquidation, distanceToRise, liquidationPrice, vaultRisk, type VaultPosition } from "../engine/risk";
import { closestDistance } from "../view/vault-summary";
import { WAD } from "../engine/math";
import { debtSide } from "./liquidation-odds";
import {
  assetDistance,
  basketDistance,
  bookDebtSigma,
  healthHistogram,
  liquidationDiscount,
  liquidationLevels,
  DEBT_RISE,
  nearestMove,
  stress,
  vaultDistance,
} from "./stress";

const WETH = "0x00000000000000000000000000000000000000e1" as Address;
const WBTC = "0x00000000000000000000000000000000000000b1" as Address;
const USDC = "0x00000000000000000000000000000000000000c1" as Address;
const MARKET = "0x0000000000000000000000000000000000000aaa" as Address;

const feed = (asset: Address, price: string, status = 0) => ({
  asset,
  feed: asset,
  feedDecimals: 8,
  heartbeat: 3600,
  minAnswer: 0n,
  maxAnswer: 0n,
  roundId: 1n,
  answer: 0n,
  updatedAt: 1n,
  price: parseUnits(price, 18),
  status,
});
const info = (asset: Address, decimals: number, ltv: string, lt: string, maxDiscount: string) => ({
  asset,
  decimals,
  ltv: parseUnits(ltv, 18),
  liquidationThreshold: parseUnits(lt, 18),
  maxDiscount: parseUnits(maxDiscount, 18),
  supplyCap: 10n ** 30n,
});

/** The local USDC market: WETH 80/85 (max discount 10 %), WBTC 75/80 (10 %). */
const market = {
  market: MARKET,
  baseDecimals: 6,
  baseFeed: feed(USDC, "1"),
  collaterals: [
    { info: info(WETH, 18, "0.8", "0.85", "0.1"), feed: feed(WETH, "3000") },
    { info: info(WBTC, 8, "0.75", "0.8", "0.1"), feed: feed(WBTC, "65000") },
  ],
} as unknown as BookMarket;

const vaultArb = fc.record({
  weth: fc.bigInt({ min: 0n, max: 10n ** 21n }),
  wbtc: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  debt: fc.bigInt({ min: 0n, max: 10n ** 12n }),
});
type V = { weth: bigint; wbtc: bigint; debt: bigint };

const pageOf = (vs: V[], offset = 0): BookPage => ({
  offset,
  owners: vs.map((_, i) => `0x${(offset + i + 1).toString(16).padStart(40, "0")}` as Address),
  debts: vs.map((v) => v.debt),
  amounts: vs.flatMap((v) => [v.weth, v.wbtc]),
});

const positionOf = (v: V): VaultPosition => ({
  collaterals: market.collaterals.map((c, j) => ({
    asset: c.info.asset,
    decimals: c.info.decimals,
    amount: j === 0 ? v.weth : v.wbtc,
    price: c.feed.price,
    ltv: BigInt(c.info.ltv),
    liquidationThreshold: BigInt(c.info.liquidationThreshold),
  })),
  debt: v.debt,
  baseDecimals: 6,
  basePrice: WAD,
});

const shockArb = fc.tuple(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: 0, max: 0.9, noNaN: true }));

describe("buildRiskBook", () => {
  it("values every vault with lib/engine/risk.ts, in any page order", () => {
    fc.assert(
      fc.property(fc.array(vaultArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 25 }), (vs, size) => {
        const pages: BookPage[] = [];
        for (let o = 0; o < vs.length; o += size) pages.unshift(pageOf(vs.slice(o, o + size), o));
        const book = buildRiskBook(market, pages);
        expect(book.n).toBe(vs.length);
        let cv = 0n;
        let dv = 0n;
        vs.forEach((v, i) => {
          const r = vaultRisk(positionOf(v));
          cv += r.collateralValue;
          dv += r.debtValue;
          expect(book.ids[i]).toBe(i + 1);
          expect(book.liquidatableNow[i]).toBe(v.debt > 0n && r.liquidatable ? 1 : 0);
          if (v.debt === 0n) expect(book.healthFactor[i]).toBe(Infinity);
          else expect(book.healthFactor[i]).toBeCloseTo(Number(r.healthFactor) / 1e18, 9);
        });
        // Totals conserved: the book's exact sums are the vaults' sums.
        expect(book.totals.collateralValue).toBe(cv);
        expect(book.totals.debtValue).toBe(dv);
      }),
    );
  });

  it("marks a vault unpriced (NaN) when nothing priced backs its debt, and keeps it out of every scenario", () => {
    const down = { ...market, collaterals: [market.collaterals[0]!, { ...market.collaterals[1]!, feed: feed(WBTC, "0", 6) }] } as BookMarket;
    const book = buildRiskBook(down, [
      pageOf([
        { weth: 0n, wbtc: 10n ** 8n, debt: 10n ** 10n },
        { weth: 10n ** 18n, wbtc: 0n, debt: 10n ** 9n },
        // WBTC's feed down, WETH priced: WBTC counts as zero, as the market counts it (lib/view/vault-summary.ts healthShown).
        { weth: 10n ** 18n, wbtc: 10n ** 8n, debt: 10n ** 9n },
      ]),
    ]);
    expect(book.healthFactor[0]).toBeNaN();
    expect(book.healthFactor[1]).toBeGreaterThan(1);
    expect(book.healthFactor[2]).toBe(book.healthFactor[1]);
    expect(stress(book, [0.9, 0.9]).vaultsWithDebt).toBe(2);
  });
});

describe("stress", () => {
  it("gives each vault's health factor at the scenario's prices, and the histogram at them counts what the scenario counts", () => {
    fc.assert(
      fc.property(fc.array(vaultArb, { maxLength: 40 }), shockArb, (vs, shocks) => {
        const book = buildRiskBook(market, [pageOf(vs)]);
        const flags = new Uint8Array(book.n);
        const health = new Float64Array(book.n);
        const r = stress(book, shocks, flags, health);
        vs.forEach((v, i) => {
          if (v.debt === 0n) return expect(health[i]).toBe(Infinity);
          // Σ value × LT × (1 − shock) ÷ debt: the same sum the liquidatable test compares with the debt.
          const liq = book.liquidationValue[2 * i]! * (1 - shocks[0]) + book.liquidationValue[2 * i + 1]! * (1 - shocks[1]);
          expect(health[i]).toBeCloseTo(liq / book.debtValue[i]!, 12);
          if (!book.liquidatableNow[i]) expect(flags[i] ? health[i]! <= 1 : health[i]! >= 1).toBe(true);
        });
        const stressed = healthHistogram(book, { health, flags });
        expect(stressed.reduce((a, b) => a + b.vaults, 0)).toBe(r.vaultsWithDebt);
        expect(stressed[0]!.vaults).toBe(r.liquidatable);
        expect(stressed[0]!.debtValue).toBeCloseTo(r.debtValue, 6);
      }),
    );
  });

  it("with no shock, flags exactly the vaults the engine would liquidate now", () => {
    fc.assert(
      fc.property(fc.array(vaultArb, { maxLength: 40 }), (vs) => {
        const book = buildRiskBook(market, [pageOf(vs)]);
        const flags = new Uint8Array(book.n);
        const r = stress(book, [0, 0], flags);
        expect(Array.from(flags)).toEqual(vs.map((v) => (v.debt > 0n && vaultRisk(positionOf(v)).liquidatable ? 1 : 0)));
        expect(r.liquidatable).toBe(flags.reduce((s, f) => s + f, 0));
      }),
    );
  });

  it("is monotone in every shock: more of a fall never un-liquidates a vault nor lowers debt, bad debt", () => {
    fc.assert(
      fc.property(fc.array(vaultArb, { maxLength: 40 }), shockArb, shockArb, (vs, a, b) => {
        const book = buildRiskBook(market, [pageOf(vs)]);
        const lo: [number, number] = [Math.min(a[0], b[0]), Math.min(a[1], b[1])];
        const hi: [number, number] = [Math.max(a[0], b[0]), Math.max(a[1], b[1])];
        const fl = new Uint8Array(book.n);
        const fh = new Uint8Array(book.n);
        const rl = stress(book, lo, fl);
        const rh = stress(book, hi, fh);
        for (let i = 0; i < book.n; i++) expect(fh[i]).toBeGreaterThanOrEqual(fl[i]!);
        expect(rh.liquidatable).toBeGreaterThanOrEqual(rl.liquidatable);
        expect(rh.debtValue).toBeGreaterThanOrEqual(rl.debtValue);
        expect(rh.badDebt).toBeGreaterThanOrEqual(rl.badDebt - 1e-6);
      }),
    );
  });

  it("conserves totals: affected debt never exceeds the book's, bad debt never exceeds affected debt", () => {
    fc.assert(
      fc.property(fc.array(vaultArb, { maxLength: 40 }), shockArb, (vs, s) => {
        const book = buildRiskBook(market, [pageOf(vs)]);
        const r = stress(book, s);
        const allDebt = Array.from(book.debtValue).reduce((x, y) => x + y, 0);
        const allCollateral = vs.reduce((x, _, i) => x + book.value[2 * i]! * (1 - s[0]) + book.value[2 * i + 1]! * (1 - s[1]), 0);
        expect(r.debtValue).toBeLessThanOrEqual(allDebt * (1 + 1e-12));
        expect(r.collateralValue).toBeLessThanOrEqual(allCollateral * (1 + 1e-12) + 1e-9);
        expect(r.badDebt).toBeGreaterThanOrEqual(0);
        expect(r.badDebt).toBeLessThanOrEqual(r.debtValue * (1 + 1e-12));
        // Per-vault flags add up to the totals.
        const flags = new Uint8Array(book.n);
        stress(book, s, flags);
        const debt = Array.from(flags).reduce((x, f, i) => x + (f ? book.debtValue[i]! : 0), 0);
        expect(r.debtValue).toBeCloseTo(debt, 6);
      }),
    );
  });

  it("bad debt is what full liquidation at the engine's discount leaves: a worked example", () => {
    // 1 WETH at $3000 (LT 85 %), $2500 of debt: HF 1.02. A 40 % fall: collateral $1800, HF 0.612, discount capped at
    // 10 %: liquidators repay at most 1800 / 1.1 = $1636.36; $863.64 is bad debt.
    const book = buildRiskBook(market, [pageOf([{ weth: 10n ** 18n, wbtc: 0n, debt: 2500n * 10n ** 6n }])]);
    expect(stress(book, [0.39, 0]).liquidatable).toBe(1);
    expect(stress(book, [0.01, 0]).liquidatable).toBe(0);
    const r = stress(book, [0.4, 0]);
    expect(r.collateralValue).toBeCloseTo(1800, 6);
    expect(r.badDebt).toBeCloseTo(2500 - 1800 / 1.1, 6);
    // Barely under water: the 1 % minimum discount, and no bad debt.
    const barely = stress(book, [0.03, 0]);
    expect(barely.liquidatable).toBe(1);
    expect(barely.badDebt).toBe(0);
    expect(liquidationDiscount(0.995, 0.1)).toBe(0.01);
    expect(liquidationDiscount(0.95, 0.1)).toBeCloseTo(0.05, 12);
    expect(liquidationDiscount(0.5, 0.1)).toBe(0.1);
  });
});

describe("distances and liquidation levels", () => {
  it("a vault's distance for one asset equals lib/engine/risk.ts distanceToLiquidation at its liquidation price", () => {
    fc.assert(
      fc.property(vaultArb, (v) => {
        const book = buildRiskBook(market, [pageOf([v])]);
        const pos = positionOf(v);
        for (const [j, asset] of [WETH, WBTC].entries()) {
          const lp = liquidationPrice(pos, asset);
          const d = assetDistance(book, 0, j);
          const amount = j === 0 ? v.weth : v.wbtc;
          if (v.debt === 0n || amount === 0n || book.liquidatableNow[0]) continue;
          if (lp === 0n) expect(d).toBe(Infinity);
          else expect(d).toBeCloseTo(Number(distanceToLiquidation(pos.collaterals[j]!.price, lp)) / 1e18, 6);
        }
      }),
    );
  });

  it("a vault's closest distance is the dashboard's: its collaterals' falls and its borrowed asset's rise (closestDistance)", () => {
    fc.assert(
      fc.property(vaultArb, (v) => {
        const book = buildRiskBook(market, [pageOf([v])]);
        const pos = positionOf(v);
        if (v.debt === 0n || book.liquidatableNow[0] || vaultRisk(pos).liquidationValue === 0n) return;
        const falls = [WETH, WBTC].map((a, j) =>
          pos.collaterals[j]!.amount === 0n ? null : distanceToLiquidation(pos.collaterals[j]!.price, liquidationPrice(pos, a)),
        );
        const rise = distanceToRise(pos.basePrice, baseLiquidationPrice(pos));
        const closest = closestDistance([...falls, rise]);
        const expected = Number(closest) / 1e18;
        expect(Math.abs(vaultDistance(book, 0) - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, expected));
        // And which price it is: the borrowed asset's rise when that is the nearest, else the collateral that falls.
        const { which } = nearestMove(book, 0);
        if (rise !== null && closest === rise && falls.every((d) => d === null || d > rise)) expect(which).toBe(DEBT_RISE);
        else if (which >= 0) expect(falls[which]).toBe(closest);
      }),
    );
  });

  it("the levels curve at x % is the stress result at an x % fall of that asset (and of all)", () => {
    fc.assert(
      fc.property(fc.array(vaultArb, { maxLength: 30 }), fc.integer({ min: 0, max: 90 }), (vs, x) => {
        const book = buildRiskBook(market, [pageOf(vs)]);
        const levels = liquidationLevels(book);
        const s = x / 100;
        expect(levels.perAsset[0]![x]).toBeCloseTo(stress(book, [s, 0]).debtValue, 4);
        expect(levels.perAsset[1]![x]).toBeCloseTo(stress(book, [0, s]).debtValue, 4);
        expect(levels.all[x]).toBeCloseTo(stress(book, [s, s]).debtValue, 4);
        for (let y = 1; y <= 90; y++) expect(levels.all[y]).toBeGreaterThanOrEqual(levels.all[y - 1]!);
      }),
    );
  });

  it("the basket distance is the common fall that takes the vault to HF 1", () => {
    const book = buildRiskBook(market, [pageOf([{ weth: 10n ** 18n, wbtc: 10n ** 7n, debt: 2000n * 10n ** 6n }])]);
    const s = basketDistance(book, 0);
    expect(stress(book, [s - 1e-6, s - 1e-6]).liquidatable).toBe(0);
    expect(stress(book, [s + 1e-6, s + 1e-6]).liquidatable).toBe(1);
  });

  it("the health histogram counts every vault with debt once", () => {
    fc.assert(
      fc.property(fc.array(vaultArb, { maxLength: 40 }), (vs) => {
        const book = buildRiskBook(market, [pageOf(vs)]);
        const h = healthHistogram(book);
        expect(h.reduce((s, b) => s + b.vaults, 0)).toBe(vs.filter((v) => v.debt > 0n).length);
        expect(h[0]!.vaults).toBe(book.liquidatableNow.reduce((s, f) => s + f, 0));
      }),
    );
  });
});

describe("debt owed in a collateral's own asset (an Aave account borrowing what it supplies) moves with that price", () => {
  /** The book of `vs` with each vault owing `owed[j]` of its debt in collateral j's asset (the shares sum to at most 1). */
  const owing = (vs: V[], owed: [number, number][]) => {
    const book = buildRiskBook(market, [pageOf(vs)]);
    book.debtInColumn = new Float64Array(book.n * 2);
    owed.forEach(([a, b], i) => {
      const scale = Math.max(1, a + b);
      book.debtInColumn![i * 2] = (book.debtValue[i]! * a) / scale;
      book.debtInColumn![i * 2 + 1] = (book.debtValue[i]! * b) / scale;
    });
    return book;
  };
  const shareArb = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));

  it("a worked example: $30,000 of WETH and $2,000 of a second collateral against $6,000 of WETH and $14,000 of it", () => {
    // 10 WETH at $3,000 (LT 85 %) and 0.03077 WBTC ≈ $2,000 (LT 80 %); debt $20,000, $6,000 of it in WETH, $14,000 in WBTC.
    const book = owing([{ weth: 10n * 10n ** 18n, wbtc: 3_076_923n, debt: 20_000n * 10n ** 6n }], [[0.3, 0.7]]);
    const l = book.totalLiquidationValue[0]!;
    // WETH alone: the shortfall grows by (LT × value − owed) per unit of fall, not LT × value.
    const s = assetDistance(book, 0, 0);
    expect(s).toBeCloseTo((l - 20_000) / (25_500 - 6_000), 9);
    expect(stress(book, [s - 1e-6, 0]).liquidatable).toBe(0);
    expect(stress(book, [s + 1e-6, 0]).liquidatable).toBe(1);
    // Held fixed, the old rule would have said (L − D) / Lⱼ, about a quarter nearer.
    expect(s).toBeGreaterThan((l - 20_000) / 25_500);
    // The second collateral falling lowers its debt more than its collateral's LT-weighted value: never liquidated by it.
    expect(assetDistance(book, 0, 1)).toBe(Infinity);
    // Its nearest single move is WETH's fall, not the rise of what it owes (that rise lifts WETH's collateral too).
    expect(nearestMove(book, 0)).toEqual({ distance: s, which: 0 });
    // Everything together: its debt is all in collateral assets and falls as fast; the health factor never moves.
    expect(basketDistance(book, 0)).toBe(Infinity);
    const health = new Float64Array(1);
    stress(book, [0.6, 0.6], undefined, health);
    expect(health[0]).toBeCloseTo(book.healthFactor[0]!, 12);
    // The scenario's debt is valued at its prices: $20,000 − $6,000 × 0.5 at a 50 % WETH fall.
    expect(stress(book, [0.5, 0]).debtValue).toBeCloseTo(17_000, 6);
  });

  it("the scenario's health is Σ LTⱼ × valueⱼ × (1 − sⱼ) ÷ (debt − Σ owedⱼ × sⱼ)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(vaultArb, shareArb), { minLength: 1, maxLength: 20 }), shockArb, (rows, shocks) => {
        const book = owing(
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
        );
        const health = new Float64Array(book.n);
        stress(book, shocks, undefined, health);
        for (let i = 0; i < book.n; i++) {
          if (book.debtValue[i] === 0) continue;
          const liq = book.liquidationValue[i * 2]! * (1 - shocks[0]) + book.liquidationValue[i * 2 + 1]! * (1 - shocks[1]);
          const debt = book.debtValue[i]! - book.debtInColumn![i * 2]! * shocks[0] - book.debtInColumn![i * 2 + 1]! * shocks[1];
          expect(health[i]).toBeCloseTo(liq / debt, 6);
        }
      }),
    );
  });

  it("“All together” leaves dollar stablecoins at $1, unless every collateral is one: the basket distance and the levels' all-curve follow", () => {
    expect(Array.from(stableColumns([3000, 1, 0.985, 1.03, NaN]))).toEqual([0, 1, 1, 0, 0]);
    // By symbol when known: ARB at $1.00 is no stablecoin, sUSDe at $1.19 is one.
    expect(Array.from(stableColumns([1, 1.19, 0.999], ["ARB", "sUSDe", "USDC"]))).toEqual([0, 1, 1]);
    expect(Array.from(buildRiskBook(market, [pageOf([])]).stable!)).toEqual([0, 0]);
    expect(Array.from(togetherColumns({ k: 2, stable: Uint8Array.from([1, 1]) }))).toEqual([1, 1]);
    expect(Array.from(togetherColumns({ k: 2 }))).toEqual([1, 1]);
    fc.assert(
      fc.property(fc.array(fc.tuple(vaultArb, shareArb), { minLength: 1, maxLength: 20 }), (rows) => {
        const book = owing(
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
        );
        book.stable = Uint8Array.from([0, 1]); // the second column a stablecoin: "all" moves the first alone
        expect(Array.from(togetherColumns(book))).toEqual([1, 0]);
        for (let i = 0; i < book.n; i++) expect(basketDistance(book, i)).toBe(assetDistance(book, i, 0));
        const levels = liquidationLevels(book);
        expect(Array.from(levels.all)).toEqual(Array.from(levels.perAsset[0]!));
      }),
    );
  });

  it("distances are where the stress starts to liquidate, and the levels curve is the stress's debt at each fall", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(vaultArb, shareArb), { maxLength: 30 }), fc.integer({ min: 0, max: 90 }), (rows, x) => {
        const book = owing(
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
        );
        const levels = liquidationLevels(book);
        const s = x / 100;
        expect(levels.perAsset[0]![x]).toBeCloseTo(stress(book, [s, 0]).debtValue, 4);
        expect(levels.perAsset[1]![x]).toBeCloseTo(stress(book, [0, s]).debtValue, 4);
        expect(levels.all[x]).toBeCloseTo(stress(book, [s, s]).debtValue, 4);
        for (let i = 0; i < book.n; i++) {
          const one = owing([rows[i]![0]], [rows[i]![1]]);
          if (one.liquidatableNow[0]) continue;
          for (const [j, shock] of [
            [0, (t: number) => [t, 0]],
            [1, (t: number) => [0, t]],
            [2, (t: number) => [t, t]],
          ] as const) {
            const d = j === 2 ? basketDistance(one, 0) : assetDistance(one, 0, j);
            if (d === Infinity || d > 0.999 || d < 1e-5) continue;
            expect(stress(one, shock(d * (1 - 1e-7))).liquidatable).toBe(0);
            expect(stress(one, shock(d * (1 + 1e-7))).liquidatable).toBe(1);
          }
        }
      }),
    );
  });
});

describe("bookDebtSigma: a /risk row's debt side for the odds", () => {
  const USDC = "0x00000000000000000000000000000000000000E3";
  const WETH = "0x00000000000000000000000000000000000000e1";
  const sigmas = { [USDC.toLowerCase()]: 0.01, [WETH]: 0.6 };
  it("one debt asset is its volatility; several are folded by their shares (debtSide); unknown or none is no odds", () => {
    expect(bookDebtSigma([{ asset: USDC, share: 1 }], sigmas)).toBe(0.01);
    const two = [
      { asset: USDC, share: 10_000 / 13_000 },
      { asset: WETH, share: 3_000 / 13_000 },
    ];
    expect(bookDebtSigma(two, sigmas)).toBeCloseTo(
      debtSide([
        { value: 10_000, sigma: 0.01 },
        { value: 3_000, sigma: 0.6 },
      ]).baseSigma,
      12,
    );
    expect(bookDebtSigma(two, sigmas)!).toBeGreaterThan(0.01);
    expect(bookDebtSigma(two, { ...sigmas, [WETH]: null })).toBeNull();
    expect(bookDebtSigma([], sigmas)).toBeNull();
  });
});
