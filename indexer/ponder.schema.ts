/**
 * The indexer's tables. Every row is keyed by chain and contract address, so one database holds every configured
 * chain; amounts are raw integers (token units, WAD prices and values) exactly as the chain reported them.
 * A protocol (Aave v3, Morpho Blue, the risk admin) adds its own tables in its own handler file's schema section.
 */
import { index, onchainTable } from "ponder";

/** A Keel market: its state after the last indexed event (read from the lens at that block) and event counters. */
export const market = onchainTable("market", (t) => ({
  id: t.text().primaryKey(), // `${chainId}:${market}`
  chainId: t.integer().notNull(),
  address: t.hex().notNull(),
  baseAsset: t.hex().notNull(),
  baseDecimals: t.integer().notNull(),
  totalSupplied: t.bigint().notNull(),
  totalBorrows: t.bigint().notNull(),
  totalReserves: t.bigint().notNull(),
  totalBadDebt: t.bigint().notNull(),
  utilization: t.bigint().notNull(),
  borrowRate: t.bigint().notNull(),
  supplyRate: t.bigint().notNull(),
  vaultCount: t.bigint().notNull(),
  /** Σ of events since deployment, base units: what the chain's totals are checked against. */
  borrowedSum: t.bigint().notNull(),
  repaidSum: t.bigint().notNull(),
  liquidatedSum: t.bigint().notNull(),
  badDebtSum: t.bigint().notNull(),
  interestSum: t.bigint().notNull(),
  reservesSum: t.bigint().notNull(),
  lenderDepositSum: t.bigint().notNull(),
  lenderWithdrawSum: t.bigint().notNull(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** One point of a market's time series per block in which it changed. */
export const marketSnapshot = onchainTable(
  "market_snapshot",
  (t) => ({
    id: t.text().primaryKey(), // `${chainId}:${market}:${block}`
    marketId: t.text().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    totalSupplied: t.bigint().notNull(),
    totalBorrows: t.bigint().notNull(),
    totalReserves: t.bigint().notNull(),
    totalBadDebt: t.bigint().notNull(),
    utilization: t.bigint().notNull(),
    borrowRate: t.bigint().notNull(),
    supplyRate: t.bigint().notNull(),
  }),
  (t) => ({ byMarket: index().on(t.marketId, t.block) }),
);

/** A vault: owner and state after its last event, with running totals for interest and realised P&L. */
export const vault = onchainTable(
  "vault",
  (t) => ({
    id: t.text().primaryKey(), // `${chainId}:${market}:${vaultId}`
    chainId: t.integer().notNull(),
    market: t.hex().notNull(),
    vaultId: t.bigint().notNull(),
    owner: t.hex().notNull(),
    openedBlock: t.bigint().notNull(),
    debt: t.bigint().notNull(),
    /** Debt shares and the collateral held (assets and token amounts, same order): the book /risk loads (`/book`). */
    debtShares: t.bigint().notNull(),
    collateralAssets: t.text().array().notNull(),
    collateralAmounts: t.bigint().array().notNull(),
    collateralValue: t.bigint().notNull(),
    debtValue: t.bigint().notNull(),
    healthFactor: t.bigint().notNull(),
    pricesOk: t.boolean().notNull(),
    /** Base units borrowed, repaid (by anyone, liquidations included) and written off, summed over events. */
    borrowed: t.bigint().notNull(),
    repaid: t.bigint().notNull(),
    badDebt: t.bigint().notNull(),
    /** USD (WAD) at each event's prices: collateral deposited and withdrawn/seized, debt borrowed and repaid. */
    depositedUsd: t.bigint().notNull(),
    withdrawnUsd: t.bigint().notNull(),
    borrowedUsd: t.bigint().notNull(),
    repaidUsd: t.bigint().notNull(),
    /** Block of the last event, and the vault at the end of the block before it (null when it opened in that block). */
    block: t.bigint().notNull(),
    prevHealth: t.bigint(),
    prevCollateralValue: t.bigint(),
    prevDebt: t.bigint(),
  }),
  // byMarketBlock: /book reads the rows of a market written after a block (indexer/src/api/book-cache.ts).
  (t) => ({ byOwner: index().on(t.owner), byMarket: index().on(t.market), byMarketBlock: index().on(t.market, t.block) }),
);

/**
 * The timeline: one row per event about a vault — the action with its amounts, the price of the asset it moved, and
 * the vault's health and values before (at the end of the previous block) and after (at the end of this event's
 * block): the events of one transaction — a protection run's withdraw, repay and execution — share before → after.
 */
export const vaultEvent = onchainTable(
  "vault_event",
  (t) => ({
    id: t.text().primaryKey(), // `${chainId}:${txHash}:${logIndex}`
    vaultKey: t.text().notNull(),
    chainId: t.integer().notNull(),
    market: t.hex().notNull(),
    vaultId: t.bigint().notNull(),
    kind: t.text().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
    actor: t.hex(),
    /** Collateral the event moved (null for debt events) and its amount; `baseAmount` for debt moved, base units. */
    asset: t.hex(),
    amount: t.bigint(),
    baseAmount: t.bigint(),
    /** USD per whole token (WAD) of `asset` (or the base asset) at the event's block; null when unpriced. */
    price: t.bigint(),
    /** Liquidation discount (WAD) or the guard rule's kind, when the event has one. */
    detail: t.text(),
    healthBefore: t.bigint(),
    healthAfter: t.bigint().notNull(),
    collateralValueBefore: t.bigint(),
    collateralValueAfter: t.bigint().notNull(),
    debtBefore: t.bigint(),
    debtAfter: t.bigint().notNull(),
  }),
  (t) => ({ byVault: index().on(t.vaultKey, t.block, t.logIndex) }),
);

/** Every liquidation, for the liquidations list and its CSV. */
export const liquidation = onchainTable(
  "liquidation",
  (t) => ({
    id: t.text().primaryKey(),
    chainId: t.integer().notNull(),
    market: t.hex().notNull(),
    vaultId: t.bigint().notNull(),
    liquidator: t.hex().notNull(),
    asset: t.hex().notNull(),
    repaid: t.bigint().notNull(),
    seized: t.bigint().notNull(),
    discount: t.bigint().notNull(),
    price: t.bigint(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ byMarket: index().on(t.market, t.block) }),
);

/**
 * Lenders' flows, one row per lender: through a market's lender vault (kind `Deposit` / `Withdraw`, `owner` the vault
 * share owner, `lenderVault` set) or straight on the market's supply ledger (kind `Supplied` / `Withdrawn`, `owner` the
 * `onBehalf` account). Σ assets per market and kind equals the market's lenderDepositSum / lenderWithdrawSum.
 */
export const lenderEvent = onchainTable("lender_event", (t) => ({
  id: t.text().primaryKey(),
  chainId: t.integer().notNull(),
  market: t.hex().notNull(),
  lenderVault: t.hex(),
  kind: t.text().notNull(),
  owner: t.hex().notNull(),
  assets: t.bigint().notNull(),
  shares: t.bigint().notNull(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** Every round of every price feed (Chainlink AnswerUpdated; the dev feeds emit the same event). */
export const priceRound = onchainTable(
  "price_round",
  (t) => ({
    id: t.text().primaryKey(),
    chainId: t.integer().notNull(),
    feed: t.hex().notNull(),
    roundId: t.bigint().notNull(),
    answer: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byFeed: index().on(t.feed, t.block) }),
);

/** A KeelGuard protection rule as it stands now. */
export const guardRule = onchainTable("guard_rule", (t) => ({
  id: t.text().primaryKey(), // `${chainId}:${market}:${vaultId}:${kind}`
  chainId: t.integer().notNull(),
  market: t.hex().notNull(),
  vaultId: t.bigint().notNull(),
  kind: t.integer().notNull(),
  owner: t.hex().notNull(),
  collateral: t.hex().notNull(),
  trigger: t.bigint().notNull(),
  target: t.bigint().notNull(),
  paused: t.boolean().notNull(),
  removed: t.boolean().notNull(),
  executions: t.integer().notNull(),
  block: t.bigint().notNull(),
}));
export * from "./src/lending.schema";
