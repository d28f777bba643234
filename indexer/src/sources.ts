/**
 * What the indexer reads on each configured chain, from the deployment files: the chain entries and, per contract
 * kind, the addresses and start block on each chain. A kind with no address on any chain is left out (Ponder refuses
 * an empty contract). Pure apart from reading the deployment files.
 */
import type { Abi } from "viem";
import { devPriceFeedAbi, keelGuardAbi, keelMarketAbi } from "../../contracts-abi";
import { loadChainConfigs } from "../../lib/server/config";
import { type ChainConfig } from "../../lib/config/chains";

/** Ponder's name for a chain: the indexer's tables carry the numeric id, this only keys the config. */
export const chainKey = (id: number) => `chain${id}`;

/** The event the Chainlink aggregators (and Keel's dev feeds) emit on every round. */
export const answerUpdatedAbi = devPriceFeedAbi.filter((x) => x.type === "event" && x.name === "AnswerUpdated");

type Kind = { abi: Abi; addresses: (c: ChainConfig) => `0x${string}`[] };

/** Every contract kind the indexer follows. One entry (and one handler file in src/) per kind. */
export const KINDS = {
  KeelMarket: { abi: keelMarketAbi, addresses: (c) => c.deployment?.markets.map((m) => m.address) ?? [] },
  PriceFeed: { abi: answerUpdatedAbi, addresses: (c) => [...new Set(c.deployment?.assets.map((a) => a.feed) ?? [])] },
  KeelGuard: { abi: keelGuardAbi, addresses: (c) => (c.deployment?.contracts.guard ? [c.deployment.contracts.guard] : []) },
} satisfies Record<string, Kind>;

export function contractsFor(env: Record<string, string | undefined>) {
  const configs = loadChainConfigs(env).filter((c) => c.deployment);
  if (configs.length === 0) {
    throw new Error(
      `no deployment for any configured chain (${loadChainConfigs(env)
        .map((c) => `${c.id}: ${c.deploymentError}`)
        .join("; ")})`,
    );
  }
  const chains = Object.fromEntries(
    configs.map((c) => [chainKey(c.id), { id: c.id, rpc: c.rpcUrl, ...(c.local ? { disableCache: true, pollingInterval: 500 } : {}) }]),
  );
  const contracts = Object.fromEntries(
    Object.entries(KINDS).flatMap(([name, kind]) => {
      const perChain = Object.fromEntries(
        configs
          .map((c) => [chainKey(c.id), { address: kind.addresses(c), startBlock: c.deployment!.deploymentBlock }] as const)
          .filter(([, v]) => v.address.length > 0),
      );
      return Object.keys(perChain).length ? [[name, { abi: kind.abi, chain: perChain }]] : [];
    }),
  ) as { [K in keyof typeof KINDS]: { abi: (typeof KINDS)[K]["abi"]; chain: Record<string, { address: `0x${string}`[]; startBlock: number }> } };
  return { chains, contracts };
}

/** Per chain, what the handlers' reads need: the lens (they read a vault's and a market's state through it), the RPC URL
 * (a block's reads go to it in one batched request) and the markets whose logs say which vaults a block touches. */
export function readersFor(env: Record<string, string | undefined>) {
  return Object.fromEntries(
    loadChainConfigs(env).map((c) => [c.id, { lens: c.deployment?.contracts.lens, rpcUrl: c.rpcUrl, markets: KINDS.KeelMarket.addresses(c) }]),
  ) as Record<number, { lens: `0x${string}` | undefined; rpcUrl: string; markets: `0x${string}`[] } | undefined>;
}
