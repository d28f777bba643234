/**
 * Realised volatility of an asset from its price feed's past rounds (KeelLens.getFeedHistory: Chainlink-style
 * `getRoundData`, so DevPriceFeed and real aggregators alike).
 *
 * Estimator: realised variance sampled on a regular grid, Σ r² / T — the rounds are sorted by time, the last answer in
 * each `bucketSeconds` interval is kept (5 minutes by default, the usual sampling that avoids microstructure noise:
 * several updates within minutes count as one move), r are the log returns between kept points and T the time they
 * span. No mean is subtracted (over days the drift is noise). Σ r² / T is unbiased for a diffusion however irregularly
 * it is sampled, which suits deviation-triggered Chainlink updates.
 */

export const SECONDS_PER_YEAR = 31_536_000;
export const SECONDS_PER_DAY = 86_400;

/** One feed round: raw answer (any fixed decimals: only ratios are used) and its update time in seconds. */
export interface PricePoint {
  answer: bigint | number;
  updatedAt: bigint | number;
}

export interface Volatility {
  /** Annualised volatility of log returns (0.6 = 60 %). */
  annual: number;
  /** Log returns used. */
  returns: number;
  /** Seconds between the first and last point used. */
  span: number;
  /** Unix seconds of the first and last point used. */
  from: number;
  to: number;
}

export interface VolatilityOptions {
  bucketSeconds?: number;
  /** Fewest returns for an estimate (fewer: null, "not enough history"). */
  minReturns?: number;
  /** Shortest span, seconds. */
  minSpan?: number;
}

/** Realised volatility of `points` (any order), or null when the history is too short to say. */
export function realisedVolatility(points: readonly PricePoint[], opts: VolatilityOptions = {}): Volatility | null {
  const bucket = opts.bucketSeconds ?? 300;
  const minReturns = opts.minReturns ?? 10;
  const minSpan = opts.minSpan ?? 3_600;
  const pts = points
    .map((p, i) => ({ t: Number(p.updatedAt), p: Number(p.answer), i }))
    .filter((x) => x.p > 0 && Number.isFinite(x.p) && x.t > 0)
    .sort((a, b) => a.t - b.t || a.i - b.i);
  // Last answer in each bucket (stable sort keeps round order within a second).
  const kept: { t: number; p: number }[] = [];
  for (const x of pts) {
    const last = kept[kept.length - 1];
    if (last && Math.floor(last.t / bucket) === Math.floor(x.t / bucket)) kept[kept.length - 1] = x;
    else kept.push(x);
  }
  if (kept.length < 2) return null;
  let sumSq = 0;
  for (let i = 1; i < kept.length; i++) {
    const r = Math.log(kept[i]!.p / kept[i - 1]!.p);
    sumSq += r * r;
  }
  const from = kept[0]!.t;
  const to = kept[kept.length - 1]!.t;
  const span = to - from;
  const returns = kept.length - 1;
  if (returns < minReturns || span < minSpan) return null;
  return { annual: Math.sqrt((sumSq / span) * SECONDS_PER_YEAR), returns, span, from, to };
}
