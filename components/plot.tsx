"use client";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

// The pieces of the app's plain-SVG charts (/risk's first screen, /markets' rate curve): recharts (the app's largest
// library, its store and its measuring passes) costs hundreds of milliseconds of a phone's main thread per chart it
// mounts; these draw in a few.

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
 * The pointer-leave handler of a drawing with a hover box: a mouse that leaves clears the box; a finger does not. A
 * touch fires pointerleave as it lifts, so clearing then showed a tapped point's figures only while the finger was down.
 * A tap elsewhere on the drawing moves the box.
 */
export const clearOnMouseLeave =
  (clear: () => void) =>
  (e: { pointerType: string }): void => {
    if (e.pointerType === "mouse") clear();
  };

/** The hover / tap box over a drawing: the lines of the point under the pointer, beside it. */
export function PlotTooltip({ x, width, children }: { x: number; width: number; children: ReactNode }) {
  const right = x > width / 2;
  return (
    <div
      className="pointer-events-none absolute top-2 z-10 whitespace-nowrap rounded-lg border border-slate-700 bg-slate-900 px-2.5 py-1.5 text-xs text-slate-100 shadow-lg"
      style={right ? { right: width - x + 8 } : { left: x + 8 }}
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

/** A horizontal-line grid and the y axis's labels (`ticks` from 0 up, `y` their positions). */
export function YAxis({
  ticks,
  y,
  left,
  right,
  label,
}: {
  ticks: number[];
  y(v: number): number;
  left: number;
  right: number;
  label(v: number): string;
}) {
  return (
    <g fontSize={11} fill={AXIS}>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={y(v)} y2={y(v)} stroke={GRID} strokeDasharray="3 3" />
          <text x={left - 6} y={y(v)} dy="0.32em" textAnchor="end">
            {label(v)}
          </text>
        </g>
      ))}
      <line x1={left} x2={left} y1={y(ticks.at(-1)!)} y2={y(0)} stroke={AXIS} />
    </g>
  );
}
