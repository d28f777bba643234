import { formatAge, formatApr, formatPercent, formatUnitsFixed, formatUtc, shortAddress } from "./format";
import type { LensMarket } from "./vaults";

/** A pending risk change as the lens returns it. */
export type PendingChange = LensMarket["pendingChanges"][number];

/** `ChangeKind` in the Solidity enum's order. */
export const CHANGE_KINDS = ["Collateral", "RateModel", "Fees"] as const;

/** One parameter a pending change sets: its current value (if any) and the proposed one, as text. */
export interface ChangeItem {
  label: string;
  from: string | null;
  to: string;
}

export interface DescribedChange {
  title: string;
  items: ChangeItem[];
}

/** What a pending risk change would do to `market`, parameter by parameter, current → proposed. */
export function describeChange(
  change: PendingChange,
  market: Pick<LensMarket, "collaterals" | "rateModel" | "reserveFactor" | "flashFeeBps">,
  symbolOf: (asset: string) => string | undefined,
): DescribedChange {
  const [a, b, c, d] = change.values;
  const kind = CHANGE_KINDS[change.kind];
  if (kind === "Collateral") {
    const current = market.collaterals.find((x) => x.info.asset.toLowerCase() === change.asset.toLowerCase())?.info;
    const symbol = symbolOf(change.asset) ?? shortAddress(change.asset);
    const decimals = current?.decimals ?? 18;
    return {
      title: current ? `${symbol} collateral parameters` : `List ${symbol} as collateral`,
      items: [
        { label: "LTV", from: current ? formatPercent(current.ltv) : null, to: formatPercent(a) },
        { label: "Liquidation threshold", from: current ? formatPercent(current.liquidationThreshold) : null, to: formatPercent(b) },
        { label: "Max discount", from: current ? formatPercent(current.maxDiscount) : null, to: formatPercent(c) },
        {
          label: "Supply cap",
          from: current ? `${formatUnitsFixed(current.supplyCap, decimals)} ${symbol}` : null,
          // An unlisted asset's decimals are unknown here: the cap is shown in raw units.
          to: current ? `${formatUnitsFixed(d, decimals)} ${symbol}` : `${d.toString()} units`,
        },
      ],
    };
  }
  if (kind === "RateModel") {
    const m = market.rateModel;
    return {
      title: "Rate model",
      items: [
        { label: "Base rate (APR)", from: formatApr(m.baseRate), to: formatApr(a) },
        { label: "Slope to kink (APR)", from: formatApr(m.slope1), to: formatApr(b) },
        { label: "Slope after kink (APR)", from: formatApr(m.slope2), to: formatApr(c) },
        { label: "Kink", from: formatPercent(m.kink), to: formatPercent(d) },
      ],
    };
  }
  if (kind === "Fees") {
    return {
      title: "Fees",
      items: [
        { label: "Reserve factor", from: formatPercent(market.reserveFactor), to: formatPercent(a) },
        { label: "Flash-loan fee", from: `${market.flashFeeBps.toString()} bps`, to: `${b.toString()} bps` },
      ],
    };
  }
  return { title: `Unknown change kind ${change.kind}`, items: [] };
}

/** When a pending change takes effect: `in 23h 59m` until then, `executable now` after; with the UTC time. */
export function changeCountdown(executableAt: bigint, nowSeconds: number): { ready: boolean; text: string; at: string } {
  const left = Number(executableAt) - nowSeconds;
  return { ready: left <= 0, text: left <= 0 ? "executable now" : `in ${formatAge(left)}`, at: formatUtc(executableAt) };
}

/** A lender's withdrawal limit: `maxWithdraw` from the market, and whether free liquidity (not the position) limits it. */
export function withdrawLimit(supplied: bigint, maxWithdraw: bigint): { max: bigint; limitedByLiquidity: boolean } {
  return { max: maxWithdraw, limitedByLiquidity: maxWithdraw < supplied };
}

/**
 * The ERC-4626 call that withdraws `amount` for a lender: `redeem` of every share when the amount is the whole
 * position (so no dust of shares is left behind by interest accrued since the read), else `withdraw(amount)`.
 */
export function lenderWithdrawCall(
  amount: bigint,
  pos: { shares: bigint; supplied: bigint; maxWithdraw: bigint },
): { functionName: "redeem"; shares: bigint } | { functionName: "withdraw"; assets: bigint } {
  const all = pos.shares > 0n && amount >= pos.supplied && pos.maxWithdraw >= pos.supplied;
  return all ? { functionName: "redeem", shares: pos.shares } : { functionName: "withdraw", assets: amount };
}

/** Whether `amount` needs an approval first, given the current allowance. */
export function needsApproval(allowance: bigint, amount: bigint): boolean {
  return allowance < amount;
}
