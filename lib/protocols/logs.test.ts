import { parseAbi, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { getLogsPaged, isRangeTooLarge } from "./logs";

const events = parseAbi([
  "event Supply(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint16 indexed referralCode)",
]);
const POOL = "0x0000000000000000000000000000000000000001" as Address;

/** A fake node holding one log per block in `withLogs`, refusing any query wider than `maxRange` blocks as real RPCs do. */
function fakeRpc(maxRange: bigint, withLogs: bigint[]) {
  const asked: [bigint, bigint][] = [];
  return {
    asked,
    client: {
      async getLogs({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) {
        asked.push([fromBlock, toBlock]);
        if (toBlock - fromBlock + 1n > maxRange) throw new Error(`query exceeds max block range ${maxRange}`);
        return withLogs.filter((b) => b >= fromBlock && b <= toBlock).map((b) => ({ blockNumber: b, logIndex: 0 }));
      },
    } as never,
  };
}

describe("getLogsPaged", () => {
  it("reads a wide range in pages no wider than asked, every log once, in block order", async () => {
    const blocks = [0n, 1n, 999n, 1000n, 1001n, 4321n, 12_345n, 25_000n];
    const rpc = fakeRpc(2_000n, blocks);
    const { logs, paging } = await getLogsPaged(rpc.client, { address: POOL, events, fromBlock: 0n, toBlock: 25_000n }, 2_000n);
    expect(logs.map((l) => l.blockNumber)).toEqual(blocks);
    expect(rpc.asked.every(([a, b]) => b - a + 1n <= 2_000n)).toBe(true);
    expect(paging.pages).toBe(13); // ⌈25,001 / 2,000⌉
    expect(rpc.asked.at(-1)).toEqual([24_000n, 25_000n]);
  });

  it("splits a page the node refuses as too large until it answers", async () => {
    const blocks = [5n, 700n, 1_999n, 3_000n];
    const rpc = fakeRpc(500n, blocks);
    const { logs, paging } = await getLogsPaged(rpc.client, { address: POOL, events, fromBlock: 0n, toBlock: 3_999n }, 2_000n);
    expect(logs.map((l) => l.blockNumber)).toEqual(blocks);
    // Two pages of 2,000, each refused, then halves (1,000: refused) then quarters (500: answered).
    expect(paging.pages).toBe(2 * (1 + 2 + 4));
  });

  it("throws any other error, and a one-block page the node still refuses", async () => {
    const down = { getLogs: async () => Promise.reject(new Error("connection refused")) } as never;
    await expect(getLogsPaged(down, { address: POOL, events, fromBlock: 0n, toBlock: 10n }, 5n)).rejects.toThrow("connection refused");
    const rpc = fakeRpc(0n, []);
    await expect(getLogsPaged(rpc.client, { address: POOL, events, fromBlock: 7n, toBlock: 7n })).rejects.toThrow("max block range");
  });

  it("recognises the usual 'too large' answers and nothing else", () => {
    for (const m of [
      "query returned more than 10000 results",
      "eth_getLogs is limited to a 10,000 block range",
      "Log response size exceeded.",
      "exceed maximum block range: 2000",
      "too many blocks requested",
    ])
      expect(isRangeTooLarge(new Error(m)), m).toBe(true);
    expect(isRangeTooLarge(new Error("execution reverted"))).toBe(false);
  });
});
