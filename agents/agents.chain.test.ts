import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUnits, type Address } from "viem";
import { devErc20Abi, keelGuardAbi, keelLensAbi, keelMarketAbi } from "@/contracts-abi";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "@/lib/config/deployment";
import { deleveragePlan } from "@/lib/engine/protection";
import { toPosition } from "@/lib/protocols/keel/math";
import { startKeeper } from "./keeper";
import { startGuardExecutor } from "./guard-executor";
import { runScenario } from "./market-simulator";

const wad = (x: string) => parseUnits(x, 18);

// The three agents together on anvil: a 35 % crash played on the feeds, the keeper liquidating through the flash-loan
// liquidator, and the guard executor deleveraging the vault whose owner opted in.
describe("agents on the chain: crash → keeper and guard", () => {
  let anvil: Anvil;
  let deployment: Deployment;
  let market: Address;
  const lines: string[] = [];

  /** Anvil account `key` opens a USDC-market vault with `weth` WETH and borrows `usdc`. */
  async function openVault(key: number, weth: string, usdc: string) {
    const c = clientsFor(anvil.url, 31337, ANVIL_KEYS[key]!);
    const WETH = deployment.assets.find((a) => a.symbol === "WETH")!.address;
    const units = parseUnits(weth, 18);
    await c.send({ address: WETH, abi: devErc20Abi, functionName: "mint", args: [c.account.address, units] });
    await c.send({ address: WETH, abi: devErc20Abi, functionName: "approve", args: [market, units] });
    const id = (await c.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
    await c.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    await c.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, WETH, units] });
    await c.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits(usdc, 6), c.account.address] });
    return { id, c };
  }

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-agents-")) }));
    market = deployment.markets[0]!.address;
  });
  afterAll(() => anvil?.stop());

  it("deleverages the protected vault before liquidation, liquidates its unprotected twin and every other", async () => {
    // Twins at HF 1.275 ($3,000): 10 WETH, 20,000 USDC. The protected one deleverages under 1.15 back to 1.4.
    const protectedVault = await openVault(1, "10", "20000");
    const twin = await openVault(2, "10", "20000");
    const others = [await openVault(2, "3", "7000"), await openVault(2, "2", "4500"), await openVault(2, "1", "2100")];
    const guard = deployment.contracts.guard!;
    const WETH = deployment.assets.find((a) => a.symbol === "WETH")!.address;
    await protectedVault.c.send({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [guard, true] });
    await protectedVault.c.send({
      address: guard,
      abi: keelGuardAbi,
      functionName: "setRule",
      args: [market, protectedVault.id, 0, WETH, wad("1.15"), wad("1.4"), 100n, 50n],
    });

    // lib/engine/protection.ts previews what the guard's own plan computes, to the unit.
    const lensAddr = deployment.contracts.lens!;
    const c0 = protectedVault.c;
    const [view, [marketView]] = await Promise.all([
      c0.publicClient.readContract({ address: lensAddr, abi: keelLensAbi, functionName: "getVault", args: [market, protectedVault.id] }),
      c0.publicClient.readContract({ address: lensAddr, abi: keelLensAbi, functionName: "getMarkets", args: [[market]] }),
    ]);
    for (const feeBps of [0n, 50n]) {
      const onChain = await c0.publicClient.readContract({
        address: guard,
        abi: keelGuardAbi,
        functionName: "plan",
        args: [market, protectedVault.id, 0, feeBps],
      });
      const mirror = deleveragePlan(toPosition(view, marketView!), wad("1.4"), {
        collateral: WETH,
        slippageBps: 100n,
        feeBps,
        flashFeeBps: marketView!.flashFeeBps,
      });
      expect(onChain.triggered).toBe(false);
      expect(mirror).not.toBeNull();
      expect({ sell: mirror!.sell, repay: mirror!.repay, fee: mirror!.fee }).toEqual({ sell: onChain.sell, repay: onChain.repay, fee: onChain.fee });
    }

    const sink = (l: string) => lines.push(l);
    const keeper = startKeeper({ rpcUrl: anvil.url, deployment, log: sink });
    const executor = startGuardExecutor({ rpcUrl: anvil.url, deployment, log: sink });
    try {
      await runScenario({ rpcUrl: anvil.url, deployment, name: "crash", steps: 12, stepSeconds: 1, log: sink });
      // Let both agents see the last price.
      for (let i = 0; i < 3; i++) {
        await keeper.scan();
        await executor.run();
        await keeper.idle();
      }
    } finally {
      await keeper.stop();
      await executor.stop();
    }

    const c = protectedVault.c;
    const liquidated = await c.publicClient.getContractEvents({ address: market, abi: keelMarketAbi, eventName: "Liquidated", fromBlock: 0n });
    const liquidatedIds = new Set(liquidated.map((e) => e.args.id));
    const executed = await c.publicClient.getContractEvents({ address: guard, abi: keelGuardAbi, eventName: "RuleExecuted", fromBlock: 0n });

    if (process.env.KEEL_AGENT_LOG) (await import("node:fs")).writeFileSync(process.env.KEEL_AGENT_LOG, lines.join("\n"));
    expect(executed.some((e) => e.args.id === protectedVault.id)).toBe(true);
    expect(liquidatedIds.has(protectedVault.id)).toBe(false);
    expect(liquidatedIds.has(twin.id)).toBe(true);
    for (const o of others) expect(liquidatedIds.has(o.id)).toBe(true);

    // No liquidatable vault is left in any market.
    for (const m of deployment.markets) {
      const [vaults] = await c.publicClient.readContract({
        address: deployment.contracts.lens!,
        abi: keelLensAbi,
        functionName: "getVaults",
        args: [m.address, 0n, 500n],
      });
      expect(vaults.filter((v) => v.liquidatable).map((v) => v.id)).toEqual([]);
    }
    const [, , , , hf] = await c.publicClient.readContract({
      address: market,
      abi: keelMarketAbi,
      functionName: "vaultHealth",
      args: [protectedVault.id],
    });
    expect(hf).toBeGreaterThanOrEqual(wad("1"));
    expect(keeper.stats.liquidationsConfirmed).toBeGreaterThanOrEqual(4);
    expect(keeper.stats.profitUsd).toBeGreaterThan(0n);
    if (process.env.KEEL_AGENT_LOG) (await import("node:fs")).writeFileSync(process.env.KEEL_AGENT_LOG, lines.join("\n"));
    // Structured logs: every line is JSON with the agent's name.
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  }, 240_000);
});
