/**
 * Liquidation sizing for keepers, on bigint, mirroring the engine (contracts/src/engine/KeelMarket.sol
 * `liquidate` and HealthLib): the discount clamp(1 − HF, 1 %, maxDiscount) capped at the vault's margin while its
 * collateral covers its debt, the refusal of a seizure that would lower HF while another collateral would raise it,
 * the repayment cap that brings a vault back to HF 1.05 (whole debt when it is dust), and the seize-everything branch
 * of a vault too deep for that. The keeper sizes a flash loan with it, then simulates the real transaction (eth_call)
 * before sending: the chain is the final word; this only avoids borrowing far more than the engine would take.
 */
import {
  DUST_VALUE,
  liquidationDiscount,
  maxRepayValue,
  repayForSeized,
  scaleOf,
  seizedForRepay,
  seizureLowersHealth,
  valueDown,
  valueUp,
} from "./health";
import { mulDivUp, WAD, wMulUp } from "./math";

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

const seizedFor = (repaid: bigint, x: LiquidationInput, d: bigint) => seizedForRepay(repaid, x.basePrice, x.baseDecimals, x.price, x.decimals, d);
const repayFor = (seized: bigint, x: LiquidationInput, d: bigint) => repayForSeized(seized, x.basePrice, x.baseDecimals, x.price, x.decimals, d);

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
    let maxRepay = mulDivUp(maxRepayValue(x.liquidationValue, x.debtValue, bonusLt), scaleOf(x.baseDecimals), x.basePrice);
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

/** The market's flash fee on `amount` at `feeBps` (KeelMarket._flashFee: rounded up, in the market's favour). */
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
