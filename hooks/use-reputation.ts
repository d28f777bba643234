"use client";
import { useQuery } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { useConfig } from "wagmi";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import { reputationView, type ReputationView } from "@/lib/reputation/view";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensVault } from "@/lib/read/vaults";
import { requireChainReader } from "@/lib/wallet/chain-reader";

export const reputationKey = (chainId: number, market: Address, owner: Address) => ["keel", "reputation", chainId, market, owner] as const;

/**
 * The reputation bonus of `vault`'s owner in `market` and why (lib/reputation/view.ts): the market's source, the
 * owner's honoured record and its attestation's inputs (lib/reputation/read.ts `readReputation`: one round, two with a
 * record), refreshed on each new block. Idle until the vault is read.
 */
export function useReputation(chain: ChainConfig, market: Address, vault: LensVault | undefined) {
  const config = useConfig();
  const rep = chain.deployment?.reputation;
  const owner = vault?.owner ?? zeroAddress;
  const key = reputationKey(chain.id, market, owner);
  const query = useQuery({
    queryKey: key,
    retry: 1,
    enabled: owner !== zeroAddress,
    // The reader (and the attestation service's and the reputation source's ABIs) loads with the first read, after the
    // vault's: not with the page's first scripts.
    queryFn: async () => (await import("@/lib/reputation/read")).readReputation(requireChainReader(config, chain.id), market, rep, owner),
  });
  useRefreshOnBlocks([{ chainId: chain.id, key }]);
  const view: ReputationView | undefined = query.data && vault ? reputationView(query.data, vault, rep) : undefined;
  // The answer only, not the whole query: spreading TanStack Query's result reads every field, which subscribes the
  // caller to each fetch's start and end too, and re-rendered the whole vault page twice on every block.
  return { data: query.data, view };
}
