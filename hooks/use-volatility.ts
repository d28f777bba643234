"use client";
import { useLensRead } from "@/hooks/use-lens-read";
import type { AssetVolatilities } from "@/lib/analytics/liquidation-odds";
import type { ChainConfig } from "@/lib/config/chains";
import { realisedVolatility, type Volatility } from "@/lib/analytics/volatility";

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
  const d = chain.deployment;
  return useLensRead(chain, "getFeedHistory", d?.assets.length ? [d.assets.map((a) => a.feed), BigInt(HISTORY_ROUNDS)] : undefined, {
    queryKey: volatilityKey(chain.id),
    staleTime: 60_000,
    refetchInterval: 60_000,
    select: (rounds): ChainVolatility => {
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
