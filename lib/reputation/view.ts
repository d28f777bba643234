/**
 * What the vault page shows of its owner's reputation bonus, computed once here (components only render): the bonus
 * in force, the borrow limit it gives this vault (the market's own formula, score.ts `boostedLimit`), and the inputs
 * behind it with each part's points.
 */
import type { Address, Hex } from "viem";
import type { ReputationDeployment } from "../config/deployment";
import type { LendingCollateral } from "../engine/risk";
import type { HonouredRecord } from "./read";
import { boostedLimit, lendingValues, MAX_SCORE, scoreRecord, type ScorePart } from "./score";

export interface ReputationReading {
  source: Address | null;
  honoured: HonouredRecord | null;
  maxBonus: bigint;
  bonusNow: bigint;
  known: boolean;
}

export type ReputationView =
  | { state: "noSource" }
  | {
      state: "noRecord" | "expired" | "active";
      source: Address;
      maxBonus: bigint;
      bonus: bigint;
      /** USD (WAD): the vault's base borrow limit and the limit with the bonus. */
      baseLimit: bigint;
      boostedLimit: bigint;
      record: {
        uid: Hex;
        score: number;
        maxScore: number;
        parts: ScorePart[];
        closedWithLoss: number;
        asOfBlock: bigint;
        attestedAt: number;
        expiry: number;
        attester: Address;
      } | null;
      /** Where a dispute goes: the dispute schema's UID and the attester (null when the deployment does not know the source). */
      dispute: { schema: Hex; attester: Address; eas: Address } | null;
    };

export function reputationView(
  r: ReputationReading,
  vault: { borrowLimitValue: bigint; collaterals: readonly LendingCollateral[] },
  rep?: ReputationDeployment,
): ReputationView {
  if (!r.source) return { state: "noSource" };
  const h = r.honoured;
  const state = !h ? "noRecord" : r.bonusNow === 0n ? "expired" : "active";
  return {
    state,
    source: r.source,
    maxBonus: r.maxBonus,
    bonus: r.bonusNow,
    baseLimit: vault.borrowLimitValue,
    boostedLimit: boostedLimit(vault.borrowLimitValue, lendingValues(vault.collaterals), r.bonusNow),
    record: h
      ? {
          uid: h.uid,
          score: h.score,
          maxScore: MAX_SCORE,
          // The attested score's parts, recomputed from its attested inputs at the time it was attested.
          parts: scoreRecord(h.record, h.attestedAt).parts,
          closedWithLoss: h.record.closedWithLoss,
          asOfBlock: h.record.asOfBlock,
          attestedAt: h.attestedAt,
          expiry: h.expiry,
          attester: h.attester,
        }
      : null,
    dispute: r.known && rep ? { schema: rep.disputeSchema, attester: rep.attester, eas: rep.eas } : null,
  };
}
