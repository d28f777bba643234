import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from "viem";
import { describeError } from "../tx-errors";

/**
 * The revert reason string of a failed call or transaction (Aave and Morpho Blue revert with `Error(string)`),
 * from a viem error or raw revert data; undefined when there is none.
 */
export function revertReason(error: unknown): string | undefined {
  if (typeof error === "string" && error.startsWith("0x")) {
    try {
      const d = decodeErrorResult({ abi: [{ type: "error", name: "Error", inputs: [{ name: "reason", type: "string" }] }], data: error as Hex });
      return String(d.args[0]);
    } catch {
      return undefined;
    }
  }
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) return revert.reason ?? undefined;
    const data = (error.walk((e) => typeof (e as { data?: unknown }).data === "string") as { data?: string } | null)?.data;
    if (data?.startsWith("0x08c379a0")) return revertReason(data);
  }
  return undefined;
}

/** A protocol's revert as a sentence from its table, else the app's general description of the error. */
export function describeWith(table: Record<string, string>, error: unknown, protocol: string): string {
  const reason = revertReason(error);
  if (reason !== undefined) return table[reason] ?? `${protocol} refused the transaction (${reason}).`;
  return describeError(error).message;
}
