/**
 * The compact form of a market's whole book, as the indexer serves it (`/book/:chainId/:market`) and the risk page
 * reads it: columns of fixed-width integers, exact (no float anywhere), gzipped on the wire.
 *
 * Layout (little-endian, every section starting at a multiple of 8 bytes):
 *
 *   header   "KBK1" · chainId u32 · n u32 (vaults) · k u32 (asset columns) · o u32 (distinct owners) · w u32 (64-bit
 *            words per amount: 1, 2 or 4 — the fewest that hold the largest debt share or amount) · block u64 (the
 *            indexer's block for this book) · market (20 bytes) · 4 bytes padding
 *   assets   k × 20 bytes (the columns' collateral addresses)
 *   owners   o × 20 bytes (each distinct owner once)
 *   ids      n × u32 (vault ids, ascending)
 *   owner    n × u32 (index into owners)
 *   shares   w planes of n × u64 (debt shares; plane p holds bits 64p … 64p+63)
 *   amounts  k columns × w planes of n × u64 (collateral amounts, token units)
 *
 * Debt travels as shares: the reader converts them with the market's borrow totals read at the same moment as the
 * prices (lib/engine/risk.ts `debtOfShares`, the engine's rounding), so the debt is the chain's own, interest to now.
 */
import { getAddress, type Address } from "viem";

/** The content type the indexer serves the gzipped book with. */
export const BOOK_CONTENT_TYPE = "application/vnd.keel.book+gzip";

const MAGIC = 0x314b424b; // "KBK1" read as a little-endian u32
const HEADER = 56;

/** A vault as the indexer stores it: collateral amounts by asset (only the ones it holds). */
export interface BookRow {
  id: bigint;
  owner: Address;
  debtShares: bigint;
  assets: readonly Address[];
  amounts: readonly bigint[];
}

export interface CompactBook {
  chainId: number;
  market: Address;
  /** The block the indexer had processed for this book. */
  block: bigint;
  /** Column order of `amounts`. */
  assets: Address[];
  n: number;
  ids: Uint32Array;
  owners: Address[];
  /** Per vault, index into `owners`. */
  ownerIndex: Uint32Array;
  debtShares: bigint[];
  /** Row-major, `assets.length` per vault. */
  amounts: bigint[];
}

const pad8 = (x: number) => (x + 7) & ~7;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const MAX_U256 = (1n << 256n) - 1n;

function writeAddress(bytes: Uint8Array, at: number, address: string) {
  const hex = address.slice(2);
  for (let b = 0; b < 20; b++) bytes[at + b] = parseInt(hex.slice(2 * b, 2 * b + 2), 16);
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
function readAddress(bytes: Uint8Array, at: number): Address {
  let s = "0x";
  for (let b = 0; b < 20; b++) s += HEX[bytes[at + b]!];
  return s as Address;
}

/** Sizes of every section for n vaults, k columns, o owners and w words. */
function layout(n: number, k: number, o: number, w: number) {
  const assets = HEADER;
  const owners = pad8(assets + 20 * k);
  const ids = pad8(owners + 20 * o);
  const ownerIndex = pad8(ids + 4 * n);
  const shares = pad8(ownerIndex + 4 * n);
  const amounts = shares + 8 * w * n;
  const end = amounts + 8 * w * n * k;
  return { assets, owners, ids, ownerIndex, shares, amounts, end };
}

/**
 * A book as columns: what `encodeBook` lays out, and what the indexer keeps in memory and patches with the vaults each
 * new block changed (`patchColumns`) instead of reading and encoding every vault again.
 */
export interface BookColumns {
  n: number;
  /** Vault ids, ascending. */
  ids: Uint32Array;
  /** Per vault, index into `owners`. */
  ownerIndex: Uint32Array;
  /** Distinct owners (lowercase), in the order they were first seen. */
  owners: string[];
  /** The collateral columns (lowercase addresses), in the order they were first seen. */
  assets: string[];
  /** 64-bit words per value: 1, 2 or 4. */
  w: 1 | 2 | 4;
  /** Value columns — 0: debt shares, 1 + j: amounts of `assets[j]` — each `w` planes of n words (plane p: bits 64p…). */
  values: BigUint64Array[][];
}

const U64 = 0xffffffffffffffffn;
const SHIFT = [0n, 64n, 128n, 192n];
const widthFor = (max: bigint): 1 | 2 | 4 => (max < 1n << 64n ? 1 : max < 1n << 128n ? 2 : 4);

/** Throws on a row the layout cannot hold exactly (negative, above 2²⁵⁶ − 1, an id above 2³² − 1); its largest value. */
function checkRow(r: BookRow): bigint {
  if (r.id < 1n || r.id > 0xffffffffn) throw new Error(`vault id ${r.id} does not fit the book's 32-bit ids`);
  if (r.assets.length !== r.amounts.length) throw new Error(`vault ${r.id}: ${r.assets.length} assets but ${r.amounts.length} amounts`);
  let max = 0n;
  for (const v of [r.debtShares, ...r.amounts]) {
    if (v < 0n || v > MAX_U256) throw new Error(`vault ${r.id}: ${v} is not a uint256`);
    if (v > max) max = v;
  }
  return max;
}

/** Writes row `r`'s values at index i (every column: an asset it does not hold is 0). */
function writeRow(c: BookColumns, column: Map<string, number>, i: number, r: BookRow) {
  const set = (col: number, v: bigint) => {
    const planes = c.values[col]!;
    planes[0]![i] = v & U64;
    for (let p = 1; p < c.w; p++) planes[p]![i] = (v >> SHIFT[p]!) & U64;
  };
  set(0, r.debtShares);
  for (let j = 0; j < c.assets.length; j++) set(1 + j, 0n);
  r.assets.forEach((a, x) => set(1 + column.get(a.toLowerCase())!, r.amounts[x]!));
}

/** Index of vault `id` in `c` (binary search over the ascending ids), or −1. */
function findId(c: Pick<BookColumns, "n" | "ids">, id: number): number {
  let lo = 0;
  let hi = c.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < c.n && c.ids[lo] === id ? lo : -1;
}

const planes = (w: number, n: number) => Array.from({ length: w }, () => new BigUint64Array(n));

/** The rows (any order; each id once) as columns, by ascending id. Throws as `checkRow`, and on an id seen twice. */
export function columnsOfRows(rows: readonly BookRow[]): BookColumns {
  const empty: BookColumns = { n: 0, ids: new Uint32Array(0), ownerIndex: new Uint32Array(0), owners: [], assets: [], w: 1, values: [planes(1, 0)] };
  return patchColumns(empty, rows, []);
}

/**
 * `c` with `upserts` written (a row replaces the vault's whole row, or adds the vault) and the vaults `removed` gone:
 * the same object patched in place when every upsert is a vault it holds and nothing is removed (ids, owners,
 * columns and width allowing), else new columns (the old ones are not changed then). New owners and collateral
 * columns are appended; the width grows when a value needs it (it never shrinks: a wider book decodes the same).
 * Throws as `checkRow`, and on an id given twice.
 */
export function patchColumns(c: BookColumns, upserts: readonly BookRow[], removed: Iterable<bigint>): BookColumns {
  const seen = new Set<bigint>();
  let max = 0n;
  for (const r of upserts) {
    const m = checkRow(r);
    if (m > max) max = m;
    if (seen.has(r.id)) throw new Error(`vault ${r.id} appears twice`);
    seen.add(r.id);
  }
  const indexOf = (id: number) => findId(c, id);
  const gone = new Set<number>();
  for (const id of removed) if (!seen.has(id) && id >= 1n && id <= 0xffffffffn && indexOf(Number(id)) >= 0) gone.add(Number(id));
  const fresh = upserts.filter((r) => indexOf(Number(r.id)) < 0);
  // Owners and columns: appended (the owners list and map are extended in place only on the in-place path below).
  const owners = [...c.owners];
  const ownerOf = new Map(owners.map((o, x) => [o, x]));
  for (const r of upserts) {
    const o = r.owner.toLowerCase();
    if (!ownerOf.has(o)) ownerOf.set(o, owners.push(o) - 1);
  }
  const assets = [...c.assets];
  const column = new Map(assets.map((a, j) => [a, j]));
  for (const r of upserts)
    for (const a of r.assets) {
      const key = a.toLowerCase();
      if (!column.has(key)) column.set(key, assets.push(key) - 1);
    }
  const w = Math.max(c.w, widthFor(max)) as 1 | 2 | 4;
  const sameShape = w === c.w && assets.length === c.assets.length;
  if (sameShape && fresh.length === 0 && gone.size === 0) {
    c.owners = owners;
    for (const r of upserts) {
      const i = indexOf(Number(r.id));
      c.ownerIndex[i] = ownerOf.get(r.owner.toLowerCase())!;
      writeRow(c, column, i, r);
    }
    return c;
  }
  // New columns: the kept vaults and the new ones merged by id, each kept vault's words copied, then the upserts written.
  const n = c.n - gone.size + fresh.length;
  const next: BookColumns = {
    n,
    ids: new Uint32Array(n),
    ownerIndex: new Uint32Array(n),
    owners,
    assets,
    w,
    values: Array.from({ length: 1 + assets.length }, () => planes(w, n)),
  };
  const added = fresh.map((r) => Number(r.id)).sort((a, b) => a - b);
  const from = new Int32Array(n); // index in c, or −1 for a new vault
  let i = 0;
  let a = 0;
  for (let x = 0; x <= c.n; x++) {
    const id = x < c.n ? c.ids[x]! : Infinity;
    while (a < added.length && added[a]! < id) {
      next.ids[i] = added[a++]!;
      from[i++] = -1;
    }
    if (x === c.n) break;
    if (gone.has(id)) continue;
    next.ids[i] = id;
    next.ownerIndex[i] = c.ownerIndex[x]!;
    from[i++] = x;
  }
  for (let col = 0; col < c.values.length; col++)
    for (let p = 0; p < c.w; p++) {
      const src = c.values[col]![p]!;
      const dst = next.values[col]![p]!;
      for (let y = 0; y < n; y++) if (from[y]! >= 0) dst[y] = src[from[y]!]!;
    }
  for (const r of upserts) {
    const y = findId(next, Number(r.id));
    next.ownerIndex[y] = ownerOf.get(r.owner.toLowerCase())!;
    writeRow(next, column, y, r);
  }
  return next;
}

/**
 * The book's bytes (not compressed). Rows may come in any order; they are written by ascending id. Throws on a value
 * the layout cannot hold exactly (negative, above 2²⁵⁶ − 1, an id above 2³² − 1) rather than rounding it.
 */
export function encodeBook(book: { chainId: number; market: Address; block: bigint; rows: readonly BookRow[] }): Uint8Array {
  return writeBook(book, columnsOfRows(book.rows));
}

/** The bytes of columns `c` (`encodeBook`'s layout), with the header's chain, market and block. */
export function writeBook(meta: { chainId: number; market: Address; block: bigint }, c: BookColumns): Uint8Array {
  const { n, w } = c;
  const k = c.assets.length;
  const L = layout(n, k, c.owners.length, w);
  const bytes = new Uint8Array(L.end);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, meta.chainId, true);
  view.setUint32(8, n, true);
  view.setUint32(12, k, true);
  view.setUint32(16, c.owners.length, true);
  view.setUint32(20, w, true);
  view.setBigUint64(24, meta.block, true);
  writeAddress(bytes, 32, meta.market);
  c.assets.forEach((a, j) => writeAddress(bytes, L.assets + 20 * j, a));
  c.owners.forEach((a, j) => writeAddress(bytes, L.owners + 20 * j, a));
  const plane = (at: number, words: BigUint64Array) => {
    if (LITTLE_ENDIAN) new BigUint64Array(bytes.buffer, at, n).set(words);
    else for (let i = 0; i < n; i++) view.setBigUint64(at + 8 * i, words[i]!, true);
  };
  const u32 = (at: number, xs: Uint32Array) => {
    if (LITTLE_ENDIAN) new Uint32Array(bytes.buffer, at, n).set(xs.subarray(0, n));
    else for (let i = 0; i < n; i++) view.setUint32(at + 4 * i, xs[i]!, true);
  };
  u32(L.ids, c.ids);
  u32(L.ownerIndex, c.ownerIndex);
  for (let p = 0; p < w; p++) plane(L.shares + 8 * n * p, c.values[0]![p]!);
  for (let j = 0; j < k; j++) for (let p = 0; p < w; p++) plane(L.amounts + 8 * (w * n * j + n * p), c.values[1 + j]![p]!);
  return bytes;
}

/**
 * The book's bytes (`writeBook`'s) cut where a patch leaves most of them as they were: at every section's start (header
 * with the asset list, owners, ids, owner indices, each word plane of debt shares and of each column), then every
 * `chunk` bytes within a section. A vault changed touches one piece per column; vaults appended touch the header and the
 * last piece of each section; earlier pieces keep their bytes (and their key). Concatenated, the pieces are the bytes.
 */
export function bookPieces(bytes: Uint8Array, chunk = 32_768): { key: string; bytes: Uint8Array }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(8, true);
  const k = view.getUint32(12, true);
  const w = view.getUint32(20, true);
  const L = layout(n, k, view.getUint32(16, true), w);
  const starts = [0, L.owners, L.ids, L.ownerIndex, L.shares];
  for (let p = 1; p < w; p++) starts.push(L.shares + 8 * n * p);
  for (let j = 0; j < k; j++) for (let p = 0; p < w; p++) starts.push(L.amounts + 8 * (w * n * j + n * p));
  starts.push(L.end);
  const pieces: { key: string; bytes: Uint8Array }[] = [];
  for (let x = 0; x + 1 < starts.length; x++)
    for (let at = starts[x]!, c = 0; at < starts[x + 1]!; at += chunk, c++)
      pieces.push({ key: `${x}:${c}`, bytes: bytes.subarray(at, Math.min(at + chunk, starts[x + 1]!)) });
  return pieces;
}

/** The value of vault `i` in column `col` of `c` (0: debt shares, 1 + j: amounts of `assets[j]`), joined from its word planes. */
export function valueAt(c: Pick<BookColumns, "w" | "values">, col: number, i: number): bigint {
  const planes = c.values[col]!;
  let v = planes[0]![i]!;
  for (let p = 1; p < c.w; p++) {
    const hi = planes[p]![i]!;
    if (hi !== 0n) v |= hi << SHIFT[p]!;
  }
  return v;
}

/**
 * Reads bytes written by `writeBook` as its columns and header, with no bigint per vault: the word planes are 64-bit
 * arrays over the bytes (on little-endian hosts — every browser and Node platform — views of an aligned copy at most;
 * others read through a DataView), ids and owner indices copies. Throws on anything else (wrong magic, truncated, an
 * owner index out of range).
 */
export function readBook(input: ArrayBuffer | Uint8Array): { chainId: number; market: Address; block: bigint; columns: BookColumns } {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength < HEADER) throw new Error(`the book is ${bytes.byteLength} bytes: shorter than its header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error("not a Keel book (its first bytes are not KBK1)");
  const n = view.getUint32(8, true);
  const k = view.getUint32(12, true);
  const o = view.getUint32(16, true);
  const w = view.getUint32(20, true);
  if (w !== 1 && w !== 2 && w !== 4) throw new Error(`the book says ${w} words per amount (1, 2 or 4 expected)`);
  const L = layout(n, k, o, w);
  if (bytes.byteLength !== L.end) throw new Error(`the book is ${bytes.byteLength} bytes; its header describes ${L.end}`);
  // Every section starts at a multiple of 8 from the book's start: on an aligned copy, typed arrays read them in place.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const at = aligned.byteOffset;
  const u32 = (off: number) => {
    if (LITTLE_ENDIAN) return new Uint32Array(aligned.buffer, at + off, n).slice();
    const xs = new Uint32Array(n);
    for (let i = 0; i < n; i++) xs[i] = view.getUint32(off + 4 * i, true);
    return xs;
  };
  const plane = (off: number) => {
    if (LITTLE_ENDIAN) return new BigUint64Array(aligned.buffer, at + off, n);
    const xs = new BigUint64Array(n);
    for (let i = 0; i < n; i++) xs[i] = view.getBigUint64(off + 8 * i, true);
    return xs;
  };
  const ids = u32(L.ids);
  const ownerIndex = u32(L.ownerIndex);
  for (let i = 0; i < n; i++) if (ownerIndex[i]! >= o) throw new Error(`vault ${ids[i]} names owner ${ownerIndex[i]} of ${o}`);
  const values = [Array.from({ length: w }, (_, p) => plane(L.shares + 8 * n * p))];
  for (let j = 0; j < k; j++) values.push(Array.from({ length: w }, (_, p) => plane(L.amounts + 8 * (w * n * j + n * p))));
  return {
    chainId: view.getUint32(4, true),
    market: getAddress(readAddress(bytes, 32)),
    block: view.getBigUint64(24, true),
    columns: {
      n,
      ids,
      ownerIndex,
      owners: Array.from({ length: o }, (_, j) => readAddress(bytes, L.owners + 20 * j)),
      assets: Array.from({ length: k }, (_, j) => readAddress(bytes, L.assets + 20 * j)),
      w,
      values,
    },
  };
}

/** Reads bytes written by `encodeBook` as one bigint per value (`readBook`'s columns joined); throws as `readBook`. */
export function decodeBook(input: ArrayBuffer | Uint8Array): CompactBook {
  const { chainId, market, block, columns: c } = readBook(input);
  const { n } = c;
  const k = c.assets.length;
  const debtShares = new Array<bigint>(n);
  for (let i = 0; i < n; i++) debtShares[i] = valueAt(c, 0, i);
  const amounts = new Array<bigint>(n * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) amounts[i * k + j] = valueAt(c, 1 + j, i);
  return {
    chainId,
    market,
    block,
    assets: c.assets.map((a) => getAddress(a)),
    n,
    ids: c.ids,
    owners: c.owners as Address[],
    ownerIndex: c.ownerIndex,
    debtShares,
    amounts,
  };
}

/** The bytes gzipped (CompressionStream: the browser's, Node's and the workers' own). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
}

/** Whether `bytes` start as a gzip stream does (a Keel book starts with "KBK1"). */
export function isGzip(bytes: ArrayBuffer | Uint8Array): boolean {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  return b.byteLength >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** The inverse of `gzip`. */
export async function gunzip(bytes: ArrayBuffer | Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
}
