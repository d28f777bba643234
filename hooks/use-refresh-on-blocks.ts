"use client";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import { useConfig } from "wagmi";
import { watchBlockNumber } from "wagmi/actions";
import { BlockRefreshes, readOfBlock, refreshOnFailedPoll, type Seed } from "@/lib/read/block-refresh";

/** Per query client, which block last refreshed each watched query: one refresh per query per block. */
const refreshes = new WeakMap<object, BlockRefreshes>();

/**
 * Refreshes the queries under each `key` when its chain produces a new block (wagmi polls the block number). One
 * watcher per chain. The block number polled as the watcher starts refreshes only the queries read before it (see
 * `BlockRefreshes.claim`), and a query the server read for the page (`seed`) only when the block it was read at is older
 * (`readOfBlock`). When the block poll itself fails the queries are refreshed too, so they fail and the page says the
 * RPC is unreachable instead of silently showing old data (at once, then more rarely while it stays down). Components that watch the same query refresh it once per
 * block between them (lib/read/block-refresh.ts): invalidating it again would cancel the refetch under way and send
 * every call twice.
 */
export function useRefreshOnBlocks(watches: { chainId: number; key: QueryKey; seed?: Seed }[]) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const signature = JSON.stringify(watches.map((w) => ({ ...w, seed: w.seed && { block: w.seed.block.toString(), at: w.seed.at } })));
  useEffect(() => {
    const list = JSON.parse(signature) as { chainId: number; key: QueryKey; seed?: { block: string; at: number } }[];
    if (!refreshes.has(queryClient)) refreshes.set(queryClient, new BlockRefreshes());
    const claims = refreshes.get(queryClient)!;
    const started = Date.now();
    // Whether every query under `key` already holds the data of the watcher's first block (lib/read/block-refresh.ts).
    const fresh = (key: QueryKey, blockNumber: bigint, seed: { block: string; at: number } | undefined) => {
      const queries = queryClient.getQueryCache().findAll({ queryKey: key });
      const seeded = seed && { block: BigInt(seed.block), at: seed.at };
      return queries.length > 0 && queries.every((q) => readOfBlock(q.state, started, blockNumber, seeded));
    };
    const stops = list.map(({ chainId, key, seed }) => {
      let failures = 0;
      return watchBlockNumber(config, {
        chainId: chainId as (typeof config.chains)[number]["id"],
        // The first poll answers at once and is this watcher's starting block (no previous block): the queries the page
        // has just read are of it and are not read again (lib/read/block-refresh.ts).
        emitOnBegin: true,
        onBlockNumber: (blockNumber, previous) => {
          failures = 0;
          const start = previous === undefined ? { fresh: fresh(key, blockNumber, seed) } : undefined;
          if (claims.claim(chainId, JSON.stringify(key), blockNumber, start)) void queryClient.invalidateQueries({ queryKey: key });
        },
        // The RPC stopped answering: refresh anyway, so the queries fail and show it (keeping their last data), at once
        // and then ever more rarely while it stays down (lib/read/block-refresh.ts refreshOnFailedPoll).
        onError: () => {
          // Not cancelling a read under way: against an RPC that hangs rather than refuses, a read takes its timeouts to
          // fail, and restarting it would keep it from ever failing (no banner).
          if (refreshOnFailedPoll(++failures)) void queryClient.invalidateQueries({ queryKey: key }, { cancelRefetch: false });
        },
      });
    });
    return () => stops.forEach((stop) => stop());
  }, [config, queryClient, signature]);
}
