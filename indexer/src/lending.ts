/**
 * What the Aave v3 and Morpho Blue handlers share: the keys, a market row's running totals and its series point, and a
 * position's row and timeline row. The handlers (aave-v3.ts, morpho-blue.ts) decide the amounts; these write them.
 */
import type { Context } from "ponder:registry";
import { lendingEvent, lendingMarket, lendingMarketSnapshot, lendingPosition } from "ponder:schema";
import { WAD } from "../../lib/engine/math";

export type LendingProtocol = "aave-v3" | "morpho-blue";
type Hex = `0x${string}`;
type Db = Context["db"];
type MarketRow = typeof lendingMarket.$inferSelect;
type PositionRow = typeof lendingPosition.$inferSelect;

export const lendingMarketKey = (chainId: number, protocol: LendingProtocol, market: string) => `${chainId}:${protocol}:${market.toLowerCase()}`;
export const lendingPositionKey = (chainId: number, protocol: LendingProtocol, market: string, account: string) =>
  `${lendingMarketKey(chainId, protocol, market)}:${account.toLowerCase()}`;

const ZERO_MARKET = {
  totalSupplyAssets: 0n,
  totalSupplyShares: 0n,
  totalBorrowAssets: 0n,
  totalBorrowShares: 0n,
  totalCollateral: 0n,
  liquidityIndex: 0n,
  borrowIndex: 0n,
  supplyRate: 0n,
  borrowRate: 0n,
  suppliedSum: 0n,
  withdrawnSum: 0n,
  borrowedSum: 0n,
  repaidSum: 0n,
  collateralSuppliedSum: 0n,
  collateralWithdrawnSum: 0n,
  liquidatedDebtSum: 0n,
  seizedSum: 0n,
  badDebtSum: 0n,
  interestSum: 0n,
};

/** The block an event is in, as the rows record it. */
export type At = { block: bigint; timestamp: bigint };

/**
 * Updates a market's row with `change` (given the row as it stands, or zeros before its first event) and writes its
 * series point for this block (one per block: a later event of the block overwrites it).
 */
export async function updateMarket(
  db: Db,
  m: { chainId: number; protocol: LendingProtocol; venue: Hex; market: Hex },
  at: At,
  change: (row: Omit<MarketRow, "id" | "chainId" | "protocol" | "venue" | "market" | "block" | "timestamp">) => Partial<MarketRow>,
): Promise<MarketRow> {
  const id = lendingMarketKey(m.chainId, m.protocol, m.market);
  const current = (await db.find(lendingMarket, { id })) ?? { ...ZERO_MARKET };
  const next = { ...ZERO_MARKET, ...current, ...change(current), ...m, id, block: at.block, timestamp: at.timestamp } as MarketRow;
  await db.insert(lendingMarket).values(next).onConflictDoUpdate(next);
  const point = {
    totalSupplyAssets: next.totalSupplyAssets,
    totalBorrowAssets: next.totalBorrowAssets,
    utilization: next.totalSupplyAssets > 0n ? (next.totalBorrowAssets * WAD) / next.totalSupplyAssets : 0n,
    supplyRate: next.supplyRate,
    borrowRate: next.borrowRate,
    timestamp: at.timestamp,
  };
  await db
    .insert(lendingMarketSnapshot)
    .values({ id: `${id}:${at.block}`, marketKey: id, block: at.block, ...point })
    .onConflictDoUpdate(point);
  return next;
}

/** Updates (or starts) an account's position row with `change` and counts the event; `opens`: a borrower's opening event. */
export async function updatePosition(
  db: Db,
  p: { chainId: number; protocol: LendingProtocol; market: Hex; account: Hex },
  at: At,
  opens: boolean,
  change: (row: Pick<PositionRow, "supplyShares" | "borrowShares" | "collateral">) => Partial<PositionRow> = () => ({}),
): Promise<PositionRow> {
  const id = lendingPositionKey(p.chainId, p.protocol, p.market, p.account);
  const current = await db.find(lendingPosition, { id });
  const base = current ?? {
    ...p,
    id,
    supplyShares: 0n,
    borrowShares: 0n,
    collateral: 0n,
    healthFactor: null,
    collateralBase: null,
    debtBase: null,
    events: 0,
    openedBlock: null,
    firstBlock: at.block,
    block: at.block,
  };
  const openedBlock = base.openedBlock ?? (opens ? at.block : null);
  const next = { ...base, ...change(base), openedBlock, events: base.events + 1, block: at.block } as PositionRow;
  await db.insert(lendingPosition).values(next).onConflictDoUpdate(next);
  return next;
}

/** One row of a position's timeline. */
export async function recordLendingEvent(db: Db, row: Omit<typeof lendingEvent.$inferInsert, "positionKey"> & { venueMarket: Hex }): Promise<void> {
  const { venueMarket, ...rest } = row;
  await db
    .insert(lendingEvent)
    .values({ ...rest, positionKey: lendingPositionKey(row.chainId, row.protocol as LendingProtocol, venueMarket, row.account) });
}
