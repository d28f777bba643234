import type { Address, Hash } from "viem";
import { describe, expect, it } from "vitest";
import { positionHistory } from "./history";
import { PROTOCOL_REGISTRY, protocolStartBlock } from "./registry";
import type { ProtocolPosition } from "./view";

const POOL = "0x00000000000000000000000000000000000000aa" as Address;
const ME = "0x00000000000000000000000000000000000000b0" as Address;
const OTHER = "0x00000000000000000000000000000000000000c0" as Address;
const WETH = "0x00000000000000000000000000000000000000e1" as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hash;

/** A node that holds `logs` (decoded, as viem returns them) and refuses any eth_getLogs wider than `limit` blocks. */
function node(limit: bigint, head: bigint, logs: { blockNumber: bigint; eventName: string; args: Record<string, unknown> }[]) {
  const ranges: bigint[] = [];
  return {
    ranges,
    client: {
      getBlockNumber: async () => head,
      getLogs: async ({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) => {
        ranges.push(toBlock - fromBlock + 1n);
        if (toBlock - fromBlock + 1n > limit) throw new Error(`eth_getLogs is limited to a ${limit} block range`);
        return logs
          .filter((l) => l.blockNumber >= fromBlock && l.blockNumber <= toBlock)
          .map((l, i) => ({ ...l, logIndex: i, transactionHash: hash(Number(l.blockNumber)) }));
      },
    } as never,
  };
}

describe("positionHistory under an RPC's block-range limit", () => {
  it("reads 60,000 blocks in pages the node accepts and keeps the account's actions, newest first", async () => {
    const rpc = node(2_000n, 60_000n, [
      { blockNumber: 10n, eventName: "Supply", args: { reserve: WETH, onBehalfOf: ME, user: ME, amount: 5n } },
      { blockNumber: 4_999n, eventName: "Borrow", args: { reserve: WETH, onBehalfOf: ME, user: ME, amount: 2n } },
      { blockNumber: 5_000n, eventName: "Supply", args: { reserve: WETH, onBehalfOf: OTHER, user: OTHER, amount: 9n } },
      { blockNumber: 31_337n, eventName: "Repay", args: { reserve: WETH, user: ME, repayer: ME, amount: 1n } },
      { blockNumber: 59_999n, eventName: "Withdraw", args: { reserve: WETH, user: ME, to: ME, amount: 3n } },
    ]);
    const p = { protocol: "aave-v3", owner: ME, state: { pool: POOL } } as unknown as ProtocolPosition;
    const rows = await positionHistory(rpc.client, p, 0n);
    expect(rows.map((r) => [r.blockNumber, r.action, r.amount])).toEqual([
      [59_999n, "withdraw", 3n],
      [31_337n, "repay", 1n],
      [4_999n, "borrow", 2n],
      [10n, "supply", 5n],
    ]);
    // Pages of 5,000 refused, then halves and quarters down to what the node accepts; none answered above its limit.
    expect(rpc.ranges.some((r) => r > 2_000n)).toBe(true);
    expect(rpc.ranges.filter((r) => r <= 2_000n).reduce((a, b) => a + b, 0n)).toBe(60_001n);
  });
});

describe("positionHistory from the protocol's own first block (lib/protocols/registry.ts)", () => {
  it("on Ethereum finds a Morpho action older than Keel's deployment, which reading from Keel's first block misses", async () => {
    const eth = PROTOCOL_REGISTRY[1]!;
    const id = `0x${"ab".repeat(32)}`;
    const deployment = { chainId: 1, deploymentBlock: 18_900_000, morphoBlue: { morpho: eth.morphoBlue.morpho, markets: [] } };
    const rpc = node(5_000n, 18_910_000n, [
      { blockNumber: 18_883_200n, eventName: "SupplyCollateral", args: { id, onBehalf: ME, assets: 7n } },
      { blockNumber: 18_905_000n, eventName: "Borrow", args: { id, onBehalf: ME, assets: 2n } },
    ]);
    const p = {
      protocol: "morpho-blue",
      owner: ME,
      state: { morpho: eth.morphoBlue.morpho, id, collateralToken: { address: WETH }, loanToken: { address: OTHER } },
    } as unknown as ProtocolPosition;
    const from = protocolStartBlock(deployment, "morpho-blue");
    expect(from).toBe(18_883_124n);
    expect((await positionHistory(rpc.client, p, from)).map((r) => [r.blockNumber, r.action])).toEqual([
      [18_905_000n, "borrow"],
      [18_883_200n, "supply"],
    ]);
    expect((await positionHistory(rpc.client, p, BigInt(deployment.deploymentBlock))).length).toBe(1);
  });
});
