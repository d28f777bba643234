import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** 404 for any address the app does not have. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  const tc = await getTranslations("common");
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-xl border border-slate-800 bg-slate-900/60 p-8 text-center">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-400">{t("body")}</p>
      <Link href="/" className="mt-4 inline-block text-sm text-sky-300 hover:underline">
        {tc("backToVaults")}
      </Link>
    </div>
  );
}
