"use client";
import { memo } from "react";
import { useTranslations } from "next-intl";
import { NearViewport } from "@/components/chart-placeholder";
import { ChartTable, spread } from "@/components/chart-table";
import { LinePlot } from "@/components/plot";
import { indexerOff, useIndexerReason } from "@/components/indexer-reason";
import type { Address } from "viem";
import { useFormat } from "@/hooks/use-format";
import { useMarketSeries } from "@/hooks/use-market-series";
import { niceTicks, zeroBasedTicks } from "@/lib/view/chart-scale";
import { shortAddress } from "@/lib/view/format";

const SUPPLIED = "#34d399";
const BORROWED = "#f472b6";
const UTIL = "#f59e0b";

/**
 * The market over time (supplied, borrowed, utilisation, rates, reserves, bad debt) and its latest liquidations, from the
 * indexer: drawn, and as a table for screen readers (the drawing is hidden from them).
 */
export const MarketHistory = memo(function MarketHistory({
  chainId,
  market,
  baseDecimals,
  symbol,
  assetOf,
}: {
  chainId: number;
  market: Address;
  baseDecimals: number;
  symbol: string;
  /** A collateral's symbol and decimals (the deployment's), for the seized amounts. */
  assetOf: (a: string) => { symbol: string; decimals: number } | undefined;
}) {
  const t = useTranslations("marketHistory");
  const tc = useTranslations("charts");
  const f = useFormat();
  const q = useMarketSeries(chainId, market, baseDecimals);
  const amount = (v: number) => `${f.number(v, 2)} ${symbol}`;
  const reason = useIndexerReason();
  if (q.isPending) return null;
  if (q.error) {
    const code = (q.error as { code?: string }).code;
    return (
      <p className="text-xs text-slate-400" data-testid="market-history-unavailable">
        {indexerOff(code) ? t("noIndexer") : t("unavailable", { why: reason(code, q.error.message) })}
      </p>
    );
  }
  const { points, liquidations } = q.data;
  const first = points[0];
  const last = points.at(-1);
  const amountTick = (v: number) => f.number(Math.round(v), 0);
  const pct = (v: number) => f.percentFloat(v / 100);
  // What a liquidation took: the amount in the collateral's own decimals (an asset the deployment does not list: its
  // address, no amount — its decimals are not known).
  const seizedText = (asset: string, seized: bigint) => {
    const a = assetOf(asset);
    return a ? f.token(seized, a.decimals, a.symbol, 4) : shortAddress(asset);
  };
  return (
    <section className="space-y-3 rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="market-history">
      <header className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-400">
        <span className="font-medium uppercase tracking-wide">{t("title")}</span>
        <span>
          {t("points", { count: points.length, countText: f.number(points.length, 0) })}
          {last ? ` · ${t("reserves", { amount: amount(last.reserves) })} · ${t("badDebt", { amount: amount(last.badDebt) })}` : ""}
        </span>
      </header>
      {points.length > 0 && (
        <>
          <ChartTable
            testId="market-history-table"
            caption={t("title")}
            columns={[tc("block"), tc("time"), t("supplied"), t("borrowed"), t("utilization"), t("borrowApr"), t("supplyApr")]}
            rows={spread(points).map((p) => [
              `#${p.block}`,
              f.utc(p.timestamp),
              amount(p.supplied),
              amount(p.borrowed),
              pct(p.utilizationPct),
              pct(p.borrowAprPct),
              pct(p.supplyAprPct),
            ])}
          />
          {/* Drawn once near the screen: /markets has one per market. */}
          <NearViewport height="h-52">
            <LinePlot
              rows={points}
              x={(p) => p.block}
              xDomain={[first!.block, last!.block]}
              xTicks={niceTicks(first!.block, last!.block, 4, { integers: true })}
              xLabel={(b) => `#${b}`}
              left={{ ticks: zeroBasedTicks(Math.max(0, ...points.map((p) => Math.max(p.supplied, p.borrowed)))), label: amountTick, min: 40 }}
              right={{
                ticks: zeroBasedTicks(Math.max(0, ...points.map((p) => Math.max(p.utilizationPct, p.borrowAprPct, p.supplyAprPct)))),
                label: f.percentTick,
                color: UTIL,
              }}
              series={[
                { key: "supplied", name: t("supplied"), color: SUPPLIED, step: true, value: (p) => p.supplied, format: amount },
                { key: "borrowed", name: t("borrowed"), color: BORROWED, step: true, value: (p) => p.borrowed, format: amount },
                {
                  key: "utilization",
                  name: t("utilization"),
                  color: UTIL,
                  width: 1.5,
                  step: true,
                  right: true,
                  value: (p) => p.utilizationPct,
                  format: pct,
                },
                {
                  key: "borrowApr",
                  name: t("borrowApr"),
                  color: "#fb7185",
                  dash: "4 3",
                  step: true,
                  right: true,
                  value: (p) => p.borrowAprPct,
                  format: pct,
                },
                {
                  key: "supplyApr",
                  name: t("supplyApr"),
                  color: "#6ee7b7",
                  dash: "4 3",
                  step: true,
                  right: true,
                  value: (p) => p.supplyAprPct,
                  format: pct,
                },
              ]}
              title={(p) => `${t("block", { block: String(p.block) })} · ${f.utc(p.timestamp)}`}
            />
          </NearViewport>
        </>
      )}
      <div className="flex items-baseline justify-between text-xs text-slate-400">
        <span>
          {t("liquidations")}{" "}
          <span className="font-mono text-slate-200" data-testid="liquidation-count">
            {liquidations.length}
          </span>
        </span>
        <a
          className="text-sky-300 hover:underline"
          href={`/api/export/liquidations?chainId=${chainId}&market=${market}`}
          download
          data-testid="liquidations-csv"
        >
          {t("csv")}
        </a>
      </div>
      {liquidations.length > 0 && (
        <ol className="max-h-32 space-y-1 overflow-y-auto font-mono text-xs text-slate-400" data-testid="liquidations-list">
          {liquidations.slice(0, 50).map((l) => (
            <li key={l.id} className="flex justify-between gap-3">
              <span>
                {f.utc(l.timestamp)} · {t("vault", { id: l.vaultId.toString() })} · {shortAddress(l.liquidator)}
              </span>
              <span>{t("repaidSeized", { repaid: f.token(l.repaid, baseDecimals, symbol, 2), seized: seizedText(l.asset, l.seized) })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
