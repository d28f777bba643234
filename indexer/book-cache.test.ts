import fc from "fast-check";
import { getAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { decodeBook, encodeBook, writeBook, type BookColumns, type CompactBook } from "../lib/analytics/risk-book-codec";
import { BookCache, type BookSource, type StoredRow } from "./src/api/book-cache";

const MARKET = getAddress("0x0000000000000000000000000000000000000aaa");
const ASSETS = ["0x00000000000000000000000000000000000000e1", "0x00000000000000000000000000000000000000b1"].map((a) => getAddress(a));
const OWNERS = [
  "0x00000000000000000000000000000000000000c1",
  "0x00000000000000000000000000000000000000c2",
  "0x00000000000000000000000000000000000000c3",
] as Address[];

/** A vault write: the row's whole new state (as the handlers write it). */
type Write = Omit<StoredRow, "block">;

/**
 * Ponder's side, as the book reads it: a branch of blocks (each the vault rows it wrote), rows as the replay of the
 * branch, blocks up to `depth` below the highest head final. A reorg drops unfinalised blocks and mines others (Ponder reverts the rows
 * to their state at the fork); the version changes with every change, as the checkpoint and reorg log's ids do.
 */
class Chain {
  blocks: Write[][] = [];
  version = 0;
  reads = 0;
  constructor(readonly depth: number) {}
  get head() {
    return BigInt(this.blocks.length);
  }
  /** Final blocks: `depth` below the highest head seen, and never fewer (a reorg to a shorter branch keeps them). */
  finalized = 0n;
  mine(writes: Write[]) {
    this.blocks.push(writes);
    this.version++;
    if (this.head - BigInt(this.depth) > this.finalized) this.finalized = this.head - BigInt(this.depth);
  }
  /** Back to block `to` (not below the finalized one), then `blocks` on the new branch. */
  reorg(to: number, blocks: Write[][]) {
    if (BigInt(to) < this.finalized) throw new Error("below the finalized block");
    this.blocks = this.blocks.slice(0, to);
    this.version++;
    for (const b of blocks) this.mine(b);
  }
  rows(): StoredRow[] {
    const rows = new Map<bigint, StoredRow>();
    this.blocks.forEach((writes, b) => {
      for (const w of writes) rows.set(w.id, { ...w, block: BigInt(b + 1) });
    });
    return [...rows.values()];
  }
  source(): BookSource & { lastRead: number } {
    const source = {
      lastRead: 0,
      state: async () => ({ version: String(this.version), finalized: this.finalized, block: this.head }),
      rows: async (after: bigint | null, ids: readonly bigint[]) => {
        const rows = this.rows().filter((r) => after === null || r.block > after || ids.includes(r.id));
        source.lastRead = rows.length;
        this.reads += rows.length;
        return rows;
      },
      build: async (columns: BookColumns, block: bigint) => new Uint8Array(writeBook({ chainId: 1, market: MARKET, block }, columns)),
    };
    return source;
  }
}

/** What a book says of each vault (zero amounts left out). */
const meaning = (b: CompactBook) =>
  Array.from(b.ids, (id, i) => ({
    id,
    owner: b.owners[b.ownerIndex[i]!],
    shares: b.debtShares[i],
    amounts: Object.fromEntries(b.assets.map((a, j) => [a.toLowerCase(), b.amounts[i * b.assets.length + j]!] as const).filter(([, v]) => v > 0n)),
  }));
const afresh = (chain: Chain) => meaning(decodeBook(encodeBook({ chainId: 1, market: MARKET, block: chain.head, rows: chain.rows() })));

const writeArb: fc.Arbitrary<Write> = fc
  .record({
    id: fc.bigInt({ min: 1n, max: 12n }),
    owner: fc.constantFrom(...OWNERS),
    debtShares: fc.bigInt({ min: 0n, max: 1n << 70n }),
    held: fc.subarray(ASSETS),
    amounts: fc.array(fc.bigInt({ min: 0n, max: 1n << 130n }), { minLength: 2, maxLength: 2 }),
  })
  .map((r) => ({ id: r.id, owner: r.owner, debtShares: r.debtShares, assets: r.held, amounts: r.amounts.slice(0, r.held.length) }));
const blockArb = fc.uniqueArray(writeArb, { selector: (w) => w.id, maxLength: 4 });
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant("mine" as const), blocks: fc.array(blockArb, { minLength: 1, maxLength: 3 }) }),
  // A reorg `back` blocks deep (within the unfinalised ones) onto a branch of any length, shorter, equal or longer.
  fc.record({ kind: fc.constant("reorg" as const), back: fc.integer({ min: 1, max: 4 }), blocks: fc.array(blockArb, { maxLength: 5 }) }),
);

describe("the book kept per market (BookCache)", () => {
  it("serves after every block and every reorg exactly the book of all the rows read afresh, reading only the rows that can have changed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(blockArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(stepArb, fc.boolean()), { maxLength: 12 }),
        async (first, steps) => {
          const chain = new Chain(4);
          for (const b of first) chain.mine(b);
          const cache = new BookCache();
          const source = chain.source();
          const book = async () => cache.get("1:0xm", source);
          expect(meaning(decodeBook((await book()).body))).toEqual(afresh(chain));
          for (const [step, ask] of steps) {
            if (step.kind === "mine") for (const b of step.blocks) chain.mine(b);
            else chain.reorg(Math.max(Number(chain.finalized), chain.blocks.length - step.back), step.blocks);
            // Requests skip some states: the cache must catch up over several blocks and reorgs at once.
            if (!ask) continue;
            const served = await book();
            expect(served.from).toBe("patched");
            expect(meaning(decodeBook(served.body))).toEqual(afresh(chain));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("after a new block reads the rows it wrote, not the book's finalized ones", async () => {
    const chain = new Chain(4);
    chain.mine(Array.from({ length: 50 }, (_, i) => ({ id: BigInt(i + 1), owner: OWNERS[i % 3]!, debtShares: 1n, assets: [], amounts: [] })));
    for (let b = 0; b < 20; b++) chain.mine([]);
    const cache = new BookCache();
    const source = chain.source();
    expect((await cache.get("k", source)).from).toBe("built");
    expect(source.lastRead).toBe(50);
    chain.mine([{ id: 7n, owner: OWNERS[0]!, debtShares: 9n, assets: [], amounts: [] }]);
    const served = await cache.get("k", source);
    expect([served.from, served.changed, source.lastRead]).toEqual(["patched", 1, 1]);
    expect(meaning(decodeBook(served.body))).toEqual(afresh(chain));
  });

  it("drops a vault opened on an orphaned branch, and restores a vault changed there to its state before", async () => {
    const chain = new Chain(10);
    const row = (id: bigint, shares: bigint, owner = OWNERS[0]!): Write => ({
      id,
      owner,
      debtShares: shares,
      assets: [ASSETS[0]!],
      amounts: [shares],
    });
    chain.mine([row(1n, 100n)]);
    chain.mine([]);
    const cache = new BookCache();
    const source = chain.source();
    await cache.get("k", source);
    // The orphaned branch: vault 1 changed, vault 2 opened; served from the cache, patched.
    chain.mine([row(1n, 555n), row(2n, 7n, OWNERS[1])]);
    let served = await cache.get("k", source);
    expect(served.from).toBe("patched");
    expect(meaning(decodeBook(served.body)).map((v) => [v.id, v.shares])).toEqual([
      [1, 555n],
      [2, 7n],
    ]);
    // The reorg: back to block 2, a branch of the same height where nothing touches the vaults.
    chain.reorg(2, [[]]);
    served = await cache.get("k", source);
    expect(meaning(decodeBook(served.body)).map((v) => [v.id, v.shares])).toEqual([[1, 100n]]);
    expect(served.vaults).toBe(1);
  });

  it("within one version serves the same bytes; concurrent requests patch once, in turn", async () => {
    const chain = new Chain(2);
    chain.mine([{ id: 1n, owner: OWNERS[0]!, debtShares: 1n, assets: [], amounts: [] }]);
    const cache = new BookCache();
    const source = chain.source();
    const [a, b] = await Promise.all([cache.get("k", source), cache.get("k", source)]);
    expect(a.body).toBe(b.body);
    expect([a.from, b.from]).toEqual(["built", "cached"]);
    chain.mine([{ id: 2n, owner: OWNERS[1]!, debtShares: 2n, assets: [], amounts: [] }]);
    const [c, d] = await Promise.all([cache.get("k", source), cache.get("k", source)]);
    expect([c.from, d.from]).toEqual(["patched", "cached"]);
    expect(c.vaults).toBe(2);
  });

  it("keeps markets apart", async () => {
    const a = new Chain(2);
    const b = new Chain(2);
    a.mine([{ id: 1n, owner: OWNERS[0]!, debtShares: 1n, assets: [], amounts: [] }]);
    const cache = new BookCache();
    expect((await cache.get("1:0xa", a.source())).vaults).toBe(1);
    expect((await cache.get("1:0xb", b.source())).vaults).toBe(0);
    expect(cache.size).toBe(2);
  });

  it("after a failed read or build, reads every row again", async () => {
    const chain = new Chain(2);
    chain.mine([{ id: 1n, owner: OWNERS[0]!, debtShares: 1n, assets: [], amounts: [] }]);
    const cache = new BookCache();
    const source = chain.source();
    await cache.get("k", source);
    chain.mine([{ id: 2n, owner: OWNERS[0]!, debtShares: 1n, assets: [], amounts: [] }]);
    await expect(cache.get("k", { ...source, rows: async () => Promise.reject(new Error("db down")) })).rejects.toThrow("db down");
    const again = await cache.get("k", source);
    expect(again.from).toBe("built");
    expect(again.vaults).toBe(2);
  });
});
