import { getAddress, isAddress, type Address, type Hex } from "viem";
import type { ChainConfig } from "@/lib/config/chains";
import type { ProtocolId } from "@/lib/protocols/types";

/**
 * A position route's parameters, checked against the configured chains: the chain has the protocol deployed, the
 * account is an address, the Morpho market is one the deployment lists. null: the route names no position (404).
 */
export function resolvePositionRoute(
  chains: ChainConfig[],
  protocol: ProtocolId,
  chainIdParam: string,
  accountParam: string,
  marketParam?: string,
): { chainId: number; account: Address; marketId?: Hex } | null {
  if (!/^\d+$/.test(chainIdParam)) return null;
  const chain = chains.find((c) => c.id === Number(chainIdParam));
  if (!chain?.deployment || !isAddress(accountParam, { strict: false })) return null;
  const account = getAddress(accountParam);
  if (protocol === "aave-v3") return chain.deployment.aaveV3 ? { chainId: chain.id, account } : null;
  const market = chain.deployment.morphoBlue?.markets.find((m) => m.id.toLowerCase() === marketParam?.toLowerCase());
  return market ? { chainId: chain.id, account, marketId: market.id } : null;
}
