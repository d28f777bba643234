import { createPublicClient, http, type Address } from "viem";
import type { ChainConfig } from "@/lib/config/chains";
import { readVault, type SeededRead, type VaultRead } from "@/lib/read/vaults";
import { readChainVolatility, type ChainVolatility } from "@/lib/read/volatility";

/** How long the server waits for the chain before sending the page without figures (the browser then reads them). */
const SERVER_READ_MS = 1_500;

/**
 * The vault as the server reads it to render the vault page with its figures (its largest paint then needs no
 * JavaScript, no wallet library and no round trip from the browser). `undefined` when the chain does not answer in
 * time or fails: the page then reads the vault in the browser and says what went wrong there, as before.
 */
export async function readVaultOnServer(chain: ChainConfig, market: Address, id: bigint): Promise<SeededRead<VaultRead> | undefined> {
  const lens = chain.deployment?.contracts.lens;
  if (!lens) return undefined;
  const client = serverClient(chain);
  // The block number first, then the reads at the latest block: the figures are of that block or a newer one, never
  // older (a block number asked in the same batch could be answered after a block the reads did not see). Not pinned to
  // the block: a load-balanced RPC's next node may not have it yet. The two steps share the one time limit.
  const read = async () => {
    const block = await client.getBlockNumber({ cacheTime: 0 });
    return { data: await readVault(client, lens, market, id), at: Date.now(), block };
  };
  let timer: Parameters<typeof clearTimeout>[0];
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, SERVER_READ_MS);
  });
  try {
    return await Promise.race([read(), late]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The chain's realised volatilities as the server reads them for the pages that show odds (the vault page, /risk), so
 * the browser has them from the first render (components/seed-queries.tsx). `undefined` when the chain does not answer in
 * time or fails: the browser reads them then, as before.
 */
export async function readVolatilityOnServer(chain: ChainConfig): Promise<{ data: ChainVolatility; at: number } | undefined> {
  const d = chain.deployment;
  const lens = d?.contracts.lens;
  if (!lens || !d.assets.length) return undefined;
  try {
    return { data: await readChainVolatility(serverClient(chain), lens, d.assets), at: Date.now() };
  } catch {
    return undefined;
  }
}

/** The server's client for one page's reads: one batch, no retry, at most SERVER_READ_MS. */
const serverClient = (chain: ChainConfig) =>
  createPublicClient({ transport: http(chain.rpcUrl, { batch: true, retryCount: 0, timeout: SERVER_READ_MS }) });
