import { largestPaintOf, traceEvents } from "./lcp-node";

/**
 * How long the page's style and layout took before its largest paint, on the clock and on the CPU: the
 * renderer main thread's `UpdateLayoutTree` and `Layout` events of the trace (their `dur` against their thread time,
 * `tdur`). The difference is time the main thread slept inside them. On Linux every font strike a layout meets for the
 * first time is a synchronous request the renderer sends through a sequence of its own thread pool; while V8 compiles
 * the page's streamed scripts on every worker of that pool, the request waits for one to finish (docs/performance.md,
 * 2026-12-06, twenty-ninth session). Lantern scales a task that laid out by 2× on a phone, so a wait of 150 ms there
 * becomes ~300 ms of blocking time and pushes the first paint past the scripts' downloads.
 */
export function layoutWaitOf(trace: unknown): { wallMs: number; cpuMs: number } {
  const paint = largestPaintOf(trace);
  if (!paint) return { wallMs: NaN, cpuMs: NaN };
  const until = paint.ts ?? Infinity;
  const events = traceEvents(trace);
  // The page's renderer (the process that painted), its main thread.
  const main = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain" && e.pid === paint.pid)
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let wall = 0;
  let cpu = 0;
  for (const e of events) {
    if (e.ph !== "X" || (e.name !== "Layout" && e.name !== "UpdateLayoutTree") || !main.has(`${e.pid}:${e.tid}`)) continue;
    if ((e.ts ?? Infinity) > until) continue;
    wall += e.dur ?? 0;
    cpu += e.tdur ?? 0;
  }
  return { wallMs: Math.round(wall / 1000), cpuMs: Math.round(cpu / 1000) };
}
