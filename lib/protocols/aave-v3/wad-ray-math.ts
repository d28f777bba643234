import { WAD } from "../../engine/math";

/**
 * Aave v3's WadRayMath and PercentageMath on bigint: half-up rounding, as Aave's own libraries (unlike the engine's
 * MathLib, whose rounding direction is in each name: lib/engine/math.ts).
 */
export const RAY = 10n ** 27n;
export const PERCENTAGE_FACTOR = 10_000n;

export const rayMul = (a: bigint, b: bigint) => (a * b + RAY / 2n) / RAY;
export const rayDiv = (a: bigint, b: bigint) => (a * RAY + b / 2n) / b;
export const wadDiv = (a: bigint, b: bigint) => (a * WAD + b / 2n) / b;
export const percentMul = (value: bigint, pct: bigint) => (value * pct + PERCENTAGE_FACTOR / 2n) / PERCENTAGE_FACTOR;
export const percentDiv = (value: bigint, pct: bigint) => (value * PERCENTAGE_FACTOR + pct / 2n) / pct;
