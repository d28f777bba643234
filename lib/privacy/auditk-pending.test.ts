/**
 * Audit k (docs/audit-2026-12-03-k.md) PoCs against the audit j M-2 fix: hooks/use-private-pool.ts `reconcilePending`
 * and `reconcileLiquidation`, driven by a stub client (the reads they make). Each test asserts the behaviour as it is
 * on main (a PoC passes while the finding stands).
 */
import { describe, expect, it } from "vitest";
import { createPublicClient, custom, type Hex, type PublicClient } from "viem";
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

describe("audit k H-2: viem hands back a cancellation's receipt as the transaction's own", () => {
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
  });
});
