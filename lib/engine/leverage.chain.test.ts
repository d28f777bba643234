import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseUnits, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { iUniswapV2FactoryAbi } from "@/contracts-abi/abi/IUniswapV2Factory";
import { iUniswapV2PairAbi } from "@/contracts-abi/abi/IUniswapV2Pair";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelLeverageRouterAbi } from "@/contracts-abi/abi/KeelLeverageRouter";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import { poolFor } from "./amm";
import type { Deployment } from "../config/deployment";
import { planClose, planLeverage, type LeverageContext } from "./leverage";
import { WAD } from "./math";
import { toPosition } from "../protocols/keel/math";

/**
 * lib/engine/leverage.ts plans what KeelLeverageRouter does. On anvil with the real Uniswap V2 pools: the collateral a plan
 * expects is exactly what the vault holds after the router ran it, its debt and health factor are the lens's, and a
 * close returns what the plan said.
 */
describe("lib/engine/leverage.ts agrees with KeelLeverageRouter on the chain", () => {
  let anvil: Anvil;
  let d: Deployment;
  let user: ReturnType<typeof clientsFor>;
  let market: Address;
  let weth: Address;
  let usdc: Address;
  let router: Address;
  let id = 0n;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-lev-")) }));
    user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
    market = d.markets[0]!.address;
    weth = d.assets.find((a) => a.symbol === "WETH")!.address;
    usdc = d.assets.find((a) => a.symbol === "USDC")!.address;
    router = d.contracts.leverageRouter!;
  });
  afterAll(() => anvil?.stop());

  async function context(vaultId: bigint): Promise<LeverageContext> {
    const pc = user.publicClient;
    const [markets, factory] = await Promise.all([
      pc.readContract({ address: d.contracts.lens!, abi: keelLensAbi, functionName: "getMarkets", args: [[market]] }),
      Promise.resolve(d.dev!.uniswapV2!.factory),
    ]);
    const m = markets[0]!;
    const vault =
      vaultId === 0n
        ? { collaterals: [], debt: 0n, debtShares: 0n }
        : await pc.readContract({ address: d.contracts.lens!, abi: keelLensAbi, functionName: "getVault", args: [market, vaultId] });
    const pair = await pc.readContract({ address: factory, abi: iUniswapV2FactoryAbi, functionName: "getPair", args: [usdc, weth] });
    const [[r0, r1], token0] = await Promise.all([
      pc.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "getReserves" }),
      pc.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "token0" }),
    ]);
    return {
      position: toPosition(vault, m),
      collateral: weth,
      pool: poolFor(usdc, token0, r0, r1),
      flashFeeBps: m.flashFeeBps,
      slippageBps: 50n,
      cash: m.cash,
    };
  }

  const lensVault = () =>
    user.publicClient.readContract({ address: d.contracts.lens!, abi: keelLensAbi, functionName: "getVault", args: [market, id] });

  it("opens 3× in one transaction: collateral exactly as planned, health as planned", async () => {
    const ctx = await context(0n);
    const deposit = parseUnits("10", 18);
    const plan = planLeverage(ctx, deposit, 3n * WAD);
    if (plan.kind !== "increase") throw new Error("expected an increase");
    expect(plan.problem).toBeNull();
    await user.send({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [router, true] });
    await user.send({ address: weth, abi: devErc20Abi, functionName: "approve", args: [router, deposit] });
    const receipt = await user.send({
      address: router,
      abi: keelLeverageRouterAbi,
      functionName: "increase",
      args: [market, 0n, weth, deposit, plan.flashAmount, plan.minCollateralOut],
    });
    expect(receipt.status).toBe("success");
    const ids = await user.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultsOf", args: [user.account.address] });
    id = ids[ids.length - 1]!;
    const v = await lensVault();
    expect(v.collaterals.find((c) => c.asset === weth)!.amount).toBe(deposit + plan.expectedOut);
    expect(v.debt).toBe(plan.after.debt);
    expect(v.healthFactor).toBe(plan.risk.healthFactor);
    expect(v.collaterals.find((c) => c.asset === weth)!.liquidationPrice).toBe(plan.liquidationPrice);
  });

  it("raises to 4× and lowers to 2×, as planned", async () => {
    await user.send({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [router, true] });
    const up = planLeverage(await context(id), 0n, 4n * WAD);
    if (up.kind !== "increase") throw new Error("expected an increase");
    expect(up.problem).toBeNull();
    await user.send({
      address: router,
      abi: keelLeverageRouterAbi,
      functionName: "increase",
      args: [market, id, weth, 0n, up.flashAmount, up.minCollateralOut],
    });
    let v = await lensVault();
    const after = up.after.collaterals.find((c) => c.asset === weth)!.amount;
    expect(v.collaterals.find((c) => c.asset === weth)!.amount).toBe(after);
    // Debt accrued a block of interest since the plan was read: equal within a millionth.
    expect(Number(v.debt - up.after.debt) / Number(v.debt)).toBeLessThan(1e-6);

    const down = planLeverage(await context(id), 0n, 2n * WAD);
    if (down.kind !== "decrease") throw new Error("expected a decrease");
    expect(down.problem).toBeNull();
    await user.send({
      address: router,
      abi: keelLeverageRouterAbi,
      functionName: "decrease",
      args: [market, id, weth, down.collateralToSell, down.repayAmount, down.minBaseOut],
    });
    v = await lensVault();
    expect(v.collaterals.find((c) => c.asset === weth)!.amount).toBe(down.after.collaterals.find((c) => c.asset === weth)!.amount);
    expect(Number(v.debt - down.after.debt) / Number(v.debt)).toBeLessThan(1e-6);
  });

  it("closes: the wallet gets back what the plan said, the vault is empty", async () => {
    const plan = planClose(await context(id));
    if (plan.kind !== "close") throw new Error("expected a close");
    expect(plan.problem).toBeNull();
    const before = await user.publicClient.readContract({ address: weth, abi: devErc20Abi, functionName: "balanceOf", args: [user.account.address] });
    await user.send({ address: router, abi: keelLeverageRouterAbi, functionName: "close", args: [market, id, weth, plan.maxCollateralIn] });
    const after = await user.publicClient.readContract({ address: weth, abi: devErc20Abi, functionName: "balanceOf", args: [user.account.address] });
    const back = after - before;
    // A block of interest more to buy: within a millionth of the planned amount.
    expect(Math.abs(Number(back - plan.collateralBack)) / Number(plan.collateralBack)).toBeLessThan(1e-6);
    const v = await lensVault();
    expect(v.debt).toBe(0n);
    expect(v.collaterals.every((c) => c.amount === 0n)).toBe(true);
    for (const t of [weth, usdc]) {
      expect(await user.publicClient.readContract({ address: t, abi: devErc20Abi, functionName: "balanceOf", args: [router] })).toBe(0n);
    }
  });
});
