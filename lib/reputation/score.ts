/**
 * Reputation scoring (docs/reputation.md): an account's record in Keel → a score in [0, MAX_SCORE] → the LTV bonus a
 * market's reputation source grants for it, and the LTV the market then allows. Pure functions on plain numbers and
 * bigint; the bonus and boosted-LTV formulas mirror KeelReputation.bonusForScore and KeelMarket._limitWithBonus.
 */

/** Highest score (KeelReputation.MAX_SCORE). */
export const MAX_SCORE = 10_000;

/** An account's record in Keel at one block: what the record schema attests (besides the score). */
export interface AccountRecord {
  /** Unix seconds of the account's first vault (opened or received); 0: it never held one. */
  firstSeen: number;
  /** Repayments made on vaults while the account owned them. */
  repayments: number;
  /** Liquidations of vaults while the account owned them. */
  liquidations: number;
  /** Positions (debt from zero back to zero) closed by repayment, never liquidated, no bad debt. */
  closedWithoutLoss: number;
  /** Positions that were liquidated or left bad debt. */
  closedWithLoss: number;
  /** The block the record was read at. */
  asOfBlock: bigint;
}

/** How a record is scored: each part saturates at its `full` value; `minAgeSeconds` gates every point. */
export interface ScorePolicy {
  /** An account younger than this scores 0 (a fresh address earns nothing). */
  minAgeSeconds: number;
  /** Age at which the age part is full. */
  fullAgeSeconds: number;
  /** Repayments at which the repayment part is full. */
  fullRepayments: number;
  /** Closed positions at which that part is full. */
  fullClosed: number;
  /** Points of each part (they add up to MAX_SCORE). */
  weights: { age: number; repayments: number; closedWithoutLoss: number; neverLiquidated: number };
}

export const DEFAULT_SCORE_POLICY: ScorePolicy = {
  minAgeSeconds: 30 * 86_400,
  fullAgeSeconds: 180 * 86_400,
  fullRepayments: 10,
  fullClosed: 3,
  weights: { age: 3000, repayments: 3000, closedWithoutLoss: 2000, neverLiquidated: 2000 },
};

/** Why a score is what it is: one line per part, with its input, points and the most it could give. */
export interface ScorePart {
  key: "age" | "repayments" | "closedWithoutLoss" | "neverLiquidated";
  /** The input in its own unit (days for age, counts otherwise; for neverLiquidated, the liquidations). */
  input: number;
  points: number;
  max: number;
}

export interface Score {
  score: number;
  parts: ScorePart[];
  /** Set when a gate zeroed the score: the account is too young, or was liquidated. */
  gate: "tooYoung" | "liquidated" | null;
}

const share = (x: number, full: number) => (full <= 0 ? 1 : Math.min(Math.max(x, 0) / full, 1));

/**
 * The score of `r` at unix time `now`: age, repayments and positions closed without loss each earn their share of
 * their weight (saturating), never having been liquidated earns its weight. Gates: an account younger than
 * `minAgeSeconds`, or liquidated even once, scores 0 (its parts are still reported). Integer in [0, MAX_SCORE].
 */
export function scoreRecord(r: AccountRecord, now: number, policy: ScorePolicy = DEFAULT_SCORE_POLICY): Score {
  const w = policy.weights;
  const age = r.firstSeen > 0 ? Math.max(now - r.firstSeen, 0) : 0;
  const parts: ScorePart[] = [
    { key: "age", input: Math.floor(age / 86_400), points: Math.floor(w.age * share(age, policy.fullAgeSeconds)), max: w.age },
    {
      key: "repayments",
      input: r.repayments,
      points: Math.floor(w.repayments * share(r.repayments, policy.fullRepayments)),
      max: w.repayments,
    },
    {
      key: "closedWithoutLoss",
      input: r.closedWithoutLoss,
      points: Math.floor(w.closedWithoutLoss * share(r.closedWithoutLoss, policy.fullClosed)),
      max: w.closedWithoutLoss,
    },
    { key: "neverLiquidated", input: r.liquidations, points: r.liquidations === 0 ? w.neverLiquidated : 0, max: w.neverLiquidated },
  ];
  const gate = r.firstSeen === 0 || age < policy.minAgeSeconds ? "tooYoung" : r.liquidations > 0 || r.closedWithLoss > 0 ? "liquidated" : null;
  const total = parts.reduce((s, p) => s + p.points, 0);
  return { score: gate ? 0 : Math.min(total, MAX_SCORE), parts, gate };
}

/** Bonus (WAD) a reputation source with cap `maxBonus` grants for `score` (KeelReputation.bonusForScore). */
export function bonusForScore(score: number, maxBonus: bigint): bigint {
  if (!Number.isInteger(score) || score < 0 || score > MAX_SCORE) return 0n;
  return (maxBonus * BigInt(score)) / BigInt(MAX_SCORE);
}

/** The borrow limit with a bonus: the engine mirror's (lib/engine/risk.ts), the one formula. */
export { boostedLimit, lendingValues } from "../engine/risk";

/** The record schema's data, in its field order (KeelReputation.RECORD_SCHEMA). */
export const RECORD_SCHEMA =
  "uint16 score,uint64 firstSeen,uint32 repayments,uint32 liquidations,uint32 closedWithoutLoss,uint32 closedWithLoss,uint64 asOfBlock";
