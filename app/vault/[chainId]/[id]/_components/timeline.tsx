"use client";
import { useTranslations } from "next-intl";
import { indexerOff, useIndexerReason } from "@/components/indexer-reason";
import type { Address } from "viem";
import type { VaultHistory } from "@/hooks/use-vault-history";
import type { Deployment } from "@/lib/config/deployment";
import { findAsset } from "@/lib/config/deployment";
import { useFormat } from "@/hooks/use-format";
import { shortAddress } from "@/lib/view/format";
import { positionResult, timelineRows } from "@/lib/read/indexer";

/**
 * The position's timeline from the indexer — every action, liquidation and protection run with its amounts, the price
 * at that block and the health before → after — with interest paid, realised P&L and a CSV export. Without an indexer
 * it says the history is reconstructed from the chain (the chart above still shows it).
 */
export function Timeline({
  history,
  chainId,
  market,
  id,
  deployment,
  baseAsset,
}: {
  history?: VaultHistory;
  chainId: number;
  market: Address;
  id: bigint;
  deployment: Deployment;
  baseAsset: Address;
}) {
  const t = useTranslations("charts");
  const reason = useIndexerReason();
  const f = useFormat();
  if (!history) return null;
  if (history.source === "rpc" || !history.timeline?.vault) {
    // An app run without an indexer is a setting, not a fault: the chain's history is the whole history, said plainly.
    if (indexerOff(history.fallbackCode)) {
      return (
        <p className="text-xs text-slate-400" data-testid="history-fallback">
          {t("historyChain")}
        </p>
      );
    }
    return (
      <p className="rounded-lg border border-amber-900/60 bg-amber-950/30 px-3 py-2 text-xs text-amber-200" data-testid="history-fallback">
        {t("historyFallback", {
          why: reason(history.fallbackCode, history.fallbackReason),
        })}
      </p>
    );
  }
  const rows = timelineRows(history.timeline, deployment, baseAsset, {
    f,
    kind: (name) => t("event", { name }),
    noPrice: t("timeline.noPrice"),
  });
  const result = positionResult(history.timeline.vault);
  const base = findAsset(deployment, baseAsset);
  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="vault-timeline">
      <header className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 className="text-xs font-medium uppercase tracking-wide text-slate-400">{t("timeline.title")}</h2>
        <div className="flex flex-wrap gap-4 text-xs text-slate-400">
          <span>
            {t("timeline.interestPaid")}{" "}
            <span className="font-mono text-slate-200" data-testid="interest-paid">
              {base ? f.token(result.interestPaid, base.decimals, base.symbol, 6) : f.unitsFixed(result.interestPaid, 0)}
            </span>
          </span>
          <span>
            {t("timeline.realisedPnl")}{" "}
            <span className={`font-mono ${result.realisedPnl < 0n ? "text-rose-300" : "text-emerald-300"}`} data-testid="realised-pnl">
              {f.usd(result.realisedPnl)}
            </span>
          </span>
          <span>
            {t("timeline.withOpen")} <span className="font-mono text-slate-200">{f.usd(result.totalPnl)}</span>
          </span>
          <a className="text-sky-300 hover:underline" href={`/api/export/vault/${chainId}/${market}/${id}`} data-testid="timeline-csv" download>
            {t("timeline.csv")}
          </a>
        </div>
      </header>
      <div className="max-h-80 overflow-auto">
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-900 text-slate-400">
            <tr>
              <th className="py-1 pr-3 font-normal">{t("timeline.when")}</th>
              <th className="py-1 pr-3 font-normal">{t("timeline.event")}</th>
              <th className="py-1 pr-3 font-normal">{t("timeline.amounts")}</th>
              <th className="py-1 pr-3 font-normal">{t("timeline.price")}</th>
              <th className="py-1 pr-3 font-normal">{t("timeline.health")}</th>
              <th className="py-1 pr-3 font-normal">{t("timeline.collateralValue")}</th>
              <th className="py-1 font-normal">{t("timeline.debtAfter")}</th>
            </tr>
          </thead>
          <tbody className="font-mono text-slate-300">
            {rows.map((r) => (
              <tr key={r.key} className={`border-t border-slate-800 ${r.liquidation ? "text-rose-300" : ""}`} data-testid="timeline-row">
                <td className="py-1 pr-3 whitespace-nowrap" title={t("timeline.rowTitle", { block: r.block.toString(), tx: r.txHash })}>
                  {f.utc(r.timestamp)} <span className="text-slate-400">{shortAddress(r.txHash)}</span>
                </td>
                <td className="py-1 pr-3 font-sans" data-testid="timeline-kind">
                  {r.label}
                </td>
                <td className="py-1 pr-3" data-testid="timeline-amounts">
                  {r.amounts}
                </td>
                <td className="py-1 pr-3">{r.price}</td>
                <td className="py-1 pr-3 whitespace-nowrap">{r.health}</td>
                <td className="py-1 pr-3 whitespace-nowrap">{r.collateralValue}</td>
                <td className="py-1">{r.debt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
