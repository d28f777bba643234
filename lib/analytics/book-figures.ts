/**
 * What the risk page shows beside a book that depends on every vault of it: each vault's distance to liquidation and
 * odds within 1 and 7 days, the liquidation levels, the counts and sums of the totals, and the table's order. Computed
 * where the book lives — the risk worker (lib/analytics/stress.worker.ts), the page's thread only without one — so a
 * book of 100,000 vaults loading or refreshing leaves the page's main thread with work the size of what is on screen.
 */
import { liquidationOdds } from "./liquidation-odds";
import type { RiskBook } from "./risk-book";
import { liquidationLevels, nearestMove, oddsVaultFromBook, type LiquidationLevels, type RowBook } from "./stress";

/** The columns the figures and the order read: a RiskBook's, with each owner's rank among the book's distinct owners. */
export type FigureBook = RowBook & Pick<RiskBook, "ids" | "totalValue"> & { ownerRank: Uint32Array };

export type SortKey = "hf" | "distance" | "debt" | "collateral" | "owner" | "odds7";
export interface BookSort {
  key: SortKey;
  desc: boolean;
}

/**
 * The sort a click on `key`'s header asks for after `asked` (the last sort asked for, not the one on screen: the order
 * comes from the risk worker a moment later, and a second click meanwhile must turn the first one around): the same key
 * reverses, a new key starts with its natural direction (largest first for sizes and odds, smallest first otherwise).
 */
export function nextSort(asked: BookSort, key: SortKey): BookSort {
  return { key, desc: asked.key === key ? !asked.desc : key === "debt" || key === "collateral" || key === "odds7" };
}

/**
 * Annual volatilities for the odds: per collateral column (book order; null: unknown), and the debt side's — one for
 * every row (a Keel market: its base asset's), or per row (a protocol's book, NaN where unknown); null: unknown.
 */
export interface FigureSigmas {
  columns: (number | null)[];
  debt: number | null | Float64Array;
}

export interface BookFigures {
  /** Per vault: its closest distance to liquidation (fraction, Infinity when none), and which price (`nearestMove`). */
  distance: Float64Array;
  distanceWhich: Int16Array;
  /** Per vault: odds of liquidation within 1 and 7 days (NaN when unknown: no debt, or a volatility missing). */
  odds1: Float64Array;
  odds7: Float64Array;
  levels: LiquidationLevels;
  /** Vaults with debt, liquidatable now, and Σ debt value (USD float). */
  withDebt: number;
  liquidatableNow: number;
  totalDebt: number;
  /** Expected liquidations within 7 days: Σ odds, and Σ odds × debt value. */
  expected7: { n: number; debt: number };
}

/** Each owner's rank among the distinct owners (case-insensitive, sorted): the owner column's sort key. */
export function ownerRanks(owners: readonly string[]): Uint32Array {
  const distinct = [...new Set(owners.map((o) => o.toLowerCase()))].sort();
  const rank = new Map(distinct.map((o, r) => [o, r]));
  return Uint32Array.from(owners, (o) => rank.get(o.toLowerCase())!);
}

/** The same from an owner dictionary (distinct, lowercase: the compact book's) and each vault's index into it. */
export function ownerRanksOfIndex(list: readonly string[], index: Uint32Array): Uint32Array {
  const listRank = ownerRanks(list);
  return Uint32Array.from(index, (x) => listRank[x]!);
}

/** Every figure of `book` at volatilities `sigmas` (null: not known yet — no odds). */
export function bookFigures(book: FigureBook, sigmas: FigureSigmas | null): BookFigures {
  const { n } = book;
  const distance = new Float64Array(n);
  const distanceWhich = new Int16Array(n);
  const odds1 = new Float64Array(n).fill(NaN);
  const odds7 = new Float64Array(n).fill(NaN);
  let withDebt = 0;
  let liquidatableNow = 0;
  let totalDebt = 0;
  const expected7 = { n: 0, debt: 0 };
  for (let i = 0; i < n; i++) {
    const near = nearestMove(book, i);
    distance[i] = near.distance;
    distanceWhich[i] = near.which;
    const debt = book.debtValue[i]!;
    totalDebt += debt;
    liquidatableNow += book.liquidatableNow[i]!;
    if (debt > 0) withDebt++;
    if (debt === 0 || !sigmas) continue;
    const d = sigmas.debt;
    const debtSigma = d instanceof Float64Array ? (Number.isNaN(d[i]!) ? null : d[i]!) : d;
    const v = oddsVaultFromBook(book, i, sigmas.columns, debtSigma);
    if (!v) continue;
    odds1[i] = liquidationOdds(v, 1);
    odds7[i] = liquidationOdds(v, 7);
    expected7.n += odds7[i]!;
    expected7.debt += odds7[i]! * debt;
  }
  return { distance, distanceWhich, odds1, odds7, levels: liquidationLevels(book), withDebt, liquidatableNow, totalDebt, expected7 };
}

/**
 * The table's rows: the vaults with debt and a finite health factor, sorted by `sort` (ties by id; descending
 * reverses both), as indices into the book. Every key is a float (owners by rank), so it is one typed-array sort.
 */
export function bookOrder(book: FigureBook, figures: Pick<BookFigures, "distance" | "odds7">, sort: BookSort): Uint32Array {
  const from = {
    hf: book.healthFactor,
    distance: figures.distance,
    debt: book.debtValue,
    collateral: book.totalValue,
    odds7: figures.odds7,
    owner: book.ownerRank,
  }[sort.key];
  const keys = new Float64Array(book.n);
  for (let i = 0; i < book.n; i++) keys[i] = sort.key === "odds7" && Number.isNaN(from[i]!) ? -1 : from[i]!;
  let m = 0;
  const idx = new Uint32Array(book.n);
  for (let i = 0; i < book.n; i++) {
    const hf = book.healthFactor[i]!;
    if (book.debtValue[i] === 0 || hf !== hf || hf === Infinity) continue;
    idx[m++] = i;
  }
  const dir = sort.desc ? -1 : 1;
  return idx.subarray(0, m).sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return (ka < kb ? -1 : ka > kb ? 1 : book.ids[a]! - book.ids[b]!) * dir;
  });
}
