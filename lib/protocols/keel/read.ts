import type { LensVault } from "../../read/vaults";
import type { NamedLensMarket } from "../account";
import { keelPosition, type KeelPosition, type TokenOf } from "./math";
import { sameAddress } from "../../config/address";
import { readProblem, type ReadProblem } from "../refusals";

/**
 * An account's Keel vaults (KeelLens.getAccount) with their markets (KeelLens.getMarkets, read in the same eth_call:
 * lib/protocols/account.ts) as the adapters' positions, in the lens's order. A vault whose market is not among `markets`
 * is left out and named in `problems`.
 */
export function keelPositions(a: {
  chainId: number;
  timestamp: bigint;
  vaults: readonly LensVault[];
  markets: readonly NamedLensMarket[];
  tokenOf: TokenOf;
}): { positions: KeelPosition[]; problems: ReadProblem[] } {
  const positions: KeelPosition[] = [];
  const problems: ReadProblem[] = [];
  for (const vault of a.vaults) {
    const market = a.markets.find((m) => sameAddress(m.market, vault.market));
    if (market) positions.push(keelPosition({ chainId: a.chainId, vault, market, name: market.name, timestamp: a.timestamp, tokenOf: a.tokenOf }));
    else problems.push(readProblem("keelVaultMarket", { id: String(vault.id), market: vault.market }));
  }
  return { positions, problems };
}
