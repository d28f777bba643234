"use client";
import { useQuery } from "@tanstack/react-query";
import { decodeEventLog, numberToHex, pad, toEventSelector, type AbiEvent, type Address, type Hex } from "viem";
import { useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { keelLensAbi, keelMarketFullAbi } from "@/contracts-abi";
import type { ChainConfig } from "@/lib/server/config";
import { historySeries, sampleBlocks, type HistoryPoint, type HistorySample } from "@/lib/vault-charts";

/** Samples of past state read per history: at most this many lens reads (plus as many block headers). */
export const HISTORY_SAMPLES = 40;

/** The market's events about one vault: every event whose first indexed argument is the vault id. */
const VAULT_EVENTS = keelMarketFullAbi.filter(
  (x): x is Extract<(typeof keelMarketFullAbi)[number], { type: "event" }> =>
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
}

/**
 * The vault's past: its events (one `eth_getLogs` on the market, filtered by the id topic), then the lens evaluated at
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
      const client = getPublicClient(config, { chainId: chain.id as (typeof config.chains)[number]["id"] })!;
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
          return { block: BigInt(log.blockNumber), name: decoded.eventName, args: decoded.args as Record<string, unknown>, txHash: log.transactionHash };
        })
        // the open-vault flow transfers the new vault to its own opener as an ownership guard: not a change worth listing
        .filter((e) => !(e.name === "VaultTransferred" && String(e.args.from).toLowerCase() === String(e.args.to).toLowerCase()));
      const opened = events[0]?.block ?? latest;
      const blocks = sampleBlocks(opened, latest, events.map((e) => e.block), HISTORY_SAMPLES);
      const settled = await Promise.allSettled(
        blocks.map(async (blockNumber): Promise<HistorySample> => {
          const [v, block] = await Promise.all([
            client.readContract({ address: lens!, abi: keelLensAbi, functionName: "getVault", args: [market, id], blockNumber }),
            client.getBlock({ blockNumber }),
          ]);
          return { block: blockNumber, timestamp: Number(block.timestamp), ...v };
        }),
      );
      const samples = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      return { events, points: historySeries(samples) };
    },
  });
}
