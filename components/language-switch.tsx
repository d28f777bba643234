"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useSyncExternalStore, useTransition } from "react";
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, isLocale } from "@/i18n/locales";

const noSubscription = () => () => {};

/** The language switch: remembered in a cookie for a year, applied by re-rendering the page on the server. */
export function LanguageSwitch({ className = "" }: { className?: string }) {
  const t = useTranslations("header");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The other languages' options come with hydration (the switch does nothing before it). A select lays out every
  // option's name, and "中文" is in no font the page ships: before the first paint each such character is a walk of the
  // whole font stack and then a system fallback (on Linux, synchronous calls to the font service: 80–90 ms of a
  // desktop's first layout, docs/performance.md). After hydration that walk no longer holds up the first paint. The
  // select has a fixed width, so the header does not move when the options arrive.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <label className={`flex items-center gap-2 text-sm text-slate-300 ${className}`}>
      <span className="sr-only">{t("language")}</span>
      <svg viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-400" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.5">
        <circle cx="10" cy="10" r="7.5" />
        <path d="M2.5 10h15M10 2.5c2.2 2.3 2.2 12.7 0 15M10 2.5c-2.2 2.3-2.2 12.7 0 15" />
      </svg>
      <select
        data-testid="language-switch"
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLocale(next)) return;
          document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
          startTransition(() => router.refresh());
        }}
        className="min-h-11 w-28 rounded-md border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100 md:min-h-0"
      >
        {LOCALES.filter((l) => hydrated || l === locale).map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
