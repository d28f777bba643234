/** Formatting of on-chain amounts: bigint with its decimals until the last moment, never through floating point. */

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * `value` (an integer with `decimals` decimals) as text with thousands separators and at most `maxFraction`
 * fraction digits, rounded half away from zero; trailing zeros trimmed down to `minFraction`.
 */
export function formatUnitsFixed(value: bigint, decimals: number, maxFraction = 4, minFraction = 0): string {
  const negative = value < 0n;
  let v = negative ? -value : value;
  const keep = Math.min(maxFraction, decimals);
  if (decimals > keep) {
    const drop = 10n ** BigInt(decimals - keep);
    v = (v + drop / 2n) / drop;
  }
  const scale = 10n ** BigInt(keep);
  const whole = (v / scale).toString();
  let frac = keep > 0 ? (v % scale).toString().padStart(keep, "0") : "";
  while (frac.length > minFraction && frac.endsWith("0")) frac = frac.slice(0, -1);
  const text = group(whole) + (frac ? `.${frac}` : "");
  return negative && v !== 0n ? `-${text}` : text;
}

/** A WAD (18-decimal) USD value as `$1,234.56`; below $1, up to 6 significant fraction digits. */
export function formatUsd(wad: bigint): string {
  const abs = wad < 0n ? -wad : wad;
  const fraction = abs >= 10n ** 18n ? 2 : 6;
  return `${wad < 0n ? "-" : ""}$${formatUnitsFixed(abs, 18, fraction, 2)}`;
}

/** Seconds as a short age: `8s`, `4m 10s`, `2h 5m`, `3d 4h`. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** `0x1234…abcd` */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A WAD ratio as a percentage: 0.8e18 → `80.00%`. */
export function formatPercent(wad: bigint, fraction = 2): string {
  return `${formatUnitsFixed(wad * 100n, 18, fraction, fraction)}%`;
}

/** A health factor (WAD): `1.08`, `∞` without debt, `>1000` when absurdly high. */
export function formatHealthFactor(wad: bigint): string {
  if (wad === 2n ** 256n - 1n) return "∞";
  if (wad > 1000n * 10n ** 18n) return ">1000";
  return formatUnitsFixed(wad, 18, 2, 2);
}

/** A token amount with its symbol: `1,234.5 USDC`. */
export function formatToken(amount: bigint, decimals: number, symbol: string, maxFraction = 4): string {
  return `${formatUnitsFixed(amount, decimals, maxFraction)} ${symbol}`;
}

/** A per-second WAD rate as an APR percentage (simple, × seconds per year). */
export function formatApr(perSecondWad: bigint): string {
  const annual = perSecondWad * 31_536_000n;
  // Below 0.1 % show four decimals, so a small but real rate never reads as 0.00 %.
  return formatPercent(annual, annual > 0n && annual < 10n ** 15n ? 4 : 2);
}

/** Unix seconds as a UTC date and time to the minute: `2026-11-26 04:31 UTC` (the same for every viewer). */
export function formatUtc(seconds: number | bigint): string {
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A leverage (WAD) as `3.00×`; `∞` when the equity is gone. */
export function formatLeverage(wad: bigint): string {
  if (wad === 2n ** 256n - 1n) return "∞";
  return `${formatUnitsFixed(wad, 18, 2, 2)}×`;
}
