"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RiskBook } from "@/lib/risk-book";
import { runStress, stressBookMessage, type StressAnswer } from "@/lib/stress.worker";

/** The scenario on screen: percent falls per collateral and the recompute's answer. */
export interface StressScenario extends Omit<StressAnswer, "shocks" | "seq"> {
  /** Percent falls, per collateral. */
  shocks: number[];
  /** performance.now() of the slider move that asked for it (0 for the initial scenario). */
  startedAt: number;
  /** Where it ran. */
  where: "worker" | "main";
}

/**
 * The stress scenario for `book`, recomputed off the main thread (lib/stress.worker.ts) on every `setShocks`: the book's
 * columns go to the worker once per book, each move sends only its shocks, the latest move wins (older answers are
 * dropped). Without `Worker` (or if the worker fails) the same code runs on the main thread. Each answer is marked with
 * `keel:risk:stress` (the recompute, timed where it ran); the page marks `keel:risk:move` once it is on screen.
 */
export function useStressScenario(book: RiskBook) {
  // The sliders show the latest move at once; the scenario follows when its answer arrives.
  const [shocks, setShocksState] = useState(() => book.assets.map(() => 0));
  const [scenario, setScenario] = useState<StressScenario>(() => onMain(book, shocks, 0));
  const [scenarioBook, setScenarioBook] = useState(book);
  if (scenarioBook !== book) {
    // A refreshed book: its scenario once, here (its load already took this thread), then moves go to the worker.
    setScenarioBook(book);
    setScenario(onMain(book, shocks, 0));
  }
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const moves = useRef(new Map<number, { shocks: number[]; startedAt: number }>());
  const shocksRef = useRef(shocks);

  const runOnMain = useCallback(
    (next: number[], startedAt: number) => {
      seq.current++;
      const s = onMain(book, next, startedAt);
      measureStress(s.ms, "main");
      setScenario(s);
    },
    [book],
  );

  useEffect(() => {
    if (typeof Worker === "undefined") return;
    let w: Worker;
    try {
      w = new Worker(new URL("../lib/stress.worker.ts", import.meta.url));
    } catch {
      return; // the main-thread fallback
    }
    const pending = moves.current;
    w.onmessage = (e: MessageEvent<StressAnswer>) => {
      const answer = e.data;
      const move = pending.get(answer.seq);
      // Latest move wins: an answer older than the newest move asked for is dropped (the worker coalesces too).
      for (const s of pending.keys()) if (s <= answer.seq) pending.delete(s);
      if (!move || answer.seq < seq.current) return;
      measureStress(answer.ms, "worker");
      setScenario(toScenario(answer, move.shocks, move.startedAt, "worker"));
    };
    w.onerror = () => {
      // A worker that cannot start or crashes: recompute here from now on, starting with the latest move.
      worker.current = null;
      w.terminate();
      pending.clear();
      runOnMain(shocksRef.current, performance.now());
    };
    const { message, transfer } = stressBookMessage(book);
    w.postMessage(message, transfer);
    worker.current = w;
    return () => {
      worker.current = null;
      pending.clear();
      w.terminate();
    };
  }, [book, runOnMain]);

  const setShocks = useCallback(
    (next: number[]) => {
      const startedAt = performance.now();
      shocksRef.current = next;
      setShocksState(next);
      const w = worker.current;
      if (!w) return runOnMain(next, startedAt);
      const s = ++seq.current;
      moves.current.set(s, { shocks: next, startedAt });
      w.postMessage({ type: "run", seq: s, shocks: next.map((x) => x / 100) });
    },
    [runOnMain],
  );

  return { shocks, scenario, setShocks };
}

/** The scenario computed on this thread (the first one, a refreshed book's, and the fallback's). */
function onMain(book: RiskBook, shocks: number[], startedAt: number): StressScenario {
  return toScenario(
    runStress(
      book,
      0,
      shocks.map((s) => s / 100),
    ),
    shocks,
    startedAt,
    "main",
  );
}

function toScenario(answer: StressAnswer, shocks: number[], startedAt: number, where: StressScenario["where"]): StressScenario {
  const { result, flags, health, histogram, ms } = answer;
  return { shocks, result, flags, health, histogram, ms, startedAt, where };
}

/** `keel:risk:stress`: the recompute's own time (ending now; it may have run on the worker's clock), and where it ran. */
function measureStress(ms: number, where: StressScenario["where"]) {
  const end = performance.now();
  performance.measure("keel:risk:stress", { start: end - ms, end, detail: { where } });
}
