"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { indexerOff, useIndexerReason } from "@/components/indexer-reason";
import { useConfig } from "wagmi";

import { useFormat } from "@/hooks/use-format";
import { historyRows, lendingPositionPath, parseLendingTimeline } from "@/lib/read/indexer-lending";
import { positionHistory, type PositionEvent } from "@/lib/protocols/history";
import { protocolStartBlock, StartBlockUnknownError } from "@/lib/protocols/registry";
import type { PositionView } from "@/lib/protocols/view";
import type { ChainConfig } from "@/lib/config/chains";
import type { IndexerProblem } from "@/lib/server/indexer";
import { chainReader } from "@/lib/wallet/chain-reader";
import { sameAddress } from "@/lib/config/address";

type HistoryRow = PositionEvent & { liquidation?: boolean };
type History =
  { source: "indexer"; rows: HistoryRow[] } | { source: "rpc"; rows: HistoryRow[]; why: string; code?: IndexerProblem | "notSeen" | "unusable" };

/** The position's timeline from the indexer, through the app's /api/indexer proxy; throws with the reason when unavailable. */
async function fromIndexer(chainId: number, view: PositionView): Promise<History> {
  const p = view.position;
  const market = p.protocol === "aave-v3" ? p.state.pool : p.state.id;
  const res = await fetch(`/api/indexer${lendingPositionPath(chainId, p.protocol, market, view.owner)}`);
  const body = (await res.json().catch(() => null)) as { error?: string; code?: IndexerProblem } | null;
  if (!res.ok) throw Object.assign(new Error(body?.error ?? `the indexer answered ${res.status}`), { code: body?.code });
  let timeline;
  try {
    timeline = parseLendingTimeline(body);
  } catch (e) {
    throw Object.assign(e as Error, { code: "unusable" });
  }
  if (!timeline.position) throw Object.assign(new Error("the indexer has not seen this position yet"), { code: "notSeen" });
  return { source: "indexer", rows: historyRows(timeline) };
}

/**
 * What happened to the position: from the indexer when it answers (every event of the account, liquidations included),
 * otherwise — said under the table — from the protocol's own events over RPC (eth_getLogs in bounded block ranges).
 * Read once and again after each of the trader's transactions.
 */
export function PositionHistory({ chain, view }: { chain: ChainConfig; view: PositionView }) {
  const t = useTranslations("positionHistory");
  const reason = useIndexerReason();
  const ta = useTranslations("positionActions");
  const f = useFormat();
  const config = useConfig();
  const q = useQuery({
    queryKey: ["keel", "position-history", view.key, view.owner.toLowerCase()],
    staleTime: 60_000,
    retry: (n, e) => !(e instanceof StartBlockUnknownError) && n < 3,
    queryFn: async (): Promise<History> => {
      let why: string;
      let code: (History & { source: "rpc" })["code"];
      try {
        return await fromIndexer(chain.id, view);
      } catch (e) {
        why = (e as Error).message;
        code = (e as { code?: typeof code }).code;
      }
      const client = chainReader(config, chain.id);
      if (!client) throw new Error(`chain ${chain.id} is not configured`);
      if (!chain.deployment) throw new Error(`chain ${chain.id} has no deployment`);
      const rows = await positionHistory(client, view.position, protocolStartBlock(chain.deployment, view.position.protocol));
      return { source: "rpc", rows, why, code };
    },
  });
  const tokens = [...view.collaterals, ...view.debts].map((x) => x.token);
  const all =
    view.position.protocol === "aave-v3"
      ? view.position.state.reserves.map((r) => r.token)
      : [view.position.state.collateralToken, view.position.state.loanToken];
  const tokenOf = (a: string) => [...tokens, ...all].find((x) => sameAddress(x.address, a));
  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="position-history">
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-400">{t("title")}</h2>
      {q.isPending ? (
        <p className="mt-3 text-sm text-slate-400">{t("reading")}</p>
      ) : q.error instanceof StartBlockUnknownError ? (
        <p className="mt-3 text-sm text-amber-200" data-testid="history-start-unknown">
          {t("startBlockUnknown", { key: q.error.protocol === "aave-v3" ? "aaveV3.startBlock" : "morphoBlue.startBlock" })}
        </p>
      ) : q.error ? (
        <p className="mt-3 text-sm text-amber-200">{t("unreadable")}</p>
      ) : q.data.rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-400">{t("none")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={t("title")}>
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-400">
              <tr>
                <th className="py-1 pr-3 font-normal">{t("block")}</th>
                <th className="py-1 pr-3 font-normal">{t("action")}</th>
                <th className="py-1 text-right font-normal">{t("amount")}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.rows.slice(0, 50).map((e) => {
                const tk = tokenOf(e.token);
                return (
                  <tr key={`${e.txHash}-${e.logIndex}`} className="border-t border-slate-800" data-testid="history-row">
                    <td className="py-1.5 pr-3 font-mono tabular-nums">
                      {chain.explorerUrl ? (
                        <a className="underline" href={`${chain.explorerUrl}/tx/${e.txHash}`} target="_blank" rel="noreferrer">
                          {e.blockNumber.toString()}
                        </a>
                      ) : (
                        e.blockNumber.toString()
                      )}
                    </td>
                    <td className="py-1.5 pr-3">{e.liquidation ? t("liquidated") : ta(e.action)}</td>
                    <td className="py-1.5 text-right font-mono tabular-nums">
                      {tk ? f.token(e.amount, tk.decimals, tk.symbol) : e.amount.toString()}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {q.data ? (
        <p className="mt-2 text-xs text-slate-400" data-testid="history-source" data-source={q.data.source}>
          {q.data.source === "indexer"
            ? t("fromIndexer")
            : indexerOff(q.data.code)
              ? t("fromChainOnly")
              : t("fromChain", { why: q.data.code === "notSeen" ? t("notSeen") : reason(q.data.code, q.data.why) })}
        </p>
      ) : null}
    </section>
  );
}
