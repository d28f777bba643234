"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { HealthBadge } from "@/components/health-badge";
import { HeldOnAnotherChain } from "@/components/held-on-another-chain";
import { LiquidationOdds } from "@/components/liquidation-odds-card";
import { ProtocolBadge } from "@/components/protocol-badge";
import { assetSymbol, findAsset } from "@/lib/config/deployment";
import { useFormat } from "@/hooks/use-format";
import { shortAddress } from "@/lib/view/format";
import { feedStatus, isPriced } from "@/lib/read/oracle";
import { INFINITE_HEALTH } from "@/lib/engine/health";
import type { ChainConfig } from "@/lib/config/chains";
import { summarizeVault } from "@/lib/view/vault-summary";
import type { LensVault } from "@/lib/read/vaults";
import { vaultHref } from "@/lib/protocols/view";

/**
 * One vault on the dashboard: health, debt, capacity used, and each collateral's liquidation price and distance;
 * `alert` (under the header): its automation rules that could not fire now.
 */
export function VaultCard({ chain, vault, alert }: { chain: ChainConfig; vault: LensVault; alert?: ReactNode }) {
  const t = useTranslations("vaultCard");
  const tf = useTranslations("feed");
  const f = useFormat();
  const s = summarizeVault(vault);
  const market = chain.deployment?.markets.find((m) => m.address.toLowerCase() === vault.market.toLowerCase());
  const base = findAsset(chain.deployment, vault.baseAsset);
  const baseSymbol = base?.symbol ?? shortAddress(vault.baseAsset);
  const paused = vault.collaterals.filter((c) => !isPriced(c));
  return (
    <article
      className="rounded-xl border border-slate-800 bg-slate-900/40"
      data-testid={`vault-${vault.market.toLowerCase()}-${vault.id}`}
      data-vault-id={vault.id.toString()}
      data-band={s.band}
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-800 px-4 py-3 md:px-5">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <Link href={vaultHref(chain.id, vault.market, vault.id)} className="font-semibold hover:text-sky-300">
            {t("vault", { id: vault.id.toString() })}
          </Link>
          <span className="text-sm text-slate-400">{market?.name ?? shortAddress(vault.market)}</span>
          <ProtocolBadge protocol="keel" />
          <span data-testid="vault-chain" className="rounded bg-slate-800 px-2 py-0.5 text-xs text-slate-300" title={t("chain", { id: chain.id })}>
            {chain.name}
          </span>
          <HealthBadge band={s.band} healthFactor={s.healthFactor} />
        </div>
        <Link
          href={vaultHref(chain.id, vault.market, vault.id)}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-700 px-3 py-1 text-sm text-slate-200 hover:border-sky-500 hover:text-sky-300 md:min-h-0"
          aria-label={t("manageVault", { id: vault.id.toString() })}
        >
          {t("manage")}
        </Link>
      </header>
      {alert}
      <div className="grid grid-cols-2 gap-4 px-4 py-3 text-sm md:grid-cols-4 md:px-5">
        <div>
          <div className="text-xs text-slate-400">{t("debt")}</div>
          <div className="font-mono tabular-nums" data-testid="debt">
            {base ? f.token(vault.debt, base.decimals, baseSymbol) : vault.debt.toString()}
          </div>
          <div className="text-xs text-slate-400">{f.usd(vault.debtValue)}</div>
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("collateralValue")}</div>
          <div className="font-mono tabular-nums">{f.usd(vault.collateralValue)}</div>
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("limitUsed")}</div>
          <div className="font-mono tabular-nums" data-testid="limit-used">
            {s.borrowLimitUsed === INFINITE_HEALTH ? "—" : f.percent(s.borrowLimitUsed)}
          </div>
          <div className="mt-1 h-1.5 w-full overflow-hidden rounded bg-slate-800">
            <div
              className={`h-full ${s.borrowLimitUsed > 9n * 10n ** 17n ? "bg-rose-500" : s.borrowLimitUsed > 7n * 10n ** 17n ? "bg-orange-400" : "bg-sky-500"}`}
              style={{ width: `${Math.min(100, Number(s.borrowLimitUsed / 10n ** 14n) / 100)}%` }}
            />
          </div>
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("closest")}</div>
          <div className="font-mono tabular-nums" data-testid="min-distance">
            {s.minDistance === null ? "—" : t("away", { distance: f.percent(s.minDistance, 1) })}
          </div>
        </div>
      </div>
      <div className="px-4 pb-3 empty:hidden md:px-5">
        <LiquidationOdds chain={chain} vault={vault} />
      </div>
      {paused.length > 0 && (
        <div className="mx-5 mb-3 rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200" data-testid="oracle-paused">
          {paused.map((c) => `${assetSymbol(chain, c.asset)}: ${tf(`${feedStatus(c.status).key}.why`)}`).join("; ")}.{" "}
          {vault.debt > 0n ? t("pausedBoth") : t("pausedBorrow")}
        </div>
      )}
      {s.collaterals.length > 0 ? (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("collateral")}>
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-400">
              <tr className="border-t border-slate-800">
                <th className="px-4 py-2 md:px-5">{t("collateral")}</th>
                <th className="px-2 py-2 text-right md:px-5">{t("amount")}</th>
                <th className="hidden px-5 py-2 text-right sm:table-cell">{t("value")}</th>
                <th className="hidden px-5 py-2 text-right sm:table-cell">{t("price")}</th>
                <th className="px-2 py-2 text-right md:px-5">{t("liqPrice")}</th>
                <th className="px-4 py-2 text-right md:px-5">{t("distance")}</th>
              </tr>
            </thead>
            <tbody>
              {s.collaterals.map((c) => {
                const symbol = assetSymbol(chain, c.asset);
                return (
                  <tr key={c.asset} className="border-t border-slate-800" data-testid={`collateral-${symbol}`}>
                    <td className="px-4 py-2 font-medium md:px-5">
                      {symbol}
                      <HeldOnAnotherChain chain={chain} asset={c.asset} />
                    </td>
                    <td className="px-2 py-2 text-right font-mono tabular-nums md:px-5" data-testid="amount">
                      {f.token(c.amount, c.decimals, symbol)}
                    </td>
                    <td className="hidden px-5 py-2 text-right font-mono tabular-nums sm:table-cell">{f.usdOrNone(c.valueUsd)}</td>
                    <td className="hidden px-5 py-2 text-right font-mono tabular-nums sm:table-cell">
                      {c.priceUsd !== null ? f.usd(c.priceUsd) : <span className="text-amber-300">{tf(`${feedStatus(c.status).key}.label`)}</span>}
                    </td>
                    <td className="px-2 py-2 text-right font-mono tabular-nums md:px-5" data-testid="liq-price">
                      {f.usdOrNone(c.liquidationPriceUsd)}
                    </td>
                    <td className="px-4 py-2 text-right font-mono tabular-nums md:px-5" data-testid="distance">
                      {f.orNone(c.distance, (d) => f.percent(d, 1))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="border-t border-slate-800 px-5 py-3 text-sm text-slate-400">{t("noCollateral")}</p>
      )}
    </article>
  );
}
