"use client";
import { useMemo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatApr, formatPercent } from "@/lib/format";
import { rateCurve, toChartPercent } from "@/lib/rates";
import type { LensMarket } from "@/lib/vaults";

const BORROW = "#f472b6";
const SUPPLY = "#34d399";
const KINK = "#f59e0b";
const NOW = "#38bdf8";

const pct = (v: number) => `${Number(v.toFixed(2))}%`;

/**
 * Borrow and supply APR against utilisation 0–100 %, from lib/rates.ts (the engine's model), with the kink and
 * today's utilisation marked.
 */
export function RateChart({ market }: { market: LensMarket }) {
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
        <span className="font-medium uppercase tracking-wide">Rate curve</span>
        <span>
          <span style={{ color: KINK }}>kink {formatPercent(market.rateModel.kink, 0)}</span>
          {" · "}
          <span style={{ color: NOW }}>now {formatPercent(market.utilization)}</span>: borrow {formatApr(market.borrowRate)}, supply{" "}
          {formatApr(market.supplyRate)}
        </span>
      </figcaption>
      <div className="h-60">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height: 240 }}>
          <LineChart data={data} margin={{ top: 18, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" />
            <XAxis
              dataKey="u"
              type="number"
              domain={[0, 100]}
              ticks={[0, 20, 40, 60, 80, 100]}
              tickFormatter={(v: number) => `${v}%`}
              stroke="#64748b"
              fontSize={11}
            />
            <YAxis tickFormatter={(v: number) => `${v}%`} stroke="#64748b" fontSize={11} width={44} />
            <Tooltip
              contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 }}
              labelStyle={{ color: "#cbd5e1" }}
              labelFormatter={(v) => `Utilization ${pct(Number(v))}`}
              formatter={(v, name) => [pct(Number(v)), name === "borrow" ? "Borrow APR" : "Supply APR"]}
            />
            <Legend
              verticalAlign="bottom"
              height={20}
              iconType="plainline"
              formatter={(v: string) => <span className="text-xs text-slate-300">{v === "borrow" ? "Borrow APR" : "Supply APR"}</span>}
            />
            <ReferenceLine x={kink} stroke={KINK} strokeDasharray="4 4" label={{ value: "kink", position: "top", fill: KINK, fontSize: 11 }} />
            <ReferenceLine
              x={now}
              stroke={NOW}
              // Inside the plot, on the side with room, so it never sits on the axis labels.
              label={{ value: "now", position: now > 85 ? "insideTopRight" : "insideTopLeft", fill: NOW, fontSize: 11 }}
            />
            <Line type="linear" dataKey="borrow" stroke={BORROW} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line type="linear" dataKey="supply" stroke={SUPPLY} strokeWidth={2} dot={false} isAnimationActive={false} />
            <ReferenceDot x={now} y={toChartPercent(market.borrowRate, true)} r={4} fill={BORROW} stroke="#0f172a" />
            <ReferenceDot x={now} y={toChartPercent(market.supplyRate, true)} r={4} fill={SUPPLY} stroke="#0f172a" />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
