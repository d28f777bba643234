/**
 * Liquidation sizing for keepers, on bigint, mirroring the engine (contracts/src/engine/KeelMarketModule.sol
 * `liquidate` and HealthLib): the discount clamp(1 − HF, 1 %, maxDiscount) capped at the vault's margin while its
 * collateral covers its debt, the refusal of a seizure that would lower HF while another collateral would raise it,
 * the repayment cap that brings a vault back to HF 1.05 (whole debt when it is dust), and the seize-everything branch
 * of a vault too deep for that. The keeper sizes a flash loan with it, then simulates the real transaction (eth_call)
 * before sending: the chain is the final word; this only avoids borrowing far more than the engine would take.
 */
import { WAD, valueDown, valueUp } from "./risk";

export const MIN_DISCOUNT = 10n ** 16n; // 1 %
export const TARGET_HEALTH = 105n * 10n ** 16n; // 1.05
export const DUST_VALUE = 10n * WAD; // $10
/** HealthLib.HEALTH_TOLERANCE: a seizure that keeps HF within this is not one that lowers it. */
export const HEALTH_TOLERANCE = 10n ** 9n;

const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + (d - 1n)) / d;
const mulDivDown = (x: bigint, y: bigint, d: bigint) => (x * y) / d;
const wMulUp = (x: bigint, y: bigint) => mulDivUp(x, y, WAD);
const wMulDown = (x: bigint, y: bigint) => mulDivDown(x, y, WAD);
const wDivUp = (x: bigint, y: bigint) => mulDivUp(x, WAD, y);
const scaleOf = (decimals: number) => 10n ** BigInt(decimals);

/** What the liquidation of one collateral of a vault needs. */
export interface LiquidationInput {
  /** Vault health factor (WAD, < 1), Σ value × LT and debt value (USD, WAD), debt (base units). */
  healthFactor: bigint;
  liquidationValue: bigint;
  debtValue: bigint;
  debt: bigint;
  baseDecimals: number;
  basePrice: bigint;
  /** The collateral seized. */
  amount: bigint;
  decimals: number;
  price: bigint;
  liquidationThreshold: bigint;
  maxDiscount: bigint;
  /** Σ collateral value (USD, WAD; unpriced collateral counts as zero): the discount is capped at the margin. */
  collateralValue: bigint;
  /** The vault's other collaterals (priced value, LT, max discount): a seizure of this one that lowers HF is refused
   * while one of them worth at least DUST_VALUE would raise it. */
  others?: readonly { value: bigint; liquidationThreshold: bigint; maxDiscount: bigint }[];
}

export interface LiquidationSize {
  discount: bigint;
  /** Base units the engine takes from the liquidator. */
  repay: bigint;
  /** Collateral units it sends. */
  seized: bigint;
  /** USD (WAD) value of `seized` at the oracle price minus the repayment's value: the liquidator's gross gain. */
  grossValue: bigint;
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
    const margin = mulDivDown(collateralValue, WAD, debtValue) - WAD;
    if (d > margin) d = margin;
  }
  return d;
}

/** HealthLib.seizureLowersHealth: seizing at LT `lt` and discount `d` lowers HF iff (1 + d) × lt > hf. */
export const seizureLowersHealth = (hf: bigint, lt: bigint, d: bigint) => hf + HEALTH_TOLERANCE < wMulDown(WAD + d, lt);

const seizedFor = (repaid: bigint, x: LiquidationInput, d: bigint) =>
  mulDivDown(wMulDown(valueDown(repaid, x.basePrice, x.baseDecimals), WAD + d), scaleOf(x.decimals), x.price);
const repayFor = (seized: bigint, x: LiquidationInput, d: bigint) =>
  mulDivUp(wDivUp(valueUp(seized, x.price, x.decimals), WAD + d), scaleOf(x.baseDecimals), x.basePrice);

/** The engine's liquidation of `x` with an unlimited repayment offer; null if the vault is not liquidatable, or not
 * through this collateral (it would lower HF while another collateral would raise it). */
export function liquidationSize(x: LiquidationInput): LiquidationSize | null {
  if (x.healthFactor >= WAD || x.debt === 0n || x.amount === 0n || x.price === 0n || x.basePrice === 0n) return null;
  const d = liquidationDiscount(x.healthFactor, x.maxDiscount, x.collateralValue, x.debtValue);
  const bonusLt = wMulUp(WAD + d, x.liquidationThreshold);
  let repay: bigint;
  let seized: bigint;
  if (seizureLowersHealth(x.healthFactor, x.liquidationThreshold, d)) {
    const anotherRaises = (x.others ?? []).some(
      (o) =>
        o.value >= DUST_VALUE &&
        !seizureLowersHealth(
          x.healthFactor,
          o.liquidationThreshold,
          liquidationDiscount(x.healthFactor, o.maxDiscount, x.collateralValue, x.debtValue),
        ),
    );
    if (anotherRaises) return null; // the engine refuses (LiquidationLowersHealth): seize the other collateral

    seized = x.amount;
    repay = repayFor(seized, x, d);
    if (repay > x.debt) {
      repay = x.debt;
      seized = seizedFor(repay, x, d);
    }
  } else {
    const targetLiq = wMulUp(x.debtValue, TARGET_HEALTH);
    const maxRepayValue = targetLiq <= x.liquidationValue ? 0n : mulDivUp(targetLiq - x.liquidationValue, WAD, TARGET_HEALTH - bonusLt);
    let maxRepay = mulDivUp(maxRepayValue, scaleOf(x.baseDecimals), x.basePrice);
    if (maxRepay >= x.debt || x.debtValue <= DUST_VALUE || valueUp(x.debt - maxRepay, x.basePrice, x.baseDecimals) < DUST_VALUE) {
      maxRepay = x.debt;
    }
    repay = maxRepay;
    seized = seizedFor(repay, x, d);
    if (seized > x.amount) {
      seized = x.amount;
      const r = repayFor(seized, x, d);
      repay = r < x.debt ? r : x.debt;
    }
  }
  const grossValue = valueDown(seized, x.price, x.decimals) - valueUp(repay, x.basePrice, x.baseDecimals);
  return { discount: d, repay, seized, grossValue };
}

/**
 * The repayment to offer (and flash-borrow): the engine's repayment plus `marginBps` (rounding and interest between
 * blocks). Not capped at the debt seen: when the liquidation repays the whole debt, interest accrued since the scan
 * makes the debt larger, and an offer of the debt seen left 1 unit owed beside the seized balance's dust — a vault
 * liquidatable again (bench:keeper, 2026-12-01). The market never takes more than its rules require.
 */
export function flashAmountFor(size: LiquidationSize, marginBps = 10n): bigint {
  return size.repay + (size.repay * marginBps) / 10_000n + 1n;
}

/** USD value (WAD) of `amount` base units at `price` (USD per whole token, WAD), rounded down. */
export function baseToUsd(amount: bigint, price: bigint, decimals: number): bigint {
  return valueDown(amount, price, decimals);
}

/** USD cost (WAD) of `gas` at `feePerGas` wei when the native token is worth `nativePrice` (WAD), rounded up. */
export function gasCostUsd(gas: bigint, feePerGas: bigint, nativePrice: bigint): bigint {
  return mulDivUp(gas * feePerGas, nativePrice, WAD);
}

const BPS = 10_000n;

/** The market's flash fee on `amount` at `feeBps` (KeelMarketCore._flashFee: rounded up, in the market's favour). */
export function flashFee(amount: bigint, feeBps: bigint): bigint {
  return mulDivUp(amount, feeBps, BPS);
}

/**
 * A KeelLiquidator batch's result in base units (profit > 0, loss < 0): the sale of everything seized minus what the
 * market took and the flash fee on the whole loan (KeelLiquidator._settle).
 */
export function batchResult(proceeds: bigint, repaid: bigint, fee: bigint): bigint {
  return proceeds - repaid - fee;
}

/** The largest loss KeelLiquidator lets a batch take: `maxLossBps` of what it repaid, rounded down. */
export function lossBound(repaid: bigint, maxLossBps: bigint): bigint {
  return (repaid * maxLossBps) / BPS;
}
