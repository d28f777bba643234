"use client";
import { useTranslations } from "next-intl";
import type { Address } from "viem";
import { useFormat } from "@/hooks/use-format";
import { useReputation } from "@/hooks/use-reputation";
import { shortAddress } from "@/lib/format";
import type { ChainConfig } from "@/lib/server/config";
import type { LensVault } from "@/lib/vaults";

/**
 * The owner's reputation bonus on this vault and why: the bonus in force, the borrow limit it gives, the attested
 * record's inputs with each part's points, and how to dispute them (docs/reputation.md).
 */
export function ReputationPanel({ chain, market, vault, isOwner }: { chain: ChainConfig; market: Address; vault: LensVault; isOwner: boolean }) {
  const t = useTranslations("reputation");
  const f = useFormat();
  const { view } = useReputation(chain, market, vault);
  if (!view) return null;
  if (view.state === "noSource") {
    return (
      <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm" data-testid="reputation-panel">
        <h2 className="font-semibold">{t("title")}</h2>
        <p className="mt-1 text-slate-400">{t("noSource")}</p>
      </section>
    );
  }
  const r = view.record;
  return (
    <section className="space-y-3 rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm" data-testid="reputation-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">{t("title")}</h2>
        <span className="font-mono tabular-nums" data-testid="reputation-bonus">
          {view.state === "active" ? t("bonus", { bonus: f.percent(view.bonus) }) : t("noBonus")}
        </span>
      </div>
      <p className="text-slate-300">
        {view.state === "active"
          ? t("active", { base: f.usd(view.baseLimit), boosted: f.usd(view.boostedLimit) })
          : view.state === "expired"
            ? t("expired")
            : t("noRecord", { owner: shortAddress(vault.owner) })}
      </p>
      <p className="text-xs text-slate-400">{t("bounds", { cap: f.percent(view.maxBonus) })}</p>
      {!isOwner && <p className="text-xs text-slate-400">{t("ownersBonus")}</p>}
      {r && (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("inputs")}>
          <table className="w-full text-sm" data-testid="reputation-inputs">
            <caption className="pb-1 text-left text-xs text-slate-400">
              {t("score", { score: r.score, max: r.maxScore, block: r.asOfBlock.toString(), at: f.utc(r.attestedAt), expiry: f.utc(r.expiry) })}
            </caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-400">
              <tr>
                <th className="py-1 pr-2">{t("input")}</th>
                <th className="py-1 pr-2 text-right">{t("value")}</th>
                <th className="py-1 text-right">{t("points")}</th>
              </tr>
            </thead>
            <tbody>
              {r.parts.map((p) => (
                <tr key={p.key} className="border-t border-slate-800" data-testid={`reputation-${p.key}`}>
                  <td className="py-1 pr-2">{t(`parts.${p.key}`)}</td>
                  <td className="whitespace-nowrap py-1 pr-2 text-right font-mono tabular-nums">
                    {p.key === "age"
                      ? t("days", { n: p.input })
                      : p.key === "neverLiquidated"
                        ? p.input === 0
                          ? t("yes")
                          : t("no", { n: p.input })
                        : p.input}
                  </td>
                  <td className="whitespace-nowrap py-1 text-right font-mono tabular-nums">
                    {p.points} / {p.max}
                  </td>
                </tr>
              ))}
              <tr className="border-t border-slate-800">
                <td className="py-1 pr-2">{t("parts.closedWithLoss")}</td>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono tabular-nums">{r.closedWithLoss}</td>
                <td className="py-1 text-right text-xs text-slate-400">{t("gate")}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <details className="text-xs text-slate-400" data-testid="reputation-dispute">
        <summary className="min-h-11 cursor-pointer py-2 text-sky-300 md:min-h-0">{t("disputeTitle")}</summary>
        <p className="mt-1">{t("disputeHow")}</p>
        {view.dispute && (
          <p className="mt-1 break-all font-mono">
            {t("disputeWhere", { schema: view.dispute.schema, attester: view.dispute.attester, eas: view.dispute.eas, uid: r?.uid ?? "—" })}
          </p>
        )}
        <p className="mt-1">{t("disputeHonest")}</p>
      </details>
    </section>
  );
}
