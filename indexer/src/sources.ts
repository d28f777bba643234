/**
 * What the indexer reads on each configured chain, from the deployment files: the chain entries and, per contract
 * kind, the addresses and start block on each chain. A kind with no address on any chain is left out (Ponder refuses
 * an empty contract). Pure apart from reading the deployment files.
 */
import type { Abi } from "viem";
import { devPriceFeedAbi, keelGuardAbi, keelLenderVaultAbi, keelMarketAbi } from "../../contracts-abi";
import { protocolStartBlock } from "../../lib/protocols/registry";
import { type ChainConfig } from "../../lib/config/chains";
import { loadChainConfigs } from "../../lib/server/config";
import { aavePoolEventsAbi, morphoEventsAbi } from "./lending-abi";

/** Ponder's name for a chain: the indexer's tables carry the numeric id, this only keys the config. */
export const chainKey = (id: number) => `chain${id}`;

/** The event the Chainlink aggregators (and Keel's dev feeds) emit on every round. */
export const answerUpdatedAbi = devPriceFeedAbi.filter((x) => x.type === "event" && x.name === "AnswerUpdated");

/** The events of a market's lender vault (KeelLenderVault, ERC-4626) the indexer records: a lender's deposit and withdrawal. */
export const lenderVaultEventsAbi = keelLenderVaultAbi.filter((x) => x.type === "event" && (x.name === "Deposit" || x.name === "Withdraw"));

/** A contract kind: its events, its addresses on a chain and, when not the deployment's block, where to start reading. */
type Kind = { abi: Abi; addresses: (c: ChainConfig) => `0x${string}`[]; startBlock?: (c: ChainConfig) => number | null };

/** The lending protocol's own first block on the chain (lib/protocols/registry.ts), or null when unknown (not indexed there). */
const lendingStart = (protocol: "aave-v3" | "morpho-blue") => (c: ChainConfig) => {
  try {
    return Number(protocolStartBlock(c.deployment!, protocol));
  } catch {
    return null;
  }
};

/** Every contract kind the indexer follows. One entry (and one handler file in src/) per kind. */
export const KINDS = {
  KeelMarket: { abi: keelMarketAbi, addresses: (c) => c.deployment?.markets.map((m) => m.address) ?? [] },
  KeelLenderVault: { abi: lenderVaultEventsAbi, addresses: (c) => c.deployment?.markets.map((m) => m.lenderVault) ?? [] },
  PriceFeed: { abi: answerUpdatedAbi, addresses: (c) => [...new Set(c.deployment?.assets.map((a) => a.feed) ?? [])] },
  KeelGuard: { abi: keelGuardAbi, addresses: (c) => (c.deployment?.contracts.guard ? [c.deployment.contracts.guard] : []) },
  AaveV3Pool: {
    abi: aavePoolEventsAbi,
    addresses: (c) => (c.deployment?.aaveV3 ? [c.deployment.aaveV3.pool] : []),
    startBlock: lendingStart("aave-v3"),
  },
  MorphoBlue: {
    abi: morphoEventsAbi,
    addresses: (c) => (c.deployment?.morphoBlue ? [c.deployment.morphoBlue.morpho] : []),
    startBlock: lendingStart("morpho-blue"),
  },
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
      const own = (kind as Kind).startBlock;
      const perChain = Object.fromEntries(
        configs
          .map((c) => [chainKey(c.id), { address: kind.addresses(c), startBlock: own ? own(c) : c.deployment!.deploymentBlock }] as const)
          .filter(
            (e): e is readonly [string, { address: `0x${string}`[]; startBlock: number }] => e[1].address.length > 0 && e[1].startBlock !== null,
          ),
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

let vaultMarkets: Map<string, `0x${string}`> | undefined;
/**
 * The market whose lender vault `vault` is on chain `chainId` (from the deployment files), or undefined when `vault`
 * is not one: a supply credited to a lender vault is recorded by the vault's own Deposit / Withdraw, under the lender.
 */
export function lenderVaultMarket(chainId: number, vault: string): `0x${string}` | undefined {
  vaultMarkets ??= new Map(
    loadChainConfigs(process.env).flatMap((c) =>
      (c.deployment?.markets ?? []).map((m) => [`${c.id}:${m.lenderVault.toLowerCase()}`, m.address] as const),
    ),
  );
  return vaultMarkets.get(`${chainId}:${vault.toLowerCase()}`);
}

let followedKinds: Set<string> | undefined;
/**
 * Whether the configured chains have a contract of `kind` (a handler file registers its handlers only then: Ponder
 * refuses a handler for a contract the config leaves out, e.g. Aave or Morpho on a deployment without them).
 */
export function follows(kind: keyof typeof KINDS): boolean {
  followedKinds ??= new Set(Object.keys(contractsFor(process.env).contracts));
  return followedKinds.has(kind);
}
