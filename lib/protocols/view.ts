import type { Address } from "viem";
import { borrowLimitUsed, healthBand } from "../engine/risk";
import { INFINITE_HEALTH } from "../engine/health";
import { WAD, MAX_UINT256 } from "../engine/math";
import { accountTotals, type AccountTotals, type VaultBand } from "../view/vault-summary";
import type { LensVault } from "../read/vaults";
import type { AccountRead } from "./account";
import { aavePosition, type AavePosition } from "./aave-v3/math";
import { aaveV3Adapter } from "./aave-v3";
import { morphoBlueAdapter } from "./morpho-blue";
import { morphoPosition, type MorphoPosition } from "./morpho-blue/math";
import { keelAdapter, type KeelPosition } from "./keel";

import type { OraclePrice, Position, PositionToken, ProtocolAdapter, ProtocolId } from "./types";

/** A position of an external protocol, as the app handles it. */
export type ProtocolPosition = AavePosition | MorphoPosition;
/** A position of any protocol, Keel's own vaults too. */
export type AnyPosition = ProtocolPosition | KeelPosition;

/** Every protocol's adapter, by id: the one place that maps a protocol to its folder. */
export const ADAPTERS: { [K in ProtocolId]: ProtocolAdapter<Extract<AnyPosition, { protocol: K }>> } = {
  keel: keelAdapter,
  "aave-v3": aaveV3Adapter,
  "morpho-blue": morphoBlueAdapter,
};

/** The adapter of a position's protocol. */
export function adapterOf<P extends AnyPosition>(p: P): ProtocolAdapter<P> {
  return ADAPTERS[p.protocol] as unknown as ProtocolAdapter<P>;
}

/**
 * The page of a position: `/vault/<chainId>/<id>?market=<market>` (a Keel vault), `/position/<chainId>/aave-v3/<account>`,
 * `/position/<chainId>/morpho-blue/<marketId>/<account>`.
 */
export function positionHref(p: Pick<Position, "protocol" | "chainId" | "id" | "owner"> & { vaultId?: bigint }): string {
  switch (p.protocol) {
    case "keel":
      return vaultHref(p.chainId, p.id, p.vaultId ?? 0n);
    case "aave-v3":
      return `/position/${p.chainId}/aave-v3/${p.owner}`;
    case "morpho-blue":
      return `/position/${p.chainId}/morpho-blue/${p.id}/${p.owner}`;
  }
}

/** A Keel vault's page. */
export const vaultHref = (chainId: number, market: string, id: bigint) => `/vault/${chainId}/${id}?market=${market}`;

/** One collateral or debt line, ready to show: USD figures are WAD, null when there is no USD price for it. */
export interface AssetLine {
  token: PositionToken;
  amount: bigint;
  valueUsd: bigint | null;
  priceUsd: bigint | null;
  /** Collateral: the price under which the position is liquidatable; debt: the price above which it is. null: none. */
  liquidationPriceUsd: bigint | null;
  /** How far the price may move before liquidation, as a WAD fraction of today's price (null: no liquidation price). */
  distance: bigint | null;
  /** Collateral only: the liquidation threshold in force (WAD) and whether it counts. */
  liquidationThreshold?: bigint;
  enabled?: boolean;
}

/** What the dashboard and the position page show for one Aave or Morpho position. */
export interface PositionView {
  protocol: Position["protocol"];
  chainId: number;
  /** Unique on the page: protocol, chain and id. */
  key: string;
  href: string;
  name: string;
  owner: Address;
  /** WAD; INFINITE_HEALTH without debt. */
  healthFactor: bigint;
  band: VaultBand;
  collateralUsd: bigint | null;
  debtUsd: bigint | null;
  /** Σ collateral value × LTV (USD WAD): what may be borrowed in all. */
  borrowLimitUsd: bigint | null;
  collaterals: AssetLine[];
  debts: AssetLine[];
  /** Held anything (a position page can show an empty one to open it). */
  open: boolean;
  position: ProtocolPosition;
}

/**
 * USD (WAD) per whole unit of the position's value unit: Aave's base currency is USD; a Morpho market's value unit is
 * its loan token, priced by the feed Keel reads for it (null when there is none).
 */
export function usdPerValueUnit(p: Position, usdPerToken: Record<string, bigint>): bigint | null {
  if (p.protocol === "aave-v3" || p.protocol === "keel") return p.valueUnit.symbol === "USD" ? WAD : null;
  return usdPerToken[(p as MorphoPosition).state.loanToken.address.toLowerCase()] ?? null;
}

/** A value in the position's value unit (its decimals) as USD WAD. */
const valueUsd = (value: bigint, decimals: number, unitUsd: bigint | null) => (unitUsd === null ? null : (value * unitUsd) / 10n ** BigInt(decimals));
/** An OraclePrice (value units per whole token) as USD WAD per whole token. */
const priceUsd = (price: OraclePrice | bigint, decimals: number, unitUsd: bigint | null) =>
  unitUsd === null ? null : ((typeof price === "bigint" ? price : price.value) * unitUsd) / 10n ** BigInt(decimals);

/** The view-model of one position (pure: the same inputs always show the same figures). */
export function positionView(p: ProtocolPosition, usdPerToken: Record<string, bigint>): PositionView {
  const unit = usdPerValueUnit(p, usdPerToken);
  const vd = p.valueUnit.decimals;
  const liq = adapterOf(p).liquidationPrices(p);
  const liqOf = (list: { token: PositionToken; price: bigint | null }[], token: PositionToken) =>
    list.find((l) => l.token.address.toLowerCase() === token.address.toLowerCase())?.price ?? null;
  const collaterals: AssetLine[] = p.collaterals.map((c) => {
    const lp = liqOf(liq.collaterals, c.token);
    const lpUsd = lp === null || lp === MAX_UINT256 ? null : priceUsd(lp, c.price.decimals, unit);
    const now = priceUsd(c.price, c.price.decimals, unit);
    return {
      token: c.token,
      amount: c.amount,
      valueUsd: valueUsd(c.value, vd, unit),
      priceUsd: now,
      liquidationPriceUsd: lpUsd,
      distance: lpUsd !== null && now !== null && now > 0n ? (lpUsd >= now ? 0n : ((now - lpUsd) * WAD) / now) : null,
      liquidationThreshold: c.liquidationThreshold,
      enabled: c.enabled,
    };
  });
  const debts: AssetLine[] = p.debts.map((d) => {
    const lp = liqOf(liq.debts, d.token);
    const lpUsd = lp === null || lp === MAX_UINT256 ? null : priceUsd(lp, d.price.decimals, unit);
    const now = priceUsd(d.price, d.price.decimals, unit);
    return {
      token: d.token,
      amount: d.amount,
      valueUsd: valueUsd(d.value, vd, unit),
      priceUsd: now,
      liquidationPriceUsd: lpUsd,
      distance: lpUsd !== null && now !== null && now > 0n ? (lpUsd <= now ? 0n : ((lpUsd - now) * WAD) / now) : null,
    };
  });
  const limit = p.collaterals.reduce((s, c) => (c.enabled ? s + (c.value * c.ltv) / WAD : s), 0n);
  const hf = p.healthFactor ?? INFINITE_HEALTH;
  return {
    protocol: p.protocol,
    chainId: p.chainId,
    key: `${p.protocol}-${p.chainId}-${p.id.toLowerCase()}`,
    href: positionHref(p),
    name: p.name,
    owner: p.owner,
    healthFactor: hf,
    band: unit === null && p.debts.length > 0 ? "unpriced" : healthBand(hf),
    collateralUsd: valueUsd(p.totalCollateralValue, vd, unit),
    debtUsd: valueUsd(p.totalDebtValue, vd, unit),
    borrowLimitUsd: valueUsd(limit, vd, unit),
    collaterals,
    debts,
    open: p.collaterals.length > 0 || p.debts.length > 0,
    position: p,
  };
}

/** Every Aave and Morpho position of one chain's read (held ones only, unless `includeEmpty`). */
export function protocolViews(read: AccountRead, includeEmpty = false): PositionView[] {
  const positions: ProtocolPosition[] = [...(read.aave ? [aavePosition(read.aave)] : []), ...read.morpho.map(morphoPosition)];
  return positions.map((p) => positionView(p, read.usdPerToken)).filter((v) => includeEmpty || v.open);
}

/** Totals across Keel vaults and Aave/Morpho positions (USD WAD); a position without a USD price is left out and counted. */
export interface TotalsAcross extends AccountTotals {
  /** Positions of every protocol counted in `vaults`. */
  unpriced: number;
}

export function totalsAcross(vaults: readonly LensVault[], views: readonly PositionView[]): TotalsAcross {
  const keel = accountTotals([...vaults]);
  let { collateralValue, debtValue, borrowLimitValue, lowestHealth } = keel;
  const bands = { ...keel.bands };
  let unpriced = 0;
  for (const v of views) {
    bands[v.band] += 1;
    if (v.collateralUsd === null || v.debtUsd === null || v.borrowLimitUsd === null) {
      unpriced += 1;
      continue;
    }
    collateralValue += v.collateralUsd;
    debtValue += v.debtUsd;
    borrowLimitValue += v.borrowLimitUsd;
    if (v.debts.length > 0 && v.healthFactor < lowestHealth) lowestHealth = v.healthFactor;
  }
  return {
    vaults: keel.vaults + views.length,
    collateralValue,
    debtValue,
    borrowLimitValue,
    netValue: collateralValue - debtValue,
    borrowLimitUsed: borrowLimitUsed(debtValue, borrowLimitValue),
    lowestHealth,
    bands,
    unpriced,
  };
}

/**
 * The position as the liquidation-odds model reads a vault (components/liquidation-odds-card.tsx): USD values, every
 * collateral and every borrowed asset (lib/analytics/liquidation-odds.ts prices each one's moves: several debts fold into the
 * debt side's volatility, `debtSide`); the largest debt is named as the base asset.
 */
export function oddsInputOf(v: PositionView) {
  const priced =
    v.debtUsd !== null && v.debts.every((d) => d.valueUsd !== null) && v.collaterals.every((c) => c.valueUsd !== null && c.priceUsd !== null);
  const main = v.debts.reduce<AssetLine | undefined>((a, b) => (a === undefined || (b.valueUsd ?? 0n) > (a.valueUsd ?? 0n) ? b : a), undefined);
  return {
    debt: main?.amount ?? 0n,
    debtValue: v.debtUsd ?? 0n,
    pricesOk: priced,
    liquidatable: v.healthFactor < WAD,
    baseAsset: (main?.token.address ?? v.collaterals[0]?.token.address ?? "0x0000000000000000000000000000000000000000") as Address,
    debts: v.debts.map((d) => ({ asset: d.token.address, value: d.valueUsd ?? 0n })),
    collaterals: v.collaterals
      .filter((c) => c.enabled !== false)
      .map((c) => ({
        asset: c.token.address,
        amount: c.amount,
        value: c.valueUsd ?? 0n,
        price: c.priceUsd ?? 0n,
        decimals: c.token.decimals,
        liquidationThreshold: c.liquidationThreshold ?? 0n,
      })),
  };
}
