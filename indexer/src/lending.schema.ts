/**
 * The tables of the lending protocols the indexer follows beside Keel — Aave v3's pool and Morpho Blue's singleton —
 * re-exported by ponder.schema.ts. Every amount is the chain's own integer (token units, RAY indices and rates for Aave,
 * WAD per-second rates for Morpho). A "market" is an Aave reserve (`market` = the reserve's asset) or a Morpho market
 * (`market` = its bytes32 id); `venue` is the contract that emits its events (the pool or the singleton).
 */
import { index, onchainTable } from "ponder";

/**
 * A market's state after its last event. Morpho: the market's totals, kept exactly from the events (the same integer
 * arithmetic as Morpho's own); Aave: the reserve's indices and rates from ReserveDataUpdated and its aToken and variable
 * debt token supplies read at that block. Σ of each flow since the start block, as the tests check against the logs.
 */
export const lendingMarket = onchainTable("lending_market", (t) => ({
  id: t.text().primaryKey(), // `${chainId}:${protocol}:${market}`
  chainId: t.integer().notNull(),
  protocol: t.text().notNull(), // "aave-v3" | "morpho-blue"
  venue: t.hex().notNull(),
  market: t.hex().notNull(),
  totalSupplyAssets: t.bigint().notNull(),
  totalSupplyShares: t.bigint().notNull(),
  totalBorrowAssets: t.bigint().notNull(),
  totalBorrowShares: t.bigint().notNull(),
  /** Σ collateral supplied − withdrawn − seized (Morpho; Aave's collateral is its supply). */
  totalCollateral: t.bigint().notNull(),
  /** Aave: liquidity and variable borrow index (RAY); Morpho: 0. */
  liquidityIndex: t.bigint().notNull(),
  borrowIndex: t.bigint().notNull(),
  /** Aave: liquidity and variable borrow rate (RAY, per year); Morpho: the borrow rate of the last accrual (WAD, per second), supply 0. */
  supplyRate: t.bigint().notNull(),
  borrowRate: t.bigint().notNull(),
  suppliedSum: t.bigint().notNull(),
  withdrawnSum: t.bigint().notNull(),
  borrowedSum: t.bigint().notNull(),
  repaidSum: t.bigint().notNull(),
  collateralSuppliedSum: t.bigint().notNull(),
  collateralWithdrawnSum: t.bigint().notNull(),
  /** Debt repaid by liquidators and collateral they seized (Aave: in this reserve as debt or as collateral). */
  liquidatedDebtSum: t.bigint().notNull(),
  seizedSum: t.bigint().notNull(),
  badDebtSum: t.bigint().notNull(),
  interestSum: t.bigint().notNull(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** One point of a lending market's series per block in which it changed. */
export const lendingMarketSnapshot = onchainTable(
  "lending_market_snapshot",
  (t) => ({
    id: t.text().primaryKey(), // `${marketKey}:${block}`
    marketKey: t.text().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    totalSupplyAssets: t.bigint().notNull(),
    totalBorrowAssets: t.bigint().notNull(),
    /** Borrowed ÷ supplied, WAD (0 with nothing supplied). */
    utilization: t.bigint().notNull(),
    supplyRate: t.bigint().notNull(),
    borrowRate: t.bigint().notNull(),
  }),
  (t) => ({ byMarket: index().on(t.marketKey, t.block) }),
);

/**
 * An account's position in a market (Aave: in the pool, all reserves together; `market` = the pool), with its first and
 * last event; /risk's book reads the accounts with `openedBlock` (the same events lib/protocols/book.ts scans). Morpho: shares and collateral kept exactly from the events.
 */
export const lendingPosition = onchainTable(
  "lending_position",
  (t) => ({
    id: t.text().primaryKey(), // `${chainId}:${protocol}:${market}:${account}`
    chainId: t.integer().notNull(),
    protocol: t.text().notNull(),
    market: t.hex().notNull(),
    account: t.hex().notNull(),
    supplyShares: t.bigint().notNull(),
    borrowShares: t.bigint().notNull(),
    collateral: t.bigint().notNull(),
    /** Aave: the account's health factor (WAD), collateral and debt (the pool's base currency) at its last event's block. */
    healthFactor: t.bigint(),
    collateralBase: t.bigint(),
    debtBase: t.bigint(),
    events: t.integer().notNull(),
    /** The first block of an event that opens a borrower's position (Aave: Supply, Borrow; Morpho: SupplyCollateral, Borrow). */
    openedBlock: t.bigint(),
    firstBlock: t.bigint().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byMarket: index().on(t.chainId, t.protocol, t.market) }),
);

/**
 * A position's timeline: one row per event that names the account (Aave: `onBehalfOf` of Supply/Borrow, `user` of
 * Withdraw/Repay/LiquidationCall; Morpho: `onBehalf`, or the borrower of Liquidate), oldest first by block and log index.
 */
export const lendingEvent = onchainTable(
  "lending_event",
  (t) => ({
    id: t.text().primaryKey(), // `${chainId}:${event.id}`
    positionKey: t.text().notNull(),
    chainId: t.integer().notNull(),
    protocol: t.text().notNull(),
    /** Aave: the reserve; Morpho: the market id. */
    market: t.hex().notNull(),
    account: t.hex().notNull(),
    kind: t.text().notNull(), // the event's name
    /** The token moved and its amount (LiquidationCall: the debt asset and debt covered). */
    token: t.hex().notNull(),
    amount: t.bigint().notNull(),
    shares: t.bigint(),
    /** LiquidationCall: the collateral asset and amount seized; Liquidate: collateral seized, bad debt in `badDebt`. */
    seizedToken: t.hex(),
    seized: t.bigint(),
    badDebt: t.bigint(),
    actor: t.hex(),
    /**
     * The position after the event: Aave's health factor (WAD) and values (base currency) at the event's block; Morpho's
     * health factor (WAD, at the oracle's price at that block; null without debt), collateral and debt (loan units, rounded up).
     */
    healthAfter: t.bigint(),
    collateralAfter: t.bigint(),
    debtAfter: t.bigint(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (t) => ({ byPosition: index().on(t.positionKey, t.block, t.logIndex) }),
);
