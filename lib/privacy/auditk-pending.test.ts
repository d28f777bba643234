/**
 * Audit k (docs/audit-2026-12-03-k.md) PoCs against the audit j M-2 fix: hooks/use-private-pool.ts `reconcilePending`
 * and `reconcileLiquidation`, driven by a stub client (the reads they make). Each test asserts the behaviour as it is
 * on main (a PoC passes while the finding stands).
 */
import { describe, expect, it } from "vitest";
import type { PublicClient } from "viem";
import { reconcileLiquidation, reconcilePending } from "@/hooks/use-private-pool";
import { commitment, randomField, type Note, type PlacedNote } from "@/lib/privacy/note";
import type { PrivatePoolDeployment } from "@/lib/config/deployment";
import type { PrivateWallet } from "@/lib/privacy/wallet";

const pp: PrivatePoolDeployment = {
  pool: "0x00000000000000000000000000000000000000aa",
  verifier: "0x00000000000000000000000000000000000000bb",
  market: "0x00000000000000000000000000000000000000cc",
  collateral: "0x00000000000000000000000000000000000000dd",
  startBlock: 0,
};
const base = "0x00000000000000000000000000000000000000ee" as const;
const hash = `0x${"ab".repeat(32)}` as const;
const ownerKey = randomField();
const old: PlacedNote = { collateral: 10n * 10n ** 18n, shares: 10n ** 22n, ownerKey, blinding: randomField(), leafIndex: 0 };

/** A stub chain: the main tree's leaves, whether the old note is spent, and what the app's node says about `hash`. */
function node(o: { leaves: bigint[]; spent: boolean; receipt?: "success" | "reverted"; known?: boolean; rpcError?: boolean }) {
  return {
    getContractEvents: async (q: { eventName: string }) =>
      q.eventName === "NoteInserted" ? o.leaves.map((c, i) => ({ args: { commitment: c, leafIndex: BigInt(i), root: 0n } })) : [],
    readContract: async () => o.spent,
    getTransactionReceipt: async () => {
      if (o.rpcError) throw new Error("HTTP request failed. Status: 429 (rate limited)");
      if (o.receipt) return { status: o.receipt, logs: [] };
      throw new Error("TransactionReceiptNotFoundError");
    },
    getTransaction: async () => {
      if (o.rpcError) throw new Error("HTTP request failed. Status: 429 (rate limited)");
      if (o.known) return { hash };
      throw new Error("TransactionNotFoundError");
    },
  } as unknown as PublicClient;
}

describe("audit k H-1: a pending note is dropped on any read error or a node that never saw the transaction", () => {
  it("a rate-limited read (or a privately relayed tx) drops the pending note; the tx then lands and the new note is gone", async () => {
    // a repayment in flight: the new note's blinding is random (lib/privacy/actions.ts), held only in `pending`
    const pending: Note = { ...old, shares: 0n, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending, pendingTx: hash };
    const dropped = await reconcilePending(node({ leaves: [commitment(old)], spent: false, rpcError: true }), pp, w);
    expect(dropped.pending).toBeNull(); // inFlight treated the 429 as "unknown to the node"
    // the transaction mines a block later: the old note spent, the new commitment in the tree …
    const later = await reconcilePending(node({ leaves: [commitment(old), commitment(pending)], spent: true }), pp, dropped);
    // … but nothing in the wallet can open it: it still shows the spent old note, the new one's opening is lost
    expect(later).toEqual({ ownerKey, note: old, pending: null, pendingTx: undefined });
  });
});

describe("audit k M-1: a liquidation that spends the note first, with the owner's transaction left pending", () => {
  it("a pending close (exit) is read as landed: the old note is dropped and the liquidation's remainder can no longer be found", async () => {
    const exit: Note = { collateral: 0n, shares: 0n, ownerKey, blinding: randomField() };
    // the owner's close reverted (NoteAlreadySpent) after a receipt timeout; a keeper's liquidation spent the note
    const after = await reconcilePending(node({ leaves: [commitment(old)], spent: true, receipt: "reverted" }), pp, {
      ownerKey,
      note: old,
      pending: exit,
      pendingTx: hash,
    });
    expect(after.note).toBeNull();
    expect(after.pending).toBeNull();
    // reconcileLiquidation needs the old note to derive the remainder: it returns the wallet unchanged, holding nothing
    const watched = await reconcileLiquidation(node({ leaves: [], spent: true }), pp, base, after);
    expect(watched).toBe(after);
  });

  it("a pending rescue (not an exit) is kept for good: reconcilePending returns it unchanged and reconcileLiquidation skips a wallet with a pending note", async () => {
    const rescue: Note = { ...old, collateral: old.collateral + 10n ** 18n, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending: rescue, pendingTx: hash };
    const chain = node({ leaves: [commitment(old)], spent: true, receipt: "reverted" });
    for (let block = 0; block < 3; block++) expect(await reconcilePending(chain, pp, w)).toBe(w);
    expect(await reconcileLiquidation(chain, pp, base, w)).toBe(w); // `w.pending` set: returns at once
  });
});

describe("audit k L-1: a pendingTx that mined successfully but is not the pool action keeps the wallet pending for good", () => {
  it("a hash of any successful transaction (an edited backup, a mistaken hash) blocks every action", async () => {
    const pending: Note = { ...old, collateral: old.collateral + 1n, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending, pendingTx: hash };
    // old note unspent, pending commitment nowhere: contradictory for a pool call that succeeded, yet kept
    expect(await reconcilePending(node({ leaves: [commitment(old)], spent: false, receipt: "success" }), pp, w)).toBe(w);
  });
});
