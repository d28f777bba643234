"use client";
import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";

import { lendingAccountsPath, parseLendingAccounts } from "@/lib/read/indexer-lending";
import { readProtocolBook } from "@/lib/protocols/book";
import { bookTargetKey, type BookTarget } from "@/lib/protocols/book-target";
import { protocolStartBlock, StartBlockUnknownError } from "@/lib/protocols/registry";
import type { ChainConfig } from "@/lib/config/chains";
import { RISK_BOOK_REFRESH_MS } from "./use-risk-book";
import { chainReader } from "@/lib/wallet/chain-reader";
import type { IndexerProblem } from "@/lib/server/indexer";

/**
 * The book's accounts from the indexer (through the app's /api/indexer proxy) and the block it has them through, or
 * the reason it cannot give them (the page then scans the whole range and says why).
 */
async function indexedAccounts(
  chainId: number,
  d: NonNullable<ChainConfig["deployment"]>,
  target: BookTarget,
): Promise<{ indexed?: ReturnType<typeof parseLendingAccounts>; why?: string; whyCode?: IndexerProblem }> {
  const market = target.protocol === "aave-v3" ? d.aaveV3?.pool : target.marketId;
  if (!market) return { why: `${target.protocol} is not deployed on chain ${chainId}` };
  try {
    const res = await fetch(`/api/indexer${lendingAccountsPath(chainId, target.protocol, market)}`);
    const body = (await res.json().catch(() => null)) as { error?: string; code?: IndexerProblem } | null;
    if (!res.ok) return { why: body?.error ?? `the indexer answered ${res.status}`, ...(body?.code ? { whyCode: body.code } : {}) };
    return { indexed: parseLendingAccounts(body) };
  } catch (e) {
    return { why: (e as Error).message };
  }
}

/**
 * The Aave pool's or a Morpho market's whole book for /risk (lib/protocols/book.ts): the accounts from the indexer when
 * it answers (and the protocol's events over RPC only for the blocks after the indexer's), otherwise from the
 * protocol's events since its own first block on the chain (lib/protocols/registry.ts `protocolStartBlock`: a
 * StartBlockUnknownError when a real network's figure is not configured), in bounded block ranges; then their
 * positions through Multicall3. Re-read as often as a Keel market's book.
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
      const client = chainReader(config, chain.id);
      if (!client) throw new Error(`no RPC client for chain ${chain.id}`);
      const started = performance.now();
      const from = protocolStartBlock(d!, target.protocol);
      const { indexed, why, whyCode } = await indexedAccounts(chain.id, d!, target);
      const data = await readProtocolBook(client, d!, target, from, { indexed });
      return { ...data, indexerWhy: why, indexerWhyCode: whyCode, loadMs: performance.now() - started };
    },
  });
}
