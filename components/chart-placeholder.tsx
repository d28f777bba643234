/**
 * The box a chart takes while its code loads: charts (recharts, the largest library of the app) are loaded after the
 * page is interactive (`next/dynamic`), so the figures above them show first; the box keeps the layout from jumping.
 */
export function ChartPlaceholder({ height = "h-72" }: { height?: string }) {
  return <div className={`${height} rounded-xl border border-slate-800 bg-slate-900/40`} aria-hidden />;
}
