import { isAddress, getAddress } from "viem";
import { DashboardEntry } from "./_components/dashboard-entry";

/** `/`: the connected account's positions; `/?watch=0x…`: any address's, read-only, without a wallet. */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ watch?: string | string[] }> }) {
  const { watch } = await searchParams;
  const raw = typeof watch === "string" ? watch.trim() : undefined;
  const watched = raw && isAddress(raw, { strict: false }) ? getAddress(raw) : undefined;
  return <DashboardEntry watched={watched} badWatch={raw !== undefined && !watched ? raw : undefined} />;
}
