/**
 * The risk page's worker: it loads a market's book from the indexer (fetch, gunzip, decode, value every vault with
 * lib/engine/risk.ts — lib/analytics/risk-book.ts `loadRiskBookFromIndexer`'s work, on the first load and on every
 * 30 s refresh) and recomputes the stress scenario on every slider move (lib/analytics/stress.ts `stressScenario`: `stress`
 * and `healthHistogram` in one pass, every figure equal to theirs), so neither blocks the page's main thread.
 *
 * Protocol (every book the worker holds has an id the page chose):
 * - `build-book`: the indexer's gzipped compact book (`bytes`, transferred: the page fetched them, which does not block
 *   it) priced with the market read from the chain (`view`); the answer
 *   (`book`) carries the RiskBook packed for the trip (typed arrays transferred; owners as an index into the distinct
 *   owners, debts as two 64-bit halves — no per-vault string or bigint to clone on the page's thread) and the unshocked
 *   scenario; the worker keeps the book's stress columns. A failure answers `book-error` with the reason's code.
 * - `load`: a book the page read itself (the chain's lens pages, a protocol's book): its columns, copies transferred.
 * - `run`: one scenario over a held book; the answer carries its per-vault flags as a transferred typed array. The page
 *   has one run in flight at a time and sends only its latest move when the answer is back.
 * - `figures`: what the page shows beside a held book that depends on every vault (lib/analytics/book-figures.ts: distances,
 *   odds at the volatilities sent, liquidation levels, counts and sums) and the table's order for a sort; the figures are
 *   kept per book and volatilities (`sigmasKey`), so a new sort only sorts. Arrays transferred (copies of the kept ones).
 * - `drop`: the page no longer shows that book.
 *
 * `createStressHandler` is the stress logic, callable without a worker (the unit test and the page's fallback when
 * `Worker` is unavailable use it directly); the bottom of the file registers the protocol when this module runs as a
 * worker.
 */
import type { Address } from "viem";
import type { LensMarket } from "../read/vaults";
import {
  bookFigures,
  bookOrder,
  ownerRanks,
  ownerRanksOfIndex,
  type BookFigures,
  type BookSort,
  type FigureBook,
  type FigureSigmas,
} from "./book-figures";
import { bookFromIndexer, type IndexerWhy, type RiskBook } from "./risk-book";
import { stressColumns, stressScenario, type healthHistogram, type StressColumns, type StressResult } from "./stress";

/** The book's columns the worker reads: the recompute's (lib/analytics/stress.ts `stressColumns`) and the figures'. */
export type StressBook = Pick<
  RiskBook,
  "n" | "k" | "value" | "liquidationValue" | "debtValue" | "debtInColumn" | "healthFactor" | "liquidatableNow" | "maxDiscount" | "fixedDiscount"
> &
  FigureBook;

export type StressRequest =
  | { type: "load"; id: number; book: StressBook }
  /** `shocks`: falls per collateral as fractions (0.3 = −30 %). */
  | { type: "run"; id: number; seq: number; shocks: number[] }
  | { type: "build-book"; id: number; bytes: ArrayBuffer; view: LensMarket }
  /** `sigmasKey` names `sigmas` (the same key, the same volatilities); `req` is echoed in the answer. */
  | { type: "figures"; id: number; req: number; sigmas: FigureSigmas | null; sigmasKey: string; sort: BookSort }
  | { type: "drop"; id: number };

/** A `figures` request's answer (null figures: the worker does not hold that book). */
export interface FiguresAnswer {
  type: "figures";
  id: number;
  req: number;
  figures: BookFigures | null;
  order: Uint32Array | null;
  /** Time the figures (0 when kept) and the sort took in the worker, ms. */
  ms: { figures: number; order: number };
}

export interface StressAnswer {
  type: "stress";
  /** The book it ran on. */
  id: number;
  seq: number;
  shocks: number[];
  result: StressResult;
  /** 1 per vault liquidatable in the scenario. */
  flags: Uint8Array;
  /** The health histogram at the scenario (today's when every shock is 0). */
  histogram: ReturnType<typeof healthHistogram>;
  /** Time the recompute took, in ms (where it ran). */
  ms: number;
}

/** A RiskBook without its per-vault strings and bigints, which travel as typed arrays (`packBook`). */
export interface PackedBook extends Omit<RiskBook, "owners" | "debt"> {
  ownerList: Address[];
  ownerIndex: Uint32Array;
  /** Debt per vault as two 64-bit halves (low, high); `debtWide` instead when one needs more than 128 bits. */
  debtLow: BigUint64Array;
  debtHigh: BigUint64Array;
  debtWide: bigint[] | null;
}

export type BookAnswer =
  | {
      type: "book";
      id: number;
      book: PackedBook;
      block: bigint;
      notIndexed: number;
      /** The unshocked scenario, computed beside the book. */
      scenario: StressAnswer;
      /** ms in the worker: decode (gunzip and decode), build (value every vault, stress columns, the unshocked scenario). */
      timing: { decode: number; build: number };
    }
  | { type: "book-error"; id: number; message: string; why: IndexerWhy };

export type WorkerAnswer = StressAnswer | BookAnswer | FiguresAnswer;

/** The worker's own copy of a book's columns (`ownerRank`: from the page's owners when not given). */
export function workerColumns(book: RiskBook, ownerRank?: Uint32Array): StressBook {
  return {
    n: book.n,
    k: book.k,
    ids: book.ids.slice(),
    value: book.value.slice(),
    liquidationValue: book.liquidationValue.slice(),
    totalValue: book.totalValue.slice(),
    totalLiquidationValue: book.totalLiquidationValue.slice(),
    liquidationThreshold: book.liquidationThreshold.slice(),
    debtValue: book.debtValue.slice(),
    ...(book.debtInColumn ? { debtInColumn: book.debtInColumn.slice() } : {}),
    ...(book.stable ? { stable: book.stable.slice() } : {}),
    ...(book.debtRise ? { debtRise: book.debtRise.slice() } : {}),
    healthFactor: book.healthFactor.slice(),
    liquidatableNow: book.liquidatableNow.slice(),
    maxDiscount: book.maxDiscount.slice(),
    fixedDiscount: book.fixedDiscount ?? false,
    ownerRank: ownerRank ?? ownerRanks(book.owners),
  };
}

/** Copies of the book's columns the worker needs, and the buffers to transfer them with (the page keeps its own). */
export function stressBookMessage(book: RiskBook, id = 0): { message: StressRequest; transfer: ArrayBuffer[] } {
  const copy = workerColumns(book);
  const transfer = (Object.values(copy) as unknown[]).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v)).map((a) => a.buffer as ArrayBuffer);
  return { message: { type: "load", id, book: copy }, transfer };
}

/** Shock levels of the warm-up scenarios: none, mild, deep, everything wiped out (each column a different one). */
const WARM_SHOCKS = [0, 0.15, 0.35, 0.6, 0.9];
/** Warm-up passes over those levels (each run shifts which column gets which level). */
const WARM_RUNS = 2;

/**
 * The recompute warmed over `columns`: a few scenarios run once at load, off the main thread, so the JIT has compiled
 * `stressScenario` with every branch seen (nothing, some and every vault liquidated) before the first slider move
 * instead of during the first moves — the slow tail of a cold worker. A book the worker built is warmed after its
 * answer has gone (the page does not wait for it).
 */
export function warmStress(columns: StressColumns) {
  const scratch = new Uint8Array(columns.n);
  for (let r = 0; r < WARM_RUNS * WARM_SHOCKS.length; r++)
    stressScenario(
      columns,
      Array.from({ length: columns.k }, (_, j) => WARM_SHOCKS[(r + j) % WARM_SHOCKS.length]!),
      scratch,
    );
}

/** The book's stress columns (lib/analytics/stress.ts `stressColumns`), the recompute warmed over them (`warmStress`). */
export function prepareStressBook(book: StressBook): StressColumns {
  const columns = stressColumns(book);
  warmStress(columns);
  return columns;
}

/** One scenario over the book: the answer the worker sends for a move (the page's fallback calls it on its own thread). */
export function runStress(columns: StressColumns, id: number, seq: number, shocks: number[]): StressAnswer {
  const started = performance.now();
  const flags = new Uint8Array(columns.n);
  const { result, histogram } = stressScenario(columns, shocks, flags);
  return { type: "stress", id, seq, shocks, result, flags, histogram, ms: performance.now() - started };
}

/** Books held at most (the page drops the ones it stops showing; this bounds what a page that did not can leave). */
const HELD_BOOKS = 4;

/** A book the worker holds: its stress columns, its columns for the figures, and the last figures computed. */
interface Held {
  columns: StressColumns;
  book: FigureBook;
  figures: { key: string; figures: BookFigures } | null;
}

/**
 * The stress and figures half of the protocol: keeps the loaded books, answers each run (null for a book it does not
 * hold) and each figures request.
 */
export function createStressHandler() {
  const books = new Map<number, Held>();
  const hold = (id: number, book: StressBook, columns = prepareStressBook(book)) => {
    books.set(id, { columns, book, figures: null });
    for (const old of books.keys()) if (books.size > HELD_BOOKS) books.delete(old);
  };
  return {
    hold,
    handle(request: StressRequest): StressAnswer | null {
      if (request.type === "load") {
        hold(request.id, request.book);
        return null;
      }
      if (request.type === "drop") {
        books.delete(request.id);
        return null;
      }
      if (request.type !== "run") return null;
      const held = books.get(request.id);
      return held ? runStress(held.columns, request.id, request.seq, request.shocks) : null;
    },
    /**
     * Warms the recompute over a held book again (`warmStress`): after a figures request, whose allocations for every
     * vault leave the heap and the compiled recompute where the first slider move would pay for them (bench:risk: a
     * first move of 30 ms, then at most 12).
     */
    rewarm(id: number) {
      const held = books.get(id);
      if (held) warmStress(held.columns);
    },
    /** A `figures` request's answer: copies of the kept figures (computed when the volatilities are new) and the order. */
    figures(request: Extract<StressRequest, { type: "figures" }>): FiguresAnswer {
      const { id, req } = request;
      const held = books.get(id);
      if (!held) return { type: "figures", id, req, figures: null, order: null, ms: { figures: 0, order: 0 } };
      const t0 = performance.now();
      if (held.figures?.key !== request.sigmasKey) held.figures = { key: request.sigmasKey, figures: bookFigures(held.book, request.sigmas) };
      const t1 = performance.now();
      const kept = held.figures.figures;
      const order = bookOrder(held.book, kept, request.sort);
      const t2 = performance.now();
      const figures: BookFigures = {
        ...kept,
        distance: kept.distance.slice(),
        distanceWhich: kept.distanceWhich.slice(),
        odds1: kept.odds1.slice(),
        odds7: kept.odds7.slice(),
        levels: { ...kept.levels, perAsset: kept.levels.perAsset.map((a) => a.slice()), all: kept.levels.all.slice() },
        expected7: { ...kept.expected7 },
      };
      return { type: "figures", id, req, figures, order, ms: { figures: t1 - t0, order: t2 - t1 } };
    },
  };
}

/** Transfer list for a figures answer (its typed arrays). */
export function figuresTransfer(a: FiguresAnswer): ArrayBuffer[] {
  if (!a.figures || !a.order) return [];
  const f = a.figures;
  return [f.distance, f.distanceWhich, f.odds1, f.odds7, f.levels.all, ...f.levels.perAsset, a.order].map((x) => x.buffer as ArrayBuffer);
}

const U64 = (1n << 64n) - 1n;

/** The book as it crosses to the page (`PackedBook`) and the buffers to transfer. */
export function packBook(book: RiskBook, ownerIndex: Uint32Array, ownerList: Address[]): { packed: PackedBook; transfer: ArrayBuffer[] } {
  const { debt } = book;
  const rest: Partial<RiskBook> = { ...book };
  delete rest.owners;
  delete rest.debt;
  const debtLow = new BigUint64Array(book.n);
  const debtHigh = new BigUint64Array(book.n);
  let wide = false;
  for (let i = 0; i < book.n; i++) {
    const d = debt[i]!;
    if (d >> 128n !== 0n) wide = true;
    debtLow[i] = d & U64;
    debtHigh[i] = (d >> 64n) & U64;
  }
  const packed: PackedBook = {
    ...(rest as Omit<RiskBook, "owners" | "debt">),
    ownerList,
    ownerIndex,
    debtLow,
    debtHigh,
    debtWide: wide ? debt : null,
  };
  const typed = Object.values(packed).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v));
  return { packed, transfer: [...new Set(typed.map((v) => v.buffer as ArrayBuffer))] };
}

/** The RiskBook on the page's side: owners from their index (one array of references), debts read from the halves. */
export function unpackBook(p: PackedBook): RiskBook {
  const { ownerList, ownerIndex, debtLow, debtHigh, debtWide, ...rest } = p;
  const owners = new Array<Address>(p.n);
  for (let i = 0; i < p.n; i++) owners[i] = ownerList[ownerIndex[i]!]!;
  let debt: bigint[];
  if (debtWide) debt = debtWide;
  else {
    debt = new Array<bigint>(p.n);
    for (let i = 0; i < p.n; i++) debt[i] = debtHigh[i] === 0n ? debtLow[i]! : (debtHigh[i]! << 64n) | debtLow[i]!;
  }
  return { ...rest, owners, debt };
}

/**
 * The worker's `build-book`: the indexer's book in `bytes`, priced with `view`, packed, with its unshocked scenario;
 * `columns`, the book's stress columns, to warm (`warmStress`) once the answer has gone.
 */
export async function buildBookAnswer(
  id: number,
  bytes: ArrayBuffer,
  view: LensMarket,
  stress: ReturnType<typeof createStressHandler>,
): Promise<{ answer: BookAnswer; transfer: ArrayBuffer[]; columns: StressColumns | null }> {
  try {
    const t1 = performance.now();
    const { book, block, notIndexed, owners, ownerIndex, decodeMs } = await bookFromIndexer(bytes, view);
    const decodedAt = t1 + decodeMs;
    // The worker keeps its own copy of the columns (the book's go to the page).
    const own = workerColumns({ ...book, owners: [] }, ownerRanksOfIndex(owners, ownerIndex));
    const columns = stressColumns(own);
    stress.hold(id, own, columns);
    const scenario = runStress(
      columns,
      id,
      0,
      book.assets.map(() => 0),
    );
    const t2 = performance.now();
    const { packed, transfer } = packBook(book, ownerIndex, owners);
    return {
      answer: { type: "book", id, book: packed, block, notIndexed, scenario, timing: { decode: decodeMs, build: t2 - decodedAt } },
      transfer: [...transfer, scenario.flags.buffer as ArrayBuffer],
      columns,
    };
  } catch (e) {
    const why = (e as { why?: IndexerWhy }).why ?? "unusable";
    return { answer: { type: "book-error", id, message: (e as Error).message, why }, transfer: [], columns: null };
  }
}

/** Transfer list for an answer (its per-vault array). */
export const answerTransfer = (a: StressAnswer): ArrayBuffer[] => [a.flags.buffer as ArrayBuffer];

// Running as a dedicated worker (no `window`, a `postMessage` on the global): register the protocol. The page sends
// one run at a time (the next once this one's answer is back), so each is computed as it arrives.
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (e: MessageEvent<StressRequest>) => void): void;
}
const scope = globalThis as unknown as Partial<WorkerScope> & { window?: unknown };
if (typeof scope.window === "undefined" && typeof scope.postMessage === "function" && typeof scope.addEventListener === "function") {
  const stress = createStressHandler();
  scope.addEventListener("message", (e) => {
    const request = e.data;
    if (request.type === "build-book") {
      void buildBookAnswer(request.id, request.bytes, request.view, stress).then(({ answer, transfer, columns }) => {
        scope.postMessage!(answer, transfer);
        // The page has its book; the recompute warms while it renders it.
        if (columns) warmStress(columns);
      });
      return;
    }
    if (request.type === "figures") {
      const answer = stress.figures(request);
      scope.postMessage!(answer, figuresTransfer(answer));
      // New figures (not a sort of kept ones): the worker is idle until the next move, so the recompute warms now.
      if (answer.ms.figures > 0) stress.rewarm(request.id);
      return;
    }
    if (request.type !== "run") {
      stress.handle(request);
      return;
    }
    const answer = stress.handle(request);
    if (answer) scope.postMessage!(answer, answerTransfer(answer));
  });
}
