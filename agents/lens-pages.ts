import type { Address, PublicClient } from "viem";
import { keelLensAbi } from "../contracts-abi";
import type { LensVault } from "../lib/read/vaults";

/**
 * Every vault of `market` at `blockNumber` through the lens, `pageSize` at a time (pages in parallel). A page the lens
 * cannot evaluate (one vault reverting, or the call running out of gas) is split in halves down to single vaults, so
 * one bad vault never hides the others; the ids that still revert are passed to `onUnreadable`.
 */
export async function readAllVaults(
  client: Pick<PublicClient, "readContract">,
  lens: Address,
  market: Address,
  blockNumber: bigint,
  pageSize: bigint,
  onUnreadable: (id: bigint, error: string) => void = () => {},
): Promise<LensVault[]> {
  const page = (offset: bigint, limit: bigint) =>
    client.readContract({ address: lens, abi: keelLensAbi, functionName: "getVaults", args: [market, offset, limit], blockNumber });
  const count = await client
    .readContract({ address: lens, abi: keelLensAbi, functionName: "getVaults", args: [market, 0n, 0n], blockNumber })
    .then(([, n]) => n);
  const read = async (offset: bigint, limit: bigint): Promise<LensVault[]> => {
    try {
      return [...(await page(offset, limit))[0]];
    } catch (e) {
      if (limit === 1n) {
        onUnreadable(offset + 1n, (e as Error).message.split("\n")[0]!);
        return [];
      }
      const half = limit / 2n;
      return [...(await read(offset, half)), ...(await read(offset + half, limit - half))];
    }
  };
  const offsets: bigint[] = [];
  for (let o = 0n; o < count; o += pageSize) offsets.push(o);
  const pages = await Promise.all(offsets.map((o) => read(o, o + pageSize > count ? count - o : pageSize)));
  return pages.flat();
}
