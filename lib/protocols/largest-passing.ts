/**
 * The largest x in [lo, hi] for which `ok(x)` holds, given `ok` is monotone (true up to a point, false after);
 * `lo - 1n` if even `ok(lo)` fails. Exact on bigint: how the adapters find "the largest amount the protocol accepts"
 * from the protocol's own check, rounding included, instead of inverting a formula.
 */
export function largestPassing(lo: bigint, hi: bigint, ok: (x: bigint) => boolean): bigint {
  if (hi < lo || !ok(lo)) return lo - 1n;
  while (lo < hi) {
    const mid = lo + (hi - lo + 1n) / 2n;
    if (ok(mid)) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}
