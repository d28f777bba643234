import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, http, parseUnits } from "viem";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { keelOracleAbi } from "@/contracts-abi/abi/KeelOracle";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { FEED_STATUS, feedStatus } from "./oracle";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// The status table in lib/read/oracle.ts mirrors KeelOracle.Status: this proves they agree on a real chain.
describe("FEED_STATUS agrees with KeelOracle on the chain", () => {
  let anvil: Anvil;
  let deployment: Deployment;
  let c: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-unit-")) }));
    c = clientsFor(anvil.url, 31337, ANVIL_KEYS[0]!);
  });
  afterAll(() => anvil?.stop());

  const statusOf = async (symbol: string) => {
    const asset = deployment.assets.find((a) => a.symbol === symbol)!;
    const s = await c.publicClient.readContract({
      address: deployment.contracts.oracle,
      abi: keelOracleAbi,
      functionName: "peek",
      args: [asset.address],
    });
    return feedStatus(s.status).key;
  };
  const setAnswer = (symbol: string, answer: bigint) =>
    c.send({ address: deployment.assets.find((a) => a.symbol === symbol)!.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [answer] });

  it("has one label per Solidity enum member", async () => {
    // Status.OutOfBounds is the last member; one past it is not a Status.
    expect(FEED_STATUS).toHaveLength(8);
    expect(FEED_STATUS.map((s) => s.key)).toEqual(["ok", "missing", "reverted", "nonPositive", "incomplete", "fromFuture", "stale", "outOfBounds"]);
  });

  it("ok, nonPositive, outOfBounds, stale and missing", async () => {
    expect(await statusOf("WETH")).toBe("ok");
    await setAnswer("WETH", 0n);
    expect(await statusOf("WETH")).toBe("nonPositive");
    await setAnswer("WETH", parseUnits("1000000", 8));
    expect(await statusOf("WETH")).toBe("outOfBounds");
    await setAnswer("WETH", parseUnits("3000", 8));
    await createTestClient({ chain: c.chain, transport: http(anvil.url), mode: "anvil" }).increaseTime({ seconds: 3601 });
    await createTestClient({ chain: c.chain, transport: http(anvil.url), mode: "anvil" }).mine({ blocks: 1 });
    expect(await statusOf("WETH")).toBe("stale");
    const missing = await c.publicClient.readContract({
      address: deployment.contracts.oracle,
      abi: keelOracleAbi,
      functionName: "peek",
      args: ["0x000000000000000000000000000000000000dEaD"],
    });
    expect(feedStatus(missing.status).key).toBe("missing");
  });
});
