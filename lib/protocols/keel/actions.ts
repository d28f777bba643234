import { encodeFunctionData, erc20Abi, maxUint256, type Address, type ContractFunctionArgs, type Hex } from "viem";
import { keelMarketAbi } from "../../../contracts-abi/abi/KeelMarket";
import type { VaultAction } from "../../view/vault-actions";
import type { TxRequest } from "../types";
import { maxWithdraw, type KeelPosition } from "./math";
import { sameAddress } from "../../config/address";
import { ActionRefused, amountZero } from "../refusals";

// Keel's transactions: the market calls the vault page, the open-vault form and the adapter send.

const min = (a: bigint, b: bigint) => (a < b ? a : b);

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

type MarketFunction = "depositCollateral" | "withdrawCollateral" | "borrow" | "repay" | "multicall";

/** A market call the app sends: a function of `keelMarketAbi` and exactly its arguments. */
export type MarketCall = {
  [F in MarketFunction]: { functionName: F; args: ContractFunctionArgs<typeof keelMarketAbi, "nonpayable", F> };
}[MarketFunction];

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

const positive = (amount: bigint) => {
  if (amount <= 0n) throw amountZero();
};
const approveTx = (token: Address, spender: Address, amount: bigint, symbol: string): TxRequest => ({
  to: token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [spender, amount] }),
  description: `Approve exactly ${amount} units of ${symbol} for the Keel market`,
});
const marketTx = (p: KeelPosition, call: MarketCall, description: string): TxRequest => ({
  to: p.id,
  data: encodeFunctionData({ abi: keelMarketAbi, ...call } as Parameters<typeof encodeFunctionData<typeof keelMarketAbi>>[0]),
  description,
});
function collateralOf(p: KeelPosition, asset: Address) {
  const c = p.state.collaterals.find((x) => sameAddress(x.asset, asset));
  if (!c) throw new ActionRefused("notCollateral", { protocol: "Keel", asset });
  return p.collaterals.find((x) => sameAddress(x.token.address, asset))?.token.symbol ?? asset;
}
function expectBase(p: KeelPosition, asset: Address) {
  if (!sameAddress(asset, p.base.address)) throw new ActionRefused("notBorrowable", { protocol: "Keel", asset, symbol: p.base.symbol });
}

/** Add collateral: an exact approval, then KeelMarket.depositCollateral. */
export function supply(p: KeelPosition, asset: Address, amount: bigint): TxRequest[] {
  const symbol = collateralOf(p, asset);
  positive(amount);
  return [
    approveTx(asset, p.id, amount, symbol),
    marketTx(
      p,
      vaultActionCall({ action: "deposit", vaultId: p.vaultId, asset, amount, receiver: p.owner }),
      `Deposit ${symbol} into Keel vault #${p.vaultId}`,
    ),
  ];
}

/** Withdraw collateral to the owner; "max" is the largest amount the market accepts now (lib/engine/risk.ts maxWithdraw). */
export function withdraw(p: KeelPosition, asset: Address, amount: bigint | "max"): TxRequest[] {
  const symbol = collateralOf(p, asset);
  const units = amount === "max" ? maxWithdraw(p, asset) : amount;
  if (amount === "max" && units === 0n) throw new ActionRefused("nothingToWithdraw", { protocol: "Keel" });
  positive(units);
  return [
    marketTx(
      p,
      vaultActionCall({ action: "withdraw", vaultId: p.vaultId, asset, amount: units, receiver: p.owner }),
      `Withdraw ${symbol} from Keel vault #${p.vaultId}`,
    ),
  ];
}

/** Borrow the base asset to the owner. */
export function borrow(p: KeelPosition, asset: Address, amount: bigint): TxRequest[] {
  expectBase(p, asset);
  positive(amount);
  return [
    marketTx(
      p,
      vaultActionCall({ action: "borrow", vaultId: p.vaultId, amount, receiver: p.owner }),
      `Borrow ${p.base.symbol} from Keel vault #${p.vaultId}`,
    ),
  ];
}

/**
 * Repay the base asset: an exact approval, then KeelMarket.repay. "max" sends type(uint256).max (the market repays the
 * debt as it is when mined) after approving repayAllAllowance's margin over today's debt (`slackSeconds` is not needed:
 * the margin is in basis points).
 */
export function repay(p: KeelPosition, asset: Address, amount: bigint | "max"): TxRequest[] {
  expectBase(p, asset);
  const all = amount === "max";
  if (all && p.state.debt === 0n) throw new ActionRefused("noDebt", { protocol: "Keel", symbol: p.base.symbol });
  const pull = all ? repayAllAllowance(p.state.debt, maxUint256) : amount;
  positive(pull);
  return [
    approveTx(asset, p.id, pull, p.base.symbol),
    marketTx(
      p,
      vaultActionCall({ action: "repay", vaultId: p.vaultId, amount: all ? 0n : amount, receiver: p.owner, repayAll: all }),
      `Repay ${p.base.symbol} to Keel vault #${p.vaultId}`,
    ),
  ];
}
