import type { Address, ContractFunctionReturnType, PublicClient } from "viem";
import { keelLensAbi } from "@/contracts-abi/generated";
import type { VaultPosition } from "../engine/risk";

/** One vault as `KeelLens.getAccount` / `getVaults` returns it (values computed on-chain). */
export type LensVault = ContractFunctionReturnType<typeof keelLensAbi, "view", "getAccount">[number];
/** One market as `KeelLens.getMarkets` returns it. */
export type LensMarket = ContractFunctionReturnType<typeof keelLensAbi, "view", "getMarkets">[number];

/**
 * The lens's view of a vault as a position for lib/engine/risk.ts (previews, max amounts). The market gives the base asset's
 * decimals and price, and every listed collateral the vault does not hold yet (amount 0), so a first deposit of an
 * asset can be previewed. A collateral whose price is unavailable has price 0 and so counts for nothing.
 */
export function toPosition(
  vault: Pick<LensVault, "collaterals" | "debt" | "debtShares">,
  market: Pick<LensMarket, "baseDecimals" | "baseFeed" | "collaterals" | "totalBorrows" | "totalBorrowShares">,
): VaultPosition {
  const held = vault.collaterals.map((c) => ({
    asset: c.asset,
    decimals: c.decimals,
    amount: c.amount,
    price: c.price,
    ltv: c.ltv,
    liquidationThreshold: c.liquidationThreshold,
  }));
  const more = market.collaterals
    .filter((m) => !held.some((h) => h.asset.toLowerCase() === m.info.asset.toLowerCase()))
    .map((m) => ({
      asset: m.info.asset,
      decimals: m.info.decimals,
      amount: 0n,
      price: m.feed.price,
      ltv: BigInt(m.info.ltv),
      liquidationThreshold: BigInt(m.info.liquidationThreshold),
    }));
  return {
    collaterals: [...held, ...more],
    debt: vault.debt,
    baseDecimals: market.baseDecimals,
    basePrice: market.baseFeed.price,
    shares: { debtShares: vault.debtShares, totalBorrowAssets: market.totalBorrows, totalBorrowShares: market.totalBorrowShares },
  };
}

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
