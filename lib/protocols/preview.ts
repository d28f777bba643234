import type { Address } from "viem";
import { CHART_HEALTH_CAP, healthToNumber, type HealthCurve } from "../analytics/vault-charts";
import {
  accountData,
  aavePosition,
  isolationCollateral,
  normalizedDebt,
  normalizedIncome,
  reserveIndex,
  borrowed,
  supplied,
  type AaveAccountState,
} from "./aave-v3/math";
import { healthFactor as morphoHealth, marketNow, morphoPosition, borrowAssets, type MorphoMarketState } from "./morpho-blue/math";
import { toSharesDown, toSharesUp } from "../engine/shares";
import { rayDiv } from "./aave-v3/wad-ray-math";
import { MAX_UINT256, wadToNumber } from "../engine/math";
import type { ProtocolPosition } from "./view";
import { sameAddress } from "../config/address";
import { largestPassing } from "./largest-passing";

/** The four actions every protocol position offers. */
export type PositionAction = "supply" | "withdraw" | "borrow" | "repay";

/**
 * The position after `action` of `amount` units of `asset`, as the protocol would book it in the same block (its
 * own share rounding): the "after" of the page's before → after preview. Amounts beyond what the protocol accepts
 * are the caller's to refuse first (maxBorrow, maxWithdraw, the debt).
 */
export function positionAfter(p: ProtocolPosition, action: PositionAction, asset: Address, amount: bigint): ProtocolPosition {
  return p.protocol === "aave-v3"
    ? aavePosition(aaveAfter(p.state, action, asset, amount), p.name)
    : morphoPosition(morphoAfter(p.state, action, amount));
}

/** SupplyLogic / BorrowLogic booking on the account's scaled balances (AToken and VariableDebtToken mint/burn round half up). */
export function aaveAfter(s: AaveAccountState, action: PositionAction, asset: Address, amount: bigint): AaveAccountState {
  const i = reserveIndex(s, asset);
  const r = s.reserves[i]!;
  const u = { ...s.user[i]! };
  const reserves = [...s.reserves];
  if (action === "supply") {
    const first = u.scaledATokenBalance === 0n;
    u.scaledATokenBalance += rayDiv(amount, normalizedIncome(r, s.timestamp));
    // SupplyLogic: a first supply turns on as collateral when ValidationLogic.validateUseAsCollateral allows it.
    if (first && r.ltv !== 0n) {
      const enabled = s.user.some((x) => x.usageAsCollateralEnabledOnUser);
      u.usageAsCollateralEnabledOnUser = !enabled || (isolationCollateral(s) === undefined && r.debtCeiling === 0n);
    }
    reserves[i] = { ...r, availableLiquidity: r.availableLiquidity + amount };
  } else if (action === "withdraw") {
    const all = supplied(s, i);
    const x = amount >= all ? all : amount;
    u.scaledATokenBalance = x === all ? 0n : u.scaledATokenBalance - rayDiv(x, normalizedIncome(r, s.timestamp));
    if (u.scaledATokenBalance === 0n) u.usageAsCollateralEnabledOnUser = false;
    reserves[i] = { ...r, availableLiquidity: r.availableLiquidity - x };
  } else if (action === "borrow") {
    u.scaledVariableDebt += rayDiv(amount, normalizedDebt(r, s.timestamp));
    reserves[i] = { ...r, availableLiquidity: r.availableLiquidity - amount };
  } else {
    const owed = borrowed(s, i);
    const x = amount >= owed ? owed : amount;
    u.scaledVariableDebt = x === owed ? 0n : u.scaledVariableDebt - rayDiv(x, normalizedDebt(r, s.timestamp));
    reserves[i] = { ...r, availableLiquidity: r.availableLiquidity + x };
  }
  return { ...s, reserves, user: s.user.map((x, k) => (k === i ? u : x)) };
}

/** Morpho's booking: collateral by assets, borrow shares rounded up, repay shares rounded down (all shares at or above the debt). */
export function morphoAfter(s: MorphoMarketState, action: PositionAction, amount: bigint): MorphoMarketState {
  const m = marketNow(s);
  const pos = { ...s.position };
  let market = m;
  if (action === "supply") pos.collateral += amount;
  else if (action === "withdraw") pos.collateral -= amount > pos.collateral ? pos.collateral : amount;
  else if (action === "borrow") {
    const shares = toSharesUp(amount, m.totalBorrowAssets, m.totalBorrowShares);
    pos.borrowShares += shares;
    market = { ...m, totalBorrowAssets: m.totalBorrowAssets + amount, totalBorrowShares: m.totalBorrowShares + shares };
  } else {
    const all = amount >= borrowAssets(s);
    const shares = all ? pos.borrowShares : toSharesDown(amount, m.totalBorrowAssets, m.totalBorrowShares);
    const assets = all ? borrowAssets(s) : amount;
    pos.borrowShares -= shares;
    market = { ...m, totalBorrowAssets: m.totalBorrowAssets - assets, totalBorrowShares: m.totalBorrowShares - shares };
  }
  return { ...s, market, position: pos };
}

/**
 * The largest borrow or withdrawal of `asset`, at most `limit` (the protocol's own maximum now), that leaves the
 * position's health factor at or above `minHealth` by the protocol's own booking and math (`positionAfter`): what Max
 * fills in, as a Keel vault's Max keeps the reader's safety level (lib/view/vault-actions.ts); the protocol's limit can
 * still be typed. 0 when even a unit would go under it (or the position is already under it).
 */
export function maxWithinHealth(p: ProtocolPosition, action: "borrow" | "withdraw", asset: Address, limit: bigint, minHealth: bigint): bigint {
  const healthy = (x: bigint) => {
    const after = positionAfter(p, action, asset, x);
    return after.debts.length === 0 || (after.healthFactor !== null && after.healthFactor >= minHealth);
  };
  // Health falls as the amount grows: the adapters' own exact search for "the largest amount that passes".
  return largestPassing(1n, limit, healthy);
}

/** The position's health factor (WAD, MAX without debt) if the oracle priced `asset` at `price` (its OraclePrice units), other prices held. */
export function healthAtPrice(p: ProtocolPosition, asset: Address, price: bigint): bigint {
  if (p.protocol === "aave-v3") {
    const d = accountData(p.state, { prices: new Map([[reserveIndex(p.state, asset), price]]) });
    return d.totalDebtBase === 0n ? MAX_UINT256 : d.healthFactor;
  }
  return morphoHealth({ ...p.state, price }) ?? MAX_UINT256;
}

/**
 * The health factor as collateral `asset`'s price moves from 0 to about twice today's (wide enough to show the
 * liquidation price), in USD per token for the chart: the same shape as lib/vault-charts' Keel curve, so the vault
 * page's chart draws both. `usdPerPriceUnit` converts the protocol's price (WAD USD per whole price unit).
 */
export function positionHealthCurve(
  p: ProtocolPosition,
  asset: Address,
  liquidationPrice: bigint | null,
  usdPerPriceUnit: bigint,
  samples = 60,
): HealthCurve {
  const c = p.collaterals.find((x) => sameAddress(x.token.address, asset));
  if (!c || c.price.value === 0n || p.debts.length === 0) return { points: [], price: 0, liquidationPrice: 0 };
  const liq = liquidationPrice !== null && liquidationPrice !== MAX_UINT256 ? liquidationPrice : 0n;
  let top = 2n * c.price.value;
  if ((liq * 3n) / 2n > top) top = (liq * 3n) / 2n;
  const prices = new Set<bigint>();
  for (let i = 0; i <= samples; i++) prices.add((top * BigInt(i)) / BigInt(samples));
  prices.add(c.price.value);
  if (liq > 0n) prices.add(liq);
  const usd = (x: bigint) => wadToNumber((x * usdPerPriceUnit) / 10n ** BigInt(c.price.decimals));
  const points = [...prices]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((x) => ({ price: usd(x), healthFactor: Math.min(CHART_HEALTH_CAP, healthToNumber(healthAtPrice(p, asset, x))) }));
  return { points, price: usd(c.price.value), liquidationPrice: usd(liq) };
}
