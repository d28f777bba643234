"use client";
import { memo, useMemo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslations } from "next-intl";
import { ChartTable } from "@/components/chart-table";
import { NearViewport } from "@/components/chart-placeholder";
import { useFormat } from "@/hooks/use-format";
import { rateCurve, toChartPercent } from "@/lib/engine/rates";
import type { LensMarket } from "@/lib/read/vaults";

const BORROW = "#f472b6";
const SUPPLY = "#34d399";
const KINK = "#f59e0b";
const NOW = "#38bdf8";

/**
 * Borrow and supply APR against utilisation 0–100 %, from lib/engine/rates.ts (the engine's model), with the kink and
 * today's utilisation marked.
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
      {/* Drawn once near the screen: mounting a recharts chart is ~0.5 s of a phone's main thread, and /markets has four. */}
      <NearViewport height="h-60">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height: 240 }}>
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 18, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" />
            <XAxis
              dataKey="u"
              type="number"
              domain={[0, 100]}
              ticks={[0, 20, 40, 60, 80, 100]}
              tickFormatter={f.percentTick}
              stroke="#64748b"
              fontSize={11}
            />
            <YAxis tickFormatter={f.percentTick} stroke="#64748b" fontSize={11} width={44} />
            <Tooltip
              contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 }}
              labelStyle={{ color: "#cbd5e1" }}
              labelFormatter={(v) => `${t("utilization")} ${pct(Number(v))}`}
              formatter={(v, name) => [pct(Number(v)), name === "borrow" ? t("borrowApr") : t("supplyApr")]}
            />
            <Legend
              verticalAlign="bottom"
              height={20}
              iconType="plainline"
              formatter={(v: string) => <span className="text-xs text-slate-300">{v === "borrow" ? t("borrowApr") : t("supplyApr")}</span>}
            />
            <ReferenceLine x={kink} stroke={KINK} strokeDasharray="4 4" label={{ value: t("kink"), position: "top", fill: KINK, fontSize: 11 }} />
            <ReferenceLine
              x={now}
              stroke={NOW}
              // Inside the plot, on the side with room, so it never sits on the axis labels.
              label={{ value: t("now"), position: now > 85 ? "insideTopRight" : "insideTopLeft", fill: NOW, fontSize: 11 }}
            />
            <Line type="linear" dataKey="borrow" stroke={BORROW} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line type="linear" dataKey="supply" stroke={SUPPLY} strokeWidth={2} dot={false} isAnimationActive={false} />
            <ReferenceDot x={now} y={toChartPercent(market.borrowRate, true)} r={4} fill={BORROW} stroke="#0f172a" />
            <ReferenceDot x={now} y={toChartPercent(market.supplyRate, true)} r={4} fill={SUPPLY} stroke="#0f172a" />
          </LineChart>
        </ResponsiveContainer>
      </NearViewport>
    </figure>
  );
});
