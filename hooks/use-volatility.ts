"use client";
import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { keelLensAbi } from "@/contracts-abi";
import type { AssetVolatilities } from "@/lib/analytics/liquidation-odds";
import type { ChainConfig } from "@/lib/config/chains";
import { realisedVolatility, type Volatility } from "@/lib/analytics/volatility";

type ChainId = Parameters<typeof readContract>[1]["chainId"];

/** Rounds read per feed: with hourly updates, a week. */
export const HISTORY_ROUNDS = 200;

export const volatilityKey = (chainId: number) => ["keel", "volatility", chainId] as const;

export interface ChainVolatility {
  /** Per asset (lower-case address): the estimate, or null when the history is too short. */
  byAsset: Record<string, Volatility | null>;
  /** The annual figures alone, for lib/liquidation-odds.ts. */
  sigmas: AssetVolatilities;
}

/**
 * Realised volatility of every asset of the chain's deployment, from its feed's last rounds: ONE
 * KeelLens.getFeedHistory call per chain, shared by every component that shows odds, re-read each minute.
 */
export function useVolatility(chain: ChainConfig) {
  const config = useConfig();
  const d = chain.deployment;
  const lens = d?.contracts.lens;
  return useQuery({
    queryKey: volatilityKey(chain.id),
    enabled: Boolean(lens && d?.assets.length),
    retry: 1,
    staleTime: 60_000,
    refetchInterval: 60_000,
    queryFn: async (): Promise<ChainVolatility> => {
      const rounds = await readContract(config, {
        chainId: chain.id as ChainId,
        address: lens!,
        abi: keelLensAbi,
        functionName: "getFeedHistory",
        args: [d!.assets.map((a) => a.feed), BigInt(HISTORY_ROUNDS)],
      });
      const byAsset: ChainVolatility["byAsset"] = {};
      const sigmas: AssetVolatilities = {};
      d!.assets.forEach((a, i) => {
        const v = realisedVolatility(rounds[i] ?? []);
        byAsset[a.address.toLowerCase()] = v;
        sigmas[a.address.toLowerCase()] = v ? v.annual : null;
      });
      return { byAsset, sigmas };
    },
  });
}
