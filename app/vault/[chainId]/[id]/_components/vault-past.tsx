"use client";
import type { ReactNode } from "react";
import type { Address } from "viem";
import { useVaultHistory } from "@/hooks/use-vault-history";
import type { ChainConfig } from "@/lib/config/chains";
import { HistoryChart } from "./history-chart";
import { Timeline } from "./timeline";

/**
 * The vault's past (history chart, composition beside it, timeline): its own component, so the history's reads (the
 * indexer, or many past blocks from the chain) re-render this part only, not the whole page. Loaded with its box (`Deferred`
 * on the vault page), as the other panels below the forms: its code (the timeline, the history's log decoding) is not
 * part of the page's first load.
 */
export function VaultPast({
  chain,
  marketAddress,
  id,
  baseAsset,
  composition,
}: {
  chain: ChainConfig;
  marketAddress: Address;
  id: bigint;
  baseAsset: Address;
  composition: ReactNode;
}) {
  const history = useVaultHistory(chain, marketAddress, id, true);
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <HistoryChart history={history.data} loading={history.isFetching} error={history.error} />
        {composition}
      </div>
      <Timeline history={history.data} chainId={chain.id} market={marketAddress} id={id} deployment={chain.deployment!} baseAsset={baseAsset} />
    </div>
  );
}
