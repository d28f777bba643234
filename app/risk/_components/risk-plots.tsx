"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AXIS, clearOnMouseLeave, GRID, LinePlot, PlotSvg, PlotTooltip, useBoxSize, YAxis } from "@/components/plot";
import { useFormat } from "@/hooks/use-format";
import type { healthHistogram } from "@/lib/analytics/stress";
import { rimWidths, zeroBasedTicks } from "@/lib/view/chart-scale";

// /risk's two first-screen charts (components/plot.tsx's pieces): recharts cost one main-thread task of about 2 s at a
// phone's 4× CPU slowdown when the book arrived, for ten bars and a few step lines.

const COLORS = ["#38bdf8", "#f59e0b", "#a78bfa", "#34d399", "#f472b6"];
const BAR_COLORS = ["#f43f5e", "#fb923c", "#fb923c", "#fbbf24", "#facc15", "#a3e635", "#34d399", "#34d399", "#10b981", "#059669"];

/** risk-charts.tsx's histogram drawing: vaults per health-factor bucket, the count above each bar, debt in the tooltip. */
export function HistogramPlot({ data }: { data: ReturnType<typeof healthHistogram> }) {
  const t = useTranslations("riskCharts");
  const f = useFormat();
  const { ref, width, height } = useBoxSize();
  const [hover, setHover] = useState<number | null>(null);
  const m = { top: 16, right: 8, bottom: 22, left: 44 };
  const ticks = zeroBasedTicks(Math.max(0, ...data.map((d) => d.vaults)), 4, true);
  const top = ticks.at(-1)!;
  const plotW = Math.max(0, width - m.left - m.right);
  const plotH = Math.max(0, height - m.top - m.bottom);
  const band = data.length ? plotW / data.length : 0;
  // Every bucket's label where they fit (about 6 px a character at 10 px); on a phone every second or third.
  const labelStep = Math.max(1, Math.ceil((Math.max(...data.map((b) => b.label.length)) * 6 + 4) / Math.max(1, band)));
  const y = (v: number) => m.top + plotH * (1 - v / top);
  const at = (clientX: number, box: DOMRect) => {
    const i = Math.floor((clientX - box.left - m.left) / band);
    setHover(i >= 0 && i < data.length ? i : null);
  };
  const shown = hover === null ? null : data[hover];
  return (
    <div ref={ref} className="relative h-full w-full" onPointerLeave={clearOnMouseLeave(() => setHover(null))}>
      {width > 0 && (
        <PlotSvg width={width} height={height} at={at}>
          <YAxis ticks={ticks} y={y} left={m.left} right={m.left + plotW} label={f.tick} />
          {hover !== null && <rect x={m.left + hover * band} y={m.top} width={band} height={plotH} fill={GRID} />}
          {data.map((d, i) => {
            const x = m.left + i * band + band * 0.1;
            return (
              <g key={d.label}>
                <rect x={x} y={y(d.vaults)} width={band * 0.8} height={y(0) - y(d.vaults)} fill={BAR_COLORS[i] ?? COLORS[0]} />
                <text x={x + band * 0.4} y={y(d.vaults) - 4} textAnchor="middle" fontSize={10} fill="#94a3b8">
                  {d.vaults}
                </text>
                {i % labelStep === 0 && (
                  <text x={m.left + (i + 0.5) * band} y={y(0) + 14} textAnchor="middle" fontSize={10} fill={AXIS}>
                    {d.label}
                  </text>
                )}
              </g>
            );
          })}
          <line x1={m.left} x2={m.left + plotW} y1={y(0)} y2={y(0)} stroke={AXIS} />
        </PlotSvg>
      )}
      {shown && hover !== null && (
        <PlotTooltip x={m.left + (hover + 0.5) * band} width={width}>
          <div className="text-slate-300">{`${t("healthFactor")} ${shown.label}`}</div>
          <div>{t("tooltip", { vaults: shown.vaults, debt: f.usdFloat(shown.debtValue) })}</div>
        </PlotTooltip>
      )}
    </div>
  );
}

/**
 * risk-charts.tsx's liquidation-levels drawing: per series, the debt liquidatable at each price drop (step lines). The
 * series keyed `all` (every price together) is drawn dashed, in red, over the others.
 */
export function LevelsPlot({ data, series }: { data: Record<string, number>[]; series: { key: string; name: string }[] }) {
  const t = useTranslations("riskCharts");
  const f = useFormat();
  /** An x-axis label: a price fall of `d` percent (`−10%`, `−10 %` in Spanish). */
  const fallLabel = (d: number) => (d === 0 ? f.percentTick(0) : `−${f.percentTick(d)}`);
  // Two collaterals whose debt goes liquidatable at the same drops draw the same steps: each earlier line is wider, so
  // one lying under a later one shows as its rim (the dashed "all together" line goes over them at the base width).
  const alone = series.filter((s) => s.key !== "all");
  const widths = rimWidths(alone.length);
  return (
    <LinePlot<Record<string, number>>
      rows={data}
      x={(r) => r.drop ?? 0}
      xTicks={[0, 10, 20, 30, 40, 50, 60, 70, 80, 90]}
      xLabel={fallLabel}
      left={{ ticks: zeroBasedTicks(Math.max(0, ...data.flatMap((r) => series.map((s) => r[s.key] ?? 0)))), label: f.usdCompact, min: 60 }}
      series={series.map((s, i) => ({
        key: s.key,
        name: s.name,
        color: s.key === "all" ? "#f43f5e" : COLORS[i % COLORS.length]!,
        dash: s.key === "all" ? "5 3" : undefined,
        width: s.key === "all" ? 2 : widths[alone.indexOf(s)],
        step: true,
        value: (r) => r[s.key] ?? 0,
        format: f.usdFloat,
      }))}
      title={(r) => t("priceDown", { drop: String(r.drop) })}
    />
  );
}
