import type { Hex } from "viem";

/** Structured JSON-line logging shared by the agents: one object per line, with the time and the agent's name. */
export type LogSink = (line: string) => void;

export function jsonLogger(agent: string, sink: LogSink = console.log) {
  return (event: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ t: new Date().toISOString(), agent, event, ...fields }, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/**
 * Nonces for one account that sends many transactions without waiting for each, with its own pending set:
 * - a nonce handed out is in flight until the chain has mined something at it: it is never handed out again (a
 *   replacement reuses it on purpose, through `replaced`);
 * - a nonce goes back into use only when it is truly free: the node refused the transaction sent at it (`release`), so
 *   nothing can be mined at it and every later nonce waits for it — the lowest free nonce is handed out first;
 * - the chain is asked once for the starting point (its pending count), and afterwards only to learn which nonces were
 *   mined (`resync` with the mined count): that never lowers the next nonce under one in flight.
 */
export interface NonceManager {
  /** The next nonce to send at: the lowest released one, or a new one. */
  take(): Promise<number>;
  /** A transaction was accepted by the node at `nonce`. */
  sent(nonce: number, hash: Hex): void;
  /** A replacement (same nonce, higher fee) was accepted. */
  replaced(nonce: number, hash: Hex): void;
  /** Something was mined at `nonce` (ours or not): it leaves the pending set. */
  mined(nonce: number): void;
  /** The node refused the transaction at `nonce`: the nonce is free again. */
  release(nonce: number): void;
  /** The chain has mined `minedCount` transactions of the account: forget everything below. */
  resync(minedCount: number): void;
  /** Hashes sent at each nonce still in flight. */
  pending(): ReadonlyMap<number, readonly Hex[]>;
}

export function nonceManager(readPendingCount: () => Promise<number>): NonceManager {
  let next: number | null = null;
  let starting: Promise<void> | null = null;
  const inFlight = new Map<number, Hex[]>();
  const free = new Set<number>();
  const handedOut = new Set<number>(); // taken, not yet sent or released

  return {
    async take() {
      if (next === null) {
        starting ??= readPendingCount().then((n) => {
          next ??= n;
        });
        try {
          await starting;
        } finally {
          starting = null;
        }
      }
      if (free.size) {
        const n = Math.min(...free);
        free.delete(n);
        handedOut.add(n);
        return n;
      }
      const n = next!;
      next = n + 1;
      handedOut.add(n);
      return n;
    },
    sent(nonce, hash) {
      handedOut.delete(nonce);
      inFlight.set(nonce, [hash]);
    },
    replaced(nonce, hash) {
      inFlight.get(nonce)?.push(hash);
    },
    mined(nonce) {
      inFlight.delete(nonce);
      handedOut.delete(nonce);
    },
    release(nonce) {
      if (inFlight.has(nonce)) return; // a transaction at it is already with the node: not free
      handedOut.delete(nonce);
      free.add(nonce);
    },
    resync(minedCount) {
      for (const n of inFlight.keys()) if (n < minedCount) inFlight.delete(n);
      for (const n of free) if (n < minedCount) free.delete(n);
      if (next !== null && minedCount > next) next = minedCount; // another sender used the account
    },
    pending: () => inFlight,
  };
}
