import { createClient, custom, encodeFunctionResult, erc20Abi, publicActions, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { readClient } from "./client";

/** A transport that answers a few methods and records every request. */
function recording() {
  const seen: string[] = [];
  const transport = custom({
    async request({ method }: { method: string; params?: unknown }) {
      seen.push(method);
      if (method === "eth_chainId") return "0x7a69";
      if (method === "eth_blockNumber") return "0x2a";
      if (method === "eth_gasPrice") return "0x3b9aca00";
      if (method === "eth_call") return encodeFunctionResult({ abi: erc20Abi, functionName: "decimals", result: 6 });
      throw new Error(`unexpected ${method}`);
    },
  });
  return { seen, transport };
}

describe("readClient", () => {
  it("has every action the app calls, each the same as a PublicClient's, and no other public action", () => {
    const { transport } = recording();
    const base = createClient({ transport });
    const read = readClient(base);
    const full = base.extend(publicActions);
    for (const name of Object.keys(read).filter((k) => !(k in base))) {
      expect(typeof (read as unknown as Record<string, unknown>)[name]).toBe("function");
      expect(typeof (full as unknown as Record<string, unknown>)[name]).toBe("function");
    }
    // what publicActions would have brought and this does not
    for (const name of ["getEnsAddress", "verifyMessage", "verifySiweMessage", "createEventFilter", "watchBlocks"]) expect(name in read).toBe(false);
  });

  it("reads through the client's own transport", async () => {
    const { seen, transport } = recording();
    const read = readClient(createClient({ transport }));
    expect(await read.getChainId()).toBe(31337);
    expect(await read.getBlockNumber({ cacheTime: 0 })).toBe(42n);
    expect(await read.getGasPrice()).toBe(1_000_000_000n);
    expect(await read.readContract({ address: zeroAddress, abi: erc20Abi, functionName: "decimals" })).toBe(6);
    expect(seen).toEqual(["eth_chainId", "eth_blockNumber", "eth_gasPrice", "eth_call"]);
  });

  it("starts each action in a task of its own, after the caller's task and its microtasks", async () => {
    const { seen, transport } = recording();
    const read = readClient(createClient({ transport }));
    const answer = read.getChainId();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(seen).toEqual([]);
    expect(await answer).toBe(31337);
    expect(seen).toEqual(["eth_chainId"]);
  });

  it("waits on scheduler.yield() where the browser has it", async () => {
    const { seen, transport } = recording();
    const read = readClient(createClient({ transport }));
    let yields = 0;
    const g = globalThis as { scheduler?: unknown };
    const before = g.scheduler;
    g.scheduler = { yield: () => (yields++, new Promise<void>((resolve) => setTimeout(resolve, 0))) };
    try {
      expect(await read.getBlockNumber({ cacheTime: 0 })).toBe(42n);
      expect(yields).toBe(1);
      expect(seen).toEqual(["eth_blockNumber"]);
    } finally {
      g.scheduler = before;
    }
  });
});
