/**
 * Every generated ABI (`npm run abi`: one file per contract in contracts-abi/abi/), for agents, scripts and tests. App
 * code imports the contract's own file (`@/contracts-abi/abi/KeelLens`) so a page loads only the ABIs it uses; the
 * write-side ABIs with every Keel error are contracts-abi/call.ts's.
 */
export * from "./abi/AaveLeverageRouter";
export * from "./abi/AaveV3GuardAdapter";
export * from "./abi/ClaimToken";
export * from "./abi/CollateralGateway";
export * from "./abi/CollateralOutpost";
export * from "./abi/DevERC20";
export * from "./abi/DevPriceFeed";
export * from "./abi/DevRiskSeeder";
export * from "./abi/IEAS";
export * from "./abi/IGuardAavePool";
export * from "./abi/IGuardAdapter";
export * from "./abi/IGuardCreditDelegation";
export * from "./abi/IGuardMorpho";
export * from "./abi/ISwapAdapter";
export * from "./abi/IUniswapV2Factory";
export * from "./abi/IUniswapV2Pair";
export * from "./abi/KeelAutomation";
export * from "./abi/KeelGuard";
export * from "./abi/KeelGuardAdapter";
export * from "./abi/KeelLenderVault";
export * from "./abi/KeelLens";
export * from "./abi/KeelLeverageRouter";
export * from "./abi/KeelLiquidator";
export * from "./abi/KeelMarket";
export * from "./abi/KeelOracle";
export * from "./abi/KeelPrivatePool";
export * from "./abi/KeelReputation";
export * from "./abi/KeelRiskAdmin";
export * from "./abi/KeelRiskSteward";
export * from "./abi/MorphoBlueGuardAdapter";
export * from "./abi/MorphoLeverageRouter";
export * from "./abi/PrivateVaultVerifier";
export * from "./abi/UniswapV2Adapter";
