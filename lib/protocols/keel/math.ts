import type { Address } from "viem";
import {
  baseLiquidationPrice,
  liquidationPrice,
  maxBorrow as engineMaxBorrow,
  maxWithdraw as engineMaxWithdraw,
  vaultRisk,
  type VaultPosition,
} from "../../engine/risk";
import type { LensMarket, LensVault } from "../../read/vaults";
import type { LiquidationPrice, Position, PositionToken } from "../types";
import { sameAddress } from "../../config/address";

/**
 * A Keel vault in the adapters' model: one market's vault (several collaterals, one debt in the market's base asset).
 * Values are USD WAD (the engine's own unit); prices are KeelOracle's, USD per whole token with 18 decimals. `state` is
 * the vault as lib/engine/risk.ts computes on it, every figure of the adapter comes from there.
 */
export interface KeelPosition extends Position {
  protocol: "keel";
  /** The market's address. */
  id: Address;
  vaultId: bigint;
  state: VaultPosition;
  base: PositionToken;
}

const USD = { symbol: "USD", decimals: 18 } as const;
const PRICE_DECIMALS = 18;

/** A token's symbol and decimals, from the deployment's assets (the address shortened when it is not listed). */
export type TokenOf = (address: Address, decimals: number) => PositionToken;

/**
 * The lens's view of a vault and its market (KeelLens.getVault / getAccount and getMarkets) as a KeelPosition. The
 * market's listed collaterals the vault does not hold come in with amount 0 in `state` (a first deposit can be
 * previewed); `collaterals` lists what is held. Values are the lens's, computed on-chain.
 */
export function keelPosition(a: {
  chainId: number;
  vault: LensVault;
  market: LensMarket;
  /** The market's name (the deployment's: the lens does not carry one). */
  name: string;
  timestamp: bigint;
  tokenOf: TokenOf;
}): KeelPosition {
  const { vault, market } = a;
  const state = toPosition(vault, market);
  const base = a.tokenOf(market.baseAsset, market.baseDecimals);
  return {
    protocol: "keel",
    chainId: a.chainId,
    id: vault.market,
    vaultId: vault.id,
    name: a.name,
    owner: vault.owner,
    timestamp: a.timestamp,
    valueUnit: USD,
    collaterals: vault.collaterals
      .filter((c) => c.amount > 0n)
      .map((c) => ({
        token: a.tokenOf(c.asset, c.decimals),
        amount: c.amount,
        price: { value: c.price, decimals: PRICE_DECIMALS },
        value: c.value,
        ltv: c.ltv,
        liquidationThreshold: c.liquidationThreshold,
        enabled: true,
      })),
    debts:
      vault.debt > 0n
        ? [{ token: base, amount: vault.debt, price: { value: market.baseFeed.price, decimals: PRICE_DECIMALS }, value: vault.debtValue }]
        : [],
    totalCollateralValue: vault.collateralValue,
    totalDebtValue: vault.debtValue,
    healthFactor: vault.debt > 0n ? vaultRisk(state).healthFactor : null,
    borrowAsset: base,
    state,
    base,
  };
}

/**
 * The lens's view of a vault as a position for lib/engine/risk.ts (previews, max amounts). The market gives the base asset's
 * decimals and price, and every listed collateral the vault does not hold yet (amount 0), so a first deposit of an
 * asset can be previewed. A collateral whose price is unavailable has price 0 and so counts for nothing.
 */
export function toPosition(
  vault: Pick<LensVault, "collaterals" | "debt" | "debtShares">,
  market: Pick<LensMarket, "baseDecimals" | "baseFeed" | "collaterals" | "totalBorrows" | "totalBorrowShares">,
): VaultPosition {
  const held = vault.collaterals.map((c) => ({
    asset: c.asset,
    decimals: c.decimals,
    amount: c.amount,
    price: c.price,
    ltv: c.ltv,
    liquidationThreshold: c.liquidationThreshold,
  }));
  const more = market.collaterals
    .filter((m) => !held.some((h) => sameAddress(h.asset, m.info.asset)))
    .map((m) => ({
      asset: m.info.asset,
      decimals: m.info.decimals,
      amount: 0n,
      price: m.feed.price,
      ltv: BigInt(m.info.ltv),
      liquidationThreshold: BigInt(m.info.liquidationThreshold),
    }));
  return {
    collaterals: [...held, ...more],
    debt: vault.debt,
    baseDecimals: market.baseDecimals,
    basePrice: market.baseFeed.price,
    shares: { debtShares: vault.debtShares, totalBorrowAssets: market.totalBorrows, totalBorrowShares: market.totalBorrowShares },
  };
}

/** Per collateral (price fall) and for the base asset (price rise), from lib/engine/risk.ts; null: no such price. */
export function liquidationPrices(p: KeelPosition): { collaterals: LiquidationPrice[]; debts: LiquidationPrice[] } {
  const orNull = (x: bigint) => (x === 0n ? null : x);
  return {
    collaterals: p.collaterals.map((c) => ({ token: c.token, price: orNull(liquidationPrice(p.state, c.token.address)) })),
    debts: p.debts.map((d) => ({ token: d.token, price: orNull(baseLiquidationPrice(p.state)) })),
  };
}

/** The most of the base asset the market lets this vault borrow now (within LTV: lib/engine/risk.ts maxBorrow); 0 for any other asset. */
export const maxBorrow = (p: KeelPosition, asset: Address) => (sameAddress(asset, p.base.address) ? engineMaxBorrow(p.state) : 0n);

/** The most of collateral `asset` the market lets this vault withdraw now (lib/engine/risk.ts maxWithdraw). */
export const maxWithdraw = (p: KeelPosition, asset: Address) => engineMaxWithdraw(p.state, asset);

/** The health factor the engine computes (WAD); null without debt. */
export const healthFactor = (p: KeelPosition) => (p.state.debt === 0n ? null : vaultRisk(p.state).healthFactor);
