/**
 * An account's record in Keel, built from a market's own events (pure: the reader in read.ts fetches them). Every
 * event is attributed to the vault's owner at that moment (VaultOpened, then VaultTransferred), so a vault that changes
 * hands carries its history to neither owner beyond the time each held it.
 */
import type { AccountRecord } from "./score";

/** One market event as the record needs it, in chain order. */
export type VaultEvent =
  | { kind: "opened"; vault: string; owner: string; time: number }
  | { kind: "transferred"; vault: string; to: string; time: number }
  | { kind: "borrowed"; vault: string; shares: bigint; time: number }
  | { kind: "repaid"; vault: string; shares: bigint; time: number }
  /** `sharesAfter`: the vault's debt shares right after the liquidation (zero: the liquidation closed the position). */
  | { kind: "liquidated"; vault: string; sharesAfter: bigint; time: number }
  | { kind: "badDebt"; vault: string; time: number };

interface VaultState {
  owner: string;
  shares: bigint;
  /** A position is open (debt since the last time it was zero) and whether it has seen a loss. */
  open: boolean;
  lost: boolean;
}

const empty = (): Omit<AccountRecord, "asOfBlock"> => ({ firstSeen: 0, repayments: 0, liquidations: 0, closedWithoutLoss: 0, closedWithLoss: 0 });

/**
 * Records of every account that held a vault in `events` (lower-case addresses as keys), as of `asOfBlock`. Vault ids
 * are strings so several markets' vaults can be told apart (`market:id`). Events of a vault the list never saw opened
 * are ignored.
 */
export function buildRecords(events: readonly VaultEvent[], asOfBlock: bigint): Map<string, AccountRecord> {
  const vaults = new Map<string, VaultState>();
  const out = new Map<string, Omit<AccountRecord, "asOfBlock">>();
  const rec = (owner: string, time: number) => {
    const key = owner.toLowerCase();
    let r = out.get(key);
    if (!r) out.set(key, (r = empty()));
    if (r.firstSeen === 0 || time < r.firstSeen) r.firstSeen = time;
    return r;
  };
  const close = (v: VaultState, time: number) => {
    if (!v.open) return;
    const r = rec(v.owner, time);
    if (v.lost) r.closedWithLoss++;
    else r.closedWithoutLoss++;
    v.open = false;
    v.lost = false;
    v.shares = 0n;
  };
  for (const e of events) {
    if (e.kind === "opened") {
      vaults.set(e.vault, { owner: e.owner, shares: 0n, open: false, lost: false });
      rec(e.owner, e.time);
      continue;
    }
    const v = vaults.get(e.vault);
    if (!v) continue;
    if (e.kind === "transferred") {
      v.owner = e.to;
      rec(e.to, e.time);
    } else if (e.kind === "borrowed") {
      v.shares += e.shares;
      v.open = true;
    } else if (e.kind === "repaid") {
      rec(v.owner, e.time).repayments++;
      v.shares = e.shares >= v.shares ? 0n : v.shares - e.shares;
      if (v.shares === 0n) close(v, e.time);
    } else if (e.kind === "liquidated") {
      rec(v.owner, e.time).liquidations++;
      v.lost = true;
      v.shares = e.sharesAfter;
      if (e.sharesAfter === 0n) close(v, e.time);
    } else {
      v.lost = true;
      close(v, e.time);
    }
  }
  return new Map([...out].map(([k, r]) => [k, { ...r, asOfBlock }]));
}
