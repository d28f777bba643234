"use client";
import { memo, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { ChartTable } from "@/components/chart-table";
import { AXIS, axisWidth, clearOnMouseLeave, GRID, PlotTooltip, useBoxSize, YAxis } from "@/components/plot";
import { useFormat } from "@/hooks/use-format";
import { rateCurve, toChartPercent } from "@/lib/engine/rates";
import { zeroBasedTicks } from "@/lib/view/chart-scale";
import type { LensMarket } from "@/lib/read/vaults";

const BORROW = "#f472b6";
const SUPPLY = "#34d399";
const KINK = "#f59e0b";
const NOW = "#38bdf8";

/**
 * Borrow and supply APR against utilisation 0–100 %, from lib/engine/rates.ts (the engine's model), with the kink and
 * today's utilisation marked. Drawn as plain SVG (components/plot.tsx): recharts took ~0.5 s of a phone's main thread
 * to mount it, and /markets draws one per market.
 */
export const RateChart = memo(function RateChart({ market }: { market: LensMarket }) {
  const t = useTranslations("rateChart");
  const f = useFormat();
  const pct = (v: number) => f.percentFloat(v / 100); // the chart plots percent
  const data = useMemo(
    () =>
      rateCurve(market.rateModel, market.reserveFactor, 100).map((p) => ({
        u: toChartPercent(p.utilization),
        borrow: toChartPercent(p.borrowRate, true),
        supply: toChartPercent(p.supplyRate, true),
      })),
    [market.rateModel, market.reserveFactor],
  );
  const kink = toChartPercent(market.rateModel.kink);
  const now = toChartPercent(market.utilization);
  return (
    <figure className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="rate-chart">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-400">
        <span className="font-medium uppercase tracking-wide">{t("title")}</span>
        <span>
          {t.rich("summary", {
            kink: f.percent(market.rateModel.kink, 0),
            now: f.percent(market.utilization),
            borrow: f.apr(market.borrowRate),
            supply: f.apr(market.supplyRate),
            k: (c) => <span style={{ color: KINK }}>{c}</span>,
            n: (c) => <span style={{ color: NOW }}>{c}</span>,
          })}
        </span>
      </figcaption>
      <ChartTable
        caption={t("title")}
        columns={[t("utilization"), t("borrowApr"), t("supplyApr")]}
        rows={data.filter((p) => p.u % 10 === 0 || p.u === kink).map((p) => [pct(p.u), pct(p.borrow), pct(p.supply)])}
      />
      <div className="h-60" aria-hidden>
        <RatePlot
          data={data}
          kink={kink}
          now={now}
          nowBorrow={toChartPercent(market.borrowRate, true)}
          nowSupply={toChartPercent(market.supplyRate, true)}
        />
      </div>
    </figure>
  );
});

type RatePoint = { u: number; borrow: number; supply: number };

/** The curve's drawing: the two APR lines, the kink and today's utilisation, and the nearest point under the pointer. */
function RatePlot({ data, kink, now, nowBorrow, nowSupply }: { data: RatePoint[]; kink: number; now: number; nowBorrow: number; nowSupply: number }) {
  const t = useTranslations("rateChart");
  const f = useFormat();
  const { ref, width, height } = useBoxSize();
  const [hover, setHover] = useState<number | null>(null);
  const legend = 20;
  const ticks = zeroBasedTicks(Math.max(0, ...data.map((p) => p.borrow)));
  const m = { top: 18, right: 20, bottom: 22 + legend, left: axisWidth(ticks.map(f.percentTick), 44) };
  const plotW = Math.max(0, width - m.left - m.right);
  const plotH = Math.max(0, height - m.top - m.bottom);
  const x = (u: number) => m.left + (plotW * u) / 100;
  const y = (v: number) => m.top + plotH * (1 - v / ticks.at(-1)!);
  const line = (key: "borrow" | "supply") => data.map((p, i) => `${i ? "L" : "M"}${x(p.u)},${y(p[key])}`).join("");
  const at = (clientX: number, box: DOMRect) => {
    const u = ((clientX - box.left - m.left) / plotW) * 100;
    if (!(u >= -2 && u <= 102) || !data.length) return setHover(null);
    let best = 0;
    for (let i = 1; i < data.length; i++) if (Math.abs(data[i]!.u - u) < Math.abs(data[best]!.u - u)) best = i;
    setHover(best);
  };
  const pct = (v: number) => f.percentFloat(v / 100);
  const shown = hover === null ? null : data[hover];
  const series = [
    { key: "borrow" as const, color: BORROW, name: t("borrowApr") },
    { key: "supply" as const, color: SUPPLY, name: t("supplyApr") },
  ];
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
          <YAxis ticks={ticks} y={y} left={m.left} right={m.left + plotW} label={f.percentTick} />
          <g fontSize={11} fill={AXIS}>
            {[0, 20, 40, 60, 80, 100].map((u) => (
              <g key={u}>
                <line x1={x(u)} x2={x(u)} y1={m.top} y2={y(0)} stroke={GRID} strokeDasharray="3 3" />
                <text x={x(u)} y={y(0) + 15} textAnchor="middle">
                  {f.percentTick(u)}
                </text>
              </g>
            ))}
          </g>
          <line x1={m.left} x2={m.left + plotW} y1={y(0)} y2={y(0)} stroke={AXIS} />
          <line x1={x(kink)} x2={x(kink)} y1={m.top} y2={y(0)} stroke={KINK} strokeDasharray="4 4" />
          <text x={x(kink)} y={m.top - 5} textAnchor="middle" fontSize={11} fill={KINK}>
            {t("kink")}
          </text>
          <line x1={x(now)} x2={x(now)} y1={m.top} y2={y(0)} stroke={NOW} />
          {/* Inside the plot, on the side with room, so it never sits on the axis labels. */}
          <text x={now > 85 ? x(now) - 5 : x(now) + 5} y={m.top + 12} textAnchor={now > 85 ? "end" : "start"} fontSize={11} fill={NOW}>
            {t("now")}
          </text>
          {series.map((s) => (
            <path key={s.key} d={line(s.key)} fill="none" stroke={s.color} strokeWidth={2} data-series={s.key} />
          ))}
          <circle cx={x(now)} cy={y(nowBorrow)} r={4} fill={BORROW} stroke="#0f172a" />
          <circle cx={x(now)} cy={y(nowSupply)} r={4} fill={SUPPLY} stroke="#0f172a" />
          {shown && <line x1={x(shown.u)} x2={x(shown.u)} y1={m.top} y2={y(0)} stroke="#94a3b8" />}
        </svg>
      )}
      <div className="flex h-5 flex-wrap items-center justify-center gap-x-4 text-xs text-slate-300">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <svg width="14" height="4" aria-hidden>
              <line x1="0" x2="14" y1="2" y2="2" stroke={s.color} strokeWidth={2} />
            </svg>
            {s.name}
          </span>
        ))}
      </div>
      {shown && (
        <PlotTooltip x={x(shown.u)} width={width}>
          <div className="text-slate-300">{`${t("utilization")} ${pct(shown.u)}`}</div>
          {series.map((s) => (
            <div key={s.key} style={{ color: s.color }}>
              {s.name}: {pct(shown[s.key])}
            </div>
          ))}
        </PlotTooltip>
      )}
    </div>
  );
}
