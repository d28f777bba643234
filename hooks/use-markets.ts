"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { keelLenderVaultAbi } from "@/contracts-abi/abi/KeelLenderVault";
import { readLens } from "@/hooks/use-lens-read";
import { useKeelChains } from "@/hooks/use-keel-config";
import { chainUnavailable } from "@/lib/config/chains";
import { failingSinceLastSuccess, readError } from "@/lib/read/query-state";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensMarket } from "@/lib/read/vaults";

type ChainId = Parameters<typeof readContract>[1]["chainId"];

/** How often market data is re-read (and an unreachable RPC noticed). */
export const MARKETS_REFRESH_MS = 3_000;

export const marketsKey = (chainId: number) => ["keel", "markets", chainId] as const;
export const lenderKey = (chainId: number, lenderVault: Address, owner?: Address) => ["keel", "lender", chainId, lenderVault, owner ?? null] as const;

export interface ChainMarkets {
  chain: ChainConfig;
  /** Why this chain cannot be read at all (no deployment, no lens, no market). */
  unavailable: string | null;
  markets: readonly LensMarket[] | undefined;
  error: Error | null;
  isPending: boolean;
  /** ms since epoch of the last successful read (0 before the first). */
  updatedAt: number;
  refetch(): void;
}

/**
 * Every market of every configured chain: ONE `KeelLens.getMarkets(markets)` call per chain and refresh. On an RPC
 * failure the last markets are kept (with their age) next to the error.
 */
export function useMarkets(): ChainMarkets[] {
  const config = useConfig();
  const chains = useKeelChains();
  const readable = chains.map((chain) => ({ chain, unavailable: chainUnavailable(chain) }));
  const results = useQueries({
    queries: readable.map(({ chain, unavailable }) => ({
      queryKey: marketsKey(chain.id),
      enabled: !unavailable,
      retry: 1,
      refetchInterval: MARKETS_REFRESH_MS,
      queryFn: () => readLens(config, chain, "getMarkets", [chain.deployment!.markets.map((m) => m.address)]),
    })),
  });
  return readable.map(({ chain, unavailable }, i) => {
    const r = results[i]!;
    return {
      chain,
      unavailable,
      markets: r.data,
      error: readError(r),
      isPending: r.isPending && !unavailable && !failingSinceLastSuccess(r),
      updatedAt: r.dataUpdatedAt,
      refetch: () => void r.refetch(),
    };
  });
}

export interface LenderPosition {
  /** Lender vault shares held (each one market supply share). */
  shares: bigint;
  /** The shares' value in the base asset: the vault's `convertToAssets(balanceOf)`. */
  supplied: bigint;
  /** The vault's `maxWithdraw`: the supplied value, limited by the market's cash on hand. */
  maxWithdraw: bigint;
  /** Base asset in the wallet. */
  walletBalance: bigint;
  /** Base asset the wallet lets the lender vault pull. */
  allowance: bigint;
}

/**
 * The connected wallet as a lender in one market, through the market's lender vault (KeelLenderVault, ERC-4626):
 * shares, `maxWithdraw`, base-asset balance and allowance (four eth_calls, batched by the http transport), then
 * `convertToAssets(shares)`.
 */
export function useLenderPosition(chain: ChainConfig, lenderVault: Address, baseAsset: Address, owner: Address | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: lenderKey(chain.id, lenderVault, owner),
    enabled: Boolean(owner),
    retry: 1,
    refetchInterval: MARKETS_REFRESH_MS,
    queryFn: async (): Promise<LenderPosition> => {
      const chainId = chain.id as ChainId;
      const vault = { chainId, address: lenderVault, abi: keelLenderVaultAbi } as const;
      const [shares, walletBalance, allowance] = await Promise.all([
        readContract(config, { ...vault, functionName: "balanceOf", args: [owner!] }),
        readContract(config, { chainId, address: baseAsset, abi: devErc20Abi, functionName: "balanceOf", args: [owner!] }),
        readContract(config, { chainId, address: baseAsset, abi: devErc20Abi, functionName: "allowance", args: [owner!, lenderVault] }),
      ]);
      // The position's value and what may be withdrawn, in one batch: both accrue interest to their block, so read a
      // block apart "withdrawable" could be a unit under "supplied" with nothing limiting it.
      const [supplied, maxWithdraw] =
        shares === 0n
          ? [0n, 0n]
          : await Promise.all([
              readContract(config, { ...vault, functionName: "convertToAssets", args: [shares] }),
              readContract(config, { ...vault, functionName: "maxWithdraw", args: [owner!] }),
            ]);
      return { shares, supplied, maxWithdraw, walletBalance, allowance };
    },
  });
}
