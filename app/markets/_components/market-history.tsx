"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Address } from "viem";
import { useMarketSeries } from "@/hooks/use-market-series";
import { formatToken, formatUtc, shortAddress } from "@/lib/format";

const SUPPLIED = "#34d399";
const BORROWED = "#f472b6";
const UTIL = "#f59e0b";

/** The market over time (supplied, borrowed, utilisation, rates, reserves, bad debt) and its latest liquidations, from the indexer. */
export function MarketHistory({ chainId, market, baseDecimals, symbol, symbolOf }: {
  chainId: number;
  market: Address;
  baseDecimals: number;
  symbol: string;
  symbolOf: (a: string) => string | undefined;
}) {
  const q = useMarketSeries(chainId, market, baseDecimals);
  if (q.isPending) return null;
  if (q.error) {
    return (
      <p className="text-xs text-slate-400" data-testid="market-history-unavailable">
        Market history needs the indexer, which is unavailable: {q.error.message}
      </p>
    );
  }
  const { points, liquidations } = q.data;
  const last = points.at(-1);
  return (
    <section className="space-y-3 rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="market-history">
      <header className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-400">
        <span className="font-medium uppercase tracking-wide">History · from the indexer</span>
        <span>
          {points.length} points
          {last ? ` · reserves ${last.reserves.toLocaleString(undefined, { maximumFractionDigits: 2 })} ${symbol} · bad debt ${last.badDebt.toLocaleString(undefined, { maximumFractionDigits: 2 })} ${symbol}` : ""}
        </span>
      </header>
      {points.length > 0 && (
        <div className="h-52">
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height: 208 }}>
            <LineChart data={points} margin={{ top: 8, right: 4, bottom: 4, left: 0 }}>
              <CartesianGrid stroke="#1e293b" strokeDasharray="3 3" />
              <XAxis dataKey="block" type="number" domain={["dataMin", "dataMax"]} stroke="#64748b" fontSize={11} tickFormatter={(b: number) => `#${b}`} />
              <YAxis yAxisId="amt" stroke="#64748b" fontSize={11} width={64} tickFormatter={(v: number) => Math.round(v).toLocaleString()} />
              <YAxis yAxisId="pct" orientation="right" stroke={UTIL} fontSize={11} width={40} tickFormatter={(v: number) => `${Math.round(v)}%`} />
              <Tooltip
                contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 8, fontSize: 12 }}
                labelFormatter={(b) => {
                  const p = points.find((x) => x.block === Number(b));
                  return `Block ${String(b)}${p ? ` · ${formatUtc(p.timestamp)}` : ""}`;
                }}
                formatter={(v, name) => [String(name).includes("%") || String(name).includes("APR") || name === "Utilization" ? `${Number(v).toFixed(2)}%` : `${Number(v).toLocaleString(undefined, { maximumFractionDigits: 2 })} ${symbol}`, name]}
              />
              <Line yAxisId="amt" type="stepAfter" dataKey="supplied" name="Supplied" stroke={SUPPLIED} dot={false} strokeWidth={2} isAnimationActive={false} />
              <Line yAxisId="amt" type="stepAfter" dataKey="borrowed" name="Borrowed" stroke={BORROWED} dot={false} strokeWidth={2} isAnimationActive={false} />
              <Line yAxisId="pct" type="stepAfter" dataKey="utilizationPct" name="Utilization" stroke={UTIL} dot={false} strokeWidth={1.5} isAnimationActive={false} />
              <Line yAxisId="pct" type="stepAfter" dataKey="borrowAprPct" name="Borrow APR" stroke="#fb7185" dot={false} strokeDasharray="4 3" isAnimationActive={false} />
              <Line yAxisId="pct" type="stepAfter" dataKey="supplyAprPct" name="Supply APR" stroke="#6ee7b7" dot={false} strokeDasharray="4 3" isAnimationActive={false} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <div className="flex items-baseline justify-between text-xs text-slate-400">
        <span>
          Liquidations <span className="font-mono text-slate-200" data-testid="liquidation-count">{liquidations.length}</span>
        </span>
        <a className="text-sky-300 hover:underline" href={`/api/export/liquidations?chainId=${chainId}&market=${market}`} download data-testid="liquidations-csv">
          Download liquidations CSV
        </a>
      </div>
      {liquidations.length > 0 && (
        <ol className="max-h-32 space-y-1 overflow-y-auto font-mono text-xs text-slate-400" data-testid="liquidations-list">
          {liquidations.slice(0, 50).map((l) => (
            <li key={l.id} className="flex justify-between gap-3">
              <span>
                {formatUtc(l.timestamp)} · vault #{l.vaultId.toString()} · {shortAddress(l.liquidator)}
              </span>
              <span>
                repaid {formatToken(l.repaid, baseDecimals, symbol, 2)} · seized {symbolOf(l.asset) ?? shortAddress(l.asset)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
