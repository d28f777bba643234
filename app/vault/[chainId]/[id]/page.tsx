import { VaultPage } from "./_components/vault-page";

/** `/vault/<chainId>/<id>?market=<address>`: one vault (ids are per market; without `market`, the chain's first). */
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ chainId: string; id: string }>;
  searchParams: Promise<{ market?: string | string[] }>;
}) {
  const { chainId, id } = await params;
  const { market } = await searchParams;
  return <VaultPage chainIdParam={chainId} idParam={id} marketParam={typeof market === "string" ? market : undefined} />;
}
