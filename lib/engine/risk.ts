/**
 * Vault risk math for the app, on bigint, mirroring the margin engine's rounding exactly
 * (contracts/src/libraries/HealthLib.sol and KeelMarket._health): collateral values round down, debt value rounds
 * up, so the app never shows a vault healthier than the chain would judge it. An integration test compares every
 * function here with the lens on a real chain.
 */

import { borrowCapacity, collateralLiquidationPrice, healthFactor, INFINITE_HEALTH, scaleOf, valueDown, valueUp } from "./health";
import { mulDivDown, WAD, wDivDown, wDivUp, wMulDown } from "./math";
import { toAssetsUp, toSharesDown, toSharesUp } from "./shares";
import { sameAddress } from "../config/address";

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
  /**
   * Debt shares and the market's borrow totals (interest accrued to now). With them, previews round debt exactly as
   * the engine does (shares rounded up on borrow and down on repay, assets rounded up); without, debt moves by the
   * amount alone.
   */
  shares?: { debtShares: bigint; totalBorrowAssets: bigint; totalBorrowShares: bigint };
  /**
   * The owner's reputation bonus in force in this market (WAD share of collateral value; KeelReputation `ltvBonus`),
   * which raises the borrow limit for borrows and withdrawals (`boostedLimit`) — never the liquidation threshold or the
   * health factor. 0 or absent: none.
   */
  ltvBonus?: bigint;
}

/** A vault's debt (base units) from its debt shares and the market's borrow totals, rounded up as `KeelMarket.debtOf`. */
export const debtOfShares = (debtShares: bigint, totalBorrowAssets: bigint, totalBorrowShares: bigint) =>
  debtShares === 0n ? 0n : toAssetsUp(debtShares, totalBorrowAssets, totalBorrowShares);

/** Debt after borrowing (+) or repaying (−) `amount`, with the engine's share rounding when shares are known. */
function debtAfter(v: VaultPosition, amount: bigint, borrow: boolean): Pick<VaultPosition, "debt" | "shares"> {
  const sh = v.shares;
  if (!borrow && amount >= v.debt) return { debt: 0n, ...(sh ? { shares: { ...sh, debtShares: 0n } } : {}) };
  if (!sh) return { debt: borrow ? v.debt + amount : v.debt - amount };
  const delta = borrow
    ? toSharesUp(amount, sh.totalBorrowAssets, sh.totalBorrowShares)
    : toSharesDown(amount, sh.totalBorrowAssets, sh.totalBorrowShares);
  const next = {
    debtShares: borrow ? sh.debtShares + delta : sh.debtShares - delta,
    totalBorrowAssets: borrow ? sh.totalBorrowAssets + amount : sh.totalBorrowAssets - amount,
    totalBorrowShares: borrow ? sh.totalBorrowShares + delta : sh.totalBorrowShares - delta,
  };
  return { debt: toAssetsUp(next.debtShares, next.totalBorrowAssets, next.totalBorrowShares), shares: next };
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

/** Share of the borrow limit in use, WAD, rounded up (0 without debt; INFINITE_HEALTH with debt and no limit). */
export function borrowLimitUsed(debtValue: bigint, borrowLimitValue: bigint): bigint {
  return debtValue === 0n ? 0n : borrowLimitValue === 0n ? INFINITE_HEALTH : wDivUp(debtValue, borrowLimitValue);
}

/** Largest reputation bonus a market honours (WAD, 10 LTV points; RiskBoundsLib.MAX_LTV_BONUS): a source's answer above it counts as it. */
export const MAX_LTV_BONUS = WAD / 10n;

/** What `lendingValues` reads of a collateral (a CollateralPosition, or a lens vault's collateral). */
export type LendingCollateral = Pick<CollateralPosition, "amount" | "price" | "decimals" | "ltv" | "liquidationThreshold">;

/**
 * Value and liquidation value (USD, WAD, each collateral rounded down as the engine does) of the collaterals that lend:
 * LTV above 0. The reputation bonus and its cap are computed over these only (KeelMarket._lendingValues), so a
 * collateral governance set to LTV 0 lends nothing, bonus or not.
 */
export function lendingValues(collaterals: readonly LendingCollateral[]): { value: bigint; liquidationValue: bigint } {
  let value = 0n;
  let liquidationValue = 0n;
  for (const c of collaterals) {
    if (c.amount === 0n || c.ltv === 0n) continue;
    const v = valueDown(c.amount, c.price, c.decimals);
    value += v;
    liquidationValue += wMulDown(v, c.liquidationThreshold);
  }
  return { value, liquidationValue };
}

/**
 * A vault's borrow limit (USD, WAD) with its owner's reputation `bonus` (KeelMarket._limitWithBonus): the base
 * limit plus bonus × the lending collaterals' value, capped at halfway from the base limit to their liquidation value
 * (`lendingValues`); the bonus itself counts as at most MAX_LTV_BONUS. Never the liquidation value itself; with no
 * bonus, the base limit.
 */
export function boostedLimit(borrowLimitValue: bigint, lending: { value: bigint; liquidationValue: bigint }, bonus: bigint): bigint {
  if (bonus === 0n) return borrowLimitValue;
  const extra = wMulDown(lending.value, bonus > MAX_LTV_BONUS ? MAX_LTV_BONUS : bonus);
  const half = (lending.liquidationValue - borrowLimitValue) / 2n;
  return borrowLimitValue + (extra < half ? extra : half);
}

/** A vault's values and health: `vaultRisk`'s figures without the borrow limit and what derives from it. */
export interface VaultHealth {
  collateralValue: bigint;
  liquidationValue: bigint;
  debtValue: bigint;
  /** WAD; INFINITE_HEALTH without debt. */
  healthFactor: bigint;
  liquidatable: boolean;
}

/**
 * A vault's values and health factor (`vaultRisk`'s, computed the same way), and each collateral's value and liquidation
 * value into `values` and `liquidation` when given (index of the collateral; 0 for one it does not hold). What the risk
 * book values 100,000 vaults with (lib/analytics/risk-book.ts): no borrow limit, capacity or limit use, no object per
 * collateral.
 */
export function vaultHealth(
  v: Pick<VaultPosition, "debt" | "basePrice" | "baseDecimals"> & {
    collaterals: readonly Pick<CollateralPosition, "amount" | "price" | "decimals" | "liquidationThreshold">[];
  },
  values?: bigint[],
  liquidation?: bigint[],
): VaultHealth {
  let collateralValue = 0n;
  let liquidationValue = 0n;
  const cs = v.collaterals;
  for (let j = 0; j < cs.length; j++) {
    const c = cs[j]!;
    if (c.amount === 0n) {
      if (values) values[j] = 0n;
      if (liquidation) liquidation[j] = 0n;
      continue;
    }
    const value = valueDown(c.amount, c.price, c.decimals);
    const lv = wMulDown(value, c.liquidationThreshold);
    collateralValue += value;
    liquidationValue += lv;
    if (values) values[j] = value;
    if (liquidation) liquidation[j] = lv;
  }
  const debtValue = v.debt === 0n ? 0n : valueUp(v.debt, v.basePrice, v.baseDecimals);
  const hf = healthFactor(liquidationValue, debtValue);
  return { collateralValue, liquidationValue, debtValue, healthFactor: hf, liquidatable: hf < WAD };
}

/** Everything the dashboard shows about a vault's health, from its position. */
export function vaultRisk(v: VaultPosition): VaultRisk {
  const values: bigint[] = [];
  const health = vaultHealth(v, values);
  let borrowLimitValue = 0n;
  v.collaterals.forEach((c, j) => {
    if (c.amount !== 0n) borrowLimitValue += wMulDown(values[j]!, c.ltv);
  });
  // The engine applies the bonus only to a vault over its base limit; the limit it checks against is the same either way.
  if (v.ltvBonus) borrowLimitValue = boostedLimit(borrowLimitValue, lendingValues(v.collaterals), v.ltvBonus);
  return {
    collateralValue: health.collateralValue,
    borrowLimitValue,
    liquidationValue: health.liquidationValue,
    debtValue: health.debtValue,
    healthFactor: health.healthFactor,
    borrowCapacity: borrowCapacity(borrowLimitValue, health.debtValue, v.basePrice, v.baseDecimals),
    borrowLimitUsed: borrowLimitUsed(health.debtValue, borrowLimitValue),
    liquidatable: health.liquidatable,
  };
}

/**
 * Price of `asset` (USD per whole token, WAD) at which the vault's health factor reaches 1, other prices held;
 * 0 when no fall of this asset alone can make the vault liquidatable (no debt, or the other collateral covers it).
 */
export function liquidationPrice(v: VaultPosition, asset: `0x${string}`): bigint {
  const c = v.collaterals.find((x) => sameAddress(x.asset, asset));
  if (!c || c.amount === 0n || c.liquidationThreshold === 0n || v.debt === 0n) return 0n;
  const others = vaultRisk({ ...v, collaterals: v.collaterals.filter((x) => x !== c) });
  const debtValue = valueUp(v.debt, v.basePrice, v.baseDecimals);
  return collateralLiquidationPrice(debtValue, others.liquidationValue, c.amount, c.liquidationThreshold, c.decimals);
}

/**
 * The lowest price of the base asset (USD per whole token, WAD) at which the vault is liquidatable, other prices held:
 * the debt value rounds up (valueUp), so it is the first price whose debt value exceeds the liquidation value. 0 without
 * debt or without liquidation value (no price of the base asset alone makes it liquidatable, or it already is).
 */
export function baseLiquidationPrice(v: VaultPosition): bigint {
  if (v.debt === 0n) return 0n;
  const { liquidationValue } = vaultRisk(v);
  if (liquidationValue === 0n) return 0n;
  return mulDivDown(liquidationValue, scaleOf(v.baseDecimals), v.debt) + 1n;
}

/**
 * How far a collateral's price may fall before liquidation, WAD share of today's price (0 when already there); null
 * when no fall of it alone liquidates (no liquidation price: not even a fall to nothing, so no share to show).
 */
export function distanceToLiquidation(price: bigint, liqPrice: bigint): bigint | null {
  if (liqPrice === 0n) return null;
  if (price <= liqPrice) return 0n;
  return wDivDown(price - liqPrice, price);
}

/**
 * How far a borrowed asset's price may rise before liquidation, WAD share of today's price (0 when already there); null
 * when no rise of it alone liquidates (no liquidation price) or it has no price.
 */
export function distanceToRise(price: bigint, liqPrice: bigint): bigint | null {
  if (liqPrice === 0n || price === 0n) return null;
  if (liqPrice <= price) return 0n;
  return wDivDown(liqPrice - price, price);
}

/** A change a form is about to make. */
export type VaultChange = { kind: "deposit" | "withdraw"; asset: `0x${string}`; amount: bigint } | { kind: "borrow" | "repay"; amount: bigint };

/** The position after `change` (for before → after previews). Amounts never go below zero. */
export function applyChange(v: VaultPosition, change: VaultChange): VaultPosition {
  switch (change.kind) {
    case "borrow":
      return { ...v, ...debtAfter(v, change.amount, true) };
    case "repay":
      return { ...v, ...debtAfter(v, change.amount, false) };
    case "deposit":
    case "withdraw": {
      const sign = change.kind === "deposit" ? 1n : -1n;
      return {
        ...v,
        collaterals: v.collaterals.map((c) =>
          sameAddress(c.asset, change.asset) ? { ...c, amount: c.amount + sign * change.amount < 0n ? 0n : c.amount + sign * change.amount } : c,
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
    const maxDebtValue = wDivDown(r.liquidationValue, minHealth);
    const byHealth = maxDebtValue <= r.debtValue ? 0n : mulDivDown(maxDebtValue - r.debtValue, scaleOf(v.baseDecimals), v.basePrice);
    if (byHealth < cap) cap = byHealth;
  }
  // valueUp rounding can make the last unit cross the limit: step down until the chain would accept it.
  while (cap > 0n && !withinLimits(applyChange(v, { kind: "borrow", amount: cap }), minHealth)) cap -= 1n;
  return cap;
}

/** Most of `asset` withdrawable now within LTV and, with `minHealth`, keeping the health factor at or above it. */
export function maxWithdraw(v: VaultPosition, asset: `0x${string}`, minHealth?: bigint): bigint {
  const c = v.collaterals.find((x) => sameAddress(x.asset, asset));
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
