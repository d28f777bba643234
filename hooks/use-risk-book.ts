"use client";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";

import { readLens } from "@/hooks/use-lens-read";
import { BookUnavailable, fetchIndexerBook, loadRiskBook, loadRiskBookFromIndexer, type IndexerWhy } from "@/lib/analytics/risk-book";
import { riskWorker } from "@/lib/analytics/risk-worker";
import type { ChainConfig } from "@/lib/config/chains";
import { indexerBookPath } from "@/lib/read/indexer";
import { chainReader } from "@/lib/wallet/chain-reader";

// The risk worker starts when this module loads (with /risk's JavaScript, before the page hydrates): its script loads and
// compiles while the page hydrates, not after the book's request has gone.
if (typeof window !== "undefined") riskWorker();

/** How often the whole book is re-read (one request to the indexer, or one or two waves of eth_calls). */
export const RISK_BOOK_REFRESH_MS = 30_000;

export const riskBookKey = (chainId: number, market: Address) => ["keel", "risk-book", chainId, market] as const;

/** Where the book came from: the indexer (at its block), or the lens's pages because the indexer could not serve it. */
export type RiskBookSource = { kind: "indexer"; block: bigint; notIndexed: number } | { kind: "rpc"; why: IndexerWhy; detail: string };

/**
 * Every vault of `market` and the market itself: from the indexer's compact book (lib/analytics/risk-book-codec.ts) priced with
 * the chain's `getMarket`, or — when the indexer is not configured, not answering or sends something unreadable —
 * from KeelLens.getVaultBook pages over RPC (lib/analytics/risk-book.ts), with the reason kept for the page to say.
 * The indexer's book is fetched here (beside `getMarket`; the bytes arrive off this thread) and decoded and valued in the
 * risk worker (lib/analytics/risk-worker.ts), so neither the first load nor the 30 s refresh blocks the page on it;
 * without a worker, all of it here.
 */
export function useRiskBook(chain: ChainConfig, market: Address | undefined) {
  const config = useConfig();
  const lens = chain.deployment?.contracts.lens;
  return useQuery({
    queryKey: riskBookKey(chain.id, market ?? "0x"),
    enabled: Boolean(lens && market),
    retry: 1,
    refetchInterval: RISK_BOOK_REFRESH_MS,
    // A refreshed book is a new object whatever it holds (the page moves to it when its figures arrive): no deep
    // comparison of its 100,000 owners and debts with the previous one's on the main thread.
    structuralSharing: false,
    queryFn: async () => {
      const client = chainReader(config, chain.id);
      if (!client) throw new Error(`no RPC client for chain ${chain.id}`);
      const started = performance.now();
      let source: RiskBookSource;
      try {
        const worker = riskWorker();
        if (worker) {
          // Each part's span on the page's timeline (performance measures `keel:risk:book:*`, read by the benches).
          const span = <T>(name: string, p: Promise<T>) =>
            p.then((r) => {
              performance.measure(`keel:risk:book:${name}`, { start: started });
              return r;
            });
          const [bytes, view] = await Promise.all([
            span("fetch", fetchIndexerBook(indexerBookPath(chain.id, market!))),
            span("market", readLens(config, chain, "getMarket", [market!])),
          ]);
          const posted = performance.now();
          const data = await worker.buildIndexerBook(bytes, view);
          performance.measure("keel:risk:book:worker", { start: posted, detail: data.timing });
          source = { kind: "indexer", block: data.block, notIndexed: data.notIndexed };
          return { market: view, book: data.book, source, loadMs: performance.now() - started, timing: data.timing };
        }
        const data = await loadRiskBookFromIndexer(() => fetchIndexerBook(indexerBookPath(chain.id, market!)), client, lens!, market!);
        source = { kind: "indexer", block: data.block, notIndexed: data.notIndexed };
        return { market: data.market, book: data.book, source, loadMs: performance.now() - started, timing: null };
      } catch (e) {
        source = { kind: "rpc", why: e instanceof BookUnavailable ? e.why : "unusable", detail: (e as Error).message.split("\n")[0]! };
      }
      const data = await loadRiskBook(client, lens!, market!);
      return { ...data, source, loadMs: performance.now() - started, timing: null };
    },
  });
}
