"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { GuardPosition } from "@/hooks/use-automation";
import { ruleWarnings, warningKinds, type RuleWarnings as Warnings } from "@/lib/engine/automation-warnings";
import type { AutomationKind, ParsedAutomationRule } from "@/lib/engine/automation";

/**
 * Why a rule could not fire if its condition held now (lib/automation-warnings.ts): the adapter's authorisation
 * revoked, the position below the rule's minimum, its fee cap below the gas of executing it at today's gas price, or
 * its slippage bound below what the swap venue's pool can deliver at the position's size. `warnings`: a stored rule's
 * (the hook's view-model); without it, the rule as typed in the form, whose save asks for the authorisation first (so
 * only the other three). Nothing when none applies. `p` needs its snapshot and execution context only to weigh `rule`.
 */
export function RuleWarnings({
  p,
  kind,
  rule,
  warnings,
}: {
  p: Pick<GuardPosition, "protocol" | "collateral" | "debt"> & Partial<Pick<GuardPosition, "snapshot" | "execution">>;
  kind: AutomationKind;
  rule?: ParsedAutomationRule;
  warnings?: Warnings | null;
}) {
  const t = useTranslations("automation.warnings");
  const ta = useTranslations("automation");
  const f = useFormat();
  const w =
    warnings ??
    (rule && p.snapshot && p.execution ? { ...ruleWarnings(p.protocol, p.snapshot, kind, rule, p.execution), notAuthorised: null } : null);
  if (!w || warningKinds(w).length === 0) return null;
  const token = (x: bigint) => f.token(x, p.collateral.decimals, p.collateral.symbol);
  return (
    <div
      role="status"
      data-testid="rule-warnings"
      className="space-y-1 rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200"
    >
      {w.notAuthorised && (
        <p data-testid="warning-not-authorised">
          {t(w.notAuthorised.needs === "borrow" ? "notAuthorisedBorrow" : "notAuthorisedWithdraw", { protocol: ta(`protocols.${p.protocol}`) })}
        </p>
      )}
      {w.priceUnavailable && <p data-testid="warning-price-unavailable">{t("priceUnavailable")}</p>}
      {w.belowMinimum && (
        <p data-testid="warning-below-minimum">
          {w.belowMinimum.minimum === 0n
            ? t("noCollateral", { collateral: p.collateral.symbol })
            : t("belowMinimum", { held: token(w.belowMinimum.collateral), minimum: token(w.belowMinimum.minimum) })}
        </p>
      )}
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
