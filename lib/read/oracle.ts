import type { ContractFunctionReturnType } from "viem";
import type { keelOracleAbi } from "@/contracts-abi/abi/KeelOracle";

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

/**
 * THE rule for a price the app may use: the feed's status is ok (KeelOracle says so) and the price is positive; else
 * there is no price — null, which the screens show as `—` (lib/view/format.ts `orNone`) with the feed's status beside
 * it, and which counts for nothing in values. Every "is this collateral priced?" goes through here.
 */
export function usablePrice(feed: { price: bigint; status: number }): bigint | null {
  return feed.status === 0 && feed.price > 0n ? feed.price : null;
}

/** Whether an asset has a usable price (usablePrice). */
export const isPriced = (feed: { price: bigint; status: number }) => usablePrice(feed) !== null;
