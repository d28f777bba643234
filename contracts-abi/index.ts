import type { Abi } from "viem";
import {
  aaveLeverageRouterAbi,
  collateralGatewayAbi,
  collateralOutpostAbi,
  iGuardAdapterAbi,
  iSwapAdapterAbi,
  keelAutomationAbi,
  keelLenderVaultAbi,
  keelLeverageRouterAbi,
  keelMarketAbi,
  keelOracleAbi,
  keelPrivatePoolAbi,
  keelReputationAbi,
  keelRiskAdminAbi,
  keelRiskStewardAbi,
  morphoLeverageRouterAbi,
} from "./generated";

export * from "./generated";

/** `items`' errors whose names are not already in `seen` (errors are decoded by selector; one entry per name). */
const newErrors = (seen: Abi, items: Abi) => items.filter((x) => x.type === "error" && !seen.some((m) => m.type === "error" && m.name === x.name));

/** Every custom error any Keel contract can revert with (for decoding a failed simulation or transaction). */
const marketAndOracleErrors = [...keelMarketAbi.filter((x) => x.type === "error"), ...newErrors(keelMarketAbi, keelOracleAbi)] as Abi;
const routerErrors = newErrors(marketAndOracleErrors, keelLeverageRouterAbi);
const adminErrors = newErrors([...marketAndOracleErrors, ...routerErrors], keelRiskAdminAbi);
const keelPeriphery = [
  ...routerErrors,
  ...adminErrors,
  ...newErrors([...marketAndOracleErrors, ...routerErrors, ...adminErrors], keelRiskStewardAbi),
] as Abi;
const protocolRouters = [...aaveLeverageRouterAbi, ...morphoLeverageRouterAbi] as Abi;
const periphery = [...keelPeriphery, ...newErrors([...marketAndOracleErrors, ...keelPeriphery], protocolRouters)].filter(
  (x, i, all) => x.type !== "error" || all.findIndex((y) => y.type === "error" && y.name === x.name) === i,
) as Abi;
const withSwap = [...marketAndOracleErrors, ...periphery, ...newErrors([...marketAndOracleErrors, ...periphery], iSwapAdapterAbi)] as Abi;
const automationErrors = newErrors(withSwap, keelAutomationAbi);
const guardErrors = newErrors([...withSwap, ...automationErrors], iGuardAdapterAbi);
const reputationErrors = newErrors([...withSwap, ...automationErrors, ...guardErrors], keelReputationAbi);
const poolErrors = newErrors([...withSwap, ...automationErrors, ...guardErrors, ...reputationErrors], keelPrivatePoolAbi);
export const keelErrorsAbi = [
  ...withSwap,
  ...automationErrors,
  ...guardErrors,
  ...reputationErrors,
  ...poolErrors,
  ...newErrors([...withSwap, ...automationErrors, ...guardErrors, ...reputationErrors, ...poolErrors], keelLenderVaultAbi),
] as const satisfies Abi;

/** The private pool's ABI plus every error its calls can bubble up (the market's, the oracle's StalePrice…). */
export const keelPrivatePoolCallAbi = [...keelPrivatePoolAbi, ...newErrors(keelPrivatePoolAbi, keelErrorsAbi)] as const satisfies Abi;

/** KeelAutomation's ABI plus every error an execution or a rule change can bubble up (adapters, protocols' swap). */
export const keelAutomationCallAbi = [...keelAutomationAbi, ...newErrors(keelAutomationAbi, keelErrorsAbi)] as const satisfies Abi;

/**
 * The market's ABI plus the oracle's errors a market call can bubble up (StalePrice, PriceOutOfBounds…): pass it to
 * writes and simulations on a market so a revert from the price check is decoded by name too.
 */
export const keelMarketCallAbi = [
  ...keelMarketAbi,
  ...keelErrorsAbi.filter((e) => !keelMarketAbi.some((m) => m.type === "error" && "name" in m && "name" in e && m.name === e.name)),
] as const satisfies Abi;

/**
 * The lender vault's ABI (ERC-4626) plus every error a call can bubble up from its market (InsufficientLiquidity,
 * TransferAmountMismatch…), for its writes and simulations.
 */
export const keelLenderVaultCallAbi = [...keelLenderVaultAbi, ...newErrors(keelLenderVaultAbi, keelErrorsAbi)] as const satisfies Abi;

/**
 * The leverage router's ABI plus every error a router call can bubble up — the market's (ExceedsLtv…), the oracle's
 * and the swap adapter's (SlippageExceeded…) — for its writes and simulations.
 */
export const keelRouterCallAbi = [...keelLeverageRouterAbi, ...newErrors(keelLeverageRouterAbi, keelErrorsAbi)] as const satisfies Abi;

/**
 * The Aave v3 and Morpho Blue leverage routers' ABIs plus every Keel-side error a call can bubble up (the swap
 * adapter's SlippageExceeded…); the protocols' own reverts (Aave's numeric codes, Morpho's strings) are decoded by
 * lib/protocols' describeError.
 */
export const aaveRouterCallAbi = [...aaveLeverageRouterAbi, ...newErrors(aaveLeverageRouterAbi, keelErrorsAbi)] as const satisfies Abi;
export const morphoRouterCallAbi = [...morphoLeverageRouterAbi, ...newErrors(morphoLeverageRouterAbi, keelErrorsAbi)] as const satisfies Abi;

/**
 * The cross-chain routers' ABIs (contracts/src/crosschain) plus every Keel error a call can bubble up (a gateway
 * withdrawal runs the market's LTV check: ExceedsLtv…), for their writes and simulations.
 */
export const collateralGatewayCallAbi = [...collateralGatewayAbi, ...newErrors(collateralGatewayAbi, keelErrorsAbi)] as const satisfies Abi;
export const collateralOutpostCallAbi = [...collateralOutpostAbi, ...newErrors(collateralOutpostAbi, keelErrorsAbi)] as const satisfies Abi;
