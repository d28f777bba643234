/**
 * The book of each market kept in memory between requests, as columns (lib/analytics/risk-book-codec.ts `BookColumns`)
 * with the indexer state they were read at, so a new indexed block costs a query of the vaults it changed and a patch,
 * not a read of every vault.
 *
 * Every request reads the indexer's state first (one small query: its `version`, which changes whenever a vault row
 * may have — a new block, a reorg — and its finalized block). Within one version the built bytes are served again.
 * After a new one, only these rows are read: those written after the finalized block of the last read, and those the
 * cache holds from after it. That is every row that can differ from the cache:
 * - a row written in a new block carries that block, which is after the finalized one;
 * - a row a reorg rolled back to an older state (or deleted: a vault opened on the orphaned branch) was written after
 *   the finalized block — Ponder never reorgs below it — so the cache holds it from after it, and it is read again (or
 *   found gone and dropped);
 * - any other row was, in the cache and now, last written at or before that finalized block: the same state.
 * The first build of a market, and the one after a failed build, read every row. Requests are served in turn per
 * market, so a patch always starts from the state the previous one left.
 */
import { columnsOfRows, patchColumns, type BookColumns, type BookRow } from "../../../lib/analytics/risk-book-codec";

export interface BuiltBook {
  body: Uint8Array<ArrayBuffer>;
  vaults: number;
  block: bigint;
}

/** A vault row as the book reads it, with the block it was last written in. */
export type StoredRow = BookRow & { block: bigint };

/** The indexer's side of one market's book. */
export interface BookSource {
  /**
   * The state the book depends on: `version` names it (a different state, a different string), `finalized` is the
   * chain's finalized block as the indexer knows it, `block` the book's block (its header).
   */
  state(): Promise<{ version: string; finalized: bigint; block: bigint }>;
  /** Every row of the market (`after` null), or those written after block `after` and those with an id in `ids`. */
  rows(after: bigint | null, ids: readonly bigint[]): Promise<StoredRow[]>;
  /** The bytes served for `columns` (encoded and gzipped). */
  build(columns: BookColumns, block: bigint): Promise<Uint8Array<ArrayBuffer>>;
}

interface Snapshot {
  version: string;
  columns: BookColumns;
  /** The finalized block when the rows were read, and the block of each held row written after it. */
  finalized: bigint;
  recent: Map<bigint, bigint>;
  built: BuiltBook;
}

/** How a request was answered (for the tests and the bench's headers). */
export type BookFrom = "cached" | "patched" | "built";

export class BookCache {
  private readonly latest = new Map<string, Promise<Snapshot | null>>();

  /** The book of `key` as `source` holds it now: the bytes built at the current version, patched or built if needed. */
  async get(key: string, source: BookSource): Promise<BuiltBook & { from: BookFrom; changed: number }> {
    let from: BookFrom = "cached";
    let changed = 0;
    const step = (this.latest.get(key) ?? Promise.resolve(null)).then(async (held): Promise<Snapshot> => {
      const state = await source.state();
      if (held && held.version === state.version) return held;
      let columns: BookColumns;
      let recent: Map<bigint, bigint>;
      if (!held) {
        const rows = await source.rows(null, []);
        columns = columnsOfRows(rows);
        recent = new Map(rows.filter((r) => r.block > state.finalized).map((r) => [r.id, r.block]));
        from = "built";
        changed = rows.length;
      } else {
        const rows = await source.rows(held.finalized, [...held.recent.keys()]);
        const read = new Set(rows.map((r) => r.id));
        const removed = [...held.recent.keys()].filter((id) => !read.has(id));
        columns = patchColumns(held.columns, rows, removed);
        recent = new Map(rows.filter((r) => r.block > state.finalized).map((r) => [r.id, r.block]));
        from = "patched";
        changed = rows.length + removed.length;
      }
      const body = await source.build(columns, state.block);
      return { version: state.version, columns, finalized: state.finalized, recent, built: { body, vaults: columns.n, block: state.block } };
    });
    // A failed step leaves nothing behind: the next request reads every row again (a patch may have half-applied).
    const kept = step.catch(() => null);
    this.latest.set(key, kept);
    const snapshot = await step;
    return { ...snapshot.built, from, changed };
  }

  /** Markets held. */
  get size() {
    return this.latest.size;
  }
}
