"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useState } from "react";
import { NearViewport } from "@/components/chart-placeholder";
import { ChartTable, spread } from "@/components/chart-table";
import { useFormat } from "@/hooks/use-format";
import { CHART_HEALTH_CAP, type HealthCurve } from "@/lib/analytics/vault-charts";
import { wadToNumber } from "@/lib/engine/math";
import { healthText } from "@/lib/view/health-chart";

export const NOW = "#38bdf8";
export const LIQ = "#f43f5e";
export const CURVE = "#a78bfa";
export const SAFE = "#f59e0b";

// The drawing loads when it comes near the screen; the figures and the text table render with the page.
const HealthPricePlot = dynamic(() => import("./health-price-plot").then((m) => m.HealthPricePlot), { ssr: false });

/**
 * A position's health factor against the price of one collateral (others held) — any protocol: the caller gives each
 * held, priced collateral and the curve its protocol's math draws (lib/vault-charts for Keel, lib/protocols/preview for
 * Aave and Morpho); today's price and the liquidation price marked, with HF 1 and the safety level as horizontal lines.
 */
export function HealthPriceChart({
  held,
  curveFor,
  hasDebt,
  safety,
}: {
  /** The collaterals held with a price. */
  held: { address: `0x${string}`; symbol: string }[];
  curveFor: (asset: `0x${string}`) => HealthCurve | null;
  hasDebt: boolean;
  safety: bigint;
}) {
  const t = useTranslations("charts");
  const f = useFormat();
  const usd = f.usdFloat;
  const [chosen, setChosen] = useState<`0x${string}` | null>(null);
  const asset = held.find((a) => a.address === chosen) ?? held[0];
  const curve = asset && hasDebt ? curveFor(asset.address) : null;
  if (!asset || !curve || !hasDebt) {
    return (
      <figure className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="health-price-chart">
        <figcaption className="text-xs font-medium uppercase tracking-wide text-slate-400">{t("healthVsPrice")}</figcaption>
        <p className="mt-6 text-sm text-slate-400">{!hasDebt ? t("noDebt") : t("noPricedChart")}</p>
      </figure>
    );
  }
  const safetyNum = Math.min(CHART_HEALTH_CAP, wadToNumber(safety));
  return (
    <figure className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="health-price-chart">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-400">
        <span className="font-medium uppercase tracking-wide">{t("healthVs", { asset: asset.symbol })}</span>
        <span className="flex gap-1">
          {held.map((a) => (
            <button
              key={a.address}
              type="button"
              aria-pressed={a === asset}
              onClick={() => setChosen(a.address)}
              className={`min-h-11 rounded px-2 py-0.5 md:min-h-0 ${a === asset ? "bg-slate-700 text-white" : "text-slate-400 hover:text-white"}`}
            >
              {a.symbol}
            </button>
          ))}
        </span>
      </figcaption>
      <div className="mb-1 text-xs text-slate-400">
        <span style={{ color: NOW }}>{t("today", { price: usd(curve.price) })}</span>
        {curve.liquidationPrice > 0 && (
          <>
            {" · "}
            <span style={{ color: LIQ }}>{t("liquidation", { price: usd(curve.liquidationPrice) })}</span>
          </>
        )}
      </div>
      <ChartTable
        testId="health-price-table"
        caption={t("healthVs", { asset: asset.symbol })}
        columns={[t("priceOf", { asset: asset.symbol }), t("healthFactor")]}
        rows={spread(curve.points).map((p) => [usd(p.price), healthText(f)(p.healthFactor)])}
      />
      <NearViewport height="h-60">
        <HealthPricePlot symbol={asset.symbol} curve={curve} safetyNum={safetyNum} />
      </NearViewport>
    </figure>
  );
}
