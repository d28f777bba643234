import type { Abi } from "viem";
import {
  iGuardAdapterAbi,
  iSwapAdapterAbi,
  keelAutomationAbi,
  keelLeverageRouterAbi,
  keelMarketAbi,
  keelMarketModuleAbi,
  keelOracleAbi,
  keelRiskAdminAbi,
} from "./generated";

export * from "./generated";

/** `items`' errors whose names are not already in `seen` (errors are decoded by selector; one entry per name). */
const newErrors = (seen: Abi, items: Abi) =>
  items.filter((x) => x.type === "error" && !seen.some((m) => m.type === "error" && m.name === x.name));

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
const marketAndOracleErrors = [
  ...keelMarketFullAbi.filter((x) => x.type === "error"),
  ...newErrors(keelMarketFullAbi, keelOracleAbi),
] as Abi;
const routerErrors = newErrors(marketAndOracleErrors, keelLeverageRouterAbi);
const periphery = [...routerErrors, ...newErrors([...marketAndOracleErrors, ...routerErrors], keelRiskAdminAbi)] as Abi;
const withSwap = [...marketAndOracleErrors, ...periphery, ...newErrors([...marketAndOracleErrors, ...periphery], iSwapAdapterAbi)] as Abi;
const automationErrors = newErrors(withSwap, keelAutomationAbi);
export const keelErrorsAbi = [
  ...withSwap,
  ...automationErrors,
  ...newErrors([...withSwap, ...automationErrors], iGuardAdapterAbi),
] as const satisfies Abi;

/** KeelAutomation's ABI plus every error an execution or a rule change can bubble up (adapters, protocols' swap). */
export const keelAutomationCallAbi = [...keelAutomationAbi, ...newErrors(keelAutomationAbi, keelErrorsAbi)] as const satisfies Abi;

/**
 * The market's ABI plus the oracle's errors a market call can bubble up (StalePrice, PriceOutOfBounds…): pass it to
 * writes and simulations on a market so a revert from the price check is decoded by name too.
 */
export const keelMarketCallAbi = [
  ...keelMarketFullAbi,
  ...keelErrorsAbi.filter((e) => !keelMarketFullAbi.some((m) => m.type === "error" && "name" in m && "name" in e && m.name === e.name)),
] as const satisfies Abi;

/**
 * The leverage router's ABI plus every error a router call can bubble up — the market's (ExceedsLtv…), the oracle's
 * and the swap adapter's (SlippageExceeded…) — for its writes and simulations.
 */
export const keelRouterCallAbi = [...keelLeverageRouterAbi, ...newErrors(keelLeverageRouterAbi, keelErrorsAbi)] as const satisfies Abi;
