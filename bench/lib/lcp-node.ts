/** A trace event, as far as the bench's readers of Lighthouse traces need one. */
export interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { nodeName?: string; isMainFrame?: boolean } };
}

/** A trace's events (none for anything that is not a trace). */
export const traceEvents = (trace: unknown): TraceEvent[] => (trace as { traceEvents?: TraceEvent[] } | undefined)?.traceEvents ?? [];

/** The observed largest paint: the trace's last main-frame LCP candidate. */
export function largestPaintOf(trace: unknown): TraceEvent | undefined {
  return traceEvents(trace)
    .filter((e) => e.name === "largestContentfulPaint::Candidate" && e.args?.data?.isMainFrame)
    .at(-1);
}

/**
 * The largest paint's element as Chromium's trace names it (tag and class): Lighthouse 12.2.3's own element audit fails
 * with Debian's Chromium ("Dependency \"RootCauses\" failed … 'frame_sequence'"), so this reads the trace's last
 * main-frame LCP candidate instead.
 */
export function lcpNodeOf(trace: unknown): string | null {
  return largestPaintOf(trace)?.args?.data?.nodeName ?? null;
}
