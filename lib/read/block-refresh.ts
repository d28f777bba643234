/**
 * One refresh per query per block. Every component that reads a query registers its own block watcher
 * (hooks/use-refresh-on-blocks.ts), and TanStack Query's invalidation cancels a refetch under way and starts another: a
 * query read by two components was read twice on every block (the vault page sent 40 calls where 20 were needed). The
 * first watcher to see a block refreshes the query; the others, seeing the same block, leave it alone.
 */
export class BlockRefreshes {
  /** Per chain, per query key (its JSON), the highest block that refreshed it. */
  private readonly seen = new Map<string, bigint>();

  /** Whether `blockNumber` on `chainId` is new for the query under `keyJson`; records it when it is. */
  claim(chainId: number, keyJson: string, blockNumber: bigint): boolean {
    const k = `${chainId}:${keyJson}`;
    const last = this.seen.get(k);
    if (last !== undefined && blockNumber <= last) return false;
    this.seen.set(k, blockNumber);
    return true;
  }
}
