"use client";
import { useQuery } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { iUniswapV2PairAbi } from "@/contracts-abi/abi/IUniswapV2Pair";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import { poolFor } from "@/lib/engine/amm";
import type { Pool } from "@/lib/engine/leverage";
import type { ChainConfig } from "@/lib/config/chains";
import { swapPair } from "@/lib/read/swap-pair";
import { requireChainReader } from "@/lib/wallet/chain-reader";

type ChainId = Parameters<typeof readContract>[1]["chainId"];

export const leverageVenueKey = (chainId: number, market: Address, collateral: Address, owner?: Address) =>
  ["keel", "leverage", chainId, market, collateral, owner ?? null] as const;

export interface LeverageVenue {
  /** The pool between the market's base asset and the collateral; null when the venue has none. */
  pool: Pool | null;
  /** The owner made the router its operator on this market (needed to adjust or close an existing vault). */
  routerAuthorised: boolean;
  /** The wallet's collateral balance (undefined without a wallet: no Max, no "above your balance") and its allowance to the router. */
  balance: bigint | undefined;
  allowance: bigint;
}

/**
 * What Multiply needs besides the vault and market: the swap venue's pool reserves (the adapter's Uniswap V2 factory →
 * pair, found once per browser session: lib/read/swap-pair.ts → reserves; lib/engine/amm.ts prices every slider
 * position from them, proven equal to the adapter's quotes), whether the router is the owner's operator, and the
 * wallet's collateral balance and allowance to the router. Refreshed on every block.
 */
export function useLeverageVenue(chain: ChainConfig, market: Address, baseAsset: Address, collateral: Address, owner: Address | undefined) {
  const config = useConfig();
  const router = chain.deployment?.contracts.leverageRouter;
  const adapter = chain.deployment?.contracts.swapAdapter;
  // The pair never changes: found once (adapter → factory → getPair), not on every block.
  const pairKey = ["keel", "pair", chain.id, adapter ?? null, baseAsset, collateral] as const;
  const pairQuery = useQuery({
    queryKey: pairKey,
    enabled: Boolean(router && adapter),
    staleTime: Infinity,
    retry: 1,
    queryFn: (): Promise<Address> => swapPair(requireChainReader(config, chain.id), chain.id, adapter!, baseAsset, collateral),
  });
  const pair = pairQuery.data;
  const key = leverageVenueKey(chain.id, market, collateral, owner);
  const query = useQuery({
    queryKey: key,
    enabled: pair !== undefined,
    retry: 1,
    queryFn: async (): Promise<LeverageVenue> => {
      const chainId = chain.id as ChainId;
      const [reserves, token0, routerAuthorised, balance, allowance] = await Promise.all([
        pair === zeroAddress ? null : readContract(config, { chainId, address: pair!, abi: iUniswapV2PairAbi, functionName: "getReserves" }),
        pair === zeroAddress ? null : readContract(config, { chainId, address: pair!, abi: iUniswapV2PairAbi, functionName: "token0" }),
        owner ? readContract(config, { chainId, address: market, abi: keelMarketAbi, functionName: "isOperator", args: [owner, router!] }) : false,
        owner ? readContract(config, { chainId, address: collateral, abi: devErc20Abi, functionName: "balanceOf", args: [owner] }) : undefined,
        owner ? readContract(config, { chainId, address: collateral, abi: devErc20Abi, functionName: "allowance", args: [owner, router!] }) : 0n,
      ]);
      return {
        pool: reserves && token0 ? poolFor(baseAsset, token0, reserves[0], reserves[1]) : null,
        routerAuthorised,
        balance,
        allowance,
      };
    },
  });
  useRefreshOnBlocks(
    router && adapter
      ? [
          { chainId: chain.id, key },
          // A lookup that failed (the RPC down) is tried again at each block, so the panel recovers with the chain.
          ...(pairQuery.isError ? [{ chainId: chain.id, key: pairKey }] : []),
        ]
      : [],
  );
  // A failed pair lookup is the venue's error too (the panel shows it).
  return {
    data: query.data,
    error: pairQuery.error ?? query.error,
    isPending: !pairQuery.error && (pairQuery.isPending || query.isPending),
  };
}
