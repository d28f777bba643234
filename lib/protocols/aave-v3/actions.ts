import { encodeFunctionData, erc20Abi, type Address } from "viem";
import { MAX_UINT256 } from "../../engine/math";
import type { TxRequest } from "../types";
import { aavePoolAbi } from "./abi";
import { debtAfter, maxWithdraw, reserveIndex, supplied, type AavePosition } from "./math";
import { ActionRefused, amountZero } from "../refusals";

/** Aave's variable interest-rate mode (stable borrowing is off on every current market). */
const VARIABLE = 2n;
const approve = (token: Address, spender: Address, amount: bigint, symbol: string): TxRequest => ({
  to: token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [spender, amount] }),
  description: `Approve exactly ${amount} units of ${symbol} for the Aave pool`,
});
const symbolOf = (p: AavePosition, asset: Address) => p.state.reserves[reserveIndex(p.state, asset)]!.token.symbol;
const positive = (amount: bigint) => {
  if (amount <= 0n) throw amountZero();
};

/** Supply `amount` of `asset` for the position's owner: an exact approval, then Pool.supply. */
export function supply(p: AavePosition, asset: Address, amount: bigint): TxRequest[] {
  positive(amount);
  return [
    approve(asset, p.state.pool, amount, symbolOf(p, asset)),
    {
      to: p.state.pool,
      data: encodeFunctionData({ abi: aavePoolAbi, functionName: "supply", args: [asset, amount, p.owner, 0] }),
      description: `Supply ${symbolOf(p, asset)} to Aave`,
    },
  ];
}

/**
 * Withdraw `amount` of `asset` to the owner. "max" withdraws everything with `type(uint256).max` when the whole balance
 * may leave (so interest accrued until inclusion comes too), else the largest amount the pool accepts now.
 */
export function withdraw(p: AavePosition, asset: Address, amount: bigint | "max"): TxRequest[] {
  let units: bigint;
  if (amount === "max") {
    const all = supplied(p.state, reserveIndex(p.state, asset));
    const max = maxWithdraw(p.state, asset);
    if (max === 0n) throw new ActionRefused("nothingToWithdraw", { protocol: "Aave v3" });
    units = max === all ? MAX_UINT256 : max;
  } else {
    positive(amount);
    units = amount;
  }
  return [
    {
      to: p.state.pool,
      data: encodeFunctionData({ abi: aavePoolAbi, functionName: "withdraw", args: [asset, units, p.owner] }),
      description: `Withdraw ${symbolOf(p, asset)} from Aave`,
    },
  ];
}

/** Borrow `amount` of `asset` at the variable rate, to the owner. */
export function borrow(p: AavePosition, asset: Address, amount: bigint): TxRequest[] {
  positive(amount);
  return [
    {
      to: p.state.pool,
      data: encodeFunctionData({ abi: aavePoolAbi, functionName: "borrow", args: [asset, amount, VARIABLE, 0, p.owner] }),
      description: `Borrow ${symbolOf(p, asset)} from Aave`,
    },
  ];
}

/**
 * Repay `amount` of `asset`'s variable debt. "max" repays it all with `type(uint256).max` (Aave repays exactly the
 * debt at inclusion) and approves the debt as it will be `slackSeconds` from now.
 */
export function repay(p: AavePosition, asset: Address, amount: bigint | "max", slackSeconds = 3600n): TxRequest[] {
  const symbol = symbolOf(p, asset);
  if (amount === "max") {
    const owed = debtAfter(p.state, asset, slackSeconds);
    if (owed === 0n) throw new ActionRefused("noDebt", { protocol: "Aave v3", symbol });
    return [
      approve(asset, p.state.pool, owed, symbol),
      {
        to: p.state.pool,
        data: encodeFunctionData({ abi: aavePoolAbi, functionName: "repay", args: [asset, MAX_UINT256, VARIABLE, p.owner] }),
        description: `Repay all ${symbol} debt on Aave`,
      },
    ];
  }
  positive(amount);
  return [
    approve(asset, p.state.pool, amount, symbol),
    {
      to: p.state.pool,
      data: encodeFunctionData({ abi: aavePoolAbi, functionName: "repay", args: [asset, amount, VARIABLE, p.owner] }),
      description: `Repay ${symbol} on Aave`,
    },
  ];
}
