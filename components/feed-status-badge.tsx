"use client";
import { useTranslations } from "next-intl";
import { feedStatus } from "@/lib/read/oracle";

const tone: Record<string, string> = {
  ok: "bg-emerald-500/15 text-emerald-300 ring-emerald-500/30",
  stale: "bg-amber-500/15 text-amber-300 ring-amber-500/30",
};

/** An oracle feed's status (`KeelOracle.Status`) as a coloured pill, with why in its title. */
export function FeedStatusBadge({ status }: { status: number }) {
  const t = useTranslations("feed");
  const s = feedStatus(status);
  const why = t(`${s.key}.why`);
  return (
    <span
      title={why || undefined}
      data-testid="feed-status"
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs ring-1 ${tone[s.key] ?? "bg-rose-500/15 text-rose-300 ring-rose-500/30"}`}
    >
      {t(`${s.key}.label`)}
    </span>
  );
}
