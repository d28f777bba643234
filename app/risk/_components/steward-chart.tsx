"use client";
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { NearViewport } from "@/components/chart-placeholder";
import { ChartTable, spread } from "@/components/chart-table";
import { useFormat } from "@/hooks/use-format";
import type { StewardCollateralRow } from "@/hooks/use-risk-steward";
import { wadToNumber } from "@/lib/engine/math";

// The drawing loads when it comes near the screen; the caption and text table render with the page.
const StewardPlot = dynamic(() => import("./steward-plot").then((m) => m.StewardPlot), { ssr: false });
const MAX_POINTS = 240;

/**
 * The liquidation threshold at time `t` from the steward's executed changes: the last one executed by `t`, the first
 * change's starting value before any, the current value without changes.
 */
function thresholdAt(c: StewardCollateralRow, t: number): number {
  const done = c.changes.filter((x) => x.executedAt > 0n).sort((a, b) => Number(a.executedAt - b.executedAt));
  let lt = done.length ? done[0]!.fromLt : c.inputs.current.liquidationThreshold;
  for (const x of done) if (Number(x.executedAt) <= t) lt = x.toLt;
  return wadToNumber(lt);
}

/** EWMA volatility of the collateral's feed against its liquidation threshold over time, with its text table. */
export function StewardChart({ c }: { c: StewardCollateralRow }) {
  const t = useTranslations("riskSteward");
  const f = useFormat();
  const data = useMemo(() => {
    const s = c.inputs.series;
    const step = Math.max(1, Math.ceil(s.length / MAX_POINTS));
    return s.filter((_, i) => i % step === 0 || i === s.length - 1).map((p) => ({ t: p.t, sigma: p.annual * 100, lt: thresholdAt(c, p.t) * 100 }));
  }, [c]);
  const pct = (x: number) => f.percentFloat(x / 100, 1); // σ and LT are in percent here
  if (data.length < 2) return <p className="text-xs text-slate-400">{t("chartEmpty")}</p>;
  return (
    <figure data-testid={`steward-chart-${c.inputs.symbol}`}>
      <figcaption className="mb-1 text-xs text-slate-400">{t("chartTitle", { asset: c.inputs.symbol })}</figcaption>
      <ChartTable
        caption={t("chartTitle", { asset: c.inputs.symbol })}
        columns={[t("time"), t("volatility"), t("threshold")]}
        rows={spread(data, 12).map((p) => [f.utc(p.t), pct(p.sigma), pct(p.lt)])}
      />
      <NearViewport height="h-48">
        <StewardPlot data={data} pct={pct} />
      </NearViewport>
    </figure>
  );
}
