import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { BaseError, ContractFunctionRevertedError, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { keelRiskAdminAbi } from "@/contracts-abi/abi/KeelRiskAdmin";
import { keelRiskStewardAbi } from "@/contracts-abi/abi/KeelRiskSteward";
import { randomWalkStep } from "@/agents/price-simulator";
import { startRiskSteward } from "@/agents/risk-steward";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import { writePriceHistory } from "@/scripts/seed-risk";
import type { Deployment } from "../config/deployment";
import { seededRandom } from "../analytics/random";
import { validCollateral } from "./bounds";
import { recommend } from "./model";
import { readCollateralInputs } from "./read";

/**
 * On a real chain: the TypeScript mirror of RiskBoundsLib agrees with the risk admin's own check, and a volatility
 * shift played on the dev feeds by the simulator's random walk makes the steward agent propose a lower liquidation
 * threshold, which it executes after the safer wait (anvil time warp): the market's parameter changes.
 */
describe("the risk model and steward on the chain", () => {
  let anvil: Anvil;
  let d: Deployment;
  let admin: ReturnType<typeof clientsFor>;
  let market: Address;
  let weth: Address;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-steward-")) }));
    admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    market = d.markets[0]!.address;
    weth = d.assets.find((a) => a.symbol === "WETH")!.address;
  });
  /** Moves anvil's clock forward and mines a block. */
  const warp = async (seconds: number) => {
    for (const [method, params] of [
      ["evm_increaseTime", [seconds]],
      ["evm_mine", []],
    ] as const) {
      const res = await fetch(anvil.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      if (!res.ok) throw new Error(`${method} failed: ${res.status}`);
    }
  };
  afterAll(async () => {
    await anvil?.stop();
  });

  it("validCollateral agrees with RiskBoundsLib through the risk admin's proposal check", async () => {
    const wad = (bps: number) => BigInt(bps) * 10n ** 14n;
    const samples = fc.sample(
      fc.oneof(
        fc
          .record({ ltv: fc.integer({ min: 0, max: 10_000 }), lt: fc.integer({ min: 0, max: 10_000 }), md: fc.integer({ min: 0, max: 3_000 }) })
          .map((x) => ({ ltv: wad(x.ltv), lt: wad(x.lt), md: wad(x.md) })),
        // Around the (1 + maxDiscount) × LT < 1 edge, to the wei.
        fc.record({ md: fc.integer({ min: 100, max: 2_500 }), off: fc.bigInt({ min: -3n, max: 3n }) }).map((x) => {
          const md = wad(x.md);
          const lt = 10n ** 36n / (10n ** 18n + md) + x.off;
          return { ltv: lt / 2n, lt, md };
        }),
      ),
      { numRuns: 120, seed: 18 },
    );
    for (const s of samples) {
      const expected = validCollateral({ ltv: s.ltv, liquidationThreshold: s.lt, maxDiscount: s.md });
      let accepted = true;
      try {
        await admin.publicClient.simulateContract({
          address: d.contracts.riskAdmin!,
          abi: keelRiskAdminAbi,
          functionName: "proposeCollateral",
          args: [market, weth, { ltv: s.ltv, liquidationThreshold: s.lt, maxDiscount: s.md, supplyCap: 10n ** 24n }],
          account: admin.account,
        });
      } catch (e) {
        const revert = e instanceof BaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
        expect(revert && (revert as ContractFunctionRevertedError).data?.errorName).toBe("InvalidCollateralParams");
        accepted = false;
      }
      expect(
        accepted,
        JSON.stringify(s, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
      ).toBe(expected);
    }
  });

  it("a volatility shift makes the steward propose a lower threshold, executed after the delay", async () => {
    // A calm week (σ 60 %/yr, hourly), then two days of the simulator's random walk at σ 600 %/yr every 30 minutes.
    await writePriceHistory({ rpcUrl: anvil.url, deployment: d, hours: 168 });
    const calmInputs = (await readCollateralInputs(admin.publicClient, d)).find((x) => x.market === market && x.asset === weth)!;
    const calm = recommend(calmInputs)!;
    expect(calmInputs.sigma).toBeLessThan(1.2);
    const { uniform } = seededRandom(600);
    const wethFeed = d.assets.find((a) => a.symbol === "WETH")!.feed;
    const others = d.assets.filter((a) => a.symbol !== "WETH");
    let price = (await admin.publicClient.readContract({ address: wethFeed, abi: devPriceFeedAbi, functionName: "latestRoundData" }))[1];
    const stepSigma = 6 * Math.sqrt(1800 / 31_536_000);
    for (let i = 0; i < 96; i++) {
      await warp(1800);
      price = randomWalkStep(price, stepSigma, uniform);
      await admin.send({ address: wethFeed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [price] });
      for (const a of others) {
        const [, answer] = await admin.publicClient.readContract({ address: a.feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
        await admin.send({ address: a.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [answer] });
      }
    }
    const before = await admin.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralInfo", args: [weth] });
    const lines: string[] = [];
    const agent = startRiskSteward({ rpcUrl: anvil.url, deployment: d, intervalSec: 3600, log: (l) => lines.push(l) });
    try {
      await agent.runOnce();
      const proposed = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.event === "proposed" && l.market === market && l.asset === "WETH");
      expect(proposed, lines.join("\n")).toBeDefined();
      const inputs = proposed!.inputs as { sigma: number; liquidationSeconds: number; priceImpact: number };
      expect(inputs.sigma).toBeGreaterThan(3);
      // The shift, not the calm week, made the recommendation: it is far below the calm one, so the step is a full one.
      const rec = proposed!.recommendation as { lt: number };
      expect(rec.lt).toBeLessThan(Number(calm.liquidationThreshold) / 1e18 - 0.1);
      const changes = await admin.publicClient.readContract({ address: d.contracts.steward!, abi: keelRiskStewardAbi, functionName: "changes" });
      const ch = changes.find((c) => c.market === market && c.asset === weth)!;
      expect(ch.toLt < before.liquidationThreshold).toBe(true);
      expect(before.liquidationThreshold - ch.toLt).toBe(3n * 10n ** 16n);
      expect(Number(ch.inputs.volatility) / 1e18).toBeCloseTo(inputs.sigma, 5);
      // Not before the safer wait: nothing executes yet.
      await agent.runOnce();
      expect(
        (await admin.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralInfo", args: [weth] }))
          .liquidationThreshold,
      ).toBe(before.liquidationThreshold);
      // After it (anvil time warp), the agent executes the change and the market's parameter moves.
      await warp(6 * 3600);
      await agent.runOnce();
      const after = await admin.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralInfo", args: [weth] });
      expect(after.liquidationThreshold).toBe(ch.toLt);
      expect(after.ltv).toBe(ch.toLtv);
      expect(after.maxDiscount).toBe(before.maxDiscount);
      expect(lines.some((l) => l.includes('"event":"executed"'))).toBe(true);
    } finally {
      await agent.stop();
    }
  }, 240_000); // a week of hourly rounds and two days at 30 min, written and read on anvil: slow on a loaded machine
});
