"use client";
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTable, spread } from "@/components/chart-table";
import { useFormat } from "@/hooks/use-format";
import type { StewardCollateralView } from "@/hooks/use-risk-steward";

const TOOLTIP = {
  contentStyle: { background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 },
  labelStyle: { color: "#cbd5e1" },
};
const MAX_POINTS = 240;

/**
 * The liquidation threshold at time `t` from the steward's executed changes: the last one executed by `t`, the first
 * change's starting value before any, the current value without changes.
 */
function thresholdAt(c: StewardCollateralView, t: number): number {
  const done = c.changes.filter((x) => x.executedAt > 0n).sort((a, b) => Number(a.executedAt - b.executedAt));
  let lt = done.length ? done[0]!.fromLt : c.inputs.current.liquidationThreshold;
  for (const x of done) if (Number(x.executedAt) <= t) lt = x.toLt;
  return Number(lt) / 1e18;
}

/** EWMA volatility of the collateral's feed against its liquidation threshold over time, with its text table. */
export function StewardChart({ c }: { c: StewardCollateralView }) {
  const t = useTranslations("riskSteward");
  const f = useFormat();
  const data = useMemo(() => {
    const s = c.inputs.series;
    const step = Math.max(1, Math.ceil(s.length / MAX_POINTS));
    return s.filter((_, i) => i % step === 0 || i === s.length - 1).map((p) => ({ t: p.t, sigma: p.annual * 100, lt: thresholdAt(c, p.t) * 100 }));
  }, [c]);
  const pct = (x: number) => `${f.number(x, 1)} %`;
  if (data.length < 2) return <p className="text-xs text-slate-400">{t("chartEmpty")}</p>;
  return (
    <figure data-testid={`steward-chart-${c.inputs.symbol}`}>
      <figcaption className="mb-1 text-xs text-slate-400">{t("chartTitle", { asset: c.inputs.symbol })}</figcaption>
      <ChartTable
        caption={t("chartTitle", { asset: c.inputs.symbol })}
        columns={[t("time"), t("volatility"), t("threshold")]}
        rows={spread(data, 12).map((p) => [f.utc(p.t), pct(p.sigma), pct(p.lt)])}
      />
      <div className="h-48" aria-hidden>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 4, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              domain={["dataMin", "dataMax"]}
              stroke="#64748b"
              fontSize={10}
              tickFormatter={(x: number) => new Date(x * 1000).toISOString().slice(5, 16).replace("T", " ")}
              minTickGap={40}
            />
            <YAxis yAxisId="sigma" stroke="#38bdf8" fontSize={10} width={40} tickFormatter={(x: number) => `${Math.round(x)}%`} />
            <YAxis
              yAxisId="lt"
              orientation="right"
              stroke="#f59e0b"
              fontSize={10}
              width={40}
              domain={[50, 100]}
              tickFormatter={(x: number) => `${Math.round(x)}%`}
            />
            <Tooltip {...TOOLTIP} labelFormatter={(x) => f.utc(Number(x))} formatter={(v, name) => [pct(Number(v)), String(name)]} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Line yAxisId="sigma" type="monotone" dataKey="sigma" name={t("volatility")} stroke="#38bdf8" dot={false} isAnimationActive={false} />
            <Line yAxisId="lt" type="stepAfter" dataKey="lt" name={t("threshold")} stroke="#f59e0b" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
