import { keelMarketAbi } from "../../../contracts-abi/abi/KeelMarket";
import type { ProtocolAdapter } from "../types";
import { borrow, repay, supply, withdraw } from "./actions";
import { describeKeelError, explainKeelError } from "./errors";
import { healthFactor, liquidationPrices, maxBorrow, maxWithdraw, type KeelPosition } from "./math";

/**
 * Keel's own markets behind the one adapter interface (lib/protocols/types.ts), on the engine's math
 * (lib/engine/risk.ts, which mirrors contracts/src/libraries/HealthLib.sol) and Keel's error table (lib/tx/tx-errors.ts).
 */
export const keelAdapter: ProtocolAdapter<KeelPosition> = {
  protocol: "keel",
  abi: keelMarketAbi,
  healthFactor,
  liquidationPrices,
  maxBorrow,
  maxWithdraw,
  supply,
  withdraw,
  borrow,
  repay,
  describeError: describeKeelError,
  explainError: explainKeelError,
};

export * from "./math";
export { approveCall, openVaultCall, repayAllAllowance, vaultActionCall, REPAY_ALL_MARGIN_BPS, type MarketCall } from "./actions";
export { describeKeelError, explainKeelError } from "./errors";
