"use client";
import { useTranslations } from "next-intl";

/** The indexer's answers a panel may fall back from, each with a sentence under `charts.indexer` in messages/. */
const CODES = new Set(["notConfigured", "noAnswer", "refused", "notSeen", "noTimeline", "unusable"]);

/**
 * An app run without an indexer (no `KEEL_INDEXER_URL`) is a setting, not a fault: panels that read the chain
 * instead say so plainly, in grey, rather than as a warning. The one place that decides it.
 */
export const indexerOff = (code: string | null | undefined): boolean => code === "notConfigured";

/**
 * Why the indexer did not serve a panel, as a sentence in the reader's language: its code's message when it has one,
 * otherwise the server's own words (`why`), otherwise "no timeline".
 */
export function useIndexerReason(): (code: string | null | undefined, why?: string | null) => string {
  const t = useTranslations("charts.indexer");
  return (code, why) => (code && CODES.has(code) ? t(code as "notConfigured") : (why ?? t("noTimeline")));
}
