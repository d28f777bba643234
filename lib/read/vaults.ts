import type { Address, ContractFunctionReturnType, PublicClient } from "viem";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";

/** One vault as `KeelLens.getAccount` / `getVaults` returns it (values computed on-chain). */
export type LensVault = ContractFunctionReturnType<typeof keelLensAbi, "view", "getAccount">[number];
/** One market as `KeelLens.getMarkets` returns it. */
export type LensMarket = ContractFunctionReturnType<typeof keelLensAbi, "view", "getMarkets">[number];

/** A vault and its market, as the vault page shows them. */
export interface VaultRead {
  vault: LensVault;
  market: LensMarket;
}

/**
 * One vault and its market, as the lens sees them now: `getVault` and `getMarkets([market])` (two lens calls whatever
 * the number of assets). The browser reads through wagmi's client for the chain (hooks/use-vault.ts), the server
 * through its own to render the vault page with its figures (lib/server/vault-read.ts).
 */
export async function readVault(client: Pick<PublicClient, "readContract">, lens: Address, market: Address, id: bigint): Promise<VaultRead> {
  const [vault, markets] = await Promise.all([
    client.readContract({ address: lens, abi: keelLensAbi, functionName: "getVault", args: [market, id] }),
    client.readContract({ address: lens, abi: keelLensAbi, functionName: "getMarkets", args: [[market]] }),
  ]);
  return { vault, market: markets[0]! };
}

/**
 * A read the server made to render a page, for the browser's first render: its data, when it was read (the server's
 * clock) and the block it was read at or after. The block lets the browser's first block poll leave it alone when no block
 * has come since (hooks/use-refresh-on-blocks.ts): a phone takes longer than the queries' staleTime to hydrate.
 */
export interface SeededRead<T> {
  data: T;
  at: number;
  block: bigint;
}
