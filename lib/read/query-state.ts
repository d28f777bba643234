/**
 * Read state that does not flicker. TanStack Query resets a query without data to `pending` (error cleared) each time
 * it refetches, so a page reading a dead chain flipped between its error banner and "Reading…" on every retry. The
 * timestamps survive the reset: a read whose last failure is newer than its last success is still failing.
 */
export interface ReadTimes {
  /** ms since epoch of the last failed fetch (0 if none). */
  errorUpdatedAt: number;
  /** ms since epoch of the last successful fetch (0 if none). */
  dataUpdatedAt: number;
}

export function failingSinceLastSuccess(q: ReadTimes): boolean {
  return q.errorUpdatedAt > q.dataUpdatedAt;
}

/** The error to show for a read: its current error, or — while it retries after a failure — a stand-in for it. */
export function readError(q: ReadTimes & { error: Error | null; failureReason?: Error | null }): Error | null {
  if (q.error) return q.error;
  if (!failingSinceLastSuccess(q)) return null;
  return q.failureReason ?? new Error("The chain did not answer the last read.");
}
