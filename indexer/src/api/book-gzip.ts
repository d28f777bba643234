/**
 * Gzip of the book's bytes that compresses again only the pieces a patch changed (lib/analytics/risk-book-codec.ts
 * `bookPieces`): each piece is deflated on its own and ended with a full flush (a byte-aligned empty stored block, the
 * compressor's history dropped), so its deflated bytes do not depend on the pieces before it and can be kept; the
 * gzip stream is the header, the kept or new deflated pieces in order, a final empty block and the CRC-32 and length of
 * the whole. One ordinary gzip member: every gunzip reads it (the browser's DecompressionStream included). Deflating
 * runs on libuv's thread pool (zlib's asynchronous calls), not on the indexer's thread.
 */
import { promisify } from "node:util";
import { constants, crc32, deflateRaw } from "node:zlib";
import { bookPieces } from "../../../lib/analytics/risk-book-codec";

const deflate = promisify(deflateRaw) as (buf: Uint8Array, options: { level: number; finishFlush: number }) => Promise<Buffer>;

/** gzip's header: magic, deflate, no flags, no time, no extra flags, unknown OS. */
const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
/** A final, empty block (fixed Huffman: BFINAL 1, BTYPE 01, end of block). */
const FINAL = Uint8Array.of(0x03, 0x00);

export class PieceGzip {
  /** The last bytes and deflated bytes of each piece, by its key. */
  private kept = new Map<string, { raw: Uint8Array; deflated: Uint8Array }>();
  /** Pieces deflated by the last `gzip` call (the rest were kept). */
  deflated = 0;

  /** `chunk`: bytes per piece within a section (`bookPieces`). */
  constructor(
    private readonly level = 6,
    private readonly chunk = 32_768,
  ) {}

  async gzip(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    const pieces = bookPieces(bytes, this.chunk);
    const next = new Map<string, { raw: Uint8Array; deflated: Uint8Array }>();
    this.deflated = 0;
    const parts = await Promise.all(
      pieces.map(async ({ key, bytes: raw }) => {
        const old = this.kept.get(key);
        if (old && Buffer.from(old.raw.buffer, old.raw.byteOffset, old.raw.byteLength).equals(raw)) {
          next.set(key, old);
          return old.deflated;
        }
        this.deflated++;
        const copy = raw.slice();
        const deflated = await deflate(copy, { level: this.level, finishFlush: constants.Z_FULL_FLUSH });
        next.set(key, { raw: copy, deflated });
        return deflated;
      }),
    );
    this.kept = next;
    let crc = 0;
    for (const { bytes: raw } of pieces) crc = crc32(raw, crc);
    const size = HEADER.length + parts.reduce((a, p) => a + p.byteLength, 0) + FINAL.length + 8;
    const out = new Uint8Array(size);
    out.set(HEADER, 0);
    let at = HEADER.length;
    for (const p of parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    out.set(FINAL, at);
    at += FINAL.length;
    const tail = new DataView(out.buffer, at, 8);
    tail.setUint32(0, crc >>> 0, true);
    tail.setUint32(4, bytes.byteLength >>> 0, true);
    return out;
  }
}
