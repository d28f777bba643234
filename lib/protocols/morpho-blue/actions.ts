import { encodeFunctionData, erc20Abi, type Address } from "viem";
import type { TxRequest } from "../types";
import { morphoBlueAbi } from "./abi";
import { debtAfter, maxWithdraw, type MorphoPosition } from "./math";
import { sameAddress } from "../../config/address";
import { ActionRefused, amountZero } from "../refusals";

const approve = (token: Address, spender: Address, amount: bigint, symbol: string): TxRequest => ({
  to: token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [spender, amount] }),
  description: `Approve exactly ${amount} units of ${symbol} for Morpho`,
});
const positive = (amount: bigint) => {
  if (amount <= 0n) throw amountZero();
};
function expect(p: MorphoPosition, asset: Address, side: "collateral" | "loan") {
  const token = side === "collateral" ? p.state.collateralToken : p.state.loanToken;
  if (!sameAddress(asset, token.address))
    throw new ActionRefused(side === "collateral" ? "notCollateral" : "notBorrowable", { protocol: "Morpho Blue", asset, symbol: token.symbol });
  return token;
}
const call = (
  p: MorphoPosition,
  functionName: "supplyCollateral" | "withdrawCollateral" | "borrow" | "repay",
  args: readonly unknown[],
  description: string,
): TxRequest => ({
  to: p.state.morpho,
  data: encodeFunctionData({ abi: morphoBlueAbi, functionName, args } as Parameters<typeof encodeFunctionData>[0]),
  description,
});

/** Add collateral: an exact approval, then Morpho.supplyCollateral for the owner. */
export function supply(p: MorphoPosition, asset: Address, amount: bigint): TxRequest[] {
  const t = expect(p, asset, "collateral");
  positive(amount);
  return [
    approve(asset, p.state.morpho, amount, t.symbol),
    call(p, "supplyCollateral", [p.state.params, amount, p.owner, "0x"], `Supply ${t.symbol} collateral to Morpho`),
  ];
}

/** Withdraw collateral to the owner; "max" is the largest amount Morpho accepts now (Morpho has no max sentinel). */
export function withdraw(p: MorphoPosition, asset: Address, amount: bigint | "max"): TxRequest[] {
  const t = expect(p, asset, "collateral");
  const units = amount === "max" ? maxWithdraw(p.state) : amount;
  if (amount === "max" && units === 0n) throw new ActionRefused("nothingToWithdraw", { protocol: "Morpho Blue" });
  positive(units);
  return [call(p, "withdrawCollateral", [p.state.params, units, p.owner, p.owner], `Withdraw ${t.symbol} collateral from Morpho`)];
}

/** Borrow loan tokens to the owner. */
export function borrow(p: MorphoPosition, asset: Address, amount: bigint): TxRequest[] {
  const t = expect(p, asset, "loan");
  positive(amount);
  return [call(p, "borrow", [p.state.params, amount, 0n, p.owner, p.owner], `Borrow ${t.symbol} from Morpho`)];
}

/**
 * Repay. "max" (or any amount at least the debt) repays by shares — all of them, so no dust is left — approving the
 * debt as it will be `slackSeconds` from now; otherwise repays exactly `amount` of assets.
 */
export function repay(p: MorphoPosition, asset: Address, amount: bigint | "max", slackSeconds = 3600n): TxRequest[] {
  const t = expect(p, asset, "loan");
  const shares = p.state.position.borrowShares;
  if (shares === 0n) throw new ActionRefused("noDebt", { protocol: "Morpho Blue", symbol: t.symbol });
  const debtNow = p.debts[0]?.amount ?? 0n;
  if (amount === "max" || amount >= debtNow) {
    const owed = debtAfter(p.state, slackSeconds);
    return [
      approve(asset, p.state.morpho, owed, t.symbol),
      call(p, "repay", [p.state.params, 0n, shares, p.owner, "0x"], `Repay all ${t.symbol} debt on Morpho`),
    ];
  }
  positive(amount);
  return [
    approve(asset, p.state.morpho, amount, t.symbol),
    call(p, "repay", [p.state.params, amount, 0n, p.owner, "0x"], `Repay ${t.symbol} on Morpho`),
  ];
}
