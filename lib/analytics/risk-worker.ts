/**
 * The page's side of the risk worker (lib/analytics/stress.worker.ts): one worker per page, shared by the book's loader
 * (hooks/use-risk-book.ts: the indexer's book fetched, decoded and valued there) and the stress scenario
 * (hooks/use-stress-scenario.ts). `riskWorker()` is null where `Worker` does not exist or the worker has failed: the
 * callers then do the same work on the main thread.
 */
import type { LensMarket } from "../read/vaults";
import { BookUnavailable, type RiskBook } from "./risk-book";
import type { BookSort, FigureSigmas } from "./book-figures";
import {
  unpackBook,
  type BookAnswer,
  type FiguresAnswer,
  type StressAnswer,
  type StressRequest,
  type WorkerAnswer,
  stressBookMessage,
} from "./stress.worker";

export interface WorkerBook {
  book: RiskBook;
  block: bigint;
  notIndexed: number;
  /** ms: in the worker, decode and build (lib/analytics/stress.worker.ts); on this thread, unpack. */
  timing: { decode: number; build: number; unpack: number };
}

type Waiter = { resolve(b: WorkerBook): void; reject(e: Error): void };

export class RiskWorker {
  private readonly worker: Worker;
  private nextId = 1;
  /** Books the worker holds (it built them, or was sent their columns), by the page's object. */
  private readonly held = new WeakMap<RiskBook, number>();
  /** The unshocked scenario the worker computed beside a book it built. */
  private readonly initial = new WeakMap<RiskBook, StressAnswer>();
  private readonly waiting = new Map<number, Waiter>();
  private readonly figureWaiting = new Map<number, { resolve(a: FiguresAnswer): void; reject(e: Error): void }>();
  private readonly listeners = new Map<number, (a: StressAnswer) => void>();
  private readonly failureListeners = new Set<() => void>();
  failed = false;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<WorkerAnswer>) => this.receive(e.data);
    worker.onerror = () => this.fail(new Error("the risk worker stopped"));
  }

  private receive(a: WorkerAnswer) {
    if (a.type === "stress") return this.listeners.get(a.id)?.(a);
    if (a.type === "figures") {
      const waiter = this.figureWaiting.get(a.req);
      this.figureWaiting.delete(a.req);
      return waiter?.resolve(a);
    }
    const waiter = this.waiting.get(a.id);
    this.waiting.delete(a.id);
    if (!waiter) return;
    if (a.type === "book-error") return waiter.reject(new BookUnavailable(a.message, a.why));
    waiter.resolve(this.accept(a));
  }

  private accept(a: Extract<BookAnswer, { type: "book" }>): WorkerBook {
    const started = performance.now();
    const book = unpackBook(a.book);
    this.held.set(book, a.id);
    this.initial.set(book, a.scenario);
    return { book, block: a.block, notIndexed: a.notIndexed, timing: { ...a.timing, unpack: performance.now() - started } };
  }

  private fail(e: Error) {
    if (this.failed) return;
    this.failed = true;
    this.worker.terminate();
    for (const w of [...this.waiting.values(), ...this.figureWaiting.values()]) w.reject(e);
    this.waiting.clear();
    this.figureWaiting.clear();
    for (const f of this.failureListeners) f();
  }

  /**
   * The indexer's gzipped book (`bytes`, transferred: unusable here afterwards) priced with `view`, decoded and valued in
   * the worker. Throws BookUnavailable("unusable") when they cannot be read as the market's book.
   */
  buildIndexerBook(bytes: ArrayBuffer, view: LensMarket): Promise<WorkerBook> {
    if (this.failed) return Promise.reject(new Error("the risk worker stopped"));
    const id = this.nextId++;
    return new Promise<WorkerBook>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: StressRequest = { type: "build-book", id, bytes, view };
      this.worker.postMessage(request, [bytes]);
    });
  }

  /** The worker's id for `book`, sending its columns first when the worker does not hold it (a book read on this thread). */
  bookId(book: RiskBook): number {
    let id = this.held.get(book);
    if (id === undefined) {
      id = this.nextId++;
      const { message, transfer } = stressBookMessage(book, id);
      this.worker.postMessage(message, transfer);
      this.held.set(book, id);
    }
    return id;
  }

  /** The unshocked scenario the worker computed with `book` (null for a book it did not build). */
  initialScenario(book: RiskBook): StressAnswer | null {
    return this.initial.get(book) ?? null;
  }

  /**
   * The figures of held book `id` at `sigmas` (named by `sigmasKey`) and its order for `sort`, computed in the worker
   * (lib/analytics/book-figures.ts); null figures when the worker no longer holds the book.
   */
  figures(id: number, sigmas: FigureSigmas | null, sigmasKey: string, sort: BookSort): Promise<FiguresAnswer> {
    if (this.failed) return Promise.reject(new Error("the risk worker stopped"));
    const req = this.nextId++;
    return new Promise<FiguresAnswer>((resolve, reject) => {
      this.figureWaiting.set(req, { resolve, reject });
      const request: StressRequest = { type: "figures", id, req, sigmas, sigmasKey, sort };
      this.worker.postMessage(request);
    });
  }

  run(id: number, seq: number, shocks: number[]) {
    const request: StressRequest = { type: "run", id, seq, shocks };
    this.worker.postMessage(request);
  }

  /** Answers for book `id` go to `listener` (one per book); `onFailure` runs if the worker stops. Returns the unsubscribe. */
  listen(id: number, listener: (a: StressAnswer) => void, onFailure: () => void): () => void {
    this.listeners.set(id, listener);
    this.failureListeners.add(onFailure);
    return () => {
      if (this.listeners.get(id) === listener) this.listeners.delete(id);
      this.failureListeners.delete(onFailure);
    };
  }

  /** The page no longer shows `book`: the worker lets it go (shown again, its columns are sent again). */
  drop(book: RiskBook) {
    const id = this.held.get(book);
    if (id === undefined) return;
    this.held.delete(book);
    const request: StressRequest = { type: "drop", id };
    if (!this.failed) this.worker.postMessage(request);
  }
}

let shared: RiskWorker | null | undefined;

/** The page's risk worker, started on first use; null without `Worker` or once it has failed. */
export function riskWorker(): RiskWorker | null {
  if (shared === undefined) {
    shared = null;
    if (typeof Worker !== "undefined")
      try {
        shared = new RiskWorker(new Worker(new URL("./stress.worker.ts", import.meta.url)));
      } catch {
        shared = null; // the main-thread fallback
      }
  }
  return shared && !shared.failed ? shared : null;
}
