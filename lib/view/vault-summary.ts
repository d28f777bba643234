/**
 * What the vault page shows about a vault, from the lens's own numbers (health factor, values, liquidation prices are
 * computed on-chain): per-collateral distance to liquidation, health band and borrow limit in use.
 * Pure bigint; the only formulas used come from lib/risk.ts.
 */
import {
  borrowLimitUsed,
  distanceToLiquidation,
  distanceToRise,
  healthBand,
  type HealthBand,
  type VaultPosition,
  type VaultRisk,
} from "../engine/risk";
import type { LensVault } from "../read/vaults";
import { isPriced, usablePrice } from "../read/oracle";

/** A health band, or "unpriced" when no health can be given (healthShown: no price of the debt, or nothing priced backs it). */
export type VaultBand = HealthBand | "unpriced";

/** A position's health as every screen shows it (healthShown). */
export interface HealthShown {
  /** The health factor to show; null when none can be given ("—"). */
  healthFactor: bigint | null;
  /** A held collateral has no usable price and counts as zero in the figure: say so beside it ("unpriced assets not counted"). */
  partial: boolean;
  band: VaultBand;
}

/**
 * The one rule for a position's health on screen: the vault page's badge and stat, the action preview before and after,
 * the position cards and totals, the risk book and the alerts. A collateral without a usable price counts as zero, as the
 * market counts it for its LTV checks and its liquidations (KeelLens._vault), so the engine's figure is real while the
 * debt's own price is known and something priced backs it; it is `partial` when a held collateral is left out. No
 * figure without the debt's price, or when only unpriced collateral is held (the market could seize nothing). Without a
 * debt, the figure is infinite whatever the prices.
 */
export function healthShown(h: {
  hasDebt: boolean;
  healthFactor: bigint;
  debtPriced: boolean;
  pricedValue: bigint;
  unpricedHeld: boolean;
}): HealthShown {
  if (!h.hasDebt) return { healthFactor: h.healthFactor, partial: false, band: healthBand(h.healthFactor) };
  if (!healthKnown(h)) return { healthFactor: null, partial: h.unpricedHeld, band: "unpriced" };
  return { healthFactor: h.healthFactor, partial: h.unpricedHeld, band: healthBand(h.healthFactor) };
}

/** healthShown's test alone, for the risk book's loop: whether a figure can be given. */
export function healthKnown(h: { hasDebt: boolean; debtPriced: boolean; pricedValue: bigint; unpricedHeld: boolean }): boolean {
  return !h.hasDebt || (h.debtPriced && (h.pricedValue > 0n || !h.unpricedHeld));
}

/**
 * healthShown for the lens's vault. The lens values the debt only with a fresh base price (KeelLens._vault: a debt of
 * 1 wei at any price is worth at least 1, rounded up), so a debt valued 0 has no price; `collateralValue` sums the
 * priced collaterals only.
 */
export function lensHealth(
  v: Pick<LensVault, "debt" | "debtValue" | "healthFactor" | "collateralValue"> & {
    collaterals: readonly { amount: bigint; price: bigint; status: number }[];
  },
): HealthShown {
  return healthShown({
    hasDebt: v.debt > 0n,
    healthFactor: v.healthFactor,
    debtPriced: v.debtValue > 0n,
    pricedValue: v.collateralValue,
    unpricedHeld: v.collaterals.some((c) => c.amount > 0n && !isPriced(c)),
  });
}

export interface CollateralSummary {
  asset: `0x${string}`;
  decimals: number;
  amount: bigint;
  /** USD, WAD (0 when the price is unavailable). */
  value: bigint;
  /** USD per whole token, WAD (0 when unavailable). */
  price: bigint;
  /** KeelOracle.Status of the asset's feed (0 = fresh). */
  status: number;
  /** USD per whole token at which the health factor reaches 1 (others held); 0 when none. */
  liquidationPrice: bigint;
  /** How far today's price may fall before liquidation, WAD share; null when not meaningful (no debt, no price, no liquidation price). */
  distance: bigint | null;
  /** What to show, with the one "no price" rule applied (lib/read/oracle.ts usablePrice): null = no figure (`—`). */
  priceUsd: bigint | null;
  valueUsd: bigint | null;
  /** null: no price of this asset alone liquidates the vault (or no debt). */
  liquidationPriceUsd: bigint | null;
}

export interface VaultSummary {
  band: VaultBand;
  healthFactor: bigint;
  /** The figure counts an unpriced collateral as zero (healthShown). */
  partial: boolean;
  /** Share of the borrow limit in use, WAD. */
  borrowLimitUsed: bigint;
  /** How far the borrowed asset's price may rise before liquidation (lib/engine/risk.ts distanceToRise); null when unknown or none. */
  baseDistance: bigint | null;
  /** The smallest distance to liquidation over the vault's collaterals and its borrowed asset (null when none applies). */
  minDistance: bigint | null;
  collaterals: CollateralSummary[];
}

/** The closest of a position's distances to liquidation (its collaterals' falls, its debts' rises); null when none applies. */
export function closestDistance(distances: readonly (bigint | null)[]): bigint | null {
  return distances.reduce<bigint | null>((min, d) => (d !== null && (min === null || d < min) ? d : min), null);
}

export function summarizeVault(
  v: Pick<LensVault, "collaterals" | "debt" | "debtValue" | "collateralValue" | "borrowLimitValue" | "healthFactor">,
  /** The borrowed asset's price and the price at which its rise alone liquidates (lib/engine/risk.ts baseLiquidationPrice). */
  base?: { price: bigint; liquidationPrice: bigint },
): VaultSummary {
  const health = lensHealth(v);
  // Distances need a figure (a priced collateral's own, counting the unpriced ones as zero as the lens's liquidation prices do).
  const measured = v.debt > 0n && health.healthFactor !== null;
  const collaterals = v.collaterals.map((c): CollateralSummary => {
    const priceUsd = usablePrice(c);
    const priced = priceUsd !== null;
    return {
      asset: c.asset,
      decimals: c.decimals,
      amount: c.amount,
      value: c.value,
      price: c.price,
      status: c.status,
      liquidationPrice: c.liquidationPrice,
      distance: !measured || !priced || c.amount === 0n ? null : distanceToLiquidation(c.price, c.liquidationPrice),
      priceUsd,
      valueUsd: priced ? c.value : null,
      liquidationPriceUsd: c.liquidationPrice > 0n ? c.liquidationPrice : null,
    };
  });
  const baseDistance = base && measured ? distanceToRise(base.price, base.liquidationPrice) : null;
  return {
    band: health.band,
    healthFactor: v.healthFactor,
    partial: health.partial,
    borrowLimitUsed: borrowLimitUsed(v.debtValue, v.borrowLimitValue),
    baseDistance,
    minDistance: closestDistance([...collaterals.map((c) => c.distance), baseDistance]),
    collaterals,
  };
}

/**
 * healthShown for an engine position and its risk (lib/engine/risk.ts: a preview's after): a price of 0 is no price,
 * as toPosition (lib/protocols/keel/math.ts) carries the lens's.
 */
export function engineHealth(
  p: Pick<VaultPosition, "debt" | "basePrice" | "collaterals">,
  risk: Pick<VaultRisk, "healthFactor" | "collateralValue">,
): HealthShown {
  return healthShown({
    hasDebt: p.debt > 0n,
    healthFactor: risk.healthFactor,
    debtPriced: p.basePrice > 0n,
    pricedValue: risk.collateralValue,
    unpricedHeld: p.collaterals.some((c) => c.amount > 0n && c.price === 0n),
  });
}

/** The account across its positions (lib/protocols/view.ts totalsAcross computes it). */
export interface AccountTotals {
  /** Positions counted, of every protocol. */
  vaults: number;
  collateralValue: bigint;
  debtValue: bigint;
  borrowLimitValue: bigint;
  /** Net worth in the vaults: collateral value − debt value, USD WAD (may be negative). */
  netValue: bigint;
  /** Debt value over the summed borrow limits, WAD. */
  borrowLimitUsed: bigint;
  /** The lowest health factor of a vault with debt (INFINITE_HEALTH when none has debt). */
  lowestHealth: bigint;
  /** Vaults per band. */
  bands: Record<VaultBand, number>;
}

/** Colours of each band, one table for every page (its word is the message `band.<band>`). */
export const BAND_STYLE: Record<VaultBand, { text: string; ring: string; dot: string }> = {
  safe: { text: "text-emerald-300", ring: "bg-emerald-500/15 ring-emerald-500/40", dot: "bg-emerald-400" },
  watch: { text: "text-yellow-300", ring: "bg-yellow-500/15 ring-yellow-500/40", dot: "bg-yellow-400" },
  atRisk: { text: "text-orange-300", ring: "bg-orange-500/15 ring-orange-500/40", dot: "bg-orange-400" },
  liquidatable: { text: "text-rose-300", ring: "bg-rose-500/20 ring-rose-500/50", dot: "bg-rose-500" },
  unpriced: { text: "text-slate-300", ring: "bg-slate-500/15 ring-slate-500/40", dot: "bg-slate-400" },
};

/**
 * The assets whose price is unavailable and that the vault needs for a health check (its held collaterals, and the
 * base asset while it has debt or wants to borrow): while any is listed the chain refuses borrows, and withdrawals
 * when the vault has debt.
 */
export function unpricedAssets(vault: Pick<LensVault, "collaterals" | "baseAsset">, baseStatus: number): { asset: `0x${string}`; status: number }[] {
  const list = vault.collaterals.filter((c) => c.amount > 0n && !isPriced(c)).map((c) => ({ asset: c.asset, status: c.status }));
  if (baseStatus !== 0) list.push({ asset: vault.baseAsset, status: baseStatus });
  return list;
}
