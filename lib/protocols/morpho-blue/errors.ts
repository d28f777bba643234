import { explainWith, type ProtocolErrorText } from "../errors";

/** Morpho Blue's revert strings (libraries/ErrorsLib.sol) a trader can run into, in words. */
export const MORPHO_MESSAGES: Record<string, string> = {
  "market not created": "This Morpho market does not exist.",
  "inconsistent input": "Give either an amount or shares, not both.",
  "zero assets": "The amount must be above zero.",
  "zero address": "An address is missing.",
  unauthorized: "Only the position's owner or an address it authorised on Morpho can do this.",
  "insufficient collateral": "This would leave the Morpho position above its liquidation LTV (unhealthy).",
  "insufficient liquidity": "The Morpho market does not have that much left to lend or withdraw right now.",
  "position is healthy": "This Morpho position is healthy: it cannot be liquidated.",
  "transfer reverted": "The token transfer failed.",
  "transfer returned false": "The token transfer failed.",
  "transferFrom reverted": "The token transfer failed: check your balance and the approval.",
  "transferFrom returned false": "The token transfer failed: check your balance and the approval.",
};

/** A revert string's translation key under `txErrors`: `morpho.` and the reason in camelCase ("insufficient collateral" → morpho.insufficientCollateral). */
export const morphoErrorKey = (reason: string) => `morpho.${reason.replace(/ (\w)/g, (_, c: string) => c.toUpperCase())}`;

const TABLE = Object.fromEntries(Object.entries(MORPHO_MESSAGES).map(([reason, text]) => [reason, [morphoErrorKey(reason), text] as const]));

/** A Morpho Blue revert in words, with its translation key. */
export function explainMorphoError(error: unknown): ProtocolErrorText {
  return explainWith(TABLE, error, "Morpho");
}

/** A Morpho Blue revert as a sentence. */
export function describeMorphoError(error: unknown): string {
  return explainMorphoError(error).message;
}
