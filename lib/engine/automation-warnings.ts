/**
 * Why a KeelAutomation rule could not fire if its condition held now (the four the dashboard and every protection panel
 * warn of; paused, expired and owner changed are the owner's own doing and the guard's `plan` reports them):
 * - **not authorised**: the owner withdrew (or never gave) what the rule's movement needs from the protocol's adapter —
 *   the Keel operator, the Morpho `setAuthorization`, the Aave aToken allowance covering the whole collateral
 *   (deleverage, stop-loss, take-profit, trailing stop) or the Aave credit delegation (boost) — `execute` reverts
 *   `NotAuthorised`; the adapter's snapshot carries both flags (`mayWithdraw`, `mayBorrow`), so this costs no read;
 * - **below the minimum**: the position holds less collateral than the rule's minimum size (or none) — `execute`
 *   reverts `BelowMinimum`;
 * - **fee below gas**: the most the owner lets an executor take, at the trigger, does not pay the gas of executing at
 *   today's gas price — nobody is paid to run it;
 * - **slippage unreachable**: at the trigger, the swap the guard orders cannot meet the owner's slippage bound in the
 *   swap venue's pool at the position's size (the pool's fee and depth cost more) — `execute` always reverts.
 * Pure, on bigint: the hook reads the gas price, the oracle's USD prices and the pool's reserves; this decides. The
 * amounts are the guard's own at the trigger price (`previewAtTrigger`, the mirror of `KeelAutomation.plan`).
 */
import type { Address } from "viem";
import { alignedPool, getAmountIn, getAmountOut, type PoolSide } from "./amm";
import {
  previewAtTrigger,
  type AutomationKind,
  type AutomationProtocol,
  type AutomationRule,
  type GuardSnapshot,
  type ParsedAutomationRule,
} from "./automation";
import { WAD } from "./math";
import { sameAddress } from "../config/address";

/** What an execution does to the position: close it, reduce it toward a health factor, or boost it. */
export type Movement = "close" | "reduce" | "boost";

/**
 * Gas of one `KeelAutomation.execute` per protocol and movement: the most measured, rounded up to 10,000, by
 * `npm run bench:gas` (bench/automation-gas.ts: every rule kind on each protocol, bench/results/leverage-gas.md — the
 * trailing stop is the dearest close: it also records the high) and agents/automation.chain.test.ts (the crash and the
 * executor's runs), on anvil with the real Aave v3 and Morpho Blue bytecode and Uniswap V2.
 */
export const EXECUTION_GAS: Record<AutomationProtocol, Record<Movement, bigint>> = {
  keel: { close: 480_000n, reduce: 430_000n, boost: 410_000n },
  aaveV3: { close: 810_000n, reduce: 780_000n, boost: 690_000n },
  morphoBlue: { close: 450_000n, reduce: 400_000n, boost: 380_000n },
};

/** What the chain says now, beside the position (read by hooks/use-automation.ts). */
export interface ExecutionContext {
  /** Gas price now, wei per gas. */
  gasPrice: bigint;
  /** USD per whole native token (WAD); null when no oracle prices it. */
  nativeUsd: bigint | null;
  /** USD per whole debt token (WAD); null when no oracle prices it. */
  debtUsd: bigint | null;
  /**
   * The swap venue's pool of the rule's two tokens, raw reserves; null when the venue has none (every swap reverts);
   * undefined when the venue could not be read (nothing is concluded).
   */
  pool: { collateral: bigint; debt: bigint } | null | undefined;
}

export interface RuleWarnings {
  /** What the movement needs from the adapter and the owner does not grant now. */
  notAuthorised: { needs: "withdraw" | "borrow" } | null;
  /**
   * The position's price is unusable now (its adapter's read reverts: a stale or missing feed), so the guard cannot act
   * on it and nothing else can be weighed; true, or null.
   */
  priceUnavailable: true | null;
  /** The collateral now and the rule's minimum, when the collateral is below it (or zero). */
  belowMinimum: { collateral: bigint; minimum: bigint } | null;
  /** The fee at the cap and the gas of the execution, both in USD (WAD), when the fee is the smaller. */
  feeBelowGas: { feeUsd: bigint; gasUsd: bigint } | null;
  /** What the swap would cost at the trigger against the oracle price (bps, rounded up; null: no pool), beside the bound. */
  slippageUnreachable: { costBps: bigint | null; boundBps: bigint } | null;
}

/** The warning kinds, in the order they are shown (what stops a rule outright first). */
export const WARNING_KINDS = ["notAuthorised", "priceUnavailable", "belowMinimum", "feeBelowGas", "slippageUnreachable"] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** The kinds of warning a rule carries, in WARNING_KINDS order (empty: it could fire). */
export const warningKinds = (w: RuleWarnings): WarningKind[] => WARNING_KINDS.filter((k) => w[k] !== null);

/**
 * The guard's own two refusals (KeelAutomation.execute's `NotAuthorised` and `BelowMinimum`, the same tests in the same
 * order as its `plan` blockers): from the snapshot and the rule alone.
 */
export function authorisationWarnings(
  s: GuardSnapshot,
  kind: AutomationKind,
  minCollateral: bigint,
): Pick<RuleWarnings, "notAuthorised" | "belowMinimum"> {
  const needs = kind === "boost" ? "borrow" : "withdraw";
  return {
    notAuthorised: (needs === "borrow" ? s.mayBorrow : s.mayWithdraw) ? null : { needs },
    belowMinimum: s.collateral < minCollateral || s.collateral === 0n ? { collateral: s.collateral, minimum: minCollateral } : null,
  };
}

/** The stored rule in the form the preview takes. */
export function ruleAsParsed(r: AutomationRule): ParsedAutomationRule {
  return {
    trigger: r.trigger,
    target: r.target,
    trailBps: BigInt(r.trailBps),
    minCollateral: r.minCollateral,
    slippageBps: BigInt(r.maxSlippageBps),
    feeBps: BigInt(r.maxFeeBps),
    validUntil: BigInt(r.validUntil),
  };
}

/**
 * The warnings of a rule of `kind` on this position (`rule`: as typed in the form, or stored: `ruleAsParsed`): the
 * authorisation and the minimum now, and the fee and the slippage at its trigger with the fee at its cap. A rule whose
 * trigger has no price or whose target the guard could not reach has no fee or slippage warning (the preview already
 * says so).
 */
export function ruleWarnings(
  protocol: AutomationProtocol,
  s: GuardSnapshot,
  kind: AutomationKind,
  rule: ParsedAutomationRule,
  ctx: ExecutionContext,
): RuleWarnings {
  const refusals = authorisationWarnings(s, kind, rule.minCollateral);
  const none: RuleWarnings = { ...refusals, priceUnavailable: null, feeBelowGas: null, slippageUnreachable: null };
  const preview = previewAtTrigger(s, kind, rule, rule.feeBps);
  const plan = preview.plan;
  if (!plan || preview.price === 0n) return none;
  const movement: Movement = plan.close ? "close" : kind === "boost" ? "boost" : "reduce";
  if (!plan.close && plan.repay === 0n && plan.borrow === 0n) return none; // nothing to move at the trigger

  let feeBelowGas: RuleWarnings["feeBelowGas"] = null;
  if (ctx.nativeUsd !== null && ctx.debtUsd !== null) {
    const feeUsd = (plan.fee * ctx.debtUsd) / s.debtScale;
    const gasUsd = (EXECUTION_GAS[protocol][movement] * ctx.gasPrice * ctx.nativeUsd) / WAD;
    if (feeUsd < gasUsd) feeBelowGas = { feeUsd, gasUsd };
  }

  let slippageUnreachable: RuleWarnings["slippageUnreachable"] = null;
  const boundBps = rule.slippageBps;
  if (ctx.pool === null || (ctx.pool && (ctx.pool.collateral === 0n || ctx.pool.debt === 0n))) {
    slippageUnreachable = { costBps: null, boundBps };
  } else if (ctx.pool) {
    // The pool as arbitrage leaves it at the trigger price (its depth kept), in the direction of the guard's swap.
    const price = preview.price; // debt per collateral, WAD
    const sellSide: PoolSide = { reserveIn: ctx.pool.collateral, reserveOut: ctx.pool.debt };
    let amountIn: bigint;
    let out: bigint;
    let pool: PoolSide;
    let reached: boolean;
    if (movement === "boost") {
      pool = alignedPool({ reserveIn: ctx.pool.debt, reserveOut: ctx.pool.collateral }, WAD * s.colScale, price * s.debtScale);
      amountIn = plan.borrow;
      out = getAmountOut(amountIn, pool.reserveIn, pool.reserveOut);
      reached = out >= plan.minOut;
    } else {
      pool = alignedPool(sellSide, price * s.debtScale, WAD * s.colScale);
      if (movement === "close") {
        // Exact output: buy what the close repays with at most `sell`.
        const needed = getAmountIn(plan.minOut, pool.reserveIn, pool.reserveOut);
        reached = needed !== null && needed <= plan.sell;
        amountIn = needed ?? plan.sell;
        out = needed === null ? getAmountOut(plan.sell, pool.reserveIn, pool.reserveOut) : plan.minOut;
      } else {
        amountIn = plan.sell;
        out = getAmountOut(amountIn, pool.reserveIn, pool.reserveOut);
        reached = out >= plan.minOut;
      }
    }
    if (!reached) {
      // What the trade gives up against the oracle price at the trigger, fee and depth included, rounded up.
      const [got, paid] =
        movement === "boost" ? [out * price * s.debtScale, amountIn * WAD * s.colScale] : [out * WAD * s.colScale, amountIn * price * s.debtScale];
      const costBps = paid === 0n || got >= paid ? 0n : ((paid - got) * 10_000n + paid - 1n) / paid;
      slippageUnreachable = { costBps, boundBps };
    }
  }
  return { ...refusals, priceUnavailable: null, feeBelowGas, slippageUnreachable };
}

/**
 * The warnings of a stored rule, or null when the rule is off by its owner's own doing — paused, past its `validUntil`
 * (`now`, unix seconds, the chain's latest block), or set by an earlier owner of the position — the panel says so
 * already, and a warning there would be noise. What the dashboard and every protection panel show.
 */
export function storedRuleWarnings(
  protocol: AutomationProtocol,
  s: GuardSnapshot,
  kind: AutomationKind,
  rule: AutomationRule,
  ctx: ExecutionContext,
  now: bigint,
): RuleWarnings | null {
  if (offByOwner(rule, s.owner, now)) return null;
  return ruleWarnings(protocol, s, kind, ruleAsParsed(rule), ctx);
}

/** Paused, past its `validUntil` (`now`), or set by another owner than the position's (`owner`): off by its owner's doing. */
const offByOwner = (rule: AutomationRule, owner: Address, now: bigint) =>
  rule.paused || now > BigInt(rule.validUntil) || !sameAddress(owner, rule.owner);

/**
 * A stored rule's warnings when its position's snapshot reverts on a price (hooks/use-automation.ts `unavailable`):
 * the price alone, unless the rule is off by its owner's doing (as storedRuleWarnings; `owner`: the position's owner as
 * read, since the snapshot that names it is missing).
 */
export function unpricedRuleWarnings(rule: AutomationRule, owner: Address, now: bigint): RuleWarnings | null {
  if (offByOwner(rule, owner, now)) return null;
  return { notAuthorised: null, priceUnavailable: true, belowMinimum: null, feeBelowGas: null, slippageUnreachable: null };
}

/** A KeelGuard rule as stored (KeelGuard.Rule: deleverage or stop-loss on a Keel vault, no minimum, no expiry). */
export interface KeelGuardRule {
  owner: Address;
  trigger: bigint;
  target: bigint;
  maxSlippageBps: number;
  maxFeeBps: number;
  paused: boolean;
}

/**
 * The four warnings of a KeelGuard rule (the Keel vault page's older protection panel), by the same `ruleWarnings` as
 * every KeelAutomation rule: `at` is the vault's snapshot through the Keel adapter for the rule's collateral and its
 * execution context (a `GuardPosition` of hooks/use-automation.ts; null: the vault holds none of it), and what differs is KeelGuard's own: the authorisation is the guard being the owner's
 * operator on the market (`operator`), the minimum is "holds some of the collateral" (KeelGuard has no minimum size),
 * and a stop-loss trigger is the collateral's USD price (KeelGuard's `colPrice`), turned here into debt tokens as
 * KeelAutomation's is. Null when the rule is paused or was set by an earlier owner of the vault (`vaultOwner`; the
 * panel says so).
 */
export function keelGuardRuleWarnings(
  vaultOwner: Address,
  at: { snapshot: GuardSnapshot | null; execution: ExecutionContext } | null,
  kind: "deleverage" | "stopLoss",
  rule: KeelGuardRule,
  operator: boolean,
): RuleWarnings | null {
  if (rule.paused || !sameAddress(vaultOwner, rule.owner)) return null;
  const notAuthorised = operator ? null : ({ needs: "withdraw" } as const);
  if (!at)
    return { notAuthorised, priceUnavailable: null, belowMinimum: { collateral: 0n, minimum: 0n }, feeBelowGas: null, slippageUnreachable: null };
  // Held, but its snapshot reverts on a price: the authorisation (the guard as operator) still counts, nothing else can.
  if (!at.snapshot) return { notAuthorised, priceUnavailable: true, belowMinimum: null, feeBelowGas: null, slippageUnreachable: null };
  const s = at.snapshot;
  const trigger = kind === "stopLoss" ? (s.debtPrice === 0n ? 0n : (rule.trigger * WAD) / s.debtPrice) : rule.trigger;
  const parsed: ParsedAutomationRule = {
    trigger,
    target: rule.target,
    trailBps: 0n,
    minCollateral: 0n,
    slippageBps: BigInt(rule.maxSlippageBps),
    feeBps: BigInt(rule.maxFeeBps),
    validUntil: 0n,
  };
  return { ...ruleWarnings("keel", { ...s, mayWithdraw: operator }, kind, parsed, at.execution), notAuthorised };
}
