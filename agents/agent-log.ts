/** Structured JSON-line logging shared by the agents: one object per line, with the time and the agent's name. */
export type LogSink = (line: string) => void;

export function jsonLogger(agent: string, sink: LogSink = console.log) {
  return (event: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ t: new Date().toISOString(), agent, event, ...fields }, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** A nonce counter for one account that sends many transactions without waiting for each: resyncs after any failure. */
export function nonceManager(fetchPending: () => Promise<number>) {
  let next: Promise<number> | null = null;
  return {
    /** The next nonce; concurrent callers get consecutive nonces (one fetch, chained). */
    take(): Promise<number> {
      const mine = (next ?? fetchPending()).then((n) => n);
      next = mine.then((n) => n + 1);
      return mine;
    },
    reset() {
      next = null;
    },
  };
}
