/**
 * zkaudit8 (docs/audit-2026-12-03-j.md M-1), now a regression test: the wallet's pending note is reconciled from
 * `NoteInserted` and, for a deposit or repayment sent aside (`depositAside`/`repayAside`), from `NoteInsertedAside`
 * (hooks/use-private-pool.ts `reconcilePending`). When the tab closes before the page saved the aside note, the next
 * load promotes it to leaf 0 of its own tree (`asideRoot`) — an opening deposit is not dropped, a rescue does not
 * leave the wallet on the spent old note. The chain is a stub client (the reads reconcilePending makes).
 */
import { describe, expect, it } from "vitest";
import type { PublicClient } from "viem";
import { reconcilePending } from "@/hooks/use-private-pool";
import { commitment, nullifier, randomField, type Note, type PlacedNote } from "@/lib/privacy/note";
import { MerkleTree } from "@/lib/privacy/tree";
import { STUB_POOL } from "./pool-stub.fixture";

const pp = STUB_POOL;

/**
 * A chain where every old note is spent, the main tree holds `mainLeaves`, and `aside` (a commitment and its one-note
 * root) was inserted aside.
 */
function chain(mainLeaves: bigint[], aside?: { commitment: bigint; root: bigint }): PublicClient {
  return {
    getContractEvents: async (q: { eventName: string; args?: { commitment?: bigint | bigint[] } }) =>
      q.eventName === "NoteInsertedAside"
        ? aside && [q.args?.commitment].flat().includes(aside.commitment)
          ? [{ args: aside }]
          : []
        : q.eventName === "NoteInserted"
          ? mainLeaves.map((c, i) => ({ args: { commitment: c, leafIndex: BigInt(i), root: 0n } }))
          : [],
    readContract: async () => true, // nullifierSpent(old note): the aside action landed
  } as unknown as PublicClient;
}

/** The one-note tree's root the pool records for `n` inserted aside. */
function asideOf(n: Note) {
  const t = new MerkleTree();
  t.insert(commitment(n));
  return { commitment: commitment(n), root: t.root() };
}

describe("zkaudit8 M-1 (fixed): reconcilePending finds notes inserted aside", () => {
  const ownerKey = randomField();

  it("an opening deposit sent aside is promoted to its own tree once it landed", async () => {
    const pending: Note = { collateral: 3n * 10n ** 18n, shares: 0n, ownerKey, blinding: randomField() };
    const aside = asideOf(pending);
    const after = await reconcilePending(chain([randomField(), randomField()], aside), pp, { ownerKey, note: null, pending });
    expect(after.pending).toBeNull();
    expect(after.note).toEqual({ ...pending, leafIndex: 0, asideRoot: aside.root });
  });

  it("a rescue sent aside replaces the spent old note", async () => {
    const old: PlacedNote = { collateral: 10n * 10n ** 18n, shares: 10n ** 22n, ownerKey, blinding: randomField(), leafIndex: 1 };
    const pending: Note = { ...old, collateral: 13n * 10n ** 18n, blinding: randomField() };
    const aside = asideOf(pending);
    const after = await reconcilePending(chain([randomField(), commitment(old)], aside), pp, { ownerKey, note: old, pending });
    expect(after).toMatchObject({ ownerKey, note: { ...pending, leafIndex: 0, asideRoot: aside.root }, pending: null, unconfirmed: [] });
  });
});

describe("audit j M-2 (fixed): a pending note is never dropped while its transaction may land", () => {
  const ownerKey = randomField();
  const hash = `0x${"ab".repeat(32)}` as const;
  const pending: Note = { collateral: 10n ** 18n, shares: 0n, ownerKey, blinding: randomField() };
  const old: PlacedNote = { collateral: 10n ** 18n, shares: 0n, ownerKey, blinding: randomField(), leafIndex: 0 };
  /** Nothing landed (the old note unspent, no insertion); the node knows `tx` as given. */
  const node = (tx: "pending" | "reverted" | "unknown") =>
    ({
      getContractEvents: async () => [],
      readContract: async () => false,
      getTransactionReceipt: async () => {
        if (tx === "reverted") return { status: "reverted" };
        throw new Error("TransactionReceiptNotFoundError");
      },
      getTransaction: async () => {
        if (tx === "pending") return { hash };
        throw new Error("TransactionNotFoundError");
      },
    }) as unknown as PublicClient;

  it("keeps it while the transaction is in flight, for an opening and for a held note", async () => {
    for (const note of [null, old]) {
      const w = { ownerKey, note, pending, pendingTx: hash };
      expect(await reconcilePending(node("pending"), pp, w)).toBe(w);
    }
  });

  it("moves it to `unconfirmed` (never forgotten: audit k H-1) once the transaction reverted or the node no longer knows it, and without a hash", async () => {
    for (const tx of ["reverted", "unknown"] as const) {
      const after = await reconcilePending(node(tx), pp, { ownerKey, note: old, pending, pendingTx: hash });
      expect(after).toMatchObject({ ownerKey, note: old, pending: null, unconfirmed: [{ ...pending, spends: nullifier(old, 0) }] });
    }
    const noHash = await reconcilePending(node("pending"), pp, { ownerKey, note: old, pending });
    expect([noHash.pending, noHash.unconfirmed]).toEqual([null, [{ ...pending, spends: nullifier(old, 0) }]]);
  });
});
