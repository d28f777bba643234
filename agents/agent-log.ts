/** Structured JSON-line logging shared by the agents: one object per line, with the time and the agent's name. */
export type LogSink = (line: string) => void;

export function jsonLogger(agent: string, sink: LogSink = console.log) {
  return (event: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ t: new Date().toISOString(), agent, event, ...fields }, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** A nonce counter for one account that sends many transactions without waiting for each: resyncs after any failure. */
export function nonceManager(fetchPending: () => Promise<number>) {
  let next: number | null = null;
  return {
    async take(): Promise<number> {
      if (next === null) next = await fetchPending();
      return next++;
    },
    reset() {
      next = null;
    },
  };
}
