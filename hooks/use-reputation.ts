"use client";
import { useQuery } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { useConfig } from "wagmi";

import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { keelReputationAbi } from "@/contracts-abi/abi/KeelReputation";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import { readHonouredRecord } from "@/lib/reputation/read";
import { reputationView, type ReputationView } from "@/lib/reputation/view";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensVault } from "@/lib/read/vaults";
import { chainReader } from "@/lib/wallet/chain-reader";
import { sameAddress } from "@/lib/config/address";

export const reputationKey = (chainId: number, market: Address, owner: Address) => ["keel", "reputation", chainId, market, owner] as const;

/**
 * The reputation bonus of `vault`'s owner in `market` and why (lib/reputation/view.ts): the market's source, the
 * owner's honoured record and its attestation's inputs, refreshed on each new block. Idle until the vault is read.
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
    queryFn: async () => {
      const client = chainReader(config, chain.id)!;
      const source = await client.readContract({ address: market, abi: keelMarketAbi, functionName: "reputation" });
      if (source === zeroAddress) return { source: null, honoured: null, maxBonus: 0n, bonusNow: 0n, known: false };
      const known = sameAddress(rep?.source, source);
      const [maxBonus, bonusNow] = await Promise.all([
        client.readContract({ address: source, abi: keelReputationAbi, functionName: "maxBonus" }),
        client.readContract({ address: source, abi: keelReputationAbi, functionName: "ltvBonus", args: [owner] }),
      ]);
      // The attestation's inputs come from the deployment's EAS; a source the deployment does not know shows its bonus only.
      const honoured = known ? await readHonouredRecord(client, rep!, owner) : null;
      return { source, honoured, maxBonus, bonusNow, known };
    },
  });
  useRefreshOnBlocks([{ chainId: chain.id, key }]);
  const view: ReputationView | undefined = query.data && vault ? reputationView(query.data, vault, rep) : undefined;
  // The answer only, not the whole query: spreading TanStack Query's result reads every field, which subscribes the
  // caller to each fetch's start and end too, and re-rendered the whole vault page twice on every block.
  return { data: query.data, view };
}
