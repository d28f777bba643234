/**
 * zkaudit8 (docs/audit-2026-12-03-j.md M-1): proof of concept, passes on main f09c1cb. The wallet's pending note is
 * reconciled from `NoteInserted` only (hooks/use-private-pool.ts `reconcilePending`); a deposit or repayment the page
 * sent aside (`depositAside`/`repayAside`, f09c1cb: after one lost race) emits `NoteInsertedAside` instead. When the
 * tab closes (or the receipt wait ends) before the page saved the aside note:
 *   - an opening deposit sent aside: the pending note is DROPPED (no old note) — its blinding gone, the collateral
 *     unrecoverable by the owner;
 *   - a rescue sent aside: the wallet stays on the spent old note with the pending one forever (every action
 *     NoteAlreadySpent; the liquidation watch is off while `pending` is set).
 * The chain is a stub client (the two reads reconcilePending makes), with the aside note landed.
 */
import { describe, expect, it } from "vitest";
import type { PublicClient } from "viem";
import { reconcilePending } from "@/hooks/use-private-pool";
import { commitment, randomField, type Note, type PlacedNote } from "@/lib/privacy/note";
import { MerkleTree } from "@/lib/privacy/tree";
import type { PrivatePoolDeployment } from "@/lib/config/deployment";

const pp: PrivatePoolDeployment = {
  pool: "0x00000000000000000000000000000000000000aa",
  verifier: "0x00000000000000000000000000000000000000bb",
  market: "0x00000000000000000000000000000000000000cc",
  collateral: "0x00000000000000000000000000000000000000dd",
  startBlock: 0,
};

/** A chain where every old note is spent and the main tree holds `mainLeaves` (none of them the aside note). */
function chain(mainLeaves: bigint[]): PublicClient {
  return {
    getContractEvents: async () => mainLeaves.map((c, i) => ({ args: { commitment: c, leafIndex: BigInt(i), root: 0n } })),
    readContract: async () => true, // nullifierSpent(old note): the aside action landed
  } as unknown as PublicClient;
}

describe("zkaudit8 M-1: reconcilePending does not know aside notes", () => {
  const ownerKey = randomField();

  it("an opening deposit sent aside is dropped from the wallet once it landed", async () => {
    const pending: Note = { collateral: 3n * 10n ** 18n, shares: 0n, ownerKey, blinding: randomField() };
    // the pool's one-note root of this note (what NoteInsertedAside carries): computable from the pending note alone
    const aside = new MerkleTree();
    aside.insert(commitment(pending));
    expect(aside.root()).not.toBe(0n);
    const after = await reconcilePending(chain([randomField(), randomField()]), pp, { ownerKey, note: null, pending });
    expect(after.pending).toBeNull();
    expect(after.note).toBeNull(); // the 3 WETH note is forgotten: its blinding existed only in `pending`
  });

  it("a rescue sent aside leaves the wallet on the spent old note, pending for ever", async () => {
    const old: PlacedNote = { collateral: 10n * 10n ** 18n, shares: 10n ** 22n, ownerKey, blinding: randomField(), leafIndex: 1 };
    const pending: Note = { ...old, collateral: 13n * 10n ** 18n, blinding: randomField() };
    const w = { ownerKey, note: old, pending };
    const after = await reconcilePending(chain([randomField(), commitment(old)]), pp, w);
    expect(after).toBe(w); // unchanged: the next load does the same, every action is NoteAlreadySpent
  });
});
