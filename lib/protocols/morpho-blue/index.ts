import { morphoBlueAbi } from "./abi";
import type { ProtocolAdapter } from "../types";
import { borrow, repay, supply, withdraw } from "./actions";
import { describeMorphoError, explainMorphoError } from "./errors";
import { liquidationPrices, maxBorrow, maxWithdraw, type MorphoPosition } from "./math";
import { sameAddress } from "../../config/address";

/** Morpho Blue behind the one adapter interface (lib/protocols/types.ts); one position per market. */
export const morphoBlueAdapter: ProtocolAdapter<MorphoPosition> = {
  protocol: "morpho-blue",
  abi: morphoBlueAbi,
  healthFactor: (p) => p.healthFactor,
  liquidationPrices: (p) => liquidationPrices(p.state),
  maxBorrow: (p, asset) => (sameAddress(asset, p.state.loanToken.address) ? maxBorrow(p.state) : 0n),
  maxWithdraw: (p, asset) => (sameAddress(asset, p.state.collateralToken.address) ? maxWithdraw(p.state) : 0n),
  supply,
  withdraw,
  borrow,
  repay,
  describeError: describeMorphoError,
  explainError: explainMorphoError,
};

export * from "./math";
export { morphoHoldsAnything, morphoReads, morphoStatesFrom, morphoBorrowRate, MORPHO_READS_PER_MARKET } from "./read";
export { describeMorphoError, explainMorphoError, MORPHO_MESSAGES } from "./errors";
