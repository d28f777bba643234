"use client";
import { useCallback, useEffect, useSyncExternalStore } from "react";
import { useConfig } from "wagmi";
import type { waitForTransactionReceipt } from "wagmi/actions";
import { orphanOutcome, pendingFlows, type PendingFlow } from "@/lib/tx/pending-flows";

const none = () => undefined;

/**
 * The flow in progress on `key` (a vault, a lender position…), from the app's one store — or undefined. The snapshot is
 * the key's flow, not the store's map: on a page load with no flow the browser's answer is the server's (undefined), so
 * hydration does not force a synchronous re-render of the page that asks (React re-renders a store whose client
 * snapshot differs from its server one), and a component re-renders only when its own flow changes.
 */
export function usePendingFlow(key: string): PendingFlow | undefined {
  const store = pendingFlows();
  const flow = useCallback(() => store.all().get(key), [store, key]);
  return useSyncExternalStore(store.subscribe, flow, none);
}

type ChainId = Parameters<typeof waitForTransactionReceipt>[1]["chainId"];

/**
 * Mounted once (components/providers.tsx): after a reload, each flow the earlier page load left running is resolved
 * from its last transaction's receipt — ended when nothing is left to do, otherwise marked interrupted with what
 * happened, for its form to say. The receipt reads (`wagmi/actions`, and viem's receipt and block code behind them)
 * load only when this browser holds such a flow with a transaction sent: every other page load goes without them.
 */
export function useResolveOrphanFlows() {
  const config = useConfig();
  useEffect(() => {
    const store = pendingFlows();
    const settle = (f: PendingFlow, status: "success" | "reverted" | null) => {
      const o = orphanOutcome(f, status);
      if (o.done) store.end(f.key);
      else store.interrupt(f.key, o.note);
    };
    const sent: (PendingFlow & { hash: `0x${string}` })[] = [];
    for (const f of store.orphans()) {
      if (f.hash) sent.push({ ...f, hash: f.hash });
      else settle(f, null);
    }
    if (!sent.length) return;
    void import("wagmi/actions").then(({ getTransactionReceipt, waitForTransactionReceipt }) => {
      for (const f of sent) {
        const chainId = f.chainId as ChainId;
        void getTransactionReceipt(config, { chainId, hash: f.hash })
          .catch(() => waitForTransactionReceipt(config, { chainId, hash: f.hash, timeout: 120_000 }))
          .then((r) => settle(f, r.status))
          .catch(() => store.interrupt(f.key, `No receipt for ${f.hash.slice(0, 10)}… yet: check your wallet's activity before retrying.`));
      }
    });
  }, [config]);
}
