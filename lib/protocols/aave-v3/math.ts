import type { Address } from "viem";
import { largestPassing } from "../largest-passing";
import { percentDiv, percentMul, RAY, rayDiv, rayMul, wadDiv } from "./wad-ray-math";
import { MAX_UINT256, WAD } from "../../engine/math";
import type { LiquidationPrice, Position, PositionToken } from "../types";
import { sameAddress } from "../../config/address";

/**
 * Aave v3 (3.0) account math, mirroring the pool's own libraries with their rounding: ReserveLogic's normalized
 * income and debt (MathUtils' linear and three-term compounded interest), GenericLogic.calculateUserAccountData,
 * ValidationLogic.validateBorrow and validateHFAndLtv, SupplyLogic.executeWithdraw. Pure functions on bigint.
 */

export const SECONDS_PER_YEAR = 31_536_000n;
/** Aave's `HEALTH_FACTOR_LIQUIDATION_THRESHOLD`. */
export const HEALTH_FACTOR_LIQUIDATION_THRESHOLD = WAD;
/** Isolation-mode debt is counted with 2 decimals (ReserveConfiguration.DEBT_CEILING_DECIMALS). */
export const DEBT_CEILING_DECIMALS = 2n;

/** One reserve of the pool, as UiPoolDataProviderV3 reports it (rates and indexes in ray, LTV/LT/bonus in bps). */
export interface AaveReserve {
  token: PositionToken;
  aToken: Address;
  variableDebtToken: Address;
  stableDebtToken: Address;
  /** AaveOracle price in the market's base currency. */
  price: bigint;
  ltv: bigint;
  liquidationThreshold: bigint;
  liquidationBonus: bigint;
  reserveFactor: bigint;
  usageAsCollateralEnabled: boolean;
  borrowingEnabled: boolean;
  isActive: boolean;
  isFrozen: boolean;
  isPaused: boolean;
  isSiloedBorrowing: boolean;
  borrowableInIsolation: boolean;
  liquidityIndex: bigint;
  variableBorrowIndex: bigint;
  liquidityRate: bigint;
  variableBorrowRate: bigint;
  lastUpdateTimestamp: bigint;
  /** Underlying held by the aToken: the most anyone can borrow or withdraw now. */
  availableLiquidity: bigint;
  totalScaledVariableDebt: bigint;
  totalPrincipalStableDebt: bigint;
  averageStableRate: bigint;
  stableDebtLastUpdateTimestamp: bigint;
  /** Whole tokens; 0 = no cap. */
  borrowCap: bigint;
  supplyCap: bigint;
  /** Isolation mode: a non-zero ceiling makes this collateral isolated (units of DEBT_CEILING_DECIMALS). */
  debtCeiling: bigint;
  isolationModeTotalDebt: bigint;
  eModeCategoryId: number;
  /** The parameters of this reserve's e-mode category (bps) and its price source (zero: the asset's own price). */
  eModeLtv: bigint;
  eModeLiquidationThreshold: bigint;
  eModePriceSource: Address;
}

/** The account's side of one reserve. */
export interface AaveUserReserve {
  scaledATokenBalance: bigint;
  usageAsCollateralEnabledOnUser: boolean;
  scaledVariableDebt: bigint;
  principalStableDebt: bigint;
  stableBorrowRate: bigint;
  stableBorrowLastUpdateTimestamp: bigint;
}

/** Everything the math needs for one account on one pool, at one block. `user[i]` belongs to `reserves[i]`. */
export interface AaveAccountState {
  chainId: number;
  pool: Address;
  owner: Address;
  timestamp: bigint;
  reserves: AaveReserve[];
  user: AaveUserReserve[];
  eModeCategory: number;
  /** The base currency (USD with 8 decimals on Aave v3's USD markets). */
  baseCurrency: { symbol: string; decimals: number };
}

/** MathUtils.calculateLinearInterest. */
export function linearInterest(rate: bigint, last: bigint, now: bigint): bigint {
  return RAY + (rate * (now - last)) / SECONDS_PER_YEAR;
}

/** MathUtils.calculateCompoundedInterest: the binomial expansion to the third term, as the pool rounds it. */
export function compoundedInterest(rate: bigint, last: bigint, now: bigint): bigint {
  const exp = now - last;
  if (exp === 0n) return RAY;
  const expMinusOne = exp - 1n;
  const expMinusTwo = exp > 2n ? exp - 2n : 0n;
  const basePowerTwo = rayMul(rate, rate) / (SECONDS_PER_YEAR * SECONDS_PER_YEAR);
  const basePowerThree = rayMul(basePowerTwo, rate) / SECONDS_PER_YEAR;
  const secondTerm = (exp * expMinusOne * basePowerTwo) / 2n;
  const thirdTerm = (exp * expMinusOne * expMinusTwo * basePowerThree) / 6n;
  return RAY + (rate * exp) / SECONDS_PER_YEAR + secondTerm + thirdTerm;
}

/** ReserveLogic.getNormalizedIncome at `now`. */
export function normalizedIncome(r: AaveReserve, now: bigint): bigint {
  if (r.lastUpdateTimestamp === now) return r.liquidityIndex;
  return rayMul(linearInterest(r.liquidityRate, r.lastUpdateTimestamp, now), r.liquidityIndex);
}

/** ReserveLogic.getNormalizedDebt at `now`. */
export function normalizedDebt(r: AaveReserve, now: bigint): bigint {
  if (r.lastUpdateTimestamp === now) return r.variableBorrowIndex;
  return rayMul(compoundedInterest(r.variableBorrowRate, r.lastUpdateTimestamp, now), r.variableBorrowIndex);
}

/** The account's aToken balance of reserve `i` (scaled balance × normalized income, half up). */
export function supplied(s: AaveAccountState, i: number): bigint {
  return rayMul(s.user[i]!.scaledATokenBalance, normalizedIncome(s.reserves[i]!, s.timestamp));
}

/** The account's variable plus stable debt of reserve `i`. */
export function borrowed(s: AaveAccountState, i: number): bigint {
  const u = s.user[i]!;
  const variable = u.scaledVariableDebt === 0n ? 0n : rayMul(u.scaledVariableDebt, normalizedDebt(s.reserves[i]!, s.timestamp));
  const stable =
    u.principalStableDebt === 0n
      ? 0n
      : rayMul(u.principalStableDebt, compoundedInterest(u.stableBorrowRate, u.stableBorrowLastUpdateTimestamp, s.timestamp));
  return variable + stable;
}

const unitOf = (r: AaveReserve) => 10n ** BigInt(r.token.decimals);
const isBorrowing = (u: AaveUserReserve) => u.scaledVariableDebt > 0n || u.principalStableDebt > 0n;

/** The e-mode category's LTV and LT (bps), read from any reserve in it. */
function eModeParams(s: AaveAccountState): { ltv: bigint; lt: bigint } {
  if (s.eModeCategory === 0) return { ltv: 0n, lt: 0n };
  const r = s.reserves.find((x) => x.eModeCategoryId === s.eModeCategory);
  return r ? { ltv: r.eModeLtv, lt: r.eModeLiquidationThreshold } : { ltv: 0n, lt: 0n };
}

/** What-if changes for account data: reserve `i`'s price, scaled aToken balance or collateral flag. */
export interface AccountOverrides {
  prices?: Map<number, bigint>;
  scaledATokenBalance?: Map<number, bigint>;
  collateralOff?: Set<number>;
}

export interface AccountData {
  totalCollateralBase: bigint;
  totalDebtBase: bigint;
  /** Weighted averages in bps, rounded down. */
  ltv: bigint;
  liquidationThreshold: bigint;
  healthFactor: bigint;
  hasZeroLtvCollateral: boolean;
}

/** GenericLogic.calculateUserAccountData: what `Pool.getUserAccountData` returns, with optional what-ifs. */
export function accountData(s: AaveAccountState, o: AccountOverrides = {}): AccountData {
  const e = eModeParams(s);
  let collateral = 0n;
  let debt = 0n;
  let avgLtv = 0n;
  let avgLt = 0n;
  let hasZeroLtvCollateral = false;
  let any = false;
  s.reserves.forEach((r, i) => {
    const u = s.user[i]!;
    const asCollateral = u.usageAsCollateralEnabledOnUser && !o.collateralOff?.has(i);
    if (!asCollateral && !isBorrowing(u)) return;
    any = true;
    const price = o.prices?.get(i) ?? r.price;
    const inEMode = s.eModeCategory !== 0 && r.eModeCategoryId === s.eModeCategory;
    if (r.liquidationThreshold !== 0n && asCollateral) {
      const scaled = o.scaledATokenBalance?.get(i) ?? u.scaledATokenBalance;
      const balance = (rayMul(scaled, normalizedIncome(r, s.timestamp)) * price) / unitOf(r);
      collateral += balance;
      if (r.ltv !== 0n) avgLtv += balance * (inEMode ? e.ltv : r.ltv);
      else hasZeroLtvCollateral = true;
      avgLt += balance * (inEMode ? e.lt : r.liquidationThreshold);
    }
    if (isBorrowing(u)) debt += (price * borrowed(s, i)) / unitOf(r);
  });
  if (!any)
    return { totalCollateralBase: 0n, totalDebtBase: 0n, ltv: 0n, liquidationThreshold: 0n, healthFactor: MAX_UINT256, hasZeroLtvCollateral: false };
  const ltv = collateral !== 0n ? avgLtv / collateral : 0n;
  const lt = collateral !== 0n ? avgLt / collateral : 0n;
  const healthFactor = debt === 0n ? MAX_UINT256 : wadDiv(percentMul(collateral, lt), debt);
  return { totalCollateralBase: collateral, totalDebtBase: debt, ltv, liquidationThreshold: lt, healthFactor, hasZeroLtvCollateral };
}

/** GenericLogic.calculateAvailableBorrows: borrowing power left, in base currency. */
export function availableBorrowsBase(d: AccountData): bigint {
  const limit = percentMul(d.totalCollateralBase, d.ltv);
  return limit < d.totalDebtBase ? 0n : limit - d.totalDebtBase;
}

/** UserConfiguration.getIsolationModeState: the one enabled collateral, if it has a debt ceiling. */
export function isolationCollateral(s: AaveAccountState): number | undefined {
  const on = s.user.flatMap((u, i) => (u.usageAsCollateralEnabledOnUser ? [i] : []));
  return on.length === 1 && s.reserves[on[0]!]!.debtCeiling !== 0n ? on[0] : undefined;
}

const indexOf = (s: AaveAccountState, asset: Address) => {
  const i = s.reserves.findIndex((r) => sameAddress(r.token.address, asset));
  if (i < 0) throw new Error(`${asset} is not a reserve of this Aave pool`);
  return i;
};

/** Why borrowing `asset` is refused whatever the amount, as Aave's own error name; undefined if it is allowed. */
export function borrowBlocker(s: AaveAccountState, asset: Address): string | undefined {
  const j = indexOf(s, asset);
  const r = s.reserves[j]!;
  if (!r.isActive) return "RESERVE_INACTIVE";
  if (r.isPaused) return "RESERVE_PAUSED";
  if (r.isFrozen) return "RESERVE_FROZEN";
  if (!r.borrowingEnabled) return "BORROWING_NOT_ENABLED";
  const iso = isolationCollateral(s);
  if (iso !== undefined && !r.borrowableInIsolation) return "ASSET_NOT_BORROWABLE_IN_ISOLATION";
  if (s.eModeCategory !== 0 && r.eModeCategoryId !== s.eModeCategory) return "INCONSISTENT_EMODE_CATEGORY";
  const d = accountData(s);
  if (d.totalCollateralBase === 0n) return "COLLATERAL_BALANCE_IS_ZERO";
  if (d.ltv === 0n) return "LTV_VALIDATION_FAILED";
  if (d.healthFactor <= HEALTH_FACTOR_LIQUIDATION_THRESHOLD) return "HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD";
  const borrowingAny = s.user.some(isBorrowing);
  if (borrowingAny) {
    const siloed = s.user.findIndex((u, i) => isBorrowing(u) && s.reserves[i]!.isSiloedBorrowing);
    if (siloed >= 0 ? siloed !== j : r.isSiloedBorrowing) return "SILOED_BORROWING_VIOLATION";
  }
  const eModePrice =
    s.eModeCategory !== 0 &&
    s.reserves.some((x) => x.eModeCategoryId === s.eModeCategory && x.eModePriceSource !== "0x0000000000000000000000000000000000000000");
  if (eModePrice) return "EMODE_PRICE_SOURCE_UNSUPPORTED";
  return undefined;
}

/**
 * The largest amount of `asset` Pool.borrow (variable rate) accepts from this account now: ValidationLogic.validateBorrow
 * (flags, e-mode, isolation ceiling, siloed borrowing, borrow cap, LTV with its rounding) and the aToken's cash.
 */
export function maxBorrow(s: AaveAccountState, asset: Address): bigint {
  if (borrowBlocker(s, asset) !== undefined) return 0n;
  const j = indexOf(s, asset);
  const r = s.reserves[j]!;
  const unit = unitOf(r);
  let hi = r.availableLiquidity;
  if (r.borrowCap !== 0n) {
    const stable = rayMul(r.totalPrincipalStableDebt, compoundedInterest(r.averageStableRate, r.stableDebtLastUpdateTimestamp, s.timestamp));
    const total = stable + rayMul(r.totalScaledVariableDebt, normalizedDebt(r, s.timestamp));
    const room = r.borrowCap * unit - total;
    hi = room < hi ? room : hi;
  }
  const iso = isolationCollateral(s);
  if (iso !== undefined) {
    const c = s.reserves[iso]!;
    const step = 10n ** (BigInt(r.token.decimals) - DEBT_CEILING_DECIMALS);
    const room = c.debtCeiling - c.isolationModeTotalDebt;
    const cap = room < 0n ? -1n : (room + 1n) * step - 1n;
    hi = cap < hi ? cap : hi;
  }
  if (hi <= 0n) return 0n;
  const d = accountData(s);
  const ok = (x: bigint) => percentDiv(d.totalDebtBase + (r.price * x) / unit, d.ltv) <= d.totalCollateralBase;
  const best = largestPassing(1n, hi, ok);
  return best < 1n ? 0n : best;
}

/**
 * The largest amount of `asset` Pool.withdraw accepts from this account now: the balance, the aToken's cash, a
 * non-zero scaled burn, and — when the asset is collateral and the account borrows — health factor ≥ 1 after the
 * withdrawal with the LTV rule for zero-LTV collateral (ValidationLogic.validateHFAndLtv).
 */
export function maxWithdraw(s: AaveAccountState, asset: Address): bigint {
  const i = indexOf(s, asset);
  const r = s.reserves[i]!;
  const u = s.user[i]!;
  if (!r.isActive || r.isPaused) return 0n;
  const balance = supplied(s, i);
  const hi = balance < r.availableLiquidity ? balance : r.availableLiquidity;
  if (hi <= 0n) return 0n;
  const income = normalizedIncome(r, s.timestamp);
  const burnOk = (x: bigint) => {
    const burn = rayDiv(x, income);
    return burn !== 0n && burn <= u.scaledATokenBalance;
  };
  const checked = u.usageAsCollateralEnabledOnUser && s.user.some(isBorrowing);
  const ok = (x: bigint) => {
    if (!burnOk(x)) return false;
    if (!checked) return true;
    const after = accountData(s, {
      scaledATokenBalance: new Map([[i, u.scaledATokenBalance - rayDiv(x, income)]]),
      collateralOff: x === balance ? new Set([i]) : undefined,
    });
    return after.healthFactor >= HEALTH_FACTOR_LIQUIDATION_THRESHOLD && (!after.hasZeroLtvCollateral || r.ltv === 0n);
  };
  // The smallest amount whose scaled burn is not zero (rayDiv rounds half up).
  const first = (income - income / 2n + RAY - 1n) / RAY;
  const lo = first > 1n ? first : 1n;
  const best = largestPassing(lo, hi, ok);
  return best < lo ? 0n : best;
}

/** How far a price may be searched upward for a liquidation price (×1e12 the current one). */
const PRICE_SEARCH_SPAN = 10n ** 12n;

/**
 * Liquidation prices, other prices fixed: for each enabled collateral the highest price at which the health factor
 * is below 1, for each debt the lowest; `null` when that price alone cannot make the account liquidatable.
 */
export function liquidationPrices(s: AaveAccountState): { collaterals: LiquidationPrice[]; debts: LiquidationPrice[] } {
  const base = accountData(s);
  const hfAt = (i: number, p: bigint) => accountData(s, { prices: new Map([[i, p]]) }).healthFactor;
  const liquidatable = (i: number, p: bigint) => hfAt(i, p) < HEALTH_FACTOR_LIQUIDATION_THRESHOLD;
  const noDebt = base.totalDebtBase === 0n;
  const collaterals: LiquidationPrice[] = [];
  const debts: LiquidationPrice[] = [];
  s.reserves.forEach((r, i) => {
    const u = s.user[i]!;
    const top = (r.price === 0n ? 1n : r.price) * PRICE_SEARCH_SPAN;
    if (u.usageAsCollateralEnabledOnUser && u.scaledATokenBalance > 0n && r.liquidationThreshold !== 0n) {
      // Falling price: liquidatable at the bottom and not at the top, or never.
      const price = noDebt || !liquidatable(i, 0n) || liquidatable(i, top) ? null : largestPassing(0n, top, (p) => liquidatable(i, p));
      collaterals.push({ token: r.token, price });
    }
    if (isBorrowing(u)) {
      // Rising price: healthy at the bottom and liquidatable at the top, or never.
      const healthyUpTo = liquidatable(i, 0n) || !liquidatable(i, top) ? null : largestPassing(0n, top, (p) => !liquidatable(i, p));
      debts.push({ token: r.token, price: healthyUpTo === null ? null : healthyUpTo + 1n });
    }
  });
  return { collaterals, debts };
}

/** The Aave position of an account: every supplied and borrowed reserve, valued as the pool values them. */
export interface AavePosition extends Position {
  protocol: "aave-v3";
  state: AaveAccountState;
}

const BPS_TO_WAD = WAD / 10_000n;

export function aavePosition(s: AaveAccountState, name = "Aave v3"): AavePosition {
  const d = accountData(s);
  const e = eModeParams(s);
  const price = (r: AaveReserve) => ({ value: r.price, decimals: s.baseCurrency.decimals });
  const collaterals = s.reserves.flatMap((r, i) => {
    const u = s.user[i]!;
    if (u.scaledATokenBalance === 0n) return [];
    const amount = supplied(s, i);
    const inEMode = s.eModeCategory !== 0 && r.eModeCategoryId === s.eModeCategory;
    return [
      {
        token: r.token,
        amount,
        price: price(r),
        value: (amount * r.price) / unitOf(r),
        ltv: (inEMode ? e.ltv : r.ltv) * BPS_TO_WAD,
        liquidationThreshold: (inEMode ? e.lt : r.liquidationThreshold) * BPS_TO_WAD,
        enabled: u.usageAsCollateralEnabledOnUser && r.liquidationThreshold !== 0n,
      },
    ];
  });
  const debts = s.reserves.flatMap((r, i) => {
    if (!isBorrowing(s.user[i]!)) return [];
    const amount = borrowed(s, i);
    return [{ token: r.token, amount, price: price(r), value: (r.price * amount) / unitOf(r) }];
  });
  return {
    protocol: "aave-v3",
    chainId: s.chainId,
    id: s.pool,
    name,
    owner: s.owner,
    timestamp: s.timestamp,
    valueUnit: s.baseCurrency,
    collaterals,
    debts,
    totalCollateralValue: d.totalCollateralBase,
    totalDebtValue: d.totalDebtBase,
    healthFactor: d.totalDebtBase === 0n ? null : d.healthFactor,
    eModeCategory: s.eModeCategory,
    isolated: isolationCollateral(s) !== undefined,
    state: s,
  };
}

/** The account's debt of `asset` `seconds` from now if nothing else changes (what a full repay must approve). */
export function debtAfter(s: AaveAccountState, asset: Address, seconds: bigint): bigint {
  return borrowed({ ...s, timestamp: s.timestamp + seconds }, indexOf(s, asset));
}

export { indexOf as reserveIndex };
