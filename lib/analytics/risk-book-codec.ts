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
 * The book's bytes (not compressed). Rows may come in any order; they are written by ascending id. Throws on a value
 * the layout cannot hold exactly (negative, above 2²⁵⁶ − 1, an id above 2³² − 1) rather than rounding it.
 */
export function encodeBook(book: { chainId: number; market: Address; block: bigint; rows: readonly BookRow[] }): Uint8Array {
  const rows = [...book.rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = rows.length;
  const assets: string[] = [];
  const column = new Map<string, number>();
  const owners: string[] = [];
  const ownerOf = new Map<string, number>();
  let max = 0n;
  for (const r of rows) {
    if (r.id < 1n || r.id > 0xffffffffn) throw new Error(`vault id ${r.id} does not fit the book's 32-bit ids`);
    if (r.assets.length !== r.amounts.length) throw new Error(`vault ${r.id}: ${r.assets.length} assets but ${r.amounts.length} amounts`);
    const owner = r.owner.toLowerCase();
    if (!ownerOf.has(owner)) ownerOf.set(owner, owners.push(owner) - 1);
    for (const v of [r.debtShares, ...r.amounts]) {
      if (v < 0n || v > MAX_U256) throw new Error(`vault ${r.id}: ${v} is not a uint256`);
      if (v > max) max = v;
    }
    for (const a of r.assets) {
      const key = a.toLowerCase();
      if (!column.has(key)) column.set(key, assets.push(key) - 1);
    }
  }
  const w = max < 1n << 64n ? 1 : max < 1n << 128n ? 2 : 4;
  const k = assets.length;
  const L = layout(n, k, owners.length, w);
  const bytes = new Uint8Array(L.end);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, book.chainId, true);
  view.setUint32(8, n, true);
  view.setUint32(12, k, true);
  view.setUint32(16, owners.length, true);
  view.setUint32(20, w, true);
  view.setBigUint64(24, book.block, true);
  writeAddress(bytes, 32, book.market);
  assets.forEach((a, j) => writeAddress(bytes, L.assets + 20 * j, a));
  owners.forEach((a, j) => writeAddress(bytes, L.owners + 20 * j, a));
  const word = (at: number, v: bigint) => {
    for (let p = 0; p < w; p++) view.setBigUint64(at + 8 * n * p, (v >> BigInt(64 * p)) & 0xffffffffffffffffn, true);
  };
  rows.forEach((r, i) => {
    if (i > 0 && r.id === rows[i - 1]!.id) throw new Error(`vault ${r.id} appears twice`);
    view.setUint32(L.ids + 4 * i, Number(r.id), true);
    view.setUint32(L.ownerIndex + 4 * i, ownerOf.get(r.owner.toLowerCase())!, true);
    word(L.shares + 8 * i, r.debtShares);
    r.assets.forEach((a, x) => {
      const j = column.get(a.toLowerCase())!;
      word(L.amounts + 8 * (w * n * j + i), r.amounts[x]!);
    });
  });
  return bytes;
}

/** Reads bytes written by `encodeBook`; throws on anything else (wrong magic, truncated, an owner index out of range). */
export function decodeBook(input: ArrayBuffer | Uint8Array): CompactBook {
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
  const assets = Array.from({ length: k }, (_, j) => getAddress(readAddress(bytes, L.assets + 20 * j)));
  const owners = Array.from({ length: o }, (_, j) => readAddress(bytes, L.owners + 20 * j));
  const ids = new Uint32Array(n);
  const ownerIndex = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = view.getUint32(L.ids + 4 * i, true);
    const x = view.getUint32(L.ownerIndex + 4 * i, true);
    if (x >= o) throw new Error(`vault ${ids[i]} names owner ${x} of ${o}`);
    ownerIndex[i] = x;
  }
  // Word planes as 64-bit arrays: every section starts at a multiple of 8, so a copy made aligned reads them in place
  // (little-endian hosts: every browser and Node platform; others read through the DataView).
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const words = LITTLE_ENDIAN ? new BigUint64Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 3) : null;
  const word = (at: number) => (words ? words[at >> 3]! : view.getBigUint64(at, true));
  const SHIFT = [0n, 64n, 128n, 192n];
  const read = (at: number) => {
    let v = word(at);
    for (let p = 1; p < w; p++) {
      const hi = word(at + 8 * n * p);
      if (hi !== 0n) v |= hi << SHIFT[p]!;
    }
    return v;
  };
  const debtShares = new Array<bigint>(n);
  for (let i = 0; i < n; i++) debtShares[i] = read(L.shares + 8 * i);
  const amounts = new Array<bigint>(n * k);
  for (let j = 0; j < k; j++) {
    const base = L.amounts + 8 * w * n * j;
    for (let i = 0; i < n; i++) amounts[i * k + j] = read(base + 8 * i);
  }
  return {
    chainId: view.getUint32(4, true),
    market: getAddress(readAddress(bytes, 32)),
    block: view.getBigUint64(24, true),
    assets,
    n,
    ids,
    owners,
    ownerIndex,
    debtShares,
    amounts,
  };
}

/** The bytes gzipped (CompressionStream: the browser's, Node's and the workers' own). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
}

/** The inverse of `gzip`. */
export async function gunzip(bytes: ArrayBuffer | Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
}
