/**
 * The chain's own view of a vault and a market at an event's block, read through the lens (the same numbers the app
 * shows): the indexer never recomputes health, values or rates itself.
 */
import type { Context } from "ponder:registry";
import { keelLensAbi } from "../../contracts-abi";
import { lensFor } from "./sources";

const lenses = lensFor(process.env);

function lens(chainId: number): `0x${string}` {
  const address = lenses[chainId];
  if (!address) throw new Error(`chain ${chainId} has no lens in its deployment: the indexer reads vaults through it`);
  return address;
}

/**
 * Reads at the end of the block being indexed, kept for that block only: a block's events ask for the same vault (or
 * market) several times and the answer is the same for all of them. Keyed by the block's hash — a reorged block has a
 * new hash, so it is read again — and dropped as soon as the chain's next block comes (events arrive in block order per
 * chain). Local chains run with Ponder's own RPC cache off (`disableCache`, ponder.config.ts), so this is the only one.
 */
const blockReads = new Map<number, { hash: string; reads: Map<string, Promise<unknown>> }>();

function perBlock<T>(context: Context, block: { hash: string }, key: string, read: () => Promise<T>): Promise<T> {
  let cache = blockReads.get(context.chain.id);
  if (!cache || cache.hash !== block.hash) {
    cache = { hash: block.hash, reads: new Map() };
    blockReads.set(context.chain.id, cache);
  }
  let answer = cache.reads.get(key) as Promise<T> | undefined;
  if (!answer) {
    const reads = cache.reads;
    answer = read();
    reads.set(key, answer);
    answer.catch(() => reads.delete(key)); // a failed read is tried again, never remembered
  }
  return answer;
}

/** The vault at the end of the event's block (`block`: the event's, read once per block), or of an earlier `blockNumber`. */
export function readVault(context: Context, market: `0x${string}`, id: bigint, at: { block: { hash: string } } | { blockNumber: bigint }) {
  const call = { abi: keelLensAbi, address: lens(context.chain.id), functionName: "getVault", args: [market, id] } as const;
  if ("blockNumber" in at) return context.client.readContract({ ...call, blockNumber: at.blockNumber });
  return perBlock(context, at.block, `vault:${market.toLowerCase()}:${id}`, () => context.client.readContract(call));
}

/** The market at the end of the event's block (read once per block). */
export function readMarket(context: Context, market: `0x${string}`, block: { hash: string }) {
  return perBlock(context, block, `market:${market.toLowerCase()}`, () =>
    context.client.readContract({ abi: keelLensAbi, address: lens(context.chain.id), functionName: "getMarket", args: [market] }),
  );
}

/** Ids used across tables (lower-case addresses). */
export const marketKey = (chainId: number, market: string) => `${chainId}:${market.toLowerCase()}`;
export const vaultKey = (chainId: number, market: string, id: bigint) => `${chainId}:${market.toLowerCase()}:${id}`;
