"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Address } from "viem";
import { ConfirmRemove } from "@/components/automation/confirm-remove";
import { RuleWarnings } from "@/components/automation/rule-warnings";
import { useFormat } from "@/hooks/use-format";
import type { GuardRule } from "@/hooks/use-vault-protection";
import { deleveragePlan, stopLossPlan, type GuardKind, type ProtectionPlan } from "@/lib/engine/protection";
import { GuardRuleForm } from "./rule-form";
import { GuardRulePreview } from "./rule-preview";
import type { GuardContext } from "./protection-panel";
import { sameAddress } from "@/lib/config/address";

/** The plan KeelGuard would compute for a rule of this kind at today's prices (lib/engine/protection.ts). */
export type PlanFor = (collateral: Address, target: bigint, slippageBps: bigint, feeBps: bigint) => ProtectionPlan | null;

const bpsPercent = (bps: number | bigint) => BigInt(bps) * 10n ** 14n;

/** One KeelGuard rule kind on the vault: what it does, the rule as set (or "Not set"), its preview, and the owner's buttons. */
export function GuardRuleCard({ kind, rule, ctx }: { kind: GuardKind; rule: GuardRule | null; ctx: GuardContext }) {
  const t = useTranslations("protection");
  const tKind = useTranslations("automation");
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { vault, market, position, busy, isOwner } = ctx;
  const held = vault.collaterals.filter((c) => c.amount > 0n).map((c) => c.asset);
  const lapsed = rule !== null && !sameAddress(rule.owner, vault.owner);
  const opts = (collateral: Address, slippageBps: bigint, feeBps: bigint) => ({ collateral, slippageBps, feeBps, flashFeeBps: market.flashFeeBps });
  const planFor: PlanFor = (collateral, target, slippageBps, feeBps) =>
    kind === "deleverage"
      ? deleveragePlan(position, target, opts(collateral, slippageBps, feeBps))
      : stopLossPlan(position, opts(collateral, slippageBps, feeBps));
  const button = "rounded-md border border-slate-700 px-2 py-1 text-xs hover:bg-slate-800 disabled:opacity-50";

  return (
    <div className="space-y-2 rounded-lg border border-slate-800 bg-slate-950/40 p-3" data-testid={`rule-${kind}`}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-medium">{tKind(`kinds.${kind}`)}</h3>
        {rule && (
          <span
            className={`rounded-full px-2 py-0.5 text-xs ${lapsed ? "bg-slate-800 text-slate-400" : rule.paused ? "bg-amber-950 text-amber-300" : "bg-emerald-950 text-emerald-300"}`}
            data-testid="rule-status"
          >
            {t(lapsed ? "status.lapsed" : rule.paused ? "status.paused" : "status.active")}
          </span>
        )}
      </div>
      <p className="text-xs text-slate-400">{t(`explain.${kind}`)}</p>

      {rule && !editing && (
        <>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-400">{t("sells")}</dt>
            <dd className="text-right">{ctx.symbolOf(rule.collateral)}</dd>
            <dt className="text-slate-400">{t(kind === "deleverage" ? "triggerHealth" : "priceLevel")}</dt>
            <dd className="text-right font-mono" data-testid="rule-trigger">
              {kind === "deleverage" ? f.healthFactor(rule.trigger) : f.usd(rule.trigger)}
            </dd>
            {kind === "deleverage" && (
              <>
                <dt className="text-slate-400">{t("targetHealth")}</dt>
                <dd className="text-right font-mono">{f.healthFactor(rule.target)}</dd>
              </>
            )}
            <dt className="text-slate-400">{t("bounds")}</dt>
            <dd className="text-right font-mono">
              {f.percent(bpsPercent(rule.maxSlippageBps))} · {f.percent(bpsPercent(rule.maxFeeBps))}
            </dd>
          </dl>
          <GuardRulePreview
            kind={kind}
            collateral={rule.collateral}
            trigger={rule.trigger}
            plan={planFor(rule.collateral, rule.target, BigInt(rule.maxSlippageBps), BigInt(rule.maxFeeBps))}
            ctx={ctx}
          />
          {ctx.warnings[kind] && (
            // The panel states the guard's authorisation once, above both cards: here the other three.
            <RuleWarnings
              p={{ protocol: "keel", collateral: ctx.warnings[kind].collateral, debt: ctx.warnings[kind].debt }}
              kind={kind}
              warnings={{ ...ctx.warnings[kind].warnings, notAuthorised: null }}
            />
          )}
          {isOwner && (
            <div className="flex gap-2 pt-1">
              <button type="button" disabled={busy} onClick={() => setEditing(true)} className={button}>
                {t("edit")}
              </button>
              {!lapsed && (
                <button type="button" disabled={busy} onClick={() => ctx.onPause(kind, !rule.paused)} className={button} data-testid="rule-pause">
                  {t(rule.paused ? "resume" : "pause")}
                </button>
              )}
              <button
                type="button"
                disabled={busy || confirming}
                onClick={() => setConfirming(true)}
                className="rounded-md border border-rose-900 px-2 py-1 text-xs text-rose-300 hover:bg-rose-950 disabled:opacity-50"
                data-testid="rule-remove"
              >
                {t("remove")}
              </button>
            </div>
          )}
          {isOwner && confirming && (
            <ConfirmRemove
              title={t("confirmTitle", { kind })}
              body={t("confirm", { kind })}
              busy={busy}
              onCancel={() => setConfirming(false)}
              onConfirm={() => {
                setConfirming(false);
                ctx.onRemove(kind);
              }}
            />
          )}
        </>
      )}

      {!rule && !editing && (
        <div className="flex items-center justify-between">
          <span className="text-xs text-slate-400">{t("notSet")}</span>
          {isOwner && held.length > 0 && vault.debt > 0n && (
            <button
              type="button"
              disabled={busy}
              onClick={() => setEditing(true)}
              className="rounded-md bg-sky-600 px-2 py-1 text-xs font-medium text-white hover:bg-sky-500 disabled:opacity-50"
              data-testid="rule-add"
            >
              {t("setUp")}
            </button>
          )}
        </div>
      )}

      {editing && <GuardRuleForm kind={kind} rule={rule} held={held} planFor={planFor} ctx={ctx} onDone={() => setEditing(false)} />}
    </div>
  );
}
