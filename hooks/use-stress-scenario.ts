"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { RiskBook } from "@/lib/analytics/risk-book";
import { prepareStressBook, runStress, stressBookMessage, type PreparedBook, type StressAnswer } from "@/lib/analytics/stress.worker";

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
 * The stress scenario for `book`, recomputed off the main thread (lib/analytics/stress.worker.ts) on every `setShocks`: the book's
 * columns go to the worker once per book, each move sends only its shocks, the latest move wins (older answers are
 * dropped), and moves within one frame are coalesced: only the frame's last is sent (requestAnimationFrame). Without
 * `Worker` (or if the worker fails) the same code runs on the main thread. Each answer is marked with
 * `keel:risk:stress` (the recompute, timed where it ran); the page marks `keel:risk:move` once it is on screen.
 */
export function useStressScenario(book: RiskBook) {
  // The book with the vaults a scenario can move, for the scenarios computed on this thread.
  const prepared = useMemo(() => prepareStressBook(book), [book]);
  // The sliders show the latest move at once; the scenario follows when its answer arrives.
  const [shocks, setShocksState] = useState(() => book.assets.map(() => 0));
  const [scenario, setScenario] = useState<StressScenario>(() => onMain(prepared, shocks, 0));
  const [scenarioBook, setScenarioBook] = useState(prepared);
  if (scenarioBook !== prepared) {
    // A refreshed book: its scenario once, here (its load already took this thread), then moves go to the worker.
    setScenarioBook(prepared);
    setScenario(onMain(prepared, shocks, 0));
  }
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const moves = useRef(new Map<number, { shocks: number[]; startedAt: number }>());
  const shocksRef = useRef(shocks);
  // The move waiting for the next frame (one per frame is sent; a later move in the same frame replaces it).
  const queued = useRef<{ shocks: number[]; startedAt: number } | null>(null);
  const frame = useRef(0);

  const runOnMain = useCallback(
    (next: number[], startedAt: number) => {
      seq.current++;
      const s = onMain(prepared, next, startedAt);
      measureStress(s.ms, "main");
      setScenario(s);
    },
    [prepared],
  );

  useEffect(() => {
    if (typeof Worker === "undefined") return;
    let w: Worker;
    try {
      w = new Worker(new URL("../lib/analytics/stress.worker.ts", import.meta.url));
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

  // The frame's callback runs the latest book's fallback, whatever book was current when the move was queued.
  const runOnMainLatest = useRef(runOnMain);
  useEffect(() => {
    runOnMainLatest.current = runOnMain;
  }, [runOnMain]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const setShocks = useCallback((next: number[]) => {
    const startedAt = performance.now();
    shocksRef.current = next;
    setShocksState(next);
    // The first move of a frame starts the clock of what is sent; later ones in the frame only replace the shocks.
    queued.current = { shocks: next, startedAt: queued.current?.startedAt ?? startedAt };
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const move = queued.current!;
      queued.current = null;
      const w = worker.current;
      if (!w) return runOnMainLatest.current(move.shocks, move.startedAt);
      const s = ++seq.current;
      moves.current.set(s, move);
      w.postMessage({ type: "run", seq: s, shocks: move.shocks.map((x) => x / 100) });
    });
  }, []);

  return { shocks, scenario, setShocks };
}

/** The scenario computed on this thread (the first one, a refreshed book's, and the fallback's). */
function onMain(book: PreparedBook, shocks: number[], startedAt: number): StressScenario {
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
  const { result, flags, histogram, ms } = answer;
  return { shocks, result, flags, histogram, ms, startedAt, where };
}

/** `keel:risk:stress`: the recompute's own time (ending now; it may have run on the worker's clock), and where it ran. */
function measureStress(ms: number, where: StressScenario["where"]) {
  const end = performance.now();
  performance.measure("keel:risk:stress", { start: end - ms, end, detail: { where } });
}
