"use client";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { healthHistogram } from "@/lib/analytics/stress";

/** The tooltip box of /risk's charts. */
export const TOOLTIP = {
  contentStyle: { background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 },
  labelStyle: { color: "#cbd5e1" },
};
const COLORS = ["#38bdf8", "#f59e0b", "#a78bfa", "#34d399", "#f472b6"];
const BAR_COLORS = ["#f43f5e", "#fb923c", "#fb923c", "#fbbf24", "#facc15", "#a3e635", "#34d399", "#34d399", "#10b981", "#059669"];

/** risk-charts.tsx's histogram drawing (recharts, loaded when it comes near the screen). */
export function HistogramPlot({ data }: { data: ReturnType<typeof healthHistogram> }) {
  const t = useTranslations("riskCharts");
  const f = useFormat();
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height: 240 }}>
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 16, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" stroke="#64748b" fontSize={10} interval={0} />
        <YAxis stroke="#64748b" fontSize={11} width={44} allowDecimals={false} />
        <Tooltip
          {...TOOLTIP}
          cursor={{ fill: "#1e293b" }}
          labelFormatter={(l) => `${t("healthFactor")} ${String(l)}`}
          formatter={(v, _n, item) => [t("tooltip", { vaults: Number(v), debt: f.usdFloat((item.payload as { debtValue: number }).debtValue) }), ""]}
        />
        <Bar dataKey="vaults" isAnimationActive={false} fill="#38bdf8">
          {data.map((_, i) => (
            <Cell key={i} fill={BAR_COLORS[i]} />
          ))}
          <LabelList dataKey="vaults" position="top" fill="#94a3b8" fontSize={10} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** risk-charts.tsx's liquidation-levels drawing (recharts, loaded when it comes near the screen). */
export function LevelsPlot({ data, series }: { data: Record<string, number>[]; series: string[] }) {
  const t = useTranslations("riskCharts");
  const f = useFormat();
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height: 240 }}>
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" />
        <XAxis
          dataKey="drop"
          type="number"
          domain={[0, 90]}
          ticks={[0, 10, 20, 30, 40, 50, 60, 70, 80, 90]}
          tickFormatter={(v: number) => `−${v}%`}
          stroke="#64748b"
          fontSize={11}
        />
        <YAxis tickFormatter={f.usdCompact} stroke="#64748b" fontSize={11} width={56} />
        <Tooltip
          {...TOOLTIP}
          labelFormatter={(v) => t("priceDown", { drop: String(v) })}
          formatter={(v, n) => [f.usdFloat(Number(v)), n === "all" ? t("all") : t("alone", { asset: String(n) })]}
        />
        <Legend
          verticalAlign="bottom"
          height={20}
          iconType="plainline"
          formatter={(v: string) => <span className="text-xs text-slate-300">{v === "all" ? t("all") : t("alone", { asset: v })}</span>}
        />
        {series.map((s, i) => (
          <Line
            key={s}
            type="stepAfter"
            dataKey={s}
            stroke={s === "all" ? "#f43f5e" : COLORS[i % COLORS.length]}
            strokeDasharray={s === "all" ? "5 3" : undefined}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
