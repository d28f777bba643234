/**
 * SharesLib (contracts/src/libraries/SharesLib.sol) on bigint: borrow assets ↔ borrow shares with virtual shares and
 * assets, so the first borrower cannot inflate the share price. Morpho Blue's SharesMathLib is the same scheme with the
 * same constants, so its adapter uses these too.
 */
import { mulDivDown, mulDivUp } from "./math";

/** Virtual borrow shares added to the total. */
export const VIRTUAL_SHARES = 10n ** 6n;
/** Virtual borrow assets added to the total. */
export const VIRTUAL_ASSETS = 1n;

/** Assets to shares, rounded down. */
export const toSharesDown = (assets: bigint, totalAssets: bigint, totalShares: bigint) =>
  mulDivDown(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
/** Shares to assets, rounded down. */
export const toAssetsDown = (shares: bigint, totalAssets: bigint, totalShares: bigint) =>
  mulDivDown(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
/** Assets to shares, rounded up. */
export const toSharesUp = (assets: bigint, totalAssets: bigint, totalShares: bigint) =>
  mulDivUp(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
/** Shares to assets, rounded up. */
export const toAssetsUp = (shares: bigint, totalAssets: bigint, totalShares: bigint) =>
  mulDivUp(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
