"use client";
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { useFormat } from "@/hooks/use-format";
import { COLORS } from "./composition-chart";

/** composition-chart.tsx's drawing (recharts, loaded when it comes near the screen). */
export function CompositionPlot({ data, values }: { data: { key: string; value: number; pct: number }[]; values: Map<string, bigint> }) {
  const formatUsd = useFormat().usd;
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 176, height: 176 }}>
      <PieChart accessibilityLayer={false}>
        <Pie rootTabIndex={-1} data={data} dataKey="value" nameKey="key" innerRadius={45} outerRadius={75} stroke="#0f172a" isAnimationActive={false}>
          {data.map((d, i) => (
            <Cell key={d.key} fill={COLORS[i % COLORS.length]} />
          ))}
        </Pie>
        <Tooltip
          contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 }}
          itemStyle={{ color: "#e2e8f0" }}
          formatter={(_v, name) => [formatUsd(values.get(String(name)) ?? 0n), String(name)]}
        />
      </PieChart>
    </ResponsiveContainer>
  );
}
