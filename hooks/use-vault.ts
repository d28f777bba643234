"use client";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import type { ChainConfig } from "@/lib/config/chains";
import { readVault, type SeededRead, type VaultRead } from "@/lib/read/vaults";
import { walletTokensAnswer, walletTokensByToken } from "@/lib/read/wallet-tokens";
import { requireChainReader } from "@/lib/wallet/chain-reader";

export const vaultKey = (chainId: number, market: Address, id: bigint) => ["keel", "vault", chainId, market, id.toString()] as const;
export const walletKey = (chainId: number, market: Address, owner?: Address) => ["keel", "wallet", chainId, market, owner ?? null] as const;

type ChainId = Parameters<typeof readContract>[1]["chainId"];

/**
 * One vault and its market, as the lens sees them now (lib/read/vaults.ts `readVault`), refreshed on each new block. With
 * `initial` (the server's read when it rendered the page), the page shows those figures at once and refreshes them at
 * the first block after the one they were read at: not at mount, where a phone's hydration outlasts the staleTime.
 */
export function useVault(chain: ChainConfig, market: Address, id: bigint, initial?: SeededRead<VaultRead>) {
  const config = useConfig();
  const lens = chain.deployment?.contracts.lens;
  const query = useQuery({
    queryKey: vaultKey(chain.id, market, id),
    enabled: Boolean(lens),
    retry: 1,
    queryFn: () => readVault(requireChainReader(config, chain.id), lens!, market, id),
    ...(initial
      ? {
          initialData: initial.data,
          initialDataUpdatedAt: initial.at,
          // Data only the server has read (never fetched here) waits for the block watcher, which knows its block.
          refetchOnMount: (q: { state: { dataUpdateCount: number } }) => q.state.dataUpdateCount > 0,
        }
      : {}),
  });
  useRefreshOnBlocks(
    lens ? [{ chainId: chain.id, key: vaultKey(chain.id, market, id), seed: initial && { block: initial.block, at: initial.at } }] : [],
  );
  return query;
}

/** The connected wallet's balance and allowance to `market` of each token the market deals in, refreshed on blocks. */
export function useWalletTokens(chain: ChainConfig, market: Address, tokens: Address[], owner: Address | undefined) {
  const config = useConfig();
  const query = useQuery({
    queryKey: [...walletKey(chain.id, market, owner), tokens.join(",")],
    enabled: Boolean(owner) && tokens.length > 0,
    retry: 1,
    queryFn: async () => {
      const chainId = chain.id as ChainId;
      const rows = await Promise.all(
        tokens.map(async (token) => {
          const [balance, allowance] = await Promise.all([
            readContract(config, { chainId, address: token, abi: devErc20Abi, functionName: "balanceOf", args: [owner!] }),
            readContract(config, { chainId, address: token, abi: devErc20Abi, functionName: "allowance", args: [owner!, market] }),
          ]);
          return [token, { balance, allowance }] as const;
        }),
      );
      return walletTokensAnswer(rows);
    },
    select: walletTokensByToken,
  });
  useRefreshOnBlocks(owner ? [{ chainId: chain.id, key: walletKey(chain.id, market, owner) }] : []);
  return query;
}
