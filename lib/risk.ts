/**
 * Vault risk math for the app, on bigint, mirroring the margin engine's rounding exactly
 * (contracts/src/libraries/HealthLib.sol and KeelMarketCore._health): collateral values round down, debt value rounds
 * up, so the app never shows a vault healthier than the chain would judge it. An integration test compares every
 * function here with the lens on a real chain.
 */

export const WAD = 10n ** 18n;
/** Health factor of a vault without debt. */
export const INFINITE_HEALTH = 2n ** 256n - 1n;

export interface CollateralPosition {
  asset: `0x${string}`;
  decimals: number;
  amount: bigint;
  /** USD per whole token, WAD. */
  price: bigint;
  /** WAD ratios. */
  ltv: bigint;
  liquidationThreshold: bigint;
}

export interface VaultPosition {
  collaterals: CollateralPosition[];
  /** Debt in base units, interest accrued to now. */
  debt: bigint;
  baseDecimals: number;
  /** USD per whole base token, WAD. */
  basePrice: bigint;
}

export interface VaultRisk {
  collateralValue: bigint;
  borrowLimitValue: bigint;
  liquidationValue: bigint;
  debtValue: bigint;
  /** WAD; INFINITE_HEALTH without debt. */
  healthFactor: bigint;
  /** Extra base units borrowable within LTV. */
  borrowCapacity: bigint;
  /** Share of the borrow limit in use, WAD (0 without debt). */
  borrowLimitUsed: bigint;
  liquidatable: boolean;
}

const mulDivDown = (x: bigint, y: bigint, d: bigint) => (x * y) / d;
const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + (d - 1n)) / d;
const scaleOf = (decimals: number) => 10n ** BigInt(decimals);

/** Value in USD (WAD) of `amount` at `price`, rounded down (collateral). */
export const valueDown = (amount: bigint, price: bigint, decimals: number) => mulDivDown(amount, price, scaleOf(decimals));
/** Value in USD (WAD) of `amount` at `price`, rounded up (debt). */
export const valueUp = (amount: bigint, price: bigint, decimals: number) => mulDivUp(amount, price, scaleOf(decimals));

export function healthFactor(liquidationValue: bigint, debtValue: bigint): bigint {
  return debtValue === 0n ? INFINITE_HEALTH : mulDivDown(liquidationValue, WAD, debtValue);
}

/** Everything the dashboard shows about a vault's health, from its position. */
export function vaultRisk(v: VaultPosition): VaultRisk {
  let collateralValue = 0n;
  let borrowLimitValue = 0n;
  let liquidationValue = 0n;
  for (const c of v.collaterals) {
    if (c.amount === 0n) continue;
    const value = valueDown(c.amount, c.price, c.decimals);
    collateralValue += value;
    borrowLimitValue += mulDivDown(value, c.ltv, WAD);
    liquidationValue += mulDivDown(value, c.liquidationThreshold, WAD);
  }
  const debtValue = v.debt === 0n ? 0n : valueUp(v.debt, v.basePrice, v.baseDecimals);
  const hf = healthFactor(liquidationValue, debtValue);
  const borrowCapacity =
    borrowLimitValue <= debtValue || v.basePrice === 0n ? 0n : mulDivDown(borrowLimitValue - debtValue, scaleOf(v.baseDecimals), v.basePrice);
  return {
    collateralValue,
    borrowLimitValue,
    liquidationValue,
    debtValue,
    healthFactor: hf,
    borrowCapacity,
    borrowLimitUsed: debtValue === 0n ? 0n : borrowLimitValue === 0n ? INFINITE_HEALTH : mulDivUp(debtValue, WAD, borrowLimitValue),
    liquidatable: hf < WAD,
  };
}

/**
 * Price of `asset` (USD per whole token, WAD) at which the vault's health factor reaches 1, other prices held;
 * 0 when no fall of this asset alone can make the vault liquidatable (no debt, or the other collateral covers it).
 */
export function liquidationPrice(v: VaultPosition, asset: `0x${string}`): bigint {
  const c = v.collaterals.find((x) => x.asset.toLowerCase() === asset.toLowerCase());
  if (!c || c.amount === 0n || c.liquidationThreshold === 0n || v.debt === 0n) return 0n;
  const others = vaultRisk({ ...v, collaterals: v.collaterals.filter((x) => x !== c) });
  const debtValue = valueUp(v.debt, v.basePrice, v.baseDecimals);
  if (debtValue <= others.liquidationValue) return 0n;
  return mulDivUp(mulDivUp(debtValue - others.liquidationValue, WAD, c.liquidationThreshold), scaleOf(c.decimals), c.amount);
}

/** How far the price may fall before liquidation, WAD share of today's price (0 when already there). */
export function distanceToLiquidation(price: bigint, liqPrice: bigint): bigint {
  if (liqPrice === 0n) return WAD; // no price of this asset alone liquidates the vault
  if (price <= liqPrice) return 0n;
  return mulDivDown(price - liqPrice, WAD, price);
}

/** A change a form is about to make. */
export type VaultChange =
  | { kind: "deposit" | "withdraw"; asset: `0x${string}`; amount: bigint }
  | { kind: "borrow" | "repay"; amount: bigint };

/** The position after `change` (for before → after previews). Amounts never go below zero. */
export function applyChange(v: VaultPosition, change: VaultChange): VaultPosition {
  switch (change.kind) {
    case "borrow":
      return { ...v, debt: v.debt + change.amount };
    case "repay":
      return { ...v, debt: change.amount >= v.debt ? 0n : v.debt - change.amount };
    case "deposit":
    case "withdraw": {
      const sign = change.kind === "deposit" ? 1n : -1n;
      return {
        ...v,
        collaterals: v.collaterals.map((c) =>
          c.asset.toLowerCase() === change.asset.toLowerCase()
            ? { ...c, amount: c.amount + sign * change.amount < 0n ? 0n : c.amount + sign * change.amount }
            : c,
        ),
      };
    }
  }
}

/**
 * Most base units borrowable now within LTV and, when `minHealth` (WAD) is given, keeping the health factor at or above
 * it (the user's safety buffer).
 */
export function maxBorrow(v: VaultPosition, minHealth?: bigint): bigint {
  const r = vaultRisk(v);
  let cap = r.borrowCapacity;
  if (minHealth && minHealth > 0n && v.basePrice > 0n) {
    // debtValue' ≤ liquidationValue / minHealth
    const maxDebtValue = mulDivDown(r.liquidationValue, WAD, minHealth);
    const byHealth = maxDebtValue <= r.debtValue ? 0n : mulDivDown(maxDebtValue - r.debtValue, scaleOf(v.baseDecimals), v.basePrice);
    if (byHealth < cap) cap = byHealth;
  }
  // valueUp rounding can make the last unit cross the limit: step down until the chain would accept it.
  while (cap > 0n && !withinLimits(applyChange(v, { kind: "borrow", amount: cap }), minHealth)) cap -= 1n;
  return cap;
}

/** Most of `asset` withdrawable now within LTV and, with `minHealth`, keeping the health factor at or above it. */
export function maxWithdraw(v: VaultPosition, asset: `0x${string}`, minHealth?: bigint): bigint {
  const c = v.collaterals.find((x) => x.asset.toLowerCase() === asset.toLowerCase());
  if (!c || c.amount === 0n) return 0n;
  if (v.debt === 0n) return c.amount;
  // Binary search the largest withdrawal that keeps the vault within limits: exact under the chain's rounding.
  let lo = 0n;
  let hi = c.amount;
  if (!withinLimits(v, minHealth)) return 0n;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (withinLimits(applyChange(v, { kind: "withdraw", asset, amount: mid }), minHealth)) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

function withinLimits(v: VaultPosition, minHealth?: bigint): boolean {
  const r = vaultRisk(v);
  if (r.debtValue > r.borrowLimitValue) return false;
  return !minHealth || r.healthFactor >= minHealth;
}

/** Health bands the app colours and names: safe ≥ 1.5, watch ≥ 1.2, at risk ≥ 1, liquidatable below 1. */
export type HealthBand = "safe" | "watch" | "atRisk" | "liquidatable";
export function healthBand(hf: bigint): HealthBand {
  if (hf < WAD) return "liquidatable";
  if (hf < (12n * WAD) / 10n) return "atRisk";
  if (hf < (15n * WAD) / 10n) return "watch";
  return "safe";
}
