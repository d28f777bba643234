"use client";
import type { ContractFunctionArgs, ContractFunctionName, ContractFunctionReturnType } from "viem";
import type { Config } from "wagmi";
import { readContract } from "wagmi/actions";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import type { ChainConfig } from "@/lib/config/chains";

/** The lens's read functions, and each one's arguments and result, from the generated ABI (contracts-abi/). */
export type LensFunction = ContractFunctionName<typeof keelLensAbi, "view" | "pure">;
export type LensArgs<F extends LensFunction> = ContractFunctionArgs<typeof keelLensAbi, "view" | "pure", F>;
export type LensResult<F extends LensFunction> = ContractFunctionReturnType<typeof keelLensAbi, "view" | "pure", F>;

type ChainId = Config["chains"][number]["id"];

/**
 * One call of KeelLens on `chain` (at `blockNumber`, else the latest block): the function's name picks its argument and
 * result types, so a misspelt function or a wrong argument does not compile. Throws when the chain has no lens (a
 * query's `enabled` keeps it from running then).
 */
export function readLens<F extends LensFunction>(
  config: Config,
  chain: ChainConfig,
  functionName: F,
  args: LensArgs<F>,
  at: { blockNumber?: bigint } = {},
): Promise<LensResult<F>> {
  const lens = chain.deployment?.contracts.lens;
  if (!lens) return Promise.reject(new Error(`${chain.name} has no Keel lens`));
  return readContract(config, {
    chainId: chain.id as ChainId,
    address: lens,
    abi: keelLensAbi,
    functionName,
    args,
    ...(at.blockNumber !== undefined ? { blockNumber: at.blockNumber } : {}),
  } as Parameters<typeof readContract>[1]) as Promise<LensResult<F>>;
}
