import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { Deployment } from "@/lib/config/deployment";
import { readVault } from "@/lib/read/vaults";
import type { ChainConfig } from "../config/chains";
import { readVaultOnServer } from "./vault-read";

const LENS = "0x1111111111111111111111111111111111111111";
const MARKET = "0x2222222222222222222222222222222222222222";

const chain = (rpcUrl: string, lens: string | null = LENS): ChainConfig => ({
  id: 31337,
  name: "Anvil",
  rpcUrl,
  local: true,
  deployment: (lens ? { contracts: { lens } } : { contracts: {} }) as unknown as Deployment,
  deploymentError: null,
});

describe("readVault", () => {
  it("asks the lens for the vault and its market, and returns the market's view", async () => {
    const calls: { functionName: string; args: readonly unknown[] }[] = [];
    const client = {
      readContract: (async (c: { functionName: string; args: readonly unknown[] }) => {
        calls.push({ functionName: c.functionName, args: c.args });
        return c.functionName === "getVault" ? { id: 7n } : [{ market: MARKET }];
      }) as never,
    };
    const read = await readVault(client, LENS, MARKET, 7n);
    expect(calls).toEqual([
      { functionName: "getVault", args: [MARKET, 7n] },
      { functionName: "getMarkets", args: [[MARKET]] },
    ]);
    expect(read).toEqual({ vault: { id: 7n }, market: { market: MARKET } });
  });
});

describe("readVaultOnServer", () => {
  it("gives up (undefined, the browser reads it) when the chain refuses the connection", async () => {
    expect(await readVaultOnServer(chain("http://127.0.0.1:1"), MARKET, 1n)).toBeUndefined();
  });

  it("gives up within its time limit when the chain never answers", async () => {
    const silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const started = Date.now();
      const read = await readVaultOnServer(chain(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`), MARKET, 1n);
      expect(read).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("reads nothing on a chain without a lens", async () => {
    expect(await readVaultOnServer(chain("http://127.0.0.1:1", null), MARKET, 1n)).toBeUndefined();
  });
});
