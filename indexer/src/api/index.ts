/**
 * The indexer's HTTP API (Hono, served by Ponder next to its /ready and /status): JSON with every integer as a
 * decimal string. The app reads it through its /api/indexer proxy (lib/read/indexer.ts), which also builds the CSVs.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, desc, eq, gte, max, sql } from "ponder";
import { isAddress } from "viem";
import { BOOK_CONTENT_TYPE, writeBook } from "../../../lib/analytics/risk-book-codec";
import { BookCache } from "./book-cache";
import { readBookRows } from "./book-rows";
import { PieceGzip } from "./book-gzip";
import { lendingRoutes } from "./lending";

const app = new Hono();

/** JSON whose bigints are decimal strings. */
const json = (value: unknown) =>
  new Response(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
    {
      headers: { "content-type": "application/json" },
    },
  );
const bad = (message: string) => new Response(JSON.stringify({ error: message }), { status: 400, headers: { "content-type": "application/json" } });

function parseTarget(chainId: string, market: string) {
  if (!/^\d{1,12}$/.test(chainId)) return "chainId must be a chain id";
  if (!isAddress(market, { strict: false })) return "market must be an address";
  return null;
}

/** A vault's current row and its whole timeline, oldest first. */
app.get("/vaults/:chainId/:market/:id", async (c) => {
  const { chainId, market, id } = c.req.param();
  const problem = parseTarget(chainId, market) ?? (/^\d{1,30}$/.test(id) ? null : "id must be a vault id");
  if (problem) return bad(problem);
  const key = `${chainId}:${market.toLowerCase()}:${id}`;
  const [vault] = await db.select().from(schema.vault).where(eq(schema.vault.id, key));
  const events = await db
    .select()
    .from(schema.vaultEvent)
    .where(eq(schema.vaultEvent.vaultKey, key))
    .orderBy(asc(schema.vaultEvent.block), asc(schema.vaultEvent.logIndex));
  return json({ vault: vault ?? null, events });
});

/** Every market's latest row. */
app.get("/markets", async () => json({ markets: await db.select().from(schema.market) }));

/** A market's time series (one point per block it changed in), oldest first; `since` a block number. */
app.get("/markets/:chainId/:market/series", async (c) => {
  const { chainId, market } = c.req.param();
  const problem = parseTarget(chainId, market);
  if (problem) return bad(problem);
  const since = c.req.query("since") ?? "0";
  if (!/^\d{1,20}$/.test(since)) return bad("since must be a block number");
  const key = `${chainId}:${market.toLowerCase()}`;
  const points = await db
    .select()
    .from(schema.marketSnapshot)
    .where(and(eq(schema.marketSnapshot.marketId, key), gte(schema.marketSnapshot.block, BigInt(since))))
    .orderBy(asc(schema.marketSnapshot.block));
  return json({ points });
});

/** Liquidations, newest first; optionally of one chain and market. At most 5,000. */
app.get("/liquidations", async (c) => {
  const chainId = c.req.query("chainId");
  const market = c.req.query("market");
  if (chainId !== undefined && !/^\d{1,12}$/.test(chainId)) return bad("chainId must be a chain id");
  if (market !== undefined && !isAddress(market, { strict: false })) return bad("market must be an address");
  const where = and(
    chainId ? eq(schema.liquidation.chainId, Number(chainId)) : undefined,
    market ? eq(schema.liquidation.market, market.toLowerCase() as `0x${string}`) : undefined,
  );
  const rows = await db.select().from(schema.liquidation).where(where).orderBy(desc(schema.liquidation.block)).limit(5000);
  return json({ liquidations: rows });
});

/**
 * A market's lenders' flows (deposits and withdrawals through its lender vault, supply and withdrawals straight on its
 * ledger: ponder.schema.ts `lenderEvent`), oldest first. At most 5,000.
 */
app.get("/lenders/:chainId/:market", async (c) => {
  const { chainId, market } = c.req.param();
  const problem = parseTarget(chainId, market);
  if (problem) return bad(problem);
  const rows = await db
    .select()
    .from(schema.lenderEvent)
    .where(and(eq(schema.lenderEvent.chainId, Number(chainId)), eq(schema.lenderEvent.market, market.toLowerCase() as `0x${string}`)))
    .orderBy(asc(schema.lenderEvent.block), asc(schema.lenderEvent.id))
    .limit(5000);
  return json({ lenders: rows });
});

/**
 * A market's whole book in the compact form /risk loads (lib/analytics/risk-book-codec.ts: fixed-width columns, gzipped): per
 * vault its id, owner, debt shares and collateral amounts, exact. The reader prices it with the chain's own market view.
 *
 * The book is kept in memory per market as columns (book-cache.ts): each request reads the indexer's state (one small
 * query) and serves the bytes built at that state; after a new indexed block or a reorg it reads only the rows that can
 * have changed (written after the finalized block, or held from after it: `vault.block`, indexed with the market) and
 * patches the columns — the first request of a market reads every row — then gzips them compressing again only the
 * pieces that changed (book-gzip.ts). `x-keel-book-from` says which (`cached`, `patched`, `built`).
 */
const books = new BookCache();
/** Per market, the deflated pieces of its last book (book-gzip.ts): a patch compresses again only what it changed. */
const gzips = new Map<string, PieceGzip>();

app.get("/book/:chainId/:market", async (c) => {
  const { chainId, market } = c.req.param();
  const problem = parseTarget(chainId, market);
  if (problem) return bad(problem);
  const chain = Number(chainId);
  const address = market.toLowerCase() as `0x${string}`;
  const v = schema.vault;
  const where = and(eq(v.chainId, chain), eq(v.market, address));
  const key = `${chain}:${address}`;
  const book = await books.get(key, {
    async state() {
      // The version moves with every change of a vault row: the chain's checkpoint (a new block, a reorg's rollback),
      // the newest row's block, the market row's block, and the newest entry of Ponder's reorg log of the vault table
      // (its ids come from a sequence that never goes back, so a reorg to a branch of the same height still moves it).
      const [state] = await db
        .select({
          checkpoint: sql<string | null>`(SELECT latest_checkpoint FROM _ponder_checkpoint WHERE chain_id = ${chain})`,
          // The block number inside Ponder's checkpoint (10 digits of timestamp, 16 of chain id, then 16 of block).
          finalized: sql<
            string | null
          >`(SELECT substring(finalized_checkpoint, 27, 16)::numeric::text FROM _ponder_checkpoint WHERE chain_id = ${chain})`,
          operation: sql<string | null>`(SELECT max(operation_id)::text FROM _reorg__vault)`,
          last: sql<string | null>`(${db
            .select({ block: max(v.block) })
            .from(v)
            .where(where)})`,
          marketBlock: sql<string | null>`(${db
            .select({ block: schema.market.block })
            .from(schema.market)
            .where(eq(schema.market.id, `${chainId}:${address}`))})`,
        })
        .from(sql`(SELECT 1) AS one`);
      const block = [state?.last, state?.marketBlock].reduce<bigint>((a, b) => (b != null && BigInt(b) > a ? BigInt(b) : a), 0n);
      return {
        version: `${state?.checkpoint ?? ""}:${state?.last ?? ""}:${state?.marketBlock ?? ""}:${state?.operation ?? ""}`,
        finalized: BigInt(state?.finalized ?? 0),
        block,
      };
    },
    // Only the columns the codec reads, and the row's block (book-rows.ts).
    rows: (after, ids) => readBookRows(db, v, chain, address, after, ids),
    build: async (columns, block) => {
      let gz = gzips.get(key);
      if (!gz) gzips.set(key, (gz = new PieceGzip()));
      return gz.gzip(writeBook({ chainId: chain, market: address, block }, columns));
    },
  });
  return new Response(book.body, {
    headers: {
      "content-type": BOOK_CONTENT_TYPE,
      "x-keel-book-vaults": String(book.vaults),
      "x-keel-book-block": String(book.block),
      "x-keel-book-from": book.from,
      "x-keel-book-changed": String(book.changed),
    },
  });
});

/** Protection rules of a vault. */
app.get("/rules/:chainId/:market/:id", async (c) => {
  const { chainId, market, id } = c.req.param();
  const problem = parseTarget(chainId, market) ?? (/^\d{1,30}$/.test(id) ? null : "id must be a vault id");
  if (problem) return bad(problem);
  const rows = await db
    .select()
    .from(schema.guardRule)
    .where(
      and(
        eq(schema.guardRule.chainId, Number(chainId)),
        eq(schema.guardRule.market, market.toLowerCase() as `0x${string}`),
        eq(schema.guardRule.vaultId, BigInt(id)),
      ),
    );
  return json({ rules: rows });
});

/** A feed's rounds, oldest first. */
app.get("/prices/:chainId/:feed", async (c) => {
  const { chainId, feed } = c.req.param();
  const problem = parseTarget(chainId, feed);
  if (problem) return bad(problem.replace("market", "feed"));
  const rows = await db
    .select()
    .from(schema.priceRound)
    .where(and(eq(schema.priceRound.chainId, Number(chainId)), eq(schema.priceRound.feed, feed.toLowerCase() as `0x${string}`)))
    .orderBy(asc(schema.priceRound.block));
  return json({ rounds: rows });
});

lendingRoutes(app);

export default app;
