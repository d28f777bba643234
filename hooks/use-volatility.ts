"use client";
import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import type { ChainConfig } from "@/lib/config/chains";
import { readChainVolatility, volatilityKey } from "@/lib/read/volatility";
import { requireChainReader } from "@/lib/wallet/chain-reader";

/**
 * Realised volatility of every asset of the chain's deployment (lib/read/volatility.ts), shared by every component that
 * shows odds, re-read each minute. The vault page and /risk arrive with it (the server's read, seeded into the query
 * cache by components/seed-queries.tsx), so their first minute needs no read of it.
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
    queryFn: () => readChainVolatility(requireChainReader(config, chain.id), lens!, d!.assets),
  });
}
