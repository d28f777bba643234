import { notFound } from "next/navigation";
import { connection } from "next/server";
import { loadChainConfigs } from "@/lib/server/config";
import { SeedQueries } from "@/components/seed-queries";
import { volatilityKey } from "@/lib/read/volatility";
import { readVaultOnServer, readVolatilityOnServer } from "@/lib/server/vault-read";
import { resolveVaultRoute } from "@/lib/view/vault-route";
import { VaultPage } from "./_components/vault-page";

/**
 * `/vault/<chainId>/<id>?market=<address>`: one vault (ids are per market; without `market`, the chain's first). A
 * route that names no vault (unknown chain, bad id, wrong market) answers 404. The server reads the vault to render its
 * figures and its assets' volatilities, for the odds (lib/server/vault-read.ts).
 */
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ chainId: string; id: string }>;
  searchParams: Promise<{ market?: string | string[] }>;
}) {
  await connection();
  const { chainId, id } = await params;
  const { market } = await searchParams;
  const marketParam = typeof market === "string" ? market : undefined;
  const route = resolveVaultRoute(loadChainConfigs(), chainId, id, marketParam);
  if (!route.ok) notFound();
  // The figures come with the page (its largest paint needs no JavaScript); the browser refreshes them on each block.
  const [initial, volatility] = await Promise.all([readVaultOnServer(route.chain, route.market, route.id), readVolatilityOnServer(route.chain)]);
  return (
    <SeedQueries reads={volatility ? [{ queryKey: volatilityKey(route.chain.id), ...volatility }] : []}>
      <VaultPage chainIdParam={chainId} idParam={id} marketParam={marketParam} initial={initial} />
    </SeedQueries>
  );
}
