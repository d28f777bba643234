"use client";
import { useTranslations } from "next-intl";
import { LinePlot, type PlotSeries } from "@/components/plot";
import { useFormat } from "@/hooks/use-format";
import type { VaultHistory } from "@/hooks/use-vault-history";
import { CHART_HEALTH_CAP } from "@/lib/analytics/vault-charts";
import { niceTicks, zeroBasedTicks } from "@/lib/view/chart-scale";
import { healthSeries, healthTick } from "@/lib/view/health-chart";

const HF = "#a78bfa";
const DIST = "#34d399";
const LIQ = "#f43f5e";
const USD = "#38bdf8";

type Point = VaultHistory["points"][number];

/**
 * history-chart.tsx's drawing (components/plot.tsx's LinePlot, mounted when it comes near the screen): the health factor
 * on the left axis; on the right, the smallest distance to liquidation (sampled from the chain) or the collateral's
 * value (from the indexer, which records no distance).
 */
export function HistoryPlot({ history, time }: { history: VaultHistory; time: (ts: number | null, block: number) => string }) {
  const t = useTranslations("charts");
  const f = useFormat();
  const points = history.points;
  const first = points[0]?.block ?? 0;
  const last = points.at(-1)?.block ?? 0;
  const indexer = history.source === "indexer";
  const second: PlotSeries<Point> = indexer
    ? { key: "collateralUsd", name: t("collateralValue"), color: USD, value: (p) => p.collateralUsd ?? null, format: f.usdFloat }
    : { key: "distancePct", name: t("distance"), color: DIST, value: (p) => p.distancePct, format: (v) => f.percentFloat(v / 100, 1) };
  return (
    <LinePlot<Point>
      rows={points}
      x={(p) => p.block}
      xDomain={[first, last]}
      xTicks={niceTicks(first, last, 4, { integers: true })}
      xLabel={(b) => `#${b}`}
      left={{ ticks: zeroBasedTicks(CHART_HEALTH_CAP, 5), label: healthTick(f), color: HF }}
      right={
        indexer
          ? { ticks: zeroBasedTicks(Math.max(0, ...points.map((p) => p.collateralUsd ?? 0))), label: f.usdCompact, color: USD }
          : { ticks: [0, 25, 50, 75, 100], label: f.percentTick, color: DIST }
      }
      series={[
        { ...healthSeries(t("healthFactor"), HF, f), step: true, dots: true },
        { ...second, right: true, step: true, dots: true },
      ]}
      marks={[{ y: 1, color: LIQ, dash: "4 4" }]}
      title={(p) => t("blockAt", { n: String(p.block), time: time(p.timestamp, p.block) })}
    />
  );
}
