/** The contracts whose ABIs the app, scripts and agents use; `npm run abi` generates `generated.ts` from these. */
export const ABI_CONTRACTS = [
  "KeelOracle",
  "KeelMarket",
  "KeelRiskAdmin",
  "KeelRiskSteward",
  "KeelLens",
  "DevPriceFeed",
  "DevERC20",
  "ISwapAdapter",
  "UniswapV2Adapter",
  "KeelLeverageRouter",
  "KeelLiquidator",
  "KeelGuard",
  "IUniswapV2Factory",
  "IUniswapV2Pair",
  "DevRiskSeeder",
] as const;
