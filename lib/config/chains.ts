import type { CrossChainDeployment } from "../crosschain/deployment";
import type { Deployment } from "./deployment";

/** How one chain is reached, from configuration. Pure: the environment is passed in. */
export interface ChainSettings {
  id: number;
  name: string;
  /** JSON-RPC endpoint the browser and the wallet use. Public by nature: never put a secret here. */
  rpcUrl: string;
  explorerUrl?: string;
  /** A local development chain (anvil): dev wallet and dev tools are offered. */
  local: boolean;
}

/** A configured chain with its deployment, or why it has none. Serializable: it is handed to the client. */
export interface ChainConfig extends ChainSettings {
  deployment: Deployment | null;
  deploymentError: string | null;
  /**
   * Cross-chain collateral this chain takes part in (as the gateway's or the outpost's chain), when `crosschain.json`
   * is deployed and both of its chains are configured (docs/cross-chain.md).
   */
  crossChain?: CrossChainDeployment;
}

export const LOCAL_CHAIN_ID = 31337;
export const DEFAULT_LOCAL_RPC = "http://127.0.0.1:8545";
/**
 * The chains Keel's own stack runs (anvil: 31337, and 31338 for the cross-chain pair). Not 1337: geth's `--dev`,
 * Ganache's and many private or consortium networks use it, and a chain wrongly taken as local accepts the public
 * development keys (the private pool's verifier and liquidators' secret, zkaudit4 Info); one wrongly taken as remote
 * only asks for an explicit setting.
 */
const LOCAL_CHAIN_IDS = new Set([31337, 31338]);
/** Whether `id` is a local development chain (anvil): where development keys (public, like anvil's) are accepted. */
export const isLocalChainId = (id: number) => LOCAL_CHAIN_IDS.has(id);

export class ChainConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChainConfigError";
  }
}

/**
 * Reads the configured chains from `NEXT_PUBLIC_*` settings:
 * - `NEXT_PUBLIC_KEEL_CHAINS`: comma-separated chain ids (default `31337`, the local anvil chain)
 * - `NEXT_PUBLIC_RPC_URL_<id>`: the RPC URL (default `http://127.0.0.1:8545` for 31337; required for others)
 * - `NEXT_PUBLIC_CHAIN_NAME_<id>`, `NEXT_PUBLIC_EXPLORER_URL_<id>`: optional
 */
export function readChainSettings(env: Record<string, string | undefined>): ChainSettings[] {
  const ids = (env.NEXT_PUBLIC_KEEL_CHAINS ?? String(LOCAL_CHAIN_ID))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new ChainConfigError("NEXT_PUBLIC_KEEL_CHAINS is empty: name at least one chain id");
  const seen = new Set<number>();
  return ids.map((raw) => {
    const id = Number(raw);
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new ChainConfigError(`NEXT_PUBLIC_KEEL_CHAINS: "${raw}" is not a chain id`);
    }
    if (seen.has(id)) throw new ChainConfigError(`NEXT_PUBLIC_KEEL_CHAINS: chain ${id} is listed twice`);
    seen.add(id);
    const local = LOCAL_CHAIN_IDS.has(id);
    const rpcUrl = env[`NEXT_PUBLIC_RPC_URL_${id}`] ?? (id === LOCAL_CHAIN_ID ? DEFAULT_LOCAL_RPC : undefined);
    if (!rpcUrl) throw new ChainConfigError(`NEXT_PUBLIC_RPC_URL_${id} is not set: chain ${id} needs an RPC URL`);
    try {
      const u = new URL(rpcUrl);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
    } catch {
      throw new ChainConfigError(`NEXT_PUBLIC_RPC_URL_${id} must be an http(s) URL, got "${rpcUrl}"`);
    }
    const name = env[`NEXT_PUBLIC_CHAIN_NAME_${id}`] ?? (id === LOCAL_CHAIN_ID ? "Anvil (local)" : local ? `Anvil ${id}` : `Chain ${id}`);
    const explorerUrl = env[`NEXT_PUBLIC_EXPLORER_URL_${id}`];
    return { id, name, rpcUrl, local, ...(explorerUrl ? { explorerUrl } : {}) };
  });
}

/** Why Keel cannot read `chain` at all (no deployment, no lens, no market), or null when it can. */
export function chainUnavailable(chain: ChainConfig): string | null {
  const d = chain.deployment;
  if (!d) return chain.deploymentError ?? "no deployment";
  if (!d.contracts.lens) return "no lens contract is deployed on this chain";
  if (d.markets.length === 0) return "no market is deployed on this chain";
  return null;
}
