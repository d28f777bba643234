/**
 * The lending protocols' part of the indexer's API (Aave v3, Morpho Blue), registered on the same Hono app as Keel's:
 * JSON with every integer as a decimal string. `protocol` is `aave-v3` or `morpho-blue`; `market` is, for a position or
 * the book's accounts, the Aave pool or the Morpho market id, and for a series the Aave reserve or the Morpho market id.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import type { Hono } from "hono";
import { and, asc, eq, gte, isNotNull, max } from "ponder";
import { lendingMarketKey, lendingPositionKey, type LendingProtocol } from "../lending";

const json = (value: unknown) =>
  new Response(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
    { headers: { "content-type": "application/json" } },
  );
const bad = (message: string) => new Response(JSON.stringify({ error: message }), { status: 400, headers: { "content-type": "application/json" } });

/** The target's parts checked, or a sentence why not. */
function target(p: { chainId: string; protocol: string; market: string }): string | { chainId: number; protocol: LendingProtocol; market: string } {
  if (!/^\d{1,12}$/.test(p.chainId)) return "chainId must be a chain id";
  if (p.protocol !== "aave-v3" && p.protocol !== "morpho-blue") return "protocol must be aave-v3 or morpho-blue";
  if (!/^0x([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.test(p.market)) return "market must be an address (Aave) or a market id (Morpho)";
  return { chainId: Number(p.chainId), protocol: p.protocol, market: p.market.toLowerCase() };
}

export function lendingRoutes(app: Hono) {
  /** A position's row and its whole timeline, oldest first. */
  app.get("/lending/:chainId/:protocol/:market/positions/:account", async (c) => {
    const t = target(c.req.param());
    if (typeof t === "string") return bad(t);
    const account = c.req.param("account");
    if (!/^0x[0-9a-fA-F]{40}$/.test(account)) return bad("account must be an address");
    const key = lendingPositionKey(t.chainId, t.protocol, t.market, account);
    const [position] = await db.select().from(schema.lendingPosition).where(eq(schema.lendingPosition.id, key));
    const events = await db
      .select()
      .from(schema.lendingEvent)
      .where(eq(schema.lendingEvent.positionKey, key))
      .orderBy(asc(schema.lendingEvent.block), asc(schema.lendingEvent.logIndex));
    return json({ position: position ?? null, events });
  });

  /**
   * The accounts of the market's book for /risk: those an opening event named (Aave: Supply, Borrow; Morpho:
   * SupplyCollateral, Borrow — the events lib/protocols/book.ts scans over RPC), first opened first; and `block`, the
   * last block with an event of the pool (Aave) or market (Morpho) indexed: an opening event after it is not in the
   * list yet, so the reader scans the chain from the next block (every flow event writes its market's row).
   */
  app.get("/lending/:chainId/:protocol/:market/accounts", async (c) => {
    const t = target(c.req.param());
    if (typeof t === "string") return bad(t);
    const p = schema.lendingPosition;
    const rows = await db
      .select({ account: p.account })
      .from(p)
      .where(and(eq(p.chainId, t.chainId), eq(p.protocol, t.protocol), eq(p.market, t.market as `0x${string}`), isNotNull(p.openedBlock)))
      .orderBy(asc(p.openedBlock), asc(p.account));
    const m = schema.lendingMarket;
    const [last] = await db
      .select({ block: max(m.block) })
      .from(m)
      .where(
        and(
          eq(m.chainId, t.chainId),
          eq(m.protocol, t.protocol),
          t.protocol === "aave-v3" ? eq(m.venue, t.market as `0x${string}`) : eq(m.market, t.market as `0x${string}`),
        ),
      );
    return json({ accounts: rows.map((r) => r.account), block: last?.block ?? 0n });
  });

  /** A reserve's (Aave) or market's (Morpho) row and series (one point per block it changed in), oldest first; `since` a block. */
  app.get("/lending/:chainId/:protocol/:market/series", async (c) => {
    const t = target(c.req.param());
    if (typeof t === "string") return bad(t);
    const since = c.req.query("since") ?? "0";
    if (!/^\d{1,20}$/.test(since)) return bad("since must be a block number");
    const key = lendingMarketKey(t.chainId, t.protocol, t.market);
    const [market] = await db.select().from(schema.lendingMarket).where(eq(schema.lendingMarket.id, key));
    const s = schema.lendingMarketSnapshot;
    const points = await db
      .select()
      .from(s)
      .where(and(eq(s.marketKey, key), gte(s.block, BigInt(since))))
      .orderBy(asc(s.block));
    return json({ market: market ?? null, points });
  });
}
