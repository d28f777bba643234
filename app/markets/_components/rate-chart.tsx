"use client";
import { memo, useMemo } from "react";
import { useTranslations } from "next-intl";
import { ChartTable } from "@/components/chart-table";
import { LinePlot } from "@/components/plot";
import { useFormat } from "@/hooks/use-format";
import { rateCurve, toChartPercent } from "@/lib/engine/rates";
import { zeroBasedTicks } from "@/lib/view/chart-scale";
import type { LensMarket } from "@/lib/read/vaults";

const BORROW = "#f472b6";
const SUPPLY = "#34d399";
const KINK = "#f59e0b";
const NOW = "#38bdf8";

/**
 * Borrow and supply APR against utilisation 0–100 %, from lib/engine/rates.ts (the engine's model), with the kink and
 * today's utilisation marked (components/plot.tsx's LinePlot).
 */
export const RateChart = memo(function RateChart({ market }: { market: LensMarket }) {
  const t = useTranslations("rateChart");
  const f = useFormat();
  const pct = (v: number) => f.percentFloat(v / 100); // the chart plots percent
  const data = useMemo(
    () =>
      rateCurve(market.rateModel, market.reserveFactor, 100).map((p) => ({
        u: toChartPercent(p.utilization),
        borrow: toChartPercent(p.borrowRate, true),
        supply: toChartPercent(p.supplyRate, true),
      })),
    [market.rateModel, market.reserveFactor],
  );
  const kink = toChartPercent(market.rateModel.kink);
  const now = toChartPercent(market.utilization);
  return (
    <figure className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="rate-chart">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-400">
        <span className="font-medium uppercase tracking-wide">{t("title")}</span>
        <span>
          {t.rich("summary", {
            kink: f.percent(market.rateModel.kink, 0),
            now: f.percent(market.utilization),
            borrow: f.apr(market.borrowRate),
            supply: f.apr(market.supplyRate),
            k: (c) => <span style={{ color: KINK }}>{c}</span>,
            n: (c) => <span style={{ color: NOW }}>{c}</span>,
          })}
        </span>
      </figcaption>
      <ChartTable
        caption={t("title")}
        columns={[t("utilization"), t("borrowApr"), t("supplyApr")]}
        rows={data.filter((p) => p.u % 10 === 0 || p.u === kink).map((p) => [pct(p.u), pct(p.borrow), pct(p.supply)])}
      />
      <div className="h-60" aria-hidden>
        <RatePlot
          data={data}
          kink={kink}
          now={now}
          nowBorrow={toChartPercent(market.borrowRate, true)}
          nowSupply={toChartPercent(market.supplyRate, true)}
        />
      </div>
    </figure>
  );
});

type RatePoint = { u: number; borrow: number; supply: number };

/** The curve's drawing: the two APR lines, the kink and today's utilisation, and the nearest point under the pointer. */
function RatePlot({ data, kink, now, nowBorrow, nowSupply }: { data: RatePoint[]; kink: number; now: number; nowBorrow: number; nowSupply: number }) {
  const t = useTranslations("rateChart");
  const f = useFormat();
  const pct = (v: number) => f.percentFloat(v / 100);
  return (
    <LinePlot
      rows={data}
      x={(p) => p.u}
      xTicks={[0, 20, 40, 60, 80, 100]}
      xLabel={f.percentTick}
      left={{ ticks: zeroBasedTicks(Math.max(0, ...data.map((p) => p.borrow))), label: f.percentTick, min: 44 }}
      series={[
        { key: "borrow", name: t("borrowApr"), color: BORROW, value: (p) => p.borrow, format: pct },
        { key: "supply", name: t("supplyApr"), color: SUPPLY, value: (p) => p.supply, format: pct },
      ]}
      marks={[
        { x: kink, color: KINK, dash: "4 4", label: t("kink") },
        { x: now, color: NOW, label: t("now"), place: "inside" },
      ]}
      dots={[
        { x: now, y: nowBorrow, color: BORROW },
        { x: now, y: nowSupply, color: SUPPLY },
      ]}
      title={(p) => `${t("utilization")} ${pct(p.u)}`}
    />
  );
}
