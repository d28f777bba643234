/**
 * The four vault actions' limits and previews, from a lib/engine/risk.ts position: what the amount field checks against
 * (wallet balance, the hard maximum the chain would accept), what Max fills in (within the user's safety buffer), and
 * the state after. No formula lives here: every number comes from lib/risk.ts.
 */
import { encodeFunctionData, maxUint256, type Address, type Hex } from "viem";
import { keelMarketAbi } from "@/contracts-abi";
import { applyChange, liquidationPrice, maxBorrow, maxWithdraw, vaultRisk, type VaultPosition, type VaultRisk } from "../engine/risk";
import { WAD } from "../engine/math";

export type VaultAction = "deposit" | "withdraw" | "borrow" | "repay";

export interface ActionInput {
  action: VaultAction;
  position: VaultPosition;
  /** The collateral for deposit / withdraw. */
  asset?: `0x${string}`;
  /** Wallet balance of the token that leaves the wallet (collateral for deposit, base for repay). */
  walletBalance?: bigint;
  /** Base units the market can lend now. */
  cash?: bigint;
  /** The health factor Max keeps (WAD), the user's safety buffer. */
  minHealth: bigint;
}

export interface ActionLimits {
  /** Checked as "above balance". */
  balance?: bigint;
  /** Checked as "above max": the most the chain accepts (LTV, held amount, debt, liquidity). */
  /** The most the action allows, and why (a code: its words are the message `limits.<reason>`). */
  max?: { value: bigint; reason: LimitReason };
  /** What the Max button fills in: the most within the safety buffer (and the wallet balance). */
  suggested: bigint;
  /** Repay only: Max covers the whole debt, so send type(uint256).max ("repay all", exact at execution). */
  repayAll?: boolean;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Why an action has its maximum. */
export type LimitReason = "holdsNone" | "allHeld" | "beyondLtv" | "noLiquidity" | "repaysAll" | "noDebt";

/** Margin of the "repay all" approval over today's debt, in basis points: interest accrued until the repayment is mined. */
export const REPAY_ALL_MARGIN_BPS = 1n;

/**
 * What "Repay all" approves: the debt read now plus REPAY_ALL_MARGIN_BPS and 1 wei, because the repayment sends
 * type(uint256).max and the market takes the debt as it is when the transaction is mined — a little more than now. Only
 * that debt is pulled; the rest of the approval stays unused. Capped at the wallet balance.
 */
export function repayAllAllowance(debt: bigint, walletBalance: bigint): bigint {
  const withMargin = debt + (debt * REPAY_ALL_MARGIN_BPS) / 10_000n + 1n;
  return min(withMargin, walletBalance);
}

export function actionLimits(i: ActionInput): ActionLimits {
  const { position: v } = i;
  switch (i.action) {
    case "deposit": {
      const balance = i.walletBalance ?? 0n;
      return { balance, suggested: balance };
    }
    case "withdraw": {
      const held = v.collaterals.find((c) => c.asset.toLowerCase() === i.asset?.toLowerCase())?.amount ?? 0n;
      if (!i.asset || held === 0n) return { max: { value: 0n, reason: "holdsNone" }, suggested: 0n };
      const hard = maxWithdraw(v, i.asset);
      const reason = hard === held ? "allHeld" : "beyondLtv";
      return { max: { value: hard, reason }, suggested: maxWithdraw(v, i.asset, i.minHealth) };
    }
    case "borrow": {
      let hard = maxBorrow(v);
      let reason: LimitReason = "beyondLtv";
      if (i.cash !== undefined && i.cash < hard) {
        hard = i.cash;
        reason = "noLiquidity";
      }
      return { max: { value: hard, reason }, suggested: min(hard, maxBorrow(v, i.minHealth)) };
    }
    case "repay": {
      const balance = i.walletBalance ?? 0n;
      const max = { value: v.debt, reason: "repaysAll" as const };
      if (v.debt === 0n) return { balance, max: { value: 0n, reason: "noDebt" }, suggested: 0n };
      return balance >= v.debt ? { balance, max, suggested: v.debt, repayAll: true } : { balance, max, suggested: balance };
    }
  }
}

export interface Preview {
  after: VaultPosition;
  risk: VaultRisk;
  /** Liquidation price of each collateral after the change (asset → USD per token WAD, 0 when none). */
  liquidationPrices: Map<string, bigint>;
  /** The chain would refuse it: the vault would be beyond its LTV (borrow / withdraw only). */
  beyondLtv: boolean;
  /** The vault would be liquidatable after. */
  liquidatable: boolean;
  /** Health factor after is below the user's warning level (and the vault has debt). */
  belowWarning: boolean;
}

/** The vault after `amount` of `action`, with what the form must warn about or block. */
export function previewAction(v: VaultPosition, action: VaultAction, amount: bigint, warnHealth: bigint, asset?: `0x${string}`): Preview {
  const after =
    action === "deposit" || action === "withdraw"
      ? applyChange(v, { kind: action, asset: asset!, amount })
      : applyChange(v, { kind: action, amount });
  const risk = vaultRisk(after);
  const liquidationPrices = new Map(after.collaterals.map((c) => [c.asset.toLowerCase(), liquidationPrice(after, c.asset)]));
  const increasesRisk = action === "borrow" || action === "withdraw";
  return {
    after,
    risk,
    liquidationPrices,
    beyondLtv: increasesRisk && after.debt > 0n && risk.debtValue > risk.borrowLimitValue,
    liquidatable: after.debt > 0n && risk.healthFactor < WAD,
    belowWarning: after.debt > 0n && risk.healthFactor < warnHealth,
  };
}

/** A market call the app sends (function name and arguments of `keelMarketCallAbi`). */
export interface MarketCall {
  functionName: "depositCollateral" | "withdrawCollateral" | "borrow" | "repay" | "multicall";
  args: readonly unknown[];
}

/**
 * The market call of a vault action, as the vault page sends it. `repayAll` sends type(uint256).max: the market repays
 * the debt as it is when the transaction is mined, exactly.
 */
export function vaultActionCall(a: {
  action: VaultAction;
  vaultId: bigint;
  /** The collateral (deposit / withdraw). */
  asset?: Address;
  amount: bigint;
  /** Who receives what leaves the vault (withdraw / borrow): the owner's own address in the app. */
  receiver: Address;
  repayAll?: boolean;
}): MarketCall {
  switch (a.action) {
    case "deposit":
      return { functionName: "depositCollateral", args: [a.vaultId, a.asset!, a.amount] };
    case "withdraw":
      return { functionName: "withdrawCollateral", args: [a.vaultId, a.asset!, a.amount, a.receiver] };
    case "borrow":
      return { functionName: "borrow", args: [a.vaultId, a.amount, a.receiver] };
    case "repay":
      return { functionName: "repay", args: [a.vaultId, a.repayAll ? maxUint256 : a.amount] };
  }
}

/**
 * Opening a vault with a first deposit, in one transaction: `multicall(openVault, transferVault(id, owner),
 * depositCollateral)`. `id` is the market's next id (vaultCount + 1); if someone else opens it first, transferVault
 * reverts (Unauthorized) and nothing happens. Works for any owner, a contract wallet too (no signature inside).
 */
export function openVaultCall(a: { id: bigint; owner: Address; asset: Address; amount: bigint }): MarketCall {
  const calls: Hex[] = [
    encodeFunctionData({ abi: keelMarketAbi, functionName: "openVault" }),
    encodeFunctionData({ abi: keelMarketAbi, functionName: "transferVault", args: [a.id, a.owner] }),
    encodeFunctionData({ abi: keelMarketAbi, functionName: "depositCollateral", args: [a.id, a.asset, a.amount] }),
  ];
  return { functionName: "multicall", args: [calls] };
}

/** The ERC-20 approval before a pull: exactly `amount`, or type(uint256).max when the person chose unlimited. */
export function approveCall(spender: Address, amount: bigint, unlimited = false): { functionName: "approve"; args: readonly [Address, bigint] } {
  return { functionName: "approve", args: [spender, unlimited ? maxUint256 : amount] };
}
