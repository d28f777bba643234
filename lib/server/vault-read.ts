import { createPublicClient, http, type Address } from "viem";
import type { ChainConfig } from "@/lib/config/chains";
import { readVault, type VaultRead } from "@/lib/read/vaults";

/** How long the server waits for the chain before sending the page without figures (the browser then reads them). */
const SERVER_READ_MS = 1_500;

/**
 * The vault as the server reads it to render the vault page with its figures (its largest paint then needs no
 * JavaScript, no wallet library and no round trip from the browser). `undefined` when the chain does not answer in
 * time or fails: the page then reads the vault in the browser and says what went wrong there, as before.
 */
export async function readVaultOnServer(chain: ChainConfig, market: Address, id: bigint): Promise<{ data: VaultRead; at: number } | undefined> {
  const lens = chain.deployment?.contracts.lens;
  if (!lens) return undefined;
  const client = createPublicClient({ transport: http(chain.rpcUrl, { batch: true, retryCount: 0, timeout: SERVER_READ_MS }) });
  try {
    return { data: await readVault(client, lens, market, id), at: Date.now() };
  } catch {
    return undefined;
  }
}
