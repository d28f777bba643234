import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { borrowRateAt, rateCurve, SECONDS_PER_YEAR, supplyRateAt, toChartPercent, utilization, type RateModel } from "./rates";
import { WAD } from "./math";

const perSecond = (annualPercent: bigint) => (annualPercent * WAD) / 100n / SECONDS_PER_YEAR;
const pct = (p: bigint) => (p * WAD) / 100n;

// The local USDC market: 0 % base, +4 % to the 80 % kink, +75 % more to 100 %.
const usdc: RateModel = { baseRate: 0n, slope1: perSecond(4n), slope2: perSecond(75n), kink: pct(80n) };

describe("borrowRateAt", () => {
  it("is the base rate at 0 %, base + slope1 at the kink, base + slope1 + slope2 at 100 %", () => {
    const m = { ...usdc, baseRate: perSecond(1n) };
    expect(borrowRateAt(m, 0n)).toBe(m.baseRate);
    expect(borrowRateAt(m, m.kink)).toBe(m.baseRate + m.slope1);
    expect(borrowRateAt(m, WAD)).toBe(m.baseRate + m.slope1 + m.slope2);
  });

  it("rounds each slope term down like mulDivDown", () => {
    const u = pct(40n) + 7n;
    expect(borrowRateAt(usdc, u)).toBe((usdc.slope1 * u) / usdc.kink);
    const v = pct(90n) + 3n;
    expect(borrowRateAt(usdc, v)).toBe(usdc.slope1 + (usdc.slope2 * (v - usdc.kink)) / (WAD - usdc.kink));
  });

  it("never decreases with utilisation", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: WAD }), fc.bigInt({ min: 0n, max: WAD }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return borrowRateAt(usdc, lo) <= borrowRateAt(usdc, hi);
      }),
    );
  });
});

describe("supplyRateAt", () => {
  it("is borrow × u × (1 − reserve factor), each product rounded down", () => {
    const u = pct(50n) + 11n;
    const rf = pct(10n);
    const b = borrowRateAt(usdc, u);
    expect(supplyRateAt(usdc, u, rf)).toBe((((b * u) / WAD) * (WAD - rf)) / WAD);
  });

  it("is zero at zero utilisation and never above the borrow rate", () => {
    expect(supplyRateAt({ ...usdc, baseRate: perSecond(2n) }, 0n, 0n)).toBe(0n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: WAD }),
        fc.bigInt({ min: 0n, max: WAD / 2n }),
        (u, rf) => supplyRateAt(usdc, u, rf) <= borrowRateAt(usdc, u),
      ),
    );
  });
});

describe("utilization", () => {
  it("is 0 without borrows, borrows / (cash + borrows − reserves) otherwise, capped at 100 %", () => {
    expect(utilization(0n, 100n, 0n)).toBe(0n);
    expect(utilization(25n, 75n, 0n)).toBe(pct(25n));
    expect(utilization(25n, 80n, 5n)).toBe(pct(25n));
    expect(utilization(10n, 0n, 20n)).toBe(WAD);
    expect(utilization(1n, 2n, 0n)).toBe(WAD / 3n);
  });
});

describe("rateCurve", () => {
  it("spans 0–100 % with the kink as its own point, sorted and without duplicates", () => {
    const curve = rateCurve({ ...usdc, kink: pct(85n) / 10n + 1n }, pct(10n), 10);
    const us = curve.map((p) => p.utilization);
    expect(us[0]).toBe(0n);
    expect(us.at(-1)).toBe(WAD);
    expect(us).toHaveLength(12);
    expect([...us].sort((a, b) => (a < b ? -1 : 1))).toEqual(us);
  });

  it("does not repeat a kink that falls on a step", () => {
    const curve = rateCurve(usdc, pct(10n), 100);
    expect(curve).toHaveLength(101);
    expect(curve.find((p) => p.utilization === usdc.kink)?.borrowRate).toBe(usdc.slope1);
  });

  it("uses the same functions as the single-point rates", () => {
    for (const p of rateCurve(usdc, pct(10n), 20)) {
      expect(p.borrowRate).toBe(borrowRateAt(usdc, p.utilization));
      expect(p.supplyRate).toBe(supplyRateAt(usdc, p.utilization, pct(10n)));
    }
  });

  it("refuses a non-positive step count", () => {
    expect(() => rateCurve(usdc, 0n, 0)).toThrow();
  });
});

describe("toChartPercent", () => {
  it("turns WAD ratios and per-second rates into percent numbers", () => {
    expect(toChartPercent(pct(80n))).toBe(80);
    expect(toChartPercent(usdc.slope1, true)).toBeCloseTo(4, 4);
  });
});
