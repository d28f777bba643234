"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";

import { keelRiskAdminAbi } from "@/contracts-abi/abi/KeelRiskAdmin";
import { keelRiskStewardAbi } from "@/contracts-abi/abi/KeelRiskSteward";
import { readCollateralInputs, type CollateralInputs } from "@/lib/risk-model/read";
import { DEFAULT_POLICY, recommend, type Recommendation } from "@/lib/risk-model/model";
import { DEFAULT_STEWARD_RULES, nextStep } from "@/lib/risk-model/steward";
import type { ChainConfig } from "@/lib/config/chains";
import { chainReader } from "@/lib/wallet/chain-reader";

/** One change of the steward as KeelRiskSteward.changes() returns it. */
export type StewardChangeRow = {
  changeId: bigint;
  market: Address;
  asset: Address;
  fromLtv: bigint;
  fromLt: bigint;
  toLtv: bigint;
  toLt: bigint;
  proposedAt: bigint;
  executableAt: bigint;
  expiresAt: bigint;
  executedAt: bigint;
  inputs: { volatility: bigint; liquidationSeconds: bigint; priceImpact: bigint; insolvencyOdds: bigint };
};

/** What /risk shows for one collateral: its inputs, the model's recommendation, the steward's next step and changes. */
export interface StewardCollateralView {
  inputs: CollateralInputs;
  recommendation: Recommendation | null;
  /** What the steward would propose now toward the recommendation (null: nothing, within its deadband). */
  next: { ltv: bigint; liquidationThreshold: bigint; safer: boolean } | null;
  /** When the steward may next act on this collateral (unix seconds; 0: now). */
  nextActionAt: bigint;
}

export interface StewardView {
  /** The chain's time (latest block, unix seconds): windows are judged against it, not the browser's clock. */
  now: number;
  steward: Address | null;
  maxStep: bigint;
  minInterval: bigint;
  collaterals: StewardCollateralView[];
}

/** One collateral as /risk's steward panel draws it: the model's view and the steward's changes of it. */
export type StewardCollateralRow = StewardCollateralView & { changes: StewardChangeRow[] };

/**
 * The steward's changes and which of them are pending at its risk admin, with the chain's time: everything a change's
 * status (waiting, executable, executed, expired, cancelled) is judged from, in one read. Taken from two reads of
 * different ages, a change executed since the older one showed "cancelled": no longer pending in the market's view, not
 * yet executed in the steward's. All three are read at one block.
 */
export interface StewardChanges {
  now: number;
  changes: StewardChangeRow[];
  pendingIds: bigint[];
}

export const riskStewardKey = (chainId: number) => ["keel", "risk-steward", chainId] as const;
export const stewardChangesKey = (chainId: number) => ["keel", "risk-steward-changes", chainId] as const;

/**
 * The steward's changes and the pending ones (`StewardChanges`), refreshed on every block: two small calls (the risk
 * admin they are pending at is read once), so a change proposed, executed or cancelled shows within a block, while the
 * model's inputs (`useRiskSteward`) are read once a minute and again when this answer changes. `enabled` as there.
 */
export function useStewardChanges(chain: ChainConfig, enabled = true) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const steward = chain.deployment?.contracts.steward;
  const on = enabled && Boolean(steward);
  const query = useQuery({
    queryKey: stewardChangesKey(chain.id),
    enabled: on,
    retry: 1,
    queryFn: async (): Promise<StewardChanges> => {
      const client = chainReader(config, chain.id);
      if (!client || !steward) throw new Error(`no RPC client for chain ${chain.id}`);
      // `changes` and `pendingChanges` at one block: a change executed between two unpinned reads would show "cancelled".
      const block = await client.getBlock();
      const at = { blockNumber: block.number };
      const [changes, pending] = await Promise.all([
        client.readContract({ address: steward, abi: keelRiskStewardAbi, functionName: "changes", ...at }),
        // The steward's risk admin is immutable: kept in the query cache for the page's life (a failed read is not
        // kept), not read on every block.
        queryClient
          .fetchQuery({
            queryKey: ["keel", "steward-risk-admin", chain.id, steward],
            staleTime: Infinity,
            gcTime: Infinity,
            queryFn: () => client.readContract({ address: steward, abi: keelRiskStewardAbi, functionName: "riskAdmin" }),
          })
          .then((admin) => client.readContract({ address: admin, abi: keelRiskAdminAbi, functionName: "pendingChanges", ...at })),
      ]);
      return { now: Number(block.timestamp), changes: changes.map((c) => ({ ...c })), pendingIds: pending.map((p) => p.id) };
    },
  });
  useRefreshOnBlocks(on ? [{ chainId: chain.id, key: stewardChangesKey(chain.id) }] : []);
  return query;
}

/**
 * The risk model's inputs and recommendations for every collateral of the chain, and the steward's bounds. `enabled`
 * false holds the read back (/risk's panel starts it when it nears the screen: 500 feed rounds per collateral, the
 * largest read of the page, need not load with the book above it).
 */
export function useRiskSteward(chain: ChainConfig, enabled = true) {
  const config = useConfig();
  const d = chain.deployment;
  return useQuery({
    queryKey: riskStewardKey(chain.id),
    enabled: enabled && Boolean(d?.contracts.lens),
    retry: 1,
    refetchInterval: 60_000,
    queryFn: async (): Promise<StewardView> => {
      const client = chainReader(config, chain.id);
      if (!client || !d) throw new Error(`no RPC client for chain ${chain.id}`);
      const [inputs, block] = await Promise.all([readCollateralInputs(client, d), client.getBlock()]);
      const steward = d.contracts.steward ?? null;
      const [maxStep, minInterval] = steward
        ? await Promise.all([
            client.readContract({ address: steward, abi: keelRiskStewardAbi, functionName: "maxStep" }),
            client.readContract({ address: steward, abi: keelRiskStewardAbi, functionName: "minInterval" }),
          ])
        : [0n, 0n];
      const nextAt = steward
        ? await Promise.all(
            inputs.map((x) =>
              client.readContract({ address: steward, abi: keelRiskStewardAbi, functionName: "nextActionAt", args: [x.market, x.asset] }),
            ),
          )
        : inputs.map(() => 0n);
      return {
        now: Number(block.timestamp),
        steward,
        maxStep,
        minInterval,
        collaterals: inputs.map((x, i) => {
          const recommendation = Number.isNaN(x.sigma) || Number.isNaN(x.priceImpact) ? null : recommend(x, DEFAULT_POLICY);
          return {
            inputs: x,
            recommendation,
            next: recommendation && steward ? nextStep(x.current, recommendation, { maxStep, deadband: DEFAULT_STEWARD_RULES.deadband }) : null,
            nextActionAt: nextAt[i]!,
          };
        }),
      };
    },
  });
}
