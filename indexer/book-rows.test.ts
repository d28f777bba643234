import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { getTableConfig } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vault } from "./ponder.schema";
import { readBookRows } from "./src/api/book-rows";

const MARKET = "0x00000000000000000000000000000000000000aa";
const OTHER = "0x00000000000000000000000000000000000000bb";
const OWNER = "0x00000000000000000000000000000000000000c1";
const ASSET = "0x00000000000000000000000000000000000000e1";

/** Ponder's PGlite, holding the schema's `vault` table (its columns' own SQL types) and a few rows. */
let pg: PGlite;
let db: ReturnType<typeof drizzle>;

beforeAll(async () => {
  pg = new PGlite();
  const { name, columns } = getTableConfig(vault);
  await pg.exec(`create table "${name}" (${columns.map((c) => `"${c.name}" ${c.getSQLType()}${c.notNull ? " not null" : ""}`).join(", ")})`);
  db = drizzle(pg);
  const zero = { debt: 0n, collateralValue: 0n, debtValue: 0n, healthFactor: 0n, pricesOk: true, borrowed: 0n, repaid: 0n, badDebt: 0n };
  const usd = { depositedUsd: 0n, withdrawnUsd: 0n, borrowedUsd: 0n, repaidUsd: 0n, openedBlock: 1n };
  // Vaults 1–5 of MARKET written in blocks 1–5 (vault i in block i), vault 1 of OTHER in block 9.
  const row = (market: string, id: number, block: number) => ({
    id: `1:${market}:${id}`,
    chainId: 1,
    market: market as `0x${string}`,
    vaultId: BigInt(id),
    owner: OWNER as `0x${string}`,
    debtShares: BigInt(id) * 10n ** 30n,
    collateralAssets: [ASSET],
    collateralAmounts: [(1n << 200n) + BigInt(id)],
    block: BigInt(block),
    ...zero,
    ...usd,
  });
  await db.insert(vault).values([1, 2, 3, 4, 5].map((i) => row(MARKET, i, i)).concat([row(OTHER, 1, 9)]));
});
afterAll(async () => {
  await pg.close();
});

const ids = (rows: { id: bigint }[]) => rows.map((r) => r.id).sort((a, b) => Number(a - b));

describe("the vault rows /book reads (indexer/src/api/book-rows.ts)", () => {
  it("reads every row of the market, exact, or those written after a block and those named", async () => {
    const all = await readBookRows(db, vault, 1, MARKET, null, []);
    expect(ids(all)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(all.find((r) => r.id === 3n)).toEqual({
      id: 3n,
      owner: OWNER,
      debtShares: 3n * 10n ** 30n,
      assets: [ASSET],
      amounts: [(1n << 200n) + 3n],
      block: 3n,
    });
    expect(ids(await readBookRows(db, vault, 1, MARKET, 3n, []))).toEqual([4n, 5n]);
    expect(ids(await readBookRows(db, vault, 1, MARKET, 3n, [1n, 9n]))).toEqual([1n, 4n, 5n]);
    expect(ids(await readBookRows(db, vault, 1, OTHER, 0n, []))).toEqual([1n]);
  });

  it("takes 100,000 ids held from after the finalized block (more than the 16-bit parameter count), and the database still answers after", async () => {
    // One parameter per id broke PGlite's protocol parser here ("Invalid array length"), and every query after it.
    const many = Array.from({ length: 100_000 }, (_, i) => BigInt(i + 2));
    expect(ids(await readBookRows(db, vault, 1, MARKET, 4n, many))).toEqual([2n, 3n, 4n, 5n]);
    expect(ids(await readBookRows(db, vault, 1, MARKET, null, []))).toEqual([1n, 2n, 3n, 4n, 5n]);
  });
});
