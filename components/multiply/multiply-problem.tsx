"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";

/**
 * Above a Multiply form's steps, on every protocol: why it cannot be sent, or else a warning when the swap moves the
 * pool's price by more than 1 %.
 */
export function MultiplyProblem({ problem, priceImpact }: { problem: string | null | undefined; priceImpact: number | undefined }) {
  const t = useTranslations("multiply");
  const f = useFormat();
  if (problem) {
    return (
      <p role="alert" data-testid="multiply-problem" className="rounded-md border border-rose-700 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
        {problem}
      </p>
    );
  }
  if (priceImpact === undefined || priceImpact <= 0.01) return null;
  return (
    <p role="alert" className="rounded-md border border-orange-700 bg-orange-950/40 px-3 py-2 text-sm text-orange-200">
      {t("bigImpact", { pct: f.percentFloat(priceImpact) })}
    </p>
  );
}
