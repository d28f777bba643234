import Link from "next/link";
import { HealthBadge } from "@/components/health-badge";
import { LiquidationOdds } from "@/components/liquidation-odds";
import { findAsset } from "@/lib/deployment";
import { formatPercent, formatToken, formatUsd, shortAddress } from "@/lib/format";
import { feedStatus } from "@/lib/oracle";
import { INFINITE_HEALTH } from "@/lib/risk";
import type { ChainConfig } from "@/lib/server/config";
import { summarizeVault } from "@/lib/vault-summary";
import type { LensVault } from "@/lib/vaults";

export const vaultHref = (chainId: number, market: string, id: bigint) => `/vault/${chainId}/${id}?market=${market}`;

/** One vault on the dashboard: health, debt, capacity used, and each collateral's liquidation price and distance. */
export function VaultCard({ chain, vault }: { chain: ChainConfig; vault: LensVault }) {
  const s = summarizeVault(vault);
  const market = chain.deployment?.markets.find((m) => m.address.toLowerCase() === vault.market.toLowerCase());
  const base = findAsset(chain.deployment, vault.baseAsset);
  const baseSymbol = base?.symbol ?? shortAddress(vault.baseAsset);
  const paused = vault.collaterals.filter((c) => c.status !== 0);
  return (
    <article
      className="rounded-xl border border-slate-800 bg-slate-900/40"
      data-testid={`vault-${vault.market.toLowerCase()}-${vault.id}`}
      data-vault-id={vault.id.toString()}
      data-band={s.band}
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-800 px-5 py-3">
        <div className="flex items-center gap-3">
          <Link href={vaultHref(chain.id, vault.market, vault.id)} className="font-semibold hover:text-sky-300">
            Vault #{vault.id.toString()}
          </Link>
          <span className="text-sm text-slate-400">{market?.name ?? shortAddress(vault.market)}</span>
          <span data-testid="vault-chain" className="rounded bg-slate-800 px-2 py-0.5 text-xs text-slate-300" title={`chain ${chain.id}`}>
            {chain.name}
          </span>
          <HealthBadge band={s.band} healthFactor={s.healthFactor} />
        </div>
        <Link
          href={vaultHref(chain.id, vault.market, vault.id)}
          className="rounded-md border border-slate-700 px-3 py-1 text-sm text-slate-200 hover:border-sky-500 hover:text-sky-300"
        >
          Manage
        </Link>
      </header>
      <div className="grid grid-cols-2 gap-4 px-5 py-3 text-sm md:grid-cols-4">
        <div>
          <div className="text-xs text-slate-400">Debt (with interest)</div>
          <div className="font-mono tabular-nums" data-testid="debt">
            {base ? formatToken(vault.debt, base.decimals, baseSymbol) : vault.debt.toString()}
          </div>
          <div className="text-xs text-slate-500">{formatUsd(vault.debtValue)}</div>
        </div>
        <div>
          <div className="text-xs text-slate-400">Collateral value</div>
          <div className="font-mono tabular-nums">{formatUsd(vault.collateralValue)}</div>
        </div>
        <div>
          <div className="text-xs text-slate-400">Borrow limit used</div>
          <div className="font-mono tabular-nums" data-testid="limit-used">
            {s.borrowLimitUsed === INFINITE_HEALTH ? "—" : formatPercent(s.borrowLimitUsed)}
          </div>
          <div className="mt-1 h-1.5 w-full overflow-hidden rounded bg-slate-800">
            <div
              className={`h-full ${s.borrowLimitUsed > 9n * 10n ** 17n ? "bg-rose-500" : s.borrowLimitUsed > 7n * 10n ** 17n ? "bg-orange-400" : "bg-sky-500"}`}
              style={{ width: `${Math.min(100, Number(s.borrowLimitUsed / 10n ** 14n) / 100)}%` }}
            />
          </div>
        </div>
        <div>
          <div className="text-xs text-slate-400">Closest to liquidation</div>
          <div className="font-mono tabular-nums" data-testid="min-distance">
            {s.minDistance === null ? "—" : `${formatPercent(s.minDistance, 1)} away`}
          </div>
        </div>
      </div>
      <div className="px-5 pb-3 empty:hidden">
        <LiquidationOdds chain={chain} vault={vault} />
      </div>
      {paused.length > 0 && (
        <div className="mx-5 mb-3 rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200" data-testid="oracle-paused">
          {paused.map((c) => `${findAsset(chain.deployment, c.asset)?.symbol ?? shortAddress(c.asset)}: ${feedStatus(c.status).why}`).join("; ")}.
          Borrowing{vault.debt > 0n ? " and withdrawing are" : " is"} paused until the price is fresh.
        </div>
      )}
      {s.collaterals.length > 0 ? (
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr className="border-t border-slate-800">
              <th className="px-5 py-2">Collateral</th>
              <th className="px-5 py-2 text-right">Amount</th>
              <th className="px-5 py-2 text-right">Value</th>
              <th className="px-5 py-2 text-right">Price</th>
              <th className="px-5 py-2 text-right">Liquidation price</th>
              <th className="px-5 py-2 text-right">Distance</th>
            </tr>
          </thead>
          <tbody>
            {s.collaterals.map((c) => {
              const a = findAsset(chain.deployment, c.asset);
              const symbol = a?.symbol ?? shortAddress(c.asset);
              const ok = c.status === 0;
              return (
                <tr key={c.asset} className="border-t border-slate-800" data-testid={`collateral-${symbol}`}>
                  <td className="px-5 py-2 font-medium">{symbol}</td>
                  <td className="px-5 py-2 text-right font-mono tabular-nums" data-testid="amount">
                    {formatToken(c.amount, c.decimals, symbol)}
                  </td>
                  <td className="px-5 py-2 text-right font-mono tabular-nums">{ok ? formatUsd(c.value) : "—"}</td>
                  <td className="px-5 py-2 text-right font-mono tabular-nums">
                    {ok ? formatUsd(c.price) : <span className="text-amber-300">{feedStatus(c.status).label}</span>}
                  </td>
                  <td className="px-5 py-2 text-right font-mono tabular-nums" data-testid="liq-price">
                    {c.liquidationPrice > 0n ? formatUsd(c.liquidationPrice) : "—"}
                  </td>
                  <td className="px-5 py-2 text-right font-mono tabular-nums" data-testid="distance">
                    {c.distance === null ? "—" : formatPercent(c.distance, 1)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="border-t border-slate-800 px-5 py-3 text-sm text-slate-400">No collateral yet.</p>
      )}
    </article>
  );
}
