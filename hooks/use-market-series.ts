"use client";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { parseRow, type IndexedLiquidation, type IndexedMarketPoint } from "@/lib/read/indexer";
import { toChartPercent } from "@/lib/engine/rates";
import { wadToNumber } from "@/lib/engine/math";
import type { IndexerProblem } from "@/lib/server/indexer";

export interface MarketSeriesPoint {
  block: number;
  timestamp: number;
  supplied: number;
  borrowed: number;
  reserves: number;
  badDebt: number;
  utilizationPct: number;
  borrowAprPct: number;
  supplyAprPct: number;
}

async function indexerJson(path: string): Promise<unknown> {
  const res = await fetch(`/api/indexer/${path}`);
  const body = (await res.json().catch(() => null)) as { error?: string; code?: IndexerProblem } | null;
  // The reason's code (lib/server/indexer.ts) travels with the English, for the page to say it in the reader's language.
  if (!res.ok) throw Object.assign(new Error(body?.error ?? `the indexer answered ${res.status}`), { code: body?.code });
  return body;
}

/**
 * A market's time series from the indexer (one point per block it changed in) as chart numbers — amounts in whole
 * base tokens, rates as APR percent (lib/rates) — and its liquidations. Only the indexer keeps this history: without it
 * the query fails with the reason, and the card says so.
 */
export function useMarketSeries(chainId: number, market: Address, baseDecimals: number) {
  return useQuery({
    queryKey: ["keel", "indexer", "market-series", chainId, market],
    staleTime: 15_000,
    refetchInterval: 30_000,
    retry: 0,
    queryFn: async () => {
      const [series, liq] = (await Promise.all([
        indexerJson(`markets/${chainId}/${market}/series`),
        indexerJson(`liquidations?chainId=${chainId}&market=${market}`),
      ])) as [{ points: Record<string, unknown>[] }, { liquidations: Record<string, unknown>[] }];
      const whole = (v: bigint) => wadToNumber(v * 10n ** BigInt(18 - baseDecimals));
      const points: MarketSeriesPoint[] = series.points.map((raw) => {
        const p = parseRow<IndexedMarketPoint>(raw);
        return {
          block: Number(p.block),
          timestamp: Number(p.timestamp),
          supplied: whole(p.totalSupplied),
          borrowed: whole(p.totalBorrows),
          reserves: whole(p.totalReserves),
          badDebt: whole(p.totalBadDebt),
          utilizationPct: toChartPercent(p.utilization),
          borrowAprPct: toChartPercent(p.borrowRate, true),
          supplyAprPct: toChartPercent(p.supplyRate, true),
        };
      });
      return { points, liquidations: liq.liquidations.map((r) => parseRow<IndexedLiquidation>(r)) };
    },
  });
}
