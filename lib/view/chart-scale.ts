/** The round step (1, 2 or 5 × 10^k) at or above `raw`; at least 1 with `integers`. */
function roundStep(raw: number, integers: boolean): number {
  const pow = 10 ** Math.floor(Math.log10(raw));
  return Math.max(
    integers ? 1 : 0,
    [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw * (1 - 1e-12))!,
  );
}

/**
 * A chart axis from 0 to a round top at or above `max`: its ticks in steps of 1, 2 or 5 × 10^k, about `count` of them
 * (`integers`: steps of at least 1, for counts). An empty or non-positive `max` gives the axis 0–1.
 */
export function zeroBasedTicks(max: number, count = 4, integers = false): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const step = roundStep(max / count, integers);
  const n = Math.ceil(max / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/**
 * Ticks inside `[min, max]` for an axis that does not start at 0 (blocks, times): multiples of a round step — 1, 2 or
 * 5 × 10^k, or the first of `steps` (ascending; seconds for a time axis) that gives at most about `count` of them
 * (`integers`: steps of at least 1, for block numbers). An empty or reversed range gives its one end.
 */
export function niceTicks(min: number, max: number, count = 5, { steps, integers = false }: { steps?: number[]; integers?: boolean } = {}): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) return Number.isFinite(min) ? [min] : [];
  const raw = (max - min) / count;
  // A range shorter than the first of `steps` (under a minute of time), or longer than the last, steps by round numbers.
  const step = (raw >= (steps?.[0] ?? Infinity) ? steps?.find((s) => s >= raw) : undefined) ?? roundStep(raw, integers);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/** Seconds a time axis steps by: a minute to a year (past a year, round numbers of seconds). */
export const TIME_STEPS = [
  60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000, 7776000, 15552000, 31536000,
];

/**
 * An SVG path through points already in pixels (`ys[i]` null: a gap, which breaks the line): straight segments, or with
 * `step` flat until the next point and then straight up or down to it (a value that holds until it changes).
 */
export function linePath(xs: number[], ys: (number | null)[], step = false): string {
  let d = "";
  let open = false;
  xs.forEach((x, i) => {
    const y = ys[i];
    if (y === null || y === undefined || !Number.isFinite(y) || !Number.isFinite(x)) return void (open = false);
    d += open ? (step ? `H${x}V${y}` : `L${x},${y}`) : `M${x},${y}`;
    open = true;
  });
  return d;
}

/** The points a line leaves unseen: a value with no neighbour to draw a line to (the only point, or between gaps). */
export function lonePoints(ys: (number | null)[]): number[] {
  const has = (i: number) => i >= 0 && i < ys.length && Number.isFinite(ys[i] ?? Number.NaN);
  return ys.flatMap((_, i) => (has(i) && !has(i - 1) && !has(i + 1) ? [i] : []));
}

/** Where the pointer is over a plot: the row whose x is nearest `value` (`xs` ascending), or null outside `[lo, hi]`. */
export function nearestIndex(xs: number[], value: number, lo: number, hi: number): number | null {
  const slack = (hi - lo) * 0.02;
  if (!xs.length || !(value >= lo - slack && value <= hi + slack)) return null;
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - value) < Math.abs(xs[best]! - value)) best = i;
  return best;
}

/**
 * Stroke widths for `count` lines that may lie on one another (step lines of equal values): the first drawn widest, each
 * next one `step` px thinner (less when that would make the first wider than `max`), the last `base` px, so a line
 * covered by a later one still shows as a rim around it.
 */
export function rimWidths(count: number, base = 2, step = 2, max = 8): number[] {
  const by = count > 1 ? Math.min(step, (max - base) / (count - 1)) : step;
  return Array.from({ length: Math.max(0, count) }, (_, i) => base + by * (count - 1 - i));
}

/**
 * Where to centre each axis label (`at`: its tick, `width`: its estimated width) so that none is cut at the drawing's
 * edges (0 to `bound`): shifted inward when it would be. A label that would then touch the one kept before it (`gap`
 * px apart at least) is left out (null); the last label is kept before its neighbour.
 */
export function placeLabels(labels: { at: number; width: number }[], bound: number, gap = 4): (number | null)[] {
  const x = labels.map(({ at, width }) => Math.min(Math.max(at, width / 2), Math.max(width / 2, bound - width / 2)));
  const kept: (number | null)[] = labels.map(() => null);
  let right = -Infinity;
  labels.forEach((l, i) => {
    if (x[i]! - l.width / 2 < right + gap) return;
    kept[i] = x[i]!;
    right = x[i]! + l.width / 2;
  });
  // The last label names the axis's end: keep it, leaving out the kept ones it would touch.
  const last = labels.length - 1;
  if (last > 0 && kept[last] === null) {
    kept[last] = x[last]!;
    for (let i = last - 1; i >= 0 && kept[i] !== null && kept[i]! + labels[i]!.width / 2 + gap > x[last]! - labels[last]!.width / 2; i--)
      kept[i] = null;
  }
  return kept;
}
