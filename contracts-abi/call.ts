/**
 * Every Keel error, and the ABIs that write with them: a contract's ABI plus the errors its calls can bubble up. Apart
 * from contracts-abi/index.ts (the generated ABIs alone) because it reads thirteen ABIs when it loads: a page that only
 * reads (the lens) does not load them.
 */
import type { Abi } from "viem";
import { aaveLeverageRouterAbi } from "./abi/AaveLeverageRouter";
import { collateralGatewayAbi } from "./abi/CollateralGateway";
import { collateralOutpostAbi } from "./abi/CollateralOutpost";
import { iGuardAdapterAbi } from "./abi/IGuardAdapter";
import { iSwapAdapterAbi } from "./abi/ISwapAdapter";
import { keelAutomationAbi } from "./abi/KeelAutomation";
import { keelLenderVaultAbi } from "./abi/KeelLenderVault";
import { keelLeverageRouterAbi } from "./abi/KeelLeverageRouter";
import { keelMarketAbi } from "./abi/KeelMarket";
import { keelOracleAbi } from "./abi/KeelOracle";
import { keelPrivatePoolAbi } from "./abi/KeelPrivatePool";
import { keelReputationAbi } from "./abi/KeelReputation";
import { keelRiskAdminAbi } from "./abi/KeelRiskAdmin";
import { keelRiskStewardAbi } from "./abi/KeelRiskSteward";
import { morphoLeverageRouterAbi } from "./abi/MorphoLeverageRouter";

/** `items`' errors whose names are not already in `seen` (errors are decoded by selector; one entry per name). */
const newErrors = (seen: Abi, items: Abi) => items.filter((x) => x.type === "error" && !seen.some((m) => m.type === "error" && m.name === x.name));

/** The errors of `abis`, one entry per name: the first ABI that declares a name gives its entry. */
const errorsOf = (...abis: Abi[]): Abi => {
  // One pass with a set of names (a findIndex per item was ~1M comparisons over the 13 ABIs, on every page that imports this).
  const names = new Set<string>();
  return abis.flat().filter((x) => x.type === "error" && !names.has(x.name) && Boolean(names.add(x.name)));
};

/**
 * Every custom error any Keel contract can revert with (for decoding a failed simulation or transaction): each
 * contract's generated ABI as the build wrote it, the market's first (its `IKeelMarket` declares every error a market
 * call raises), then its lender vault's (OpenZeppelin's ERC-4626 and ERC-20 errors) and the oracle's, which a market call
 * can bubble up.
 */
export const keelErrorsAbi = errorsOf(
  keelMarketAbi,
  keelLenderVaultAbi,
  keelOracleAbi,
  keelLeverageRouterAbi,
  keelRiskAdminAbi,
  keelRiskStewardAbi,
  aaveLeverageRouterAbi,
  morphoLeverageRouterAbi,
  iSwapAdapterAbi,
  keelAutomationAbi,
  iGuardAdapterAbi,
  keelReputationAbi,
  keelPrivatePoolAbi,
);

/**
 * `abi` plus every Keel error its calls can bubble up that it does not declare itself: pass it to writes and
 * simulations so a revert from deeper down (the market's, the oracle's StalePrice…) is decoded by name too.
 */
export const withKeelErrors = <const T extends Abi>(abi: T) => [...abi, ...newErrors(abi, keelErrorsAbi)] as const;

/** The market's ABI plus the oracle's errors a market call can bubble up (StalePrice, PriceOutOfBounds…). */
export const keelMarketCallAbi = withKeelErrors(keelMarketAbi);

/**
 * A market's lender vault (KeelLenderVault, ERC-4626) plus the market's errors its deposits and withdrawals can bubble
 * up (InsufficientLiquidity…).
 */
export const keelLenderVaultCallAbi = withKeelErrors(keelLenderVaultAbi);

/** The private pool's ABI plus every error its calls can bubble up (the market's, the oracle's StalePrice…). */
export const keelPrivatePoolCallAbi = withKeelErrors(keelPrivatePoolAbi);

/** KeelAutomation's ABI plus every error an execution or a rule change can bubble up (adapters, protocols' swap). */
export const keelAutomationCallAbi = withKeelErrors(keelAutomationAbi);

/**
 * The leverage router's ABI plus every error a router call can bubble up — the market's (ExceedsLtv…), the oracle's
 * and the swap adapter's (SlippageExceeded…) — for its writes and simulations.
 */
export const keelRouterCallAbi = withKeelErrors(keelLeverageRouterAbi);

/**
 * The Aave v3 and Morpho Blue leverage routers' ABIs plus every Keel-side error a call can bubble up (the swap
 * adapter's SlippageExceeded…); the protocols' own reverts (Aave's numeric codes, Morpho's strings) are decoded by
 * lib/protocols' describeError.
 */
export const aaveRouterCallAbi = withKeelErrors(aaveLeverageRouterAbi);
export const morphoRouterCallAbi = withKeelErrors(morphoLeverageRouterAbi);

/**
 * The cross-chain routers' ABIs (contracts/src/crosschain) plus every Keel error a call can bubble up (a gateway
 * withdrawal runs the market's LTV check: ExceedsLtv…), for their writes and simulations.
 */
export const collateralGatewayCallAbi = withKeelErrors(collateralGatewayAbi);
export const collateralOutpostCallAbi = withKeelErrors(collateralOutpostAbi);
