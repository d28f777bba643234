"use client";
import { useLocale } from "next-intl";
import { formatterFor, type Formatter } from "@/lib/view/format";

/** lib/view/format.ts bound to the reader's language: every number, amount, percentage and date on screen goes through it. */
export function useFormat(): Formatter {
  return formatterFor(useLocale());
}
