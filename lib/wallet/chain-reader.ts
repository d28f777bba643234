import type { Config } from "wagmi";
import { getClient } from "wagmi/actions";
import { readClient, type ReadClient } from "../read/client";

/**
 * The reads of chain `chainId` through the app's wagmi config (its transport, batching and polling): a `ReadClient`
 * (lib/read/client.ts) rather than wagmi's `getPublicClient`, which adds every public action of viem. Undefined when
 * the chain is not configured.
 */
export function chainReader(config: Config, chainId?: number): ReadClient | undefined {
  const client = getClient(config, chainId === undefined ? {} : { chainId: chainId as Config["chains"][number]["id"] });
  return client ? readClient(client) : undefined;
}
