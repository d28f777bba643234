"use client";
import { useTranslations } from "next-intl";
import { OracleTable } from "@/components/oracle-table";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { SimulatorPanel } from "@/components/simulator-panel";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useMarkets } from "@/hooks/use-markets";
import { MarketCard } from "./_components/market-card";

export default function MarketsPage() {
  const t = useTranslations("markets");
  const chains = useKeelChains();
  const markets = useMarkets();
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-400">{t("intro")}</p>
      </div>

      {markets.map((m) => (
        <section key={m.chain.id} className="space-y-4" aria-label={t("on", { chain: m.chain.name })}>
          <h2 className="text-sm font-medium text-slate-300">
            {m.chain.name} <span className="text-slate-400">· {t("chain", { id: m.chain.id })}</span>
          </h2>
          {m.unavailable && (
            <p className="rounded-lg border border-rose-800 bg-rose-950/40 p-4 text-sm text-rose-200">{t("unavailable", { why: m.unavailable })}</p>
          )}
          {m.error && (
            <RpcErrorBanner
              chainName={m.chain.name}
              rpcUrl={m.chain.rpcUrl}
              what="marketData"
              updatedAt={m.updatedAt}
              hasData={Boolean(m.markets)}
              onRetry={m.refetch}
            />
          )}
          {m.isPending && <p className="text-sm text-slate-400">{t("reading")}</p>}
          {m.markets?.map((market) => (
            <MarketCard key={market.market} chain={m.chain} market={market} stale={Boolean(m.error)} />
          ))}
        </section>
      ))}

      {chains.some((c) => c.deployment?.dev) && (
        <section className="space-y-3" aria-label={t("simulator")}>
          {chains.map((chain) => (
            <SimulatorPanel key={chain.id} chain={chain} />
          ))}
        </section>
      )}

      <section className="space-y-4" aria-label={t("oracles")}>
        <div>
          <h2 className="text-xl font-semibold tracking-tight">{t("oracles")}</h2>
          <p className="mt-1 text-sm text-slate-400">{t("oraclesIntro")}</p>
        </div>
        {chains.map((chain) => (
          <div key={chain.id} className="space-y-2">
            <h3 className="text-sm font-medium text-slate-300">
              {chain.name} <span className="text-slate-400">· {t("chain", { id: chain.id })}</span>
            </h3>
            <OracleTable chain={chain} />
          </div>
        ))}
      </section>
    </div>
  );
}
