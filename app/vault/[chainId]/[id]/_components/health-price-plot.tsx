"use client";
import { useTranslations } from "next-intl";
import { LinePlot } from "@/components/plot";
import { useFormat } from "@/hooks/use-format";
import { CHART_HEALTH_CAP, type CurvePoint, type HealthCurve } from "@/lib/analytics/vault-charts";
import { zeroBasedTicks } from "@/lib/view/chart-scale";
import { healthSeries, healthTick } from "@/lib/view/health-chart";
import { CURVE, LIQ, NOW, SAFE } from "./health-price-chart";

/** health-price-chart.tsx's drawing (components/plot.tsx's LinePlot, mounted when it comes near the screen). */
export function HealthPricePlot({ symbol, curve, safetyNum }: { symbol: string; curve: HealthCurve; safetyNum: number }) {
  const t = useTranslations("charts");
  const f = useFormat();
  const maxPrice = Math.max(0, ...curve.points.map((p) => p.price));
  // High enough for the curve and the safety line (a line above the axis's top would be drawn at the top).
  const top = Math.min(CHART_HEALTH_CAP, Math.max(2, Math.ceil(Math.max(safetyNum, ...curve.points.map((p) => p.healthFactor)))));
  return (
    <LinePlot<CurvePoint>
      rows={curve.points}
      x={(p) => p.price}
      xDomain={[0, maxPrice]}
      xTicks={zeroBasedTicks(maxPrice).filter((v) => v <= maxPrice)}
      xLabel={f.usdTick}
      left={{ ticks: zeroBasedTicks(top, 5), label: healthTick(f) }}
      series={[healthSeries(t("healthFactor"), CURVE, f)]}
      marks={[
        { y: 1, color: LIQ, dash: "4 4", label: t("healthOne") },
        { y: safetyNum, color: SAFE, dash: "2 4" },
        { x: curve.price, color: NOW, label: t("todayShort") },
        ...(curve.liquidationPrice > 0 ? [{ x: curve.liquidationPrice, color: LIQ, label: t("liquidationShort"), place: "bottom" as const }] : []),
      ]}
      title={(p) => t("at", { asset: symbol, price: f.usdFloat(p.price) })}
    />
  );
}
