"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { useFormat } from "@/hooks/use-format";
import { positionHistory } from "@/lib/protocols/history";
import { protocolStartBlock, StartBlockUnknownError } from "@/lib/protocols/registry";
import type { PositionView } from "@/lib/protocols/view";
import type { ChainConfig } from "@/lib/config/chains";

/**
 * What happened to the position, from the protocol's own events (eth_getLogs in bounded block ranges, read once and
 * again after each of the trader's transactions): the indexer does not follow Aave or Morpho yet.
 */
export function PositionHistory({ chain, view }: { chain: ChainConfig; view: PositionView }) {
  const t = useTranslations("positionHistory");
  const ta = useTranslations("positionActions");
  const f = useFormat();
  const config = useConfig();
  const q = useQuery({
    queryKey: ["keel", "position-history", view.key, view.owner.toLowerCase()],
    staleTime: 60_000,
    retry: (n, e) => !(e instanceof StartBlockUnknownError) && n < 3,
    queryFn: () => {
      const client = getPublicClient(config, { chainId: chain.id as (typeof config.chains)[number]["id"] });
      if (!client) throw new Error(`chain ${chain.id} is not configured`);
      if (!chain.deployment) throw new Error(`chain ${chain.id} has no deployment`);
      return positionHistory(client, view.position, protocolStartBlock(chain.deployment, view.position.protocol));
    },
  });
  const tokens = [...view.collaterals, ...view.debts].map((x) => x.token);
  const all =
    view.position.protocol === "aave-v3"
      ? view.position.state.reserves.map((r) => r.token)
      : [view.position.state.collateralToken, view.position.state.loanToken];
  const tokenOf = (a: string) => [...tokens, ...all].find((x) => x.address.toLowerCase() === a.toLowerCase());
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
      ) : q.data.length === 0 ? (
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
              {q.data.slice(0, 50).map((e) => {
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
                    <td className="py-1.5 pr-3">{ta(e.action)}</td>
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
    </section>
  );
}
