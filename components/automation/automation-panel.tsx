"use client";
import { keelAutomationAbi } from "@/contracts-abi/abi/KeelAutomation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useErrorText } from "@/hooks/use-error-text";
import { useFormat } from "@/hooks/use-format";
import { useTransactor } from "@/hooks/use-transactor";
import type { GuardPosition, RuleView } from "@/hooks/use-automation";
import { kindIndex, snapshotHealth, snapshotPrice, type AutomationKind, type ParsedAutomationRule } from "@/lib/engine/automation";
import { ConfirmRemove } from "./confirm-remove";
import { RuleForm } from "./rule-form";
import { RuleWarnings } from "./rule-warnings";

/** A described error as a sentence that ends, so the message's next sentence does not run on from it. */
const sentence = (text: string) => (/[.!?。！？]$/.test(text.trim()) ? text : `${text.trim()}.`);

/** KeelAutomation.Blocker, in the contract's order. */
const BLOCKERS = ["none", "paused", "ownerChanged", "notAuthorised", "belowMinimum", "expired"] as const;

/**
 * One position's automation on any protocol (Keel, Aave v3, Morpho Blue) through KeelAutomation: its rules with what
 * each would do now, pause / resume / remove, the authorisation of the protocol's adapter with a revoke button, and the
 * form for a new rule. Every write goes through the transactor.
 */
export function AutomationPanel({ p, isOwner }: { p: GuardPosition; isOwner: boolean }) {
  const t = useTranslations("automation");
  const f = useFormat();
  const send = useTransactor();
  const [adding, setAdding] = useState(false);
  const backToAdd = useRef(false);
  const [busy, setBusy] = useState(false);
  const protocol = t(`protocols.${p.protocol}`);
  const s = p.snapshot;
  const errorText = useErrorText();
  // Without a snapshot (its read reverted: a stale price) the authorisation is the one the calls below would grant.
  const authorised = s ? s.mayWithdraw : p.authorise.filter((a) => a.step !== "aaveBorrow").every((a) => a.done);
  const tx = (label: string, address: `0x${string}`, abi: unknown, functionName: string, args: readonly unknown[]) =>
    send({ label, chainId: p.chain.id, address, abi: abi as never, functionName, args });
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };

  const save = (kind: AutomationKind, rule: ParsedAutomationRule) =>
    run(async () => {
      for (const a of p.authorise.filter((x) => !x.done && (kind === "boost" || x.step !== "aaveBorrow"))) {
        const r = await tx(t(`auth.${a.step}`, { protocol }), a.address, a.abi, a.functionName, a.args);
        if (r.status !== "confirmed") return;
      }
      const r = await tx(t("steps.save", { kind: t(`kinds.${kind}`) }), p.guard, keelAutomationAbi, "setRule", [
        p.adapter,
        p.position,
        kindIndex(kind),
        {
          trigger: rule.trigger,
          target: rule.target,
          trailBps: rule.trailBps,
          minCollateral: rule.minCollateral,
          maxSlippageBps: rule.slippageBps,
          maxFeeBps: rule.feeBps,
          validUntil: rule.validUntil,
        },
      ]);
      if (r.status === "confirmed") setAdding(false);
    });
  const revoke = () =>
    run(async () => {
      for (const a of p.revoke.filter((x) => !x.done)) {
        const r = await tx(t(`revoke.${a.step}`, { protocol }), a.address, a.abi, a.functionName, a.args);
        if (r.status !== "confirmed") return;
      }
    });

  return (
    <section
      className="space-y-3 rounded-xl border border-slate-800 bg-slate-900/40 p-4"
      data-testid={`automation-${p.protocol}`}
      aria-label={`${protocol} · ${p.place}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold">
            {protocol} · {p.place}
          </h3>
          {s ? (
            <p className="text-xs text-slate-400">
              {t("position", {
                collateral: f.token(s.collateral, p.collateral.decimals, p.collateral.symbol),
                debt: f.token(s.debt, p.debt.decimals, p.debt.symbol),
                health: f.healthFactor(snapshotHealth(s)),
                price: f.token(snapshotPrice(s), 18, p.debt.symbol, 2),
                symbol: p.collateral.symbol,
              })}
            </p>
          ) : (
            <p role="status" data-testid="automation-unavailable" className="text-xs text-amber-200">
              {t("unavailable", { why: p.unavailable ? sentence(errorText(p.unavailable)) : "" })}
            </p>
          )}
        </div>
        <div className="flex items-center gap-2">
          <span
            data-testid="adapter-authorised"
            className={`rounded-full px-2 py-0.5 text-xs ${authorised ? "bg-emerald-950 text-emerald-300" : "bg-slate-800 text-slate-300"}`}
          >
            {authorised ? t("authorised") : t("notAuthorised")}
          </span>
          {isOwner && p.revoke.some((a) => !a.done) && (
            <button
              type="button"
              data-testid="revoke"
              disabled={busy}
              onClick={() => void revoke()}
              className="rounded-md border border-slate-700 px-2 py-0.5 text-xs text-slate-200"
            >
              {t("revokeButton")}
            </button>
          )}
        </div>
      </div>
      {p.rules.length === 0 ? (
        <p className="text-sm text-slate-400">{t("noRules")}</p>
      ) : (
        <ul className="space-y-2">
          {p.rules.map((r) => (
            <RuleRow key={r.kind} r={r} p={p} isOwner={isOwner} busy={busy} run={run} tx={tx} />
          ))}
        </ul>
      )}
      {isOwner &&
        s &&
        (adding ? (
          <RuleForm
            p={{ ...p, snapshot: s }}
            busy={busy}
            onSave={(k, r) => void save(k, r)}
            onCancel={() => {
              backToAdd.current = true;
              setAdding(false);
            }}
          />
        ) : (
          <button
            type="button"
            // Cancelling the form brings the keyboard's focus back here (the form it was in is gone).
            ref={(el) => {
              if (el && backToAdd.current) el.focus();
              backToAdd.current = false;
            }}
            data-testid="add-rule"
            onClick={() => setAdding(true)}
            className="rounded-md border border-sky-700 px-3 py-1.5 text-sm text-sky-200"
          >
            {t("addRule")}
          </button>
        ))}
    </section>
  );
}

function RuleRow({
  r,
  p,
  isOwner,
  busy,
  run,
  tx,
}: {
  r: RuleView;
  p: GuardPosition;
  isOwner: boolean;
  busy: boolean;
  run: (fn: () => Promise<unknown>) => Promise<void>;
  tx: (label: string, address: `0x${string}`, abi: unknown, functionName: string, args: readonly unknown[]) => Promise<unknown>;
}) {
  const t = useTranslations("automation");
  const f = useFormat();
  const [confirming, setConfirming] = useState(false);
  const kind = t(`kinds.${r.kind}`);
  const health = r.kind === "deleverage" || r.kind === "boost";
  const level = (x: bigint) => (health ? f.healthFactor(x) : f.token(x, 18, p.debt.symbol, 2));
  const plan = r.plan;
  // Not authorised and below the minimum are in the rule's warnings (with the dashboard's): the status says the rest.
  const raw = plan ? (BLOCKERS[plan.blocker] ?? "none") : "none";
  const blocker = raw === "notAuthorised" || raw === "belowMinimum" ? "none" : raw;
  const args = [p.adapter, p.position, kindIndex(r.kind)] as const;
  return (
    <li className="rounded-md border border-slate-800 p-2 text-sm" data-testid={`auto-rule-${r.kind}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">
          {kind}
          {r.rule.paused && <span className="ml-2 rounded bg-slate-800 px-1.5 text-xs text-slate-300">{t("paused")}</span>}
        </span>
        {isOwner && (
          <span className="flex gap-2">
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(() =>
                  tx(t(r.rule.paused ? "resume" : "pause", { kind }), p.guard, keelAutomationAbi, "setPaused", [...args, !r.rule.paused]),
                )
              }
              className="rounded border border-slate-700 px-2 py-0.5 text-xs text-slate-200"
            >
              {t(r.rule.paused ? "resumeButton" : "pauseButton")}
            </button>
            <button
              type="button"
              disabled={busy || confirming}
              onClick={() => setConfirming(true)}
              className="rounded border border-slate-700 px-2 py-0.5 text-xs text-slate-200 disabled:opacity-50"
              data-testid="rule-remove"
            >
              {t("removeButton")}
            </button>
          </span>
        )}
      </div>
      {isOwner && confirming && (
        <ConfirmRemove
          title={`${t("remove", { kind })}?`}
          body={t("confirm.body", { kind })}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run(() => tx(t("remove", { kind }), p.guard, keelAutomationAbi, "removeRule", args));
          }}
        />
      )}
      <p className="text-xs text-slate-400" data-testid="rule-summary">
        {r.kind === "trailingStop"
          ? t("summary.trailing", {
              trail: f.percent(BigInt(r.rule.trailBps) * 10n ** 14n),
              high: level(r.rule.high),
              level: plan ? level(plan.level) : "—",
            })
          : t(`summary.${r.kind === "takeProfit" && r.rule.target !== 0n ? "takeProfitReduce" : r.kind}`, {
              trigger: level(r.rule.trigger),
              target: f.healthFactor(r.rule.target),
            })}{" "}
        {t("summary.bounds", {
          hasMinimum: r.rule.minCollateral > 0n ? "yes" : "no",
          minimum: f.token(r.rule.minCollateral, p.collateral.decimals, p.collateral.symbol),
          fee: f.percent(BigInt(r.rule.maxFeeBps) * 10n ** 14n),
          slippage: f.percent(BigInt(r.rule.maxSlippageBps) * 10n ** 14n),
        })}{" "}
        <span data-testid="rule-set-at">{t("summary.setAt", { date: f.utc(r.rule.setAt) })}</span>{" "}
        <span data-testid="rule-valid-until">{t("summary.validUntil", { date: f.utc(r.rule.validUntil) })}</span>
      </p>
      <p className="text-xs" data-testid="rule-status">
        {!plan ? (
          <span className="text-amber-200">{t("status.unknown")}</span>
        ) : blocker !== "none" ? (
          <span className="text-amber-200">{t(`status.${blocker}`)}</span>
        ) : plan.triggered ? (
          <span className="text-emerald-300">{t("status.triggered", { observed: level(plan.observed) })}</span>
        ) : (
          <span className="text-slate-400">{t("status.waiting", { observed: level(plan.observed), level: level(plan.level) })}</span>
        )}
      </p>
      {/* Without a snapshot the card's header already says no figures can be read and its rules cannot fire, and the status
          line above says the rule waits: the "no usable price" warning would be a third telling (the dashboard keeps it). */}
      <RuleWarnings p={p} kind={r.kind} warnings={p.snapshot || !r.warnings ? r.warnings : { ...r.warnings, priceUnavailable: null }} />
    </li>
  );
}
