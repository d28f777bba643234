"use client";
import { memo } from "react";
import { useTranslations } from "next-intl";
import { NearViewport } from "@/components/chart-placeholder";
import { indexerOff, useIndexerReason } from "@/components/indexer-reason";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Address } from "viem";
import { useFormat } from "@/hooks/use-format";
import { useMarketSeries } from "@/hooks/use-market-series";
import { shortAddress } from "@/lib/view/format";

const SUPPLIED = "#34d399";
const BORROWED = "#f472b6";
const UTIL = "#f59e0b";

/** The market over time (supplied, borrowed, utilisation, rates, reserves, bad debt) and its latest liquidations, from the indexer. */
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
  const f = useFormat();
  const q = useMarketSeries(chainId, market, baseDecimals);
  const amount = (v: number) => `${f.number(v, 2)} ${symbol}`;
  const reason = useIndexerReason();
  const percentNames = new Set([t("utilization"), t("borrowApr"), t("supplyApr")]);
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
  const last = points.at(-1);
  // The amount axis as wide as its longest label ("150,000,000" was cut to "0,000,000" at a fixed 64 px): ~6.5 px a
  // character at 11 px, and the tick's own margin.
  const amountTick = (v: number) => f.number(Math.round(v), 0);
  // What a liquidation took: the amount in the collateral's own decimals (an asset the deployment does not list: its
  // address, no amount — its decimals are not known).
  const seizedText = (asset: string, seized: bigint) => {
    const a = assetOf(asset);
    return a ? f.token(seized, a.decimals, a.symbol, 4) : shortAddress(asset);
  };
  const amountAxisWidth = Math.max(40, 12 + 6.5 * amountTick(Math.max(0, ...points.map((p) => Math.max(p.supplied, p.borrowed)))).length);
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
        // Drawn once near the screen: mounting a recharts chart is ~0.5 s of a phone's main thread, and /markets has four.
        <NearViewport height="h-52" hidden={false}>
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height: 208 }}>
            <LineChart data={points} margin={{ top: 8, right: 4, bottom: 4, left: 0 }}>
              <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" />
              <XAxis
                dataKey="block"
                type="number"
                domain={["dataMin", "dataMax"]}
                stroke="#64748b"
                fontSize={11}
                tickFormatter={(b: number) => `#${b}`}
              />
              <YAxis yAxisId="amt" stroke="#64748b" fontSize={11} width={amountAxisWidth} tickFormatter={amountTick} />
              <YAxis yAxisId="pct" orientation="right" stroke={UTIL} fontSize={11} width={40} tickFormatter={f.percentTick} />
              <Tooltip
                contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 }}
                labelFormatter={(b) => {
                  const p = points.find((x) => x.block === Number(b));
                  return `${t("block", { block: String(b) })}${p ? ` · ${f.utc(p.timestamp)}` : ""}`;
                }}
                formatter={(v, name) => [percentNames.has(String(name)) ? f.percentFloat(Number(v) / 100) : amount(Number(v)), name]}
              />
              <Line
                yAxisId="amt"
                type="stepAfter"
                dataKey="supplied"
                name={t("supplied")}
                stroke={SUPPLIED}
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
              />
              <Line
                yAxisId="amt"
                type="stepAfter"
                dataKey="borrowed"
                name={t("borrowed")}
                stroke={BORROWED}
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
              />
              <Line
                yAxisId="pct"
                type="stepAfter"
                dataKey="utilizationPct"
                name={t("utilization")}
                stroke={UTIL}
                dot={false}
                strokeWidth={1.5}
                isAnimationActive={false}
              />
              <Line
                yAxisId="pct"
                type="stepAfter"
                dataKey="borrowAprPct"
                name={t("borrowApr")}
                stroke="#fb7185"
                dot={false}
                strokeDasharray="4 3"
                isAnimationActive={false}
              />
              <Line
                yAxisId="pct"
                type="stepAfter"
                dataKey="supplyAprPct"
                name={t("supplyApr")}
                stroke="#6ee7b7"
                dot={false}
                strokeDasharray="4 3"
                isAnimationActive={false}
              />
              <Legend wrapperStyle={{ fontSize: 11 }} />
            </LineChart>
          </ResponsiveContainer>
        </NearViewport>
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
