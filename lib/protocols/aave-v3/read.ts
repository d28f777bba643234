import type { Address } from "viem";
import type { AaveV3Deployment } from "../../config/deployment";
import type { ContractRead } from "../read";
import { uiPoolDataProviderV3Abi } from "./abi";
import type { AaveAccountState } from "./math";

type ReservesData = readonly [readonly Record<string, unknown>[], { marketReferenceCurrencyUnit: bigint }];
type UserData = readonly [readonly Record<string, unknown>[], number];

/**
 * The reads for one account on one Aave pool: UiPoolDataProviderV3's reserves and the account's reserves (two
 * calls, batched with every other protocol's into one eth_call by ../read.ts).
 */
export function aaveReads(aave: AaveV3Deployment, owner: Address): ContractRead[] {
  return [
    { address: aave.uiPoolDataProvider, abi: uiPoolDataProviderV3Abi, functionName: "getReservesData", args: [aave.poolAddressesProvider] },
    {
      address: aave.uiPoolDataProvider,
      abi: uiPoolDataProviderV3Abi,
      functionName: "getUserReservesData",
      args: [aave.poolAddressesProvider, owner],
    },
  ];
}

/**
 * Decodes aaveReads' results into the account state (null when the account has nothing on this pool, unless
 * `includeEmpty`: a page that opens a first position needs the pool's reserves all the same).
 */
export function aaveStateFrom(
  results: readonly unknown[],
  ctx: { chainId: number; aave: AaveV3Deployment; owner: Address; timestamp: bigint; includeEmpty?: boolean },
): AaveAccountState | null {
  const [reservesData, base] = results[0] as ReservesData;
  const [userReserves, eModeCategory] = results[1] as UserData;
  const byAsset = new Map(userReserves.map((u) => [String(u.underlyingAsset).toLowerCase(), u]));
  const unit = base.marketReferenceCurrencyUnit;
  const decimals = unit.toString().length - 1;
  const reserves = reservesData.map((r) => ({
    token: { address: r.underlyingAsset as Address, symbol: String(r.symbol), decimals: Number(r.decimals) },
    aToken: r.aTokenAddress as Address,
    variableDebtToken: r.variableDebtTokenAddress as Address,
    stableDebtToken: r.stableDebtTokenAddress as Address,
    price: r.priceInMarketReferenceCurrency as bigint,
    ltv: r.baseLTVasCollateral as bigint,
    liquidationThreshold: r.reserveLiquidationThreshold as bigint,
    liquidationBonus: r.reserveLiquidationBonus as bigint,
    reserveFactor: r.reserveFactor as bigint,
    usageAsCollateralEnabled: Boolean(r.usageAsCollateralEnabled),
    borrowingEnabled: Boolean(r.borrowingEnabled),
    isActive: Boolean(r.isActive),
    isFrozen: Boolean(r.isFrozen),
    isPaused: Boolean(r.isPaused),
    isSiloedBorrowing: Boolean(r.isSiloedBorrowing),
    borrowableInIsolation: Boolean(r.borrowableInIsolation),
    liquidityIndex: r.liquidityIndex as bigint,
    variableBorrowIndex: r.variableBorrowIndex as bigint,
    liquidityRate: r.liquidityRate as bigint,
    variableBorrowRate: r.variableBorrowRate as bigint,
    lastUpdateTimestamp: BigInt(r.lastUpdateTimestamp as number),
    availableLiquidity: r.availableLiquidity as bigint,
    totalScaledVariableDebt: r.totalScaledVariableDebt as bigint,
    totalPrincipalStableDebt: r.totalPrincipalStableDebt as bigint,
    averageStableRate: r.averageStableRate as bigint,
    stableDebtLastUpdateTimestamp: r.stableDebtLastUpdateTimestamp as bigint,
    borrowCap: r.borrowCap as bigint,
    supplyCap: r.supplyCap as bigint,
    debtCeiling: r.debtCeiling as bigint,
    isolationModeTotalDebt: r.isolationModeTotalDebt as bigint,
    eModeCategoryId: Number(r.eModeCategoryId),
    eModeLtv: BigInt(r.eModeLtv as number),
    eModeLiquidationThreshold: BigInt(r.eModeLiquidationThreshold as number),
    eModePriceSource: r.eModePriceSource as Address,
  }));
  const user = reserves.map((r) => {
    const u = byAsset.get(r.token.address.toLowerCase());
    return {
      scaledATokenBalance: (u?.scaledATokenBalance as bigint) ?? 0n,
      usageAsCollateralEnabledOnUser: Boolean(u?.usageAsCollateralEnabledOnUser),
      scaledVariableDebt: (u?.scaledVariableDebt as bigint) ?? 0n,
      principalStableDebt: (u?.principalStableDebt as bigint) ?? 0n,
      stableBorrowRate: (u?.stableBorrowRate as bigint) ?? 0n,
      stableBorrowLastUpdateTimestamp: (u?.stableBorrowLastUpdateTimestamp as bigint) ?? 0n,
    };
  });
  const state: AaveAccountState = {
    chainId: ctx.chainId,
    pool: ctx.aave.pool,
    owner: ctx.owner,
    timestamp: ctx.timestamp,
    reserves,
    user,
    eModeCategory: Number(eModeCategory),
    baseCurrency: { symbol: decimals === 8 ? "USD" : "base", decimals },
  };
  return ctx.includeEmpty || aaveHoldsAnything(state) ? state : null;
}

/** Whether the account supplies or borrows anything on the pool. */
export function aaveHoldsAnything(s: Pick<AaveAccountState, "user">): boolean {
  return s.user.some((u) => u.scaledATokenBalance > 0n || u.scaledVariableDebt > 0n || u.principalStableDebt > 0n);
}
