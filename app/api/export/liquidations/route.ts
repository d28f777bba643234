/** Every indexed liquidation as CSV (newest first); `?chainId=&market=` narrows it. */
import { NextResponse } from "next/server";
import { isAddress } from "viem";
import { liquidationsCsv, parseRow, type IndexedLiquidation } from "@/lib/read/indexer";
import { loadChainConfigs } from "@/lib/server/config";
import { fetchIndexer, IndexerUnavailable } from "@/lib/server/indexer";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const q = new URL(req.url).searchParams;
  const chainId = q.get("chainId");
  const market = q.get("market");
  if (chainId !== null && !/^\d{1,12}$/.test(chainId)) return NextResponse.json({ error: `"${chainId}" is not a chain id` }, { status: 400 });
  if (market !== null && !isAddress(market, { strict: false }))
    return NextResponse.json({ error: `"${market}" is not a market address` }, { status: 400 });
  const search = new URLSearchParams({ ...(chainId ? { chainId } : {}), ...(market ? { market } : {}) }).toString();
  try {
    const body = (await fetchIndexer(`/liquidations${search ? `?${search}` : ""}`)) as { liquidations: Record<string, unknown>[] };
    const rows = body.liquidations.map((r) => parseRow<IndexedLiquidation>(r));
    const deployments = loadChainConfigs().flatMap((c) => (c.deployment ? [c.deployment] : []));
    return new NextResponse(liquidationsCsv(rows, deployments), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="keel-liquidations.csv"` },
    });
  } catch (e) {
    return NextResponse.json({ error: (e as Error).message }, { status: e instanceof IndexerUnavailable ? 503 : 500 });
  }
}
