/**
 * Audit l (docs/audit-2026-12-03-l.md): PoCs against hooks/use-private-pool.ts `reconcilePending` /
 * `reconcileLiquidation` after audit k's fixes. Each test passes while its finding stands. Driven by stub clients.
 */
import { describe, expect, it } from "vitest";
import { encodeAbiParameters, encodeEventTopics, type Hex, type Log, type PublicClient } from "viem";
import { keelPrivatePoolAbi } from "@/contracts-abi";
import { reconcileLiquidation, reconcilePending, UNCONFIRMED_KEPT } from "@/hooks/use-private-pool";
import { commitment, nullifier, randomField, type Note, type PlacedNote } from "@/lib/privacy/note";
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
const ownerKey = randomField();
const old: PlacedNote = { collateral: 10n * 10n ** 18n, shares: 10n ** 22n, ownerKey, blinding: randomField(), leafIndex: 0 };
/** the owner's own transaction that spent `old` (a close: PrivateAction kind 5, Action.Close, nothing inserted) */
const SPENDER = `0x${"77".repeat(32)}` as const;
/** the hash the wallet holds as pendingTx */
const PENDING_TX = `0x${"ab".repeat(32)}` as const;

function poolLog(eventName: string, topics: Record<string, unknown>, data: unknown[]): Log {
  const ev = keelPrivatePoolAbi.find((x) => x.type === "event" && x.name === eventName) as unknown as {
    inputs: { indexed?: boolean; type: string }[];
  };
  return {
    address: pp.pool,
    topics: encodeEventTopics({ abi: keelPrivatePoolAbi, eventName, args: topics } as Parameters<typeof encodeEventTopics>[0]),
    data: encodeAbiParameters(
      ev.inputs.filter((i) => !i.indexed),
      data,
    ),
  } as unknown as Log;
}

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

describe("audit l M-1: a pending note whose own transaction reverted, the old note spent by another (non-liquidation) action", () => {
  it("the wallet stays pending forever: every action refused (errors.pending), the liquidation watch skipped", async () => {
    // the old note was spent by the owner's earlier close (sent through a private relay, dropped by reconcilePending as
    // an exit), and the rescue sent after it reverted with NoteAlreadySpent while the page was closed
    const rescue: Note = { ...old, collateral: old.collateral + 10n ** 18n, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending: rescue, pendingTx: PENDING_TX };
    const chain = node({ leaves: [commitment(old)], spent: true, pendingTx: "reverted" });
    let after = w;
    for (let block = 0; block < 5; block++) after = await reconcilePending(chain, pp, after);
    expect(after).toBe(w); // unchanged: `pending` set for good, though its transaction is mined and reverted
    expect(await reconcileLiquidation(chain, pp, base, after)).toBe(after);
  });
});

describe("audit l M-2: a pending exit whose transaction the app's node does not know is dropped without a trace", () => {
  it("the close lands later: the wallet shows the spent note as current for good; nothing reconciles it", async () => {
    const exit: Note = { collateral: 0n, shares: 0n, ownerKey, blinding: randomField() };
    const w: PrivateWallet = { ownerKey, note: old, pending: exit, pendingTx: PENDING_TX };
    // privately relayed (or the node evicted it): unknown to the app's node, the old note unspent yet
    const cleared = await reconcilePending(node({ leaves: [commitment(old)], spent: false, pendingTx: "unknown" }), pp, w);
    expect([cleared.note, cleared.pending, cleared.unconfirmed ?? []]).toEqual([old, null, []]);
    // the close then lands: old spent by it (not a liquidation)
    const chain = node({ leaves: [commitment(old)], spent: true, pendingTx: "unknown" });
    expect(await reconcilePending(chain, pp, cleared)).toBe(cleared); // nothing pending, nothing unconfirmed: returned as is
    expect(await reconcileLiquidation(chain, pp, base, cleared)).toBe(cleared); // not a liquidation: returned as is
    // the wallet keeps `old` (spent) as its note: every action plans on it and reverts NoteAlreadySpent (errors.spent)
  });
});

describe("audit l L-1: the unconfirmed cap evicts a note whose transaction may still land", () => {
  it("eight later unseen attempts on the same note push the first out; when the first lands, nothing can open it", async () => {
    const note = (): Note => ({ ...old, collateral: old.collateral + 1n, blinding: randomField() });
    const first = note();
    let w: PrivateWallet = { ownerKey, note: old, pending: first, pendingTx: PENDING_TX };
    const unseen = node({ leaves: [commitment(old)], spent: false, pendingTx: "unknown" });
    w = await reconcilePending(unseen, pp, w);
    for (let i = 0; i < UNCONFIRMED_KEPT; i++) w = await reconcilePending(unseen, pp, { ...w, pending: note(), pendingTx: PENDING_TX });
    expect(w.unconfirmed).toHaveLength(UNCONFIRMED_KEPT);
    expect(w.unconfirmed!.includes(first)).toBe(false); // evicted, though its nullifier (old's) is still unspent
    // the first (privately relayed) transaction lands: its commitment is in the tree, no wallet note matches it
    const landed = node({ leaves: [commitment(old), commitment(first)], spent: true, pendingTx: "unknown" });
    const after = await reconcilePending(landed, pp, w);
    expect(after.note).toBe(old);
  });
});
