"use client";
import { useTranslations } from "next-intl";

/** A page that failed while the header and providers stand: the reason's reference (the server logs it) and a retry. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset(): void }) {
  const t = useTranslations("error");
  return (
    <div className="mx-auto mt-16 max-w-lg space-y-3 rounded-xl border border-slate-800 bg-slate-900/60 p-8" data-testid="page-error" role="alert">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-300">{t("body")}</p>
      {error.digest && <p className="font-mono text-xs text-slate-400">{t("reference", { digest: error.digest })}</p>}
      <button type="button" onClick={reset} className="rounded-md bg-sky-600 px-3 py-2 text-sm font-medium text-white hover:bg-sky-500">
        {t("retry")}
      </button>
    </div>
  );
}
