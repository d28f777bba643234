import type { Address } from "viem";
import { borrowLimitUsed, distanceToLiquidation, distanceToRise } from "../engine/risk";
import { INFINITE_HEALTH } from "../engine/health";
import { WAD, MAX_UINT256 } from "../engine/math";
import { healthShown, type AccountTotals, type VaultBand } from "../view/vault-summary";
import type { AccountRead } from "./account";
import { aavePosition, type AavePosition } from "./aave-v3/math";
import { aaveV3Adapter } from "./aave-v3";
import { morphoBlueAdapter } from "./morpho-blue";
import { morphoPosition, type MorphoPosition } from "./morpho-blue/math";
import { keelAdapter, type KeelPosition, type TokenOf } from "./keel";
import { keelPositions } from "./keel/read";

import type { OraclePrice, Position, PositionToken, ProtocolAdapter, ProtocolId } from "./types";
import { positionHref } from "./href";
import { sameAddress } from "../config/address";
import type { ReadProblem } from "./refusals";

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

/** One collateral or debt line, ready to show: USD figures are WAD, null when there is no USD price for it. */
export interface AssetLine {
  token: PositionToken;
  amount: bigint;
  valueUsd: bigint | null;
  priceUsd: bigint | null;
  /** Collateral: the price under which the position is liquidatable; debt: the price above which it is. null: none. */
  liquidationPriceUsd: bigint | null;
  /**
   * How far the price may move before liquidation, as a WAD fraction of today's price; null without debt or without a
   * price, and null for a line without a liquidation price (no move of its price alone liquidates: not even a
   * collateral's fall to nothing).
   */
  distance: bigint | null;
  /** KeelOracle's status of this token's feed (lib/read/oracle.ts FEED_STATUS; 0 = fresh, or no Keel feed): the app sends no borrow or withdrawal against a stale one. */
  feedStatus: number;
  /** Collateral only: the liquidation threshold in force (WAD) and whether it counts. */
  liquidationThreshold?: bigint;
  enabled?: boolean;
}

/** What the dashboard and the position pages show for one position of any protocol (Keel vaults included). */
export interface PositionView<P extends AnyPosition = ProtocolPosition> {
  protocol: Position["protocol"];
  chainId: number;
  /** Unique on the page: protocol, chain and id (and a Keel vault's number). */
  key: string;
  href: string;
  name: string;
  /** A Keel vault's number (on screen it is "Vault #n", in market `name`); null for other protocols. */
  vaultId: bigint | null;
  owner: Address;
  /** WAD; INFINITE_HEALTH without debt. */
  healthFactor: bigint;
  band: VaultBand;
  /** The health counts an unpriced collateral as zero (healthShown). */
  partial: boolean;
  collateralUsd: bigint | null;
  debtUsd: bigint | null;
  /** Σ collateral value × LTV (USD WAD): what may be borrowed in all. */
  borrowLimitUsd: bigint | null;
  /** The one asset the position borrows and its debt (0 when none yet), when there is one asset to borrow (Position.borrowAsset). */
  borrowAsset: { token: PositionToken; amount: bigint } | null;
  collaterals: AssetLine[];
  debts: AssetLine[];
  /** Held anything (a position page can show an empty one to open it); a Keel vault exists once opened, even empty. */
  open: boolean;
  position: P;
}

/**
 * USD (WAD) per whole unit of the position's value unit: Aave's base currency and Keel's are USD; a Morpho market's value
 * unit is its loan token, priced by the feed Keel reads for it (null when there is none).
 */
export function usdPerValueUnit(p: Position, usdPerToken: Record<string, bigint>): bigint | null {
  if (p.protocol === "aave-v3" || p.protocol === "keel") return p.valueUnit.symbol === "USD" ? WAD : null;
  return usdPerToken[(p as MorphoPosition).state.loanToken.address.toLowerCase()] ?? null;
}

/** A value in the position's value unit (its decimals) as USD WAD. */
const valueUsd = (value: bigint, decimals: number, unitUsd: bigint | null) => (unitUsd === null ? null : (value * unitUsd) / 10n ** BigInt(decimals));
/** An OraclePrice (value units per whole token) as USD WAD per whole token; an oracle's 0 is no price (KeelOracle answers 0 unless fresh). */
const priceUsd = (price: OraclePrice | bigint, decimals: number, unitUsd: bigint | null) => {
  const value = typeof price === "bigint" ? price : price.value;
  return unitUsd === null || value === 0n ? null : (value * unitUsd) / 10n ** BigInt(decimals);
};

/**
 * The view-model of one position (pure: the same inputs always show the same figures). `usdPerToken` and `feedStatus`
 * are the read's (KeelOracle.peekAll in the same eth_call, lib/protocols/account.ts).
 */
export function positionView<P extends AnyPosition>(
  p: P,
  usdPerToken: Record<string, bigint>,
  feedStatus: Record<string, number> = {},
): PositionView<P> {
  const unit = usdPerValueUnit(p, usdPerToken);
  const vd = p.valueUnit.decimals;
  const liq = adapterOf(p).liquidationPrices(p);
  const liqOf = (list: { token: PositionToken; price: bigint | null }[], token: PositionToken) =>
    list.find((l) => sameAddress(l.token.address, token.address))?.price ?? null;
  const status = (token: PositionToken) => feedStatus[token.address.toLowerCase()] ?? 0;
  const lines = (side: "collateral" | "debt") =>
    (side === "collateral" ? p.collaterals : p.debts).map((c) => {
      const lp = liqOf(side === "collateral" ? liq.collaterals : liq.debts, c.token);
      const now = priceUsd(c.price, c.price.decimals, unit);
      return {
        token: c.token,
        amount: c.amount,
        valueUsd: now === null ? null : valueUsd(c.value, vd, unit),
        priceUsd: now,
        liquidationPriceUsd: lp === null || lp === MAX_UINT256 ? null : priceUsd(lp, c.price.decimals, unit),
        feedStatus: status(c.token),
      };
    });
  const debts0 = lines("debt");
  const collaterals0 = lines("collateral");
  // The one health rule (lib/view/vault-summary.ts healthShown): a collateral without a price counts as zero, as the
  // protocol counts it; no figure without the debt's price (Morpho: no USD price of the loan token) or with nothing priced.
  const hf = p.healthFactor ?? INFINITE_HEALTH;
  const health = healthShown({
    hasDebt: p.debts.length > 0,
    healthFactor: hf,
    debtPriced: unit !== null && debts0.every((l) => l.priceUsd !== null),
    pricedValue: collaterals0.reduce((sum, l) => sum + (l.valueUsd ?? 0n), 0n),
    unpricedHeld: collaterals0.some((l) => l.amount > 0n && l.priceUsd === null),
  });
  const measured = p.debts.length > 0 && health.healthFactor !== null;
  const collaterals: AssetLine[] = collaterals0.map((l, i) => ({
    ...l,
    distance: measured && l.priceUsd !== null && l.amount > 0n ? distanceToLiquidation(l.priceUsd, l.liquidationPriceUsd ?? 0n) : null,
    liquidationThreshold: p.collaterals[i]!.liquidationThreshold,
    enabled: p.collaterals[i]!.enabled,
  }));
  const debts: AssetLine[] = debts0.map((l) => ({
    ...l,
    distance: measured && l.liquidationPriceUsd !== null && l.priceUsd !== null ? distanceToRise(l.priceUsd, l.liquidationPriceUsd) : null,
  }));
  const limit = p.collaterals.reduce((s, c) => (c.enabled ? s + (c.value * c.ltv) / WAD : s), 0n);
  const vaultId = p.protocol === "keel" ? (p as KeelPosition).vaultId : null;
  const borrowAsset = p.borrowAsset
    ? { token: p.borrowAsset, amount: p.debts.find((d) => sameAddress(d.token.address, p.borrowAsset!.address))?.amount ?? 0n }
    : null;
  return {
    protocol: p.protocol,
    chainId: p.chainId,
    key: `${p.protocol}-${p.chainId}-${p.id.toLowerCase()}${vaultId === null ? "" : `-${vaultId}`}`,
    href: positionHref(p),
    name: p.name,
    vaultId,
    owner: p.owner,
    healthFactor: hf,
    band: health.band,
    partial: health.partial,
    collateralUsd: valueUsd(p.totalCollateralValue, vd, unit),
    debtUsd: valueUsd(p.totalDebtValue, vd, unit),
    borrowLimitUsd: valueUsd(limit, vd, unit),
    borrowAsset,
    collaterals,
    debts,
    open: p.protocol === "keel" || p.collaterals.length > 0 || p.debts.length > 0,
    position: p,
  };
}

/** Every Aave and Morpho position of one chain's read (held ones only, unless `includeEmpty`): the position pages'. */
export function protocolViews(read: AccountRead, includeEmpty = false): PositionView[] {
  const positions: ProtocolPosition[] = [...(read.aave ? [aavePosition(read.aave)] : []), ...read.morpho.map(morphoPosition)];
  return positions.map((p) => positionView(p, read.usdPerToken, read.feedStatus)).filter((v) => includeEmpty || v.open);
}

/**
 * Every position of one chain's read, ready to show: the Keel vaults (through the Keel adapter, `tokenOf` naming their
 * tokens), then the held Aave and Morpho positions: the dashboard's list.
 */
export function accountViews(read: AccountRead, tokenOf: TokenOf): { views: PositionView<AnyPosition>[]; problems: ReadProblem[] } {
  const keel =
    read.keel && read.keelMarkets
      ? keelPositions({ chainId: read.chainId, timestamp: read.timestamp, vaults: read.keel, markets: read.keelMarkets, tokenOf })
      : { positions: [], problems: [] };
  const views: PositionView<AnyPosition>[] = [
    ...keel.positions.map((p) => positionView<AnyPosition>(p, read.usdPerToken, read.feedStatus)),
    ...protocolViews(read),
  ];
  return { views, problems: keel.problems };
}

/** Totals across positions of every protocol (USD WAD); a position without a USD price is left out and counted. */
export interface TotalsAcross extends AccountTotals {
  /** Positions without a USD value (counted in `vaults`, left out of the sums). */
  unpriced: number;
}

/** Totals across positions of every protocol and chain: sums of their USD figures; the lowest health of a priced position with debt. */
export function totalsAcross(views: readonly PositionView<AnyPosition>[]): TotalsAcross {
  const bands: Record<VaultBand, number> = { safe: 0, watch: 0, atRisk: 0, liquidatable: 0, unpriced: 0 };
  let collateralValue = 0n;
  let debtValue = 0n;
  let borrowLimitValue = 0n;
  let lowestHealth = INFINITE_HEALTH;
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
    if (v.debts.length > 0 && v.band !== "unpriced" && v.healthFactor < lowestHealth) lowestHealth = v.healthFactor;
  }
  return {
    vaults: views.length,
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
export function oddsInputOf(v: PositionView<AnyPosition>) {
  // The one health rule (healthShown): a collateral without a price is worth 0 and left out, as the protocol counts it.
  const priced = v.band !== "unpriced" && v.debtUsd !== null && v.debts.every((d) => d.valueUsd !== null);
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
