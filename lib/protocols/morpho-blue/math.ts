import type { Address, Hex } from "viem";
import { largestPassing } from "../largest-passing";
import { MAX_UINT256, mulDivDown, WAD, wDivDown, wMulDown, wTaylorCompounded } from "../../engine/math";
import { toAssetsUp, toSharesDown, toSharesUp } from "../../engine/shares";
import type { LiquidationPrice, Position, PositionToken } from "../types";

/**
 * Morpho Blue math, mirroring Morpho.sol and its libraries with their rounding: SharesMathLib's virtual shares,
 * `_accrueInterest` (Taylor-compounded rate, fee shares), `_isHealthy` (collateral × price / 1e36, × LLTV, against
 * debt rounded up), `borrow` (shares rounded up, then health and liquidity) and `withdrawCollateral`.
 */

export const ORACLE_PRICE_SCALE = 10n ** 36n;
/** ConstantsLib: the liquidation incentive's cap and cursor. */
export const MAX_LIQUIDATION_INCENTIVE_FACTOR = 1_150_000_000_000_000_000n;
export const LIQUIDATION_CURSOR = 300_000_000_000_000_000n;

/** Morpho.liquidate's incentive factor for a market of `lltv`: min(1.15, 1 ÷ (1 − 0.3 × (1 − LLTV))), WAD, rounded down. */
export function liquidationIncentiveFactor(lltv: bigint): bigint {
  const lif = wDivDown(WAD, WAD - wMulDown(LIQUIDATION_CURSOR, WAD - lltv));
  return lif < MAX_LIQUIDATION_INCENTIVE_FACTOR ? lif : MAX_LIQUIDATION_INCENTIVE_FACTOR;
}

export interface MorphoMarketParams {
  loanToken: Address;
  collateralToken: Address;
  oracle: Address;
  irm: Address;
  lltv: bigint;
}

/** Morpho's `Market` struct. */
export interface MorphoMarket {
  totalSupplyAssets: bigint;
  totalSupplyShares: bigint;
  totalBorrowAssets: bigint;
  totalBorrowShares: bigint;
  lastUpdate: bigint;
  fee: bigint;
}

/** Morpho's `Position` struct. */
export interface MorphoUserPosition {
  supplyShares: bigint;
  borrowShares: bigint;
  collateral: bigint;
}

/** One account on one market at one block. `market` is accrued to `timestamp` unless `borrowRate` says how to. */
export interface MorphoMarketState {
  chainId: number;
  morpho: Address;
  id: Hex;
  name: string;
  owner: Address;
  timestamp: bigint;
  params: MorphoMarketParams;
  loanToken: PositionToken;
  collateralToken: PositionToken;
  market: MorphoMarket;
  /** The IRM's `borrowRateView` for the stored market (per second, WAD), to accrue past `lastUpdate`. */
  borrowRate?: bigint;
  /** The market oracle's price (IOracle: 1e36-scaled loan units per collateral unit). */
  price: bigint;
  position: MorphoUserPosition;
}

/** Morpho's `_accrueInterest` from `market.lastUpdate` to `now` at `borrowRate` (per second, WAD). */
export function accrueInterest(market: MorphoMarket, borrowRate: bigint, now: bigint): MorphoMarket {
  const elapsed = now - market.lastUpdate;
  if (elapsed <= 0n) return market;
  const interest = wMulDown(market.totalBorrowAssets, wTaylorCompounded(borrowRate, elapsed));
  const m = {
    ...market,
    totalBorrowAssets: market.totalBorrowAssets + interest,
    totalSupplyAssets: market.totalSupplyAssets + interest,
    lastUpdate: now,
  };
  if (m.fee !== 0n) {
    const feeAmount = wMulDown(interest, m.fee);
    m.totalSupplyShares += toSharesDown(feeAmount, m.totalSupplyAssets - feeAmount, m.totalSupplyShares);
  }
  return m;
}

/** The market as of the state's timestamp (already accrued, or accrued here with the IRM's rate). */
export function marketNow(s: MorphoMarketState, at = s.timestamp): MorphoMarket {
  if (s.market.lastUpdate >= at || s.params.irm === "0x0000000000000000000000000000000000000000") return { ...s.market, lastUpdate: at };
  if (s.borrowRate === undefined) throw new Error("the Morpho market is not accrued to this block and its borrow rate is unknown");
  return accrueInterest(s.market, s.borrowRate, at);
}

/** The account's debt in loan-token units, rounded up (SharesMathLib.toAssetsUp). */
export function borrowAssets(s: MorphoMarketState, at = s.timestamp): bigint {
  const m = marketNow(s, at);
  return toAssetsUp(s.position.borrowShares, m.totalBorrowAssets, m.totalBorrowShares);
}

/** Borrowing power of `collateral` at `price`: collateral × price / 1e36 (down) × LLTV (down). */
export function maxDebt(collateral: bigint, price: bigint, lltv: bigint): bigint {
  return wMulDown(mulDivDown(collateral, price, ORACLE_PRICE_SCALE), lltv);
}

/** Morpho's `_isHealthy`. */
export function isHealthy(collateral: bigint, borrowShares: bigint, m: MorphoMarket, price: bigint, lltv: bigint): boolean {
  if (borrowShares === 0n) return true;
  return maxDebt(collateral, price, lltv) >= toAssetsUp(borrowShares, m.totalBorrowAssets, m.totalBorrowShares);
}

/**
 * Health factor (WAD, rounded down as blue-sdk does) of `collateral` against `debt` loan units (rounded up, as
 * `toAssetsUp` gives it) at the oracle's `price`: borrowing power ÷ debt; null without debt.
 */
export function healthOf(collateral: bigint, debt: bigint, price: bigint, lltv: bigint): bigint | null {
  if (debt === 0n) return null;
  return wDivDown(maxDebt(collateral, price, lltv), debt);
}

/** The account's health factor at the state's timestamp (`healthOf` its collateral and its accrued debt); null without debt. */
export function healthFactor(s: MorphoMarketState): bigint | null {
  return healthOf(s.position.collateral, borrowAssets(s), s.price, s.params.lltv);
}

/** The largest amount Morpho.borrow accepts from this account now: healthy after (shares rounded up) and within the market's liquidity. */
export function maxBorrow(s: MorphoMarketState): bigint {
  const m = marketNow(s);
  const liquidity = m.totalSupplyAssets - m.totalBorrowAssets;
  if (liquidity <= 0n) return 0n;
  const ok = (x: bigint) => {
    const shares = toSharesUp(x, m.totalBorrowAssets, m.totalBorrowShares);
    const after = { ...m, totalBorrowAssets: m.totalBorrowAssets + x, totalBorrowShares: m.totalBorrowShares + shares };
    return isHealthy(s.position.collateral, s.position.borrowShares + shares, after, s.price, s.params.lltv);
  };
  const best = largestPassing(1n, liquidity, ok);
  return best < 1n ? 0n : best;
}

/** The largest collateral Morpho.withdrawCollateral accepts from this account now (healthy after). */
export function maxWithdraw(s: MorphoMarketState): bigint {
  const m = marketNow(s);
  const c = s.position.collateral;
  if (c === 0n) return 0n;
  const best = largestPassing(1n, c, (x) => isHealthy(c - x, s.position.borrowShares, m, s.price, s.params.lltv));
  return best < 1n ? 0n : best;
}

/** Collateral: the highest oracle price at which the position is unhealthy (MAX when it is at any price); null without debt. */
export function collateralLiquidationPrice(s: MorphoMarketState): bigint | null {
  const m = marketNow(s);
  if (s.position.borrowShares === 0n) return null;
  const unhealthy = (p: bigint) => !isHealthy(s.position.collateral, s.position.borrowShares, m, p, s.params.lltv);
  const top = MAX_UINT256 / (s.position.collateral === 0n ? 1n : s.position.collateral);
  if (unhealthy(top)) return MAX_UINT256;
  return largestPassing(0n, top, unhealthy);
}

/**
 * Debt: how far the loan token must rise against the collateral (WAD factor, ≥ 1 when healthy) for the position to
 * become unhealthy, i.e. the smallest f with the oracle price at price ÷ f unhealthy; null without debt.
 */
export function debtLiquidationFactor(s: MorphoMarketState): bigint | null {
  const m = marketNow(s);
  if (s.position.borrowShares === 0n || s.price === 0n) return null;
  const healthyAt = (f: bigint) => isHealthy(s.position.collateral, s.position.borrowShares, m, mulDivDown(s.price, WAD, f), s.params.lltv);
  if (!healthyAt(1n)) return 1n;
  const top = s.price * WAD; // price ÷ f reaches 0 by here
  return largestPassing(1n, top, healthyAt) + 1n;
}

export interface MorphoPosition extends Position {
  protocol: "morpho-blue";
  state: MorphoMarketState;
}

export function liquidationPrices(s: MorphoMarketState): { collaterals: LiquidationPrice[]; debts: LiquidationPrice[] } {
  return {
    collaterals: [{ token: s.collateralToken, price: collateralLiquidationPrice(s) }],
    debts: s.position.borrowShares === 0n ? [] : [{ token: s.loanToken, price: debtLiquidationFactor(s) }],
  };
}

/** The position model of one account on one Morpho market (values in loan-token units). */
export function morphoPosition(s: MorphoMarketState): MorphoPosition {
  const debt = borrowAssets(s);
  const collateralValue = mulDivDown(s.position.collateral, s.price, ORACLE_PRICE_SCALE);
  const priceDecimals = 36 + s.loanToken.decimals - s.collateralToken.decimals;
  const lltv = s.params.lltv;
  return {
    protocol: "morpho-blue",
    chainId: s.chainId,
    id: s.id,
    name: s.name,
    owner: s.owner,
    timestamp: s.timestamp,
    valueUnit: { symbol: s.loanToken.symbol, decimals: s.loanToken.decimals },
    collaterals:
      s.position.collateral === 0n
        ? []
        : [
            {
              token: s.collateralToken,
              amount: s.position.collateral,
              price: { value: s.price, decimals: priceDecimals },
              value: collateralValue,
              ltv: lltv,
              liquidationThreshold: lltv,
              enabled: true,
            },
          ],
    debts: debt === 0n ? [] : [{ token: s.loanToken, amount: debt, price: { value: WAD, decimals: 18 }, value: debt }],
    totalCollateralValue: collateralValue,
    totalDebtValue: debt,
    healthFactor: healthFactor(s),
    borrowAsset: s.loanToken,
    state: s,
  };
}

/** The account's debt `seconds` from now at the stored rate (what a full repay must approve). */
export function debtAfter(s: MorphoMarketState, seconds: bigint): bigint {
  if (s.borrowRate === undefined) throw new Error("The market's borrow rate is needed to project the debt: read it first (morphoBorrowRate).");
  const later = accrueInterest(marketNow(s), s.borrowRate, s.timestamp + seconds);
  return toAssetsUp(s.position.borrowShares, later.totalBorrowAssets, later.totalBorrowShares);
}
