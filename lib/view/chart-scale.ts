/**
 * A chart axis from 0 to a round top at or above `max`: its ticks in steps of 1, 2 or 5 × 10^k, about `count` of them
 * (`integers`: steps of at least 1, for counts). An empty or non-positive `max` gives the axis 0–1.
 */
export function zeroBasedTicks(max: number, count = 4, integers = false): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(
    integers ? 1 : 0,
    [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw * (1 - 1e-12))!,
  );
  const n = Math.ceil(max / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}
