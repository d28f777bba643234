"use client";
import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { readProtocolBook, type BookTarget } from "@/lib/protocols/book";
import { protocolStartBlock, StartBlockUnknownError } from "@/lib/protocols/registry";
import type { ChainConfig } from "@/lib/config/chains";
import { RISK_BOOK_REFRESH_MS } from "./use-risk-book";

type ChainId = NonNullable<Parameters<typeof getPublicClient>[1]>["chainId"];

/** Where the book's key names it: `aave-v3`, or `morpho-blue:<marketId>`. */
export const bookTargetKey = (t: BookTarget) => (t.protocol === "aave-v3" ? t.protocol : `${t.protocol}:${t.marketId.toLowerCase()}`);

/**
 * The Aave pool's or a Morpho market's whole book for /risk (lib/protocols/book.ts): accounts from the protocol's
 * events since the protocol's own first block on the chain (lib/protocols/registry.ts `protocolStartBlock`: a
 * StartBlockUnknownError when a real network's figure is not configured), in bounded block ranges, then their positions through Multicall3; re-read
 * as often as a Keel market's book.
 */
export function useProtocolBook(chain: ChainConfig, target: BookTarget) {
  const config = useConfig();
  const d = chain.deployment;
  return useQuery({
    queryKey: ["keel", "protocol-book", chain.id, bookTargetKey(target)],
    enabled: Boolean(d),
    retry: (n, e) => !(e instanceof StartBlockUnknownError) && n < 1,
    refetchInterval: RISK_BOOK_REFRESH_MS,
    queryFn: async () => {
      const client = getPublicClient(config, { chainId: chain.id as ChainId });
      if (!client) throw new Error(`no RPC client for chain ${chain.id}`);
      const started = performance.now();
      const data = await readProtocolBook(client, d!, target, protocolStartBlock(d!, target.protocol));
      return { ...data, loadMs: performance.now() - started };
    },
  });
}
