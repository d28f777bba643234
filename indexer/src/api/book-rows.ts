/**
 * The vault rows `/book` reads (book-cache.ts `BookSource.rows`): one market's rows, every one or only those that can
 * have changed since the cache's last read.
 *
 * The ids the cache holds from after the finalized block travel as ONE array parameter (`= any($n::numeric[])`), not
 * one parameter each (`in ($1, $2, …)`): Postgres's wire protocol counts a statement's parameters in 16 bits, so a
 * list of more than 32,767 ids — 100,000 vaults written after the finalized block, as a backfill near the head or
 * bench:book's seeded rows make — came back from PGlite with a negative count, its protocol parser threw ("Invalid
 * array length") with the rest of the answer still in its buffer, and every later query of the indexer failed the same
 * way until Ponder gave up and exited (the ECONNRESET of the first `/book` after a restart). Postgres itself refuses
 * more than 65,535.
 */
import { and, eq, gt, or, sql, type ReadonlyDrizzle } from "ponder";
import type { vault } from "../../ponder.schema";
import type { StoredRow } from "./book-cache";

/**
 * The rows of market `address` on chain `chainId`: all of them (`after` null), else those written after block `after`
 * and those whose vault id is in `ids`. `table` is the schema's `vault` (the one Ponder's `db` knows: "ponder:schema").
 */
export async function readBookRows(
  db: Pick<ReadonlyDrizzle, "select">,
  table: typeof vault,
  chainId: number,
  address: `0x${string}`,
  after: bigint | null,
  ids: readonly bigint[],
): Promise<StoredRow[]> {
  const v = table;
  const changed =
    after === null
      ? undefined
      : ids.length > 0
        ? or(gt(v.block, after), sql`${v.vaultId} = any(${`{${ids.join(",")}}`}::numeric[])`)
        : gt(v.block, after);
  const rows = await db
    .select({ id: v.vaultId, owner: v.owner, debtShares: v.debtShares, assets: v.collateralAssets, amounts: v.collateralAmounts, block: v.block })
    .from(v)
    .where(and(eq(v.chainId, chainId), eq(v.market, address), changed));
  return rows as StoredRow[];
}
