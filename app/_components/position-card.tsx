"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { AmountFigure } from "@/components/amount-figure";
import { HealthBadge } from "@/components/health-badge";
import { HeldOnAnotherChain } from "@/components/held-on-another-chain";
import { LiquidationOdds } from "@/components/liquidation-odds-card";
import { ProtocolBadge } from "@/components/protocol-badge";
import { useFormat } from "@/hooks/use-format";
import { NONE } from "@/lib/view/format";
import { closestDistance } from "@/lib/view/vault-summary";
import { oddsInputOf, type AnyPosition, type PositionView } from "@/lib/protocols/view";
import { borrowLimitUsed } from "@/lib/engine/risk";
import { INFINITE_HEALTH } from "@/lib/engine/health";
import { feedStatus } from "@/lib/read/oracle";
import type { ChainConfig } from "@/lib/config/chains";
import { DistanceFigure, LiquidationPriceFigure, PriceFigure, type LineFigures } from "@/components/no-liquidation-price";

/**
 * One position of any protocol on the dashboard — a Keel vault, the Aave account, a Morpho market — from its view-model
 * (lib/protocols/view.ts): health, debt, collateral value, borrow limit used, closest distance to liquidation, the odds
 * of liquidation, the assets whose price is not fresh, and each collateral and debt with its liquidation price;
 * `alert` (under the header): its automation rules that could not fire now.
 */
export function PositionCard({
  chain,
  view,
  readOnly,
  alert,
}: {
  chain: ChainConfig;
  view: PositionView<AnyPosition>;
  readOnly: boolean;
  alert?: ReactNode;
}) {
  const t = useTranslations("vaultCard");
  const tv = useTranslations("vault");
  const tp = useTranslations("positions");
  const tf = useTranslations("feed");
  const f = useFormat();
  const used = view.debtUsd !== null && view.borrowLimitUsd !== null ? borrowLimitUsed(view.debtUsd, view.borrowLimitUsd) : null;
  // A borrowed asset's rise liquidates too (its line's distance): the closest is over both sides.
  const closest = closestDistance([...view.collaterals, ...view.debts].map((l) => l.distance));
  const paused = [...view.collaterals, ...view.debts].filter((l) => l.feedStatus !== 0);
  const vault = view.vaultId === null ? null : view.vaultId.toString();
  const title = vault === null ? view.name : t("vault", { id: vault });
  return (
    <article
      className="rounded-xl border border-slate-800 bg-slate-900/40"
      data-testid={vault === null ? `position-${view.protocol}` : `vault-${view.position.id.toLowerCase()}-${vault}`}
      data-key={view.key}
      data-band={view.band}
      {...(vault === null ? {} : { "data-vault-id": vault })}
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-800 px-4 py-3 md:px-5">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <Link href={view.href} className="font-semibold hover:text-sky-300">
            {title}
          </Link>
          {vault !== null && <span className="text-sm text-slate-400">{view.name}</span>}
          <ProtocolBadge protocol={view.protocol} />
          <span data-testid="vault-chain" className="rounded bg-slate-800 px-2 py-0.5 text-xs text-slate-300" title={t("chain", { id: chain.id })}>
            {chain.name}
          </span>
          <HealthBadge band={view.band} healthFactor={view.healthFactor} partial={view.partial} />
        </div>
        <Link
          href={view.href}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-700 px-3 py-1 text-sm text-slate-200 hover:border-sky-500 hover:text-sky-300 md:min-h-0"
          aria-label={tp(readOnly ? "viewNamed" : "manageNamed", { name: title })}
        >
          {readOnly ? tp("view") : t("manage")}
        </Link>
      </header>
      {alert}
      <div className="grid grid-cols-2 gap-4 px-4 py-3 text-sm md:grid-cols-4 md:px-5">
        <div>
          <div className="text-xs text-slate-400">{t("debt")}</div>
          {view.borrowAsset && (
            <div className="font-mono tabular-nums" data-testid="debt">
              {f.token(view.borrowAsset.amount, view.borrowAsset.token.decimals, view.borrowAsset.token.symbol)}
            </div>
          )}
          <div className={view.borrowAsset ? "text-xs text-slate-400" : "font-mono tabular-nums"} data-testid="debt-usd">
            {f.usdOrNone(view.debtUsd)}
          </div>
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("collateralValue")}</div>
          <div className="font-mono tabular-nums" data-testid="collateral-usd">
            {f.usdOrNone(view.collateralUsd)}
          </div>
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("limitUsed")}</div>
          <div className="font-mono tabular-nums" data-testid="limit-used">
            {used === null || used === INFINITE_HEALTH ? NONE : f.percent(used)}
          </div>
          {used !== null && (
            <div className="mt-1 h-1.5 w-full overflow-hidden rounded bg-slate-800">
              <div
                className={`h-full ${used > 9n * 10n ** 17n ? "bg-rose-500" : used > 7n * 10n ** 17n ? "bg-orange-400" : "bg-sky-500"}`}
                style={{ width: `${Math.min(100, Number(used / 10n ** 14n) / 100)}%` }}
              />
            </div>
          )}
        </div>
        <div>
          <div className="text-xs text-slate-400">{t("closest")}</div>
          <div className="font-mono tabular-nums" data-testid="min-distance">
            {view.band === "liquidatable" ? tv("liquidatableNow") : closest === null ? NONE : t("away", { distance: f.percent(closest, 1) })}
          </div>
        </div>
      </div>
      <div className="px-4 pb-3 empty:hidden md:px-5">
        <LiquidationOdds chain={chain} vault={oddsInputOf(view)} />
      </div>
      {paused.length > 0 && (
        <div className="mx-5 mb-3 rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200" data-testid="oracle-paused">
          {paused.map((l) => `${l.token.symbol}: ${tf(`${feedStatus(l.feedStatus).key}.why`)}`).join("; ")}.{" "}
          {view.debts.length > 0 ? t("pausedBoth") : t("pausedBorrow")}
        </div>
      )}
      <PositionLines view={view} chain={chain} />
    </article>
  );
}

/**
 * The collaterals and debts of a position, each with its value, price (or why there is none) and liquidation price
 * (dashboard and position page); a collateral held on another chain says where.
 */
export function PositionLines({ view, chain }: { view: PositionView<AnyPosition>; chain: ChainConfig }) {
  const t = useTranslations("vaultCard");
  const tp = useTranslations("positions");
  const f = useFormat();
  const rows = [
    ...view.collaterals.map((c) => ({ ...c, side: "collateral" as const })),
    ...view.debts.map((d) => ({ ...d, side: "debt" as const })),
  ].map((r) => ({ ...r, line: { ...r, asset: r.token.symbol, status: r.feedStatus } satisfies LineFigures }));
  if (rows.length === 0) return <p className="border-t border-slate-800 px-5 py-3 text-sm text-slate-400">{tp("empty")}</p>;
  // Every price known and a debt: a line without a liquidation price has none (WETH owed against WETH held: its move
  // alone never liquidates), which is said, not left as the "—" of an unknown figure.
  const measured = view.debts.length > 0 && rows.every((r) => r.priceUsd !== null);
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={tp("assets")}>
      <table className="w-full text-xs sm:text-sm">
        <thead className="text-left text-xs uppercase tracking-normal text-slate-400 sm:tracking-wide">
          <tr className="border-t border-slate-800">
            <th className="px-3 py-2 md:px-5">{tp("asset")}</th>
            <th className="px-1.5 py-2 text-right md:px-5">{t("amount")}</th>
            <th className="hidden px-5 py-2 text-right sm:table-cell">{t("value")}</th>
            <th className="hidden px-5 py-2 text-right sm:table-cell">{t("price")}</th>
            <th className="px-1.5 py-2 text-right md:px-5">{t("liqPrice")}</th>
            <th className="py-2 pl-1.5 pr-3 text-right md:px-5">{t("distance")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.side}-${r.token.address}`} className="border-t border-slate-800" data-testid={`${r.side}-${r.token.symbol}`}>
              <td className="px-3 py-2 font-medium md:px-5">
                {r.token.symbol}{" "}
                <span className="text-xs font-normal text-slate-400">
                  {tp(r.side === "collateral" ? (r.enabled === false ? "suppliedOnly" : "collateral") : "borrowed")}
                </span>
                {r.side === "collateral" && <HeldOnAnotherChain chain={chain} asset={r.token.address} />}
              </td>
              <td className="px-1.5 py-2 text-right font-mono tabular-nums md:px-5" data-testid="amount">
                <AmountFigure amount={r.amount} decimals={r.token.decimals} symbol={r.token.symbol} />
              </td>
              <td className="hidden px-5 py-2 text-right font-mono tabular-nums sm:table-cell" data-testid="value">
                {f.usdOrNone(r.valueUsd)}
              </td>
              <td className="hidden px-5 py-2 text-right font-mono tabular-nums sm:table-cell">
                <PriceFigure line={r.line} />
              </td>
              <td className="px-1.5 py-2 text-right font-mono tabular-nums md:px-5" data-testid="liq-price">
                <LiquidationPriceFigure line={r.line} measured={measured} />
              </td>
              <td className="py-2 pl-1.5 pr-3 text-right font-mono tabular-nums md:px-5" data-testid="distance">
                <DistanceFigure line={r.line} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
