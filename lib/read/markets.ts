import { zeroAddress } from "viem";
import { formatAge, formatterFor, formatUtc, shortAddress, type Formatter } from "../view/format";
import type { LensMarket } from "./vaults";
import { sameAddress } from "../config/address";

/** A pending risk change as the lens returns it. */
export type PendingChange = LensMarket["pendingChanges"][number];

/** `ChangeKind` in the Solidity enum's order (contracts/src/interfaces/IKeelRiskAdmin.sol). */
export const CHANGE_KINDS = ["Collateral", "RateModel", "Fees", "Feed", "Guardian", "Delay", "Reputation"] as const;

/** The parameters a pending change can set: the key of each one's name under `changes.` in messages/<locale>.json. */
export const CHANGE_LABELS = {
  ltv: "LTV",
  liquidationThreshold: "Liquidation threshold",
  maxDiscount: "Max discount",
  supplyCap: "Supply cap",
  baseRate: "Base rate (APR)",
  slope1: "Slope to kink (APR)",
  slope2: "Slope after kink (APR)",
  kink: "Kink",
  reserveFactor: "Reserve factor",
  flashFee: "Flash-loan fee",
  feed: "Feed",
  heartbeat: "Heartbeat",
  minAnswer: "Min answer",
  maxAnswer: "Max answer",
  guardian: "Guardian",
  delay: "Delay",
  reputation: "Reputation source",
} as const;

/** What a change is, as a message key under `changes.` (with `symbol` for the asset ones), and its English. */
export const CHANGE_TITLES = {
  collateral: "{symbol} collateral parameters",
  listCollateral: "List {symbol} as collateral",
  rateModel: "Rate model",
  fees: "Fees",
  feed: "{symbol} price feed",
  newFeed: "{symbol} price feed (new)",
  guardian: "Guardian",
  delay: "Risk delay",
  reputation: "Reputation source (LTV bonus)",
  unknown: "Unknown change kind {symbol}",
} as const;

/** The words a described value may hold, in the reader's language (English by default). */
export interface ChangeWords {
  none: string;
  raw(value: string): string;
  units(value: string): string;
  bps(value: string): string;
}

const ENGLISH_WORDS: ChangeWords = {
  none: "none",
  raw: (v) => `${v} (raw)`,
  units: (v) => `${v} units`,
  bps: (v) => `${v} bps`,
};

/** One parameter a pending change sets: its current value (if any) and the proposed one, as text. */
export interface ChangeItem {
  /** The English name; `key` names it in the messages. */
  label: string;
  key: keyof typeof CHANGE_LABELS;
  from: string | null;
  to: string;
}

export interface DescribedChange {
  /** The English title; `titleKey` (with `symbol`) names it in the messages. */
  title: string;
  titleKey: keyof typeof CHANGE_TITLES;
  symbol: string;
  items: ChangeItem[];
}

/**
 * What a pending risk change would do to `market`, parameter by parameter, current → proposed. Values are formatted
 * by `f` with `words` (the reader's language; English by default); titles and names come in English with their keys.
 */
export function describeChange(
  change: PendingChange,
  market: Pick<LensMarket, "collaterals" | "rateModel" | "reserveFactor" | "flashFeeBps" | "baseFeed" | "guardian" | "riskDelay">,
  symbolOf: (asset: string) => string | undefined,
  f: Formatter = formatterFor("en"),
  words: ChangeWords = ENGLISH_WORDS,
): DescribedChange {
  const [a, b, c, d] = change.values;
  const kind = CHANGE_KINDS[change.kind];
  const item = (key: keyof typeof CHANGE_LABELS, from: string | null, to: string): ChangeItem => ({ label: CHANGE_LABELS[key], key, from, to });
  const titled = (titleKey: keyof typeof CHANGE_TITLES, symbol: string, items: ChangeItem[]): DescribedChange => ({
    title: CHANGE_TITLES[titleKey].replace("{symbol}", symbol),
    titleKey,
    symbol,
    items,
  });
  if (kind === "Collateral") {
    const current = market.collaterals.find((x) => sameAddress(x.info.asset, change.asset))?.info;
    const symbol = symbolOf(change.asset) ?? shortAddress(change.asset);
    const decimals = current?.decimals ?? 18;
    return titled(current ? "collateral" : "listCollateral", symbol, [
      item("ltv", current ? f.percent(current.ltv) : null, f.percent(a)),
      item("liquidationThreshold", current ? f.percent(current.liquidationThreshold) : null, f.percent(b)),
      item("maxDiscount", current ? f.percent(current.maxDiscount) : null, f.percent(c)),
      // An unlisted asset's decimals are unknown here: the cap is shown in raw units.
      item(
        "supplyCap",
        current ? f.token(current.supplyCap, decimals, symbol) : null,
        current ? f.token(d, decimals, symbol) : words.units(d.toString()),
      ),
    ]);
  }
  if (kind === "RateModel") {
    const m = market.rateModel;
    return titled("rateModel", "", [
      item("baseRate", f.apr(m.baseRate), f.apr(a)),
      item("slope1", f.apr(m.slope1), f.apr(b)),
      item("slope2", f.apr(m.slope2), f.apr(c)),
      item("kink", f.percent(m.kink), f.percent(d)),
    ]);
  }
  if (kind === "Fees") {
    return titled("fees", "", [
      item("reserveFactor", f.percent(market.reserveFactor), f.percent(a)),
      item("flashFee", words.bps(market.flashFeeBps.toString()), words.bps(b.toString())),
    ]);
  }
  if (kind === "Feed") {
    const same = (x: string) => sameAddress(x, change.asset);
    const current = same(market.baseFeed.asset) ? market.baseFeed : market.collaterals.find((x) => same(x.feed.asset))?.feed;
    const has = current !== undefined && current.feed !== zeroAddress;
    const symbol = symbolOf(change.asset) ?? shortAddress(change.asset);
    const feed = `0x${a.toString(16).padStart(40, "0")}`;
    // Bounds are in the feed's own units; a new feed's decimals are not known here, the current one's are.
    const bound = (x: bigint) => (has ? f.unitsFixed(x, current.feedDecimals, 8) : words.raw(x.toString()));
    return titled(has ? "feed" : "newFeed", symbol, [
      item("feed", has ? shortAddress(current.feed) : null, shortAddress(feed)),
      item("heartbeat", has ? f.age(Number(current.heartbeat)) : null, f.age(Number(b))),
      item("minAnswer", has ? bound(BigInt(current.minAnswer)) : null, bound(c)),
      item("maxAnswer", has ? bound(BigInt(current.maxAnswer)) : null, bound(d)),
    ]);
  }
  if (kind === "Guardian") {
    const show = (x: string) => (x === zeroAddress ? words.none : shortAddress(x));
    return titled("guardian", "", [item("guardian", show(market.guardian), show(change.asset))]);
  }
  if (kind === "Reputation") {
    return titled("reputation", "", [item("reputation", null, change.asset === zeroAddress ? words.none : shortAddress(change.asset))]);
  }
  if (kind === "Delay") {
    return titled("delay", "", [item("delay", f.age(Number(market.riskDelay)), f.age(Number(a)))]);
  }
  return titled("unknown", String(change.kind), []);
}

/**
 * Where a pending change stands: waiting for its delay (`in 23h 59m`), executable (until `expiresAt`), or expired (it
 * can never be executed, only cleared). `at` is when it becomes executable, `expires` when the window closes (UTC), `left`
 * the seconds until it becomes executable (English text; a page in another language words `state` and `left` itself).
 */
export function changeWindow(
  executableAt: bigint,
  expiresAt: bigint,
  nowSeconds: number,
): { state: "waiting" | "executable" | "expired"; text: string; at: string; expires: string; left: number } {
  const at = formatUtc(executableAt);
  const expires = formatUtc(expiresAt);
  const left = Number(executableAt) - nowSeconds;
  if (nowSeconds > Number(expiresAt)) return { state: "expired", text: "expired", at, expires, left };
  if (left > 0) return { state: "waiting", text: `in ${formatAge(left)}`, at, expires, left };
  return { state: "executable", text: "executable now", at, expires, left };
}

/**
 * A lender's withdrawal limit: `maxWithdraw` from the market's lender vault, and whether the market's free liquidity
 * (not the position) limits it.
 */
export function withdrawLimit(supplied: bigint, maxWithdraw: bigint): { max: bigint; limitedByLiquidity: boolean } {
  return { max: maxWithdraw, limitedByLiquidity: maxWithdraw < supplied };
}

/**
 * The lender vault's ERC-4626 call that withdraws `amount` for a lender: `redeem` of every share when the amount is the whole
 * position, or when the lender pressed Max (`everything`) and the market's cash does not limit it — so no dust of shares
 * is left behind by interest accrued since the read — else `withdraw(amount)`.
 */
export function lenderWithdrawCall(
  amount: bigint,
  pos: { shares: bigint; supplied: bigint; maxWithdraw: bigint },
  everything = false,
): { functionName: "redeem"; shares: bigint } | { functionName: "withdraw"; assets: bigint } {
  const all = pos.shares > 0n && (amount >= pos.supplied || everything) && pos.maxWithdraw >= pos.supplied;
  return all ? { functionName: "redeem", shares: pos.shares } : { functionName: "withdraw", assets: amount };
}

/** Whether `amount` needs an approval first, given the current allowance. */
export function needsApproval(allowance: bigint, amount: bigint): boolean {
  return allowance < amount;
}
