"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AXIS, axisWidth, clearOnMouseLeave, GRID, PlotTooltip, useBoxSize, YAxis } from "@/components/plot";
import { useFormat } from "@/hooks/use-format";
import type { healthHistogram } from "@/lib/analytics/stress";
import { zeroBasedTicks } from "@/lib/view/chart-scale";

// /risk's two first-screen charts, drawn as plain SVG: recharts (the app's largest library, its store and its measuring
// passes) cost one main-thread task of about 2 s at a phone's 4× CPU slowdown when the book arrived, for ten bars and a
// few step lines. The steward's chart, further down, still uses recharts (steward-plot.tsx).

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
        <svg
          width={width}
          height={height}
          className="block touch-pan-y"
          onPointerMove={(e) => at(e.clientX, e.currentTarget.getBoundingClientRect())}
          onPointerDown={(e) => at(e.clientX, e.currentTarget.getBoundingClientRect())}
        >
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
        </svg>
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

/** risk-charts.tsx's liquidation-levels drawing: per series, the debt liquidatable at each price drop (step lines). */
export function LevelsPlot({ data, series, butStable = false }: { data: Record<string, number>[]; series: string[]; butStable?: boolean }) {
  const t = useTranslations("riskCharts");
  const f = useFormat();
  const { ref, width, height } = useBoxSize();
  const [hover, setHover] = useState<number | null>(null);
  const legend = 20;
  const ticks = zeroBasedTicks(Math.max(0, ...data.flatMap((r) => series.map((s) => r[s] ?? 0))));
  const m = { top: 8, right: 20, bottom: 22 + legend, left: axisWidth(ticks.map(f.usdCompact), 60) };
  const top = ticks.at(-1)!;
  const plotW = Math.max(0, width - m.left - m.right);
  const plotH = Math.max(0, height - m.top - m.bottom);
  const x = (drop: number) => m.left + (plotW * drop) / 90;
  const y = (v: number) => m.top + plotH * (1 - v / top);
  /** An x-axis label: a price fall of `d` percent (`−10%`, `−10 %` in Spanish). */
  const fallLabel = (d: number) => (d === 0 ? f.percentTick(0) : `−${f.percentTick(d)}`);
  const nameOf = (s: string) => (s === "all" ? t("all", { butStable: butStable ? "yes" : "no" }) : t("alone", { asset: s }));
  const colorOf = (s: string, i: number) => (s === "all" ? "#f43f5e" : COLORS[i % COLORS.length]!);
  const at = (clientX: number, box: DOMRect) => {
    const drop = ((clientX - box.left - m.left) / plotW) * 90;
    if (!(drop >= -2 && drop <= 92) || !data.length) return setHover(null);
    let best = 0;
    for (let i = 1; i < data.length; i++) if (Math.abs(data[i]!.drop! - drop) < Math.abs(data[best]!.drop! - drop)) best = i;
    setHover(best);
  };
  // A step after each point: flat until the next drop, then straight up or down to its value.
  const path = (s: string) => data.map((r, i) => (i === 0 ? `M${x(r.drop!)},${y(r[s] ?? 0)}` : `H${x(r.drop!)}V${y(r[s] ?? 0)}`)).join("");
  const shown = hover === null ? null : data[hover];
  return (
    <div ref={ref} className="relative h-full w-full" onPointerLeave={clearOnMouseLeave(() => setHover(null))}>
      {width > 0 && (
        <svg
          width={width}
          height={height - legend}
          className="block touch-pan-y"
          onPointerMove={(e) => at(e.clientX, e.currentTarget.getBoundingClientRect())}
          onPointerDown={(e) => at(e.clientX, e.currentTarget.getBoundingClientRect())}
        >
          <YAxis ticks={ticks} y={y} left={m.left} right={m.left + plotW} label={f.usdCompact} />
          <g fontSize={11} fill={AXIS}>
            {[0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((d) => (
              <g key={d}>
                <line x1={x(d)} x2={x(d)} y1={m.top} y2={y(0)} stroke={GRID} strokeDasharray="3 3" />
                {/* A label every 10 % where the longest fits (~8 px a character at 11 px), else every 20 %. */}
                {(x(10) - x(0) >= 8 * fallLabel(50).length || d % 20 === 0) && (
                  <text x={x(d)} y={y(0) + 15} textAnchor="middle">
                    {fallLabel(d)}
                  </text>
                )}
              </g>
            ))}
          </g>
          <line x1={m.left} x2={m.left + plotW} y1={y(0)} y2={y(0)} stroke={AXIS} />
          {series.map((s, i) => (
            <path key={s} d={path(s)} fill="none" stroke={colorOf(s, i)} strokeWidth={2} strokeDasharray={s === "all" ? "5 3" : undefined} />
          ))}
          {shown && <line x1={x(shown.drop!)} x2={x(shown.drop!)} y1={m.top} y2={y(0)} stroke="#94a3b8" />}
        </svg>
      )}
      <div className="flex h-5 flex-wrap items-center justify-center gap-x-4 text-xs text-slate-300">
        {series.map((s, i) => (
          <span key={s} className="inline-flex items-center gap-1.5">
            <svg width="14" height="4" aria-hidden>
              <line x1="0" x2="14" y1="2" y2="2" stroke={colorOf(s, i)} strokeWidth={2} strokeDasharray={s === "all" ? "5 3" : undefined} />
            </svg>
            {nameOf(s)}
          </span>
        ))}
      </div>
      {shown && (
        <PlotTooltip x={x(shown.drop!)} width={width}>
          <div className="text-slate-300">{t("priceDown", { drop: String(shown.drop) })}</div>
          {series.map((s, i) => (
            <div key={s} style={{ color: colorOf(s, i) }}>
              {nameOf(s)}: {f.usdFloat(shown[s] ?? 0)}
            </div>
          ))}
        </PlotTooltip>
      )}
    </div>
  );
}
