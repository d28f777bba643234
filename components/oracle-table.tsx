"use client";
import { useTranslations } from "next-intl";
import { STACKED } from "@/components/stacked-table";
import { FeedStatusBadge } from "@/components/feed-status-badge";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useNowSeconds } from "@/hooks/use-now";
import { useOracleFeeds } from "@/hooks/use-oracle-feeds";
import { useFormat } from "@/hooks/use-format";
import { shortAddress } from "@/lib/view/format";
import { feedStatus } from "@/lib/read/oracle";
import type { ChainConfig } from "@/lib/config/chains";

/** Each asset's oracle price, feed and age on one chain, read on-chain; faulty feeds show why, never a number. */
export function OracleTable({ chain }: { chain: ChainConfig }) {
  const { data, error, isPending, dataUpdatedAt, refetch } = useOracleFeeds(chain);
  const now = useNowSeconds();
  const t = useTranslations("oracle");
  const tf = useTranslations("feed");
  const f = useFormat();
  if (!chain.deployment) {
    return <p className="rounded-lg border border-rose-800 bg-rose-950/40 p-4 text-sm text-rose-200">{chain.deploymentError}</p>;
  }
  const assets = new Map(chain.deployment.assets.map((a) => [a.address.toLowerCase(), a]));
  return (
    <div className="space-y-3">
      {error && (
        <RpcErrorBanner
          chainName={chain.name}
          rpcUrl={chain.rpcUrl}
          what="prices"
          updatedAt={dataUpdatedAt}
          hasData={Boolean(data)}
          onRetry={() => void refetch()}
        />
      )}
      <div className="overflow-x-auto rounded-xl border border-slate-800" tabIndex={0} role="region" aria-label={t("price")}>
        <table className={STACKED.table} data-testid={`oracle-table-${chain.id}`}>
          <thead className={`${STACKED.head} bg-slate-900 text-left text-xs uppercase tracking-wide text-slate-400`}>
            <tr>
              <th className="px-4 py-3">{t("asset")}</th>
              <th className="px-4 py-3 text-right">{t("price")}</th>
              <th className="px-4 py-3">{t("status")}</th>
              <th className="px-4 py-3 text-right">{t("age")}</th>
              <th className="px-4 py-3 text-right">{t("heartbeat")}</th>
              <th className="px-4 py-3">{t("source")}</th>
            </tr>
          </thead>
          <tbody className={`${STACKED.body} ${error ? "opacity-60" : ""}`}>
            {isPending && (
              <tr className={STACKED.row}>
                <td colSpan={6} className={`px-4 py-6 text-center text-slate-400 ${STACKED.title}`}>
                  {t("reading")}
                </td>
              </tr>
            )}
            {data?.map((feed) => {
              const asset = assets.get(feed.asset.toLowerCase());
              const status = feedStatus(feed.status);
              const symbol = asset?.symbol ?? shortAddress(feed.asset);
              return (
                <tr key={feed.asset} data-testid={`feed-${symbol}`} data-status={status.key} className={`border-t border-slate-800 ${STACKED.row}`}>
                  <td className={`px-4 py-3 ${STACKED.title}`}>
                    <div className="font-medium">{symbol}</div>
                    <div className="text-xs text-slate-400">{asset?.name}</div>
                  </td>
                  <td className={`px-4 py-3 text-right font-mono tabular-nums ${STACKED.cell}`} data-label={t("price")} data-testid="price">
                    {status.key === "ok" ? f.usd(feed.price) : <span className="text-slate-400">—</span>}
                  </td>
                  <td className={`px-4 py-3 ${STACKED.cell}`} data-label={t("status")}>
                    <FeedStatusBadge status={feed.status} />
                    {status.key !== "ok" && <div className="mt-1 text-xs text-slate-400">{tf(`${status.key}.why`)}</div>}
                  </td>
                  <td className={`px-4 py-3 text-right tabular-nums text-slate-300 ${STACKED.cell}`} data-label={t("age")} data-testid="age">
                    {feed.updatedAt > 0n ? f.age(now - Number(feed.updatedAt)) : "—"}
                  </td>
                  <td className={`px-4 py-3 text-right tabular-nums text-slate-400 ${STACKED.cell}`} data-label={t("heartbeat")}>
                    {f.age(feed.heartbeat)}
                  </td>
                  <td className={`px-4 py-3 font-mono text-xs text-slate-400 ${STACKED.cell}`} data-label={t("source")} title={feed.feed}>
                    {chain.explorerUrl ? (
                      <a className="hover:text-sky-300" href={`${chain.explorerUrl}/address/${feed.feed}`} target="_blank" rel="noreferrer">
                        {shortAddress(feed.feed)}
                      </a>
                    ) : (
                      shortAddress(feed.feed)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
