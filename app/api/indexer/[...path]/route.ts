/**
 * The indexer's read API, through the app's own origin (the browser never needs the indexer's address): GET only,
 * only the paths the indexer serves. 503 with the reason when no indexer is configured or it does not answer — the
 * app then falls back to reading the chain.
 */
import { NextResponse } from "next/server";
import { fetchIndexer, fetchIndexerBody, IndexerUnavailable } from "@/lib/server/indexer";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ALLOWED =
  /^(vaults\/\d+\/0x[0-9a-fA-F]{40}\/\d+|markets|markets\/\d+\/0x[0-9a-fA-F]{40}\/series|liquidations|lenders\/\d+\/0x[0-9a-fA-F]{40}|rules\/\d+\/0x[0-9a-fA-F]{40}\/\d+|prices\/\d+\/0x[0-9a-fA-F]{40}|book\/\d+\/0x[0-9a-fA-F]{40}|lending\/\d+\/(?:aave-v3|morpho-blue)\/0x(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})\/(?:positions\/0x[0-9a-fA-F]{40}|accounts|series))$/;

export async function GET(req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const path = (await params).path.join("/");
  if (!ALLOWED.test(path)) return NextResponse.json({ error: `the indexer serves no /${path}` }, { status: 404 });
  const query = new URL(req.url).search;
  try {
    if (path.startsWith("book/")) {
      // The compact book (lib/analytics/risk-book-codec.ts), already gzipped by the indexer: streamed through as it
      // arrives, and to a client that accepts gzip sent as `content-encoding: gzip`, so the browser inflates it while it
      // downloads (off the page's threads) and the risk worker reads the book's own bytes. The reader tells the two
      // apart by their first bytes (lib/analytics/risk-book-codec.ts `isGzip`).
      const { body, contentType } = await fetchIndexerBody(`/${path}`);
      const gzip = /\bgzip\b/.test(req.headers.get("accept-encoding") ?? "");
      return new NextResponse(body, {
        headers: {
          "cache-control": "no-store",
          vary: "accept-encoding",
          ...(gzip ? { "content-type": contentType.replace(/\+gzip$/, ""), "content-encoding": "gzip" } : { "content-type": contentType }),
        },
      });
    }
    return NextResponse.json(await fetchIndexer(`/${path}${query}`));
  } catch (e) {
    const status = e instanceof IndexerUnavailable ? 503 : 500;
    return NextResponse.json({ error: (e as Error).message, ...(e instanceof IndexerUnavailable ? { code: e.code } : {}) }, { status });
  }
}
