import type { ContractFunctionReturnType } from "viem";
import type { keelOracleAbi } from "@/contracts-abi/generated";

/** One feed as `KeelOracle.peekAll()` returns it. */
export type FeedState = ContractFunctionReturnType<typeof keelOracleAbi, "view", "peekAll">[number];

/**
 * `KeelOracle.Status`, in the Solidity enum's order. The rules that decide a status live only in the contract;
 * this table only says them in words. An integration test checks it against the chain.
 */
export const FEED_STATUS = [
  { key: "ok", label: "Fresh", why: "" },
  { key: "missing", label: "No feed", why: "no price feed is configured for this asset" },
  { key: "reverted", label: "Feed down", why: "the price feed did not answer" },
  { key: "nonPositive", label: "Invalid", why: "the feed reported zero or a negative price" },
  { key: "incomplete", label: "Incomplete", why: "the feed's latest round is incomplete" },
  { key: "fromFuture", label: "Invalid time", why: "the feed's timestamp is in the future" },
  { key: "stale", label: "Stale", why: "the feed has not updated within its heartbeat" },
  { key: "outOfBounds", label: "Out of bounds", why: "the feed's answer is outside its sane bounds" },
] as const;

export type FeedStatusKey = (typeof FEED_STATUS)[number]["key"];

export function feedStatus(status: number) {
  return FEED_STATUS[status] ?? { key: "reverted" as const, label: "Unknown", why: `unknown oracle status ${status}` };
}
