import { notFound } from "next/navigation";
import { connection } from "next/server";
import { loadChainConfigs } from "@/lib/server/config";
import { PositionPage } from "../../../../_components/position-page";
import { resolvePositionRoute } from "../../../../_components/route";

/** `/position/<chainId>/morpho-blue/<marketId>/<account>`: an account's position on one Morpho Blue market. */
export default async function Page({ params }: { params: Promise<{ chainId: string; marketId: string; account: string }> }) {
  await connection();
  const { chainId, marketId, account } = await params;
  const r = resolvePositionRoute(loadChainConfigs(), "morpho-blue", chainId, account, marketId);
  if (!r) notFound();
  return <PositionPage chainId={r.chainId} protocol="morpho-blue" marketId={r.marketId!} account={r.account} />;
}
