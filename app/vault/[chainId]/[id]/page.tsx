import { notFound } from "next/navigation";
import { connection } from "next/server";
import { loadChainConfigs } from "@/lib/server/config";
import { resolveVaultRoute } from "@/lib/vault-route";
import { VaultPage } from "./_components/vault-page";

/**
 * `/vault/<chainId>/<id>?market=<address>`: one vault (ids are per market; without `market`, the chain's first). A
 * route that names no vault (unknown chain, bad id, wrong market) answers 404.
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
  if (!resolveVaultRoute(loadChainConfigs(), chainId, id, marketParam).ok) notFound();
  return <VaultPage chainIdParam={chainId} idParam={id} marketParam={marketParam} />;
}
