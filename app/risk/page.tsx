import { preload } from "react-dom";
import { chainUnavailable } from "@/lib/config/chains";
import { indexerBookPath, indexerUrl } from "@/lib/read/indexer";
import { SeedQueries } from "@/components/seed-queries";
import { volatilityKey } from "@/lib/read/volatility";
import { loadChainConfigs } from "@/lib/server/config";
import { pageMetadata } from "@/lib/server/page-metadata";
import { readVolatilityOnServer } from "@/lib/server/vault-read";
import { RiskDashboard } from "./_components/risk-dashboard";

export const generateMetadata = () => pageMetadata("risk");

export default async function RiskPage() {
  // The book of the market the page opens first (the first chain that can serve one, its first market: RiskDashboard's
  // first option), asked for by the HTML's head when an indexer is configured: its bytes arrive while the page's
  // JavaScript loads and hydrates, and the page's own fetch of it (hooks/use-risk-book.ts) takes the preloaded answer.
  const opening = loadChainConfigs().find((c) => !chainUnavailable(c));
  const first = indexerUrl(process.env) ? opening : undefined;
  const market = first?.deployment?.markets[0]?.address;
  if (first && market) preload(indexerBookPath(first.id, market), { as: "fetch", crossOrigin: "anonymous" });
  // The opening chain's volatilities (the stress test's and the odds' input) come with the page (lib/server/vault-read.ts).
  const volatility = opening ? await readVolatilityOnServer(opening) : undefined;
  return (
    <SeedQueries reads={opening && volatility ? [{ queryKey: volatilityKey(opening.id), ...volatility }] : []}>
      <RiskDashboard />
    </SeedQueries>
  );
}
