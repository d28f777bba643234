"use client";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { loadRiskBook } from "@/lib/risk-book";
import type { ChainConfig } from "@/lib/server/config";

type ChainId = NonNullable<Parameters<typeof getPublicClient>[1]>["chainId"];

/** How often the whole book is re-read (it is one or two waves of eth_calls whatever its size). */
export const RISK_BOOK_REFRESH_MS = 30_000;

export const riskBookKey = (chainId: number, market: Address) => ["keel", "risk-book", chainId, market] as const;

/** Every vault of `market` and the market itself, through KeelLens.getVaultBook pages (lib/risk-book.ts). */
export function useRiskBook(chain: ChainConfig, market: Address | undefined) {
  const config = useConfig();
  const lens = chain.deployment?.contracts.lens;
  return useQuery({
    queryKey: riskBookKey(chain.id, market ?? "0x"),
    enabled: Boolean(lens && market),
    retry: 1,
    refetchInterval: RISK_BOOK_REFRESH_MS,
    queryFn: async () => {
      const client = getPublicClient(config, { chainId: chain.id as ChainId });
      if (!client) throw new Error(`no RPC client for chain ${chain.id}`);
      const started = performance.now();
      const data = await loadRiskBook(client, lens!, market!);
      return { ...data, loadMs: performance.now() - started };
    },
  });
}
