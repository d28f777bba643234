"use client";
import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "@/hooks/use-format";

/** The tooltip box of the steward's chart (the colours of /risk's other charts' tooltips, risk-plots.tsx). */
const TOOLTIP = {
  contentStyle: { background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 },
  labelStyle: { color: "#cbd5e1" },
};

/** steward-chart.tsx's drawing (recharts, loaded when it comes near the screen). */
export function StewardPlot({ data, pct }: { data: { t: number; sigma: number; lt: number }[]; pct(x: number): string }) {
  const t = useTranslations("riskSteward");
  const f = useFormat();
  return (
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
        <YAxis yAxisId="sigma" stroke="#38bdf8" fontSize={10} width={40} tickFormatter={(x: number) => f.percentTick(Math.round(x))} />
        <YAxis
          yAxisId="lt"
          orientation="right"
          stroke="#f59e0b"
          fontSize={10}
          width={40}
          domain={[50, 100]}
          tickFormatter={(x: number) => f.percentTick(Math.round(x))}
        />
        <Tooltip {...TOOLTIP} labelFormatter={(x) => f.utc(Number(x))} formatter={(v, name) => [pct(Number(v)), String(name)]} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Line yAxisId="sigma" type="monotone" dataKey="sigma" name={t("volatility")} stroke="#38bdf8" dot={false} isAnimationActive={false} />
        <Line yAxisId="lt" type="stepAfter" dataKey="lt" name={t("threshold")} stroke="#f59e0b" dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
