/**
 * A dispute of a reputation record (docs/reputation.md "Disputes"): an EAS attestation of KeelReputation's dispute
 * schema (`string reason`), made by the account, naming the disputed record as `refUID` and the attester as recipient —
 * a public, revocable, on-chain objection the attester and the risk admin act on.
 */
import { encodeAbiParameters, parseAbiParameters, type Hex } from "viem";
import { ieasAbi } from "../../contracts-abi/abi/IEAS";
import type { ReputationDeployment } from "../config/deployment";

/** Longest reason accepted, in characters (it is stored on-chain: the writer pays for every byte). */
export const MAX_DISPUTE_REASON = 500;

export type DisputeReasonError = "empty" | "tooLong";

/** Why a reason cannot be sent (null: it can). Surrounding spaces do not count. */
export function checkDisputeReason(reason: string): DisputeReasonError | null {
  const r = reason.trim();
  if (r.length === 0) return "empty";
  if (r.length > MAX_DISPUTE_REASON) return "tooLong";
  return null;
}

/** The `EAS.attest` call that disputes record `recordUid` with `reason` (checked first: throws on a bad reason). */
export function disputeCall(rep: Pick<ReputationDeployment, "eas" | "attester" | "disputeSchema">, recordUid: Hex, reason: string) {
  const problem = checkDisputeReason(reason);
  if (problem) throw new Error(problem === "empty" ? "Say what is wrong with the record." : `At most ${MAX_DISPUTE_REASON} characters.`);
  return {
    address: rep.eas,
    abi: ieasAbi,
    functionName: "attest" as const,
    args: [
      {
        schema: rep.disputeSchema,
        data: {
          recipient: rep.attester,
          expirationTime: 0n,
          revocable: true,
          refUID: recordUid,
          data: encodeAbiParameters(parseAbiParameters("string reason"), [reason.trim()]),
          value: 0n,
        },
      },
    ] as const,
  };
}
