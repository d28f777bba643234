"use client";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { VaultHistory } from "@/hooks/use-vault-history";
import { CHART_HEALTH_CAP } from "@/lib/analytics/vault-charts";

const HF = "#a78bfa";
const DIST = "#34d399";
const LIQ = "#f43f5e";
const USD = "#38bdf8";

/** history-chart.tsx's drawing (recharts, loaded when it comes near the screen). */
export function HistoryPlot({ history, time }: { history: VaultHistory; time: (ts: number | null, block: number) => string }) {
  const t = useTranslations("charts");
  const f = useFormat();
  const points = history.points;
  const hf = (v: number | null) => (v === null ? "—" : v >= CHART_HEALTH_CAP ? `≥ ${f.tick(CHART_HEALTH_CAP)}` : f.number(v, 2));
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height: 240 }}>
      <LineChart accessibilityLayer={false} data={points} margin={{ top: 14, right: 4, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" />
        <XAxis
          dataKey="block"
          type="number"
          allowDecimals={false}
          domain={["dataMin", "dataMax"]}
          stroke="#64748b"
          fontSize={11}
          tickFormatter={(b: number) => `#${b}`}
        />
        <YAxis
          yAxisId="hf"
          domain={[0, CHART_HEALTH_CAP]}
          stroke={HF}
          fontSize={11}
          width={36}
          tickFormatter={(v: number) => (v >= CHART_HEALTH_CAP ? `≥${f.tick(v)}` : f.tick(v))}
        />
        <YAxis
          yAxisId="d"
          hide={history.source === "indexer"}
          orientation="right"
          domain={[0, 100]}
          stroke={DIST}
          fontSize={11}
          width={40}
          tickFormatter={f.percentTick}
        />
        <Tooltip
          contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 }}
          labelStyle={{ color: "#cbd5e1" }}
          labelFormatter={(b) => {
            const p = points.find((x) => x.block === Number(b));
            return t("blockAt", { n: String(b), time: time(p?.timestamp ?? null, Number(b)) });
          }}
          formatter={(v, name) =>
            name === t("healthFactor")
              ? [hf(Number(v)), name]
              : name === t("collateralValue")
                ? [f.usdFloat(Number(v)), name]
                : [f.percentFloat(Number(v) / 100, 1), name]
          }
        />
        <ReferenceLine yAxisId="hf" y={1} stroke={LIQ} strokeDasharray="4 4" />
        <Line
          yAxisId="hf"
          type="stepAfter"
          dataKey="healthFactor"
          name={t("healthFactor")}
          stroke={HF}
          dot={{ r: 2 }}
          strokeWidth={2}
          connectNulls={false}
          isAnimationActive={false}
        />
        {history.source === "indexer" && (
          <YAxis yAxisId="usd" orientation="right" stroke={USD} fontSize={11} width={56} tickFormatter={f.usdCompact} />
        )}
        {history.source === "indexer" && (
          <Line
            yAxisId="usd"
            type="stepAfter"
            dataKey="collateralUsd"
            name={t("collateralValue")}
            stroke={USD}
            dot={{ r: 2 }}
            strokeWidth={2}
            isAnimationActive={false}
          />
        )}
        <Line
          yAxisId="d"
          hide={history.source === "indexer"}
          type="stepAfter"
          dataKey="distancePct"
          name={t("distance")}
          stroke={DIST}
          dot={{ r: 2 }}
          strokeWidth={2}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Legend wrapperStyle={{ fontSize: 11 }} />
      </LineChart>
    </ResponsiveContainer>
  );
}
