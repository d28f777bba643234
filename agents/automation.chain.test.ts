import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAbiParameters, erc20Abi, maxUint256, parseUnits, zeroAddress, type Address, type Hex } from "viem";
import {
  devErc20Abi,
  devPriceFeedAbi,
  iGuardAavePoolAbi,
  iGuardAdapterAbi,
  iGuardMorphoAbi,
  keelAutomationAbi,
  keelMarketAbi,
} from "@/contracts-abi/generated";
import { AUTOMATION_KINDS, planRule } from "@/lib/automation";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "@/lib/deployment";
import { aavePoolAbi } from "@/lib/protocols/aave-v3/abi";
import { morphoBlueAbi } from "@/lib/protocols/morpho-blue/abi";
import { alignPools, findPools } from "./amm-arbitrage";
import { feedOwnerKey } from "./market-simulator";
import { startGuardExecutor } from "./guard-executor";

/** A rule's expiry (KeelAutomation validUntil): 30 days after the chain's time now. */
async function expiry(c: { publicClient: { getBlock: () => Promise<{ timestamp: bigint }> } }): Promise<bigint> {
  return (await c.publicClient.getBlock()).timestamp + 30n * 86_400n;
}

const wad = (x: string) => parseUnits(x, 18);
const KIND = { deleverage: 0, stopLoss: 1, takeProfit: 2, boost: 3, trailingStop: 4 } as const;

/**
 * KeelAutomation on the three protocols, on anvil with the real Aave v3 and Morpho Blue bytecode, driven by the
 * guard executor: a trailing stop on an Aave position follows a rise (the executor pokes the high) and fires on the
 * fall; a take-profit on Morpho closes at its level; an auto-boost on a Keel vault raises leverage back to its target.
 */
describe("guard executor on Aave, Morpho and Keel (KeelAutomation)", () => {
  let anvil: Anvil;
  let d: Deployment;
  let pools: Awaited<ReturnType<typeof findPools>>;
  const lines: string[] = [];
  const token = (s: string) => d.assets.find((a) => a.symbol === s)!;

  /** Moves the ETH feed and trades the pools back to the feeds (the market maker), as the simulator does. */
  async function ethPrice(usd: string) {
    const owner = clientsFor(anvil.url, d.chainId, feedOwnerKey(d));
    await owner.send({ address: token("WETH").feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits(usd, 8)] });
    await alignPools({ rpcUrl: anvil.url, deployment: d, pools });
  }

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({
      rpcUrl: anvil.url,
      outDir: mkdtempSync(path.join(os.tmpdir(), "keel-automation-")),
      lendingProtocols: true,
    }));
    pools = await findPools(anvil.url, d);
  }, 400_000);
  afterAll(() => anvil?.stop());

  it("fires a trailing stop on Aave, a take-profit on Morpho and an auto-boost on Keel", async () => {
    const a = d.automation!;
    const WETH = token("WETH").address;
    const USDC = token("USDC").address;

    // Aave (anvil #1): 10 WETH against 10,000 USDC; aTokens approved to the Aave adapter; trailing stop 10 % under
    // the high, minimum 1 WETH.
    const alice = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
    const pool = d.aaveV3!.pool;
    await alice.send({ address: WETH, abi: devErc20Abi, functionName: "approve", args: [pool, wad("10")] });
    await alice.send({ address: pool, abi: aavePoolAbi, functionName: "supply", args: [WETH, wad("10"), alice.account.address, 0] });
    await alice.send({ address: pool, abi: aavePoolAbi, functionName: "borrow", args: [USDC, parseUnits("10000", 6), 2n, 0, alice.account.address] });
    const reserve = await alice.publicClient.readContract({ address: pool, abi: iGuardAavePoolAbi, functionName: "getReserveData", args: [WETH] });
    await alice.send({ address: reserve.aTokenAddress, abi: erc20Abi, functionName: "approve", args: [a.aaveV3!, maxUint256] });
    const aavePos = encodeAbiParameters([{ type: "address" }, { type: "address" }, { type: "address" }], [alice.account.address, WETH, USDC]);
    await alice.send({
      address: a.guard,
      abi: keelAutomationAbi,
      functionName: "setRule",
      args: [
        a.aaveV3!,
        aavePos,
        KIND.trailingStop,
        { trigger: 0n, target: 0n, trailBps: 1000n, minCollateral: wad("1"), maxSlippageBps: 100n, maxFeeBps: 50n, validUntil: await expiry(alice) },
      ],
    });

    // Morpho (anvil #2): 2 WETH against 3,000 USDC on WETH/USDC; the adapter authorised; take-profit (close) at $3,300.
    const bob = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[2]!);
    const mk = d.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!;
    const params = { loanToken: mk.loanToken, collateralToken: mk.collateralToken, oracle: mk.oracle, irm: mk.irm, lltv: BigInt(mk.lltv) };
    const morpho = d.morphoBlue!.morpho;
    await bob.send({ address: WETH, abi: devErc20Abi, functionName: "approve", args: [morpho, wad("2")] });
    await bob.send({ address: morpho, abi: morphoBlueAbi, functionName: "supplyCollateral", args: [params, wad("2"), bob.account.address, "0x"] });
    await bob.send({
      address: morpho,
      abi: morphoBlueAbi,
      functionName: "borrow",
      args: [params, parseUnits("3000", 6), 0n, bob.account.address, bob.account.address],
    });
    await bob.send({ address: morpho, abi: iGuardMorphoAbi, functionName: "setAuthorization", args: [a.morphoBlue!, true] });
    const morphoPos = encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [bob.account.address, mk.id as Hex]);
    await bob.send({
      address: a.guard,
      abi: keelAutomationAbi,
      functionName: "setRule",
      args: [
        a.morphoBlue!,
        morphoPos,
        KIND.takeProfit,
        {
          trigger: wad("3300"),
          target: 0n,
          trailBps: 0n,
          minCollateral: wad("0.5"),
          maxSlippageBps: 100n,
          maxFeeBps: 50n,
          validUntil: await expiry(bob),
        },
      ],
    });

    // Keel (anvil #3): 5 WETH against 5,000 USDC; the Keel adapter its operator; boost above HF 2.7 back to 2.0.
    const carol = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    const market = d.markets.find((m) => m.collaterals.includes(WETH) && m.baseAsset === USDC)!.address;
    await carol.send({ address: WETH, abi: devErc20Abi, functionName: "approve", args: [market, wad("5")] });
    const id = (await carol.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
    await carol.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    await carol.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, WETH, wad("5")] });
    await carol.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits("5000", 6), carol.account.address] });
    await carol.send({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [a.keel!, true] });
    const keelPos = encodeAbiParameters([{ type: "address" }, { type: "uint256" }, { type: "address" }], [market, id, WETH]);
    await carol.send({
      address: a.guard,
      abi: keelAutomationAbi,
      functionName: "setRule",
      args: [
        a.keel!,
        keelPos,
        KIND.boost,
        {
          trigger: wad("2.7"),
          target: wad("2"),
          trailBps: 0n,
          minCollateral: wad("1"),
          maxSlippageBps: 100n,
          maxFeeBps: 50n,
          validUntil: await expiry(carol),
        },
      ],
    });

    // lib/automation.ts's mirror computes what the guard's own plan computes, to the unit, on each protocol's snapshot.
    for (const [adapter, pos, kind] of [
      [a.aaveV3!, aavePos, KIND.trailingStop],
      [a.morphoBlue!, morphoPos, KIND.takeProfit],
      [a.keel!, keelPos, KIND.boost],
    ] as const) {
      for (const feeBps of [0n, 50n]) {
        const [snapshot, rule, onChain] = await Promise.all([
          alice.publicClient.readContract({ address: adapter, abi: iGuardAdapterAbi, functionName: "snapshot", args: [pos] }),
          alice.publicClient.readContract({ address: a.guard, abi: keelAutomationAbi, functionName: "getRule", args: [adapter, pos, kind] }),
          alice.publicClient.readContract({ address: a.guard, abi: keelAutomationAbi, functionName: "plan", args: [adapter, pos, kind, feeBps] }),
        ]);
        const mirror = planRule(snapshot, AUTOMATION_KINDS[kind]!, rule, feeBps);
        const { blocker, ...plan } = onChain;
        expect(blocker).toBe(0);
        expect(mirror).toEqual(plan);
      }
    }

    const executor = startGuardExecutor({ rpcUrl: anvil.url, deployment: d, log: (l) => lines.push(l) });
    const rounds = async (n = 2) => {
      for (let i = 0; i < n; i++) {
        await executor.run();
        await executor.idle();
      }
    };
    const executedKeys = async () =>
      (await alice.publicClient.getContractEvents({ address: a.guard, abi: keelAutomationAbi, eventName: "RuleExecuted", fromBlock: 0n })).map(
        (e) => e.args.key,
      );
    const key = (adapter: Address, pos: Hex, kind: number) =>
      alice.publicClient.readContract({ address: a.guard, abi: keelAutomationAbi, functionName: "ruleKey", args: [adapter, pos, kind] });
    try {
      await rounds();
      expect(await executedKeys()).toEqual([]); // nothing holds at $3,000

      // The rally: $3,500. Take-profit ($3,300) and boost (HF 2.9 > 2.7) fire; the trailing stop's high is poked.
      await ethPrice("3500");
      await rounds(3);
      const rule = await alice.publicClient.readContract({
        address: a.guard,
        abi: keelAutomationAbi,
        functionName: "getRule",
        args: [a.aaveV3!, aavePos, KIND.trailingStop],
      });
      expect(rule.high).toBe(wad("3500"));
      const afterRally = await executedKeys();
      expect(afterRally).toContain(await key(a.morphoBlue!, morphoPos, KIND.takeProfit));
      expect(afterRally).toContain(await key(a.keel!, keelPos, KIND.boost));
      expect(afterRally).not.toContain(await key(a.aaveV3!, aavePos, KIND.trailingStop));
      const [, borrowShares, collateral] = await bob.publicClient.readContract({
        address: morpho,
        abi: morphoBlueAbi,
        functionName: "position",
        args: [mk.id as Hex, bob.account.address],
      });
      expect([borrowShares, collateral]).toEqual([0n, 0n]);
      const [, , liq, debt] = await carol.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultHealth", args: [id] });
      // At least the target; above it by what the pool paid better than the 1 % bound.
      const hf = Number((liq * 10n ** 6n) / debt) / 1e6;
      expect(hf).toBeGreaterThanOrEqual(2 * (1 - 1e-4));
      expect(hf).toBeLessThan(2.02);

      // The fall: $3,200 (above 3,150 = 3,500 × 0.9): nothing; $3,100: the trailing stop closes the Aave position.
      await ethPrice("3200");
      await rounds();
      expect(await executedKeys()).not.toContain(await key(a.aaveV3!, aavePos, KIND.trailingStop));
      await ethPrice("3100");
      await rounds();
      expect(await executedKeys()).toContain(await key(a.aaveV3!, aavePos, KIND.trailingStop));
      const [col, debtBase] = await alice.publicClient.readContract({
        address: pool,
        abi: aavePoolAbi,
        functionName: "getUserAccountData",
        args: [alice.account.address],
      });
      expect([col, debtBase]).toEqual([0n, 0n]);

      // Carol adds a deleverage (1.2 → 1.5, clear of her boost's band), then unwinds her vault by hand. The executor
      // finds it empty and removes both rules instead of letting them fire on her next position in this vault.
      await carol.send({
        address: a.guard,
        abi: keelAutomationAbi,
        functionName: "setRule",
        args: [
          a.keel!,
          keelPos,
          KIND.deleverage,
          {
            trigger: wad("1.2"),
            target: wad("1.5"),
            trailBps: 0n,
            minCollateral: 0n,
            maxSlippageBps: 100n,
            maxFeeBps: 50n,
            validUntil: await expiry(carol),
          },
        ],
      });
      await carol.send({ address: USDC, abi: devErc20Abi, functionName: "mint", args: [carol.account.address, parseUnits("100000", 6)] });
      await carol.send({ address: USDC, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
      await carol.send({ address: market, abi: keelMarketAbi, functionName: "repay", args: [id, maxUint256] });
      const held = await carol.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralOf", args: [id, WETH] });
      await carol.send({ address: market, abi: keelMarketAbi, functionName: "withdrawCollateral", args: [id, WETH, held, carol.account.address] });
      await rounds();
      for (const kind of [KIND.boost, KIND.deleverage]) {
        const left = await carol.publicClient.readContract({
          address: a.guard,
          abi: keelAutomationAbi,
          functionName: "getRule",
          args: [a.keel!, keelPos, kind],
        });
        expect(left.owner).toBe(zeroAddress);
      }
    } finally {
      await executor.stop();
      if (process.env.KEEL_AGENT_LOG) (await import("node:fs")).writeFileSync(process.env.KEEL_AGENT_LOG, lines.join("\n"));
    }
    expect(executor.stats.pokes).toBeGreaterThanOrEqual(1);
    expect(executor.stats.executed).toBe(3);
    expect(executor.stats.lapsed).toBeGreaterThanOrEqual(1);
    // Gas of each execution, from the receipts the executor logged.
    for (const l of lines.filter((x) => x.includes('"executed"') && x.includes('"gasUsed"'))) {
      const j = JSON.parse(l) as { kind: string; gasUsed: string | number };
      console.log(`gas ${j.kind}: ${j.gasUsed}`);
    }
  }, 300_000);
});
