/**
 * One refresh per query per block. Every component that reads a query registers its own block watcher
 * (hooks/use-refresh-on-blocks.ts), and TanStack Query's invalidation cancels a refetch under way and starts another: a
 * query read by two components was read twice on every block (the vault page sent 40 calls where 20 were needed). The
 * first watcher to see a block refreshes the query; the others, seeing the same block, leave it alone.
 */
export class BlockRefreshes {
  /** Per chain, per query key (its JSON), the highest block that refreshed it. */
  private readonly seen = new Map<string, bigint>();

  /**
   * Whether the query under `keyJson` is to be refreshed for `blockNumber` on `chainId`: whether that block is new for
   * it. Records the block when it is.
   *
   * `start`: the block is the watcher's first, the block number polled as it started (`emitOnBegin`), and `fresh` says
   * whether the query's data was read (or is being read) since then. A query never refreshed by a block before, read as
   * its page mounted, is then already of that block: it is not read again. Before, the first poll (2 s after mount, with
   * no new block) re-read every query the page had just read. A query refreshed before is judged by its last block as
   * always, and one whose data is older than the watcher is read again.
   */
  claim(chainId: number, keyJson: string, blockNumber: bigint, start?: { fresh: boolean }): boolean {
    const k = `${chainId}:${keyJson}`;
    const last = this.seen.get(k);
    if (last !== undefined && blockNumber <= last) return false;
    this.seen.set(k, blockNumber);
    return !(last === undefined && start?.fresh);
  }
}

/** What `readOfBlock` needs of a query's state (TanStack Query's `QueryState`). */
export interface WatchedQueryState {
  status: string;
  fetchStatus: string;
  dataUpdateCount: number;
  dataUpdatedAt: number;
  data: unknown;
}

/** A read the server made for the page: the block it was read at (at least), and its time, as `initialDataUpdatedAt`. */
export interface Seed {
  block: bigint;
  at: number;
}

/**
 * Whether a query watched from `started` (ms) already holds the data of `blockNumber`, the watcher's first block:
 * read (or being read) in this browser since the watcher started, or given by the server for this render (`seed`:
 * `initialData`, no fetch counted, stamped with the seed's time — not an older server read the cache kept) and read at
 * a block no older than it. Data the server read without a block, or at an older block, is read again; so is data read
 * here before the watcher started, and a query whose last read failed (its error shown until it is read again).
 */
export function readOfBlock(state: WatchedQueryState, started: number, blockNumber: bigint, seed?: Seed): boolean {
  if (state.fetchStatus === "fetching") return true;
  if (state.status === "error") return false;
  if (state.dataUpdateCount > 0) return state.dataUpdatedAt >= started;
  return state.data !== undefined && seed !== undefined && state.dataUpdatedAt === seed.at && blockNumber <= seed.block;
}

const MAX_POLLS_BETWEEN_RETRIES = 8;

/**
 * Whether the `failures`-th failed block poll since the last new block (1, 2, …) should refresh the watched queries, so that they
 * fail and the page says the RPC is unreachable: the first at once, then ever more rarely (polls 2, 4, 8, then every 8th)
 * — refreshing on every failed poll sent each of a page's reads again every poll for as long as the RPC was down. The
 * first block polled after it recovers refreshes them at once.
 */
export const refreshOnFailedPoll = (failures: number) =>
  failures >= 1 && (failures % MAX_POLLS_BETWEEN_RETRIES === 0 || (failures & (failures - 1)) === 0);
