/**
 * The engine's interest rate model, in bigint, mirroring KeelMarket exactly (same formula, same rounding):
 * `_utilization`, `_borrowRate`, and `supplyRate()` = borrow rate × utilisation × (1 − reserve factor). Every rate is
 * per second at WAD scale, like the contract's. An integration test (rates.chain.test.ts) checks it against a market.
 */

import { mulDivDown, WAD, wMulDown } from "./math";

/** Seconds in the 365-day year the app uses to show a per-second rate as an APR (see formatApr). */
export const SECONDS_PER_YEAR = 31_536_000n;

/** `RateModel` as the market stores it: per-second WAD rates and the kink utilisation (WAD). */
export interface RateModel {
  baseRate: bigint;
  slope1: bigint;
  slope2: bigint;
  kink: bigint;
}

/** Utilisation (WAD) of a market: borrows / (cash + borrows − reserves), capped at 100 %, like `_utilization`. */
export function utilization(borrows: bigint, cash: bigint, reserves: bigint): bigint {
  if (borrows === 0n) return 0n;
  const gross = cash + borrows;
  const supplied = gross > reserves ? gross - reserves : 0n;
  if (borrows >= supplied) return WAD;
  return mulDivDown(borrows, WAD, supplied);
}

/** Borrow rate per second (WAD) at utilisation `u` (WAD), like `_borrowRate`: linear to the kink, steeper after it. */
export function borrowRateAt(m: RateModel, u: bigint): bigint {
  if (u <= m.kink) return m.baseRate + mulDivDown(m.slope1, u, m.kink);
  return m.baseRate + m.slope1 + mulDivDown(m.slope2, u - m.kink, WAD - m.kink);
}

/** Supply rate per second (WAD) at utilisation `u`, like `supplyRate()`: borrow rate × u × (1 − reserve factor). */
export function supplyRateAt(m: RateModel, u: bigint, reserveFactor: bigint): bigint {
  return wMulDown(wMulDown(borrowRateAt(m, u), u), WAD - reserveFactor);
}

/**
 * Utilisation and both rates after the market's cash moves by `delta` (a lender's deposit; a withdrawal when negative),
 * borrows and reserves held: what the market answers in the same block after the move (interest accrued since the
 * figures were read aside). The lend panel's preview.
 */
export function ratesAfterCash(
  m: { totalBorrows: bigint; cash: bigint; totalReserves: bigint; rateModel: RateModel; reserveFactor: bigint },
  delta: bigint,
): { utilization: bigint; borrowRate: bigint; supplyRate: bigint } {
  const cash = m.cash + delta > 0n ? m.cash + delta : 0n;
  const u = utilization(m.totalBorrows, cash, m.totalReserves);
  return { utilization: u, borrowRate: borrowRateAt(m.rateModel, u), supplyRate: supplyRateAt(m.rateModel, u, m.reserveFactor) };
}

/** One point of a rate curve: utilisation and both rates, all WAD (rates per second). */
export interface RatePoint {
  utilization: bigint;
  borrowRate: bigint;
  supplyRate: bigint;
}

/**
 * The rate curve from 0 to 100 % utilisation in `steps` equal steps, with the kink as a point of its own so the
 * bend is drawn exactly where it is. Sorted by utilisation, no duplicates.
 */
export function rateCurve(m: RateModel, reserveFactor: bigint, steps = 100): RatePoint[] {
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`steps must be a positive integer, got ${steps}`);
  const us = new Set<bigint>();
  for (let i = 0; i <= steps; i++) us.add((WAD * BigInt(i)) / BigInt(steps));
  if (m.kink > 0n && m.kink < WAD) us.add(m.kink);
  return [...us]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((u) => ({ utilization: u, borrowRate: borrowRateAt(m, u), supplyRate: supplyRateAt(m, u, reserveFactor) }));
}

/**
 * A WAD ratio or a per-second WAD rate as a plain number of percent, for chart axes only (recharts needs numbers):
 * `toChartPercent(0.8e18)` = 80, `toChartPercent(rate, true)` = the APR in percent. Text on screen uses lib/format.
 */
export function toChartPercent(wad: bigint, perSecondToApr = false): number {
  const v = (perSecondToApr ? wad * SECONDS_PER_YEAR : wad) * 100n;
  // 6 decimals of a percent are far below a pixel; the division is exact up to there.
  return Number((v * 1_000_000n) / WAD) / 1_000_000;
}
