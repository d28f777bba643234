"use client";
import { useTranslations } from "next-intl";
import type { ParsedAmount } from "@/lib/amount";

type Problem = Extract<ParsedAmount, { ok: false }>;

/**
 * lib/amount.ts's problem in the reader's language: by its code (messages `amount.<problem>`) with the values it
 * carries; the English message of lib/amount.ts when a language has no text for a code.
 */
export function useAmountProblem(): (p: Problem) => string {
  const t = useTranslations("amount");
  return (p) => {
    const values = (p as { values?: Record<string, string | number> }).values;
    return t.has(p.problem) && values !== undefined ? t(p.problem, values) : p.message;
  };
}
