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

/**
 * `chainReader` for a read that runs only on a configured chain: a chain missing from the configuration fails the read
 * with a sentence the page shows, not a TypeError on `undefined`.
 */
export function requireChainReader(config: Config, chainId: number): ReadClient {
  const reader = chainReader(config, chainId);
  if (!reader) throw new Error(`Chain ${chainId} is not in this app's configuration: there is no RPC to read it from`);
  return reader;
}
