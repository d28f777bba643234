/**
 * What the agents log when a call or a transaction fails: the contract's error decoded by name and arguments, never
 * the first line of viem's message (which for a revert is only "The contract function … reverted with the following
 * reason:", the reason itself on the lines after it).
 */
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from "viem";
import { keelErrorsAbi } from "../contracts-abi/call";
import { iSwapAdapterAbi, keelLiquidatorAbi } from "../contracts-abi";

/** A skipped or failing liquidation's revert data, decoded against the market's, the liquidator's and the adapter's errors. */
export function describeRevert(data: Hex): string {
  for (const abi of [keelErrorsAbi, keelLiquidatorAbi, iSwapAdapterAbi] as const) {
    try {
      const e = decodeErrorResult({ abi: abi as Abi, data });
      return `${e.errorName}(${(e.args ?? []).map(String).join(", ")})`;
    } catch {
      // not this ABI
    }
  }
  return data;
}

/** The revert data of a failed call ("0x" for a revert without data, e.g. out of gas), or undefined if it did not revert. */
export function revertData(e: unknown): Hex | undefined {
  if (!(e instanceof BaseError)) return undefined;
  const reverted = e.walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
  if (!reverted) return undefined;
  return reverted.raw ?? "0x";
}

/**
 * One line for a log: a revert as its decoded error (`NotLiquidatable(7, …)`: by the called contract's ABI when viem
 * decoded it, else by the market's, liquidator's and adapter's errors, else the raw data),
 * a revert without data as such, anything else (a node's refusal, a timeout) as viem's short message and details.
 */
export function describeError(e: unknown): string {
  const decoded =
    e instanceof BaseError ? (e.walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null)?.data : undefined;
  if (decoded) return `${decoded.errorName}(${(decoded.args ?? []).map(String).join(", ")})`; // decoded by the called contract's ABI
  const data = revertData(e);
  if (data === "0x") return "reverted without data (out of gas, or a bare revert)";
  if (data) return describeRevert(data);
  if (e instanceof BaseError) return e.details && e.details !== e.shortMessage ? `${e.shortMessage} (${e.details})` : e.shortMessage;
  return e instanceof Error ? e.message.split("\n")[0]! : String(e);
}

/**
 * Whether a liquidation's revert says the vault is no longer liquidatable for that asset — `NotLiquidatable`, or
 * `InsufficientCollateral` with a zero balance — the case KeelLiquidator skips rather than fails (a competitor, or the
 * keeper a scan ago, got it first).
 */
export function isGone(data: Hex | undefined): boolean {
  if (!data || data === "0x") return false;
  try {
    const e = decodeErrorResult({ abi: keelErrorsAbi as Abi, data });
    return e.errorName === "NotLiquidatable" || (e.errorName === "InsufficientCollateral" && (e.args as readonly unknown[])[2] === 0n);
  } catch {
    return false;
  }
}
