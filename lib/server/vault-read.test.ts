import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { Deployment } from "@/lib/config/deployment";
import { readVault } from "@/lib/read/vaults";
import type { ChainConfig } from "../config/chains";
import { chainVolatility, HISTORY_ROUNDS, readChainVolatility } from "@/lib/read/volatility";
import { readVaultOnServer, readVolatilityOnServer } from "./vault-read";

const LENS = "0x1111111111111111111111111111111111111111";
const MARKET = "0x2222222222222222222222222222222222222222";

const ASSETS = [
  { address: "0xAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAa", feed: "0x3333333333333333333333333333333333333333" },
  { address: "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", feed: "0x4444444444444444444444444444444444444444" },
] as const;

const chain = (rpcUrl: string, lens: string | null = LENS): ChainConfig => ({
  id: 31337,
  name: "Anvil",
  rpcUrl,
  local: true,
  deployment: (lens ? { contracts: { lens }, assets: ASSETS } : { contracts: {}, assets: ASSETS }) as unknown as Deployment,
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

  it("asks for the block first and reads the vault after it, so its figures are of the block it is stamped with or newer", async () => {
    const seen: { method: string; params: unknown[] }[][] = [];
    const node = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const parsed = JSON.parse(body) as { id: number; method: string; params: unknown[] } | { id: number; method: string; params: unknown[] }[];
        const calls = Array.isArray(parsed) ? parsed : [parsed];
        seen.push(calls.map(({ method, params }) => ({ method, params })));
        // The block number answers; the lens calls fail (an empty answer), so the read gives up: what was asked is the test.
        const answer = calls.map(({ id, method }) => ({
          jsonrpc: "2.0",
          id,
          ...(method === "eth_blockNumber" ? { result: "0x2a" } : { result: "0x" }),
        }));
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(Array.isArray(parsed) ? answer : answer[0]));
      });
    });
    await new Promise<void>((r) => node.listen(0, "127.0.0.1", r));
    try {
      const read = await readVaultOnServer(chain(`http://127.0.0.1:${(node.address() as AddressInfo).port}`), MARKET, 1n);
      expect(read).toBeUndefined();
      expect(seen[0]!.map((c) => c.method)).toEqual(["eth_blockNumber"]);
      expect(seen[1]!.map((c) => [c.method, c.params[1]])).toEqual([
        ["eth_call", "latest"],
        ["eth_call", "latest"],
      ]);
    } finally {
      node.closeAllConnections();
      node.close();
    }
  });
});

describe("readChainVolatility", () => {
  it("asks the lens for every asset's feed history in one call and estimates each asset's volatility", async () => {
    const calls: { functionName: string; args: readonly unknown[] }[] = [];
    // hourly rounds moving ±1 %: enough history for an estimate for the first asset; none for the second
    const rounds = Array.from({ length: 48 }, (_, i) => ({
      roundId: BigInt(48 - i),
      answer: i % 2 ? 101n * 10n ** 6n : 100n * 10n ** 6n,
      updatedAt: BigInt(1_000_000 - i * 3600),
    }));
    const client = {
      readContract: (async (c: { functionName: string; args: readonly unknown[] }) => {
        calls.push({ functionName: c.functionName, args: c.args });
        return [rounds, []];
      }) as never,
    };
    const v = await readChainVolatility(client, LENS, ASSETS);
    expect(calls).toEqual([{ functionName: "getFeedHistory", args: [ASSETS.map((a) => a.feed), BigInt(HISTORY_ROUNDS)] }]);
    expect(v).toEqual(chainVolatility(ASSETS, [rounds, []]));
    const first = ASSETS[0].address.toLowerCase();
    expect(v.sigmas[first]).toBeGreaterThan(0);
    expect(v.sigmas[first]).toBe(v.byAsset[first]!.annual);
    expect(v.sigmas[ASSETS[1].address.toLowerCase()]).toBeNull();
  });
});

describe("readVolatilityOnServer", () => {
  it("gives up (undefined, the browser reads it) when the chain refuses the connection", async () => {
    expect(await readVolatilityOnServer(chain("http://127.0.0.1:1"))).toBeUndefined();
  });

  it("reads nothing on a chain without a lens", async () => {
    expect(await readVolatilityOnServer(chain("http://127.0.0.1:1", null))).toBeUndefined();
  });
});
