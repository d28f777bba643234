"use client";
import { useQuery } from "@tanstack/react-query";
import { erc20Abi, zeroAddress, type Address } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { iUniswapV2FactoryAbi } from "@/contracts-abi/abi/IUniswapV2Factory";
import { iUniswapV2PairAbi } from "@/contracts-abi/abi/IUniswapV2Pair";
import { uniswapV2AdapterAbi } from "@/contracts-abi/abi/UniswapV2Adapter";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import { poolFor } from "@/lib/engine/amm";
import type { Pool } from "@/lib/engine/leverage";
import {
  aaveFlashPremiumRead,
  grantReads,
  leverageRouterFor,
  morphoPair,
  type GrantState,
  type LeveragePair,
  type LeveragePosition,
} from "@/lib/protocols/leverage";
import { readProtocolPositions } from "@/lib/protocols/account";
import type { ChainConfig } from "@/lib/config/chains";
import { chainReader } from "@/lib/wallet/chain-reader";
import { readProblem, WordedError } from "@/lib/protocols/refusals";

type ChainId = Parameters<typeof readContract>[1]["chainId"];
const NOBODY: Address = "0x000000000000000000000000000000000000dEaD";

/** Which position Multiply works on: Aave's account on the pool, or one Morpho market (by id). */
export type ProtocolTarget = { protocol: "aave-v3"; pair: LeveragePair } | { protocol: "morpho-blue"; marketId: `0x${string}` };

export const protocolLeverageKey = (chainId: number, target: ProtocolTarget, owner?: Address) =>
  ["keel", "protocol-leverage", chainId, JSON.stringify(target), owner ?? null] as const;

export interface ProtocolLeverageData {
  position: LeveragePosition;
  pair: LeveragePair;
  router: Address;
  /** The pool between the debt asset and the collateral on the swap venue; null when there is none. */
  pool: Pool | null;
  flashFeeBps: bigint;
  grants: GrantState;
  /** The wallet's collateral balance (undefined without a wallet). */
  balance: bigint | undefined;
  /** KeelOracle's USD prices by lower-case address, as the position's card reads them (lib/protocols/view.ts positionView). */
  usdPerToken: Record<string, bigint>;
}

/**
 * What Multiply on Aave v3 or Morpho Blue needs, read on every block: the owner's position (empty when they hold
 * nothing yet, so it can be opened), the router, the swap venue's pool, Aave's flash premium, what the owner has
 * granted the router, and the wallet's collateral balance. Without a wallet the position is read for an address that
 * holds nothing (an empty position: the panel still previews).
 */
export function useProtocolLeverage(chain: ChainConfig, target: ProtocolTarget, owner: Address | undefined) {
  const config = useConfig();
  const d = chain.deployment;
  const router = leverageRouterFor({ protocol: target.protocol }, d);
  const adapter = d?.contracts.swapAdapter;
  const key = protocolLeverageKey(chain.id, target, owner);
  const query = useQuery({
    queryKey: key,
    enabled: Boolean(d && router && adapter),
    retry: 1,
    queryFn: async (): Promise<ProtocolLeverageData> => {
      const chainId = chain.id as ChainId;
      const client = chainReader(config, chainId);
      if (!client) throw new Error(`No client for chain ${chain.id}`);
      // Without a wallet: an address that holds nothing (Aave's data provider refuses the zero address).
      const who = owner ?? NOBODY;
      const read = await readProtocolPositions(client, d!, who, undefined, { includeEmpty: true });
      const position: LeveragePosition | undefined =
        target.protocol === "aave-v3" ? (read.aave ?? undefined) : read.morpho.find((m) => m.id.toLowerCase() === target.marketId.toLowerCase());
      if (!position) {
        const why = read.problems[0] ?? readProblem("positionUnread");
        throw new WordedError(why.message, why.key, why.values);
      }
      const pair = position.protocol === "morpho-blue" ? morphoPair(position) : (target as { pair: LeveragePair }).pair;
      const factory = await readContract(config, { chainId, address: adapter!, abi: uniswapV2AdapterAbi, functionName: "factory" });
      const pairAddress = await readContract(config, {
        chainId,
        address: factory,
        abi: iUniswapV2FactoryAbi,
        functionName: "getPair",
        args: [pair.debt, pair.collateral],
      });
      const reads = grantReads(position, pair, router!);
      const [reserves, token0, premium, balance, ...granted] = await Promise.all([
        pairAddress === zeroAddress
          ? null
          : readContract(config, { chainId, address: pairAddress, abi: iUniswapV2PairAbi, functionName: "getReserves" }),
        pairAddress === zeroAddress ? null : readContract(config, { chainId, address: pairAddress, abi: iUniswapV2PairAbi, functionName: "token0" }),
        position.protocol === "aave-v3" ? readContract(config, { chainId, ...aaveFlashPremiumRead(d!.aaveV3!.pool) }) : 0n,
        owner ? readContract(config, { chainId, address: pair.collateral, abi: erc20Abi, functionName: "balanceOf", args: [owner] }) : undefined,
        ...Object.values(reads).map((r) => (owner ? readContract(config, { ...r, chainId } as never) : Promise.resolve(undefined))),
      ]);
      const grants = Object.fromEntries(Object.keys(reads).map((k, i) => [k, granted[i]])) as GrantState;
      return {
        position,
        pair,
        router: router!,
        pool:
          reserves && token0 ? poolFor(pair.debt, token0 as Address, (reserves as readonly bigint[])[0]!, (reserves as readonly bigint[])[1]!) : null,
        flashFeeBps: BigInt(premium as bigint),
        grants,
        balance: balance as bigint | undefined,
        usdPerToken: read.usdPerToken,
      };
    },
  });
  useRefreshOnBlocks(router && adapter ? [{ chainId: chain.id, key }] : []);
  return { data: query.data, error: query.error, isPending: query.isPending, router };
}
