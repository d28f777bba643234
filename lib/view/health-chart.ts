import { CHART_HEALTH_CAP } from "@/lib/analytics/vault-charts";
import type { Formatter } from "./format";

/** A health factor on a chart's axis: `≥5` at the cap the charts draw to (lib/analytics/vault-charts.ts). */
export const healthTick = (f: Formatter) => (v: number) => (v >= CHART_HEALTH_CAP ? `≥${f.tick(v)}` : f.tick(v));

/** A charted health factor as text (a hover box, a chart's table): two decimals, `≥ 5` at the cap. */
export const healthText = (f: Formatter) => (v: number) => (v >= CHART_HEALTH_CAP ? `≥ ${f.tick(CHART_HEALTH_CAP)}` : f.number(v, 2));

/** A chart's health-factor line (a components/plot.tsx series) over rows that carry one (null: a gap). */
export const healthSeries = (name: string, color: string, f: Formatter) => ({
  key: "healthFactor",
  name,
  color,
  value: (row: { healthFactor: number | null }) => row.healthFactor,
  format: healthText(f),
});
