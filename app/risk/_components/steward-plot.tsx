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
  const ticks = niceTicks(first, last, 4, { steps: TIME_STEPS });
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : last - first;
  // UTC, as the table's times: month-day and time; the day alone for steps of a day or more; the year too past a year.
  const timeLabel = (x: number) => {
    const iso = new Date(x * 1000).toISOString();
    return last - first > 31_536_000 ? iso.slice(0, 10) : step >= 86_400 ? iso.slice(5, 10) : iso.slice(5, 16).replace("T", " ");
  };
  // The threshold's axis: 50–100 %, lower when a threshold is below 50 % (a value off the axis would be drawn at its end).
  const ltFloor = Math.min(50, Math.floor(Math.min(...data.map((p) => p.lt)) / 10) * 10);
  return (
    <LinePlot
      rows={data}
      x={(p) => p.t}
      xDomain={[first, last]}
      xTicks={ticks}
      xLabel={timeLabel}
      // Whole-percent steps: labels rounded to a whole percent would repeat at half-percent steps.
      left={{ ticks: zeroBasedTicks(Math.max(0, ...data.map((p) => p.sigma)), 4, true), label: whole, color: SIGMA }}
      right={{ ticks: niceTicks(Math.max(0, ltFloor), 100, 5), label: whole, color: LT }}
      series={[
        { key: "sigma", name: t("volatility"), color: SIGMA, width: 1.5, value: (p) => p.sigma, format: pct },
        { key: "lt", name: t("threshold"), color: LT, width: 1.5, step: true, right: true, value: (p) => p.lt, format: pct },
      ]}
      title={(p) => f.utc(p.t)}
    />
  );
}
