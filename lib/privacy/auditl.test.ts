/**
 * Audit l (docs/audit-2026-12-03-l.md), its PoCs turned into regression tests: hooks/use-private-pool.ts
 * `reconcilePending` drops a pending note its own spend proves dead (M-1) and keeps unconfirmed notes until provably
 * dead (L-1); `reconcileLiquidation` (the watch) settles a note spent by the owner's unseen exit (M-2, M-1);
 * lib/privacy/wallet.ts `mergeForImport` keeps them across an import (H-2). Driven by stub clients.
 */
import { describe, expect, it } from "vitest";
import { type Hex, type PublicClient } from "viem";
import { reconcileLiquidation, reconcilePending } from "@/hooks/use-private-pool";
import { commitment, nullifier, randomField, type Note, type PlacedNote } from "@/lib/privacy/note";
import { poolLog, STUB_BASE, STUB_POOL } from "./pool-stub.fixture";
import { mergeForImport, UNCONFIRMED_KEPT, type PrivateWallet } from "@/lib/privacy/wallet";

const pp = STUB_POOL;
const base = STUB_BASE;
const ownerKey = randomField();
const old: PlacedNote = { collateral: 10n * 10n ** 18n, shares: 10n ** 22n, ownerKey, blinding: randomField(), leafIndex: 0 };
/** the owner's own transaction that spent `old` (a close: PrivateAction kind 5, Action.Close, nothing inserted) */
const SPENDER = `0x${"77".repeat(32)}` as const;
/** the hash the wallet holds as pendingTx */
const PENDING_TX = `0x${"ab".repeat(32)}` as const;

/**
 * A stub chain: the main tree's `leaves`; `spent`: the old note's nullifier was spent by SPENDER (a non-liquidation pool
 * action); `pendingTx`: what the node says about PENDING_TX.
 */
function node(o: { leaves: bigint[]; spent: boolean; pendingTx: "unknown" | "reverted" }) {
  return {
    getContractEvents: async (q: { eventName: string }) =>
      q.eventName === "NoteInserted"
        ? o.leaves.map((c, i) => ({ args: { commitment: c, leafIndex: BigInt(i), root: 0n } }))
        : q.eventName === "NoteSpent" && o.spent
          ? [{ transactionHash: SPENDER, args: { nullifier: nullifier(old, 0) } }]
          : [],
    readContract: async () => o.spent,
    getTransactionReceipt: async ({ hash }: { hash: Hex }) => {
      if (hash === SPENDER)
        return {
          status: "success",
          transactionHash: SPENDER,
          logs: [
            poolLog("NoteSpent", { nullifier: nullifier(old, 0) }, []),
            poolLog("PrivateAction", { kind: 5, recipient: base }, [old.collateral, old.shares, 0n, "0x"]),
          ],
        };
      if (hash === PENDING_TX && o.pendingTx === "reverted") return { status: "reverted", transactionHash: PENDING_TX, logs: [] };
      throw new Error("TransactionReceiptNotFoundError");
    },
    getTransaction: async () => {
      throw new Error("TransactionNotFoundError");
    },
  } as unknown as PublicClient;
}

describe("audit l M-1 (fixed): a pending note whose own transaction reverted, the old note spent by another (non-liquidation) action", () => {
  it("is dropped (its nullifier is spent: it can never land), and the watch settles the old note the close spent", async () => {
    const rescue: Note = { ...old, collateral: old.collateral + 10n ** 18n, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending: rescue, pendingTx: PENDING_TX, pendingSpends: nullifier(old, 0) };
    const chain = node({ leaves: [commitment(old)], spent: true, pendingTx: "reverted" });
    const after = await reconcilePending(chain, pp, w);
    expect(after).toMatchObject({ note: old, pending: null, unconfirmed: [] });
    // the owner's earlier close (PrivateAction Close, nothing inserted) spent it: the watch says there is no note
    expect((await reconcileLiquidation(chain, pp, base, after)).note).toBeNull();
  });
});

describe("audit l M-2 (fixed): a pending exit whose transaction the app's node does not know", () => {
  it("is cleared; when the close lands the watch sees the owner's exit and the wallet holds no note", async () => {
    const exit: Note = { collateral: 0n, shares: 0n, ownerKey, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending: exit, pendingTx: PENDING_TX, pendingSpends: nullifier(old, 0) };
    const cleared = await reconcilePending(node({ leaves: [commitment(old)], spent: false, pendingTx: "unknown" }), pp, w);
    expect([cleared.note, cleared.pending, cleared.unconfirmed ?? []]).toEqual([old, null, []]);
    const chain = node({ leaves: [commitment(old)], spent: true, pendingTx: "unknown" });
    expect((await reconcileLiquidation(chain, pp, base, cleared)).note).toBeNull();
  });
});

describe("audit l L-1 (fixed): unconfirmed notes stay until provably dead", () => {
  it("nine unseen attempts on the same note are all kept (the old cap was eight); once another transaction spends the note, all are pruned", async () => {
    const note = (): Note => ({ ...old, collateral: old.collateral + 1n, blinding: randomField() });
    const first = note();
    let w: PrivateWallet = { ownerKey, note: old, pending: first, pendingTx: PENDING_TX, pendingSpends: nullifier(old, 0) };
    const unseen = node({ leaves: [commitment(old)], spent: false, pendingTx: "unknown" });
    w = await reconcilePending(unseen, pp, w);
    for (let i = 0; i < 8; i++)
      w = await reconcilePending(unseen, pp, { ...w, pending: note(), pendingTx: PENDING_TX, pendingSpends: nullifier(old, 0) });
    expect(w.unconfirmed).toHaveLength(9);
    expect(UNCONFIRMED_KEPT).toBeGreaterThanOrEqual(32);
    // the first lands after all: promoted
    const landed = node({ leaves: [commitment(old), commitment(first)], spent: true, pendingTx: "unknown" });
    expect((await reconcilePending(landed, pp, w)).note).toMatchObject({ blinding: first.blinding, leafIndex: 1 });
    // or another transaction spent the old note (SPENDER, the owner's close): none of them can land, all pruned
    const dead = node({ leaves: [commitment(old)], spent: true, pendingTx: "unknown" });
    expect((await reconcilePending(dead, pp, w)).unconfirmed).toEqual([]);
  });
});

describe("audit l H-2 (fixed): an import keeps the current pending and unconfirmed notes", () => {
  it("merges them into the imported wallet's unconfirmed list, once each", () => {
    const pending: Note = { ...old, collateral: 3n, blinding: randomField() };
    const u = { ...old, collateral: 4n, blinding: randomField(), spends: 9n };
    const current: PrivateWallet = { ownerKey, note: null, pending, pendingSpends: 8n, unconfirmed: [u] };
    const imported: PrivateWallet = { ownerKey, note: old, pending: null };
    const merged = mergeForImport(imported, current);
    expect(merged.note).toBe(old);
    expect(merged.unconfirmed).toEqual([{ ...pending, spends: 8n }, u]);
    expect(mergeForImport(merged, current).unconfirmed).toHaveLength(2);
  });
});
