/**
 * The largest paint's element as Chromium's trace names it (tag and class): Lighthouse 12.2.3's own element audit fails
 * with Debian's Chromium ("Dependency \"RootCauses\" failed … 'frame_sequence'"), so this reads the trace's last
 * main-frame LCP candidate instead.
 */
export function lcpNodeOf(trace: unknown): string | null {
  type Event = { name?: string; args?: { data?: { nodeName?: string; isMainFrame?: boolean } } };
  const events = ((trace as { traceEvents?: Event[] } | undefined)?.traceEvents ?? []).filter(
    (e) => e.name === "largestContentfulPaint::Candidate" && e.args?.data?.isMainFrame,
  );
  return events.at(-1)?.args?.data?.nodeName ?? null;
}
