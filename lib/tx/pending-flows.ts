/**
 * Transactions in flight, owned by the app rather than by the form that started them. A flow (approve → action, or a
 * single transaction) is recorded under the key of what it acts on (a vault, a lender position…) before its first step,
 * so a second one on the same key cannot start; the form reads it back to show the flow pending, locked, with the
 * amount being sent. The record is kept in localStorage: after navigation the panel finds it in memory, after a reload
 * the flow's promise is gone, so the app watches the last sent transaction and says what became of the flow.
 */

/** The flow key of a Keel vault's action forms (deposit, borrow, repay, withdraw). */
export const vaultFlowKey = (chainId: number, market: string, id: bigint) => `vault:${chainId}:${market.toLowerCase()}:${id}`;
/** The flow key of a Keel vault's Multiply panel (`undefined`: a new vault in that market). */
export const multiplyFlowKey = (chainId: number, market: string, id: bigint | undefined) =>
  `multiply:${chainId}:${market.toLowerCase()}:${id ?? "new"}`;

export type FlowStage = "checking" | "signing" | "pending" | "interrupted";

export interface PendingFlow {
  /** What the flow acts on, e.g. "vault:31337:0xmarket:3". One flow per key. */
  key: string;
  chainId: number;
  /** The form's values when it started: what the locked form shows. */
  form: Record<string, string | boolean>;
  /** Each step's label ("Approve 100 USDC", "Repay 100 USDC"). */
  steps: string[];
  /** Index of the step in progress. */
  current: number;
  stage: FlowStage;
  /** The transaction sent for the current step. */
  hash?: `0x${string}`;
  /** Why it stopped (stage "interrupted"), in words. */
  note?: string;
  /** Which page load runs it: a flow of another page load has lost its promise (reload). */
  page: string;
  startedAt: number;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const STORAGE_KEY = "keel.pendingFlows";

export class PendingFlowStore {
  private flows = new Map<string, PendingFlow>();
  private listeners = new Set<() => void>();
  private snapshot: ReadonlyMap<string, PendingFlow> = new Map();

  constructor(
    /** This page load's id. */
    readonly page: string,
    private storage?: KeyValueStorage,
  ) {
    try {
      const saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? "[]") as PendingFlow[];
      for (const f of saved) this.flows.set(f.key, f);
    } catch {
      // a corrupt record is dropped
    }
    this.snapshot = new Map(this.flows);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Every flow (a new Map after each change, for useSyncExternalStore). */
  all = (): ReadonlyMap<string, PendingFlow> => this.snapshot;

  get(key: string): PendingFlow | undefined {
    return this.flows.get(key);
  }

  /** Starts a flow; refused (returns the running one) when a flow on the same key has not ended. */
  begin(f: Omit<PendingFlow, "page" | "current" | "stage" | "startedAt">, now = Date.now()): { ok: true } | { ok: false; running: PendingFlow } {
    const running = this.flows.get(f.key);
    if (running && running.stage !== "interrupted") return { ok: false, running };
    this.flows.set(f.key, { ...f, page: this.page, current: 0, stage: "checking", startedAt: now });
    this.changed();
    return { ok: true };
  }

  /** Moves a flow on: its step, stage or hash. Ignored when the key has no flow of this page load. */
  update(key: string, patch: Partial<Pick<PendingFlow, "current" | "stage" | "hash" | "note">>) {
    const f = this.flows.get(key);
    if (!f || f.page !== this.page) return;
    this.flows.set(key, { ...f, ...patch, ...(patch.current !== undefined && patch.current !== f.current ? { hash: patch.hash } : {}) });
    this.changed();
  }

  /** The flow ended (confirmed, refused or failed): the form is free again. */
  end(key: string) {
    if (!this.flows.delete(key)) return;
    this.changed();
  }

  /** Flows started by an earlier page load (their promise is gone): what the app must resolve on load. */
  orphans(): PendingFlow[] {
    return [...this.flows.values()].filter((f) => f.page !== this.page && f.stage !== "interrupted");
  }

  /** Marks an orphan flow as interrupted, with what became of it, for its form to say. */
  interrupt(key: string, note: string) {
    const f = this.flows.get(key);
    if (!f) return;
    this.flows.set(key, { ...f, stage: "interrupted", note, hash: undefined });
    this.changed();
  }

  private changed() {
    this.snapshot = new Map(this.flows);
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify([...this.flows.values()]));
    } catch {
      // storage full or denied: the flow still lives in memory
    }
    this.listeners.forEach((l) => l());
  }
}

/**
 * What became of a flow whose page was reloaded, from its last transaction's receipt: the words its form shows, and
 * whether anything is left to do. `receipt` is "success" / "reverted", or null when no transaction had been sent.
 */
export function orphanOutcome(f: PendingFlow, receipt: "success" | "reverted" | null): { note: string; done: boolean } {
  const step = f.steps[f.current] ?? "the transaction";
  const next = f.steps[f.current + 1];
  if (receipt === null) {
    return {
      done: false,
      note: `The page was reloaded while “${step}” was waiting for your wallet. If you signed it, check your wallet's activity before retrying.`,
    };
  }
  if (receipt === "reverted") return { done: false, note: `“${step}” failed on chain (reverted). Nothing else was sent.` };
  if (next) return { done: false, note: `“${step}” is confirmed, but “${next}” was not sent (the page was reloaded). Submit again to finish.` };
  return { done: true, note: `“${step}” is confirmed.` };
}

let store: PendingFlowStore | undefined;

/** The app's one store (browser only; on the server an empty, unsaved one). */
export function pendingFlows(): PendingFlowStore {
  if (!store) {
    const page = Math.random().toString(36).slice(2);
    store = new PendingFlowStore(page, typeof window === "undefined" ? undefined : window.localStorage);
  }
  return store;
}
