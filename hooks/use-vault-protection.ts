"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import type { Address, Hex, PublicClient } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { keelGuardAbi } from "@/contracts-abi/abi/KeelGuard";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import { GUARD_KIND } from "@/lib/engine/protection";
import type { ChainConfig } from "@/lib/config/chains";
import { WARNINGS_REFRESH_MS } from "@/hooks/use-automation";
import { MULTICALL3 } from "@/lib/protocols/read";
import type { LensVault } from "@/lib/read/vaults";
import { requireChainReader } from "@/lib/wallet/chain-reader";

type ChainId = Parameters<typeof readContract>[1]["chainId"];

export interface GuardRule {
  owner: Address;
  collateral: Address;
  trigger: bigint;
  target: bigint;
  maxSlippageBps: number;
  maxFeeBps: number;
  paused: boolean;
}

export interface ProtectionState {
  guard: Address;
  /** The vault owner made the guard its operator on this market. */
  operator: boolean;
  deleverage: GuardRule | null;
  stopLoss: GuardRule | null;
}

export interface ProtectionEvent {
  block: bigint;
  txHash: Hex;
  kind: "deleverage" | "stop-loss" | "liquidation";
  /** Collateral sold or seized, debt repaid (base units), executor fee (base units, 0 for liquidations). */
  collateral: Address;
  amount: bigint;
  repaid: bigint;
  fee: bigint;
  by: Address;
}

export const protectionKey = (chainId: number, market: Address, id: bigint) => ["keel", "protection", chainId, market, id.toString()] as const;

const asRule = (r: GuardRule): GuardRule | null => (r.owner === "0x0000000000000000000000000000000000000000" ? null : r);

/** The vault's guard rules and whether the guard is the owner's operator, refreshed on each block. */
export function useVaultProtection(chain: ChainConfig, market: Address, id: bigint, owner: Address) {
  const config = useConfig();
  const guard = chain.deployment?.contracts.guard;
  const key = protectionKey(chain.id, market, id);
  const query = useQuery({
    queryKey: [...key, owner],
    enabled: Boolean(guard),
    retry: 1,
    queryFn: async (): Promise<ProtectionState> => {
      const chainId = chain.id as ChainId;
      const [operator, deleverage, stopLoss] = await Promise.all([
        readContract(config, { chainId, address: market, abi: keelMarketAbi, functionName: "isOperator", args: [owner, guard!] }),
        readContract(config, { chainId, address: guard!, abi: keelGuardAbi, functionName: "getRule", args: [market, id, GUARD_KIND.deleverage] }),
        readContract(config, { chainId, address: guard!, abi: keelGuardAbi, functionName: "getRule", args: [market, id, GUARD_KIND.stopLoss] }),
      ]);
      return { guard: guard!, operator, deleverage: asRule(deleverage), stopLoss: asRule(stopLoss) };
    },
  });
  useRefreshOnBlocks(guard ? [{ chainId: chain.id, key }] : []);
  return query;
}

export const accountGuardKey = (chainId: number, owner?: Address) => ["keel", "guard-rules", chainId, owner ?? null] as const;

/**
 * The guard rules of every vault in `vaults` (one chain's) and whether the guard is each owner's operator on each market,
 * in ONE eth_call (Multicall3's `aggregate3`): keyed by `vaultRef`.
 */
export async function readGuardRules(
  client: Pick<PublicClient, "multicall">,
  chain: ChainConfig,
  vaults: readonly Pick<LensVault, "market" | "id" | "owner">[],
): Promise<Map<string, ProtectionState>> {
  const guard = chain.deployment!.contracts.guard!;
  const pairs = [...new Map(vaults.map((v) => [`${v.market}-${v.owner}`.toLowerCase(), v] as const)).entries()];
  const contracts = [
    ...pairs.map(([, v]) => ({ address: v.market, abi: keelMarketAbi, functionName: "isOperator", args: [v.owner, guard] }) as const),
    ...vaults.flatMap((v) =>
      ([GUARD_KIND.deleverage, GUARD_KIND.stopLoss] as const).map(
        (k) => ({ address: guard, abi: keelGuardAbi, functionName: "getRule", args: [v.market, v.id, k] }) as const,
      ),
    ),
  ];
  const results = (await client.multicall({
    contracts,
    multicallAddress: chain.deployment!.contracts.multicall3 ?? MULTICALL3,
    allowFailure: false,
    batchSize: 0,
  } as never)) as unknown[];
  const operators = new Map(pairs.map(([k], i) => [k, results[i] as boolean]));
  return new Map(
    vaults.map((v, i) => {
      const at = pairs.length + 2 * i;
      const state: ProtectionState = {
        guard,
        operator: operators.get(`${v.market}-${v.owner}`.toLowerCase()) ?? false,
        deleverage: asRule(results[at] as GuardRule),
        stopLoss: asRule(results[at + 1] as GuardRule),
      };
      return [vaultRef(v), state] as const;
    }),
  );
}

export const vaultRef = (v: { market: Address; id: bigint }) => `${v.market.toLowerCase()}-${v.id}`;

/**
 * The dashboard's read of the guard rules of all the account's Keel vaults: one eth_call per chain (readGuardRules), on
 * load and every WARNINGS_REFRESH_MS like its KeelAutomation rules (never per block: bench:dashboard). Returns a lookup.
 */
export function useAccountGuardRules(
  owner: Address | undefined,
  chains: readonly { chain: ChainConfig; vaults?: readonly LensVault[] | undefined }[],
) {
  const config = useConfig();
  const list = chains.filter((c) => c.chain.deployment?.contracts.guard && (c.vaults?.length ?? 0) > 0);
  const results = useQueries({
    queries: list.map(({ chain, vaults }) => ({
      queryKey: [...accountGuardKey(chain.id, owner), vaults!.map(vaultRef).join(",")],
      enabled: Boolean(owner),
      retry: 1,
      refetchInterval: WARNINGS_REFRESH_MS,
      queryFn: () => readGuardRules(requireChainReader(config, chain.id), chain, vaults!),
    })),
  });
  return (chainId: number, v: { market: Address; id: bigint }): ProtectionState | undefined =>
    results[list.findIndex((c) => c.chain.id === chainId)]?.data?.get(vaultRef(v));
}

/** The vault's protection executions (guard RuleExecuted) and liquidations (market Liquidated), newest first. */
export function useProtectionHistory(chain: ChainConfig, market: Address, id: bigint) {
  const config = useConfig();
  const guard = chain.deployment?.contracts.guard;
  return useQuery({
    queryKey: [...protectionKey(chain.id, market, id), "history"],
    staleTime: 15_000,
    retry: 1,
    queryFn: async (): Promise<ProtectionEvent[]> => {
      const client = requireChainReader(config, chain.id);
      const fromBlock = BigInt(chain.deployment?.deploymentBlock ?? 0);
      const [executed, liquidated] = await Promise.all([
        guard
          ? client.getContractEvents({ address: guard, abi: keelGuardAbi, eventName: "RuleExecuted", args: { market, id }, fromBlock })
          : Promise.resolve([]),
        client.getContractEvents({ address: market, abi: keelMarketAbi, eventName: "Liquidated", args: { id }, fromBlock }),
      ]);
      const rows: ProtectionEvent[] = [
        ...executed.map((e) => ({
          block: e.blockNumber,
          txHash: e.transactionHash,
          kind: e.args.kind === GUARD_KIND.deleverage ? ("deleverage" as const) : ("stop-loss" as const),
          collateral: e.args.collateral!,
          amount: e.args.sold!,
          repaid: e.args.repaid!,
          fee: e.args.fee!,
          by: e.args.executor!,
        })),
        ...liquidated.map((e) => ({
          block: e.blockNumber,
          txHash: e.transactionHash,
          kind: "liquidation" as const,
          collateral: e.args.asset!,
          amount: e.args.seized!,
          repaid: e.args.repaid!,
          fee: 0n,
          by: e.args.liquidator!,
        })),
      ];
      return rows.sort((a, b) => (a.block === b.block ? 0 : a.block > b.block ? -1 : 1));
    },
  });
}
