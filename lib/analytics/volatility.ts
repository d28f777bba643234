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
  /** The feed's round id: orders rounds updated in the same second (KeelLens.getFeedHistory lists them newest first). */
  roundId?: bigint | number;
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

/**
 * The last answer in each `bucket`-second interval of `points`, sorted by time (invalid answers dropped). Rounds of the
 * same second are ordered by round id when the points carry it, else kept in the order given.
 */
function gridPoints(points: readonly PricePoint[], bucket: number): { t: number; p: number }[] {
  const pts = points
    .map((p, i) => ({ t: Number(p.updatedAt), p: Number(p.answer), i, r: p.roundId === undefined ? undefined : BigInt(p.roundId) }))
    .filter((x) => x.p > 0 && Number.isFinite(x.p) && x.t > 0)
    .sort((a, b) => a.t - b.t || (a.r !== undefined && b.r !== undefined && a.r !== b.r ? (a.r < b.r ? -1 : 1) : a.i - b.i));
  // Last answer in each bucket: the newest round of its latest second.
  const kept: { t: number; p: number }[] = [];
  for (const x of pts) {
    const last = kept[kept.length - 1];
    if (last && Math.floor(last.t / bucket) === Math.floor(x.t / bucket)) kept[kept.length - 1] = x;
    else kept.push(x);
  }
  return kept;
}

/** Realised volatility of `points` (any order), or null when the history is too short to say. */
export function realisedVolatility(points: readonly PricePoint[], opts: VolatilityOptions = {}): Volatility | null {
  const minReturns = opts.minReturns ?? 10;
  const minSpan = opts.minSpan ?? 3_600;
  const kept = gridPoints(points, opts.bucketSeconds ?? 300);
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

/** Half-life of the EWMA estimator by default: one day (weights halve for every day a return is older). */
export const EWMA_HALF_LIFE_SECONDS = SECONDS_PER_DAY;

export interface EwmaOptions extends VolatilityOptions {
  /** Seconds after which a return's weight has halved. */
  halfLifeSeconds?: number;
}

/** One point of an EWMA volatility series: the estimate using the returns up to `t`. */
export interface EwmaPoint {
  t: number;
  annual: number;
}

/**
 * Exponentially weighted realised volatility at every grid point of `points`: the variance rate is
 * Σ wᵢ rᵢ² / Σ wᵢ Δtᵢ with wᵢ = 2^(−age/halfLife) (age measured from the point the estimate is for), so recent moves
 * count most and irregular sampling stays unbiased, as in `realisedVolatility` (which is the same with every wᵢ = 1).
 * Points come once `minReturns` returns spanning `minSpan` exist.
 */
export function ewmaVolatilitySeries(points: readonly PricePoint[], opts: EwmaOptions = {}): EwmaPoint[] {
  const minReturns = opts.minReturns ?? 10;
  const minSpan = opts.minSpan ?? 3_600;
  const halfLife = opts.halfLifeSeconds ?? EWMA_HALF_LIFE_SECONDS;
  if (!(halfLife > 0)) throw new RangeError(`halfLifeSeconds must be positive, got ${halfLife}`);
  const kept = gridPoints(points, opts.bucketSeconds ?? 300);
  const out: EwmaPoint[] = [];
  let sumSq = 0;
  let sumDt = 0;
  for (let i = 1; i < kept.length; i++) {
    const dt = kept[i]!.t - kept[i - 1]!.t;
    const decay = 2 ** (-dt / halfLife);
    const r = Math.log(kept[i]!.p / kept[i - 1]!.p);
    sumSq = sumSq * decay + r * r;
    sumDt = sumDt * decay + dt;
    if (i >= minReturns && kept[i]!.t - kept[0]!.t >= minSpan && sumDt > 0) {
      out.push({ t: kept[i]!.t, annual: Math.sqrt((sumSq / sumDt) * SECONDS_PER_YEAR) });
    }
  }
  return out;
}

/** The EWMA volatility at the last point of `points` (see `ewmaVolatilitySeries`), or null when the history is too short. */
export function ewmaVolatility(points: readonly PricePoint[], opts: EwmaOptions = {}): EwmaPoint | null {
  return ewmaVolatilitySeries(points, opts).at(-1) ?? null;
}
