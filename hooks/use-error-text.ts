"use client";
import { useTranslations } from "next-intl";
import type { DescribedError } from "@/lib/tx/tx-errors";

/**
 * A described error (lib/tx/tx-errors.ts) in the reader's language: by its message key in "txErrors" with its values. The
 * English words live only in lib/tx/tx-errors.ts (messages/en.json has no "txErrors"), so English, and any text a library
 * wrote itself, is the error's own message.
 */
export function useErrorText(): (e: Pick<DescribedError, "message" | "key" | "values">) => string {
  const t = useTranslations("txErrors");
  return (e) => (e.key && t.has(e.key) ? t(e.key, e.values) : e.message);
}
