/**
 * The owner's private position as the browser keeps it: the owner key and the current note, in localStorage under a
 * key naming the chain, the pool and the connected account, and as a backup file the owner exports and re-imports.
 *
 * Stored in clear, not encrypted: an encryption key kept in the same browser storage would protect nothing, and one
 * derived from a wallet signature would ask for a signature on every visit while the decrypted note sits in the same
 * page's memory anyway. What protects the note is this origin's storage (other sites cannot read it); whoever has this
 * browser profile or the backup file can spend the position, so the app says so beside the export.
 */
import { getAddress, isHex, parseEventLogs, type Address, type Hex, type Log } from "viem";
import { keelPrivatePoolAbi } from "@/contracts-abi/abi/KeelPrivatePool";
import { commitmentOf, FIELD, MAX_AMOUNT, openingOf, type Note, type PlacedNote } from "./note";
import { sameAddress } from "@/lib/config/address";

/**
 * The owner key and, once a note is in the pool, the note (null before the first deposit or after closing). `pending`
 * is the note an action sent but not yet seen mined: saved BEFORE the transaction is signed, so a tab closed while it
 * is pending loses nothing — on the next load the app finds its commitment in the pool's NoteInserted events and
 * promotes it, or drops it when the old note is still unspent.
 */
export interface PrivateWallet {
  ownerKey: bigint;
  note: PlacedNote | null;
  pending: Note | null;
  /**
   * The transaction that carries `pending`, saved as soon as the wallet returns its hash (audit j M-2): while the node
   * still knows it (in flight, or mined), the pending note is never dropped — a receipt that took longer than the
   * page waited, or a tab closed meanwhile, loses nothing.
   */
  pendingTx?: Hex;
  /** The nullifier `pending`'s action spends (the old note's, or the empty note's for an opening). */
  pendingSpends?: bigint;
  /**
   * Notes an action made whose transaction was not seen landing (replaced, dropped, sent with no hash back — or relayed
   * privately, or a read failed): kept, most recent first, because a transaction the app could not see may still land,
   * and only this wallet can open its note (audits k H-1, l H-1). Promoted when its commitment appears in the pool;
   * dropped only once provably dead — the nullifier it `spends` spent by another transaction (audit l L-1).
   */
  unconfirmed?: UnconfirmedNote[];
  /** The last liquidation of this owner's note, as the page found it (kept until the owner dismisses it). */
  liquidation?: Liquidation | null;
}

/** A note whose transaction was not seen landing, and the nullifier that transaction spends. */
export type UnconfirmedNote = Note & { spends: bigint };

/** How many unconfirmed notes a wallet keeps (the most recent; dead ones are pruned first, so only many live ones overflow). */
export const UNCONFIRMED_KEPT = 32;

/** `w` with `n` (whose action spends `spends`) kept as unconfirmed, first, once (by commitment), within UNCONFIRMED_KEPT. */
export function keepUnconfirmed(w: PrivateWallet, n: Note, spends: bigint): PrivateWallet {
  const c = commitmentOf(openingOf(n));
  const rest = (w.unconfirmed ?? []).filter((u) => commitmentOf(openingOf(u)) !== c);
  return { ...w, unconfirmed: [{ ...n, spends }, ...rest].slice(0, UNCONFIRMED_KEPT) };
}

/**
 * An imported backup, keeping the current wallet's pending and unconfirmed notes as unconfirmed (audit l H-2): an
 * older backup imported while a transaction is unseen must not lose the note that transaction may still create.
 */
export function mergeForImport(imported: PrivateWallet, current: PrivateWallet | null): PrivateWallet {
  let w = imported;
  for (const u of [...(current?.unconfirmed ?? [])].reverse()) w = keepUnconfirmed(w, u, u.spends);
  const p = current?.pending;
  if (p && current.pendingSpends !== undefined && !(p.collateral === 0n && p.shares === 0n)) w = keepUnconfirmed(w, p, current.pendingSpends);
  return w;
}

/** A liquidation of the owner's note by a liquidator: what it repaid and seized, and where (the note left is `note`). */
export interface Liquidation {
  /** Collateral units taken. */
  seized: bigint;
  /** Debt shares repaid (all of the note's). */
  shares: bigint;
  /** Base-asset units the liquidator paid for them. */
  repaid: bigint;
  block: bigint;
  tx: Hex;
}

/** Which pool a wallet belongs to (the key of its storage and the header of its backup). */
export interface WalletScope {
  chainId: number;
  pool: Address;
  account: Address;
}

const VERSION = 1;

export const storageKey = (s: WalletScope) => `keel:private:v${VERSION}:${s.chainId}:${getAddress(s.pool)}:${getAddress(s.account)}`;

/** The backup file's text: the scope and the wallet, numbers in decimal. */
export function serializeWallet(s: WalletScope, w: PrivateWallet): string {
  const n = w.note;
  const p = w.pending;
  return JSON.stringify({
    keelPrivateNote: VERSION,
    chainId: s.chainId,
    pool: getAddress(s.pool),
    account: getAddress(s.account),
    ownerKey: w.ownerKey.toString(),
    note: n && {
      collateral: n.collateral.toString(),
      shares: n.shares.toString(),
      blinding: n.blinding.toString(),
      leafIndex: n.leafIndex,
      // a note inserted aside (leaf 0 of its own one-note tree): the root its membership is proven against
      ...(n.asideRoot !== undefined ? { asideRoot: n.asideRoot.toString() } : {}),
    },
    pending: p && { collateral: p.collateral.toString(), shares: p.shares.toString(), blinding: p.blinding.toString() },
    ...(p && w.pendingTx ? { pendingTx: w.pendingTx } : {}),
    ...(p && w.pendingSpends !== undefined ? { pendingSpends: w.pendingSpends.toString() } : {}),
    ...(w.unconfirmed?.length
      ? {
          unconfirmed: w.unconfirmed.map((u) => ({
            collateral: u.collateral.toString(),
            shares: u.shares.toString(),
            blinding: u.blinding.toString(),
            spends: u.spends.toString(),
          })),
        }
      : {}),
    ...(w.liquidation
      ? {
          liquidation: {
            seized: w.liquidation.seized.toString(),
            shares: w.liquidation.shares.toString(),
            repaid: w.liquidation.repaid.toString(),
            block: w.liquidation.block.toString(),
            tx: w.liquidation.tx,
          },
        }
      : {}),
  });
}

/** Why a backup cannot be read back. */
export type WalletProblem = "malformed" | "otherPool";

export class WalletFileError extends Error {
  constructor(readonly problem: WalletProblem) {
    super(problem === "malformed" ? "this is not a Keel private note backup" : "this backup belongs to another chain, pool or account");
    this.name = "WalletFileError";
  }
}

const field = (v: unknown, max = FIELD - 1n): bigint => {
  if (typeof v !== "string" || !/^\d{1,78}$/.test(v)) throw new WalletFileError("malformed");
  const x = BigInt(v);
  if (x > max) throw new WalletFileError("malformed");
  return x;
};

/** The wallet in `text` (a backup or the stored value), checked against `scope`. */
export function parseWallet(text: string, scope: WalletScope): PrivateWallet {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new WalletFileError("malformed");
  }
  if (typeof raw !== "object" || raw === null) throw new WalletFileError("malformed");
  const o = raw as Record<string, unknown>;
  if (o.keelPrivateNote !== VERSION || typeof o.pool !== "string" || typeof o.account !== "string") throw new WalletFileError("malformed");
  if (o.chainId !== scope.chainId || !sameAddress(o.pool, scope.pool) || !sameAddress(o.account, scope.account))
    throw new WalletFileError("otherPool");
  const ownerKey = field(o.ownerKey);
  const amounts = (v: unknown): Note | null => {
    if (v === null || v === undefined) return null;
    if (typeof v !== "object") throw new WalletFileError("malformed");
    const n = v as Record<string, unknown>;
    return { collateral: field(n.collateral, MAX_AMOUNT), shares: field(n.shares, MAX_AMOUNT), blinding: field(n.blinding), ownerKey };
  };
  const note = amounts(o.note);
  const { leafIndex, asideRoot } = (o.note ?? {}) as { leafIndex?: unknown; asideRoot?: unknown };
  if (note && (typeof leafIndex !== "number" || !Number.isInteger(leafIndex) || leafIndex < 0)) throw new WalletFileError("malformed");
  // a note inserted aside is alone at leaf 0 of its tree
  const aside = asideRoot === undefined ? undefined : field(asideRoot);
  if (aside !== undefined && leafIndex !== 0) throw new WalletFileError("malformed");
  const wallet: PrivateWallet = {
    ownerKey,
    note: note && { ...note, leafIndex: leafIndex as number, ...(aside !== undefined ? { asideRoot: aside } : {}) },
    pending: amounts(o.pending),
  };
  if (o.unconfirmed !== undefined) {
    if (!Array.isArray(o.unconfirmed) || o.unconfirmed.length > UNCONFIRMED_KEPT) throw new WalletFileError("malformed");
    wallet.unconfirmed = o.unconfirmed.map((u: unknown) => {
      const n = amounts(u);
      if (!n) throw new WalletFileError("malformed");
      return { ...n, spends: field((u as { spends?: unknown }).spends) };
    });
  }
  if (o.pendingSpends !== undefined) {
    if (!wallet.pending) throw new WalletFileError("malformed");
    wallet.pendingSpends = field(o.pendingSpends);
  }
  if (o.pendingTx !== undefined) {
    if (!isHex(o.pendingTx) || (o.pendingTx as string).length !== 66 || !wallet.pending) throw new WalletFileError("malformed");
    wallet.pendingTx = o.pendingTx as Hex;
  }
  if (o.liquidation !== undefined && o.liquidation !== null) {
    const l = o.liquidation as Record<string, unknown>;
    if (typeof l !== "object" || !isHex(l.tx) || (l.tx as string).length !== 66) throw new WalletFileError("malformed");
    wallet.liquidation = { seized: field(l.seized), shares: field(l.shares), repaid: field(l.repaid), block: field(l.block), tx: l.tx as Hex };
  }
  return wallet;
}

/** The wallet stored for `scope` in `storage`, null when none (a malformed value throws: never silently dropped). */
export function loadWallet(storage: Pick<Storage, "getItem">, scope: WalletScope): PrivateWallet | null {
  const text = storage.getItem(storageKey(scope));
  return text === null ? null : parseWallet(text, scope);
}

export function saveWallet(storage: Pick<Storage, "setItem">, scope: WalletScope, w: PrivateWallet): void {
  storage.setItem(storageKey(scope), serializeWallet(scope, w));
}

/**
 * What the receipt of the owner's pool call says about its note (audit k H-2, I-3): landed only if the pool (this
 * address's own logs) spent the action's nullifier in it — a wallet's replacement or cancellation comes back as a
 * successful receipt of another transaction, with none of the pool's logs. Then the new note: none for an exit,
 * else at its leaf (NoteInserted) or alone at leaf 0 of its own tree (NoteInsertedAside).
 */
export function noteFromReceipt(
  logs: readonly Log[],
  pool: Address,
  action: { nullifier: bigint; next: Note },
): { landed: false } | { landed: true; note: PlacedNote | null } {
  const own = logs.filter((l) => sameAddress(l.address, pool));
  const spent = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteSpent", logs: own }).some((ev) => ev.args.nullifier === action.nullifier);
  if (!spent) return { landed: false };
  if (action.next.collateral === 0n && action.next.shares === 0n) return { landed: true, note: null };
  const c = commitmentOf(openingOf(action.next));
  const inserted = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInserted", logs: own }).find((ev) => ev.args.commitment === c);
  if (inserted) return { landed: true, note: { ...action.next, leafIndex: Number(inserted.args.leafIndex) } };
  const aside = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInsertedAside", logs: own }).find((ev) => ev.args.commitment === c);
  return aside ? { landed: true, note: { ...action.next, leafIndex: 0, asideRoot: aside.args.root } } : { landed: false };
}
