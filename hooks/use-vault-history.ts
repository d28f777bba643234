"use client";
import { useQuery } from "@tanstack/react-query";
import { decodeEventLog, numberToHex, pad, toEventSelector, type AbiEvent, type Address, type Hex } from "viem";
import { useConfig } from "wagmi";

import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { readLens } from "@/hooks/use-lens-read";
import type { ChainConfig } from "@/lib/config/chains";
import { parseVaultTimeline, type VaultTimeline } from "@/lib/read/indexer";
import { healthToNumber, historySeries, sampleBlocks, type HistoryPoint, type HistorySample } from "@/lib/analytics/vault-charts";
import { wadToNumber } from "@/lib/engine/math";
import type { IndexerProblem } from "@/lib/server/indexer";
import { requireChainReader } from "@/lib/wallet/chain-reader";

/** Samples of past state read per history: at most this many lens reads (plus as many block headers). */
export const HISTORY_SAMPLES = 40;

/** The market's events about one vault: every event whose first indexed argument is the vault id. */
const VAULT_EVENTS = keelMarketAbi.filter(
  (x): x is Extract<(typeof keelMarketAbi)[number], { type: "event" }> =>
    x.type === "event" && x.inputs[0]?.name === "id" && x.inputs[0]?.indexed === true,
);

export interface VaultEvent {
  block: bigint;
  name: string;
  args: Record<string, unknown>;
  txHash: Hex;
}

export interface VaultHistory {
  events: VaultEvent[];
  points: HistoryPoint[];
  /** Where it came from: the indexer (every event, health and values at each), or RPC log scans and sampled lens reads. */
  source: "indexer" | "rpc";
  /** Why the indexer was not used, when `source` is "rpc". */
  fallbackReason?: string;
  /** The fallback reason's code, when it has one (messages `charts.indexer.<code>`). */
  fallbackCode?: IndexerProblem | "notSeen";
  /** The indexer's full timeline (only with `source` "indexer"). */
  timeline?: VaultTimeline;
}

/** The vault's history from the indexer, through the app's /api/indexer proxy; throws with the reason when unavailable. */
async function fromIndexer(chainId: number, market: Address, id: bigint): Promise<VaultHistory> {
  const res = await fetch(`/api/indexer/vaults/${chainId}/${market}/${id}`);
  const body = (await res.json().catch(() => null)) as { error?: string; code?: IndexerProblem } | null;
  // The reason's code (lib/server/indexer.ts) travels with the English, for the page to say it in the reader's language.
  if (!res.ok) throw Object.assign(new Error(body?.error ?? `the indexer answered ${res.status}`), { code: body?.code });
  const timeline = parseVaultTimeline(body);
  if (!timeline.vault) throw Object.assign(new Error("the indexer has not seen this vault yet"), { code: "notSeen" });
  return {
    source: "indexer",
    timeline,
    events: timeline.events.map((e) => ({ block: e.block, name: e.kind, args: {}, txHash: e.txHash })),
    points: timeline.events.map((e) => ({
      block: Number(e.block),
      timestamp: Number(e.timestamp),
      healthFactor: e.healthAfter === 0n ? null : healthToNumber(e.healthAfter),
      distancePct: null,
      collateralUsd: wadToNumber(e.collateralValueAfter),
    })),
  };
}

/**
 * The vault's past from the indexer when one answers; otherwise (the fallback, said on screen) its events (one `eth_getLogs` on the market, filtered by the id topic), then the lens evaluated at
 * ≤ HISTORY_SAMPLES past blocks since it opened (every event block while room allows, the rest evenly spaced).
 * Refreshed after each confirmed transaction (the transactor invalidates every query), not on every block.
 */
export function useVaultHistory(chain: ChainConfig, market: Address, id: bigint, enabled: boolean) {
  const config = useConfig();
  const lens = chain.deployment?.contracts.lens;
  return useQuery({
    queryKey: ["keel", "history", chain.id, market, id.toString()],
    enabled: enabled && Boolean(lens),
    staleTime: 30_000,
    retry: 1,
    queryFn: async (): Promise<VaultHistory> => {
      let fallbackReason: string;
      let fallbackCode: VaultHistory["fallbackCode"];
      try {
        return await fromIndexer(chain.id, market, id);
      } catch (e) {
        fallbackReason = (e as Error).message;
        fallbackCode = (e as { code?: VaultHistory["fallbackCode"] }).code;
      }
      const client = requireChainReader(config, chain.id);
      const latest = await client.getBlockNumber({ cacheTime: 0 });
      const raw = (await client.request({
        method: "eth_getLogs",
        params: [
          {
            address: market,
            fromBlock: numberToHex(chain.deployment?.deploymentBlock ?? 0),
            toBlock: numberToHex(latest),
            topics: [VAULT_EVENTS.map((e) => toEventSelector(e as AbiEvent)), pad(numberToHex(id), { size: 32 })],
          },
        ],
      })) as { blockNumber: Hex; transactionHash: Hex; data: Hex; topics: [Hex, ...Hex[]] }[];
      const events = raw
        .map((log) => {
          const decoded = decodeEventLog({ abi: VAULT_EVENTS, data: log.data, topics: log.topics });
          return {
            block: BigInt(log.blockNumber),
            name: decoded.eventName,
            args: decoded.args as Record<string, unknown>,
            txHash: log.transactionHash,
          };
        })
        // the open-vault flow transfers the new vault to its own opener as an ownership guard: not a change worth listing
        .filter((e) => !(e.name === "VaultTransferred" && String(e.args.from).toLowerCase() === String(e.args.to).toLowerCase()));
      const opened = events[0]?.block ?? latest;
      const blocks = sampleBlocks(
        opened,
        latest,
        events.map((e) => e.block),
        HISTORY_SAMPLES,
      );
      const settled = await Promise.allSettled(
        blocks.map(async (blockNumber): Promise<HistorySample> => {
          const [v, block] = await Promise.all([
            readLens(config, chain, "getVault", [market, id], { blockNumber }),
            client.getBlock({ blockNumber }),
          ]);
          return { block: blockNumber, timestamp: Number(block.timestamp), ...v };
        }),
      );
      const samples = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      return { source: "rpc", fallbackReason, fallbackCode, events, points: historySeries(samples) };
    },
  });
}
