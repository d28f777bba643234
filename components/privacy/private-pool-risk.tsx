"use client";
import { useTranslations } from "next-intl";
import { useAccount } from "wagmi";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import { usePrivatePositionView } from "@/hooks/use-private-pool";
import { findAsset } from "@/lib/config/deployment";

/**
 * /risk's view of the private pool: its aggregate (the pool's one vault, public: what every observer sees) and, only
 * for the owner whose browser holds a note, that note's own health (computed here from the local note).
 */
export function PrivatePoolRisk() {
  const t = useTranslations("private.risk");
  const tp = useTranslations("private");
  const f = useFormat();
  const { address } = useAccount();
  const chain = useKeelChains().find((c) => c.deployment?.privatePool);
  const v = usePrivatePositionView(chain, address);
  if (!chain || !v.pp || !v.market) return null;
  const collateral = findAsset(chain.deployment, v.pp.collateral)!;
  const base = findAsset(chain.deployment, v.market.baseAsset)!;
  const a = v.aggregate;
  const hf = (h: bigint | null | undefined) => (h === undefined ? "—" : h === null ? "∞" : f.healthFactor(h));
  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm" aria-label={t("title")} data-testid="risk-private-pool">
      <h2 className="text-sm font-medium uppercase tracking-wide text-slate-400">{t("title")}</h2>
      <p className="mt-1 text-slate-400">{t("explain", { market: v.market.name })}</p>
      <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
        <div>
          <dt className="text-slate-400">{t("notes")}</dt>
          <dd data-testid="risk-private-notes">{v.pool.data ? v.pool.data.leaves : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-400">{tp("collateral")}</dt>
          <dd data-testid="risk-private-collateral">{a ? f.token(a.collateral, collateral.decimals, collateral.symbol) : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-400">{tp("debt")}</dt>
          <dd data-testid="risk-private-debt">{a ? f.token(a.debt, base.decimals, base.symbol) : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-400">{t("aggregateHealth")}</dt>
          <dd data-testid="risk-private-health">{hf(a?.health)}</dd>
        </div>
      </dl>
      {v.position && (
        <p className="mt-3 text-slate-200" data-testid="risk-private-own">
          {t("own", { health: hf(v.position.health) })}
        </p>
      )}
    </section>
  );
}
