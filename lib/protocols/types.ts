import type { Abi, Address, Hex } from "viem";
import type { ProtocolErrorText } from "./errors";

/** The protocols Keel reads positions from; each has a folder beside this file. */
export type ProtocolId = "keel" | "aave-v3" | "morpho-blue";

/** A token as a position names it. */
export interface PositionToken {
  address: Address;
  symbol: string;
  decimals: number;
}

/**
 * A price from the protocol's own oracle: the value of one whole token in the position's value unit, with
 * `decimals` decimals. Aave: the AaveOracle's base currency (USD, 8 decimals). Morpho: loan tokens per collateral
 * token as Morpho's IOracle reports it (36 + loan decimals − collateral decimals), and exactly 1 for the loan token.
 */
export interface OraclePrice {
  value: bigint;
  decimals: number;
}

/** One collateral of a position. `ltv` and `liquidationThreshold` are WAD fractions in force for this account (e-mode included). */
export interface PositionCollateral {
  token: PositionToken;
  /** Balance in token units, with interest accrued to the position's `timestamp`. */
  amount: bigint;
  price: OraclePrice;
  /** Value in the position's value unit (rounded down as the protocol does). */
  value: bigint;
  ltv: bigint;
  liquidationThreshold: bigint;
  /** Counts toward borrowing power (Aave: supplied and enabled as collateral with a threshold; Morpho: always). */
  enabled: boolean;
}

/** One borrowed asset of a position. */
export interface PositionDebt {
  token: PositionToken;
  /** Debt in token units, with interest accrued to the position's `timestamp` (rounded up where the protocol does). */
  amount: bigint;
  price: OraclePrice;
  value: bigint;
}

/**
 * One position on one protocol: Aave's whole account on a pool (several collaterals, several debts) or one Morpho
 * market (one collateral, one debt). Values are in `valueUnit`; the health factor is WAD (`null` without debt).
 */
export interface Position {
  protocol: ProtocolId;
  chainId: number;
  /** Aave: the pool address; Morpho: the market id. */
  id: Address | Hex;
  name: string;
  owner: Address;
  /** Block timestamp every amount is accrued to. */
  timestamp: bigint;
  valueUnit: { symbol: string; decimals: number };
  collaterals: PositionCollateral[];
  debts: PositionDebt[];
  totalCollateralValue: bigint;
  totalDebtValue: bigint;
  healthFactor: bigint | null;
  /** The one asset this position borrows, when there is one (Keel: the market's base asset; Morpho: the loan token; Aave: none, it may borrow several). */
  borrowAsset?: PositionToken;
  /** Aave only: the account's e-mode category (0 = none) and whether it is in isolation mode. */
  eModeCategory?: number;
  isolated?: boolean;
}

/** One transaction an action needs, in order (approvals first); `value` is never used by these protocols. */
export interface TxRequest {
  to: Address;
  data: Hex;
  /** What this step does, for the list of steps shown before signing. */
  description: string;
}

/** Liquidation prices for one asset of a position, in the asset's OraclePrice units. */
export interface LiquidationPrice {
  token: PositionToken;
  /** Collateral: the highest price at which the position is liquidatable; debt: the lowest. `null`: never (no debt, or the price alone cannot make it liquidatable). */
  price: bigint | null;
}

/**
 * What every protocol adapter offers for its position type: the math with the protocol's own rules and rounding,
 * the transactions, and its errors as sentences. Reads live beside it (`read.ts`) since each protocol batches its
 * views differently.
 */
export interface ProtocolAdapter<P extends Position> {
  protocol: ProtocolId;
  /** The ABI of the contract its actions call (after any approval): how the app decodes a built transaction for the transactor. */
  abi: Abi;
  healthFactor(p: P): bigint | null;
  /** Per collateral (price fall) and per debt asset (price rise), other prices fixed. */
  liquidationPrices(p: P): { collaterals: LiquidationPrice[]; debts: LiquidationPrice[] };
  /** The largest amount of `asset` the protocol lets this account borrow now. */
  maxBorrow(p: P, asset: Address): bigint;
  /** The largest amount of collateral `asset` the protocol lets this account withdraw now. */
  maxWithdraw(p: P, asset: Address): bigint;
  supply(p: P, asset: Address, amount: bigint): TxRequest[];
  withdraw(p: P, asset: Address, amount: bigint | "max"): TxRequest[];
  borrow(p: P, asset: Address, amount: bigint): TxRequest[];
  /** "max" repays the whole debt (approving what it will be `slackSeconds` from now). */
  repay(p: P, asset: Address, amount: bigint | "max", slackSeconds?: bigint): TxRequest[];
  /** A revert's data or a thrown error as one sentence for the trader. */
  describeError(error: unknown): string;
  /** The same sentence with its translation key under `txErrors` (messages/<locale>.json) and values. */
  explainError(error: unknown): ProtocolErrorText;
}
