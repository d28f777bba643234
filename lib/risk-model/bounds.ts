/**
 * The hard bounds of a collateral's risk parameters, mirroring `contracts/src/libraries/RiskBoundsLib.sol`
 * `validateCollateral` (same constants, same rounding: (1 + maxDiscount) × LT rounded up must stay below 1). The chain
 * test `lib/risk-model/risk-model.chain.test.ts` proves the two agree through the risk admin's own check.
 */
import { WAD, wMulUp } from "../engine/math";
import { MIN_DISCOUNT } from "../engine/health";

/** RiskBoundsLib.MAX_LT. */
export const MAX_LT = 95n * 10n ** 16n;
/** RiskBoundsLib.MAX_DISCOUNT. */
export const MAX_DISCOUNT = 25n * 10n ** 16n;

/** WAD ratios of one collateral. */
export interface CollateralRatios {
  ltv: bigint;
  liquidationThreshold: bigint;
  maxDiscount: bigint;
}

/** RiskBoundsLib.validateCollateral as a predicate: LTV < LT ≤ 95 %, 1 % ≤ maxDiscount ≤ 25 %, (1 + maxDiscount) × LT < 1. */
export function validCollateral(p: CollateralRatios): boolean {
  return (
    p.liquidationThreshold <= MAX_LT &&
    p.ltv < p.liquidationThreshold &&
    p.maxDiscount >= MIN_DISCOUNT &&
    p.maxDiscount <= MAX_DISCOUNT &&
    wMulUp(WAD + p.maxDiscount, p.liquidationThreshold) < WAD
  );
}
