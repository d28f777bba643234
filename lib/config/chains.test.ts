import { describe, expect, it } from "vitest";
import { readChainSettings } from "./chains";

describe("readChainSettings", () => {
  it("defaults to the local anvil chain", () => {
    expect(readChainSettings({})).toEqual([{ id: 31337, name: "Anvil (local)", rpcUrl: "http://127.0.0.1:8545", local: true }]);
  });
  it("reads chains, RPC URLs, names and explorers from NEXT_PUBLIC_* settings", () => {
    const chains = readChainSettings({
      NEXT_PUBLIC_KEEL_CHAINS: "31337, 11155111",
      NEXT_PUBLIC_RPC_URL_31337: "http://127.0.0.1:9545",
      NEXT_PUBLIC_RPC_URL_11155111: "https://sepolia.example/rpc",
      NEXT_PUBLIC_CHAIN_NAME_11155111: "Sepolia",
      NEXT_PUBLIC_EXPLORER_URL_11155111: "https://sepolia.etherscan.io",
    });
    expect(chains[0]!.rpcUrl).toBe("http://127.0.0.1:9545");
    expect(chains[1]).toEqual({
      id: 11155111,
      name: "Sepolia",
      rpcUrl: "https://sepolia.example/rpc",
      explorerUrl: "https://sepolia.etherscan.io",
      local: false,
    });
  });
  it("names what is wrong", () => {
    expect(() => readChainSettings({ NEXT_PUBLIC_KEEL_CHAINS: "abc" })).toThrow(/"abc" is not a chain id/);
    expect(() => readChainSettings({ NEXT_PUBLIC_KEEL_CHAINS: "1" })).toThrow(/NEXT_PUBLIC_RPC_URL_1 is not set/);
    expect(() => readChainSettings({ NEXT_PUBLIC_KEEL_CHAINS: "1,1", NEXT_PUBLIC_RPC_URL_1: "https://x" })).toThrow(/listed twice/);
    expect(() => readChainSettings({ NEXT_PUBLIC_KEEL_CHAINS: " , " })).toThrow(/empty/);
    expect(() => readChainSettings({ NEXT_PUBLIC_RPC_URL_31337: "ws://x" })).toThrow(/http\(s\) URL/);
  });
});

describe("chainUnavailable", async () => {
  const { chainUnavailable } = await import("./chains");
  const base = { id: 1, name: "x", rpcUrl: "https://x", local: false, deploymentError: null };
  const deployment = { chainId: 1, deploymentBlock: 0, contracts: { oracle: "0x1" as const, lens: "0x2" as const }, assets: [], markets: [] };
  it("says why a chain cannot be read", () => {
    expect(chainUnavailable({ ...base, deployment: null, deploymentError: "no file" })).toBe("no file");
    expect(chainUnavailable({ ...base, deployment: { ...deployment, contracts: { oracle: "0x1" } } })).toMatch(/no lens/);
    expect(chainUnavailable({ ...base, deployment })).toMatch(/no market/);
    expect(
      chainUnavailable({
        ...base,
        deployment: { ...deployment, markets: [{ address: "0x3", name: "m", baseAsset: "0x4", collaterals: [], lenderVault: "0x5" }] },
      }),
    ).toBeNull();
  });
});
