"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RiskBook } from "@/lib/analytics/risk-book";
import { riskWorker, type RiskWorker } from "@/lib/analytics/risk-worker";
import { stressColumns, type StressColumns } from "@/lib/analytics/stress";
import { runStress, type StressAnswer } from "@/lib/analytics/stress.worker";

/** The scenario on screen: percent falls per collateral and the recompute's answer. */
export interface StressScenario extends Omit<StressAnswer, "shocks" | "seq" | "type" | "id"> {
  /** Percent falls, per collateral. */
  shocks: number[];
  /** performance.now() of the slider move that asked for it (0 for the initial scenario). */
  startedAt: number;
  /** Where it ran. */
  where: "worker" | "main";
}

type Move = { shocks: number[]; startedAt: number };

/**
 * The stress scenario for `book`, recomputed off the main thread (the risk worker, lib/analytics/risk-worker.ts) on every
 * `setShocks`. A book the worker loaded is already there (with its unshocked scenario, computed beside it); another is
 * sent once. One move is in flight at a time: a move made while the worker computes waits, replaced by any later one,
 * and is sent the moment the answer arrives — so the first move of a drag goes at once, the worker is never queued
 * behind stale moves, and the last position is always computed. Without `Worker` (or if the worker fails) the same code
 * runs on this thread. Each answer is marked with `keel:risk:stress` (the recompute, timed where it ran); the page marks
 * `keel:risk:move` once it is on screen.
 */
export function useStressScenario(book: RiskBook) {
  const [worker, setWorker] = useState<RiskWorker | null>(() => riskWorker());
  // The sliders show the latest move at once; the scenario follows when its answer arrives.
  const [shocks, setShocksState] = useState(() => book.assets.map(() => 0));
  const [scenario, setScenario] = useState<StressScenario>(() => initialScenario(worker, book, shocks));
  const [scenarioBook, setScenarioBook] = useState(book);
  const shocksRef = useRef(shocks);
  const inFlight = useRef<(Move & { seq: number }) | null>(null);
  const queued = useRef<Move | null>(null);
  const seq = useRef(0);
  const bookId = useRef(0);

  const send = useCallback(
    (move: Move) => {
      const s = ++seq.current;
      if (!worker) {
        const answer = runStress(
          mainColumns(book),
          0,
          s,
          move.shocks.map((x) => x / 100),
        );
        measureStress(answer.ms, "main");
        setScenario(toScenario(answer, move.shocks, move.startedAt, "main"));
        return;
      }
      inFlight.current = { ...move, seq: s };
      worker.run(
        bookId.current,
        s,
        move.shocks.map((x) => x / 100),
      );
    },
    [worker, book],
  );

  if (scenarioBook !== book) {
    // A refreshed book: its unshocked scenario came with it from the worker; with sliders moved, the last scenario
    // stays on screen until the new book's answer (asked for by the effect below) replaces it.
    setScenarioBook(book);
    if (shocks.every((s) => s === 0) || !worker) setScenario(initialScenario(worker, book, shocks));
  }

  useEffect(() => {
    if (!worker) return;
    const id = worker.bookId(book);
    bookId.current = id;
    inFlight.current = queued.current = null;
    const unlisten = worker.listen(
      id,
      (answer) => {
        const move = inFlight.current;
        if (!move || answer.seq !== move.seq) return;
        inFlight.current = null;
        measureStress(answer.ms, "worker");
        setScenario(toScenario(answer, move.shocks, move.startedAt, "worker"));
        const next = queued.current;
        queued.current = null;
        if (next) send(next);
      },
      // A worker that crashes: recompute here from now on, starting with the latest move.
      () => setWorker(null),
    );
    // A book shown with the sliders moved (a refresh): its scenario at the sliders' position.
    if (shocksRef.current.some((s) => s > 0)) send({ shocks: shocksRef.current, startedAt: performance.now() });
    return () => {
      unlisten();
      worker.drop(book);
    };
  }, [worker, book, send]);

  useEffect(() => {
    // The worker is gone: the last move, recomputed here.
    if (!worker && (inFlight.current || queued.current)) {
      const move = queued.current ?? inFlight.current!;
      inFlight.current = queued.current = null;
      send(move);
    }
  }, [worker, send]);

  const setShocks = useCallback(
    (next: number[]) => {
      const startedAt = performance.now();
      shocksRef.current = next;
      setShocksState(next);
      if (inFlight.current) {
        // Coalesced: the waiting move keeps the earliest start (its clock counts from the first move it stands for).
        queued.current = { shocks: next, startedAt: queued.current?.startedAt ?? startedAt };
        return;
      }
      send({ shocks: next, startedAt });
    },
    [send],
  );

  return { shocks, scenario, setShocks };
}

/** The columns for scenarios computed on this thread (a book the worker did not build, the fallback), built when needed. */
const mainColumnsOf = new WeakMap<RiskBook, StressColumns>();
function mainColumns(book: RiskBook): StressColumns {
  let columns = mainColumnsOf.get(book);
  if (!columns) mainColumnsOf.set(book, (columns = stressColumns(book)));
  return columns;
}

/** The scenario shown before any answer: the worker's unshocked one for a book it built, else computed on this thread. */
function initialScenario(worker: RiskWorker | null, book: RiskBook, shocks: number[]): StressScenario {
  const ready = worker?.initialScenario(book);
  if (ready && shocks.every((s) => s === 0)) return toScenario(ready, shocks, 0, "worker");
  return toScenario(
    runStress(
      mainColumns(book),
      0,
      0,
      shocks.map((s) => s / 100),
    ),
    shocks,
    0,
    "main",
  );
}

function toScenario(answer: StressAnswer, shocks: number[], startedAt: number, where: StressScenario["where"]): StressScenario {
  const { result, flags, histogram, ms } = answer;
  return { shocks, result, flags, histogram, ms, startedAt, where };
}

/** `keel:risk:stress`: the recompute's own time (ending now; it may have run on the worker's clock), and where it ran. */
function measureStress(ms: number, where: StressScenario["where"]) {
  const end = performance.now();
  performance.measure("keel:risk:stress", { start: end - ms, end, detail: { where } });
}
