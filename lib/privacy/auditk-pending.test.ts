/**
 * Audit k (docs/audit-2026-12-03-k.md), its PoCs turned into regression tests: hooks/use-private-pool.ts
 * `reconcilePending` never forgets a note the chain could still create (H-1: `unconfirmed`), tells a liquidation from
 * the owner's own action (M-1), does not trust an unrelated `pendingTx` (L-1); lib/privacy/wallet.ts `noteFromReceipt`
 * takes a replacement's receipt for what it is (H-2). Driven by stub clients (the reads they make).
 */
import { describe, expect, it } from "vitest";
import { createPublicClient, custom, type Hex, type PublicClient } from "viem";
import { reconcileLiquidation, reconcilePending } from "@/hooks/use-private-pool";
import { commitment, nullifier, randomField, type Note, type PlacedNote } from "@/lib/privacy/note";
import { poolLog, STUB_BASE, STUB_POOL } from "./pool-stub.fixture";
import { noteFromReceipt, type PrivateWallet } from "@/lib/privacy/wallet";

const pp = STUB_POOL;
const base = STUB_BASE;
const hash = `0x${"ab".repeat(32)}` as const;
const ownerKey = randomField();
const old: PlacedNote = { collateral: 10n * 10n ** 18n, shares: 10n ** 22n, ownerKey, blinding: randomField(), leafIndex: 0 };

const LIQ_TX = `0x${"99".repeat(32)}` as const;

/** A stub chain: the main tree's leaves, whether the old note is spent, and what the app's node says about `hash`. */
function node(o: {
  leaves: bigint[];
  spent: boolean;
  receipt?: "success" | "reverted";
  known?: boolean;
  rpcError?: boolean;
  /** the old note was spent by a liquidation (transaction LIQ_TX, its PrivateAction kind 4) */
  liquidated?: boolean;
}) {
  return {
    getContractEvents: async (q: { eventName: string }) =>
      q.eventName === "NoteInserted"
        ? o.leaves.map((c, i) => ({ args: { commitment: c, leafIndex: BigInt(i), root: 0n } }))
        : q.eventName === "NoteSpent" && o.liquidated
          ? [{ transactionHash: LIQ_TX, args: {} }]
          : [],
    readContract: async () => o.spent,
    getTransactionReceipt: async ({ hash: h }: { hash: Hex }) => {
      if (h === LIQ_TX)
        return {
          status: "success",
          logs: [
            poolLog("NoteSpent", { nullifier: nullifier(old, 0) }, []),
            poolLog("PrivateAction", { kind: 4, recipient: base }, [old.collateral, old.shares, 2n ** 256n - 1n, "0x"]),
          ],
        };
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

describe("audit k H-1 (fixed): a note whose transaction was not seen landing is kept, and found when it lands", () => {
  it("a rate-limited read (or a privately relayed tx) moves the pending note to `unconfirmed`; the tx then lands and the note is promoted", async () => {
    // a repayment in flight: the new note's blinding is random (lib/privacy/actions.ts), held only in this wallet
    const pending: Note = { ...old, shares: 0n, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending, pendingTx: hash };
    const kept = await reconcilePending(node({ leaves: [commitment(old)], spent: false, rpcError: true }), pp, w);
    expect([kept.pending, kept.unconfirmed]).toEqual([null, [{ ...pending, spends: nullifier(old, 0) }]]);
    // the transaction mines a block later: the old note spent, the new commitment in the tree: promoted
    const later = await reconcilePending(node({ leaves: [commitment(old), commitment(pending)], spent: true }), pp, kept);
    expect(later).toMatchObject({ ownerKey, note: { ...pending, leafIndex: 1 }, pending: null, unconfirmed: [] });
  });
});

describe("audit k M-1 (fixed): a liquidation that spends the note first, with the owner's transaction left pending", () => {
  it("a pending close (exit): the old note is kept for the liquidation watch, which finds what is left", async () => {
    const exit: Note = { collateral: 0n, shares: 0n, ownerKey, blinding: randomField() };
    const chain = node({ leaves: [commitment(old)], spent: true, receipt: "reverted", liquidated: true });
    const after = await reconcilePending(chain, pp, { ownerKey, note: old, pending: exit, pendingTx: hash });
    expect(after).toMatchObject({ ownerKey, note: old, pending: null });
    // the watch then reads the liquidation (here a whole seizure: nothing left, an exit) from the old note's spend
    const watched = await reconcileLiquidation(chain, pp, base, after);
    expect([watched.note, watched.liquidation?.seized]).toEqual([null, old.collateral]);
  });

  it("a pending rescue (not an exit) is cleared too: it can never land, and the watch takes over", async () => {
    const rescue: Note = { ...old, collateral: old.collateral + 10n ** 18n, blinding: randomField() };
    const chain = node({ leaves: [commitment(old)], spent: true, receipt: "reverted", liquidated: true });
    const after = await reconcilePending(chain, pp, { ownerKey, note: old, pending: rescue, pendingTx: hash });
    expect(after).toMatchObject({ ownerKey, note: old, pending: null });
  });
});

describe("audit k L-1 (fixed): a pendingTx that mined but did not spend the note does not keep the wallet pending", () => {
  it("a hash of any mined transaction (an edited backup, a mistaken hash) moves the pending note to `unconfirmed`", async () => {
    const pending: Note = { ...old, collateral: old.collateral + 1n, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending, pendingTx: hash };
    const after = await reconcilePending(node({ leaves: [commitment(old)], spent: false, receipt: "success" }), pp, w);
    expect([after.pending, after.unconfirmed]).toEqual([null, [{ ...pending, spends: nullifier(old, 0) }]]);
  });
});

describe("audit k H-2 (fixed): viem hands back a cancellation's receipt as the transaction's own; noteFromReceipt does not take it", () => {
  it("waitForTransactionReceipt on a cancelled pool call resolves `success` with the cancel's receipt (no pool logs)", async () => {
    const from = "0x00000000000000000000000000000000000000f1";
    const cancel = `0x${"cd".repeat(32)}` as const;
    const tx = (h: Hex, to: Hex, input: Hex, blockNumber: Hex | null) => ({
      hash: h,
      from,
      to,
      input,
      nonce: "0x5",
      value: "0x0",
      gas: "0x5208",
      gasPrice: "0x1",
      type: "0x0",
      blockHash: blockNumber ? `0x${"11".repeat(32)}` : null,
      blockNumber,
      transactionIndex: blockNumber ? "0x0" : null,
      chainId: "0x1",
      v: "0x1b",
      r: "0x1",
      s: "0x1",
    });
    let block = 10n;
    const client = createPublicClient({
      pollingInterval: 5,
      transport: custom({
        async request({ method, params }: { method: string; params: unknown[] }) {
          if (method === "eth_blockNumber") return `0x${(block++).toString(16)}`;
          if (method === "eth_chainId") return "0x1";
          if (method === "eth_getTransactionByHash") return params[0] === hash ? tx(hash, pp.pool, "0x1234", null) : null;
          if (method === "eth_getTransactionBySenderAndNonce") return tx(cancel, from, "0x", "0xa"); // the wallet's Cancel
          if (method === "eth_getBlockByNumber")
            return {
              number: params[0],
              hash: `0x${"11".repeat(32)}`,
              parentHash: `0x${"22".repeat(32)}`,
              timestamp: "0x1",
              gasLimit: "0x1c9c380",
              gasUsed: "0x5208",
              transactions: [tx(cancel, from, "0x", "0xa")],
            };
          if (method === "eth_getTransactionReceipt") {
            if (params[0] !== cancel) return null;
            return {
              transactionHash: cancel,
              transactionIndex: "0x0",
              blockHash: `0x${"11".repeat(32)}`,
              blockNumber: "0xa",
              from,
              to: from,
              cumulativeGasUsed: "0x5208",
              gasUsed: "0x5208",
              effectiveGasPrice: "0x1",
              contractAddress: null,
              logs: [],
              logsBloom: `0x${"00".repeat(256)}`,
              status: "0x1",
              type: "0x0",
            };
          }
          throw new Error(`unexpected ${method}`);
        },
      }),
    });
    const receipt = await client.waitForTransactionReceipt({ hash, timeout: 5_000 });
    // what use-transactor returns as { status: "confirmed", hash, receipt }: run() finds no NoteInserted and saves note: null
    expect(receipt.status).toBe("success");
    expect(receipt.transactionHash).toBe(cancel);
    expect(receipt.logs).toEqual([]);
    const next: Note = { ...old, shares: 0n, blinding: randomField() };
    expect(noteFromReceipt(receipt.logs, pp.pool, { nullifier: nullifier(old, 0), next })).toEqual({ landed: false });
  });

  it("the pool's own logs only: its NoteSpent for this nullifier, then the new note's leaf; another address's logs do not count", () => {
    const next: Note = { ...old, shares: 0n, blinding: randomField() };
    const spent = poolLog("NoteSpent", { nullifier: nullifier(old, 0) }, []);
    const inserted = poolLog("NoteInserted", { commitment: commitment(next), leafIndex: 7n }, [123n]);
    expect(noteFromReceipt([spent, inserted], pp.pool, { nullifier: nullifier(old, 0), next })).toEqual({
      landed: true,
      note: { ...next, leafIndex: 7 },
    });
    const elsewhere = [spent, inserted].map((l) => ({ ...l, address: "0x00000000000000000000000000000000000000ff" as const }));
    expect(noteFromReceipt(elsewhere, pp.pool, { nullifier: nullifier(old, 0), next })).toEqual({ landed: false });
    const exit: Note = { collateral: 0n, shares: 0n, ownerKey, blinding: 1n };
    expect(noteFromReceipt([spent], pp.pool, { nullifier: nullifier(old, 0), next: exit })).toEqual({ landed: true, note: null });
  });
});
