"use client";
import { useQueries } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";

import { useKeelChains } from "@/hooks/use-keel-config";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import { chainUnavailable } from "@/lib/config/chains";
import { assetSymbol } from "@/lib/config/deployment";
import { readAccount, type AccountRead } from "@/lib/protocols/account";
import type { TokenOf } from "@/lib/protocols/keel";
import { accountViews, type AnyPosition, type PositionView } from "@/lib/protocols/view";
import { failingSinceLastSuccess, readError } from "@/lib/read/query-state";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensVault } from "@/lib/read/vaults";
import { chainReader } from "@/lib/wallet/chain-reader";
import type { ReadProblem } from "@/lib/protocols/refusals";

export const positionsKey = (chainId: number, owner?: Address) => ["keel", "positions", chainId, owner?.toLowerCase() ?? null] as const;

export interface ChainPositions {
  chain: ChainConfig;
  /** Why Keel's vaults cannot be read on this chain (no deployment, no lens, no market); Aave and Morpho may still be. */
  unavailable: string | null;
  /** Keel vaults as the lens returns them (undefined before the first read): what reads a vault by itself take (its KeelGuard rules). */
  vaults: readonly LensVault[] | undefined;
  /** Every position ready to show, each through its protocol's adapter: Keel vaults, then held Aave and Morpho positions. */
  positions: PositionView<AnyPosition>[];
  /** What could not be read or shown, in words (the rest is still shown). */
  problems: ReadProblem[];
  /** The raw read, for a page that needs an empty position too (opening a first one). */
  read: AccountRead | undefined;
  error: Error | null;
  isPending: boolean;
  updatedAt: number;
  refetch(): void;
}

/** A token as the chain's deployment names it (a cross-chain claim too): how a Keel vault's assets get their symbols. */
const tokenOf =
  (chain: ChainConfig): TokenOf =>
  (address, decimals) => ({ address, decimals, symbol: assetSymbol(chain, address) });

/** A chain the account read can say anything about: a deployment with Keel's lens or a lending protocol. */
const readable = (c: ChainConfig) => Boolean(c.deployment && (c.deployment.contracts.lens || c.deployment.aaveV3 || c.deployment.morphoBlue));

/**
 * Every position of `owner` on every configured chain — Keel vaults, the Aave account, every Morpho market — in ONE
 * eth_call per chain per block (lib/protocols/account.ts: a Multicall3 bundle of the lens and the protocols' views),
 * refreshed on each new block; the dashboard and the position pages share the query. On an RPC failure the last
 * read is kept (with its age) next to the error.
 */
export function useAccountPositions(owner: Address | undefined): ChainPositions[] {
  const config = useConfig();
  const chains = useKeelChains();
  const list = chains.map((chain) => ({ chain, unavailable: chainUnavailable(chain), ok: readable(chain) }));
  const results = useQueries({
    queries: list.map(({ chain, ok }) => ({
      queryKey: positionsKey(chain.id, owner),
      enabled: Boolean(owner) && ok,
      retry: 1,
      queryFn: () => {
        const client = chainReader(config, chain.id);
        if (!client) throw new Error(`chain ${chain.id} is not configured`);
        return readAccount(client, chain.deployment!, owner!);
      },
    })),
  });
  useRefreshOnBlocks(owner ? list.filter((r) => r.ok).map(({ chain }) => ({ chainId: chain.id, key: positionsKey(chain.id, owner) })) : []);
  return list.map(({ chain, unavailable, ok }, i) => {
    const r = results[i]!;
    const shown = r.data ? accountViews(r.data, tokenOf(chain)) : { views: [], problems: [] };
    return {
      chain,
      unavailable,
      vaults: r.data ? (r.data.keel ?? []) : undefined,
      positions: shown.views,
      problems: [...(r.data?.problems ?? []), ...shown.problems],
      read: r.data,
      error: readError(r),
      isPending: r.isPending && ok && !failingSinceLastSuccess(r),
      updatedAt: r.dataUpdatedAt,
      refetch: () => void r.refetch(),
    };
  });
}
