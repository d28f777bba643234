"use client";
import { useAccount, useSwitchChain } from "wagmi";
import { useKeelChains } from "@/hooks/use-keel-config";

/** Shown while the connected wallet is on a chain Keel is not configured for, with a button to switch. */
export function NetworkBanner() {
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
          Your wallet is on chain {chainId}, which Keel is not set up for. Switch to <b>{target.name}</b> to continue.
          {error && (
            <span className="ml-2 text-amber-300">
              {rejected ? "You declined the switch." : `The wallet could not switch: ${error.message.split("\n")[0]}`}
            </span>
          )}
        </span>
        <button
          onClick={() => switchChain({ chainId: target.id })}
          disabled={isPending}
          className="rounded-md bg-amber-500 px-3 py-1 font-medium text-slate-950 hover:bg-amber-400 disabled:opacity-60"
        >
          {isPending ? "Check your wallet…" : `Switch to ${target.name}`}
        </button>
      </div>
    </div>
  );
}
