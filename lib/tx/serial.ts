/**
 * Runs `task` one at a time: a call while it runs queues exactly one more run (however many calls arrive) and returns
 * the running promise. For agents that react to every block but must never scan twice at once. A failed run is
 * reported to `onError` and does not stop later runs; nothing is queued once `stopped()` is true.
 */
export function serialized(
  task: () => Promise<void>,
  onError: (e: Error) => void,
  stopped: () => boolean,
): (() => Promise<void>) & { running(): Promise<void> | null } {
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await task();
        } catch (e) {
          onError(e as Error);
        }
      } while (again && !stopped());
      running = null;
    })();
    return running;
  };
  /** The run in progress (with any queued one), or null when idle. */
  return Object.assign(run, { running: () => running });
}
