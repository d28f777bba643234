"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Address } from "viem";
import { RuleSteps } from "@/components/automation/rule-steps";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import { useFormat } from "@/hooks/use-format";
import type { GuardRule } from "@/hooks/use-vault-protection";
import type { FieldProblem } from "@/lib/engine/automation";
import { liquidationPrice } from "@/lib/engine/risk";
import { GUARD_KIND, parseRuleDraft, type GuardKind, type RuleDraft, type RuleField } from "@/lib/engine/protection";
import type { PlanFor } from "./rule-card";
import { GuardRulePreview } from "./rule-preview";
import type { GuardContext } from "./protection-panel";
import { sameAddress } from "@/lib/config/address";

const bpsText = (bps: number | bigint) => (Number(bps) / 100).toString();

/**
 * A KeelGuard rule being set or edited: the collateral to sell, the levels, the slippage bound and the fee cap, checked
 * against KeelGuard.setRule's bounds as typed (lib/engine/protection.ts), its preview at today's prices and the steps to save.
 */
export function GuardRuleForm({
  kind,
  rule,
  held,
  planFor,
  ctx,
  onDone,
}: {
  kind: GuardKind;
  rule: GuardRule | null;
  held: Address[];
  planFor: PlanFor;
  ctx: GuardContext;
  onDone: () => void;
}) {
  const t = useTranslations("protection.form");
  const ta = useTranslations("automation");
  const amountProblem = useAmountProblem();
  const { vault, market } = ctx;
  const fmt = useFormat();
  // What the boxes start with, as the reader writes numbers ("1,25" in Spanish).
  const [draft, setDraft] = useState<RuleDraft>(() => ({
    kind,
    collateral: rule?.collateral ?? held[0]!,
    // A saved rule's levels exactly as the form reads them (a health factor to 4 decimals, a price to 8): editing the
    // slippage alone must not move the stop.
    trigger: rule
      ? fmt.unitsInput(rule.trigger / 10n ** (kind === "deleverage" ? 14n : 10n), kind === "deleverage" ? 4 : 8)
      : fmt.decimalText(kind === "deleverage" ? "1.25" : ""),
    target: rule && kind === "deleverage" ? fmt.unitsInput(rule.target / 10n ** 14n, 4) : fmt.decimalText("1.6"),
    slippage: fmt.decimalText(rule ? bpsText(rule.maxSlippageBps) : "1"),
    fee: fmt.decimalText(rule ? bpsText(rule.maxFeeBps) : "0.3"),
  }));
  const [touched, setTouched] = useState(false);
  const info = market.collaterals.find((c) => sameAddress(c.info.asset, draft.collateral))?.info;
  const col = vault.collaterals.find((c) => sameAddress(c.asset, draft.collateral));
  // The stop-loss's bounds: below today's price, above the liquidation price (others held).
  const liq = col ? liquidationPrice(ctx.position, draft.collateral) : 0n;
  const parsed = parseRuleDraft(draft, {
    lt: BigInt(info?.liquidationThreshold ?? 0n),
    ltv: BigInt(info?.ltv ?? 1n),
    price: col?.price ?? 0n,
    healthFactor: vault.healthFactor,
    liquidationPrice: liq,
    decimal: fmt.decimalSeparator,
  });
  const problem = (e: FieldProblem | undefined) =>
    !e
      ? undefined
      : e.key === "amount" && e.amount
        ? amountProblem(e.amount)
        : // A price in the reader's format ("$3,000.00"), not the engine's plain "3000".
          ta(
            `problems.${e.key}`,
            e.key === "stopBelowPrice" && col
              ? { price: fmt.usd(col.price) }
              : e.key === "stopAboveLiquidation"
                ? { price: fmt.usd(liq) }
                : (e.values ?? {}),
          );
  const error = (f: RuleField) => ((touched || draft[f] !== "") && !parsed.ok ? problem(parsed.errors[f]) : undefined);
  const idBase = `guard-${vault.id}-${kind}`;
  const field = (f: RuleField, label: string, suffix: string, testId: string) => (
    <label className="block text-xs" htmlFor={`${idBase}-${f}`}>
      <span className="text-slate-400">{label}</span>
      <div className="mt-0.5 flex items-center gap-1">
        <input
          id={`${idBase}-${f}`}
          data-testid={testId}
          value={draft[f]}
          inputMode="decimal"
          aria-invalid={Boolean(error(f))}
          onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
          className={`w-full rounded-md border bg-slate-950 px-2 py-1 font-mono ${error(f) ? "border-rose-600" : "border-slate-700"}`}
        />
        <span className="text-slate-400">{suffix}</span>
      </div>
      {error(f) && (
        <span className="text-rose-300" data-testid={`${testId}-error`}>
          {error(f)}
        </span>
      )}
    </label>
  );
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!parsed.ok) return;
        const r = parsed.rule;
        void ctx
          .onSave(kind, [vault.market, vault.id, GUARD_KIND[kind], r.collateral, r.trigger, r.target, r.slippageBps, r.feeBps])
          .then((saved) => saved && onDone());
      }}
    >
      <label className="block text-xs" htmlFor={`${idBase}-collateral`}>
        <span className="text-slate-400">{t("collateral")}</span>
        <select
          id={`${idBase}-collateral`}
          value={draft.collateral}
          onChange={(e) => setDraft({ ...draft, collateral: e.target.value as Address })}
          className="mt-0.5 w-full rounded-md border border-slate-700 bg-slate-950 px-2 py-1"
        >
          {held.map((a) => (
            <option key={a} value={a}>
              {ctx.symbolOf(a)}
            </option>
          ))}
        </select>
      </label>
      <div className="grid grid-cols-2 gap-2">
        {kind === "deleverage" ? (
          <>
            {field("trigger", t("triggerHealth"), "", "rule-trigger-input")}
            {field("target", t("targetHealth"), "", "rule-target-input")}
          </>
        ) : (
          <div className="col-span-2">
            {field("trigger", t("priceLevel", { symbol: ctx.symbolOf(draft.collateral) }), "USD", "rule-trigger-input")}
          </div>
        )}
        {field("slippage", t("slippage"), "%", "rule-slippage-input")}
        {field("fee", t("fee"), "%", "rule-fee-input")}
      </div>
      {parsed.ok && (
        <GuardRulePreview
          kind={kind}
          collateral={parsed.rule.collateral}
          trigger={parsed.rule.trigger}
          plan={planFor(parsed.rule.collateral, parsed.rule.target, parsed.rule.slippageBps, parsed.rule.feeBps)}
          ctx={ctx}
        />
      )}
      <RuleSteps auth={[{ step: "keelGuard", done: ctx.operator }]} protocol="Keel" last={ta("steps.save", { kind: ta(`kinds.${kind}`) })} />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={ctx.busy}
          className="rounded-md bg-sky-600 px-3 py-1 text-xs font-medium text-white hover:bg-sky-500 disabled:opacity-50"
          data-testid="rule-save"
        >
          {t("save")}
        </button>
        <button type="button" onClick={onDone} className="rounded-md border border-slate-700 px-3 py-1 text-xs hover:bg-slate-800">
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
