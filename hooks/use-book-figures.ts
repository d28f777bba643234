"use client";
import { startTransition, useEffect, useMemo, useState } from "react";
import {
  bookFigures,
  bookOrder,
  ownerRanks,
  type BookFigures,
  type BookSort,
  type FigureBook,
  type FigureSigmas,
} from "@/lib/analytics/book-figures";
import type { RiskBook } from "@/lib/analytics/risk-book";
import { riskWorker } from "@/lib/analytics/risk-worker";

/** A book with its figures and its table's order: what the risk view shows, always of one and the same book. */
export interface BookView {
  book: RiskBook;
  figures: BookFigures;
  order: Uint32Array;
  sort: BookSort;
}

/**
 * The figures beside `book` that depend on every vault (lib/analytics/book-figures.ts: distances, odds at `sigmas`,
 * liquidation levels, counts and sums) and the table's order for `sort`, computed in the risk worker
 * (lib/analytics/risk-worker.ts), which keeps them per book and volatilities so a new sort only sorts. What it returns
 * moves to a new book (a refresh), volatilities or sort when their answer arrives: until then the previous book stays
 * on screen with its own figures, never a book with another's. Null until the first answer. Without a worker (or once
 * it fails) the same functions run on this thread. Each answer is marked `keel:risk:figures` (request → answer).
 */
export function useBookFigures(book: RiskBook, sigmas: FigureSigmas | null, sort: BookSort): BookView | null {
  const [fromWorker, setFromWorker] = useState<(BookView & { sigmasKey: string }) | null>(null);
  const [workerFailed, setWorkerFailed] = useState(false);
  const onWorker = !workerFailed && riskWorker() !== null;
  const sigmasKey = useMemo(() => keyOf(sigmas), [sigmas]);
  const here = useMemo(() => {
    if (onWorker) return null;
    const columns = figureBookOf(book);
    const figures = bookFigures(columns, sigmas);
    return { book, figures, order: bookOrder(columns, figures, sort), sort };
  }, [onWorker, book, sigmas, sort]);

  useEffect(() => {
    const worker = onWorker ? riskWorker() : null;
    if (!worker) return;
    let live = true;
    const started = performance.now();
    worker.figures(worker.bookId(book), sigmas, sigmasKey, sort).then(
      (a) => {
        if (!live) return;
        // The worker no longer holds the book (it keeps a few): compute here from now on.
        if (!a.figures || !a.order) return setWorkerFailed(true);
        performance.measure("keel:risk:figures", { start: started, detail: { where: "worker", ms: a.ms } });
        // A new sort of the same book and volatilities keeps the figures' objects (the charts do not redraw).
        const order = a.order;
        const figures = a.figures;
        // In a transition: what the answer brings (the table's rows, the odds, the stress panel) renders in short tasks
        // React can interrupt, not in one that blocks input (a 0.4-0.5 s task on a phone at 4x as a plain update).
        startTransition(() =>
          setFromWorker((prev) => ({
            book,
            figures: prev && prev.book === book && prev.sigmasKey === sigmasKey ? prev.figures : figures,
            order,
            sort,
            sigmasKey,
          })),
        );
      },
      () => {
        if (live) setWorkerFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [onWorker, book, sigmas, sigmasKey, sort]);

  return here ?? fromWorker;
}

/** A key per volatilities object (the caller keeps one object while they do not change). */
const keys = new WeakMap<FigureSigmas, string>();
let nextKey = 1;
function keyOf(sigmas: FigureSigmas | null): string {
  if (!sigmas) return "none";
  let key = keys.get(sigmas);
  if (!key) keys.set(sigmas, (key = String(nextKey++)));
  return key;
}

/** The book's columns for figures computed on this thread (owner ranks built once per book). */
const figureBooks = new WeakMap<RiskBook, FigureBook>();
function figureBookOf(book: RiskBook): FigureBook {
  let columns = figureBooks.get(book);
  if (!columns) figureBooks.set(book, (columns = { ...book, ownerRank: ownerRanks(book.owners) }));
  return columns;
}
