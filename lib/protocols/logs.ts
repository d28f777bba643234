import type { AbiEvent, Address, GetLogsReturnType, PublicClient } from "viem";

/**
 * Blocks per eth_getLogs page. Public RPCs cap a query's range (often 10,000 blocks, some 2,000 or less) or its
 * results; a page this size stays inside the common caps, and a node that refuses it has the page split in halves
 * until it answers (down to one block).
 */
export const LOG_PAGE_BLOCKS = 5_000n;

/** Pages queried at once (the client's batching transport may send a wave as one HTTP request). */
const PARALLEL_PAGES = 4;

/** What a paged read did: pages asked (splits included) and the block range it covered. */
export interface LogPaging {
  fromBlock: bigint;
  toBlock: bigint;
  pages: number;
}

/** An RPC answer that says the range or the result set is too large (the wordings of geth, Alchemy, Infura, QuickNode, anvil…). */
export function isRangeTooLarge(e: unknown): boolean {
  const text = `${(e as { message?: string })?.message ?? ""} ${(e as { details?: string })?.details ?? ""}`.toLowerCase();
  return /block range|range (is )?too (large|wide)|too many (results|logs|blocks)|limit exceeded|exceeds? (the )?(max|limit)|query returned more than|response size|-32005/.test(
    text,
  );
}

/**
 * Every log of `events` emitted by `address` from `fromBlock` to `toBlock` (inclusive), read in pages of at most
 * `pageBlocks` blocks, a few pages at a time, in block order. A page the node refuses as too large is split in two,
 * recursively; any other error is thrown.
 */
export async function getLogsPaged<const E extends readonly AbiEvent[]>(
  client: Pick<PublicClient, "getLogs">,
  query: { address: Address; events: E; fromBlock: bigint; toBlock: bigint },
  pageBlocks: bigint = LOG_PAGE_BLOCKS,
): Promise<{ logs: GetLogsReturnType<undefined, E, undefined, bigint, bigint>; paging: LogPaging }> {
  if (pageBlocks < 1n) throw new Error("pageBlocks must be at least 1");
  let pages = 0;
  const read = async (from: bigint, to: bigint): Promise<GetLogsReturnType<undefined, E, undefined, bigint, bigint>> => {
    pages++;
    try {
      return (await client.getLogs({ address: query.address, events: query.events, fromBlock: from, toBlock: to })) as GetLogsReturnType<
        undefined,
        E,
        undefined,
        bigint,
        bigint
      >;
    } catch (e) {
      if (from === to || !isRangeTooLarge(e)) throw e;
      const mid = from + (to - from) / 2n;
      return [...(await read(from, mid)), ...(await read(mid + 1n, to))];
    }
  };
  const ranges: [bigint, bigint][] = [];
  for (let from = query.fromBlock; from <= query.toBlock; from += pageBlocks) {
    const to = from + pageBlocks - 1n;
    ranges.push([from, to < query.toBlock ? to : query.toBlock]);
  }
  const logs: GetLogsReturnType<undefined, E, undefined, bigint, bigint> = [];
  for (let w = 0; w < ranges.length; w += PARALLEL_PAGES) {
    const wave = await Promise.all(ranges.slice(w, w + PARALLEL_PAGES).map(([a, b]) => read(a, b)));
    for (const page of wave) logs.push(...page);
  }
  return { logs, paging: { fromBlock: query.fromBlock, toBlock: query.toBlock, pages } };
}
