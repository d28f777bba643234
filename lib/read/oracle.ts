import type { ContractFunctionReturnType } from "viem";
import type { keelOracleAbi } from "@/contracts-abi/generated";

/** One feed as `KeelOracle.peekAll()` returns it. */
export type FeedState = ContractFunctionReturnType<typeof keelOracleAbi, "view", "peekAll">[number];

/**
 * `KeelOracle.Status`, in the Solidity enum's order. The rules that decide a status live only in the contract; this
 * table only names them (their words, label and why, are the messages `feed.<key>.label` / `feed.<key>.why`). An
 * integration test checks it against the chain.
 */
export const FEED_STATUS = [
  { key: "ok" },
  { key: "missing" },
  { key: "reverted" },
  { key: "nonPositive" },
  { key: "incomplete" },
  { key: "fromFuture" },
  { key: "stale" },
  { key: "outOfBounds" },
] as const;

export type FeedStatusKey = (typeof FEED_STATUS)[number]["key"];

/** A status number's entry; an unknown number reads as a feed that did not answer. */
export function feedStatus(status: number): { key: FeedStatusKey } {
  return FEED_STATUS[status] ?? { key: "reverted" };
}
