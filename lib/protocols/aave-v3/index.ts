import { aavePoolAbi } from "./abi";
import type { ProtocolAdapter } from "../types";
import { borrow, repay, supply, withdraw } from "./actions";
import { describeAaveError, explainAaveError } from "./errors";
import { liquidationPrices, maxBorrow, maxWithdraw, type AavePosition } from "./math";

/** Aave v3 behind the one adapter interface (lib/protocols/types.ts). */
export const aaveV3Adapter: ProtocolAdapter<AavePosition> = {
  protocol: "aave-v3",
  abi: aavePoolAbi,
  healthFactor: (p) => p.healthFactor,
  liquidationPrices: (p) => liquidationPrices(p.state),
  maxBorrow: (p, asset) => maxBorrow(p.state, asset),
  maxWithdraw: (p, asset) => maxWithdraw(p.state, asset),
  supply,
  withdraw,
  borrow,
  repay,
  describeError: describeAaveError,
  explainError: explainAaveError,
};

export * from "./math";
export { aaveHoldsAnything, aaveReads, aaveStateFrom } from "./read";
export { describeAaveError, explainAaveError, AAVE_MESSAGES, AAVE_ERROR_NAMES } from "./errors";
