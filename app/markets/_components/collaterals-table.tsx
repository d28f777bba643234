"use client";
import { FeedStatusBadge } from "@/components/feed-status-badge";
import { STACKED } from "@/components/stacked-table";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { useNowSeconds } from "@/hooks/use-now";
import { shortAddress } from "@/lib/view/format";
import { feedStatus } from "@/lib/read/oracle";
import type { LensMarket } from "@/lib/read/vaults";

/** Each collateral of a market: its risk parameters, oracle price with age and status, and deposits against the cap. */
export function CollateralsTable({ market, symbolOf }: { market: LensMarket; symbolOf(a: string): string | undefined }) {
  const now = useNowSeconds(); // the prices' ages: this table re-renders each second, not the market's charts
  const t = useTranslations("collaterals");
  const tf = useTranslations("feed");
  const f = useFormat();
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-800" tabIndex={0} role="region" aria-label={t("collateral")}>
      <table className={STACKED.table}>
        <thead className={`${STACKED.head} bg-slate-900 text-left text-xs uppercase tracking-wide text-slate-400`}>
          <tr>
            <th className="px-4 py-2">{t("collateral")}</th>
            <th className="px-4 py-2 text-right">{t("ltv")}</th>
            <th className="px-4 py-2 text-right">{t("lt")}</th>
            <th className="px-4 py-2 text-right">{t("maxDiscount")}</th>
            <th className="px-4 py-2 text-right">{t("price")}</th>
            <th className="px-4 py-2 text-right">{t("age")}</th>
            <th className="px-4 py-2">{t("status")}</th>
            <th className="px-4 py-2 text-right">{t("deposited")}</th>
          </tr>
        </thead>
        <tbody className={STACKED.body}>
          {market.collaterals.length === 0 && (
            <tr className={STACKED.row}>
              <td colSpan={8} className={`px-4 py-4 text-center text-slate-400 ${STACKED.title}`}>
                {t("none")}
              </td>
            </tr>
          )}
          {market.collaterals.map(({ info, feed, held, heldOk }) => {
            const symbol = symbolOf(info.asset) ?? shortAddress(info.asset);
            const status = feedStatus(feed.status);
            return (
              <tr
                key={info.asset}
                data-testid={`collateral-${symbol}`}
                data-status={status.key}
                className={`border-t border-slate-800 ${STACKED.row}`}
              >
                <td className={`px-4 py-2 font-medium ${STACKED.title}`}>{symbol}</td>
                <td className={`px-4 py-2 text-right tabular-nums ${STACKED.cell}`} data-label={t("ltv")} data-testid="ltv">
                  {f.percent(info.ltv)}
                </td>
                <td className={`px-4 py-2 text-right tabular-nums ${STACKED.cell}`} data-label={t("lt")} data-testid="lt">
                  {f.percent(info.liquidationThreshold)}
                </td>
                <td className={`px-4 py-2 text-right tabular-nums ${STACKED.cell}`} data-label={t("maxDiscount")} data-testid="max-discount">
                  {f.percent(info.maxDiscount)}
                </td>
                <td className={`px-4 py-2 text-right font-mono tabular-nums ${STACKED.cell}`} data-label={t("price")} data-testid="price">
                  {status.key === "ok" ? f.usd(feed.price) : <span className="text-slate-400">—</span>}
                </td>
                <td className={`px-4 py-2 text-right tabular-nums text-slate-300 ${STACKED.cell}`} data-label={t("age")} data-testid="age">
                  {feed.updatedAt > 0n ? f.age(now - Number(feed.updatedAt)) : "—"}
                </td>
                <td
                  className={`px-4 py-2 ${STACKED.cell}`}
                  data-label={t("status")}
                  title={status.key === "ok" ? undefined : tf(`${status.key}.why`)}
                >
                  <FeedStatusBadge status={feed.status} />
                </td>
                <td className={`px-4 py-2 text-right tabular-nums text-slate-300 ${STACKED.cell}`} data-label={t("deposited")}>
                  {heldOk ? f.unitsFixed(held, info.decimals, 2) : "—"}
                  <span className="text-slate-400"> / {f.unitsFixed(info.supplyCap, info.decimals, 0)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
