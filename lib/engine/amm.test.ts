import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { alignedPool, arbitrageTrade, getAmountIn, getAmountOut, isqrt, priceImpact, sellInto } from "./amm";

describe("constant-product math", () => {
  it("quotes like Uniswap V2 (0.3% fee)", () => {
    // 1 WETH into 1,000 WETH / 3,000,000 USDC: 0.997 × 3e12 / 1000.997 ≈ 2988.02 USDC
    expect(getAmountOut(10n ** 18n, 1000n * 10n ** 18n, 3_000_000n * 10n ** 6n)).toBe(2_988_020_943n);
    expect(getAmountOut(0n, 1n, 1n)).toBe(0n);
    expect(getAmountIn(3_000_000n * 10n ** 6n, 1000n, 3_000_000n * 10n ** 6n)).toBeNull();
  });

  it("getAmountIn is the least input whose output covers amountOut", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 30n }),
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        (rIn, rOut, out) => {
          fc.pre(out < rOut);
          const amountIn = getAmountIn(out, rIn, rOut)!;
          expect(getAmountOut(amountIn, rIn, rOut) >= out).toBe(true);
        },
      ),
    );
  });

  it("price impact grows with size", () => {
    const r = [1000n * 10n ** 18n, 3_000_000n * 10n ** 6n] as const;
    const small = priceImpact(10n ** 6n, getAmountOut(10n ** 6n, r[1], r[0]), r[1], r[0]);
    const big = priceImpact(10n ** 12n, getAmountOut(10n ** 12n, r[1], r[0]), r[1], r[0]);
    expect(small).toBeLessThan(0.0001);
    expect(big).toBeGreaterThan(0.2);
  });

  it("isqrt is the floor square root", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 60n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
    );
  });

  it("arbitrage moves the pool price to the target", () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 200 }), (pct) => {
        const rA = 1000n * 10n ** 18n; // WETH
        const rB = 3_000_000n * 10n ** 6n; // USDC at $3,000
        // Target: $3,000 × pct / 100, in USDC units per WETH unit.
        const tNum = 3000n * BigInt(pct) * 10n ** 6n;
        const tDen = 100n * 10n ** 18n;
        const trade = arbitrageTrade(rA, rB, tNum, tDen);
        if (pct === 100) {
          expect(trade).toBeNull();
          return;
        }
        expect(trade).not.toBeNull();
        const { sell, amountIn } = trade!;
        const [nA, nB] = sell === "B" ? [rA - getAmountOut(amountIn, rB, rA), rB + amountIn] : [rA + amountIn, rB - getAmountOut(amountIn, rA, rB)];
        const price = Number(nB * 10n ** 12n) / Number(nA); // USD per WETH
        expect(Math.abs(price / (30 * pct) - 1)).toBeLessThan(0.001); // within a tenth of the 0.3% fee band
      }),
    );
  });
});

describe("sequential pricing", () => {
  it("sellInto pays getAmountOut and leaves the pool the next sale meets", () => {
    const pool = { reserveIn: 2000n * 10n ** 18n, reserveOut: 6_000_000n * 10n ** 6n };
    const first = sellInto(pool, 10n ** 18n);
    expect(first.amountOut).toBe(getAmountOut(10n ** 18n, pool.reserveIn, pool.reserveOut));
    expect(first.pool).toEqual({ reserveIn: pool.reserveIn + 10n ** 18n, reserveOut: pool.reserveOut - first.amountOut });
    expect(sellInto(first.pool, 10n ** 18n).amountOut).toBeLessThan(first.amountOut);
  });

  it("alignedPool is the pool after arbitrageTrade's trade, at the target price", () => {
    const pool = { reserveIn: 2000n * 10n ** 18n, reserveOut: 6_000_000n * 10n ** 6n }; // $3,000
    const target = alignedPool(pool, 1950n * 10n ** 6n, 10n ** 18n, 0n); // $1,950
    const price = Number(target.reserveOut) / 1e6 / (Number(target.reserveIn) / 1e18);
    expect(Math.abs(price - 1950)).toBeLessThan(2);
    const up = alignedPool(target, 3000n * 10n ** 6n, 10n ** 18n, 0n);
    expect(Math.abs(Number(up.reserveOut) / 1e6 / (Number(up.reserveIn) / 1e18) - 3000)).toBeLessThan(3);
    expect(alignedPool(pool, 3000n * 10n ** 6n, 10n ** 18n)).toEqual(pool);
  });
});
