"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { WalletButton } from "@/components/wallet-button";
import { WatchForm } from "./watch-form";
import { sameAddress } from "@/lib/config/address";

// The account's dashboard (./dashboard.tsx): its reads of every protocol, the position cards and the forms. A visitor
// with no wallet never needs them; they load once there is an account — a wallet connected or reconnecting, or a
// watched address (then with the server's render, so the page arrives drawn).
const loadDashboard = () => import("./dashboard");
const Dashboard = dynamic(() => loadDashboard().then((m) => m.Dashboard), { loading: () => <DashboardLoading /> });

/** `/`: the connected account's positions; `watched` (`/?watch=0x…`): any address's, read-only, without a wallet. */
export function DashboardEntry({ watched, badWatch }: { watched?: Address | undefined; badWatch?: string | undefined }) {
  const t = useTranslations("dashboard");
  const tw = useTranslations("watch");
  const { address, isConnected, status } = useAccount();
  const owner = watched ?? (isConnected ? address : undefined);
  // A wallet reconnecting will be an account in a moment: its dashboard's code starts loading now.
  useEffect(() => {
    if (status === "reconnecting") void loadDashboard();
  }, [status]);

  if (owner) {
    const readOnly = Boolean(watched) && !sameAddress(watched, address);
    return <Dashboard owner={owner} readOnly={readOnly} watched={watched} />;
  }
  return (
    <div
      className="mx-auto mt-8 max-w-lg rounded-xl border border-slate-800 bg-slate-900/60 p-6 text-center md:mt-16 md:p-8"
      data-testid="connect-prompt"
    >
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-400">{t("connectWhy")}</p>
      <div className="mt-6 flex justify-center">
        <WalletButton label={t("connect")} showBalance={false} />
      </div>
      <div className="mt-6 border-t border-slate-800 pt-4">
        <p className="mb-2 text-sm text-slate-400">{tw("why")}</p>
        {badWatch && (
          <p role="alert" className="mb-2 text-sm text-rose-300" data-testid="watch-bad-url">
            {tw("badUrl", { text: badWatch.slice(0, 60) })}
          </p>
        )}
        <WatchForm />
      </div>
    </div>
  );
}

/** While the dashboard's code loads: its title and the line it shows while the positions are read. */
function DashboardLoading() {
  const t = useTranslations("dashboard");
  return (
    <div className="space-y-6">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-400">{t("subtitle")}</p>
      </div>
      <p className="text-sm text-slate-400">{t("reading")}</p>
    </div>
  );
}
