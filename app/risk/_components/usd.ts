import { formatUsd } from "@/lib/format";

/** A float USD amount (the stress math's unit) with lib/format.ts's rules: `$1,234.56`. */
export const usd = (n: number) => formatUsd(BigInt(Math.round(Math.max(0, n) * 100)) * 10n ** 16n);

/** Short USD for chart axes: `$950`, `$12.5K`, `$3.2M`, `$1.1B`. */
export function usdShort(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `$${(n / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `$${(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `$${(n / 1e3).toFixed(1)}K`;
  return `$${n.toFixed(0)}`;
}
