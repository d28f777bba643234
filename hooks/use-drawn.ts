"use client";
import { useDeferredValue } from "react";

/**
 * A read's answer as a large view draws it: through `useDeferredValue`, so a new answer (which TanStack Query hands
 * React through `useSyncExternalStore`, an urgent render that cannot be interrupted) is drawn in a background render
 * that yields to the browser and that input interrupts — when the view it feeds is memoised. `catchingUp`: an answer
 * has come that the view has not drawn yet (say "loading" or "pending" meanwhile, not "nothing").
 */
export function useDrawn<T>(answer: T | undefined): { drawn: T | undefined; catchingUp: boolean } {
  const drawn = useDeferredValue(answer);
  return { drawn, catchingUp: answer !== undefined && drawn === undefined };
}
