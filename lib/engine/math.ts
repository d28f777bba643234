/**
 * MathLib (contracts/src/libraries/MathLib.sol) on bigint: fixed-point arithmetic with the rounding direction in every
 * name. The one kernel of the app, the agents and the protocol adapters (Morpho Blue's MathLib is the same); nothing
 * else declares WAD or a mulDiv.
 */

/** Fixed-point scale of every ratio, price and USD value (named once, here). */
export const WAD = 10n ** 18n;
/** type(uint256).max. */
export const MAX_UINT256 = 2n ** 256n - 1n;

/** (x * y) / d rounded down. */
export const mulDivDown = (x: bigint, y: bigint, d: bigint) => (x * y) / d;
/** (x * y) / d rounded up. */
export const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + (d - 1n)) / d;
/** (x * y) / WAD rounded down. */
export const wMulDown = (x: bigint, y: bigint) => mulDivDown(x, y, WAD);
/** (x * y) / WAD rounded up. */
export const wMulUp = (x: bigint, y: bigint) => mulDivUp(x, y, WAD);
/** (x * WAD) / y rounded down. */
export const wDivDown = (x: bigint, y: bigint) => mulDivDown(x, WAD, y);
/** (x * WAD) / y rounded up. */
export const wDivUp = (x: bigint, y: bigint) => mulDivUp(x, WAD, y);

/**
 * The first three non-zero terms of the Taylor expansion of e^(x * n) - 1: continuous compounding of the per-second
 * rate `x` over `n` seconds, rounded down (borrowers are never over-charged).
 */
export function wTaylorCompounded(x: bigint, n: bigint): bigint {
  const firstTerm = x * n;
  const secondTerm = mulDivDown(firstTerm, firstTerm, 2n * WAD);
  const thirdTerm = mulDivDown(secondTerm, firstTerm, 3n * WAD);
  return firstTerm + secondTerm + thirdTerm;
}

/** max(x - y, 0). */
export const zeroFloorSub = (x: bigint, y: bigint) => (x > y ? x - y : 0n);

/**
 * A WAD figure (USD value, ratio, health factor) as a float, for analytics and charts only — never for a figure sent
 * on-chain. The one place a WAD leaves bigint.
 */
export const wadToNumber = (wad: bigint) => Number(wad) / 1e18;
