"use client";
import dynamic from "next/dynamic";
import { memo, useMemo } from "react";
import type { healthHistogram, LiquidationLevels } from "@/lib/analytics/stress";
import { useTranslations } from "next-intl";
import { NearViewport } from "@/components/chart-placeholder";
import { ChartTable } from "@/components/chart-table";
import { useFormat } from "@/hooks/use-format";

// The drawings (plain SVG, ./risk-plots.tsx) load when they come near the screen; the captions and text tables render
// with the page.
const HistogramPlot = dynamic(() => import("./risk-plots").then((m) => m.HistogramPlot), { ssr: false });
const LevelsPlot = dynamic(() => import("./risk-plots").then((m) => m.LevelsPlot), { ssr: false });

/**
 * Vaults with debt per health-factor bucket (bars), with the debt in each bucket in the tooltip: today's, or at a
 * stress scenario's prices when `stressed` (lib/analytics/stress.ts `healthHistogram`, computed with the scenario on every
 * slider move — in the stress worker — and handed in ready).
 */
export const HealthHistogram = memo(function HealthHistogram({ data, stressed }: { data: ReturnType<typeof healthHistogram>; stressed: boolean }) {
  const t = useTranslations("riskCharts");
  const f = useFormat();
  const caption = stressed ? t("histogramStressed") : t("histogram");
  // The buckets' bounds as the reader writes numbers ("1,05–1,1" in Spanish); the worker's labels are plain decimals.
  const local = useMemo(
    () => (f.decimalSeparator === "." ? data : data.map((d) => ({ ...d, label: d.label.replace(/\./g, f.decimalSeparator) }))),
    [data, f],
  );
  return (
    <figure className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="health-histogram" data-scenario={stressed ? "1" : "0"}>
      <figcaption className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-400">{caption}</figcaption>
      <ChartTable
        caption={caption}
        columns={[t("healthFactor"), t("vaults"), t("debt")]}
        rows={local.map((d) => [d.label, d.vaults, f.usdFloat(d.debtValue)])}
      />
      <NearViewport height="h-60">
        <HistogramPlot data={local} />
      </NearViewport>
    </figure>
  );
});

/**
 * Debt that becomes liquidatable, cumulatively, as each collateral's price (and all together) falls 0 → −90 %
 * (lib/analytics/stress.ts `liquidationLevels`, computed with the book's figures in the risk worker and handed in ready).
 * `butStable`: "all together" leaves the dollar stablecoins at $1 (lib/analytics/stress.ts `togetherColumns`), and says so.
 */
export const LiquidationLevelsChart = memo(function LiquidationLevelsChart({
  levels: l,
  symbols,
  butStable = false,
}: {
  levels: LiquidationLevels;
  symbols: string[];
  butStable?: boolean;
}) {
  const t = useTranslations("riskCharts");
  const f = useFormat();
  // Each collateral's figures under its column's index (`c0`, `c1`…), not its symbol, which a token may share or name "all".
  const data = useMemo(
    () =>
      l.drops.map((x) => {
        const row: Record<string, number> = { drop: x, all: l.all[x]! };
        symbols.forEach((_, j) => (row[`c${j}`] = l.perAsset[j]![x]!));
        return row;
      }),
    [l, symbols],
  );
  const series = useMemo(
    () => [
      ...symbols.map((s, j) => ({ key: `c${j}`, name: t("alone", { asset: s }) })),
      { key: "all", name: t("all", { butStable: butStable ? "yes" : "no" }) },
    ],
    [symbols, butStable, t],
  );
  return (
    <figure className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="liquidation-levels">
      <figcaption className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-400">{t("levels")}</figcaption>
      <ChartTable
        caption={t("levels")}
        columns={[t("drop"), ...series.map((s) => s.name)]}
        rows={data.filter((r) => r.drop! % 10 === 0).map((r) => [`−${f.percentTick(r.drop!)}`, ...series.map((s) => f.usdFloat(r[s.key] ?? 0))])}
      />
      <NearViewport height="h-60">
        <LevelsPlot data={data} series={series} />
      </NearViewport>
    </figure>
  );
});
