import type { Address, PublicClient } from "viem";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import type { AssetVolatilities } from "@/lib/analytics/liquidation-odds";
import { realisedVolatility, type PricePoint, type Volatility } from "@/lib/analytics/volatility";

/** Rounds read per feed: with hourly updates, a week. */
export const HISTORY_ROUNDS = 200;

export const volatilityKey = (chainId: number) => ["keel", "volatility", chainId] as const;

export interface ChainVolatility {
  /** Per asset (lower-case address): the estimate, or null when the history is too short. */
  byAsset: Record<string, Volatility | null>;
  /** The annual figures alone, for lib/analytics/liquidation-odds.ts. */
  sigmas: AssetVolatilities;
}

/** Each asset's realised volatility from its feed's rounds (`rounds[i]` for `assets[i]`). */
export function chainVolatility(assets: readonly { address: Address }[], rounds: readonly (readonly PricePoint[])[]): ChainVolatility {
  const byAsset: ChainVolatility["byAsset"] = {};
  const sigmas: AssetVolatilities = {};
  assets.forEach((a, i) => {
    const v = realisedVolatility(rounds[i] ?? []);
    byAsset[a.address.toLowerCase()] = v;
    sigmas[a.address.toLowerCase()] = v ? v.annual : null;
  });
  return { byAsset, sigmas };
}

/**
 * Realised volatility of every asset of a deployment, from its feeds' last HISTORY_ROUNDS rounds: ONE
 * `KeelLens.getFeedHistory` call. The browser reads it through its chain reader (hooks/use-volatility.ts); the server
 * reads it to send the vault page and /risk with their odds (lib/server/vault-read.ts), so the browser neither
 * downloads the rounds (~115 KB of hex for three feeds) nor decodes them while the page loads.
 */
export async function readChainVolatility(
  client: Pick<PublicClient, "readContract">,
  lens: Address,
  assets: readonly { address: Address; feed: Address }[],
): Promise<ChainVolatility> {
  const rounds = await client.readContract({
    address: lens,
    abi: keelLensAbi,
    functionName: "getFeedHistory",
    args: [assets.map((a) => a.feed), BigInt(HISTORY_ROUNDS)],
  });
  return chainVolatility(assets, rounds);
}
