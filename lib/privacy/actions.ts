/**
 * The owner's actions on a KeelPrivatePool, planned from the chain's state: which note is spent, the deltas, the
 * public inputs the pool will feed its verifier, and the arguments of the pool call once the proof is made. Pure
 * (bigint, no React, no network): the app's hook reads the chain, the worker proves, this module connects them.
 */
import { zeroAddress, type Address, type Hex } from "viem";
import { WAD } from "../engine/math";
import { toAssetsDown, toAssetsUp, toSharesDown, toSharesUp } from "../engine/shares";
import {
  actionBinding,
  actionWitness,
  CLOSE_SIGNS,
  DEBT_FREE_INDEX,
  DEBT_FREE_INPUTS,
  emptyNote,
  isExit,
  noteHealth,
  poolThresholds,
  type LtvInputs,
  type Note,
  type PlacedNote,
  type PoolContext,
} from "./note";
import type { MerkleTree } from "./tree";
import type { SolidityProof } from "./prover";

/**
 * Debt index headroom a borrow or withdrawal proves with (0.01%): the proof survives ln(1.0001)/rate of interest — about
 * 17 hours at 5% APR, under 2 hours at 50% — far longer than a proof waits for its root to stay current.
 */
export const DEBT_INDEX_HEADROOM = 10n ** 14n;

export type PrivateActionKind = "deposit" | "borrow" | "repay" | "withdraw";

/**
 * The pool's minimums (KeelPrivatePool.minDeposit, collateral units; minBorrow, base units): audit zkaudit4 M1. minBorrow
 * is also every note's minimum debt (circuit v2's `minDebt`): a note owes nothing or at least that much.
 */
export interface PoolMinimums {
  minDeposit: bigint;
  minBorrow: bigint;
}

/**
 * What the chain says, read just before planning — the market's LTV and borrow totals, the pool's minimums — and which pool on which chain
 * (bound into the proof, audit P-b). Enough for an action whose new note owes nothing (DEBT_FREE: no price).
 */
export interface PoolBooks extends PoolContext, PoolMinimums {
  /** The market's LTV for the collateral (WAD), before the pool's BORROW_LTV_FRACTION. */
  marketLtv: bigint;
  /** The market's liquidation threshold for the collateral (WAD): where the pool liquidates a note. */
  marketLiquidationThreshold: bigint;
  /** KeelPrivatePool.debtIndex(): debt per 1e18 shares, rounded up. */
  debtIndex: bigint;
  totalBorrows: bigint;
  totalBorrowShares: bigint;
}

/** {@link PoolBooks} and the oracle's prices (KeelOracle.prices): what every other action and every figure needs. */
export interface PoolState extends PoolBooks {
  collateralPrice: bigint;
  debtPrice: bigint;
}

const hasPrices = (s: PoolBooks | PoolState): s is PoolState => "collateralPrice" in s;

/** The pool's two thresholds (lib/privacy/note.ts poolThresholds): borrow limit and liquidation threshold. */
const thresholds = (s: PoolBooks) => poolThresholds({ ltv: s.marketLtv, liquidationThreshold: s.marketLiquidationThreshold });

/**
 * The inputs an owner's action proves with: the oracle's prices, the debt index with headroom, and the threshold the
 * pool passes — its borrow threshold for a borrow or withdrawal, the market's liquidation threshold for a deposit or
 * repayment (audit3 A3-P2: those must leave the note healthy).
 */
export function provenLtvInputs(s: PoolState, threshold: "borrow" | "liquidation" = "borrow"): LtvInputs {
  return {
    collateralPrice: s.collateralPrice,
    ltv: thresholds(s)[threshold],
    debtPrice: s.debtPrice,
    debtIndex: s.debtIndex + (s.debtIndex * DEBT_INDEX_HEADROOM) / WAD + 1n,
  };
}

/** A note's debt in base units: its shares' value at the market's totals, rounded up (what a full repayment pays). */
export const noteDebt = (n: { shares: bigint }, s: PoolBooks) => (n.shares === 0n ? 0n : toAssetsUp(n.shares, s.totalBorrows, s.totalBorrowShares));

/** A note's figures on screen: debt in base units (rounded up) and its health against the pool's borrow limit. */
export function notePosition(n: { collateral: bigint; shares: bigint }, s: PoolState) {
  const at = { collateralPrice: s.collateralPrice, debtPrice: s.debtPrice, debtIndex: s.debtIndex };
  const h = noteHealth(n, { ...at, ltv: thresholds(s).borrow });
  const liquidation = noteHealth(n, { ...at, ltv: thresholds(s).liquidation });
  const debt = noteDebt(n, s);
  return {
    collateral: n.collateral,
    debt,
    /** USD (WAD) borrow limit at the pool's LTV and the debt's value. */
    borrowLimit: h.borrowLimit,
    debtValue: h.debtValue,
    /** Health factor (WAD) against the market's LTV, where a note becomes liquidatable; null without debt. */
    health: liquidation.debtValue === 0n ? null : (liquidation.borrowLimit * WAD) / liquidation.debtValue,
    liquidatable: liquidation.liquidatable,
  };
}

/**
 * What `kind` of `amount` changes in note `n`: its collateral and debt-share deltas and the tokens moved (a borrow of
 * `amount` base units takes the shares that cover it, rounded up, and receives their value rounded down; a repayment
 * pays the value of its shares rounded up; repaying more than owed repays every share). Throws a PlanError when the
 * note cannot do it.
 */
export function actionDeltas(kind: PrivateActionKind, amount: bigint, n: { collateral: bigint; shares: bigint }, s: PoolBooks) {
  let collateralDelta = 0n;
  let sharesDelta = 0n;
  let tokens = amount;
  if (kind === "deposit") collateralDelta = amount;
  if (kind === "withdraw") {
    if (amount > n.collateral) throw new PlanError("tooMuch");
    collateralDelta = -amount;
  }
  if (kind === "borrow") {
    sharesDelta = toSharesUp(amount, s.totalBorrows, s.totalBorrowShares);
    tokens = toAssetsDown(sharesDelta, s.totalBorrows, s.totalBorrowShares);
  }
  if (kind === "repay") {
    if (n.shares === 0n) throw new PlanError("nothingOwed");
    const shares = toSharesDown(amount, s.totalBorrows, s.totalBorrowShares);
    sharesDelta = -(shares >= n.shares || shares === 0n ? n.shares : shares);
    tokens = toAssetsUp(-sharesDelta, s.totalBorrows, s.totalBorrowShares);
  }
  return { collateralDelta, sharesDelta, tokens };
}

/** The note's figures after `kind` of `amount` (the form's preview); null when the note cannot do it. */
export function previewAction(kind: PrivateActionKind, amount: bigint, n: { collateral: bigint; shares: bigint }, s: PoolState) {
  try {
    const d = actionDeltas(kind, amount, n, s);
    return notePosition({ collateral: n.collateral + d.collateralDelta, shares: n.shares + d.sharesDelta }, s);
  } catch (e) {
    if (e instanceof PlanError) return null;
    throw e;
  }
}

/** One planned action: the note transition to prove and how to call the pool with the proof. */
export interface PlannedAction {
  /** The form's actions, or `close` (planClose: every share repaid and all the collateral out in one proof). */
  kind: PrivateActionKind | "close";
  /** The new note goes aside (depositAside, repayAside): no current root to race for; its next spend links to this. */
  aside: boolean;
  /** The circuit's input (public and private signals): goes to the proving worker only, never to the network. */
  input: ReturnType<typeof actionWitness>["input"];
  /** The note after the action (its leaf index is known once mined); an exit's holds nothing and is never inserted. */
  next: Note;
  /** Ring slot of the membership root (the pool's `memberSlot` argument). */
  memberSlot: number;
  /**
   * Tokens moved: collateral for deposit/withdraw/close (received), base for borrow (received, at least) and repay
   * (paid, at most).
   */
  tokens: bigint;
  /** Base paid at most (the shares' value rounded up at the planned totals): a repayment's `tokens`, a close's debt. */
  pays: bigint;
  /** Debt shares of a borrow or repayment (the pool's `shares` argument), else 0. */
  shares: bigint;
  recipient: Address;
  ltvInputs: LtvInputs;
  /** The pool's `provenDebtIndex` argument: `ltvInputs.debtIndex`, or DEBT_FREE_INDEX for a debt-free new note. */
  provenDebtIndex: bigint;
}

export class PlanError extends Error {
  constructor(
    readonly problem: "noNote" | "tooMuch" | "overLimit" | "nothingOwed" | "zero" | "stillLiquidatable" | "noPrice" | "belowMinimum" | "dustDebt",
  ) {
    super(problem);
    this.name = "PlanError";
  }
}

/**
 * The least `kind` may move in the pool (deposit: collateral units, borrow: base units), or 0 when it has no minimum
 * (withdrawals and repayments: any note can always be emptied).
 */
export function actionMinimum(kind: PrivateActionKind, m: PoolMinimums): bigint {
  return kind === "deposit" ? m.minDeposit : kind === "borrow" ? m.minBorrow : 0n;
}

/**
 * What `planAction` checks before any proof, without the note tree: the amount, the note, the pool's minimum, the prices,
 * the limit (the borrow limit for a borrow or withdrawal, else liquidation) and dust debt. Throws the PlanError the plan
 * would; the form runs it as the amount is typed, so an action the pool would refuse is named before anything is proven.
 */
export function checkAction(kind: PrivateActionKind, amount: bigint, note: { collateral: bigint; shares: bigint } | null, s: PoolBooks | PoolState) {
  if (amount <= 0n) throw new PlanError("zero");
  if (note === null && kind !== "deposit") throw new PlanError("noNote");
  const old = note ?? { collateral: 0n, shares: 0n };
  const ltv = kind === "borrow" || kind === "withdraw";
  const { collateralDelta, sharesDelta, tokens } = actionDeltas(kind, amount, old, s);
  if (tokens < actionMinimum(kind, s)) throw new PlanError("belowMinimum");
  const after = { collateral: old.collateral + collateralDelta, shares: old.shares + sharesDelta };
  const debtFree = after.shares === 0n && kind !== "borrow";
  let ltvInputs: LtvInputs;
  if (debtFree) ltvInputs = DEBT_FREE_INPUTS;
  else if (hasPrices(s)) ltvInputs = provenLtvInputs(s, ltv ? "borrow" : "liquidation");
  else throw new PlanError("noPrice");
  const health = noteHealth(after, ltvInputs);
  if (health.liquidatable) throw new PlanError(ltv ? "overLimit" : "stillLiquidatable");
  // circuit v2: the new note owes nothing or at least minBorrow (its shares' value at the proven index, rounded up)
  if (after.shares > 0n && health.debtAssets < s.minBorrow) throw new PlanError("dustDebt");
  return { collateralDelta, sharesDelta, tokens, after, ltvInputs, debtFree };
}

/**
 * Plans `kind` of `amount` (collateral units for deposit/withdraw, base units for borrow/repay) on `note` (null: open
 * a position with `ownerKey`'s empty note; only a deposit may). Repaying more than owed repays the whole debt. An
 * action leaving the note debt-free proves with DEBT_FREE_INPUTS and needs no price (`s` may lack them: the oracle is
 * stale or out of bounds); any other needs the oracle's prices ("noPrice" without them).
 */
export function planAction(
  a: { kind: PrivateActionKind; amount: bigint; note: PlacedNote | null; ownerKey: bigint; recipient: Address; aside?: boolean },
  tree: MerkleTree,
  s: PoolBooks | PoolState,
  memo: Hex = "0x",
): PlannedAction {
  const old: Note & { leafIndex?: number } = a.note ?? emptyNote(a.ownerKey);
  const ltv = a.kind === "borrow" || a.kind === "withdraw";
  const recipient = ltv ? a.recipient : zeroAddress;
  const { collateralDelta, sharesDelta, tokens, after, ltvInputs, debtFree } = checkAction(a.kind, a.amount, a.note, s);
  // only a deposit or a repayment may go aside (the pool's depositAside, repayAside); an exit inserts nothing anyway
  const aside = a.aside === true && (a.kind === "deposit" || a.kind === "repay") && !isExit(after);
  const { input, next, memberSlot } = actionWitness(tree, {
    old,
    collateralDelta,
    sharesDelta,
    ltvInputs,
    minDebt: s.minBorrow,
    binding: actionBinding(s, recipient, memo),
    aside,
  });
  const shares = sharesDelta < 0n ? -sharesDelta : sharesDelta;
  return {
    kind: a.kind,
    aside,
    input,
    next,
    memberSlot,
    tokens,
    pays: a.kind === "repay" ? tokens : 0n,
    shares,
    recipient,
    ltvInputs,
    provenDebtIndex: debtFree ? DEBT_FREE_INDEX : ltvInputs.debtIndex,
  };
}

/**
 * Plans the close of `note` (KeelPrivatePool.close): every share repaid and all the collateral sent to `recipient` in
 * one proof. The new note holds nothing — an exit: no leaf, no current root to race for (audit i L-1) — and owes
 * nothing, so it proves with DEBT_FREE_INPUTS and needs no price (`s` may lack them). `pays` is the debt at the
 * books' totals (rounded up); interest until it is mined adds a little (the caller approves a margin).
 */
export function planClose(a: { note: PlacedNote | null; recipient: Address }, tree: MerkleTree, s: PoolBooks, memo: Hex = "0x"): PlannedAction {
  const n = a.note;
  if (n === null) throw new PlanError("noNote");
  if (isExit(n)) throw new PlanError("zero");
  const { input, next, memberSlot } = actionWitness(tree, {
    old: n,
    collateralDelta: -n.collateral,
    sharesDelta: -n.shares,
    ltvInputs: DEBT_FREE_INPUTS,
    minDebt: s.minBorrow,
    binding: actionBinding(s, a.recipient, memo),
  });
  return {
    kind: "close",
    aside: false,
    // the pool sets both sign bits (a zero amount's too)
    input: { ...input, deltas: input.deltas | CLOSE_SIGNS },
    next,
    memberSlot,
    tokens: n.collateral,
    pays: noteDebt(n, s),
    shares: n.shares,
    recipient: a.recipient,
    ltvInputs: DEBT_FREE_INPUTS,
    provenDebtIndex: DEBT_FREE_INDEX,
  };
}

/** The pool function and arguments for `plan` with its proof (the ABI's order). */
export function poolCall(plan: PlannedAction, proof: SolidityProof, memo: Hex = "0x") {
  const t = {
    root: plan.input.root,
    newRoot: plan.input.newRoot,
    nullifier: plan.input.nullifier,
    newCommitment: plan.input.newCommitment,
    ephKey: plan.input.ephKey,
    ciphertext: [plan.input.ct0, plan.input.ct1, plan.input.ct2] as const,
    memberRoot: plan.input.memberRoot,
    memberSlot: BigInt(plan.memberSlot),
  };
  const p = { a: proof.a, b: proof.b, c: proof.c };
  switch (plan.kind) {
    case "deposit":
      return plan.aside
        ? { functionName: "depositAside" as const, args: [p, t, plan.tokens, plan.provenDebtIndex, memo] as const }
        : { functionName: "deposit" as const, args: [p, t, plan.tokens, plan.provenDebtIndex, memo] as const };
    case "repay":
      return plan.aside
        ? { functionName: "repayAside" as const, args: [p, t, plan.shares, plan.provenDebtIndex, memo] as const }
        : { functionName: "repay" as const, args: [p, t, plan.shares, plan.provenDebtIndex, memo] as const };
    case "close":
      return { functionName: "close" as const, args: [p, t, plan.tokens, plan.shares, plan.recipient, memo] as const };
    case "withdraw":
      return { functionName: "withdraw" as const, args: [p, t, plan.tokens, plan.recipient, plan.provenDebtIndex, memo] as const };
    case "borrow":
      return { functionName: "borrow" as const, args: [p, t, plan.shares, plan.recipient, plan.provenDebtIndex, memo] as const };
  }
}
