/**
 * KeelAutomation (the guard for every protocol, contracts/src/periphery/guard/) on bigint: the rule kinds and their
 * bounds, each protocol's position key, a mirror of the guard's `plan` (agents/automation.chain.test.ts proves it equal
 * on the chain) and the preview "what the rule will do at its trigger" the app shows before saving.
 */
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";
import { parseAmountText, type AmountProblem, type DecimalSeparator, type ProblemText } from "../view/amount";
import { mulDivDown, mulDivUp, WAD, wDivDown, wDivUp, wMulDown, wMulUp } from "./math";

/** KeelAutomation.Kind, in the contract's order. */
export const AUTOMATION_KINDS = ["deleverage", "stopLoss", "takeProfit", "boost", "trailingStop"] as const;
export type AutomationKind = (typeof AUTOMATION_KINDS)[number];
export const kindIndex = (k: AutomationKind) => AUTOMATION_KINDS.indexOf(k);

/** KeelAutomation's constants. */
export const AUTOMATION_LIMITS = {
  maxFeeBps: 100n,
  maxSlippageBps: 500n,
  maxTrailBps: 5000n,
  maxTarget: 5n * WAD,
  minBoostTarget: 105n * 10n ** 16n,
  /** RULE_GAP: a Boost stays 5 % clear of the same position's Deleverage and reducing TakeProfit. */
  ruleGap: 105n * 10n ** 16n,
  /** MAX_RULE_LIFETIME: every rule expires at most 365 days after it is set (seconds). */
  maxRuleLifetime: 365n * 86_400n,
} as const;

export type AutomationProtocol = "keel" | "aaveV3" | "morphoBlue";

/** The adapter's position key (IGuardAdapter): Keel (market, vaultId, collateral), Aave (owner, collateral, debt), Morpho (owner, marketId). */
export function positionKey(
  p:
    | { protocol: "keel"; market: Address; vaultId: bigint; collateral: Address }
    | { protocol: "aaveV3"; owner: Address; collateral: Address; debtAsset: Address }
    | { protocol: "morphoBlue"; owner: Address; marketId: Hex },
): Hex {
  if (p.protocol === "keel")
    return encodeAbiParameters([{ type: "address" }, { type: "uint256" }, { type: "address" }], [p.market, p.vaultId, p.collateral]);
  if (p.protocol === "aaveV3")
    return encodeAbiParameters([{ type: "address" }, { type: "address" }, { type: "address" }], [p.owner, p.collateral, p.debtAsset]);
  return encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [p.owner, p.marketId]);
}

/**
 * A short tag for a position key, for the app's element ids and React keys: 8 bytes of its hash. Not a slice of the key:
 * its words are zero-padded, so two of its slices could name vaults #2 and #3 of one market alike.
 */
export function positionTag(position: Hex): string {
  return keccak256(position).slice(2, 18);
}

/** IGuardAdapter.Snapshot: the position as the guard reads it (values in the protocol's unit, WAD). */
export interface GuardSnapshot {
  owner: Address;
  mayWithdraw: boolean;
  mayBorrow: boolean;
  collateral: bigint;
  debt: bigint;
  colPrice: bigint;
  debtPrice: bigint;
  colScale: bigint;
  debtScale: bigint;
  lt: bigint;
  collateralValue: bigint;
  liqValue: bigint;
  debtValue: bigint;
  flashFeeBps: bigint;
}

/** The rule as stored (KeelAutomation.Rule). */
export interface AutomationRule {
  owner: Address;
  maxSlippageBps: number;
  maxFeeBps: number;
  trailBps: number;
  paused: boolean;
  trigger: bigint;
  target: bigint;
  minCollateral: bigint;
  high: bigint;
  /** When the rule was set (unix seconds); shown so a rule left from a position closed by hand is noticed. */
  setAt: number;
  /** The last second (unix) the rule may fire: a rule outlives no position by more than its owner chose. */
  validUntil: number;
}

/** KeelAutomation.Plan. */
export interface AutomationPlan {
  triggered: boolean;
  observed: bigint;
  level: bigint;
  close: boolean;
  sell: bigint;
  repay: bigint;
  borrow: bigint;
  fee: bigint;
  minOut: bigint;
  flashFee: bigint;
}

const MAX = 2n ** 256n - 1n;

/** One collateral token in debt tokens (WAD), the guard's `_price`. */
export const snapshotPrice = (s: GuardSnapshot) => mulDivDown(s.colPrice, WAD, s.debtPrice);
/** The guard's `_health` (HealthLib.healthFactor). */
export const snapshotHealth = (s: GuardSnapshot) => (s.debtValue === 0n ? MAX : wDivDown(s.liqValue, s.debtValue));

const sellFor = (s: GuardSnapshot, debtOut: bigint, keep: bigint) =>
  mulDivUp(wDivUp(mulDivUp(debtOut, s.debtPrice, s.debtScale), keep), s.colScale, s.colPrice);

/** Thrown by the mirror where the guard reverts TargetUnreachable. */
export class TargetUnreachableError extends Error {
  constructor() {
    super("TargetUnreachable");
    this.name = "TargetUnreachableError";
  }
}

function planReduce(s: GuardSnapshot, target: bigint, feeBps: bigint, keep: bigint, p: AutomationPlan) {
  const targetLiq = wMulUp(s.debtValue, target);
  if (targetLiq <= s.liqValue) return;
  const k = wDivUp(WAD + (feeBps + s.flashFeeBps) * 10n ** 14n, keep);
  const kLt = wMulUp(k, s.lt);
  if (kLt >= target) throw new TargetUnreachableError();
  p.repay = mulDivUp(wDivUp(targetLiq - s.liqValue, target - kLt), s.debtScale, s.debtPrice);
  if (p.repay > s.debt) p.repay = s.debt;
  p.fee = (p.repay * feeBps) / 10_000n;
  p.flashFee = mulDivUp(p.repay, s.flashFeeBps, 10_000n);
  const need = p.repay + p.fee + p.flashFee;
  p.sell = sellFor(s, need, keep);
  if (p.sell > s.collateral) throw new TargetUnreachableError();
  const worst = mulDivDown(wMulDown(mulDivDown(p.sell, s.colPrice, s.colScale), keep), s.debtScale, s.debtPrice);
  p.minOut = worst > need ? worst : need;
}

function planBoost(s: GuardSnapshot, target: bigint, feeBps: bigint, keep: bigint, p: AutomationPlan) {
  const targetLiq = wMulUp(s.debtValue, target);
  if (s.liqValue <= targetLiq) return;
  const kp = WAD + (feeBps + s.flashFeeBps) * 10n ** 14n;
  const den = wMulUp(target, kp) - wMulDown(keep, s.lt);
  p.borrow = mulDivDown(wDivDown(s.liqValue - targetLiq, den), s.debtScale, s.debtPrice);
  p.fee = (p.borrow * feeBps) / 10_000n;
  p.flashFee = mulDivUp(p.borrow, s.flashFeeBps, 10_000n);
  p.minOut = mulDivDown(wMulDown(mulDivDown(p.borrow, s.debtPrice, s.debtScale), keep), s.colScale, s.colPrice);
}

/** KeelAutomation._plan: what executing `rule` with `feeBps` does on this snapshot (a trailing stop's high as given). */
export function planRule(
  s: GuardSnapshot,
  kind: AutomationKind,
  rule: Pick<AutomationRule, "trigger" | "target" | "maxSlippageBps" | "trailBps" | "high">,
  feeBps: bigint,
): AutomationPlan {
  const p: AutomationPlan = {
    triggered: false,
    observed: 0n,
    level: 0n,
    close: false,
    sell: 0n,
    repay: 0n,
    borrow: 0n,
    fee: 0n,
    minOut: 0n,
    flashFee: 0n,
  };
  const keep = WAD - BigInt(rule.maxSlippageBps) * 10n ** 14n;
  if (kind === "deleverage" || kind === "boost") {
    p.observed = snapshotHealth(s);
    p.level = rule.trigger;
    if (kind === "deleverage") {
      p.triggered = p.observed < rule.trigger;
      if (p.triggered) planReduce(s, rule.target, feeBps, keep, p);
    } else {
      // No debt, no leverage to raise back (KeelAutomation: the owner is exiting).
      p.triggered = s.debt !== 0n && p.observed > rule.trigger;
      if (p.triggered) planBoost(s, rule.target, feeBps, keep, p);
    }
    return p;
  }
  p.observed = snapshotPrice(s);
  if (kind === "trailingStop") {
    const high = p.observed > rule.high ? p.observed : rule.high;
    p.level = mulDivDown(high, 10_000n - BigInt(rule.trailBps), 10_000n);
    p.triggered = p.observed <= p.level;
  } else if (kind === "stopLoss") {
    p.level = rule.trigger;
    p.triggered = p.observed <= p.level;
  } else {
    p.level = rule.trigger;
    p.triggered = p.observed >= p.level;
    if (rule.target !== 0n) {
      if (snapshotHealth(s) >= rule.target) p.triggered = false;
      else if (p.triggered) planReduce(s, rule.target, feeBps, keep, p);
      return p;
    }
  }
  p.close = true;
  p.repay = s.debt;
  p.fee = (s.debt * feeBps) / 10_000n;
  p.flashFee = mulDivUp(s.debt, s.flashFeeBps, 10_000n);
  p.minOut = s.debt + p.fee + p.flashFee;
  p.sell = sellFor(s, p.minOut, keep);
  return p;
}

/**
 * The snapshot with the rule's collateral at `price` (debt tokens per collateral token, WAD), everything else held:
 * what the guard would read if the oracle moved only that collateral.
 */
export function atPrice(s: GuardSnapshot, price: bigint): GuardSnapshot {
  const colPrice = mulDivDown(price, s.debtPrice, WAD);
  const oldValue = mulDivDown(s.collateral, s.colPrice, s.colScale);
  const newValue = mulDivDown(s.collateral, colPrice, s.colScale);
  const liqOld = wMulDown(oldValue, s.lt);
  const liqNew = wMulDown(newValue, s.lt);
  return {
    ...s,
    colPrice,
    collateralValue: s.collateralValue - oldValue + newValue,
    liqValue: s.liqValue > liqOld ? s.liqValue - liqOld + liqNew : liqNew,
  };
}

/** Collateral price (debt per collateral, WAD) at which the health factor is `health`, other prices held; 0 if none. */
export function priceForHealth(s: GuardSnapshot, health: bigint): bigint {
  if (s.collateral === 0n || s.lt === 0n) return 0n;
  const oldValue = mulDivDown(s.collateral, s.colPrice, s.colScale);
  const otherLiq = s.liqValue - (wMulDown(oldValue, s.lt) > s.liqValue ? s.liqValue : wMulDown(oldValue, s.lt));
  const needLiq = wMulUp(s.debtValue, health);
  if (needLiq <= otherLiq) return 0n;
  const needValue = wDivUp(needLiq - otherLiq, s.lt);
  const colPrice = mulDivUp(needValue, s.colScale, s.collateral);
  return mulDivUp(colPrice, WAD, s.debtPrice);
}

/** What a rule will do when it fires, for the preview shown before saving. */
export interface RulePreview {
  /** Price of the collateral (debt per collateral, WAD) at which it fires; for trailing stops, from today's high. */
  price: bigint;
  plan: AutomationPlan | null;
  /** Health factor after (WAD; MAX for a closed position). */
  healthAfter: bigint;
  /** Health factor at that price before the rule acts (WAD; MAX without debt): below 1, liquidation comes first. */
  healthAt: bigint;
  /** A close there needs more collateral than the position holds, even at the oracle's price (the guard would revert). */
  short: boolean;
}

/**
 * What a rule planned at its trigger would meet there, with today's debt (null: nothing to say). Two kinds can never
 * work, and the forms refuse to save them (`blocksSaving`): the position already liquidatable at that price (liquidation
 * comes first), and a close needing more collateral than is held. The others are said but may be saved: the target out
 * of reach by this collateral's price alone (other collateral, or no debt yet), or nothing to do there today (a debt
 * taken later may give it some).
 */
export function previewProblem(kind: AutomationKind, p: RulePreview): "unreachable" | "liquidatedFirst" | "short" | "nothing" | null {
  if (!p.plan) return "unreachable";
  if (p.healthAt < WAD) return "liquidatedFirst";
  if (p.short) return "short";
  if (!p.plan.close && (kind === "boost" ? p.plan.borrow : p.plan.repay) === 0n) return "nothing";
  return null;
}

/**
 * Whether a health rule's trigger is already past today's health factor, so that it fires at once (the guard fires a
 * Deleverage below its trigger, a Boost above it) and then stays set. Said in the preview, not refused: it may be what
 * the trader wants. Never for a position without debt.
 */
export function firesAtOnce(s: GuardSnapshot, kind: AutomationKind, trigger: bigint): boolean {
  const today = snapshotHealth(s);
  return (kind === "deleverage" && today < trigger) || (kind === "boost" && today !== MAX && today > trigger);
}

/** Whether `previewProblem`'s answer means the rule could never work (the forms refuse to save it). */
export const blocksSaving = (problem: ReturnType<typeof previewProblem>) => problem === "liquidatedFirst" || problem === "short";

/** The rule planned at its trigger price (health rules: the price where the health factor crosses the trigger). */
export function previewAtTrigger(s: GuardSnapshot, kind: AutomationKind, p: ParsedAutomationRule, feeBps: bigint): RulePreview {
  const high = snapshotPrice(s);
  let price: bigint;
  if (kind === "deleverage" || kind === "boost") {
    // The first price past the trigger: a boost fires above it (one wei of price above the crossing may leave the
    // health factor, rounded down, on the trigger itself), a deleverage below it.
    const crossing = priceForHealth(s, kind === "boost" ? p.trigger + 1n : p.trigger);
    price = kind === "deleverage" ? (crossing > 0n ? crossing - 1n : 0n) : crossing + 1n;
  } else if (kind === "trailingStop") price = mulDivDown(high, 10_000n - p.trailBps, 10_000n);
  else price = p.trigger;
  if (price === 0n) return { price, plan: null, healthAfter: 0n, healthAt: 0n, short: false };
  const at = atPrice(s, price);
  const healthAt = snapshotHealth(at);
  const rule = { trigger: p.trigger, target: p.target, maxSlippageBps: Number(p.slippageBps), trailBps: Number(p.trailBps), high };
  let plan: AutomationPlan | null;
  try {
    plan = planRule(at, kind, rule, feeBps);
  } catch {
    return { price, plan: null, healthAfter: 0n, healthAt, short: false };
  }
  // Short: even at the oracle's price, with no slippage, repaying the debt and its fees needs more collateral than is held
  // (the guard sells at most what it withdraws; `plan.sell` is only the slippage bound's worst case).
  const valueDebt = (x: bigint) => mulDivDown(x, at.debtPrice, at.debtScale);
  const valueCol = (x: bigint) => mulDivDown(x, at.colPrice, at.colScale);
  if (plan.close) {
    const short = sellFor(at, plan.minOut, WAD) > at.collateral;
    // A close repays this pair's debt and takes all of this collateral out: what the account owes in other assets
    // (an Aave account's other debts) stays, against its other collateral. Under a millionth of the debt left is
    // rounding of the values, not a debt: the position is closed.
    const colLiq = wMulDown(valueCol(at.collateral), at.lt);
    const liqAfter = at.liqValue > colLiq ? at.liqValue - colLiq : 0n;
    const repaid = valueDebt(at.debt);
    const debtAfter = at.debtValue > repaid ? at.debtValue - repaid : 0n;
    const closed = debtAfter * 1_000_000n <= at.debtValue;
    return { price, plan, healthAfter: closed ? MAX : wDivDown(liqAfter, debtAfter), healthAt, short };
  }
  let liq = at.liqValue;
  let debt = at.debtValue;
  if (kind === "boost") {
    liq += wMulDown(valueCol(plan.minOut), at.lt);
    debt += valueDebt(plan.borrow + plan.fee + plan.flashFee);
  } else {
    liq -= wMulDown(valueCol(plan.sell), at.lt);
    debt -= valueDebt(plan.repay);
  }
  return { price, plan, healthAfter: debt <= 0n ? MAX : wDivDown(liq, debt), healthAt, short: false };
}

export interface AutomationDraft {
  kind: AutomationKind;
  /** Health factor (deleverage, boost) or price in the debt asset (stop-loss, take-profit). */
  trigger: string;
  /** Health factor to reach; for take-profit empty = close. */
  target: string;
  /** Trailing stop: percent under the high, e.g. "10". */
  trail: string;
  /** Minimum collateral, collateral units, e.g. "0.5". */
  minimum: string;
  /** Percent, e.g. "1". */
  slippage: string;
  /** Percent, e.g. "0.3". */
  fee: string;
  /** Days the rule stays valid, e.g. "90" (1 to 365: KeelAutomation.MAX_RULE_LIFETIME). */
  validity: string;
}

export interface ParsedAutomationRule {
  trigger: bigint;
  target: bigint;
  trailBps: bigint;
  minCollateral: bigint;
  slippageBps: bigint;
  feeBps: bigint;
  /** Unix seconds: `now` + the days typed. */
  validUntil: bigint;
}

export type AutomationField = "trigger" | "target" | "trail" | "minimum" | "slippage" | "fee" | "validity";

/**
 * Why a field is refused: a message key under `automation.problems` and its values, or (`key` "amount") the amount
 * parser's own problem, shown through hooks/use-amount-problem.ts.
 */
export interface FieldProblem {
  amount?: ProblemText & { problem: AmountProblem };
  key:
    | "amount"
    | "slippageRange"
    | "feeRange"
    | "trailRange"
    | "healthAboveOne"
    | "targetAboveTrigger"
    | "targetBelowTrigger"
    | "boostTargetMin"
    | "targetMax"
    | "priceAboveZero"
    | "stopBelowPrice"
    | "stopAboveLiquidation"
    | "profitAbovePrice"
    | "targetAboveOne"
    | "loopMin"
    | "loopMax"
    | "guardTargetMin"
    | "validityRange"
    | "decimals";
  values?: Record<string, string>;
}

/** A rule of the same position already stored (the guard checks a new rule against them). */
export interface OtherRule {
  kind: AutomationKind;
  trigger: bigint;
  target: bigint;
}

const gapUp = (x: bigint) => (x * AUTOMATION_LIMITS.ruleGap + WAD - 1n) / WAD;
/** Largest x with gapUp(x) ≤ bound. */
const gapMax = (bound: bigint) => (bound * WAD) / AUTOMATION_LIMITS.ruleGap;

/**
 * KeelAutomation._checkNoLoop: rules that move one position in opposite directions must not re-arm each other —
 * Boost trigger ≥ Deleverage target × 1.05, Boost target ≥ Deleverage trigger × 1.05, Boost trigger ≥ a reducing
 * TakeProfit's target × 1.05. Returns the problem per field of the new rule (`others`: the position's other kinds).
 */
export function ruleLoopProblems(
  kind: AutomationKind,
  rule: { trigger: bigint; target: bigint },
  others: readonly OtherRule[],
): Partial<Record<AutomationField, FieldProblem>> {
  const out: Partial<Record<AutomationField, FieldProblem>> = {};
  const other = (k: AutomationKind) => others.find((o) => o.kind === k);
  const atLeast = (field: AutomationField, value: bigint, min: bigint) => {
    if (value < min && !out[field]) out[field] = { key: "loopMin", values: { value: wadText(min) } };
  };
  const atMost = (field: AutomationField, value: bigint, bound: bigint) => {
    if (gapUp(value) > bound && !out[field]) out[field] = { key: "loopMax", values: { value: wadText(gapMax(bound)) } };
  };
  if (kind === "boost") {
    const d = other("deleverage");
    if (d) {
      atLeast("trigger", rule.trigger, gapUp(d.target));
      atLeast("target", rule.target, gapUp(d.trigger));
    }
    const tp = other("takeProfit");
    if (tp && tp.target !== 0n) atLeast("trigger", rule.trigger, gapUp(tp.target));
  } else if (kind === "deleverage" || (kind === "takeProfit" && rule.target !== 0n)) {
    const b = other("boost");
    if (!b) return out;
    atMost("target", rule.target, b.trigger);
    if (kind === "deleverage") atMost("trigger", rule.trigger, b.target);
  }
  return out;
}

/** WAD → "1.0625" (up to 4 decimals, trailing zeros dropped). */
export function wadText(x: bigint, decimals = 4): string {
  const s = (Number(x / 10n ** BigInt(18 - decimals)) / 10 ** decimals).toFixed(decimals);
  return s.replace(/\.?0+$/, "");
}

/**
 * Checks a rule typed in the app against KeelAutomation.setRule's bounds (and today's price, so that a price rule does
 * not fire at once), returning the contract's Params or a problem per bad field.
 */
export function parseAutomationDraft(
  d: AutomationDraft,
  ctx: {
    price: bigint;
    healthFactor: bigint;
    collateralDecimals: number;
    others?: readonly OtherRule[];
    /** The chain's time now (unix seconds): the expiry counts from it. */
    now: bigint;
    /** The reader's decimal separator ("." unless said): what they type is read as they write numbers. */
    decimal?: DecimalSeparator;
  },
): { ok: true; rule: ParsedAutomationRule } | { ok: false; errors: Partial<Record<AutomationField, FieldProblem>> } {
  const errors: Partial<Record<AutomationField, FieldProblem>> = {};
  const num = (text: string, decimals: number, field: AutomationField): bigint => {
    const p = parseAmountText(text, decimals, { decimal: ctx.decimal });
    if (!p.ok) {
      // Too many decimals is said of the field, not of "this token": whole days for the validity, else the count.
      errors[field] =
        p.problem !== "tooManyDecimals"
          ? { key: "amount", amount: p }
          : field === "validity"
            ? { key: "validityRange" }
            : { key: "decimals", values: { decimals: String(decimals) } };
      return 0n;
    }
    return p.value;
  };
  const slippageBps = num(d.slippage, 2, "slippage");
  if (!errors.slippage && (slippageBps === 0n || slippageBps > AUTOMATION_LIMITS.maxSlippageBps)) errors.slippage = { key: "slippageRange" };
  const feeBps = num(d.fee, 2, "fee");
  if (!errors.fee && feeBps > AUTOMATION_LIMITS.maxFeeBps) errors.fee = { key: "feeRange" };
  const days = num(d.validity, 0, "validity");
  if (!errors.validity && (days === 0n || days * 86_400n > AUTOMATION_LIMITS.maxRuleLifetime)) errors.validity = { key: "validityRange" };
  const validUntil = ctx.now + days * 86_400n;
  const minCollateral = d.minimum.trim() === "" ? 0n : num(d.minimum, ctx.collateralDecimals, "minimum");
  let trigger = 0n;
  let target = 0n;
  let trailBps = 0n;
  const health = (text: string, field: AutomationField) => num(text, 4, field) * 10n ** 14n;
  if (d.kind === "deleverage" || d.kind === "boost") {
    trigger = health(d.trigger, "trigger");
    target = health(d.target, "target");
    if (d.kind === "deleverage") {
      if (!errors.trigger && trigger <= WAD) errors.trigger = { key: "healthAboveOne" };
      if (!errors.target && !errors.trigger && target <= trigger) errors.target = { key: "targetAboveTrigger" };
    } else {
      if (!errors.target && target < AUTOMATION_LIMITS.minBoostTarget) errors.target = { key: "boostTargetMin" };
      if (!errors.target && !errors.trigger && trigger <= target) errors.target = { key: "targetBelowTrigger" };
    }
    if (!errors.target && target > AUTOMATION_LIMITS.maxTarget) errors.target = { key: "targetMax" };
    if (!errors.trigger && trigger > AUTOMATION_LIMITS.maxTarget) errors.trigger = { key: "targetMax" };
  } else if (d.kind === "trailingStop") {
    trailBps = num(d.trail, 2, "trail");
    if (!errors.trail && (trailBps === 0n || trailBps > AUTOMATION_LIMITS.maxTrailBps)) errors.trail = { key: "trailRange" };
  } else {
    trigger = num(d.trigger, 8, "trigger") * 10n ** 10n;
    const today = { price: wadText(ctx.price, 2) };
    if (!errors.trigger && trigger === 0n) errors.trigger = { key: "priceAboveZero" };
    else if (!errors.trigger && d.kind === "stopLoss" && ctx.price > 0n && trigger >= ctx.price)
      errors.trigger = { key: "stopBelowPrice", values: today };
    else if (!errors.trigger && d.kind === "takeProfit" && ctx.price > 0n && trigger <= ctx.price)
      errors.trigger = { key: "profitAbovePrice", values: today };
    if (d.kind === "takeProfit" && d.target.trim() !== "") {
      target = health(d.target, "target");
      if (!errors.target && target <= WAD) errors.target = { key: "targetAboveOne" };
      else if (!errors.target && target > AUTOMATION_LIMITS.maxTarget) errors.target = { key: "targetMax" };
    }
  }
  if (!errors.trigger && !errors.target && ctx.others) {
    Object.assign(
      errors,
      ruleLoopProblems(
        d.kind,
        { trigger, target },
        ctx.others.filter((o) => o.kind !== d.kind),
      ),
    );
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, rule: { trigger, target, trailBps, minCollateral, slippageBps, feeBps, validUntil } };
}
