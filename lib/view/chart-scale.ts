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

/**
 * Ticks inside `[min, max]` for an axis that does not start at 0 (blocks, times): multiples of a round step — 1, 2 or
 * 5 × 10^k, or the first of `steps` (ascending; seconds for a time axis) that gives at most about `count` of them. An
 * empty or reversed range gives its one end.
 */
export function niceTicks(min: number, max: number, count = 5, steps?: number[]): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) return Number.isFinite(min) ? [min] : [];
  const raw = (max - min) / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = steps?.find((s) => s >= raw) ?? [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw * (1 - 1e-12))!;
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/** Seconds a time axis steps by: a minute to a week. */
export const TIME_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];
