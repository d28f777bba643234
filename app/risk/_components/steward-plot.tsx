"use client";
import { useTranslations } from "next-intl";
import { LinePlot } from "@/components/plot";
import { useFormat } from "@/hooks/use-format";
import { niceTicks, TIME_STEPS, zeroBasedTicks } from "@/lib/view/chart-scale";

const SIGMA = "#38bdf8";
const LT = "#f59e0b";

/** steward-chart.tsx's drawing (components/plot.tsx's LinePlot, mounted when it comes near the screen). */
export function StewardPlot({ data, pct }: { data: { t: number; sigma: number; lt: number }[]; pct(x: number): string }) {
  const t = useTranslations("riskSteward");
  const f = useFormat();
  const first = data[0]?.t ?? 0;
  const last = data.at(-1)?.t ?? 0;
  const whole = (x: number) => f.percentTick(Math.round(x));
  return (
    <LinePlot
      rows={data}
      x={(p) => p.t}
      xDomain={[first, last]}
      xTicks={niceTicks(first, last, 4, TIME_STEPS)}
      // Month-day and UTC time, as the table's times are UTC.
      xLabel={(x) => new Date(x * 1000).toISOString().slice(5, 16).replace("T", " ")}
      left={{ ticks: zeroBasedTicks(Math.max(0, ...data.map((p) => p.sigma))), label: whole, color: SIGMA }}
      right={{ ticks: [50, 60, 70, 80, 90, 100], label: whole, color: LT }}
      series={[
        { key: "sigma", name: t("volatility"), color: SIGMA, width: 1.5, value: (p) => p.sigma, format: pct },
        { key: "lt", name: t("threshold"), color: LT, width: 1.5, step: true, right: true, value: (p) => p.lt, format: pct },
      ]}
      title={(p) => f.utc(p.t)}
    />
  );
}
