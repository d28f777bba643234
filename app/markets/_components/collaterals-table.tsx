"use client";
import { FeedStatusBadge } from "@/components/feed-status-badge";
import { formatAge, formatPercent, formatUnitsFixed, formatUsd, shortAddress } from "@/lib/format";
import { feedStatus } from "@/lib/oracle";
import type { LensMarket } from "@/lib/vaults";

/** Each collateral of a market: its risk parameters, oracle price with age and status, and deposits against the cap. */
export function CollateralsTable({ market, symbolOf, now }: { market: LensMarket; symbolOf(a: string): string | undefined; now: number }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-800">
      <table className="w-full text-sm">
        <thead className="bg-slate-900 text-left text-xs uppercase tracking-wide text-slate-400">
          <tr>
            <th className="px-4 py-2">Collateral</th>
            <th className="px-4 py-2 text-right">LTV</th>
            <th className="px-4 py-2 text-right">Liq. threshold</th>
            <th className="px-4 py-2 text-right">Max discount</th>
            <th className="px-4 py-2 text-right">Oracle price</th>
            <th className="px-4 py-2 text-right">Age</th>
            <th className="px-4 py-2">Status</th>
            <th className="px-4 py-2 text-right">Deposited / cap</th>
          </tr>
        </thead>
        <tbody>
          {market.collaterals.length === 0 && (
            <tr>
              <td colSpan={8} className="px-4 py-4 text-center text-slate-500">
                No collateral is listed yet.
              </td>
            </tr>
          )}
          {market.collaterals.map(({ info, feed }) => {
            const symbol = symbolOf(info.asset) ?? shortAddress(info.asset);
            const status = feedStatus(feed.status);
            return (
              <tr key={info.asset} data-testid={`collateral-${symbol}`} data-status={status.key} className="border-t border-slate-800">
                <td className="px-4 py-2 font-medium">{symbol}</td>
                <td className="px-4 py-2 text-right tabular-nums" data-testid="ltv">
                  {formatPercent(info.ltv)}
                </td>
                <td className="px-4 py-2 text-right tabular-nums" data-testid="lt">
                  {formatPercent(info.liquidationThreshold)}
                </td>
                <td className="px-4 py-2 text-right tabular-nums" data-testid="max-discount">
                  {formatPercent(info.maxDiscount)}
                </td>
                <td className="px-4 py-2 text-right font-mono tabular-nums" data-testid="price">
                  {status.key === "ok" ? formatUsd(feed.price) : <span className="text-slate-500">—</span>}
                </td>
                <td className="px-4 py-2 text-right tabular-nums text-slate-300" data-testid="age">
                  {feed.updatedAt > 0n ? formatAge(now - Number(feed.updatedAt)) : "—"}
                </td>
                <td className="px-4 py-2" title={status.why || undefined}>
                  <FeedStatusBadge status={feed.status} />
                </td>
                <td className="px-4 py-2 text-right tabular-nums text-slate-300">
                  {formatUnitsFixed(info.totalDeposited, info.decimals, 2)}
                  <span className="text-slate-500"> / {formatUnitsFixed(info.supplyCap, info.decimals, 0)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
