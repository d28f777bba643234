import { notFound } from "next/navigation";
import { connection } from "next/server";
import { loadChainConfigs } from "@/lib/server/config";
import { PositionPage } from "../../../_components/position-page";
import { resolvePositionRoute } from "../../../_components/route";

/** `/position/<chainId>/aave-v3/<account>`: an account's Aave v3 position on that chain's pool. */
export default async function Page({ params }: { params: Promise<{ chainId: string; account: string }> }) {
  await connection();
  const { chainId, account } = await params;
  const r = resolvePositionRoute(loadChainConfigs(), "aave-v3", chainId, account);
  if (!r) notFound();
  return <PositionPage chainId={r.chainId} protocol="aave-v3" account={r.account} />;
}
