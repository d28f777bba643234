"use client";
import { useState } from "react";
import { clearOnMouseLeave, PlotTooltip } from "@/components/plot";
import { useFormat } from "@/hooks/use-format";
import { COLORS } from "./composition-chart";

/** One slice of a ring centred on (0, 0), from angle `a0` to `a1` (radians, clockwise from the top). */
function slice(a0: number, a1: number, inner: number, outer: number): string {
  // A whole ring is two halves: an arc from a point back to itself draws nothing.
  // Also a slice all but whole (beside dust): its ends would round to one point, and an arc between them draws nothing.
  if (a1 - a0 >= 2 * Math.PI - 1e-3) return `${slice(0, Math.PI, inner, outer)}${slice(Math.PI, 2 * Math.PI, inner, outer)}`;
  const p = (r: number, a: number) => `${(r * Math.sin(a)).toFixed(2)},${(-r * Math.cos(a)).toFixed(2)}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${p(outer, a0)}A${outer},${outer} 0 ${large} 1 ${p(outer, a1)}L${p(inner, a1)}A${inner},${inner} 0 ${large} 0 ${p(inner, a0)}Z`;
}

/** composition-chart.tsx's drawing: the collaterals' shares as a ring (mounted when it comes near the screen). */
export function CompositionPlot({ data, values }: { data: { key: string; value: number; pct: number }[]; values: Map<string, bigint> }) {
  const formatUsd = useFormat().usd;
  const [hover, setHover] = useState<number | null>(null);
  const total = data.reduce((a, d) => a + d.value, 0);
  // Each slice starts where the ones before it end.
  const ends = data.map((_, i) => (total > 0 ? (2 * Math.PI * data.slice(0, i + 1).reduce((a, d) => a + d.value, 0)) / total : 0));
  const slices = data.map((d, i) => ({ ...d, a0: i ? ends[i - 1]! : 0, a1: ends[i]! }));
  const shown = hover === null ? null : slices[hover];
  return (
    <div className="relative h-full w-full" onPointerLeave={clearOnMouseLeave(() => setHover(null))}>
      <svg viewBox="-88 -88 176 176" className="block h-full w-full touch-pan-y">
        {slices.map((s, i) => (
          <path
            key={s.key}
            d={slice(s.a0, s.a1, 45, 75)}
            fill={COLORS[i % COLORS.length]}
            // A line between slices; a whole ring (one collateral) has none, else its two halves would show a seam.
            stroke={slices.length > 1 ? "#0f172a" : "none"}
            opacity={hover === null || hover === i ? 1 : 0.6}
            onPointerEnter={() => setHover(i)}
            onPointerDown={() => setHover(i)}
          />
        ))}
      </svg>
      {shown && (
        <PlotTooltip x={88} width={176}>
          <div className="text-slate-300">{shown.key}</div>
          <div>{formatUsd(values.get(shown.key) ?? 0n)}</div>
        </PlotTooltip>
      )}
    </div>
  );
}
