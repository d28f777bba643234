/**
 * Constant-product AMM math (Uniswap V2: 0.3 % fee on the input), mirroring `UniswapV2Adapter` — its quotes and
 * rounding — so the app can price a leverage slider without a quote call per position. `lib/engine/amm.chain.test.ts` proves
 * the two agree on the chain.
 */
import { sameAddress } from "../config/address";

const FEE_NUM = 997n;
const FEE_DEN = 1000n;

/** What `amountIn` buys from a pool holding `reserveIn` / `reserveOut` (rounded down, as the adapter). */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountIn <= 0n || reserveIn <= 0n || reserveOut <= 0n) return 0n;
  const inWithFee = amountIn * FEE_NUM;
  return (inWithFee * reserveOut) / (reserveIn * FEE_DEN + inWithFee);
}

/** What buying exactly `amountOut` costs (rounded up, as the adapter); null when the pool cannot pay it. */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint | null {
  if (amountOut >= reserveOut || reserveIn <= 0n) return null;
  if (amountOut <= 0n) return 0n;
  return (reserveIn * amountOut * FEE_DEN) / ((reserveOut - amountOut) * FEE_NUM) + 1n;
}

/**
 * Price impact of a trade against the pool's price before it, as a fraction (0.01 = 1 %): how much worse the average
 * execution price is than the marginal price, fee excluded.
 */
export function priceImpact(amountIn: bigint, amountOut: bigint, reserveIn: bigint, reserveOut: bigint): number {
  if (amountIn <= 0n || amountOut <= 0n) return 0;
  // spot out per in = reserveOut / reserveIn; executed (before fee) = amountOut / (amountIn × 0.997)
  const executed = (Number(amountOut) * Number(FEE_DEN)) / (Number(amountIn) * Number(FEE_NUM));
  const spot = Number(reserveOut) / Number(reserveIn);
  return Math.max(0, 1 - executed / spot);
}

/**
 * What a trade loses against the pool's price before it, fee included, as a fraction (0.013 = 1.3 %): 1 − (amountOut ÷
 * amountIn) ÷ (reserveOut ÷ reserveIn). A liquidator selling seized collateral needs a discount above this.
 */
export function tradeCost(amountIn: bigint, amountOut: bigint, reserveIn: bigint, reserveOut: bigint): number {
  if (amountIn <= 0n || reserveIn <= 0n || reserveOut <= 0n) return 0;
  return Math.max(0, 1 - (Number(amountOut) * Number(reserveIn)) / (Number(amountIn) * Number(reserveOut)));
}

/** Integer square root (floor). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("isqrt of a negative number");
  if (n < 2n) return n;
  // Newton's method from a power of two above the root decreases monotonically to the floor root.
  let x = 1n << (BigInt(n.toString(2).length) / 2n + 1n);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * The trade that moves a pool's marginal price to `targetNum / targetDen` (units of token B per unit of token A):
 * which side to sell and how much, fee included, or null when the pool is already within `toleranceBps`.
 */
export function arbitrageTrade(
  reserveA: bigint,
  reserveB: bigint,
  targetNum: bigint,
  targetDen: bigint,
  toleranceBps = 10n,
): { sell: "A" | "B"; amountIn: bigint } | null {
  if (reserveA <= 0n || reserveB <= 0n || targetNum <= 0n || targetDen <= 0n) return null;
  // Deviation of the pool price rB/rA from the target, in bps.
  const lhs = reserveB * targetDen * 10_000n;
  const rhs = reserveA * targetNum;
  if (lhs <= rhs * (10_000n + toleranceBps) && lhs >= rhs * (10_000n - toleranceBps)) return null;
  // At the target price with k = rA·rB kept: rB' = sqrt(k·t), rA' = sqrt(k/t).
  const k = reserveA * reserveB;
  if (reserveB * targetDen < reserveA * targetNum) {
    // A is cheap in the pool: sell B for A.
    const rB = isqrt((k * targetNum) / targetDen);
    return { sell: "B", amountIn: ((rB - reserveB) * FEE_DEN) / FEE_NUM };
  }
  const rA = isqrt((k * targetDen) / targetNum);
  return { sell: "A", amountIn: ((rA - reserveA) * FEE_DEN) / FEE_NUM };
}

/** A pair's reserves ordered as (`token`, the other token), from `getReserves()` and `token0()`. */
export function reservesFrom(token: string, token0: string, reserve0: bigint, reserve1: bigint): [bigint, bigint] {
  return sameAddress(token, token0) ? [reserve0, reserve1] : [reserve1, reserve0];
}

/** A pair's reserves as (base, collateral). */
export function poolFor(base: string, token0: string, reserve0: bigint, reserve1: bigint): { reserveBase: bigint; reserveCollateral: bigint } {
  const [reserveBase, reserveCollateral] = reservesFrom(base, token0, reserve0, reserve1);
  return { reserveBase, reserveCollateral };
}

/** A pool as (reserve of the token sold, reserve of the token bought). */
export interface PoolSide {
  reserveIn: bigint;
  reserveOut: bigint;
}

/** Sells `amountIn` into `pool`: what it pays out and the pool it leaves (the next trade's price). */
export function sellInto(pool: PoolSide, amountIn: bigint): { amountOut: bigint; pool: PoolSide } {
  const amountOut = getAmountOut(amountIn, pool.reserveIn, pool.reserveOut);
  return { amountOut, pool: { reserveIn: pool.reserveIn + amountIn, reserveOut: pool.reserveOut - amountOut } };
}

/**
 * The pool once an arbitrageur has traded it to the price `targetNum / targetDen` (units of `reserveOut`'s token per
 * unit of `reserveIn`'s), with `arbitrageTrade`'s tolerance; the pool itself when it is already there.
 */
export function alignedPool(pool: PoolSide, targetNum: bigint, targetDen: bigint, toleranceBps = 10n): PoolSide {
  const trade = arbitrageTrade(pool.reserveIn, pool.reserveOut, targetNum, targetDen, toleranceBps);
  if (!trade || trade.amountIn <= 0n) return pool;
  if (trade.sell === "A") return sellInto(pool, trade.amountIn).pool;
  const out = getAmountOut(trade.amountIn, pool.reserveOut, pool.reserveIn);
  return { reserveIn: pool.reserveIn - out, reserveOut: pool.reserveOut + trade.amountIn };
}
