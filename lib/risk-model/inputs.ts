/**
 * The model's market inputs besides volatility: how long the keeper takes to clear a market's liquidations, and what
 * selling the market's largest positions into the pool liquidators use costs. Pool math is lib/engine/amm.ts's.
 */
import { getAmountOut, tradeCost, type PoolSide } from "../engine/amm";

/** Measured keeper speed (bench/results/keeper.md: 1,000 vaults, −35 %, 30M gas blocks): gas per liquidation in a batch. */
export const KEEPER_GAS_PER_LIQUIDATION = 45_809n;

export interface ClearingInput {
  /** Positions to liquidate at once. */
  positions: number;
  gasPerLiquidation?: bigint;
  blockGasLimit: bigint;
  blockSeconds: number;
  /** Seconds before the price the engine sees can move: the collateral feed's heartbeat (worst case). */
  oracleLagSeconds: number;
}

/** Blocks to clear `positions` liquidations: ceil(total gas ÷ block gas limit) + 1, the keeper bench's bound. */
export function blocksToClear(positions: number, gasPerLiquidation: bigint, blockGasLimit: bigint): number {
  if (positions <= 0) return 1;
  const total = BigInt(Math.ceil(positions)) * gasPerLiquidation;
  return Number((total + blockGasLimit - 1n) / blockGasLimit) + 1;
}

/** Seconds from a price crossing a position's threshold to its liquidation clearing: oracle lag + blocks × block time. */
export function liquidationSeconds(x: ClearingInput): number {
  return x.oracleLagSeconds + blocksToClear(x.positions, x.gasPerLiquidation ?? KEEPER_GAS_PER_LIQUIDATION, x.blockGasLimit) * x.blockSeconds;
}

/**
 * Cost (fee included, fraction) of selling the collateral of the `count` largest positions (`amounts`, collateral
 * units) at once into `pool` (collateral in, base asset out): the price a liquidator gets against the pool's price.
 * 1 when the pool cannot pay anything for it.
 */
export function liquidationImpact(pool: PoolSide, amounts: readonly bigint[], count = 3): number {
  const sold = [...amounts]
    .sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))
    .slice(0, count)
    .reduce((s, a) => s + a, 0n);
  if (sold <= 0n) return 0;
  const out = getAmountOut(sold, pool.reserveIn, pool.reserveOut);
  return out <= 0n ? 1 : tradeCost(sold, out, pool.reserveIn, pool.reserveOut);
}
