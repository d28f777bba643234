/** A position's history as CSV (from the indexer): one line per event, exact amounts, prices and health before → after. */
import { NextResponse } from "next/server";
import { isAddress } from "viem";
import { parseVaultTimeline, vaultTimelineCsv } from "@/lib/read/indexer";
import { loadChainConfigs } from "@/lib/server/config";
import { fetchIndexer, IndexerUnavailable } from "@/lib/server/indexer";
import { sameAddress } from "@/lib/config/address";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ chainId: string; market: string; id: string }> }) {
  const { chainId, market, id } = await params;
  if (!/^\d{1,30}$/.test(id)) return NextResponse.json({ error: `"${id}" is not a vault id` }, { status: 400 });
  if (!isAddress(market, { strict: false })) return NextResponse.json({ error: `"${market}" is not a market address` }, { status: 400 });
  const chain = loadChainConfigs().find((c) => String(c.id) === chainId);
  if (!chain?.deployment) return NextResponse.json({ error: `chain ${chainId} is not configured or has no deployment` }, { status: 404 });
  const m = chain.deployment.markets.find((x) => sameAddress(x.address, market));
  if (!m) return NextResponse.json({ error: `no Keel market at ${market} on chain ${chainId}` }, { status: 404 });
  try {
    const t = parseVaultTimeline(await fetchIndexer(`/vaults/${chainId}/${m.address}/${id}`));
    if (!t.vault) return NextResponse.json({ error: `vault ${id} has no indexed history in ${m.name}` }, { status: 404 });
    return new NextResponse(vaultTimelineCsv(t, chain.deployment, m.baseAsset), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="keel-${chainId}-${m.name.replace(/\W+/g, "-")}-vault-${id}.csv"`,
      },
    });
  } catch (e) {
    return NextResponse.json({ error: (e as Error).message }, { status: e instanceof IndexerUnavailable ? 503 : 500 });
  }
}
