/**
 * Vault protection (KeelGuard) previews on bigint, mirroring KeelGuard.plan (contracts/src/periphery/KeelGuard.sol)
 * so the app can show what a rule being edited would do before it is saved: how much collateral a deleverage sells
 * and how much debt it repays to reach its target, what a stop-loss sells to close the vault, and the price at which
 * each triggers. agents/agents.chain.test.ts proves the deleverage mirror equals the guard's plan on the chain.
 */
import { parseAmountText, type DecimalSeparator } from "../view/amount";
import { wadText, type FieldProblem } from "./automation";
import { applyChange, liquidationPrice, vaultRisk, type VaultPosition } from "./risk";
import { scaleOf, valueUp } from "./health";
import { mulDivUp, WAD, wDivUp, wMulUp } from "./math";
import { sameAddress } from "../config/address";

export const GUARD_KIND = { deleverage: 0, stopLoss: 1 } as const;
export type GuardKind = keyof typeof GUARD_KIND;
/** KeelGuard.MAX_FEE_BPS and MAX_SLIPPAGE_BPS. */
export const MAX_FEE_BPS = 100n;
export const MAX_SLIPPAGE_BPS = 500n;
/** KeelGuard.TARGET_MARGIN: a deleverage target is at least LT / LTV plus this. */
export const TARGET_MARGIN = 10n ** 16n;

export interface ProtectionPlan {
  /** Collateral units sold (stop-loss: at most). */
  sell: bigint;
  /** Base units repaid. */
  repay: bigint;
  /** Executor fee, base units. */
  fee: bigint;
  /** Health factor after (WAD); INFINITE for a closed vault. */
  healthAfter: bigint;
}

export interface PlanParams {
  collateral: `0x${string}`;
  slippageBps: bigint;
  feeBps: bigint;
  flashFeeBps: bigint;
}

/** Collateral units whose oracle value less the slippage bound covers `baseOut` (KeelGuard._sellFor). */
function sellFor(v: VaultPosition, price: bigint, decimals: number, keep: bigint, baseOut: bigint) {
  return mulDivUp(wDivUp(valueUp(baseOut, v.basePrice, v.baseDecimals), keep), scaleOf(decimals), price);
}

/**
 * What a deleverage to `target` (WAD) would do now. Null when the target cannot be reached by selling this collateral
 * (KeelGuard reverts TargetUnreachable); a zero plan when the vault is already at or above the target.
 */
export function deleveragePlan(v: VaultPosition, target: bigint, p: PlanParams): ProtectionPlan | null {
  const c = v.collaterals.find((x) => sameAddress(x.asset, p.collateral));
  if (!c || c.price === 0n || v.basePrice === 0n) return null;
  const r = vaultRisk(v);
  const targetLiq = wMulUp(r.debtValue, target);
  if (targetLiq <= r.liquidationValue) return { sell: 0n, repay: 0n, fee: 0n, healthAfter: r.healthFactor };
  const keep = WAD - p.slippageBps * 10n ** 14n;
  const k = wDivUp(WAD + (p.feeBps + p.flashFeeBps) * 10n ** 14n, keep);
  const kLt = wMulUp(k, c.liquidationThreshold);
  if (kLt >= target) return null;
  let repay = mulDivUp(wDivUp(targetLiq - r.liquidationValue, target - kLt), scaleOf(v.baseDecimals), v.basePrice);
  if (repay > v.debt) repay = v.debt;
  const fee = (repay * p.feeBps) / 10_000n;
  const need = repay + fee + mulDivUp(repay, p.flashFeeBps, 10_000n);
  const sell = sellFor(v, c.price, c.decimals, keep, need);
  if (sell > c.amount) return null;
  const after = applyChange(applyChange(v, { kind: "repay", amount: repay }), { kind: "withdraw", asset: c.asset, amount: sell });
  return { sell, repay, fee, healthAfter: vaultRisk(after).healthFactor };
}

/** What a stop-loss would do now: repay all the debt, sell at most `sell` of the collateral, return the rest. */
export function stopLossPlan(v: VaultPosition, p: PlanParams): ProtectionPlan | null {
  const c = v.collaterals.find((x) => sameAddress(x.asset, p.collateral));
  if (!c || c.price === 0n || v.basePrice === 0n) return null;
  const keep = WAD - p.slippageBps * 10n ** 14n;
  const fee = (v.debt * p.feeBps) / 10_000n;
  const need = v.debt === 0n ? 0n : v.debt + fee + mulDivUp(v.debt, p.flashFeeBps, 10_000n);
  const sell = sellFor(v, c.price, c.decimals, keep, need);
  return { sell: sell > c.amount ? c.amount : sell, repay: v.debt, fee, healthAfter: 2n ** 256n - 1n };
}

/**
 * Price of `asset` (USD, WAD) at which the vault's health factor falls to `health` (WAD), other prices held: the
 * liquidation price of the same vault with its debt scaled by `health`. 0 when no fall of this asset alone gets there.
 */
export function priceAtHealth(v: VaultPosition, asset: `0x${string}`, health: bigint): bigint {
  return liquidationPrice({ ...v, shares: undefined, debt: mulDivUp(v.debt, health, WAD) }, asset);
}

export interface RuleDraft {
  kind: GuardKind;
  collateral: `0x${string}`;
  /** Deleverage: health factor, e.g. "1.3"; stop-loss: price in USD, e.g. "2400". */
  trigger: string;
  /** Deleverage: health factor to restore, e.g. "1.6". */
  target: string;
  /** Percent, e.g. "1" (1 %). */
  slippage: string;
  /** Percent of debt repaid, e.g. "0.3". */
  fee: string;
}

export interface ParsedRule {
  kind: GuardKind;
  collateral: `0x${string}`;
  trigger: bigint;
  target: bigint;
  slippageBps: bigint;
  feeBps: bigint;
}

export type RuleField = "trigger" | "target" | "slippage" | "fee";

/**
 * Checks a rule typed in the app against KeelGuard.setRule's bounds (and today's price for a stop-loss), returning
 * the contract's arguments or a problem per bad field (a key under `automation.problems`, as lib/engine/automation.ts gives,
 * shown by the same components). `lt` / `ltv` are the collateral's (WAD).
 */
export function parseRuleDraft(
  d: RuleDraft,
  ctx: {
    lt: bigint;
    ltv: bigint;
    price: bigint;
    healthFactor: bigint;
    /** The vault's liquidation price for the rule's collateral, others held (lib/engine/risk.ts; 0: none). */
    liquidationPrice?: bigint;
    decimal?: DecimalSeparator;
  },
): { ok: true; rule: ParsedRule } | { ok: false; errors: Partial<Record<RuleField, FieldProblem>> } {
  const errors: Partial<Record<RuleField, FieldProblem>> = {};
  const num = (text: string, decimals: number, field: RuleField, what: string): bigint => {
    const p = parseAmountText(text, decimals, { symbol: what, what, decimal: ctx.decimal });
    if (!p.ok) {
      errors[field] = p.problem === "tooManyDecimals" ? { key: "decimals", values: { decimals: String(decimals) } } : { key: "amount", amount: p };
      return 0n;
    }
    return p.value;
  };
  const slippageBps = num(d.slippage, 2, "slippage", "a slippage bound");
  if (!errors.slippage && (slippageBps === 0n || slippageBps > MAX_SLIPPAGE_BPS)) errors.slippage = { key: "slippageRange" };
  const feeBps = num(d.fee, 2, "fee", "a fee cap");
  if (!errors.fee && feeBps > MAX_FEE_BPS) errors.fee = { key: "feeRange" };
  let trigger = 0n;
  let target = 0n;
  if (d.kind === "deleverage") {
    trigger = num(d.trigger, 4, "trigger", "a health factor") * 10n ** 14n;
    target = num(d.target, 4, "target", "a health factor") * 10n ** 14n;
    const minTarget = wDivUp(ctx.lt, ctx.ltv) + TARGET_MARGIN;
    if (!errors.trigger && trigger <= WAD) errors.trigger = { key: "healthAboveOne" };
    if (!errors.target && !errors.trigger && target <= trigger) errors.target = { key: "targetAboveTrigger" };
    else if (!errors.target && target < minTarget) errors.target = { key: "guardTargetMin", values: { min: wadText(minTarget) } };
    else if (!errors.target && target > 5n * WAD) errors.target = { key: "targetMax" };
  } else {
    trigger = num(d.trigger, 8, "trigger", "a price") * 10n ** 10n;
    if (!errors.trigger && trigger === 0n) errors.trigger = { key: "priceAboveZero" };
    else if (!errors.trigger && ctx.price > 0n && trigger >= ctx.price)
      errors.trigger = { key: "stopBelowPrice", values: { price: wadText(ctx.price, 2) } };
    // At or below the liquidation price the vault is liquidatable before the stop can fire: a rule that never works.
    else if (!errors.trigger && ctx.liquidationPrice && trigger <= ctx.liquidationPrice)
      errors.trigger = { key: "stopAboveLiquidation", values: { price: wadText(ctx.liquidationPrice, 2) } };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, rule: { kind: d.kind, collateral: d.collateral, trigger, target, slippageBps, feeBps } };
}
