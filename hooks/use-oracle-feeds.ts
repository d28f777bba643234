"use client";
import { useReadContract } from "wagmi";
import { keelOracleAbi } from "@/contracts-abi/abi/KeelOracle";
import type { ChainConfig } from "@/lib/config/chains";

/** Every feed of a chain's oracle in one `peekAll` call, refreshed every 2 s (a feed change shows within seconds). */
export function useOracleFeeds(chain: ChainConfig) {
  return useReadContract({
    chainId: chain.id,
    address: chain.deployment?.contracts.oracle,
    abi: keelOracleAbi,
    functionName: "peekAll",
    query: { enabled: Boolean(chain.deployment), refetchInterval: 2_000 },
  });
}
