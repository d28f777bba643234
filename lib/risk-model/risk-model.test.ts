import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../analytics/random";
import { WAD } from "../engine/math";
import { ewmaVolatility, ewmaVolatilitySeries, realisedVolatility, type PricePoint } from "../analytics/volatility";
import { replay, SAFER_DELAY_SECONDS, type BacktestMarket } from "./backtest";
import { MAX_LT, validCollateral } from "./bounds";
import { blocksToClear, KEEPER_GAS_PER_LIQUIDATION, liquidationImpact, liquidationSeconds } from "./inputs";
import { DEFAULT_POLICY, insolvencyOdds, recommend, type ModelInputs } from "./model";
import { DEFAULT_STEWARD_RULES, nextStep } from "./steward";

const pct = (x: number) => BigInt(Math.round(x * 1e4)) * 10n ** 14n;
const abs = (x: bigint) => (x < 0n ? -x : x);

const arbInputs = fc.record({
  sigma: fc.double({ min: 0.05, max: 5, noNaN: true }),
  liquidationSeconds: fc.double({ min: 12, max: 86_400, noNaN: true }),
  priceImpact: fc.double({ min: 0, max: 0.2, noNaN: true }),
});

function gbm(seed: number, n: number, stepSeconds: number, sigmas: (k: number) => number): PricePoint[] {
  const { normal } = seededRandom(seed);
  let p = 3000;
  const out: PricePoint[] = [];
  for (let k = 0; k < n; k++) {
    out.push({ answer: p, updatedAt: 1_000_000 + k * stepSeconds });
    const s = sigmas(k) * Math.sqrt(stepSeconds / 31_536_000);
    p *= Math.exp(s * normal() - (s * s) / 2);
  }
  return out;
}

describe("EWMA volatility (lib/analytics/volatility.ts)", () => {
  it("without decay equals the realised estimator", () => {
    const pts = gbm(1, 300, 3600, () => 0.8);
    const flat = realisedVolatility(pts)!;
    const ewma = ewmaVolatility(pts, { halfLifeSeconds: 1e15 })!;
    expect(ewma.annual).toBeCloseTo(flat.annual, 6);
  });

  it("finds a constant volatility and follows a regime shift faster than the flat estimator", () => {
    const calm = ewmaVolatility(gbm(2, 24 * 30, 3600, () => 0.6))!;
    expect(calm.annual).toBeGreaterThan(0.45);
    expect(calm.annual).toBeLessThan(0.75);
    const shifted = gbm(3, 24 * 21, 3600, (k) => (k < 24 * 14 ? 0.4 : 1.6));
    const ewma = ewmaVolatility(shifted)!;
    const flat = realisedVolatility(shifted)!;
    expect(ewma.annual).toBeGreaterThan(1.2);
    expect(flat.annual).toBeLessThan(ewma.annual);
  });

  it("refuses a non-positive half-life and needs enough history", () => {
    expect(() =>
      ewmaVolatilitySeries(
        gbm(4, 50, 3600, () => 1),
        { halfLifeSeconds: 0 },
      ),
    ).toThrow(RangeError);
    expect(ewmaVolatility(gbm(4, 5, 3600, () => 1))).toBeNull();
  });
});

describe("inputs", () => {
  it("blocks to clear is the keeper bench's bound (506 liquidations, 30M gas: 2 blocks)", () => {
    expect(blocksToClear(506, KEEPER_GAS_PER_LIQUIDATION, 30_000_000n)).toBe(2);
    expect(blocksToClear(0, KEEPER_GAS_PER_LIQUIDATION, 30_000_000n)).toBe(1);
    expect(liquidationSeconds({ positions: 506, blockGasLimit: 30_000_000n, blockSeconds: 12, oracleLagSeconds: 3600 })).toBe(3624);
  });

  it("the cost of selling the largest positions is at least the pool fee, grows with size and shrinks with depth", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 22n }), { minLength: 1, maxLength: 20 }),
        fc.bigInt({ min: 10n ** 20n, max: 10n ** 24n }),
        (amounts, depth) => {
          const pool = { reserveIn: depth, reserveOut: (depth * 3000n) / 10n ** 12n };
          const c = liquidationImpact(pool, amounts);
          expect(c).toBeGreaterThanOrEqual(0.003 - 1e-9);
          expect(c).toBeLessThanOrEqual(1);
          expect(liquidationImpact(pool, [...amounts, amounts[0]! * 2n])).toBeGreaterThanOrEqual(c - 1e-12);
          expect(liquidationImpact({ reserveIn: depth * 4n, reserveOut: pool.reserveOut * 4n }, amounts)).toBeLessThanOrEqual(c + 1e-12);
        },
      ),
    );
  });
});

describe("the model", () => {
  it("odds are in [0, 1] and rise with LT, volatility, time and pool cost", () => {
    fc.assert(
      fc.property(arbInputs, fc.double({ min: 0.3, max: 0.94, noNaN: true }), (x, lt) => {
        const p = insolvencyOdds(lt, x);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(insolvencyOdds(lt + 0.01, x)).toBeGreaterThanOrEqual(p - 1e-12);
        expect(insolvencyOdds(lt, { ...x, sigma: x.sigma * 1.5 })).toBeGreaterThanOrEqual(p - 1e-12);
        expect(insolvencyOdds(lt, { ...x, liquidationSeconds: x.liquidationSeconds * 2 })).toBeGreaterThanOrEqual(p - 1e-12);
        expect(insolvencyOdds(lt, { ...x, priceImpact: x.priceImpact + 0.01 })).toBeGreaterThanOrEqual(p - 1e-12);
      }),
    );
  });

  it("recommends valid parameters on the grid, within the target, and the highest LT that is", () => {
    fc.assert(
      fc.property(arbInputs, (x: ModelInputs) => {
        const r = recommend(x);
        if (!r) return;
        expect(validCollateral(r)).toBe(true);
        expect(r.insolvencyOdds).toBeLessThanOrEqual(DEFAULT_POLICY.insolvencyTarget);
        expect(r.ltv < r.liquidationThreshold).toBe(true);
        const grid = pct(DEFAULT_POLICY.granularity);
        expect(r.liquidationThreshold % grid).toBe(0n);
        expect(r.ltv % grid).toBe(0n);
        // Maximal: one grid step higher fails the target or the bounds.
        const up = r.liquidationThreshold + grid;
        const upOk =
          up <= MAX_LT &&
          insolvencyOdds(Number(up) / 1e18, x) <= DEFAULT_POLICY.insolvencyTarget &&
          validCollateral({ ltv: 0n, liquidationThreshold: up, maxDiscount: r.maxDiscount });
        expect(upOk).toBe(false);
        // The discount covers what the liquidator needs.
        expect(Number(r.maxDiscount) / 1e18).toBeGreaterThanOrEqual(Math.min(r.requiredDiscount, 0.25) - 1e-9);
      }),
    );
  });

  it("is monotone: more volatility, a slower liquidation or a shallower pool never raise LT or LTV", () => {
    fc.assert(
      fc.property(arbInputs, fc.double({ min: 1, max: 3, noNaN: true }), (x, k) => {
        const base = recommend(x);
        for (const worse of [
          { ...x, sigma: x.sigma * k },
          { ...x, liquidationSeconds: x.liquidationSeconds * k },
          { ...x, priceImpact: x.priceImpact * k },
        ]) {
          const r = recommend(worse);
          if (!base) expect(r).toBeNull();
          else if (r) {
            expect(r.liquidationThreshold <= base.liquidationThreshold).toBe(true);
            if (r.liquidationThreshold === base.liquidationThreshold) expect(r.ltv <= base.ltv).toBe(true);
          }
        }
      }),
    );
  });

  it("refuses negative inputs and recommends nothing for a pool that cannot absorb the sale", () => {
    expect(() => recommend({ sigma: -1, liquidationSeconds: 10, priceImpact: 0 })).toThrow(RangeError);
    expect(recommend({ sigma: 0.5, liquidationSeconds: 10, priceImpact: 0.4 })).toBeNull();
  });
});

describe("RiskBoundsLib mirror", () => {
  it("(1 + maxDiscount) × LT < 1, LTV < LT ≤ 95 %, 1 % ≤ maxDiscount ≤ 25 %", () => {
    expect(validCollateral({ ltv: pct(0.8), liquidationThreshold: pct(0.85), maxDiscount: pct(0.1) })).toBe(true);
    expect(validCollateral({ ltv: pct(0.8), liquidationThreshold: pct(0.91), maxDiscount: pct(0.1) })).toBe(false);
    expect(validCollateral({ ltv: pct(0.85), liquidationThreshold: pct(0.85), maxDiscount: pct(0.1) })).toBe(false);
    expect(validCollateral({ ltv: pct(0.8), liquidationThreshold: pct(0.96), maxDiscount: pct(0.01) })).toBe(false);
    expect(validCollateral({ ltv: pct(0.5), liquidationThreshold: pct(0.6), maxDiscount: pct(0.26) })).toBe(false);
    expect(validCollateral({ ltv: pct(0.5), liquidationThreshold: pct(0.6), maxDiscount: pct(0.009) })).toBe(false);
    // The rounding edge: (1 + d) × LT exactly 1 is refused.
    expect(validCollateral({ ltv: 0n, liquidationThreshold: (WAD * WAD) / (WAD + pct(0.25)), maxDiscount: pct(0.25) })).toBe(false);
  });
});

describe("the steward's next step", () => {
  const arbRatio = fc.integer({ min: 100, max: 9_400 }).map((bps) => BigInt(bps) * 10n ** 14n);
  it("moves each parameter by at most a step, toward the target, and stays valid", () => {
    fc.assert(
      fc.property(arbRatio, arbRatio, arbRatio, arbRatio, fc.integer({ min: 100, max: 2_500 }), (a, b, c, d, md) => {
        const maxDiscount = BigInt(md) * 10n ** 14n;
        const cur = { ltv: a < b ? a : b, liquidationThreshold: a < b ? b : a, maxDiscount };
        const target = { ltv: c < d ? c : d, liquidationThreshold: c < d ? d : c };
        fc.pre(cur.ltv < cur.liquidationThreshold && validCollateral(cur));
        const s = nextStep(cur, target);
        if (!s) return;
        expect(abs(s.ltv - cur.ltv) <= DEFAULT_STEWARD_RULES.maxStep).toBe(true);
        expect(abs(s.liquidationThreshold - cur.liquidationThreshold) <= DEFAULT_STEWARD_RULES.maxStep).toBe(true);
        expect(validCollateral({ ...s, maxDiscount })).toBe(true);
        expect(abs(s.liquidationThreshold - target.liquidationThreshold) <= abs(cur.liquidationThreshold - target.liquidationThreshold)).toBe(true);
        expect(s.safer).toBe(s.ltv <= cur.ltv && s.liquidationThreshold <= cur.liquidationThreshold);
      }),
    );
  });

  it("proposes nothing within the deadband and reaches a valid target step by step", () => {
    const cur = { ltv: pct(0.8), liquidationThreshold: pct(0.85), maxDiscount: pct(0.1) };
    expect(nextStep(cur, { ltv: pct(0.8), liquidationThreshold: pct(0.853) })).toBeNull();
    let p = cur;
    const target = { ltv: pct(0.66), liquidationThreshold: pct(0.72) };
    for (let i = 0; i < 10; i++) {
      const s = nextStep(p, target);
      if (!s) break;
      p = { ...p, ...s };
    }
    expect(p.liquidationThreshold).toBe(target.liquidationThreshold);
    expect(p.ltv).toBe(target.ltv);
  });
});

describe("backtest replay", () => {
  const market = (prices: number[]): BacktestMarket => ({
    prices,
    stepSeconds: 3600,
    params: { ltv: pct(0.8), liquidationThreshold: pct(0.85), maxDiscount: pct(0.1) },
    vaults: Array.from({ length: 20 }, (_, i) => ({ amount: BigInt(1 + i) * 10n ** 18n, debt: 0n, usage: 0.5 + i / 45 })),
    pool: { reserveIn: 2000n * 10n ** 18n, reserveOut: 6_000_000n * 10n ** 6n },
    liquidationSeconds: 3624,
  });
  const shift = gbm(7, 24 * 21, 3600, (k) => (k < 24 * 7 ? 0.4 : 3)).map((p) => Number(p.answer));

  it("is deterministic and fixed parameters never move", () => {
    const a = replay(market(shift), null);
    expect(replay(market(shift), null)).toEqual(a);
    expect(new Set(a.path.map((p) => p.lt)).size).toBe(1);
    expect(a.changes).toHaveLength(0);
  });

  it("the steward moves at most a step per change and waits its interval; a volatility shift lowers LT", () => {
    const r = replay(market(shift), {});
    expect(r.changes.length).toBeGreaterThan(0);
    let prev = { ltv: pct(0.8), liquidationThreshold: pct(0.85), t: -Infinity };
    for (const c of r.changes) {
      expect(abs(c.liquidationThreshold - prev.liquidationThreshold) <= DEFAULT_STEWARD_RULES.maxStep).toBe(true);
      expect(abs(c.ltv - prev.ltv) <= DEFAULT_STEWARD_RULES.maxStep).toBe(true);
      expect(c.t - prev.t).toBeGreaterThanOrEqual(DEFAULT_STEWARD_RULES.minInterval + SAFER_DELAY_SECONDS);
      prev = c;
    }
    expect(r.path.at(-1)!.lt).toBeLessThan(0.85);
  });
});
