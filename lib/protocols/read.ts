import type { Abi, Address } from "viem";

// The one reader of an account's positions is ./account.ts (readAccount, and readProtocolPositions over it); this file
// holds what every batched read shares.

/** One view call as viem's multicall takes it. */
export interface ContractRead {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/** The canonical Multicall3 (same address on Ethereum, Base, Arbitrum and most chains). */
export const MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11" as const;
