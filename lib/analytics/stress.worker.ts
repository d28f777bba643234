/**
 * The stress recompute (lib/analytics/stress.ts `stressScenario`: `stress` and `healthHistogram` in one pass, every figure equal
 * to theirs) in a Web Worker, so a slider move never blocks the page's main thread.
 *
 * Protocol: the page sends the book's columns once (`load`, copies whose buffers are transferred, not cloned), then one
 * `run` per slider move with a sequence number; each answer carries that number and its per-vault flags and stressed
 * flags as a transferred typed array (the page needs nothing else per vault). Moves that arrive while one is computing are coalesced: only the latest
 * is computed (the page drops any answer older than its latest move too).
 *
 * `createStressHandler` is the whole logic, callable without a worker (the unit test and the page's fallback when
 * `Worker` is unavailable use it directly); the bottom of the file registers it when this module runs as a worker.
 */
import type { RiskBook } from "./risk-book";
import { stressIndex, stressScenario, type healthHistogram, type StressResult } from "./stress";

/** The book's columns the recompute reads (lib/analytics/stress.ts `stress` and `healthHistogram`). */
export type StressBook = Pick<
  RiskBook,
  "n" | "k" | "value" | "liquidationValue" | "debtValue" | "healthFactor" | "liquidatableNow" | "maxDiscount" | "fixedDiscount"
>;

export type StressRequest =
  | { type: "load"; book: StressBook }
  /** `shocks`: falls per collateral as fractions (0.3 = −30 %). */
  | { type: "run"; seq: number; shocks: number[] };

export interface StressAnswer {
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

/** Copies of the book's columns the recompute needs, and the buffers to transfer them with (the page keeps its own). */
export function stressBookMessage(book: RiskBook): { message: StressRequest; transfer: ArrayBuffer[] } {
  const copy: StressBook = {
    n: book.n,
    k: book.k,
    value: book.value.slice(),
    liquidationValue: book.liquidationValue.slice(),
    debtValue: book.debtValue.slice(),
    healthFactor: book.healthFactor.slice(),
    liquidatableNow: book.liquidatableNow.slice(),
    maxDiscount: book.maxDiscount.slice(),
    fixedDiscount: book.fixedDiscount ?? false,
  };
  const transfer = [copy.value, copy.liquidationValue, copy.debtValue, copy.healthFactor, copy.liquidatableNow, copy.maxDiscount].map(
    (a) => a.buffer as ArrayBuffer,
  );
  return { message: { type: "load", book: copy }, transfer };
}

/** A loaded book and the vaults a scenario can move (lib/analytics/stress.ts `stressIndex`, built once per book). */
export interface PreparedBook {
  book: StressBook;
  active: Uint32Array;
}

/** Shock levels of the warm-up scenarios: none, mild, deep, everything wiped out (each column a different one). */
const WARM_SHOCKS = [0, 0.15, 0.35, 0.6, 0.9];
/** Warm-up passes over those levels (each run shifts which column gets which level). */
const WARM_RUNS = 2;

/**
 * The book with its index (lib/stress.ts `stressIndex`), and the recompute warmed: a few scenarios run once at load,
 * off the main thread, so the JIT has compiled `stressScenario` with every branch seen (nothing, some and every vault
 * liquidated) before the first slider move instead of during the first moves — the slow tail of a cold worker.
 */
export function prepareStressBook(book: StressBook): PreparedBook {
  const active = stressIndex(book);
  const scratch = new Uint8Array(book.n);
  for (let r = 0; r < WARM_RUNS * WARM_SHOCKS.length; r++)
    stressScenario(
      book,
      active,
      Array.from({ length: book.k }, (_, j) => WARM_SHOCKS[(r + j) % WARM_SHOCKS.length]!),
      scratch,
    );
  return { book, active };
}

/** One scenario over the book: the answer the worker sends for a move (the page's fallback calls it on its own thread). */
export function runStress({ book, active }: PreparedBook, seq: number, shocks: number[]): StressAnswer {
  const started = performance.now();
  const flags = new Uint8Array(book.n);
  const { result, histogram } = stressScenario(book, active, shocks, flags);
  return { seq, shocks, result, flags, histogram, ms: performance.now() - started };
}

/** The worker's message handler: keeps the loaded book, answers each run (null before a book is loaded). */
export function createStressHandler() {
  let prepared: PreparedBook | null = null;
  return (request: StressRequest): StressAnswer | null => {
    if (request.type === "load") {
      prepared = prepareStressBook(request.book);
      return null;
    }
    return prepared ? runStress(prepared, request.seq, request.shocks) : null;
  };
}

/** Transfer list for an answer (its per-vault array). */
export const answerTransfer = (a: StressAnswer): ArrayBuffer[] => [a.flags.buffer as ArrayBuffer];

// Running as a dedicated worker (no `window`, a `postMessage` on the global): register the handler. Runs queue while
// one computes; a zero-delay timer lets them all arrive so only the latest is computed.
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (e: MessageEvent<StressRequest>) => void): void;
}
const scope = globalThis as unknown as Partial<WorkerScope> & { window?: unknown };
if (typeof scope.window === "undefined" && typeof scope.postMessage === "function" && typeof scope.addEventListener === "function") {
  const handle = createStressHandler();
  let pending: StressRequest | null = null;
  scope.addEventListener("message", (e) => {
    if (e.data.type === "load") {
      handle(e.data);
      return;
    }
    const scheduled = pending !== null;
    pending = e.data;
    if (scheduled) return;
    setTimeout(() => {
      const request = pending!;
      pending = null;
      const answer = handle(request);
      if (answer) scope.postMessage!(answer, answerTransfer(answer));
    }, 0);
  });
}
