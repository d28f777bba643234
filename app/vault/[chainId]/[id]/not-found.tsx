import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { loadChainConfigs } from "@/lib/server/config";

/** 404 for a vault route that names no vault: what a vault's address looks like and the chains configured here. */
export default async function VaultNotFound() {
  const chains = loadChainConfigs();
  const t = await getTranslations("notFound");
  const tc = await getTranslations("common");
  return (
    <div className="mx-auto mt-16 max-w-lg space-y-3 rounded-xl border border-slate-800 bg-slate-900/60 p-8" data-testid="vault-not-found">
      <h1 className="text-lg font-semibold">{t("vaultTitle")}</h1>
      <p className="text-sm text-slate-300">{t.rich("vaultBody", { path: t("vaultPath"), code: (c) => <code>{c}</code> })}</p>
      <ul className="text-sm text-slate-400 wrap-anywhere">
        {chains.map((c) => (
          <li key={c.id}>
            {t("vaultChain", {
              name: c.name,
              id: c.id,
              markets: c.deployment?.markets.map((m) => `${m.name} ${m.address}`).join(", ") || t("noMarket"),
            })}
          </li>
        ))}
      </ul>
      <Link href="/" className="inline-block text-sm text-sky-300 hover:underline">
        {tc("backToVaults")}
      </Link>
    </div>
  );
}
