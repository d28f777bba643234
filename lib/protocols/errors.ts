import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from "viem";
import { describeError, fillMessage } from "../tx/tx-errors";

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

/**
 * A protocol's refusal in words: the English `message`, and the key of its translation under `txErrors` in
 * messages/<locale>.json (`aave.<NAME>`, `morpho.<reason in camelCase>`, `general.protocolRefused`, or lib/tx-errors'
 * own) with its values. English lives here and in the protocols' tables, as for Keel's errors (lib/tx/tx-errors.ts).
 */
export interface ProtocolErrorText {
  message: string;
  key?: string;
  values?: Record<string, string | number | Date>;
}

/** A reason the protocol has no sentence for: named as it is. */
export const PROTOCOL_REFUSED = "{protocol} refused the transaction ({reason}).";

/**
 * A protocol's revert from its table (reason → [translation key under `txErrors`, English]), else the app's general
 * description of the error.
 */
export function explainWith(table: Record<string, readonly [key: string, message: string]>, error: unknown, protocol: string): ProtocolErrorText {
  const reason = revertReason(error);
  if (reason !== undefined) {
    const known = table[reason];
    if (known) return { key: known[0], message: known[1] };
    return {
      key: "general.protocolRefused",
      values: { protocol, reason },
      message: fillMessage(PROTOCOL_REFUSED, { protocol, reason }),
    };
  }
  const d = describeError(error);
  return { message: d.message, key: d.key, values: d.values };
}
