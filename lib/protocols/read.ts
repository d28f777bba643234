import { multicall3Abi, type Abi, type Address, type PublicClient } from "viem";
import type { Deployment } from "../deployment";
import { aavePositionFrom, aaveReads } from "./aave-v3/read";
import type { AavePosition } from "./aave-v3/math";
import { morphoPositionsFrom, morphoReads } from "./morpho-blue/read";
import type { MorphoPosition } from "./morpho-blue/math";

/** One view call as viem's multicall takes it. */
export interface ContractRead {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/** The canonical Multicall3 (same address on Ethereum, Base, Arbitrum and most chains). */
export const MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11" as const;

export interface ProtocolPositions {
  timestamp: bigint;
  blockNumber?: bigint;
  aave: AavePosition | null;
  morpho: MorphoPosition[];
  /** A protocol or market that could not be read, in words (its positions are missing from the lists). */
  problems: string[];
}

/**
 * Every Aave v3 and Morpho Blue position of `owner` on one chain in ONE eth_call: every protocol's reads and the block
 * timestamp batched through Multicall3's `aggregate3` (failures allowed per call, reported in `problems`).
 */
export async function readProtocolPositions(
  client: Pick<PublicClient, "multicall">,
  d: Pick<Deployment, "chainId" | "aaveV3" | "morphoBlue"> & { contracts: { multicall3?: Address } },
  owner: Address,
  blockNumber?: bigint,
  /** Also the pool and the markets where `owner` holds nothing (Multiply opens positions there). */
  opts: { includeEmpty?: boolean } = {},
): Promise<ProtocolPositions> {
  const multicallAddress = d.contracts.multicall3 ?? MULTICALL3;
  const aave = d.aaveV3 ? aaveReads(d.aaveV3, owner) : [];
  const morpho = d.morphoBlue ? morphoReads(d.morphoBlue, owner) : [];
  const contracts = [{ address: multicallAddress, abi: multicall3Abi, functionName: "getCurrentBlockTimestamp", args: [] }, ...aave, ...morpho];
  const results = (await client.multicall({
    contracts,
    multicallAddress,
    allowFailure: true,
    batchSize: 0,
    ...(blockNumber !== undefined ? { blockNumber } : {}),
  } as Parameters<PublicClient["multicall"]>[0])) as unknown as ({ status: "success"; result: unknown } | { status: "failure"; error: Error })[];
  const problems: string[] = [];
  const first = results[0]!;
  if (first.status !== "success") throw new Error(`Multicall3 at ${multicallAddress} did not answer on chain ${d.chainId}`);
  const timestamp = first.result as bigint;
  let aavePosition: AavePosition | null = null;
  if (d.aaveV3) {
    const r = results.slice(1, 1 + aave.length);
    if (r.every((x) => x.status === "success")) {
      aavePosition = aavePositionFrom(
        r.map((x) => (x as { result: unknown }).result),
        { chainId: d.chainId, aave: d.aaveV3, owner, timestamp, includeEmpty: opts.includeEmpty },
      );
    } else problems.push("Aave v3: the pool's data provider did not answer");
  }
  let morphoPositions: MorphoPosition[] = [];
  if (d.morphoBlue) {
    const r = morphoPositionsFrom(results.slice(1 + aave.length), {
      chainId: d.chainId,
      morpho: d.morphoBlue,
      owner,
      timestamp,
      includeEmpty: opts.includeEmpty,
    });
    morphoPositions = r.positions;
    problems.push(...r.problems);
  }
  return { timestamp, ...(blockNumber !== undefined ? { blockNumber } : {}), aave: aavePosition, morpho: morphoPositions, problems };
}
