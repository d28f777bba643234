"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { GuardPosition } from "@/hooks/use-automation";
import { ruleWarnings } from "@/lib/engine/automation-warnings";
import type { AutomationKind, ParsedAutomationRule } from "@/lib/engine/automation";

/**
 * Why a rule could not fire even when its condition holds (lib/engine/automation-warnings.ts): its fee cap below the gas of
 * executing it at today's gas price, or its slippage bound below what the swap venue's pool can deliver at the
 * position's size. Shown under a stored rule and in the form before saving; nothing when neither applies.
 */
export function RuleWarnings({ p, kind, rule }: { p: GuardPosition; kind: AutomationKind; rule: ParsedAutomationRule }) {
  const t = useTranslations("automation.warnings");
  const f = useFormat();
  const w = ruleWarnings(p.protocol, p.snapshot, kind, rule, p.execution);
  if (!w.feeBelowGas && !w.slippageUnreachable) return null;
  return (
    <div
      role="status"
      data-testid="rule-warnings"
      className="space-y-1 rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200"
    >
      {w.feeBelowGas && (
        <p data-testid="warning-fee-below-gas">{t("feeBelowGas", { fee: f.usd(w.feeBelowGas.feeUsd), gas: f.usd(w.feeBelowGas.gasUsd) })}</p>
      )}
      {w.slippageUnreachable && (
        <p data-testid="warning-slippage-unreachable">
          {w.slippageUnreachable.costBps === null
            ? t("noPool", { collateral: p.collateral.symbol, debt: p.debt.symbol })
            : t("slippageUnreachable", { cost: f.bps(w.slippageUnreachable.costBps), bound: f.bps(w.slippageUnreachable.boundBps) })}
        </p>
      )}
    </div>
  );
}
