"use client";
import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "@/hooks/use-format";
import { CHART_HEALTH_CAP, type HealthCurve } from "@/lib/analytics/vault-charts";
import { CURVE, LIQ, NOW, SAFE } from "./health-price-chart";

/** health-price-chart.tsx's drawing (recharts, loaded when it comes near the screen). */
export function HealthPricePlot({ symbol, curve, safetyNum }: { symbol: string; curve: HealthCurve; safetyNum: number }) {
  const t = useTranslations("charts");
  const f = useFormat();
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height: 240 }}>
      <LineChart accessibilityLayer={false} margin={{ top: 14, right: 14, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" />
        <XAxis
          dataKey="price"
          type="number"
          domain={[0, "dataMax"]}
          tickFormatter={f.usdTick}
          stroke="#64748b"
          fontSize={11}
          allowDuplicatedCategory={false}
        />
        <YAxis
          domain={[0, (max: number) => Math.min(CHART_HEALTH_CAP, Math.max(2, Math.ceil(max)))]}
          stroke="#64748b"
          fontSize={11}
          width={36}
          tickFormatter={(v: number) => (v >= CHART_HEALTH_CAP ? `≥${f.tick(v)}` : f.tick(v))}
        />
        <Tooltip
          contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 }}
          labelStyle={{ color: "#cbd5e1" }}
          labelFormatter={(v) => t("at", { asset: symbol, price: f.usdFloat(Number(v)) })}
          formatter={(v, name) => [Number(v) >= CHART_HEALTH_CAP ? `≥ ${f.tick(CHART_HEALTH_CAP)}` : f.number(Number(v), 2), name]}
        />
        <ReferenceLine
          y={1}
          stroke={LIQ}
          strokeDasharray="4 4"
          label={{ value: t("healthOne"), fill: LIQ, fontSize: 10, position: "insideTopLeft" }}
        />
        <ReferenceLine y={safetyNum} stroke={SAFE} strokeDasharray="2 4" />
        <ReferenceLine x={curve.price} stroke={NOW} label={{ value: t("todayShort"), fill: NOW, fontSize: 10, position: "top" }} />
        {curve.liquidationPrice > 0 && (
          <ReferenceLine
            x={curve.liquidationPrice}
            stroke={LIQ}
            label={{ value: t("liquidationShort"), fill: LIQ, fontSize: 10, position: "insideBottomLeft" }}
          />
        )}
        <Line
          data={curve.points}
          dataKey="healthFactor"
          name={t("healthFactor")}
          stroke={CURVE}
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Legend wrapperStyle={{ fontSize: 11 }} />
      </LineChart>
    </ResponsiveContainer>
  );
}
