"use client";
import { useTranslations } from "next-intl";
import { useAccount, useSwitchChain } from "wagmi";
import { useKeelChains } from "@/hooks/use-keel-config";

/** Shown while the connected wallet is on a chain Keel is not configured for, with a button to switch. */
export function NetworkBanner() {
  const t = useTranslations("network");
  const { isConnected, chainId } = useAccount();
  const chains = useKeelChains();
  const { switchChain, isPending, error } = useSwitchChain();
  if (!isConnected || chainId === undefined || chains.some((c) => c.id === chainId)) return null;
  const target = chains[0]!;
  const rejected = error && /reject|denied/i.test(error.message);
  return (
    <div role="alert" className="border-b border-amber-700 bg-amber-950/60">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm text-amber-100">
        <span>
          {t.rich("wrongChain", { chainId, target: target.name, b: (c) => <b>{c}</b> })}
          {error && (
            <span className="ml-2 text-amber-300">
              {rejected ? t("declined") : t("couldNotSwitch", { reason: error.message.split("\n")[0] ?? "" })}
            </span>
          )}
        </span>
        <button
          onClick={() => switchChain({ chainId: target.id })}
          disabled={isPending}
          className="min-h-11 rounded-md bg-amber-500 px-3 py-1 font-medium md:min-h-0 text-slate-950 hover:bg-amber-400 disabled:opacity-60"
        >
          {isPending ? t("checkWallet") : t("switchTo", { target: target.name })}
        </button>
      </div>
    </div>
  );
}
