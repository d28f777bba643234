"use client";
import { useQueries } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { readLens } from "@/hooks/use-lens-read";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import { chainUnavailable } from "@/lib/config/chains";
import { failingSinceLastSuccess, readError } from "@/lib/read/query-state";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensVault } from "@/lib/read/vaults";

export const accountKey = (chainId: number, owner?: Address) => ["keel", "account", chainId, owner ?? null] as const;

export interface ChainVaults {
  chain: ChainConfig;
  /** Why this chain cannot be read at all (no deployment, no lens, no market). */
  unavailable: string | null;
  vaults: readonly LensVault[] | undefined;
  error: Error | null;
  isPending: boolean;
  /** ms since epoch of the last successful read (0 before the first). */
  updatedAt: number;
  refetch(): void;
}

/**
 * The account's vaults on every configured chain: ONE `KeelLens.getAccount(markets, owner)` call per chain and
 * refresh (never a call per vault or per asset), refreshed on each new block. On an RPC failure the last vaults are
 * kept (with their age) next to the error.
 */
export function useAccountVaults(owner: Address | undefined): ChainVaults[] {
  const config = useConfig();
  const chains = useKeelChains();
  const readable = chains.map((chain) => ({ chain, unavailable: chainUnavailable(chain) }));
  const results = useQueries({
    queries: readable.map(({ chain, unavailable }) => ({
      queryKey: accountKey(chain.id, owner),
      enabled: Boolean(owner) && !unavailable,
      retry: 1,
      queryFn: () => readLens(config, chain, "getAccount", [chain.deployment!.markets.map((m) => m.address), owner!]),
    })),
  });
  useRefreshOnBlocks(
    owner ? readable.filter((r) => !r.unavailable).map(({ chain }) => ({ chainId: chain.id, key: accountKey(chain.id, owner) })) : [],
  );
  return readable.map(({ chain, unavailable }, i) => {
    const r = results[i]!;
    return {
      chain,
      unavailable,
      vaults: r.data,
      error: readError(r),
      isPending: r.isPending && !unavailable && !failingSinceLastSuccess(r),
      updatedAt: r.dataUpdatedAt,
      refetch: () => void r.refetch(),
    };
  });
}
