import { MarketUtils, MathLib } from "@morpho-org/blue-sdk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accrueInterest,
  borrowAssets,
  collateralLiquidationPrice,
  debtLiquidationFactor,
  healthFactor,
  isHealthy,
  liquidationIncentiveFactor,
  maxBorrow,
  maxWithdraw,
  morphoPosition,
  type MorphoMarketState,
} from "./math";
import { maxWithinHealth, positionAfter } from "../preview";
import { toSharesUp } from "../../engine/shares";
import { WAD } from "../../engine/math";

const T = 1_700_000_000n;

/** A random account on a random market, accrued to its block (as the one-call read returns it). */
const stateArb = fc
  .record({
    supply: fc.bigInt({ min: 1n, max: 10n ** 30n }),
    utilisation: fc.integer({ min: 0, max: 100 }),
    shareRatio: fc.bigInt({ min: 10n ** 6n, max: 10n ** 12n }),
    ownShare: fc.integer({ min: 0, max: 100 }),
    collateral: fc.bigInt({ min: 0n, max: 10n ** 30n }),
    price: fc.bigInt({ min: 1n, max: 10n ** 50n }),
    lltv: fc.constantFrom(385n, 625n, 770n, 860n, 915n, 945n, 965n, 980n).map((x) => x * 10n ** 15n),
  })
  .map(({ supply, utilisation, shareRatio, ownShare, collateral, price, lltv }): MorphoMarketState => {
    const totalBorrowAssets = (supply * BigInt(utilisation)) / 100n;
    const totalBorrowShares = totalBorrowAssets * shareRatio;
    const borrowShares = (totalBorrowShares * BigInt(ownShare)) / 100n;
    const z = "0x0000000000000000000000000000000000000001" as const;
    return {
      chainId: 1,
      morpho: z,
      id: "0x01",
      name: "m",
      owner: z,
      timestamp: T,
      params: { loanToken: z, collateralToken: z, oracle: z, irm: z, lltv },
      loanToken: { address: z, symbol: "L", decimals: 6 },
      collateralToken: { address: z, symbol: "C", decimals: 18 },
      market: { totalSupplyAssets: supply, totalSupplyShares: supply * 10n ** 6n, totalBorrowAssets, totalBorrowShares, lastUpdate: T, fee: 0n },
      price,
      position: { supplyShares: 0n, borrowShares, collateral },
    };
  });

const sdkMarket = (s: MorphoMarketState) => ({ ...s.market, price: s.price });
const sdkPosition = (s: MorphoMarketState) => ({ collateral: s.position.collateral, borrowShares: s.position.borrowShares });

describe("Morpho Blue adapter math equals @morpho-org/blue-sdk", () => {
  it("health factor, debt and health", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const sdkHf = MarketUtils.getHealthFactor(sdkPosition(s), sdkMarket(s), s.params);
        const hf = healthFactor(s);
        expect(hf ?? MathLib.MAX_UINT_256).toBe(sdkHf);
        expect(borrowAssets(s)).toBe(MarketUtils.toBorrowAssets(s.position.borrowShares, s.market));
        expect(isHealthy(s.position.collateral, s.position.borrowShares, s.market, s.price, s.params.lltv)).toBe(
          MarketUtils.isHealthy(sdkPosition(s), sdkMarket(s), s.params),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("liquidation price: the exact boundary, and blue-sdk's within one unit of rounding of it", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const ours = collateralLiquidationPrice(s);
        const sdk = MarketUtils.getLiquidationPrice(sdkPosition(s), s.market, s.params);
        if (s.position.borrowShares === 0n) {
          expect(ours).toBeNull();
          expect(sdk).toBeNull();
          return;
        }
        // Ours is the highest unhealthy price (exact): one more is healthy.
        const healthyAt = (p: bigint) => isHealthy(s.position.collateral, s.position.borrowShares, s.market, p, s.params.lltv);
        if (ours !== MathLib.MAX_UINT_256) {
          expect(healthyAt(ours!)).toBe(false);
          expect(healthyAt(ours! + 1n)).toBe(true);
        }
        if (sdk === MathLib.MAX_UINT_256) {
          // blue-sdk gives up when LLTV × collateral rounds to zero; the chain may still have a boundary (ours).
          expect((s.position.collateral * s.params.lltv) / WAD).toBe(0n);
          return;
        }
        // blue-sdk solves debt = price × (collateral × LLTV) in one rounding; the chain floors the value in loan units
        // first. They differ by at most one unit of debt or of collateral power, relatively.
        const debt = borrowAssets(s);
        const power = (s.position.collateral * s.params.lltv) / WAD;
        const bound = (2n * (sdk! > ours! ? sdk! : ours!)) / (debt < power ? debt : power) + 2n;
        const diff = sdk! > ours! ? sdk! - ours! : ours! - sdk!;
        expect(diff <= bound).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("max borrow and max withdraw: the largest amounts Morpho accepts, at most blue-sdk's (which ignores share rounding)", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const m = s.market;
        const b = maxBorrow(s);
        const sdkB = MarketUtils.getMaxBorrowableAssets(sdkPosition(s), sdkMarket(s), s.params)!;
        const liquidity = m.totalSupplyAssets - m.totalBorrowAssets;
        const accepts = (x: bigint) => {
          if (x > liquidity) return false;
          const sh = toSharesUp(x, m.totalBorrowAssets, m.totalBorrowShares);
          return isHealthy(
            s.position.collateral,
            s.position.borrowShares + sh,
            { ...m, totalBorrowAssets: m.totalBorrowAssets + x, totalBorrowShares: m.totalBorrowShares + sh },
            s.price,
            s.params.lltv,
          );
        };
        if (b > 0n) expect(accepts(b)).toBe(true);
        expect(accepts(b + 1n)).toBe(false);
        expect(b <= (sdkB < liquidity ? sdkB : liquidity)).toBe(true);
        expect((sdkB < liquidity ? sdkB : liquidity) - b <= 2n + sdkB / 10n ** 12n).toBe(true);

        const w = maxWithdraw(s);
        const sdkW = MarketUtils.getWithdrawableCollateral(sdkPosition(s), sdkMarket(s), s.params)!;
        const ok = (x: bigint) =>
          x <= s.position.collateral && isHealthy(s.position.collateral - x, s.position.borrowShares, m, s.price, s.params.lltv);
        if (w > 0n) expect(ok(w)).toBe(true);
        expect(ok(w + 1n)).toBe(false);
        expect(w >= sdkW).toBe(true); // blue-sdk rounds against the user; ours is the exact limit
      }),
      { numRuns: 2000 },
    );
  });

  it("debt-side liquidation factor: the smallest rise of the loan token that makes the position unhealthy", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const f = debtLiquidationFactor(s);
        if (s.position.borrowShares === 0n) {
          expect(f).toBeNull();
          return;
        }
        const healthyAt = (x: bigint) => isHealthy(s.position.collateral, s.position.borrowShares, s.market, (s.price * WAD) / x, s.params.lltv);
        expect(healthyAt(f!)).toBe(false);
        if (f! > 1n) expect(healthyAt(f! - 1n)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("interest accrual equals blue-sdk's (interest and fee shares)", () => {
    fc.assert(
      fc.property(
        stateArb,
        fc.bigInt({ min: 0n, max: 10n ** 11n }), // up to ~300 %/yr per second
        fc.bigInt({ min: 0n, max: 365n * 86_400n }),
        fc.bigInt({ min: 0n, max: 25n * 10n ** 16n }),
        (s, rate, elapsed, fee) => {
          const market = { ...s.market, fee };
          const ours = accrueInterest(market, rate, T + elapsed);
          const { interest, feeShares } = MarketUtils.getAccruedInterest(rate, market, elapsed);
          expect(ours.totalBorrowAssets - market.totalBorrowAssets).toBe(interest);
          expect(ours.totalSupplyShares - market.totalSupplyShares).toBe(feeShares);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("liquidation incentive factor equals blue-sdk's for any LLTV", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: WAD - 1n }), (lltv) => {
        expect(liquidationIncentiveFactor(lltv)).toBe(MarketUtils.getLiquidationIncentiveFactor({ lltv }));
      }),
      { numRuns: 300 },
    );
    expect(liquidationIncentiveFactor(86n * 10n ** 16n)).toBe(1_043_841_336_116_910_229n);
  });
});

describe("Max on a Morpho position keeps the reader's safety level (lib/protocols/preview.ts maxWithinHealth)", () => {
  it("is the largest borrow or withdrawal within the protocol's limit whose health after is at or above the level", () => {
    fc.assert(
      fc.property(
        stateArb,
        fc.constantFrom(WAD, (WAD * 3n) / 2n, 2n * WAD),
        fc.constantFrom("borrow" as const, "withdraw" as const),
        (s, level, action) => {
          const p = morphoPosition(s);
          const asset = action === "borrow" ? s.loanToken.address : s.collateralToken.address;
          const limit = action === "borrow" ? maxBorrow(s) : maxWithdraw(s);
          const x = maxWithinHealth(p, action, asset, limit, level);
          const healthy = (a: bigint) => {
            const q = positionAfter(p, action, asset, a);
            return q.debts.length === 0 || (q.healthFactor !== null && q.healthFactor >= level);
          };
          expect(x).toBeGreaterThanOrEqual(0n);
          expect(x).toBeLessThanOrEqual(limit > 0n ? limit : 0n);
          if (x > 0n) expect(healthy(x)).toBe(true);
          if (x < limit) expect(healthy(x + 1n)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
