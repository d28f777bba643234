import { describeError } from "../../tx/tx-errors";
import type { ProtocolErrorText } from "../errors";

/**
 * A Keel revert in words, with its translation key: Keel's custom errors are decoded through the generated ABIs and
 * worded once, in lib/tx/tx-errors.ts (the table every Keel form already uses); this is that table seen through the
 * adapter interface.
 */
export function explainKeelError(error: unknown): ProtocolErrorText {
  const d = describeError(error);
  return { message: d.message, ...(d.key ? { key: d.key } : {}), ...(d.values ? { values: d.values } : {}) };
}

/** A Keel revert as a sentence. */
export function describeKeelError(error: unknown): string {
  return describeError(error).message;
}
