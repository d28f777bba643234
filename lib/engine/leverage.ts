/**
 * Multiply: plans for KeelLeverageRouter's one-transaction open / increase, decrease and close, from a lib/engine/risk.ts
 * position, the pool's reserves (lib/engine/amm.ts mirrors the adapter's quotes) and the market's flash fee. Every health
 * number comes from lib/engine/risk.ts; every swap number from lib/amm.ts. No React here.
 *
 * Leverage = collateral value / (collateral value − debt value): 1× without debt, 3× when debt is two thirds of the
 * collateral. A plan's bounds (minimum out, maximum in) are what the router enforces on chain; the LTV check the market
 * makes is checked here against the worst case those bounds allow, so a plan that could be refused is refused before
 * signing.
 */
import { getAmountIn, getAmountOut, priceImpact } from "./amm";
import { applyChange, liquidationPrice, vaultRisk, type VaultPosition, type VaultRisk } from "./risk";
import { WAD } from "./math";
import { sameAddress } from "../config/address";

export const BPS = 10_000n;
/** Uniswap V2's fee on the input of every swap. */
export const SWAP_FEE_BPS = 30n;
/** Price impact above which a plan is refused: the pool is too shallow for the size. */
export const MAX_PRICE_IMPACT = 0.1;

export interface Pool {
  /** Reserves of the pool between the market's base asset and the collateral, in token units. */
  reserveBase: bigint;
  reserveCollateral: bigint;
}

export interface LeverageContext {
  position: VaultPosition;
  collateral: `0x${string}`;
  pool: Pool;
  flashFeeBps: bigint;
  /** The user's slippage bound in bps (50 = 0.5 %). */
  slippageBps: bigint;
  /** Base units the market can lend (flash loans come from its cash). */
  cash: bigint;
}

export type PlanProblem =
  | { kind: "beyondLtv"; message: string }
  | { kind: "poolTooShallow"; message: string }
  | { kind: "notEnoughLiquidity"; message: string }
  | { kind: "notEnoughCollateral"; message: string }
  | { kind: "noPrice"; message: string }
  | { kind: "depositLowers"; message: string };

interface PlanCommon {
  /** The position after the transaction, with the expected swap result. */
  after: VaultPosition;
  risk: VaultRisk;
  /** Leverage after (WAD); INFINITE when the debt reaches the collateral value. */
  leverage: bigint;
  liquidationPrice: bigint;
  /** Price impact of the swap (fraction). */
  priceImpact: number;
  /** Flash-loan fee (base units). */
  flashFee: bigint;
  /** Swap fee paid to the pool, in the input token's units. */
  swapFee: bigint;
  problem: PlanProblem | null;
}

export type LeveragePlan =
  | (PlanCommon & {
      kind: "increase";
      deposit: bigint;
      flashAmount: bigint;
      expectedOut: bigint;
      minCollateralOut: bigint;
    })
  | (PlanCommon & {
      kind: "decrease";
      collateralToSell: bigint;
      repayAmount: bigint;
      expectedBaseOut: bigint;
      minBaseOut: bigint;
    })
  | (PlanCommon & {
      kind: "close";
      /** Debt to repay now (interest until mining is covered by the slippage bound on the collateral sold). */
      debt: bigint;
      expectedCollateralIn: bigint;
      maxCollateralIn: bigint;
      /** Collateral of the chosen asset returned to the owner (expected); other assets return whole. */
      collateralBack: bigint;
    });

export const INFINITE_LEVERAGE = 2n ** 256n - 1n;

/** Collateral value / (collateral value − debt value), WAD; 1× without debt; INFINITE when equity is gone. */
export function leverageOf(v: VaultPosition): bigint {
  const r = vaultRisk(v);
  if (r.debtValue === 0n) return WAD;
  if (r.collateralValue <= r.debtValue) return INFINITE_LEVERAGE;
  return (r.collateralValue * WAD) / (r.collateralValue - r.debtValue);
}

/** Flash fee as the market computes it (rounded up). */
export const flashFeeOf = (amount: bigint, bps: bigint) => (amount * bps + BPS - 1n) / BPS;
const withSlippageDown = (x: bigint, bps: bigint) => (x * (BPS - bps)) / BPS;
const withSlippageUp = (x: bigint, bps: bigint) => (x * (BPS + bps) + BPS - 1n) / BPS;

function collateralOf(v: VaultPosition, asset: `0x${string}`) {
  return v.collaterals.find((c) => sameAddress(c.asset, asset));
}

function finish<T extends { after: VaultPosition }>(ctx: LeverageContext, p: T) {
  const risk = vaultRisk(p.after);
  return { ...p, risk, leverage: leverageOf(p.after), liquidationPrice: liquidationPrice(p.after, ctx.collateral) };
}

/**
 * The plan that takes the vault (after adding `deposit` of the collateral from the wallet) to `targetLeverage` (WAD):
 * above the current leverage it borrows and buys collateral, below it sells collateral and repays.
 */
export function planLeverage(ctx: LeverageContext, deposit: bigint, targetLeverage: bigint): LeveragePlan {
  const c = collateralOf(ctx.position, ctx.collateral);
  const { position: v } = ctx;
  const noPrice: PlanProblem = { kind: "noPrice", message: "A price this vault needs is unavailable: leverage is paused until it is fresh." };
  const start = deposit > 0n ? applyChange(v, { kind: "deposit", asset: ctx.collateral, amount: deposit }) : v;
  const r = vaultRisk(start);
  const equity = r.collateralValue - r.debtValue;
  const target = (targetLeverage * (equity > 0n ? equity : 0n)) / WAD;
  if (!c || c.price === 0n || v.basePrice === 0n) {
    return {
      ...finish(ctx, { after: start }),
      kind: "increase",
      deposit,
      flashAmount: 0n,
      expectedOut: 0n,
      minCollateralOut: 0n,
      priceImpact: 0,
      flashFee: 0n,
      swapFee: 0n,
      problem: noPrice,
    };
  }
  // At or above the leverage the deposit alone leaves, borrow and buy (nothing when it is that leverage exactly: compared
  // as leverages, since `target` rounds down from the equity and would fall a wei short of the collateral's value).
  if (target >= r.collateralValue || targetLeverage >= leverageOf(start)) {
    // Swap fee and price impact come out of equity, so the naive flash amount overshoots the target: take the largest
    // amount whose resulting leverage is at most the target (leverage rises with the amount).
    const naive = target > r.collateralValue ? ((target - r.collateralValue) * 10n ** BigInt(v.baseDecimals)) / v.basePrice : 0n;
    const flash = largest(naive, (f) => leverageOf(planIncrease(ctx, start, deposit, f).after) <= targetLeverage);
    return planIncrease(ctx, start, deposit, flash);
  }
  if (deposit > 0n) {
    const plan = planIncrease(ctx, start, deposit, 0n);
    return {
      ...plan,
      problem: {
        kind: "depositLowers",
        message: `This deposit alone brings leverage to ${(Number(leverageOf(start) / 10n ** 14n) / 10_000).toFixed(2)}×: choose at least that, or lower leverage without a deposit.`,
      },
    };
  }
  // Selling also costs fees: sell the smallest amount (at least the naive one) that brings leverage down to the target.
  const held = c.amount;
  const naive = ((r.collateralValue - target) * 10n ** BigInt(c.decimals)) / c.price;
  const lo = naive < held ? naive : held;
  const sell = lo + smallest(held - lo, (extra) => leverageOf(planDecrease(ctx, start, lo + extra).after) <= targetLeverage);
  return planDecrease(ctx, start, sell);
}

/** Largest x in [0, hi] with ok(x), for ok true at 0 and monotone (true then false); hi when ok(hi). */
function largest(hi: bigint, ok: (x: bigint) => boolean): bigint {
  if (ok(hi)) return hi;
  let lo = 0n;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Smallest x in [0, hi] with ok(x), for ok monotone (false then true); hi when none. */
function smallest(hi: bigint, ok: (x: bigint) => boolean): bigint {
  if (ok(0n)) return 0n;
  if (!ok(hi)) return hi;
  let lo = 0n;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function planIncrease(ctx: LeverageContext, start: VaultPosition, deposit: bigint, flashAmount: bigint): LeveragePlan {
  const { pool } = ctx;
  const v = start;
  const expectedOut = getAmountOut(flashAmount, pool.reserveBase, pool.reserveCollateral);
  const minCollateralOut = withSlippageDown(expectedOut, ctx.slippageBps);
  const flashFee = flashFeeOf(flashAmount, ctx.flashFeeBps);
  const borrow = flashAmount === 0n ? 0n : flashAmount + flashFee;
  const grow = (out: bigint) => {
    const withCol = out > 0n ? applyChange(v, { kind: "deposit", asset: ctx.collateral, amount: out }) : v;
    return borrow > 0n ? applyChange(withCol, { kind: "borrow", amount: borrow }) : withCol;
  };
  const after = grow(expectedOut);
  const impact = priceImpact(flashAmount, expectedOut, pool.reserveBase, pool.reserveCollateral);
  let problem: PlanProblem | null = null;
  const worst = vaultRisk(grow(minCollateralOut));
  if (flashAmount > ctx.cash) {
    problem = { kind: "notEnoughLiquidity", message: "The market cannot lend that much right now: lower the leverage or the deposit." };
  } else if (flashAmount > 0n && (expectedOut === 0n || impact > MAX_PRICE_IMPACT)) {
    problem = {
      kind: "poolTooShallow",
      message: `The pool is too shallow for this size: price impact ${(impact * 100).toFixed(1)} %. Lower the leverage or the deposit.`,
    };
  } else if (worst.debtValue > worst.borrowLimitValue) {
    problem = {
      kind: "beyondLtv",
      message: "Above the maximum loan-to-value: the market would refuse the borrow (at the slippage bound). Lower the leverage.",
    };
  }
  return {
    ...finish(ctx, { after }),
    kind: "increase",
    deposit,
    flashAmount,
    expectedOut,
    minCollateralOut,
    priceImpact: impact,
    flashFee,
    swapFee: (flashAmount * SWAP_FEE_BPS) / BPS,
    problem,
  };
}

function planDecrease(ctx: LeverageContext, v: VaultPosition, sell: bigint): LeveragePlan {
  const { pool } = ctx;
  const c = collateralOf(v, ctx.collateral)!;
  const collateralToSell = sell > c.amount ? c.amount : sell;
  const expectedBaseOut = getAmountOut(collateralToSell, pool.reserveCollateral, pool.reserveBase);
  const minBaseOut = withSlippageDown(expectedBaseOut, ctx.slippageBps);
  // The loan plus its fee must be covered by the worst-case proceeds.
  let repayAmount = (minBaseOut * BPS) / (BPS + ctx.flashFeeBps);
  while (repayAmount > 0n && repayAmount + flashFeeOf(repayAmount, ctx.flashFeeBps) > minBaseOut) repayAmount -= 1n;
  const flashFee = flashFeeOf(repayAmount, ctx.flashFeeBps);
  // The market checks LTV when the collateral leaves, after the loan repaid `repayAmount`.
  const atCheck = applyChange(applyChange(v, { kind: "repay", amount: repayAmount }), {
    kind: "withdraw",
    asset: ctx.collateral,
    amount: collateralToSell,
  });
  // Expected: all proceeds but the fee go to the debt (the router repays the surplus too).
  const repaid = expectedBaseOut > flashFee ? expectedBaseOut - flashFee : 0n;
  const after = applyChange(applyChange(v, { kind: "withdraw", asset: ctx.collateral, amount: collateralToSell }), { kind: "repay", amount: repaid });
  const impact = priceImpact(collateralToSell, expectedBaseOut, pool.reserveCollateral, pool.reserveBase);
  let problem: PlanProblem | null = null;
  const check = vaultRisk(atCheck);
  if (collateralToSell > 0n && (expectedBaseOut === 0n || impact > MAX_PRICE_IMPACT)) {
    problem = {
      kind: "poolTooShallow",
      message: `The pool is too shallow for this size: price impact ${(impact * 100).toFixed(1)} %. Lower it in smaller steps.`,
    };
  } else if (repayAmount > ctx.cash) {
    problem = { kind: "notEnoughLiquidity", message: "The market cannot flash-lend that much right now: lower leverage in smaller steps." };
  } else if (check.debtValue > check.borrowLimitValue) {
    problem = {
      kind: "beyondLtv",
      message: "The collateral cannot leave while the vault is above its maximum loan-to-value: lower leverage in smaller steps or repay first.",
    };
  }
  return {
    ...finish(ctx, { after }),
    kind: "decrease",
    collateralToSell,
    repayAmount,
    expectedBaseOut,
    minBaseOut,
    priceImpact: impact,
    flashFee,
    swapFee: (collateralToSell * SWAP_FEE_BPS) / BPS,
    problem,
  };
}

/** The plan that repays all the debt with a flash loan and sells just enough of the collateral to cover it. */
export function planClose(ctx: LeverageContext): LeveragePlan {
  const { position: v, pool } = ctx;
  const c = collateralOf(v, ctx.collateral);
  const held = c?.amount ?? 0n;
  const empty = v.collaterals.map((x) => ({ ...x, amount: 0n }));
  const after: VaultPosition = { ...v, collaterals: empty, debt: 0n, ...(v.shares ? { shares: { ...v.shares, debtShares: 0n } } : {}) };
  const debt = v.debt;
  const flashFee = debt === 0n ? 0n : flashFeeOf(debt, ctx.flashFeeBps);
  const needed = debt + flashFee;
  const quote = debt === 0n ? 0n : getAmountIn(needed, pool.reserveCollateral, pool.reserveBase);
  const expectedCollateralIn = quote ?? 0n;
  const maxCollateralIn =
    debt === 0n ? 0n : withSlippageUp(expectedCollateralIn, ctx.slippageBps) < held ? withSlippageUp(expectedCollateralIn, ctx.slippageBps) : held;
  const impact = debt === 0n || quote === null ? 0 : priceImpact(expectedCollateralIn, needed, pool.reserveCollateral, pool.reserveBase);
  let problem: PlanProblem | null = null;
  if (quote === null || impact > MAX_PRICE_IMPACT) {
    problem = { kind: "poolTooShallow", message: "The pool cannot pay the whole debt in one swap: lower leverage in steps first." };
  } else if (expectedCollateralIn > held) {
    problem = {
      kind: "notEnoughCollateral",
      message: "Selling all of this collateral would not repay the debt: choose another collateral, or repay part from your wallet first.",
    };
  } else if (debt > ctx.cash) {
    problem = { kind: "notEnoughLiquidity", message: "The market cannot flash-lend the whole debt right now: repay part from your wallet first." };
  }
  return {
    after,
    risk: vaultRisk(after),
    leverage: WAD,
    liquidationPrice: 0n,
    kind: "close",
    debt,
    expectedCollateralIn,
    maxCollateralIn,
    collateralBack: held > expectedCollateralIn ? held - expectedCollateralIn : 0n,
    priceImpact: impact,
    flashFee,
    swapFee: (expectedCollateralIn * SWAP_FEE_BPS) / BPS,
    problem,
  };
}

/**
 * The highest leverage (WAD, to 0.01×) a plan can reach without a problem, from the current position plus `deposit`;
 * WAD when even a small step up is refused. Bounded by the LTV at the slippage bound, pool depth and market cash.
 */
export function maxLeverage(ctx: LeverageContext, deposit: bigint): bigint {
  const c = collateralOf(ctx.position, ctx.collateral);
  if (!c || c.ltv === 0n || c.ltv >= WAD) return WAD;
  const step = WAD / 100n;
  const start = deposit > 0n ? applyChange(ctx.position, { kind: "deposit", asset: ctx.collateral, amount: deposit }) : ctx.position;
  const r = vaultRisk(start);
  if (r.collateralValue === 0n) return WAD; // nothing to lever yet
  const now = leverageOf(start);
  if (now === INFINITE_LEVERAGE) return WAD;
  // The ceiling with free swaps: borrowing x more to buy x of this collateral stays within the limit while
  // debt + x ≤ limit + LTV × x, so x ≤ (limit − debt) ÷ (1 − LTV), at the same equity. With this collateral alone that
  // is 1 ÷ (1 − LTV); the room another collateral leaves raises it (it once capped a WBTC vault also holding WETH at
  // 1 ÷ (1 − WBTC's LTV), under its own leverage). The search runs below it.
  const room = r.borrowLimitValue > r.debtValue ? r.borrowLimitValue - r.debtValue : 0n;
  const ceiling = ((r.collateralValue + (room * WAD) / (WAD - c.ltv)) * WAD) / (r.collateralValue - r.debtValue);
  // The search runs on 0.01× steps from today's leverage. With a deposit, a target under the leverage the deposit alone
  // leaves is refused (depositLowers), so its first step is today's leverage rounded up, not down: rounded down, the
  // search stopped at once and a deposit capped the position at its current leverage.
  let lo = deposit > 0n ? ((now + step - 1n) / step) * step : (now / step) * step;
  let hi = ceiling + step;
  if (planLeverage(ctx, deposit, lo).problem) return deposit > 0n ? now : lo;
  while (hi - lo > step) {
    const mid = ((lo + hi) / 2n / step) * step;
    if (mid === lo) break;
    if (planLeverage(ctx, deposit, mid).problem) hi = mid;
    else lo = mid;
  }
  return lo;
}
