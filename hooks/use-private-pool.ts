"use client";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { type Address, type PublicClient } from "viem";
import { useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { keelMarketAbi, keelOracleAbi, keelPrivatePoolAbi } from "@/contracts-abi";
import type { PrivatePoolDeployment } from "@/lib/config/deployment";
import { notePosition, type PoolState } from "@/lib/privacy/actions";
import type { ChainConfig } from "@/lib/config/chains";
import { commitment, nullifier, randomField } from "@/lib/privacy/note";
import type { ProveMessage, ProveRequest } from "@/lib/privacy/prove.worker";
import type { CircuitInput, SolidityProof } from "@/lib/privacy/prover";
import { MerkleTree } from "@/lib/privacy/tree";
import { loadWallet, saveWallet, storageKey, type PrivateWallet, type WalletScope } from "@/lib/privacy/wallet";
import { describeError, type DescribedError } from "@/lib/tx/tx-errors";
import { useRefreshOnBlocks } from "./use-refresh-on-blocks";

type ChainId = Parameters<typeof getPublicClient>[1] extends infer O ? (O extends { chainId?: infer C } ? C : never) : never;

/** The pool's aggregate (its one public vault) and the chain state an action is planned from. */
export interface PrivatePoolView {
  state: PoolState | null;
  /** Why prices are unavailable (StalePrice, PriceOutOfBounds…): borrow and withdraw wait for the feed. */
  priceError: DescribedError | null;
  noteCollateral: bigint;
  noteShares: bigint;
  vaultId: bigint;
  leaves: number;
}

const poolKey = (chainId: number, pool: Address) => ["privatePool", chainId, pool.toLowerCase()] as const;

async function readPool(client: PublicClient, chainId: number, p: PrivatePoolDeployment, base: Address): Promise<PrivatePoolView> {
  const pool = { address: p.pool, abi: keelPrivatePoolAbi } as const;
  const market = { address: p.market, abi: keelMarketAbi } as const;
  const [debtIndex, noteCollateral, noteShares, vaultId, totalBorrows, totalBorrowShares, info, oracle] = await Promise.all([
    client.readContract({ ...pool, functionName: "debtIndex" }),
    client.readContract({ ...pool, functionName: "noteCollateral" }),
    client.readContract({ ...pool, functionName: "noteShares" }),
    client.readContract({ ...pool, functionName: "vaultId" }),
    client.readContract({ ...market, functionName: "totalBorrows" }),
    client.readContract({ ...market, functionName: "totalBorrowShares" }),
    client.readContract({ ...market, functionName: "collateralInfo", args: [p.collateral] }),
    client.readContract({ ...pool, functionName: "oracle" }),
  ]);
  const leaves = await client.readContract({ ...pool, functionName: "nextIndex" });
  let prices: readonly [bigint, bigint] | null = null;
  let priceError: DescribedError | null = null;
  try {
    prices = await client.readContract({ address: oracle, abi: keelOracleAbi, functionName: "prices", args: [p.collateral, base] });
  } catch (e) {
    priceError = describeError(e);
  }
  return {
    state: prices
      ? {
          pool: p.pool,
          chainId,
          collateralPrice: prices[0],
          debtPrice: prices[1],
          marketLtv: info.ltv,
          marketLiquidationThreshold: info.liquidationThreshold,
          debtIndex,
          totalBorrows,
          totalBorrowShares,
        }
      : null,
    priceError,
    noteCollateral,
    noteShares,
    vaultId,
    leaves: Number(leaves),
  };
}

/** The private pool's public state on `chainId`, refreshed on new blocks. */
export function usePrivatePool(chainId: number, p: PrivatePoolDeployment | undefined, base: Address | undefined) {
  const config = useConfig();
  const query = useQuery({
    queryKey: p ? poolKey(chainId, p.pool) : ["privatePool", "none"],
    enabled: Boolean(p && base),
    queryFn: () => readPool(getPublicClient(config, { chainId: chainId as ChainId })! as PublicClient, chainId, p!, base!),
  });
  useRefreshOnBlocks(p ? [{ chainId, key: poolKey(chainId, p.pool) }] : []);
  return query;
}

/** The pool's note tree, rebuilt from its NoteInserted events (read fresh before every proof). */
export async function readNoteTree(client: PublicClient, p: PrivatePoolDeployment): Promise<{ tree: MerkleTree; byCommitment: Map<bigint, number> }> {
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
 * A pending note (saved before its transaction was signed) reconciled with the chain: promoted when its commitment is
 * in the tree, dropped when the note it would replace is still unspent (the transaction never landed), kept otherwise.
 */
export async function reconcilePending(client: PublicClient, p: PrivatePoolDeployment, w: PrivateWallet): Promise<PrivateWallet> {
  if (!w.pending) return w;
  const { byCommitment } = await readNoteTree(client, p);
  const leaf = byCommitment.get(commitment(w.pending));
  if (leaf !== undefined) {
    const placed = { ...w.pending, leafIndex: leaf };
    return { ...w, note: placed.collateral === 0n && placed.shares === 0n ? null : placed, pending: null };
  }
  if (!w.note) return { ...w, pending: null };
  const spent = await client.readContract({
    address: p.pool,
    abi: keelPrivatePoolAbi,
    functionName: "nullifierSpent",
    args: [nullifier(w.note, w.note.leafIndex)],
  });
  return spent ? w : { ...w, pending: null };
}

export type ProofProgress = { stage: "download"; loaded: number; total: number } | { stage: "proving"; since: number };

/** Proves in the page's proving worker (lib/privacy/prove.worker.ts), created on first use; the input never leaves it. */
export function useProver() {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const [progress, setProgress] = useState<ProofProgress | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);
  const prove = useCallback((input: CircuitInput) => {
    worker.current ??= new Worker(new URL("../lib/privacy/prove.worker.ts", import.meta.url));
    const w = worker.current;
    const id = ++seq.current;
    return new Promise<{ proof: SolidityProof; ms: number }>((resolve, reject) => {
      const onMessage = (e: MessageEvent<ProveMessage>) => {
        const m = e.data;
        if (m.id !== id) return;
        if (m.type === "download") setProgress({ stage: "download", loaded: m.loaded, total: m.total });
        else if (m.type === "proving") setProgress({ stage: "proving", since: Date.now() });
        else {
          w.removeEventListener("message", onMessage);
          setProgress(null);
          if (m.type === "done") resolve({ proof: m.proof, ms: m.ms });
          else reject(new ProofError(m.reason, m.message));
        }
      };
      w.addEventListener("message", onMessage);
      w.postMessage({ id, input } satisfies ProveRequest);
    });
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
export function usePrivatePositionView(chain: ChainConfig | undefined, account: Address | undefined) {
  const pp = chain?.deployment?.privatePool;
  const market = chain?.deployment?.markets.find((m) => m.address === pp?.market);
  const pool = usePrivatePool(chain?.id ?? 0, pp, market?.baseAsset);
  const scope = useMemo(() => (chain && pp && account ? { chainId: chain.id, pool: pp.pool, account } : null), [chain, pp, account]);
  const { wallet } = usePrivateWallet(scope);
  const state = pool.data?.state ?? null;
  const note = wallet?.note ?? null;
  return {
    pp,
    market,
    pool,
    note,
    position: note && state ? notePosition(note, state) : null,
    /** The pool's vault: every note's collateral and debt together (public). */
    aggregate: pool.data && state ? notePosition({ collateral: pool.data.noteCollateral, shares: pool.data.noteShares }, state) : null,
  };
}
