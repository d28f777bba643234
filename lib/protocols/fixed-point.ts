import { WAD } from "../risk";

/**
 * Fixed-point arithmetic on bigint for the protocol adapters, each function named for who its rounding favours, as in
 * the protocols' own libraries. lib/ has no exported kernel yet (lib/risk.ts keeps its mulDiv private); the
 * coordinator folds this into the shared one. WAD is imported, never redeclared.
 */
export { WAD };
export const RAY = 10n ** 27n;
export const PERCENTAGE_FACTOR = 10_000n;
export const MAX_UINT256 = 2n ** 256n - 1n;

// Morpho's MathLib: explicit direction.
export const mulDivDown = (x: bigint, y: bigint, d: bigint) => (x * y) / d;
export const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + (d - 1n)) / d;
export const wMulDown = (x: bigint, y: bigint) => mulDivDown(x, y, WAD);
export const wDivDown = (x: bigint, y: bigint) => mulDivDown(x, WAD, y);
export const wDivUp = (x: bigint, y: bigint) => mulDivUp(x, WAD, y);
/** Morpho's `wTaylorCompounded`: e^(x·n) − 1 to the third term, rounded down. */
export function wTaylorCompounded(x: bigint, n: bigint): bigint {
  const first = x * n;
  const second = mulDivDown(first, first, 2n * WAD);
  const third = mulDivDown(second, first, 3n * WAD);
  return first + second + third;
}

// Aave's WadRayMath and PercentageMath: half up.
export const rayMul = (a: bigint, b: bigint) => (a * b + RAY / 2n) / RAY;
export const rayDiv = (a: bigint, b: bigint) => (a * RAY + b / 2n) / b;
export const wadDiv = (a: bigint, b: bigint) => (a * WAD + b / 2n) / b;
export const percentMul = (value: bigint, pct: bigint) => (value * pct + PERCENTAGE_FACTOR / 2n) / PERCENTAGE_FACTOR;
export const percentDiv = (value: bigint, pct: bigint) => (value * PERCENTAGE_FACTOR + pct / 2n) / pct;

/**
 * The largest x in [lo, hi] for which `ok(x)` holds, given `ok` is monotone (true up to a point, false after);
 * `lo - 1n` if even `ok(lo)` fails. Exact on bigint: how the adapters find "the largest amount the protocol accepts"
 * from the protocol's own check, rounding included, instead of inverting a formula.
 */
export function largestPassing(lo: bigint, hi: bigint, ok: (x: bigint) => boolean): bigint {
  if (hi < lo || !ok(lo)) return lo - 1n;
  while (lo < hi) {
    const mid = lo + (hi - lo + 1n) / 2n;
    if (ok(mid)) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}
