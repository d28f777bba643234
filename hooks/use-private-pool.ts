"use client";
import type { ReadClient } from "@/lib/read/client";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { erc20Abi, parseEventLogs, type Address, type Hex } from "viem";
import { useConfig } from "wagmi";

import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { keelOracleAbi } from "@/contracts-abi/abi/KeelOracle";
import { keelPrivatePoolAbi } from "@/contracts-abi/abi/KeelPrivatePool";
import type { PrivatePoolDeployment } from "@/lib/config/deployment";
import { notePosition, type PoolBooks, type PoolState } from "@/lib/privacy/actions";
import type { ChainConfig } from "@/lib/config/chains";
import { commitment, isExit, liquidatedNote, nullifier, openingOf, randomField, type Note, type PlacedNote } from "@/lib/privacy/note";
import type { ProveMessage, ProveRequest } from "@/lib/privacy/prove.worker";
import type { CircuitInput } from "@/lib/privacy/prover";
import { MerkleTree } from "@/lib/privacy/tree";
import { keepUnconfirmed, loadWallet, noteFromReceipt, saveWallet, storageKey, type PrivateWallet, type WalletScope } from "@/lib/privacy/wallet";
import { describeError, type DescribedError } from "@/lib/tx/tx-errors";
import { useRefreshOnBlocks } from "./use-refresh-on-blocks";
import { requireChainReader } from "@/lib/wallet/chain-reader";
import { sameAddress } from "@/lib/config/address";

/** The pool's aggregate (its one public vault) and the chain state an action is planned from. */
export interface PrivatePoolView {
  /** The books with the oracle's prices; null while the oracle refuses them (`priceError`). */
  state: PoolState | null;
  /** The books alone: enough to plan an action leaving the note debt-free (DEBT_FREE: a full repayment, a deposit). */
  books: PoolBooks;
  /** Why prices are unavailable (StalePrice, PriceOutOfBounds…): every action that leaves debt waits for the feed. */
  priceError: DescribedError | null;
  noteCollateral: bigint;
  noteShares: bigint;
  vaultId: bigint;
  leaves: number;
}

const poolKey = (chainId: number, pool: Address) => ["privatePool", chainId, pool.toLowerCase()] as const;

/** The pool's public state at the latest block (what `usePrivatePool` keeps fresh). */
export async function readPool(client: ReadClient, chainId: number, p: PrivatePoolDeployment, base: Address): Promise<PrivatePoolView> {
  const pool = { address: p.pool, abi: keelPrivatePoolAbi } as const;
  const market = { address: p.market, abi: keelMarketAbi } as const;
  const [debtIndex, noteCollateral, noteShares, vaultId, totalBorrows, totalBorrowShares, info, oracle, minDeposit, minBorrow] = await Promise.all([
    client.readContract({ ...pool, functionName: "debtIndex" }),
    client.readContract({ ...pool, functionName: "noteCollateral" }),
    client.readContract({ ...pool, functionName: "noteShares" }),
    client.readContract({ ...pool, functionName: "vaultId" }),
    client.readContract({ ...market, functionName: "totalBorrows" }),
    client.readContract({ ...market, functionName: "totalBorrowShares" }),
    client.readContract({ ...market, functionName: "collateralInfo", args: [p.collateral] }),
    client.readContract({ ...pool, functionName: "oracle" }),
    client.readContract({ ...pool, functionName: "minDeposit" }),
    client.readContract({ ...pool, functionName: "minBorrow" }),
  ]);
  const leaves = await client.readContract({ ...pool, functionName: "nextIndex" });
  let prices: readonly [bigint, bigint] | null = null;
  let priceError: DescribedError | null = null;
  try {
    prices = await client.readContract({ address: oracle, abi: keelOracleAbi, functionName: "prices", args: [p.collateral, base] });
  } catch (e) {
    priceError = describeError(e);
  }
  const books: PoolBooks = {
    pool: p.pool,
    chainId,
    marketLtv: info.ltv,
    marketLiquidationThreshold: info.liquidationThreshold,
    debtIndex,
    totalBorrows,
    totalBorrowShares,
    minDeposit,
    minBorrow,
  };
  return {
    state: prices ? { ...books, collateralPrice: prices[0], debtPrice: prices[1] } : null,
    books,
    priceError,
    noteCollateral,
    noteShares,
    vaultId,
    leaves: Number(leaves),
  };
}

/** The private pool's public state on `chainId`, refreshed on new blocks (`enabled` false: not read at all). */
export function usePrivatePool(chainId: number, p: PrivatePoolDeployment | undefined, base: Address | undefined, enabled = true) {
  const config = useConfig();
  const query = useQuery({
    queryKey: p ? poolKey(chainId, p.pool) : ["privatePool", "none"],
    enabled: Boolean(p && base && enabled),
    queryFn: () => readPool(requireChainReader(config, chainId), chainId, p!, base!),
  });
  useRefreshOnBlocks(p && enabled ? [{ chainId, key: poolKey(chainId, p.pool) }] : []);
  return query;
}

/**
 * The pool's note trees, rebuilt from its NoteInserted events (read fresh before every proof): global positions, a full
 * tree followed by a new one (lib/privacy/tree.ts); an exit inserts nothing, so it leaves no event here.
 */
export async function readNoteTree(client: ReadClient, p: PrivatePoolDeployment): Promise<{ tree: MerkleTree; byCommitment: Map<bigint, number> }> {
  const logs = await client.getContractEvents({
    address: p.pool,
    abi: keelPrivatePoolAbi,
    eventName: "NoteInserted",
    fromBlock: BigInt(p.startBlock),
  });
  const tree = new MerkleTree();
  const byCommitment = new Map<bigint, number>();
  for (const l of logs.sort((a, b) => Number(a.args.leafIndex! - b.args.leafIndex!))) {
    const i = tree.insert(l.args.commitment!);
    if (i !== Number(l.args.leafIndex)) throw new Error(`the pool's tree skipped leaf ${i}`);
    byCommitment.set(l.args.commitment!, i);
  }
  return { tree, byCommitment };
}

// One tiny external store over localStorage so every component reading the wallet re-renders on a change.
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  const onStorage = () => l();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener("storage", onStorage);
  };
};

/**
 * The connected account's private wallet for the pool (lib/privacy/wallet.ts: localStorage, in clear — the page says
 * why). `create` makes the owner key on first use; `update` saves (and notifies every reader).
 */
export function usePrivateWallet(scope: WalletScope | null) {
  const key = scope ? storageKey(scope) : null;
  const text = useSyncExternalStore(
    subscribe,
    () => (key ? window.localStorage.getItem(key) : null),
    () => null,
  );
  let wallet: PrivateWallet | null = null;
  let error: Error | null = null;
  try {
    wallet = scope && text !== null ? loadWallet({ getItem: () => text }, scope) : null;
  } catch (e) {
    error = e as Error;
  }
  const update = useCallback(
    (w: PrivateWallet) => {
      if (!scope) return;
      saveWallet(window.localStorage, scope, w);
      listeners.forEach((l) => l());
    },
    [scope],
  );
  const create = useCallback((): PrivateWallet => {
    const w: PrivateWallet = { ownerKey: randomField(), note: null, pending: null };
    update(w);
    return w;
  }, [update]);
  return { wallet, error, text, update, create };
}

/**
 * A pending note (saved before its transaction was signed) and the wallet's `unconfirmed` notes reconciled with the
 * chain. Never forgets a note the chain could still create (audits k H-1/H-2, l): the opening of a new note exists only
 * in this wallet (its blinding is random), so a note whose transaction was not seen landing is kept in `unconfirmed`
 * and promoted whenever its commitment appears in the pool; it is dropped only once provably dead (the nullifier it
 * spends spent by another transaction).
 * - Any pending or unconfirmed note found in the pool (NoteInserted, or NoteInsertedAside) is the owner's note now.
 * - The pending action's nullifier spent: by this very action (the spend's receipt holds its note, or it is an exit):
 *   promoted, or no note; by a liquidation: the pending action is dead, the liquidation watch finds what is left
 *   (audit k M-1); by anything else: dead (audit l M-1), and the watch settles the old note.
 * - Not spent: kept pending while the node knows its transaction unmined (in flight: audit j M-2); else moved to
 *   `unconfirmed` (a replaced, privately relayed or unseen transaction, or a failed read, loses nothing).
 */
export async function reconcilePending(client: ReadClient, p: PrivatePoolDeployment, w: PrivateWallet): Promise<PrivateWallet> {
  const unconfirmed = w.unconfirmed ?? [];
  if (!w.pending && unconfirmed.length === 0) return w;
  const cleared = { ...w, pending: null, pendingTx: undefined, pendingSpends: undefined };
  const candidates: Note[] = [...(w.pending ? [w.pending] : []), ...unconfirmed].filter((n) => !isExit(n));
  if (candidates.length > 0) {
    const [{ byCommitment }, asides] = await Promise.all([
      readNoteTree(client, p),
      // a deposit or repayment sent aside (depositAside, repayAside): alone at leaf 0 of its own tree
      client.getContractEvents({
        address: p.pool,
        abi: keelPrivatePoolAbi,
        eventName: "NoteInsertedAside",
        args: { commitment: candidates.map(commitment) },
        fromBlock: BigInt(p.startBlock),
      }),
    ]);
    for (const n of candidates) {
      const c = commitment(n);
      const leaf = byCommitment.get(c);
      const aside = asides.find((ev) => ev.args.commitment === c);
      if (leaf === undefined && !aside) continue;
      const placed: PlacedNote = {
        collateral: n.collateral,
        shares: n.shares,
        ownerKey: n.ownerKey,
        blinding: n.blinding,
        ...(leaf !== undefined ? { leafIndex: leaf } : { leafIndex: 0, asideRoot: aside!.args.root! }),
      };
      return { ...cleared, note: placed, unconfirmed: unconfirmed.filter((u) => commitment(u) !== c) };
    }
  }
  // unconfirmed notes whose nullifier another transaction spent can never land (each nullifier is spent once)
  const spentFlags = await Promise.all(unconfirmed.map((u) => isSpent(client, p, u.spends)));
  const alive = unconfirmed.filter((_, i) => !spentFlags[i]);
  const pruned = alive.length === unconfirmed.length ? w : { ...w, unconfirmed: alive };
  if (!w.pending) return pruned;
  const spends = w.pendingSpends ?? (w.note ? nullifier(w.note, w.note.leafIndex) : undefined);
  const spentBy = spends === undefined ? null : await spendingAction(client, p, spends);
  if (spentBy) {
    if (!spentBy.receipt) return pruned; // spent, its event not indexed yet: the next block says
    if (spentBy.action?.args.kind === ACTION_LIQUIDATE) return { ...cleared, unconfirmed: alive };
    const outcome = noteFromReceipt(spentBy.receipt.logs, p.pool, { nullifier: spends!, next: w.pending });
    if (outcome.landed) return { ...cleared, note: outcome.note, unconfirmed: alive };
    return { ...cleared, unconfirmed: alive };
  }
  if (w.pendingTx && (await inFlight(client, w.pendingTx))) return pruned;
  const gone = { ...cleared, unconfirmed: alive };
  return isExit(w.pending) || spends === undefined ? gone : keepUnconfirmed(gone, w.pending, spends);
}

async function isSpent(client: ReadClient, p: PrivatePoolDeployment, n: bigint): Promise<boolean> {
  return client.readContract({ address: p.pool, abi: keelPrivatePoolAbi, functionName: "nullifierSpent", args: [n] });
}

/**
 * Whether transaction `hash` may still land: known to the node and not mined. A mined one (reverted, or not the pool
 * action that would have spent the note: audit k L-1) or one the node does not know may not; the caller keeps its note
 * in `unconfirmed` either way, so a wrong answer loses nothing.
 */
async function inFlight(client: ReadClient, hash: Hex): Promise<boolean> {
  try {
    await client.getTransactionReceipt({ hash });
    return false;
  } catch {
    try {
      await client.getTransaction({ hash });
      return true;
    } catch {
      return false;
    }
  }
}

/** The pool action that spent nullifier `spent` (its NoteSpent's transaction): the receipt, the pool's own logs and its PrivateAction; null while unspent. */
async function spendingAction(client: ReadClient, p: PrivatePoolDeployment, spent: bigint) {
  if (!(await isSpent(client, p, spent))) return null;
  const [log] = await client.getContractEvents({
    address: p.pool,
    abi: keelPrivatePoolAbi,
    eventName: "NoteSpent",
    args: { nullifier: spent },
    fromBlock: BigInt(p.startBlock),
  });
  if (!log?.transactionHash) return { receipt: null, own: [], action: undefined };
  const receipt = await client.getTransactionReceipt({ hash: log.transactionHash });
  const own = receipt.logs.filter((l) => sameAddress(l.address, p.pool));
  return { receipt, own, action: parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "PrivateAction", logs: own })[0] };
}

/** KeelPrivatePool's `Action.Liquidate` (the `kind` of its PrivateAction event). */
const ACTION_LIQUIDATE = 4;

/**
 * The owner's note spent by a liquidation (the keeper's, or anyone's holding the liquidators' key): the wallet with
 * the debt-free note left to the owner (`liquidatedNote`: the old blinding hashed, found in the same transaction's
 * NoteInserted — or its NoteInsertedAside for an aside liquidation, `liquidateAside`: the note is then at leaf 0 of its
 * own one-note tree, spent with a membership proof against that tree's root, `asideRoot`) and what was repaid and
 * seized. Spent by the owner's own exit this page did not see land (a close or a full withdrawal: nothing inserted):
 * no note (audit l M-2). The wallet unchanged when the note is unspent, pending, or spent by an inserting action it
 * does not know (another copy of this wallet: its next action here says the note is spent).
 */
export async function reconcileLiquidation(client: ReadClient, p: PrivatePoolDeployment, base: Address, w: PrivateWallet): Promise<PrivateWallet> {
  const note = w.note;
  if (!note || w.pending) return w;
  const spent = nullifier(note, note.leafIndex);
  const spentBy = await spendingAction(client, p, spent);
  if (!spentBy?.receipt) return w;
  const { receipt, own, action } = spentBy;
  if (!action) return w;
  if (action.args.kind !== ACTION_LIQUIDATE) {
    // the owner's own exit, landed unseen (a close or a full withdrawal this page did not see mined: audit l M-2)
    const inserted = parseEventLogs({ abi: keelPrivatePoolAbi, logs: own }).some(
      (ev) => ev.eventName === "NoteInserted" || ev.eventName === "NoteInsertedAside",
    );
    return inserted ? w : { ...w, note: null };
  }
  const seized = action.args.amount;
  const left = liquidatedNote(openingOf(note), seized);
  const remainder = { collateral: left.collateral, shares: 0n, ownerKey: w.ownerKey, blinding: left.blinding };
  // Where the remainder went (noteFromReceipt: the pool's NoteInserted or NoteInsertedAside in that transaction); all
  // the collateral seized: an exit, nothing inserted (circuit v3), the owner keeps no note.
  const outcome = noteFromReceipt(receipt.logs, p.pool, { nullifier: spent, next: remainder });
  if (!outcome.landed) return w;
  const kept = outcome.note;
  // What the liquidator paid: the base asset the pool received in that transaction.
  const repaid = parseEventLogs({ abi: erc20Abi, eventName: "Transfer", logs: receipt.logs })
    .filter((t) => sameAddress(t.address, base) && sameAddress(t.args.to, p.pool))
    .reduce((sum, t) => sum + t.args.value, 0n);
  return {
    ...w,
    note: kept,
    liquidation: { seized, shares: action.args.shares, repaid, block: receipt.blockNumber, tx: receipt.transactionHash },
  };
}

/**
 * Watches the owner's indebted note on every pool refresh (one eth_call a block) and, once a liquidation spent it,
 * saves what is left and what happened (`reconcileLiquidation`), so no page shows a note that no longer exists.
 */
export function useLiquidationWatch(
  chainId: number,
  p: PrivatePoolDeployment | undefined,
  base: Address | undefined,
  wallet: PrivateWallet | null,
  update: (w: PrivateWallet) => void,
  refreshedAt: number,
) {
  const config = useConfig();
  useEffect(() => {
    if (!p || !base || !wallet?.note || wallet.pending) return;
    // One check per refresh, never skipped while another runs (a liquidation mined during a check must be seen at the
    // next block): two checks that both find it compute the same wallet.
    let current = true;
    const client = requireChainReader(config, chainId);
    void reconcileLiquidation(client, p, base, wallet)
      .then((w) => current && w !== wallet && update(w))
      .catch(() => undefined); // the next block tries again
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshedAt, wallet?.note, wallet?.pending]);
}

export type ProofProgress = { stage: "download"; loaded: number; total: number } | { stage: "proving"; since: number };

/**
 * The page's proving worker (lib/privacy/prove.worker.ts): one per tab, made on first use and kept across pages, so
 * the files it loaded and the curve it built serve every later proof.
 */
let sharedWorker: Worker | null = null;
let sequence = 0;
let preloaded: Promise<void> | null = null;
function proverWorker(): Worker {
  sharedWorker ??= new Worker(new URL("../lib/privacy/prove.worker.ts", import.meta.url));
  return sharedWorker;
}

/** One request to the worker; `onProgress` hears its download and proving stages. */
function ask(request: ProveRequest, onProgress: (m: ProveMessage) => void): Promise<ProveMessage> {
  const w = proverWorker();
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent<ProveMessage>) => {
      const m = e.data;
      if (m.id !== request.id) return;
      if (m.type === "download" || m.type === "proving") return onProgress(m);
      w.removeEventListener("message", onMessage);
      resolve(m);
    };
    w.addEventListener("message", onMessage);
    w.postMessage(request);
  });
}

/**
 * Loads the proving files and the curve in the worker while the owner reads the page (`enabled`: a pool and a
 * connected account), so the first action does not wait for them. Once per tab; a failed load is tried again by the
 * first proof (which then shows its download).
 */
export function usePreloadProver(enabled: boolean) {
  useEffect(() => {
    if (!enabled || preloaded) return;
    preloaded = ask({ id: ++sequence, type: "preload" }, () => undefined).then((m) => {
      if (m.type === "error") preloaded = null;
    });
  }, [enabled]);
}

/** Proves in the page's proving worker; the input never leaves it. */
export function useProver() {
  const [progress, setProgress] = useState<ProofProgress | null>(null);
  const prove = useCallback(async (input: CircuitInput) => {
    const m = await ask({ id: ++sequence, type: "prove", input }, (p) =>
      setProgress(p.type === "download" ? { stage: "download", loaded: p.loaded, total: p.total } : { stage: "proving", since: Date.now() }),
    );
    setProgress(null);
    if (m.type === "done") return { proof: m.proof, ms: m.ms };
    if (m.type === "error") throw new ProofError(m.reason, m.message);
    throw new ProofError("prover", `unexpected answer ${m.type}`);
  }, []);
  return { prove, progress };
}

export class ProofError extends Error {
  constructor(
    readonly reason: "download" | "constraint" | "prover",
    message: string,
  ) {
    super(message);
    this.name = "ProofError";
  }
}

/**
 * The private pool of `chain` as the dashboard and /risk show it: its aggregate (the pool's one public vault) and,
 * when this browser holds the connected account's note, that note's position (decrypted locally: nothing is read
 * from a server).
 */
export function usePrivatePositionView(chain: ChainConfig | undefined, account: Address | undefined, { onlyWithNote = false } = {}) {
  const pp = chain?.deployment?.privatePool;
  const market = chain?.deployment?.markets.find((m) => m.address === pp?.market);
  const scope = useMemo(() => (chain && pp && account ? { chainId: chain.id, pool: pp.pool, account } : null), [chain, pp, account]);
  const { wallet, update } = usePrivateWallet(scope);
  // The dashboard's line shows only this browser's note: without one it reads nothing (no pool reads on each block).
  const pool = usePrivatePool(chain?.id ?? 0, pp, market?.baseAsset, !onlyWithNote || Boolean(wallet?.note));
  useLiquidationWatch(chain?.id ?? 0, pp, market?.baseAsset, wallet, update, pool.dataUpdatedAt);
  const state = pool.data?.state ?? null;
  const note = wallet?.note ?? null;
  return {
    liquidation: wallet?.liquidation ?? null,
    pp,
    market,
    pool,
    note,
    position: note && state ? notePosition(note, state) : null,
    /** The pool's vault: every note's collateral and debt together (public). */
    aggregate: pool.data && state ? notePosition({ collateral: pool.data.noteCollateral, shares: pool.data.noteShares }, state) : null,
  };
}
