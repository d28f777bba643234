import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, encodeFunctionData, http, maxUint256, parseUnits, type Address } from "viem";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { simulateEffects, type PlannedCall } from "./tx-effects";

// The effects shown before signing are what the chain then does: simulated at the latest block, then sent for real in
// the next block at the simulated time, the wallet's token flows and the vault's collateral and debt are equal.
describe("lib/tx/tx-effects.ts: simulated effects equal what the chain did", () => {
  let anvil: Anvil;
  let deployment: Deployment;
  let trader: ReturnType<typeof clientsFor>;
  let test: ReturnType<typeof createTestClient>;
  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-unit-")) }));
    trader = clientsFor(anvil.url, 31337, ANVIL_KEYS[1]!);
    test = createTestClient({ transport: http(anvil.url), mode: "anvil" });
  });
  afterAll(() => anvil?.stop());

  const asset = (symbol: string) => deployment.assets.find((a) => a.symbol === symbol)!;
  const tokens = () => deployment.assets.map((a) => ({ address: a.address, symbol: a.symbol, decimals: a.decimals }));
  const usdcMarket = () => deployment.markets.find((m) => m.baseAsset === asset("USDC").address)!.address;
  const request = (args: { method: string; params: readonly unknown[] }) => trader.publicClient.request(args as never);
  const balance = (token: Address) =>
    trader.publicClient.readContract({ address: token, abi: devErc20Abi, functionName: "balanceOf", args: [trader.account.address] });
  const lensVault = (id: bigint) =>
    trader.publicClient.readContract({ address: deployment.contracts.lens!, abi: keelLensAbi, functionName: "getVault", args: [usdcMarket(), id] });

  /** Sends the calls for real, mined one block after the simulation's base at the simulated timestamp. */
  async function execute(calls: PlannedCall[]) {
    const latest = await trader.publicClient.getBlock({ blockTag: "latest" });
    await test.setAutomine(false);
    await test.setNextBlockTimestamp({ timestamp: latest.timestamp + 1n });
    const hashes: `0x${string}`[] = [];
    for (const c of calls) hashes.push(await trader.walletClient.sendTransaction({ to: c.to, data: c.data, gas: 3_000_000n }));
    await test.mine({ blocks: 1 });
    await test.setAutomine(true);
    for (const h of hashes) expect((await trader.publicClient.waitForTransactionReceipt({ hash: h })).status).toBe("success");
  }

  it("approve + deposit, then borrow, then repay all: flows and the vault after, exactly", async () => {
    const market = usdcMarket();
    const weth = asset("WETH");
    const usdc = asset("USDC");
    await trader.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const id = await trader.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" });
    const vault = { lens: deployment.contracts.lens!, market, id };
    const amount = parseUnits("2", 18);
    const deposit: PlannedCall[] = [
      { to: weth.address, data: encodeFunctionData({ abi: devErc20Abi, functionName: "approve", args: [market, amount] }), label: "Approve 2 WETH" },
      {
        to: market,
        data: encodeFunctionData({ abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth.address, amount] }),
        label: "Deposit 2 WETH",
      },
    ];
    const steps: PlannedCall[][] = [
      deposit,
      [
        {
          to: market,
          data: encodeFunctionData({ abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits("2500", 6), trader.account.address] }),
          label: "Borrow",
        },
      ],
      [
        { to: usdc.address, data: encodeFunctionData({ abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] }), label: "Approve" },
        { to: market, data: encodeFunctionData({ abi: keelMarketAbi, functionName: "repay", args: [id, maxUint256] }), label: "Repay all" },
      ],
    ];
    for (const calls of steps) {
      await test.increaseTime({ seconds: 120 }); // interest accrues between steps
      const effects = await simulateEffects(request, { account: trader.account.address, calls, tokens: tokens(), vault });
      if (!effects.ok) throw new Error(effects.error.message);
      const before = { weth: await balance(weth.address), usdc: await balance(usdc.address) };
      await execute(calls);
      const after = { weth: await balance(weth.address), usdc: await balance(usdc.address) };
      const out = (t: Address) => effects.flows.find((f) => f.address.toLowerCase() === t.toLowerCase())?.out ?? 0n;
      expect(out(weth.address)).toBe(before.weth - after.weth);
      expect(out(usdc.address)).toBe(before.usdc - after.usdc);
      const chain = await lensVault(id);
      expect(effects.vault!.after.debt).toBe(chain.debt);
      expect(effects.vault!.after.healthFactor).toBe(chain.healthFactor);
      expect(effects.vault!.after.collaterals.map((c) => [c.asset, c.amount])).toEqual(chain.collaterals.map((c) => [c.asset, c.amount]));
    }
    expect((await lensVault(id)).debt).toBe(0n);
  });

  it("names a revert before any signature", async () => {
    const market = usdcMarket();
    const id = await trader.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" });
    const effects = await simulateEffects(request, {
      account: trader.account.address,
      calls: [
        {
          to: market,
          data: encodeFunctionData({ abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits("1000000", 6), trader.account.address] }),
          label: "Borrow 1,000,000 USDC",
        },
      ],
      tokens: tokens(),
    });
    expect(effects.ok).toBe(false);
    if (effects.ok) return;
    expect(effects.label).toBe("Borrow 1,000,000 USDC");
    expect(effects.error.errorName).toMatch(/ExceedsLtv|InsufficientLiquidity/);
  });
});
