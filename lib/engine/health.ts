/**
 * HealthLib (contracts/src/libraries/HealthLib.sol) on bigint: every value, health-factor and liquidation formula the
 * engine uses, with its rounding. Prices are USD per whole token (WAD), values USD (WAD); where HealthLib takes a
 * token's `scale` these take its decimals. Collateral value rounds down and debt value rounds up, so a vault always
 * looks at most as healthy as it is. lib/engine/risk.chain.test.ts and lib/engine/liquidation.chain.test.ts compare them with the chain.
 */
import { MAX_UINT256, mulDivDown, mulDivUp, WAD, wDivDown, wDivUp, wMulDown, wMulUp } from "./math";

/** Health factor of a vault without debt (type(uint256).max). */
export const INFINITE_HEALTH = MAX_UINT256;
/** Smallest liquidation discount (1 %), paid even to a vault barely under water. */
export const MIN_DISCOUNT = 10n ** 16n;
/** Health factor a liquidation may restore a vault to, and no further (unless the vault is dust): 1.05. */
export const TARGET_HEALTH = 105n * 10n ** 16n;
/** A debt or collateral worth less than this is dust (HealthLib.DUST_VALUE, $10): repaid whole, ignored as a better collateral. */
export const DUST_VALUE = 10n * WAD;
/** Tolerance of `seizureLowersHealth`: a seizure that keeps HF within this is not one that lowers it. */
export const HEALTH_TOLERANCE = 10n ** 9n;

/** 10^decimals, computed once per decimals (a book values 100,000 vaults with a handful of them). */
const SCALES: bigint[] = [];
export const scaleOf = (decimals: number) => SCALES[decimals] ?? (SCALES[decimals] = 10n ** BigInt(decimals));

/** USD value (WAD) of `amount` token units at `price`, rounded down (for collateral). */
export const valueDown = (amount: bigint, price: bigint, decimals: number) => mulDivDown(amount, price, scaleOf(decimals));
/** USD value (WAD) of `amount` token units at `price`, rounded up (for debt). */
export const valueUp = (amount: bigint, price: bigint, decimals: number) => mulDivUp(amount, price, scaleOf(decimals));

/** Σ collateral value × LT / debt value; INFINITE_HEALTH without debt. */
export function healthFactor(liquidationValue: bigint, debtValue: bigint): bigint {
  return debtValue === 0n ? INFINITE_HEALTH : wDivDown(liquidationValue, debtValue);
}

/**
 * HealthLib.discount: clamp(1 − hf, MIN_DISCOUNT, maxDiscount), then capped at the vault's margin
 * (collateralValue ÷ debtValue − 1) while its collateral covers its debt, so a solvent vault is never written off.
 */
export function liquidationDiscount(hf: bigint, maxDiscount: bigint, collateralValue: bigint, debtValue: bigint): bigint {
  let d = hf < WAD ? WAD - hf : 0n;
  if (d < MIN_DISCOUNT) d = MIN_DISCOUNT;
  if (d > maxDiscount) d = maxDiscount;
  if (collateralValue >= debtValue && debtValue > 0n) {
    const margin = wDivDown(collateralValue, debtValue) - WAD;
    if (d > margin) d = margin;
  }
  return d;
}

/** Seizing at LT `lt` and discount `d` lowers HF iff (1 + d) × lt > hf (beyond HEALTH_TOLERANCE). */
export const seizureLowersHealth = (hf: bigint, lt: bigint, d: bigint) => hf + HEALTH_TOLERANCE < wMulDown(WAD + d, lt);

/** Extra base units a vault may borrow while staying within LTV (0 when at or over the limit). */
export function borrowCapacity(borrowLimitValue: bigint, debtValue: bigint, basePrice: bigint, baseDecimals: number): bigint {
  if (borrowLimitValue <= debtValue || basePrice === 0n) return 0n;
  return mulDivDown(borrowLimitValue - debtValue, scaleOf(baseDecimals), basePrice);
}

/**
 * Price of one collateral at which the vault's health factor is 1, the rest of the vault held fixed; 0 when the other
 * collateral covers the debt alone or the vault holds none of the asset.
 */
export function collateralLiquidationPrice(debtValue: bigint, otherLiquidationValue: bigint, amount: bigint, lt: bigint, decimals: number): bigint {
  if (debtValue <= otherLiquidationValue || amount === 0n || lt === 0n) return 0n;
  return mulDivUp(wDivUp(debtValue - otherLiquidationValue, lt), scaleOf(decimals), amount);
}

/** Largest repayment value (USD) after which hf ≤ TARGET_HEALTH, seizing at `bonusLt` = (1 + d) × lt. */
export function maxRepayValue(liquidationValue: bigint, debtValue: bigint, bonusLt: bigint): bigint {
  const targetLiq = wMulUp(debtValue, TARGET_HEALTH);
  if (targetLiq <= liquidationValue) return 0n;
  return mulDivUp(targetLiq - liquidationValue, WAD, TARGET_HEALTH - bonusLt);
}

/** Collateral units seized for `repaid` base units at `discount` (every step rounds down). */
export function seizedForRepay(repaid: bigint, basePrice: bigint, baseDecimals: number, price: bigint, decimals: number, discount: bigint): bigint {
  return mulDivDown(wMulDown(valueDown(repaid, basePrice, baseDecimals), WAD + discount), scaleOf(decimals), price);
}

/** Base units a liquidator must repay to seize `seized` collateral units at `discount` (every step rounds up). */
export function repayForSeized(seized: bigint, basePrice: bigint, baseDecimals: number, price: bigint, decimals: number, discount: bigint): bigint {
  return mulDivUp(wDivUp(valueUp(seized, price, decimals), WAD + discount), scaleOf(baseDecimals), basePrice);
}
