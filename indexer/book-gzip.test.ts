import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { columnsOfRows, gunzip, patchColumns, writeBook, type BookRow } from "../lib/analytics/risk-book-codec";
import { PieceGzip } from "./src/api/book-gzip";

const META = { chainId: 1, market: getAddress("0x0000000000000000000000000000000000000aaa"), block: 3n };
const ASSET = getAddress("0x00000000000000000000000000000000000000e1");
const row = (id: number, v: bigint, owner = id % 7): BookRow => ({
  id: BigInt(id),
  owner: `0x${String(owner).padStart(40, "0")}`,
  debtShares: v,
  assets: [ASSET],
  amounts: [v * 3n],
});

describe("the book's gzip, piece by piece (PieceGzip)", () => {
  it("is one gzip stream of the bytes, read back by the browser's DecompressionStream and by zlib, patch after patch", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 600 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 800 }), fc.bigInt({ min: 0n, max: 1n << 140n })), { maxLength: 6 }),
        async (n, changes) => {
          let columns = columnsOfRows(Array.from({ length: n }, (_, i) => row(i + 1, BigInt(i) * 1_000_003n)));
          // Small pieces, so that every section is cut in several.
          const gz = new PieceGzip(6, 1024);
          for (const step of [[], ...changes.map((c) => [c])]) {
            columns = patchColumns(
              columns,
              step.map(([id, v]) => row(id, v)),
              [],
            );
            const raw = writeBook(META, columns);
            const body = await gz.gzip(raw);
            expect(new Uint8Array(gunzipSync(body))).toEqual(raw);
            expect(await gunzip(body)).toEqual(raw);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);

  it("deflates again only the pieces a new block changed", async () => {
    let columns = columnsOfRows(Array.from({ length: 5_000 }, (_, i) => row(i + 1, BigInt(i) * 977n)));
    const gz = new PieceGzip(6, 4096);
    await gz.gzip(writeBook(META, columns));
    const all = gz.deflated;
    expect(all).toBeGreaterThan(20);
    // One vault changed in place: the header (its block) and one piece of each of the two value columns.
    columns = patchColumns(columns, [row(2_000, 5n)], []);
    await gz.gzip(writeBook({ ...META, block: 4n }, columns));
    expect(gz.deflated).toBe(3);
    // One vault appended: the header and the last piece of each section (ids, owners' indices, two columns).
    columns = patchColumns(columns, [row(5_001, 5n)], []);
    const raw = writeBook({ ...META, block: 5n }, columns);
    const body = await gz.gzip(raw);
    expect(gz.deflated).toBe(5);
    expect(new Uint8Array(gunzipSync(body))).toEqual(raw);
  });
});
