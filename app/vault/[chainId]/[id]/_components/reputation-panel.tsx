"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Address, Hex } from "viem";
import { useFormat } from "@/hooks/use-format";
import { useReputation } from "@/hooks/use-reputation";
import { useTransactor } from "@/hooks/use-transactor";
import { checkDisputeReason, disputeCall, MAX_DISPUTE_REASON } from "@/lib/reputation/dispute";
import { shortAddress } from "@/lib/view/format";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensVault } from "@/lib/read/vaults";

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
        {isOwner && r && chain.deployment?.reputation && <DisputeForm chain={chain} recordUid={r.uid} />}
        <p className="mt-1">{t("disputeHonest")}</p>
      </details>
    </section>
  );
}

/** The owner disputes the record: an EAS attestation of the dispute schema with the reason (lib/reputation/dispute.ts). */
function DisputeForm({ chain, recordUid }: { chain: ChainConfig; recordUid: Hex }) {
  const t = useTranslations("reputation");
  const send = useTransactor();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const problem = checkDisputeReason(reason);
  const onSend = async () => {
    if (problem || busy) return;
    setBusy(true);
    try {
      const result = await send({ label: t("disputeLabel"), chainId: chain.id, ...disputeCall(chain.deployment!.reputation!, recordUid, reason) });
      if (result.status === "confirmed") {
        setSent(true);
        setReason("");
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mt-2 space-y-2" data-testid="reputation-dispute-form">
      <label className="block text-slate-300" htmlFor="dispute-reason">
        {t("disputeReason")}
      </label>
      <textarea
        id="dispute-reason"
        className="w-full rounded-md border border-slate-700 bg-slate-950 p-2 text-sm text-slate-100"
        rows={3}
        maxLength={MAX_DISPUTE_REASON + 50}
        value={reason}
        disabled={busy}
        onChange={(e) => {
          setReason(e.target.value);
          setSent(false);
        }}
        aria-describedby="dispute-reason-help"
      />
      <p id="dispute-reason-help" className={problem === "tooLong" ? "text-rose-300" : "text-slate-400"}>
        {problem === "tooLong"
          ? t("disputeTooLong", { max: MAX_DISPUTE_REASON })
          : t("disputeCount", { n: reason.trim().length, max: MAX_DISPUTE_REASON })}
      </p>
      <button
        type="button"
        className="min-h-11 rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 md:min-h-0"
        disabled={problem !== null || busy}
        onClick={() => void onSend()}
      >
        {busy ? t("disputeSending") : t("disputeSend")}
      </button>
      {sent && (
        <p className="text-emerald-300" role="status">
          {t("disputeSent")}
        </p>
      )}
    </div>
  );
}
