"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
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

/**
 * What a withdraw or borrow box says once Max is pressed and nothing fits within the reader's safety level while the
 * protocol still allows more (Max filled 0), in place of "Enter an amount above zero": on a vault and on an Aave or
 * Morpho position alike. null when it does not apply.
 */
export function useMaxAtSafety() {
  const t = useTranslations("actions");
  const f = useFormat();
  return (o: {
    maxed: boolean;
    suggested: bigint | undefined;
    max: bigint | undefined;
    safety: bigint;
    health: bigint;
    decimals: number;
    symbol: string;
  }) =>
    o.maxed && o.suggested === 0n && o.max !== undefined && o.max > 0n
      ? t("maxAtSafety", { safety: f.healthFactor(o.safety), hf: f.healthFactor(o.health), max: f.unitsDown(o.max, o.decimals), symbol: o.symbol })
      : null;
}
