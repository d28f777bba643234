import { describeWith } from "../errors";

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

/** A Morpho Blue revert as a sentence. */
export function describeMorphoError(error: unknown): string {
  return describeWith(MORPHO_MESSAGES, error, "Morpho");
}
