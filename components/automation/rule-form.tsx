"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useBlock } from "wagmi";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import type { PricedGuardPosition } from "@/hooks/use-automation";
import {
  AUTOMATION_KINDS,
  blocksSaving,
  parseAutomationDraft,
  previewAtTrigger,
  previewProblem,
  snapshotHealth,
  snapshotPrice,
  type AutomationDraft,
  type AutomationField,
  type AutomationKind,
  type FieldProblem,
  type ParsedAutomationRule,
} from "@/lib/engine/automation";
import { RulePreview } from "./rule-preview";
import { RuleSteps } from "./rule-steps";
import { RuleWarnings } from "./rule-warnings";
import { useFormat } from "@/hooks/use-format";

const FIELDS: Record<AutomationKind, AutomationField[]> = {
  deleverage: ["trigger", "target"],
  boost: ["trigger", "target"],
  stopLoss: ["trigger"],
  takeProfit: ["trigger", "target"],
  trailingStop: ["trail"],
};

/**
 * A new rule for one position: the kind, its levels, the minimum size, the slippage bound and the fee cap, checked
 * against KeelAutomation.setRule's bounds as typed; the preview at the trigger and the steps before the save button.
 */
export function RuleForm({
  p,
  busy,
  onSave,
  onCancel,
}: {
  p: PricedGuardPosition;
  busy: boolean;
  onSave: (kind: AutomationKind, rule: ParsedAutomationRule) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("automation");
  const amountProblem = useAmountProblem();
  const f = useFormat();
  const [d, setD] = useState<AutomationDraft>({
    kind: "stopLoss",
    trigger: "",
    target: "",
    trail: "10",
    minimum: "",
    slippage: "1",
    fee: f.decimalText("0.3"),
    validity: "90",
  });
  // The expiry counts from the chain's time (a local chain's clock may differ from this browser's).
  const { data: block } = useBlock({ chainId: p.chain.id });
  // The form opens from "Add a rule", which it replaces: the keyboard's focus comes to its first field, not to the page.
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const parsed = parseAutomationDraft(d, {
    price: snapshotPrice(p.snapshot),
    healthFactor: snapshotHealth(p.snapshot),
    collateralDecimals: p.collateral.decimals,
    others: p.rules.map((r) => ({ kind: r.kind, trigger: r.rule.trigger, target: r.rule.target })),
    now: block?.timestamp ?? 0n, // saving waits for the block (below)
    decimal: f.decimalSeparator,
  });
  const errors: Partial<Record<AutomationField, FieldProblem>> = parsed.ok ? {} : parsed.errors;
  // The rule at its trigger: one that could never work there (lib/engine/automation.ts blocksSaving) is shown why and not saved.
  const preview = parsed.ok ? previewAtTrigger(p.snapshot, d.kind, parsed.rule, parsed.rule.feeBps) : null;
  const blocked = preview !== null && blocksSaving(previewProblem(d.kind, preview));
  // Today's price in the reader's format, with its unit ("3,000 USDC", not the engine's plain "3000").
  const today = f.token(snapshotPrice(p.snapshot), 18, p.debt.symbol, 2);
  const problem = (e: FieldProblem | undefined) =>
    !e
      ? null
      : e.key === "amount" && e.amount
        ? amountProblem(e.amount)
        : t(`problems.${e.key}`, e.key === "stopBelowPrice" || e.key === "profitAbovePrice" ? { ...e.values, price: today } : (e.values ?? {}));
  const touched = (field: AutomationField) =>
    field === "minimum" || field === "slippage" || field === "fee" || field === "validity" || d[field] !== "";
  const needs = p.authorise.filter((a) => (d.kind === "boost" ? true : a.step !== "aaveBorrow"));
  const idBase = `${p.id}-rule`;

  const field = (name: AutomationField, label: string, hint: string) => {
    const err = touched(name) ? problem(errors[name]) : null;
    return (
      <label key={name} className="block space-y-1 text-xs text-slate-400" htmlFor={`${idBase}-${name}`}>
        <span>{label}</span>
        <input
          id={`${idBase}-${name}`}
          data-testid={`rule-${name}`}
          inputMode="decimal"
          value={d[name]}
          onChange={(e) => setD({ ...d, [name]: e.target.value })}
          aria-invalid={Boolean(err)}
          aria-describedby={`${idBase}-${name}-hint`}
          className="w-full rounded-md border border-slate-700 bg-slate-950 px-2 py-1.5 text-sm text-slate-100"
        />
        <span id={`${idBase}-${name}-hint`} className={err ? "text-rose-300" : "text-slate-400"}>
          {err ?? hint}
        </span>
      </label>
    );
  };
  const units = { collateral: p.collateral.symbol, debt: p.debt.symbol };

  return (
    <form
      className="space-y-3 rounded-lg border border-slate-800 p-3"
      data-testid="rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.ok && !blocked && block) onSave(d.kind, parsed.rule);
      }}
    >
      <label className="block space-y-1 text-xs text-slate-400" htmlFor={`${idBase}-kind`}>
        <span>{t("form.kind")}</span>
        <select
          id={`${idBase}-kind`}
          ref={first}
          data-testid="rule-kind"
          value={d.kind}
          onChange={(e) => setD({ ...d, kind: e.target.value as AutomationKind, trigger: "", target: "" })}
          className="w-full rounded-md border border-slate-700 bg-slate-950 px-2 py-1.5 text-sm text-slate-100"
        >
          {AUTOMATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="text-xs text-slate-400">{t(`explain.${d.kind}`, units)}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS[d.kind].map((name) => field(name, t(`form.${d.kind}.${name}`, units), t(`form.${d.kind}.${name}Hint`, units)))}
        {field("minimum", t("form.minimum", units), t("form.minimumHint", units))}
        {field("slippage", t("form.slippage"), t("form.slippageHint"))}
        {field("fee", t("form.fee"), t(d.kind === "boost" ? "form.feeHintBoost" : "form.feeHint"))}
        {field("validity", t("form.validity"), t("form.validityHint"))}
      </div>
      {parsed.ok && preview && <RulePreview p={p} kind={d.kind} rule={parsed.rule} preview={preview} />}
      {parsed.ok && <RuleWarnings p={p} kind={d.kind} rule={parsed.rule} />}
      <RuleSteps auth={needs} protocol={t(`protocols.${p.protocol}`)} last={t("steps.save", { kind: t(`kinds.${d.kind}`) })} />
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="rule-save"
          disabled={!parsed.ok || blocked || busy || !block}
          className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-300"
        >
          {t("form.save")}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-700 px-3 py-1.5 text-sm text-slate-200">
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
