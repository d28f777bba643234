/** The contracts whose ABIs the app, scripts and agents use; `npm run abi` generates `generated.ts` from these. */
export const ABI_CONTRACTS = ["KeelOracle", "KeelMarket", "KeelMarketModule", "KeelLens", "DevPriceFeed", "DevERC20", "DevRiskSeeder"] as const;
