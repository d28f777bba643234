"use client";
import { ConnectButton } from "@rainbow-me/rainbowkit";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAccount } from "wagmi";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useAccountVaults } from "@/hooks/use-account-vaults";
import { accountTotals } from "@/lib/vault-summary";
import { AccountTotalsBar } from "./account-totals";
import { OpenVaultForm } from "./open-vault-form";
import { VaultCard } from "./vault-card";

/** `/`: the connected account's vaults on every configured chain, with totals, and a way to open one. */
export function Dashboard() {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const { address, isConnected } = useAccount();
  const chains = useAccountVaults(address);
  const [opening, setOpening] = useState(false);

  if (!isConnected || !address) {
    return (
      <div className="mx-auto mt-8 max-w-lg rounded-xl border border-slate-800 bg-slate-900/60 p-6 text-center md:mt-16 md:p-8" data-testid="connect-prompt">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-400">{t("connectWhy")}</p>
        <div className="mt-6 flex justify-center">
          <ConnectButton label={t("connect")} showBalance={false} />
        </div>
      </div>
    );
  }

  const all = chains.flatMap((c) => c.vaults ?? []);
  const totals = accountTotals(all);
  const loading = chains.some((c) => c.isPending);
  const empty = !loading && all.length === 0 && chains.every((c) => !c.error);
  const openable = chains.filter((c) => !c.unavailable).map((c) => c.chain);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-400">{t("subtitle")}</p>
        </div>
        {!empty && openable.length > 0 && (
          <button
            onClick={() => setOpening((o) => !o)}
            className="min-h-11 rounded-md bg-sky-500 px-4 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 md:min-h-0"
          >
            {opening ? tc("close") : t("openVault")}
          </button>
        )}
      </div>

      {chains.map((c) =>
        c.error ? (
          <RpcErrorBanner
            key={c.chain.id}
            chainName={c.chain.name}
            rpcUrl={c.chain.rpcUrl}
            what="vaults"
            updatedAt={c.updatedAt}
            hasData={Boolean(c.vaults)}
            onRetry={c.refetch}
          />
        ) : null,
      )}
      {chains
        .filter((c) => c.unavailable)
        .map((c) => (
          <p key={c.chain.id} className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200">
            {c.chain.name}: {c.unavailable}
          </p>
        ))}

      {all.length > 0 && <AccountTotalsBar totals={totals} />}

      {(opening || empty) && openable.length > 0 && (
        <section className="rounded-xl border border-slate-800 bg-slate-900/60 p-4 md:p-5" data-testid={empty ? "empty-state" : "open-vault"}>
          {empty && (
            <div className="mb-4">
              <h2 className="text-lg font-semibold">{t("noVault")}</h2>
              <p className="mt-1 text-sm text-slate-400">{t("noVaultWhy")}</p>
            </div>
          )}
          <OpenVaultForm chains={openable} />
        </section>
      )}

      {loading && all.length === 0 && <p className="text-sm text-slate-400">{t("reading")}</p>}

      {chains.map((c) =>
        c.vaults && c.vaults.length > 0 ? (
          <section key={c.chain.id} className={`space-y-3 ${c.error ? "opacity-60" : ""}`}>
            {chains.length > 1 && (
              <h2 className="text-sm font-medium text-slate-300">
                {c.chain.name} <span className="text-slate-400">· {t("chain", { id: c.chain.id })}</span>
              </h2>
            )}
            {c.vaults.map((v) => (
              <VaultCard key={`${v.market}-${v.id}`} chain={c.chain} vault={v} />
            ))}
          </section>
        ) : null,
      )}
    </div>
  );
}
