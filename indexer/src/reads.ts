/**
 * The chain's own view of a vault and a market at an event's block, read through the lens (the same numbers the app
 * shows): the indexer never recomputes health, values or rates itself.
 */
import type { Context } from "ponder:registry";
import { keelLensAbi } from "../../contracts-abi";
import { lensFor } from "./sources";

const lenses = lensFor(process.env);

function lens(chainId: number): `0x${string}` {
  const address = lenses[chainId];
  if (!address) throw new Error(`chain ${chainId} has no lens in its deployment: the indexer reads vaults through it`);
  return address;
}

/** The vault at the end of the event's block (or of `blockNumber`). */
export function readVault(context: Context, market: `0x${string}`, id: bigint, blockNumber?: bigint) {
  const call = { abi: keelLensAbi, address: lens(context.chain.id), functionName: "getVault", args: [market, id] } as const;
  return blockNumber === undefined ? context.client.readContract(call) : context.client.readContract({ ...call, blockNumber });
}

/** The market at the end of the event's block. */
export function readMarket(context: Context, market: `0x${string}`) {
  return context.client.readContract({ abi: keelLensAbi, address: lens(context.chain.id), functionName: "getMarket", args: [market] });
}

/** Ids used across tables (lower-case addresses). */
export const marketKey = (chainId: number, market: string) => `${chainId}:${market.toLowerCase()}`;
export const vaultKey = (chainId: number, market: string, id: bigint) => `${chainId}:${market.toLowerCase()}:${id}`;
