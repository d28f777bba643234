"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { HealthBadge } from "@/components/health-badge";
import { ProtocolBadge } from "@/components/protocol-badge";
import { useFormat } from "@/hooks/use-format";
import type { PositionView } from "@/lib/protocols/view";
import { borrowLimitUsed, INFINITE_HEALTH } from "@/lib/risk";
import type { ChainConfig } from "@/lib/server/config";

/**
 * One Aave or Morpho position on the dashboard, beside Keel's vault cards: the same figures from its view-model;
 * `alert` (under the header): its automation rules that could not fire now.
 */
export function PositionCard({ chain, view, readOnly, alert }: { chain: ChainConfig; view: PositionView; readOnly: boolean; alert?: ReactNode }) {
  const t = useTranslations("vaultCard");
  const tp = useTranslations("positions");
  const f = useFormat();
  const usd = (x: bigint | null) => (x === null ? "—" : f.usd(x));
  const used = view.debtUsd !== null && view.borrowLimitUsd !== null ? borrowLimitUsed(view.debtUsd, view.borrowLimitUsd) : null;
  const distances = view.collaterals.flatMap((c) => (c.distance === null ? [] : [c.distance]));
  const closest = distances.length ? distances.reduce((a, b) => (b < a ? b : a)) : null;
  return (
    <article
      className="rounded-xl border border-slate-800 bg-slate-900/40"
      data-testid={`position-${view.protocol}`}
      data-key={view.key}
      data-band={view.band}
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-800 px-4 py-3 md:px-5">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <Link href={view.href} className="font-semibold hover:text-sky-300">
            {view.name}
          </Link>
          <ProtocolBadge protocol={view.protocol} />
          <span className="rounded bg-slate-800 px-2 py-0.5 text-xs text-slate-300" title={t("chain", { id: chain.id })}>
            {chain.name}
          </span>
          <HealthBadge band={view.band} healthFactor={view.healthFactor} />
        </div>
        <Link
          href={view.href}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-700 px-3 py-1 text-sm text-slate-200 hover:border-sky-500 hover:text-sky-300 md:min-h-0"
          aria-label={tp(readOnly ? "viewNamed" : "manageNamed", { name: view.name })}
        >
          {readOnly ? tp("view") : t("manage")}
        </Link>
      </header>
      {alert}
      <div className="grid grid-cols-2 gap-4 px-4 py-3 text-sm md:grid-cols-4 md:px-5">
        <div>
          <div className="text-xs text-slate-400">{t("debt")}</div>
          <div className="font-mono tabular-nums" data-testid="debt-usd">
            {usd(view.debtUsd)}
          </div>
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("collateralValue")}</div>
          <div className="font-mono tabular-nums" data-testid="collateral-usd">
            {usd(view.collateralUsd)}
          </div>
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("limitUsed")}</div>
          <div className="font-mono tabular-nums" data-testid="limit-used">
            {used === null || used === INFINITE_HEALTH ? "—" : f.percent(used)}
          </div>
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("closest")}</div>
          <div className="font-mono tabular-nums" data-testid="min-distance">
            {closest === null ? "—" : t("away", { distance: f.percent(closest, 1) })}
          </div>
        </div>
      </div>
      <PositionLines view={view} />
    </article>
  );
}

/** The collaterals and debts of a position, each with its value, price and liquidation price (dashboard and position page). */
export function PositionLines({ view }: { view: PositionView }) {
  const t = useTranslations("vaultCard");
  const tp = useTranslations("positions");
  const f = useFormat();
  const usd = (x: bigint | null) => (x === null ? "—" : f.usd(x));
  const rows = [...view.collaterals.map((c) => ({ ...c, side: "collateral" as const })), ...view.debts.map((d) => ({ ...d, side: "debt" as const }))];
  if (rows.length === 0) return <p className="border-t border-slate-800 px-5 py-3 text-sm text-slate-400">{tp("empty")}</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={tp("assets")}>
      <table className="w-full text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-400">
          <tr className="border-t border-slate-800">
            <th className="px-4 py-2 md:px-5">{tp("asset")}</th>
            <th className="px-2 py-2 text-right md:px-5">{t("amount")}</th>
            <th className="hidden px-5 py-2 text-right sm:table-cell">{t("value")}</th>
            <th className="hidden px-5 py-2 text-right sm:table-cell">{t("price")}</th>
            <th className="px-2 py-2 text-right md:px-5">{t("liqPrice")}</th>
            <th className="px-4 py-2 text-right md:px-5">{t("distance")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.side}-${r.token.address}`} className="border-t border-slate-800" data-testid={`${r.side}-${r.token.symbol}`}>
              <td className="px-4 py-2 font-medium md:px-5">
                {r.token.symbol}{" "}
                <span className="text-xs font-normal text-slate-400">
                  {tp(r.side === "collateral" ? (r.enabled === false ? "suppliedOnly" : "collateral") : "borrowed")}
                </span>
              </td>
              <td className="px-2 py-2 text-right font-mono tabular-nums md:px-5" data-testid="amount">
                {f.token(r.amount, r.token.decimals, r.token.symbol)}
              </td>
              <td className="hidden px-5 py-2 text-right font-mono tabular-nums sm:table-cell" data-testid="value">
                {usd(r.valueUsd)}
              </td>
              <td className="hidden px-5 py-2 text-right font-mono tabular-nums sm:table-cell">{usd(r.priceUsd)}</td>
              <td className="px-2 py-2 text-right font-mono tabular-nums md:px-5" data-testid="liq-price">
                {usd(r.liquidationPriceUsd)}
              </td>
              <td className="px-4 py-2 text-right font-mono tabular-nums md:px-5" data-testid="distance">
                {r.distance === null ? "—" : f.percent(r.distance, 1)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
