import fc from "fast-check";
import { getAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import {
  columnsOfRows,
  decodeBook,
  encodeBook,
  gunzip,
  gzip,
  isGzip,
  patchColumns,
  readBook,
  writeBook,
  type BookRow,
  type CompactBook,
} from "./risk-book-codec";
import { bookFromIndexer, buildRiskBook, riskBookOfColumns, type BookMarket } from "./risk-book";
import type { LensMarket } from "../read/vaults";
import { wadToNumber } from "../engine/math";
import { debtOfShares, vaultRisk } from "../engine/risk";

const MARKET = getAddress("0x0000000000000000000000000000000000000aaa");
const ASSETS = [
  "0x00000000000000000000000000000000000000e1",
  "0x00000000000000000000000000000000000000b1",
  "0x00000000000000000000000000000000000000d1",
].map((a) => getAddress(a));
const addr = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(`0x${Buffer.from(b).toString("hex")}`) as Address);
/** Amounts of every size the layout chooses a width for: 64, 128 and 256 bits, and the edges. */
const amount = fc.oneof(
  fc.constantFrom(0n, 1n, (1n << 64n) - 1n, 1n << 64n, (1n << 128n) - 1n, 1n << 128n, (1n << 256n) - 1n),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
  fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
);
const rowsArb = fc
  .uniqueArray(
    fc.record({
      id: fc.bigInt({ min: 1n, max: 0xffffffffn }),
      owner: fc.oneof(addr, fc.constantFrom(...ASSETS)), // some owners repeat
      debtShares: amount,
      held: fc.subarray(ASSETS),
      amounts: fc.array(amount, { minLength: 3, maxLength: 3 }),
    }),
    { selector: (r) => r.id, maxLength: 40 },
  )
  .map((rs) =>
    rs.map((r): BookRow => ({ id: r.id, owner: r.owner, debtShares: r.debtShares, assets: r.held, amounts: r.amounts.slice(0, r.held.length) })),
  );

/** A decoded book as what it says of each vault: owner, debt shares and the amounts it holds (zero amounts left out). */
const meaning = (b: CompactBook) =>
  Array.from(b.ids, (id, i) => ({
    id,
    owner: b.owners[b.ownerIndex[i]!],
    shares: b.debtShares[i],
    amounts: Object.fromEntries(b.assets.map((a, j) => [a.toLowerCase(), b.amounts[i * b.assets.length + j]!] as const).filter(([, v]) => v > 0n)),
  }));

describe("the compact book", () => {
  it("round-trips every vault exactly: ids, owners, debt shares and each amount at any width", async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), async (rows, block) => {
        const bytes = encodeBook({ chainId: 31337, market: MARKET, block, rows });
        const book = decodeBook(await gunzip(await gzip(bytes)));
        expect(book.chainId).toBe(31337);
        expect(book.market).toBe(MARKET);
        expect(book.block).toBe(block);
        expect(book.n).toBe(rows.length);
        const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
        sorted.forEach((r, i) => {
          expect(BigInt(book.ids[i]!)).toBe(r.id);
          expect(book.owners[book.ownerIndex[i]!]).toBe(r.owner.toLowerCase());
          expect(book.debtShares[i]).toBe(r.debtShares);
          for (let j = 0; j < book.assets.length; j++) {
            const x = r.assets.findIndex((a) => a.toLowerCase() === book.assets[j]!.toLowerCase());
            expect(book.amounts[i * book.assets.length + j]).toBe(x < 0 ? 0n : r.amounts[x]);
          }
        });
        // Each owner once.
        expect(new Set(book.owners).size).toBe(book.owners.length);
      }),
      { numRuns: 150 },
    );
  });

  it("reads at any byte offset (an unaligned copy) the columns the book was written from; tells its gzip from its own bytes", async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.integer({ min: 1, max: 7 }), async (rows, shift) => {
        const columns = columnsOfRows(rows);
        const bytes = writeBook({ chainId: 5, market: MARKET, block: 3n }, columns);
        const unaligned = new Uint8Array(bytes.byteLength + shift).subarray(shift);
        unaligned.set(bytes);
        const read = readBook(unaligned);
        expect([read.chainId, read.market, read.block]).toEqual([5, MARKET, 3n]);
        expect([...read.columns.ids]).toEqual([...columns.ids]);
        expect([...read.columns.ownerIndex]).toEqual([...columns.ownerIndex]);
        expect([read.columns.owners, read.columns.assets, read.columns.w]).toEqual([columns.owners, columns.assets, columns.w]);
        expect(read.columns.values.map((planes) => planes.map((p) => [...p]))).toEqual(columns.values.map((planes) => planes.map((p) => [...p])));
        expect(isGzip(bytes)).toBe(false);
        expect(isGzip(await gzip(bytes))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("uses the fewest 64-bit words that hold the largest value", () => {
    const size = (v: bigint) =>
      encodeBook({ chainId: 1, market: MARKET, block: 1n, rows: [{ id: 1n, owner: MARKET, debtShares: v, assets: [], amounts: [] }] }).byteLength;
    expect(size((1n << 128n) - 1n) - size((1n << 64n) - 1n)).toBe(8);
    expect(size(1n << 128n) - size((1n << 128n) - 1n)).toBe(16);
  });

  it("refuses what it cannot hold exactly, and bytes that are not a book", () => {
    const row = (over: Partial<BookRow>): BookRow => ({ id: 1n, owner: MARKET, debtShares: 0n, assets: [], amounts: [], ...over });
    const enc = (r: BookRow[]) => () => encodeBook({ chainId: 1, market: MARKET, block: 1n, rows: r });
    expect(enc([row({ debtShares: -1n })])).toThrow(/not a uint256/);
    expect(enc([row({ debtShares: 1n << 256n })])).toThrow(/not a uint256/);
    expect(enc([row({ id: 1n << 32n })])).toThrow(/32-bit/);
    expect(enc([row({ id: 0n })])).toThrow(/32-bit/);
    expect(enc([row({}), row({})])).toThrow(/twice/);
    expect(enc([row({ assets: [ASSETS[0]!], amounts: [] })])).toThrow(/1 assets but 0 amounts/);
    const good = encodeBook({ chainId: 1, market: MARKET, block: 1n, rows: [row({ assets: [ASSETS[0]!], amounts: [5n] })] });
    expect(() => decodeBook(good.slice(0, good.length - 1))).toThrow(/header describes/);
    expect(() => decodeBook(new Uint8Array(good.length))).toThrow(/KBK1/);
    expect(() => decodeBook(new Uint8Array(8))).toThrow(/shorter than its header/);
  });

  it("becomes the same risk book as the lens's pages: debt from shares with the engine's rounding", () => {
    const feed = (price: bigint) => ({ price, status: 0 });
    const info = (asset: Address, decimals: number) => ({
      asset,
      decimals,
      ltv: 8n * 10n ** 17n,
      liquidationThreshold: 85n * 10n ** 16n,
      maxDiscount: 10n ** 17n,
    });
    const view = {
      market: MARKET,
      baseDecimals: 6,
      baseFeed: feed(10n ** 18n),
      totalBorrows: 1_234_567_890_123n,
      totalBorrowShares: 1_111_111_111_111_000_000n,
      collaterals: [
        { info: info(ASSETS[0]!, 18), feed: feed(3000n * 10n ** 18n) },
        { info: info(ASSETS[1]!, 8), feed: feed(65000n * 10n ** 18n) },
      ],
    } as unknown as BookMarket & { totalBorrows: bigint; totalBorrowShares: bigint };
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.integer({ min: 1, max: 500 }),
            shares: fc.bigInt({ min: 0n, max: 10n ** 18n }),
            weth: fc.bigInt({ min: 0n, max: 10n ** 21n }),
            wbtc: fc.bigInt({ min: 0n, max: 10n ** 9n }),
          }),
          { selector: (r) => r.id, maxLength: 30 },
        ),
        (vs) => {
          // The indexer lists the WBTC column first when its first vault holds only WBTC: the reader reorders.
          const rows: BookRow[] = vs.map((v) => ({
            id: BigInt(v.id),
            owner: MARKET,
            debtShares: v.shares,
            assets: [ASSETS[1]!, ASSETS[0]!],
            amounts: [v.wbtc, v.weth],
          }));
          const fromIndexer = riskBookOfColumns(view, readBook(encodeBook({ chainId: 1, market: MARKET, block: 9n, rows })));
          const sorted = [...vs].sort((a, b) => a.id - b.id);
          const fromLens = buildRiskBook(view, [
            {
              offset: 0,
              ids: sorted.map((v) => v.id),
              owners: sorted.map(() => MARKET.toLowerCase() as Address),
              debts: sorted.map((v) => debtOfShares(v.shares, view.totalBorrows, view.totalBorrowShares)),
              amounts: sorted.flatMap((v) => [v.weth, v.wbtc]),
            },
          ]);
          expect(fromIndexer).toEqual(fromLens);
          // Each vault valued as lib/engine/risk.ts vaultRisk values it (the dashboard's figures of one vault).
          sorted.forEach((v, i) => {
            const amounts = [v.weth, v.wbtc];
            const r = vaultRisk({
              collaterals: view.collaterals.map((c, j) => ({
                asset: c.info.asset,
                decimals: c.info.decimals,
                amount: amounts[j]!,
                price: c.feed.price,
                ltv: BigInt(c.info.ltv),
                liquidationThreshold: BigInt(c.info.liquidationThreshold),
              })),
              debt: fromLens.debt[i]!,
              baseDecimals: view.baseDecimals,
              basePrice: view.baseFeed.price,
            });
            expect([fromIndexer.totalValue[i], fromIndexer.totalLiquidationValue[i], fromIndexer.debtValue[i]]).toEqual(
              [r.collateralValue, r.liquidationValue, r.debtValue].map(wadToNumber),
            );
            expect(fromIndexer.healthFactor[i]).toBe(fromLens.debt[i] === 0n ? Infinity : wadToNumber(r.healthFactor));
            expect(fromIndexer.liquidatableNow[i]).toBe(fromLens.debt[i] !== 0n && r.liquidatable ? 1 : 0);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it("reads the indexer's book gzipped (as the indexer sends it) or inflated (by the browser, from the proxy's content-encoding) alike", async () => {
    const feed = (price: bigint) => ({ price, status: 0 });
    const view = {
      market: MARKET,
      baseDecimals: 6,
      baseFeed: feed(10n ** 18n),
      totalBorrows: 5_000_000n,
      totalBorrowShares: 4_000_000_000_000n,
      vaultCount: 3n,
      collaterals: [
        {
          info: { asset: ASSETS[0]!, decimals: 18, ltv: 8n * 10n ** 17n, liquidationThreshold: 85n * 10n ** 16n, maxDiscount: 10n ** 17n },
          feed: feed(3000n * 10n ** 18n),
        },
      ],
    } as unknown as LensMarket;
    const rows: BookRow[] = [1n, 2n].map((id) => ({
      id,
      owner: MARKET,
      debtShares: id * 10n ** 12n,
      assets: [ASSETS[0]!],
      amounts: [id * 10n ** 18n],
    }));
    const raw = encodeBook({ chainId: 1, market: MARKET, block: 4n, rows });
    const fromGzip = await bookFromIndexer((await gzip(raw)).buffer, view);
    const fromRaw = await bookFromIndexer(raw.slice().buffer, view);
    expect(fromRaw.book).toEqual(fromGzip.book);
    expect([fromRaw.block, fromRaw.notIndexed, fromRaw.book.n]).toEqual([4n, 1, 2]);
    await expect(bookFromIndexer(new Uint8Array(10).buffer, view)).rejects.toThrow(/shorter than its header/);
  });

  it("refuses the book of another market, or one holding an asset the market does not list", () => {
    const view = { market: MARKET, totalBorrows: 0n, totalBorrowShares: 0n, collaterals: [{ info: { asset: ASSETS[0]! } }] } as never;
    const other = readBook(encodeBook({ chainId: 1, market: ASSETS[2]!, block: 1n, rows: [] }));
    expect(() => riskBookOfColumns(view, other)).toThrow(/not 0x0000000000000000000000000000000000000aaa/i);
    const stray = readBook(
      encodeBook({ chainId: 1, market: MARKET, block: 1n, rows: [{ id: 1n, owner: MARKET, debtShares: 0n, assets: [ASSETS[2]!], amounts: [1n] }] }),
    );
    expect(() => riskBookOfColumns(view, stray)).toThrow(/does not list/);
  });

  it("patched block by block (vaults changed, added, removed; owners, columns and widths growing) says what the rows encoded afresh say", () => {
    const META = { chainId: 31337, market: MARKET, block: 7n };
    fc.assert(
      fc.property(
        rowsArb,
        fc.array(fc.tuple(rowsArb, fc.array(fc.bigInt({ min: 1n, max: 0xffffffffn }), { maxLength: 5 }), fc.boolean()), { maxLength: 6 }),
        (first, steps) => {
          const rows = new Map(first.map((r) => [r.id, r]));
          let columns = columnsOfRows(first);
          for (const [changed, dropped, dropSome] of steps) {
            // Drop some held vaults too (a reorg's removed rows), never one the same step writes.
            const removed = [...dropped, ...(dropSome ? [...rows.keys()].slice(0, 2) : [])].filter((id) => !changed.some((r) => r.id === id));
            const before = columns;
            const copy = before.values.map((planes) => planes.map((p) => p.slice()));
            columns = patchColumns(columns, changed, removed);
            // New columns leave the old ones as they were; only a patch in place changes them.
            if (columns !== before)
              expect(before.values.map((planes) => planes.map((p) => [...p]))).toEqual(copy.map((planes) => planes.map((p) => [...p])));
            for (const id of removed) rows.delete(id);
            for (const r of changed) rows.set(r.id, r);
            const patched = decodeBook(writeBook(META, columns));
            const afresh = decodeBook(encodeBook({ ...META, rows: [...rows.values()] }));
            expect(meaning(patched)).toEqual(meaning(afresh));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("patches a vault it holds in place, and refuses what encodeBook refuses", () => {
    const row = (id: bigint, shares: bigint): BookRow => ({ id, owner: MARKET, debtShares: shares, assets: [ASSETS[0]!], amounts: [shares] });
    const c = columnsOfRows([row(1n, 5n), row(2n, 6n)]);
    expect(patchColumns(c, [row(2n, 9n)], [])).toBe(c);
    expect(meaning(decodeBook(writeBook({ chainId: 1, market: MARKET, block: 1n }, c)))[1]!.shares).toBe(9n);
    expect(patchColumns(c, [row(3n, 1n)], [])).not.toBe(c);
    expect(() => patchColumns(c, [row(1n, -1n)], [])).toThrow(/not a uint256/);
    expect(() => patchColumns(c, [row(1n, 1n), row(1n, 2n)], [])).toThrow(/twice/);
  });
});
