"use client";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { linePath, lonePoints, nearestIndex, placeLabels } from "@/lib/view/chart-scale";

// The app's charts, drawn as plain SVG: recharts (its store and its measuring passes) cost hundreds of milliseconds of a
// phone's main thread for each chart it mounted; these draw in a few. `LinePlot` is every line chart (rates, liquidation
// levels, a market's and a vault's history, health against price, the steward's volatility); /risk's histogram and the
// vault's composition ring draw their own shapes with the same pieces.

export const GRID = "#1e293b";
export const AXIS = "#64748b";

/** The drawing's box: its width in CSS pixels, followed as the page resizes (the height is the box's, set by its parent). */
export function useBoxSize() {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () =>
      setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight ? s : { width: el.clientWidth, height: el.clientHeight }));
    read();
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, ...size };
}

/**
 * A plot's drawing, `width` × `height`: `at` is told where a pointer moves or a finger taps (a finger dragging up or down
 * still scrolls the page).
 */
export function PlotSvg({
  width,
  height,
  at,
  children,
}: {
  width: number;
  height: number;
  at(clientX: number, box: DOMRect): void;
  children: ReactNode;
}) {
  return (
    <svg
      width={width}
      height={height}
      className="block touch-pan-y"
      onPointerMove={(e) => at(e.clientX, e.currentTarget.getBoundingClientRect())}
      onPointerDown={(e) => at(e.clientX, e.currentTarget.getBoundingClientRect())}
    >
      {children}
    </svg>
  );
}

/**
 * The pointer-leave handler of a drawing with a hover box: a mouse that leaves clears the box; a finger does not. A
 * touch fires pointerleave as it lifts, so clearing then showed a tapped point's figures only while the finger was down.
 * A tap elsewhere on the drawing moves the box.
 */
export const clearOnMouseLeave =
  (clear: () => void) =>
  (e: { pointerType: string }): void => {
    if (e.pointerType === "mouse") clear();
  };

/**
 * The hover / tap box over a drawing: the lines of the point under the pointer, beside it on the side with room; on a
 * drawing too narrow for it beside the point (a phone), as near the point as the drawing's width allows.
 */
export function PlotTooltip({ x, width, children }: { x: number; width: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // Placed once its own width is known, before the browser paints it: no state, no second render.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const w = el.offsetWidth;
    const left = x + 8 + w <= width ? x + 8 : x - 8 - w >= 0 ? x - 8 - w : Math.min(Math.max(0, x - w / 2), Math.max(0, width - w));
    el.style.left = `${left}px`;
    el.style.visibility = "visible";
  });
  return (
    <div
      ref={box}
      className="pointer-events-none invisible absolute top-2 z-10 w-max max-w-full rounded-lg border border-slate-700 bg-slate-900 px-2.5 py-1.5 text-xs text-slate-100 shadow-lg"
    >
      {children}
    </div>
  );
}

/**
 * The left margin a y axis's labels need (fontSize 11: about 6.6 px a character, letters and digits alike, plus the 6 px
 * gap): "40 mil US$" in Spanish is wider than "$40K", and a fixed margin cut its first digits off ("0 mil US$").
 */
export const axisWidth = (labels: string[], min: number) => Math.max(min, Math.ceil(Math.max(0, ...labels.map((l) => l.length)) * 6.6) + 10);

/** A horizontal-line grid and the y axis's labels (`ticks` from its bottom up, `y` their positions). */
export function YAxis({
  ticks,
  y,
  left,
  right,
  label,
  color = AXIS,
}: {
  ticks: number[];
  y(v: number): number;
  left: number;
  right: number;
  label(v: number): string;
  /** The labels' colour: the axis's series' when a plot has two. */
  color?: string;
}) {
  return (
    <g fontSize={11} fill={color}>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={y(v)} y2={y(v)} stroke={GRID} strokeDasharray="3 3" />
          <text x={left - 6} y={y(v)} dy="0.32em" textAnchor="end">
            {label(v)}
          </text>
        </g>
      ))}
      <line x1={left} x2={left} y1={y(ticks.at(-1)!)} y2={y(ticks[0]!)} stroke={AXIS} />
    </g>
  );
}

/** A y axis of a line plot: its ticks (the first and the last are its ends) and their labels. */
export interface PlotAxis {
  ticks: number[];
  label(v: number): string;
  /** The labels' colour (the axis's series, when a plot has two axes). */
  color?: string;
  /** The narrowest margin its labels get. */
  min?: number;
}

/** One line of a plot: its value in each row (null: a gap), on the left axis or the right. */
export interface PlotSeries<R> {
  key: string;
  name: string;
  color: string;
  value(row: R): number | null;
  /** The value as the hover box says it. */
  format(v: number): string;
  right?: boolean;
  width?: number;
  dash?: string;
  /** Flat until the next row (a value that holds until it changes: a block's state). */
  step?: boolean;
  /** A dot at each row (sampled figures, few of them). */
  dots?: boolean;
}

/**
 * A reference line across the plot: vertical at `x`, its label above the plot (`top`), inside near its top or near its
 * bottom, on the side with room; or horizontal at `y` (the right axis's with `right`), its label at its left end.
 */
export type PlotMark = { color: string; dash?: string; label?: string } & (
  { x: number; place?: "top" | "inside" | "bottom" } | { y: number; right?: boolean }
);

/**
 * A line chart: rows along a numeric x (ascending), one or two y axes, reference lines and dots, a legend, and the
 * nearest row's figures on hover or tap (`title` heads them). The x ticks' labels thin out where they would touch.
 */
export function LinePlot<R>({
  rows,
  x,
  xTicks,
  xLabel,
  xDomain = [xTicks[0] ?? 0, xTicks.at(-1) ?? 1],
  left,
  right,
  series,
  marks = [],
  dots = [],
  title,
}: {
  rows: R[];
  x(row: R): number;
  xTicks: number[];
  xLabel(v: number): string;
  xDomain?: [number, number];
  left: PlotAxis;
  right?: PlotAxis;
  series: PlotSeries<R>[];
  marks?: PlotMark[];
  dots?: { x: number; y: number; right?: boolean; color: string }[];
  title(row: R): string;
}) {
  const { ref, width, height } = useBoxSize();
  // The row under the pointer, kept with the rows it indexes: new rows (another asset's curve, a refetch) drop it.
  const [pointed, setPointed] = useState<{ rows: R[]; index: number } | null>(null);
  const hover = pointed && pointed.rows === rows && pointed.index < rows.length ? pointed.index : null;
  const setHover = (index: number | null) => setPointed(index === null ? null : { rows, index });
  const labelled = marks.some((k) => "x" in k && k.label && (k.place ?? "top") === "top");
  const m = {
    top: labelled ? 18 : 10,
    right: right ? axisWidth(right.ticks.map(right.label), right.min ?? 36) : 20,
    bottom: 22,
    left: axisWidth(left.ticks.map(left.label), left.min ?? 36),
  };
  const plotW = Math.max(0, width - m.left - m.right);
  const plotH = Math.max(0, height - m.top - m.bottom);
  const [x0, x1] = xDomain;
  const px = (v: number) => m.left + (x1 > x0 ? (plotW * (v - x0)) / (x1 - x0) : plotW / 2);
  const scale = (axis: PlotAxis) => {
    const lo = axis.ticks[0] ?? 0;
    const hi = axis.ticks.at(-1) ?? 1;
    return (v: number) => m.top + plotH * (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo || 1));
  };
  const yLeft = scale(left);
  const yRight = right ? scale(right) : yLeft;
  const yOf = (onRight?: boolean) => (onRight ? yRight : yLeft);
  const bottom = m.top + plotH;
  const xs = rows.map(x);
  const at = (clientX: number, box: DOMRect) => {
    if (!(plotW > 0)) return;
    setHover(nearestIndex(xs, x0 + ((clientX - box.left - m.left) / plotW) * (x1 - x0), x0, x1));
  };
  // A label where the widest fits between two ticks (about 6.6 px a character at 11 px), else every second, third…
  const labelWidth = (text: string) => text.length * 6.6;
  const spacing = xTicks.length > 1 ? Math.abs(px(xTicks[1]!) - px(xTicks[0]!)) : plotW;
  const every = Math.max(1, Math.ceil((Math.max(0, ...xTicks.map((v) => labelWidth(xLabel(v)))) + 8) / Math.max(1, spacing)));
  // The labels shown, each centred under its tick or shifted in from an edge that would cut it ("6.000 US$" at the right
  // end), one that would then touch its neighbour left out (lib/view/chart-scale.ts placeLabels).
  const shownTicks = xTicks.filter((_, i) => i % every === 0);
  const labelX = new Map(
    placeLabels(
      shownTicks.map((v) => ({ at: px(v), width: labelWidth(xLabel(v)) })),
      width,
    ).map((x, i) => [shownTicks[i]!, x]),
  );
  // The rows' x, and each series' rows' y (null: a gap), in pixels: once per render, for the lines, the dots and the hover.
  const xp = xs.map(px);
  const pixels = series.map((s) => {
    const y = yOf(s.right);
    return rows.map((r) => {
      const v = s.value(r);
      return v === null || !Number.isFinite(v) ? null : y(v);
    });
  });
  const shown = hover === null ? null : rows[hover];
  return (
    // The drawing takes what the legend leaves of the box (a legend of five names wraps on a phone).
    <div className="relative flex h-full w-full flex-col" onPointerLeave={clearOnMouseLeave(() => setHover(null))}>
      <div ref={ref} className="min-h-0 flex-1">
        {width > 0 && (
          <PlotSvg width={width} height={height} at={at}>
            <YAxis ticks={left.ticks} y={yLeft} left={m.left} right={m.left + plotW} label={left.label} color={left.color} />
            {right && (
              <g fontSize={11} fill={right.color ?? AXIS}>
                {right.ticks.map((v) => (
                  <text key={v} x={m.left + plotW + 6} y={yRight(v)} dy="0.32em">
                    {right.label(v)}
                  </text>
                ))}
              </g>
            )}
            <g fontSize={11} fill={AXIS}>
              {xTicks.map((v) => (
                <g key={v}>
                  <line x1={px(v)} x2={px(v)} y1={m.top} y2={bottom} stroke={GRID} strokeDasharray="3 3" />
                  {labelX.get(v) != null && (
                    <text x={labelX.get(v)!} y={bottom + 15} textAnchor="middle">
                      {xLabel(v)}
                    </text>
                  )}
                </g>
              ))}
            </g>
            <line x1={m.left} x2={m.left + plotW} y1={bottom} y2={bottom} stroke={AXIS} />
            {marks.map((k, i) => {
              if ("y" in k) {
                const y = yOf(k.right)(k.y);
                return (
                  <g key={i}>
                    <line x1={m.left} x2={m.left + plotW} y1={y} y2={y} stroke={k.color} strokeDasharray={k.dash} />
                    {k.label && (
                      <text x={m.left + 4} y={y - 4} fontSize={10} fill={k.color}>
                        {k.label}
                      </text>
                    )}
                  </g>
                );
              }
              const at = px(k.x);
              const place = k.place ?? "top";
              // Inside the plot the label goes on the side with room, so it never sits on the axis labels.
              const leftward = at > m.left + plotW * 0.85;
              return (
                <g key={i}>
                  <line x1={at} x2={at} y1={m.top} y2={bottom} stroke={k.color} strokeDasharray={k.dash} />
                  {k.label && (
                    <text
                      x={place === "top" ? at : leftward ? at - 5 : at + 5}
                      y={place === "top" ? m.top - 5 : place === "inside" ? m.top + 12 : bottom - 5}
                      textAnchor={place === "top" ? "middle" : leftward ? "end" : "start"}
                      fontSize={11}
                      fill={k.color}
                    >
                      {k.label}
                    </text>
                  )}
                </g>
              );
            })}
            {series.map((s, k) => (
              <path
                key={s.key}
                d={linePath(xp, pixels[k]!, s.step)}
                fill="none"
                stroke={s.color}
                strokeWidth={s.width ?? 2}
                strokeDasharray={s.dash}
                data-series={s.key}
              />
            ))}
            {/* A dot at every row of a sampled series, and at a row with no neighbour to draw a line to (a single point). */}
            {series.map((s, k) => {
              const ys = pixels[k]!;
              return (s.dots ? ys.flatMap((y, i) => (y === null ? [] : [i])) : lonePoints(ys)).map((i) => (
                <circle key={`${s.key}-${i}`} cx={xp[i]} cy={ys[i]!} r={2} fill={s.color} />
              ));
            })}
            {dots.map((d, i) => (
              <circle key={i} cx={px(d.x)} cy={yOf(d.right)(d.y)} r={4} fill={d.color} stroke="#0f172a" />
            ))}
            {hover !== null && <line x1={xp[hover]} x2={xp[hover]} y1={m.top} y2={bottom} stroke="#94a3b8" />}
          </PlotSvg>
        )}
      </div>
      <div className="flex min-h-5 flex-wrap items-center justify-center gap-x-4 text-xs text-slate-300">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <svg width="14" height="4" aria-hidden>
              <line x1="0" x2="14" y1="2" y2="2" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} />
            </svg>
            {s.name}
          </span>
        ))}
      </div>
      {shown && hover !== null && (
        <PlotTooltip x={xp[hover]!} width={width}>
          <div className="text-slate-300">{title(shown)}</div>
          {series.map((s) => {
            const v = s.value(shown);
            return (
              <div key={s.key} style={{ color: s.color }}>
                {s.name}: {v === null || !Number.isFinite(v) ? "—" : s.format(v)}
              </div>
            );
          })}
        </PlotTooltip>
      )}
    </div>
  );
}
