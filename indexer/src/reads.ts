/**
 * The chain's own view of a vault and a market at an event's block, read through the lens (the same numbers the app
 * shows): the indexer never recomputes health, values or rates itself.
 *
 * A block's reads go out together: the first vault event of a block reads the block's own market logs (one
 * `eth_getLogs` by block hash), and every vault they touch ("after" at the block, "before" at the previous block when
 * the vault's row cannot give it) and every market they come from is then read in ONE batched JSON-RPC request. The
 * handlers, which run one event at a time, find their answers waiting; without this a block of 25 vault events cost
 * 25 round trips in a row (bench/results/indexer.md).
 */
import type { Context } from "ponder:registry";
import { createPublicClient, decodeEventLog, http, type Hex, type PublicClient } from "viem";
import { keelLensAbi, keelMarketAbi } from "../../contracts-abi";
import { readersFor } from "./sources";

const readers = readersFor(process.env);

function reader(chainId: number) {
  const r = readers[chainId];
  if (!r?.lens) throw new Error(`chain ${chainId} has no lens in its deployment: the indexer reads vaults through it`);
  return { ...r, lens: r.lens };
}

/**
 * Per chain, a client whose calls made in the same tick leave as one JSON-RPC batch (viem's `batch`). Ponder's own
 * `context.client` sends one request per call; the reads here are pinned to a block number, as Ponder's would be, and
 * keyed by the block's hash below, so a reorged block is read again.
 */
const clients = new Map<number, PublicClient>();
function batchClient(chainId: number): PublicClient {
  let client = clients.get(chainId);
  if (!client) {
    client = createPublicClient({ transport: http(reader(chainId).rpcUrl, { batch: { batchSize: 1_000, wait: 0 }, retryCount: 3 }) });
    clients.set(chainId, client);
  }
  return client;
}

type Block = { hash: Hex; number: bigint };

/**
 * Reads of the block being indexed, kept for that block only. Keyed by the block's hash — a reorged block has a new
 * hash, so it is read again — and dropped as soon as the chain's next block comes (events arrive in block order per
 * chain). Local chains run with Ponder's own RPC cache off (`disableCache`, ponder.config.ts), so this is the only one.
 */
interface BlockReads {
  hash: string;
  reads: Map<string, Promise<unknown>>;
  /** The block's batch (set by the first vault read of the block); settles once every read in it is in `reads`. */
  batch?: Promise<void>;
}
const blockReads = new Map<number, BlockReads>();

function cacheFor(chainId: number, block: { hash: string }): BlockReads {
  let cache = blockReads.get(chainId);
  if (!cache || cache.hash !== block.hash) {
    cache = { hash: block.hash, reads: new Map() };
    blockReads.set(chainId, cache);
  }
  return cache;
}

function perBlock<T>(cache: BlockReads, key: string, read: () => Promise<T>): Promise<T> {
  let answer = cache.reads.get(key) as Promise<T> | undefined;
  if (!answer) {
    const reads = cache.reads;
    answer = read();
    reads.set(key, answer);
    answer.catch(() => reads.delete(key)); // a failed read is tried again, never remembered
  }
  return answer;
}

const getVault = (chainId: number, market: Hex, id: bigint, blockNumber: bigint) =>
  batchClient(chainId).readContract({ abi: keelLensAbi, address: reader(chainId).lens, functionName: "getVault", args: [market, id], blockNumber });
const getMarket = (chainId: number, market: Hex, blockNumber: bigint) =>
  batchClient(chainId).readContract({ abi: keelLensAbi, address: reader(chainId).lens, functionName: "getMarket", args: [market], blockNumber });

const afterKey = (market: string, id: bigint) => `vault:${market.toLowerCase()}:${id}`;
const beforeKey = (market: string, id: bigint) => `before:${market.toLowerCase()}:${id}`;
const marketReadKey = (market: string) => `market:${market.toLowerCase()}`;

/** The vaults (market, id) and the markets a block's logs of the followed markets touch, in log order. */
export function touchedBy(logs: readonly { address: Hex; data: Hex; topics: readonly Hex[] }[]) {
  const vaults = new Map<string, { market: Hex; id: bigint }>();
  const markets = new Map<string, Hex>();
  for (const log of logs) {
    markets.set(log.address.toLowerCase(), log.address);
    let args: unknown;
    try {
      ({ args } = decodeEventLog({ abi: keelMarketAbi, data: log.data, topics: log.topics as [Hex, ...Hex[]] }));
    } catch {
      continue; // an event of the market this indexer has no use for
    }
    const id = (args as { id?: unknown }).id;
    if (typeof id === "bigint") vaults.set(afterKey(log.address, id), { market: log.address, id });
  }
  return { vaults: [...vaults.values()], markets: [...markets.values()] };
}

/**
 * The block's batch, once per block: its market logs, then — in one tick, so one JSON-RPC request — every touched
 * vault's "after", its "before" when `needsBefore` says the row cannot give it, and every touched market. A failure
 * leaves each handler to read for itself (the same calls, one by one), never a wrong or missing answer.
 */
function blockBatch(context: Context, block: Block, needsBefore: (market: Hex, id: bigint) => Promise<boolean>): Promise<void> {
  const chainId = context.chain.id;
  const cache = cacheFor(chainId, block);
  cache.batch ??= (async () => {
    const logs = await batchClient(chainId).request({ method: "eth_getLogs", params: [{ blockHash: block.hash, address: reader(chainId).markets }] });
    const { vaults, markets } = touchedBy(logs);
    const before = await Promise.all(vaults.map((v) => needsBefore(v.market, v.id)));
    vaults.forEach((v, x) => {
      perBlock(cache, afterKey(v.market, v.id), () => getVault(chainId, v.market, v.id, block.number)).catch(() => {});
      if (before[x]) perBlock(cache, beforeKey(v.market, v.id), () => getVault(chainId, v.market, v.id, block.number - 1n)).catch(() => {});
    });
    for (const m of markets) perBlock(cache, marketReadKey(m), () => getMarket(chainId, m, block.number)).catch(() => {});
  })().catch(() => {});
  return cache.batch;
}

/**
 * The reads of one vault event: `after` (the vault at the end of the event's block) and `before` (at the end of the
 * previous block), both answered from the block's batch when it has them. `needsBefore` tells the batch which of the
 * block's vaults will ask for `before` (the caller's rule, from its rows).
 */
export async function vaultReads(
  context: Context,
  market: Hex,
  id: bigint,
  block: Block,
  needsBefore: (market: Hex, id: bigint) => Promise<boolean>,
) {
  await blockBatch(context, block, needsBefore);
  const cache = cacheFor(context.chain.id, block);
  const chainId = context.chain.id;
  return {
    after: () => perBlock(cache, afterKey(market, id), () => getVault(chainId, market, id, block.number)),
    before: () => perBlock(cache, beforeKey(market, id), () => getVault(chainId, market, id, block.number - 1n)),
  };
}

/** The vault's view as the lens returns it. */
export type VaultView = Awaited<ReturnType<typeof getVault>>;

/** The market at the end of the event's block (read once per block, in the block's batch when it has vault events). */
export function readMarket(context: Context, market: Hex, block: Block) {
  const chainId = context.chain.id;
  return perBlock(cacheFor(chainId, block), marketReadKey(market), () => getMarket(chainId, market, block.number));
}

/** Ids used across tables (lower-case addresses). */
export const marketKey = (chainId: number, market: string) => `${chainId}:${market.toLowerCase()}`;
export const vaultKey = (chainId: number, market: string, id: bigint) => `${chainId}:${market.toLowerCase()}:${id}`;
