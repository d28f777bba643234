/**
 * Series for the vault page's charts, computed on bigint with lib/engine/risk.ts and turned into plain numbers only at the
 * end (recharts plots numbers; nothing computed here is ever sent on-chain).
 */
import { distanceToLiquidation, liquidationPrice, vaultRisk, type VaultPosition } from "../engine/risk";
import { INFINITE_HEALTH } from "../engine/health";
import { WAD, wadToNumber } from "../engine/math";
import { isPriced } from "../read/oracle";
import { lensHealth } from "../view/vault-summary";
import { sameAddress } from "../config/address";

/** Health factors above this are drawn at this height (a vault without debt is "∞"). */
export const CHART_HEALTH_CAP = 5;

/** A health factor (WAD) as a float for a chart, capped at CHART_HEALTH_CAP. */
export function healthToNumber(hf: bigint): number {
  if (hf === INFINITE_HEALTH) return CHART_HEALTH_CAP;
  return Math.min(CHART_HEALTH_CAP, wadToNumber(hf));
}

export interface CurvePoint {
  /** USD per whole token. */
  price: number;
  healthFactor: number;
}

export interface HealthCurve {
  points: CurvePoint[];
  /** Today's price and the liquidation price (0 when none), USD per token. */
  price: number;
  liquidationPrice: number;
}

/**
 * The vault's health factor as the price of `asset` alone moves from 0 to about twice today's price (wide enough to
 * show the liquidation price too), other prices held. `samples` + 1 evenly spaced prices, plus today's and the
 * liquidation price exactly, in increasing order.
 */
export function healthCurve(v: VaultPosition, asset: `0x${string}`, samples = 60): HealthCurve {
  const c = v.collaterals.find((x) => sameAddress(x.asset, asset));
  if (!c || c.price === 0n) return { points: [], price: 0, liquidationPrice: 0 };
  const liq = liquidationPrice(v, asset);
  let top = 2n * c.price;
  if ((liq * 3n) / 2n > top) top = (liq * 3n) / 2n;
  const prices = new Set<bigint>();
  for (let i = 0; i <= samples; i++) prices.add((top * BigInt(i)) / BigInt(samples));
  prices.add(c.price);
  if (liq > 0n) prices.add(liq);
  const points = [...prices]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((price) => {
      const at: VaultPosition = { ...v, collaterals: v.collaterals.map((x) => (x === c ? { ...x, price } : x)) };
      return { price: wadToNumber(price), healthFactor: healthToNumber(vaultRisk(at).healthFactor) };
    });
  return { points, price: wadToNumber(c.price), liquidationPrice: wadToNumber(liq) };
}

/**
 * At most `max` block numbers from `from` (the vault's opening) to `to` (now): both ends, every block where the vault
 * changed (evenly thinned when there are too many), then evenly spaced blocks to fill. Sorted, unique.
 */
export function sampleBlocks(from: bigint, to: bigint, eventBlocks: bigint[], max = 40): bigint[] {
  if (to < from) return [];
  const span = to - from + 1n;
  if (span <= BigInt(max)) return Array.from({ length: Number(span) }, (_, i) => from + BigInt(i));
  const picked = new Set<bigint>([from, to]);
  const events = [...new Set(eventBlocks.filter((b) => b > from && b < to))].sort((a, b) => (a < b ? -1 : 1));
  const eventRoom = Math.floor((max - 2) / 2);
  const step = events.length > eventRoom ? events.length / eventRoom : 1;
  for (let i = 0; i < events.length && picked.size < 2 + eventRoom; i += step) picked.add(events[Math.floor(i)]!);
  // Fill evenly: a grid of 3 × max blocks, taken one in three (then the next third…) until max, skipping blocks taken.
  const grid = 3 * max;
  for (let pass = 0; pass < 3 && picked.size < max; pass++) {
    for (let i = pass; i < grid && picked.size < max; i += 3) picked.add(from + ((span - 1n) * BigInt(i)) / BigInt(grid - 1));
  }
  return [...picked].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, max);
}

/** The vault as the lens saw it at one block (only the fields the history needs). */
export interface HistorySample {
  block: bigint;
  /** Seconds since epoch of that block, when known. */
  timestamp?: number;
  debt: bigint;
  /** The lens's figures (KeelLens.VaultView), shown by the one health rule (lib/view/vault-summary.ts lensHealth). */
  debtValue: bigint;
  collateralValue: bigint;
  healthFactor: bigint;
  collaterals: readonly { amount: bigint; price: bigint; liquidationPrice: bigint; status: number }[];
}

export interface HistoryPoint {
  block: number;
  timestamp: number | null;
  /** null where no health applies (no price) — a gap in the line. Capped at CHART_HEALTH_CAP. */
  healthFactor: number | null;
  /** Smallest distance to liquidation over the collaterals, in percent; null without debt or prices. */
  distancePct: number | null;
  /** Collateral value in USD after the event (indexer history only). */
  collateralUsd?: number | null;
}

/** One chart point per sample: the lens's health factor and the smallest distance to liquidation. */
export function historySeries(samples: HistorySample[]): HistoryPoint[] {
  return samples.map((s) => {
    const health = lensHealth(s);
    let distance: bigint | null = null;
    if (s.debt !== 0n && health.healthFactor !== null) {
      for (const c of s.collaterals) {
        if (c.amount === 0n || !isPriced(c)) continue;
        const d = distanceToLiquidation(c.price, c.liquidationPrice);
        if (d !== null && (distance === null || d < distance)) distance = d;
      }
    }
    return {
      block: Number(s.block),
      timestamp: s.timestamp ?? null,
      healthFactor: health.healthFactor === null ? null : healthToNumber(health.healthFactor),
      distancePct: distance === null ? null : wadToNumber(distance * 100n),
    };
  });
}

/** Share of each collateral in the vault's collateral value, in percent (for the composition chart). */
export function composition(values: { key: string; value: bigint }[]): { key: string; value: number; pct: number }[] {
  const total = values.reduce((a, v) => a + v.value, 0n);
  return values
    .filter((v) => v.value > 0n)
    .map((v) => ({ key: v.key, value: wadToNumber(v.value), pct: total === 0n ? 0 : wadToNumber((v.value * 100n * WAD) / total) }));
}
