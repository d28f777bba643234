import type { Abi } from "viem";
import { devErc20Abi, devPriceFeedAbi, keelLensAbi, keelMarketAbi, keelMarketModuleAbi, keelOracleAbi } from "./generated";

export { devErc20Abi, devPriceFeedAbi, keelLensAbi, keelMarketAbi, keelMarketModuleAbi, keelOracleAbi };

/**
 * A market's full interface: KeelMarket runs liquidation and risk administration in its KeelMarketModule by
 * delegatecall, so the module's events and errors are the market's too. Use this ABI to decode a market's errors and
 * read its logs.
 */
export const keelMarketFullAbi = [
  ...keelMarketAbi,
  ...keelMarketModuleAbi.filter(
    (item) =>
      (item.type === "event" || item.type === "error") &&
      !keelMarketAbi.some((m) => m.type === item.type && "name" in m && m.name === item.name),
  ),
] as const satisfies Abi;

/** Every custom error any Keel contract can revert with (for decoding a failed simulation or transaction). */
export const keelErrorsAbi = [
  ...keelMarketFullAbi.filter((x) => x.type === "error"),
  ...keelOracleAbi.filter((x) => x.type === "error" && !keelMarketFullAbi.some((m) => m.type === "error" && m.name === x.name)),
] as const satisfies Abi;

/**
 * The market's ABI plus the oracle's errors a market call can bubble up (StalePrice, PriceOutOfBounds…): pass it to
 * writes and simulations on a market so a revert from the price check is decoded by name too.
 */
export const keelMarketCallAbi = [
  ...keelMarketFullAbi,
  ...keelErrorsAbi.filter((e) => !keelMarketFullAbi.some((m) => m.type === "error" && "name" in m && "name" in e && m.name === e.name)),
] as const satisfies Abi;
