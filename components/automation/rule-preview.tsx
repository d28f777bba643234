"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { PricedGuardPosition } from "@/hooks/use-automation";
import {
  blocksSaving,
  firesAtOnce,
  previewProblem,
  snapshotHealth,
  type AutomationKind,
  type ParsedAutomationRule,
  type RulePreview as Preview,
} from "@/lib/engine/automation";

const MAX = 2n ** 256n - 1n;

/**
 * What the rule will do when it fires, before saving: the price at which it fires (in the debt asset, the protocol's
 * oracle), the amounts the guard would compute there (lib/engine/automation.ts mirrors KeelAutomation.plan), the health
 * factor after, the minimum size and the fee cap.
 */
export function RulePreview({
  p,
  kind,
  rule,
  preview,
}: {
  p: PricedGuardPosition;
  kind: AutomationKind;
  rule: ParsedAutomationRule;
  preview: Preview;
}) {
  const t = useTranslations("automation.preview");
  const f = useFormat();
  const problem = previewProblem(kind, preview);
  const blocked = blocksSaving(problem);
  const firesNow = firesAtOnce(p.snapshot, kind, rule.trigger);
  const col = (x: bigint) => f.token(x, p.collateral.decimals, p.collateral.symbol);
  const debt = (x: bigint) => f.token(x, p.debt.decimals, p.debt.symbol);
  const price = f.token(preview.price, 18, p.debt.symbol, 2);
  const plan = preview.plan;
  return (
    <div className="space-y-1 rounded-md border border-slate-800 bg-slate-950/60 p-3 text-xs text-slate-300" data-testid="rule-preview">
      <p className="font-medium text-slate-200">{t("title")}</p>
      {!plan ? (
        <p className="text-amber-200">{t("unreachable")}</p>
      ) : (
        <>
          <p data-testid="preview-price">{t("firesAt", { price, collateral: p.collateral.symbol })}</p>
          {/* A rule that could never run there (liquidation first, or more to sell than is held) shows no sale, health
              after or fee: they would describe a trade that cannot happen ("sells at most 2,433 WETH" of the 1 held). */}
          {!blocked && (
            <p>
              {plan.close
                ? t("close", { repay: debt(plan.repay), sell: col(plan.sell), collateral: p.collateral.symbol })
                : kind === "boost"
                  ? t("boost", { borrow: debt(plan.borrow), buy: col(plan.minOut) })
                  : t("reduce", { repay: debt(plan.repay), sell: col(plan.sell) })}
            </p>
          )}
          {firesNow && (
            <p className="text-amber-200" data-testid="preview-fires-now">
              {t("firesNow", { health: f.healthFactor(snapshotHealth(p.snapshot)) })}
            </p>
          )}
          {problem && problem !== "unreachable" && (
            <p className="text-amber-200" data-testid="preview-problem">
              {t(problem, { health: f.healthFactor(preview.healthAt), sell: col(plan.sell), held: col(p.snapshot.collateral) })}
            </p>
          )}
          {!blocked && (
            <>
              <p>{preview.healthAfter === MAX ? t("closedAfter") : t("healthAfter", { health: f.healthFactor(preview.healthAfter) })}</p>
              <p data-testid="preview-fee">
                {t(kind === "boost" ? "feeBoost" : "fee", {
                  cap: f.percent(rule.feeBps * 10n ** 14n),
                  fee: debt(plan.fee),
                  slippage: f.percent(rule.slippageBps * 10n ** 14n),
                })}
              </p>
            </>
          )}
        </>
      )}
      <p data-testid="preview-minimum">{rule.minCollateral === 0n ? t("noMinimum") : t("minimum", { minimum: col(rule.minCollateral) })}</p>
    </div>
  );
}
