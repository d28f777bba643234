"use client";
import { useTranslations } from "next-intl";
import type { ProblemText } from "@/lib/view/amount";

/**
 * lib/view/amount.ts's problem in the reader's language: by its code (messages `amount.<key ?? problem>`) with the values
 * it carries. lib/view/amount.ts keeps the English sentence (for lib/, agents and tests); the messages say the same.
 */
export function useAmountProblem(): (p: ProblemText & { problem: string }) => string {
  const t = useTranslations("amount");
  return (p) => {
    const key = p.key ?? p.problem;
    return t.has(key) ? t(key, p.values) : p.message;
  };
}

/** A Multiply plan's problem in the reader's language (lib/engine/leverage.ts keeps the English sentence). */
export function usePlanProblem() {
  const t = useTranslations("multiply");
  return (kind: string, values: { impact: string; leverage: string }) => t("problem", { kind, ...values });
}
