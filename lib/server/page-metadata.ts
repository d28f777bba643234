import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/** A page's title in the reader's language: the header's name for it, then Keel (`Riesgo · Keel`). */
export async function pageMetadata(page: "multiply" | "risk" | "private" | "automate"): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("meta.pageTitle", { page: t(`header.${page}`) }) };
}
