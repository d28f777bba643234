import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { maxUint256, parseUnits, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { liquidationSize } from "./liquidation";

/**
 * lib/engine/liquidation.ts sizes liquidations for the keeper by mirroring KeelMarket.liquidate. On anvil, for vaults
 * at several depths below 1 (a partial liquidation back to HF 1.05, and one too deep for that, which seizes everything),
 * the repayment and the collateral it predicts equal what the market takes and sends when offered more than enough.
 */
describe("lib/engine/liquidation.ts agrees with KeelMarket.liquidate on the chain", () => {
  let anvil: Anvil;
  let d: Deployment;
  let admin: ReturnType<typeof clientsFor>;
  let owner: ReturnType<typeof clientsFor>;
  let liquidator: ReturnType<typeof clientsFor>;
  let market: Address;
  let weth: Deployment["assets"][number];
  let usdc: Deployment["assets"][number];

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-liq-")) }));
    admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    owner = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
    liquidator = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    market = d.markets.find((m) => m.name === "Keel USDC")!.address;
    weth = d.assets.find((a) => a.symbol === "WETH")!;
    usdc = d.assets.find((a) => a.symbol === "USDC")!;
    await owner.send({ address: weth.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
    await liquidator.send({ address: usdc.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
  });
  afterAll(() => anvil?.stop());

  /** A vault of 10 WETH borrowing `usd` USDC at $3,000, then ETH moved to `price`. */
  async function vaultAt(usd: string, price: string) {
    await admin.send({ address: weth.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits("3000", 8)] });
    const id = (await owner.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
    await owner.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    await owner.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth.address, parseUnits("10", 18)] });
    await owner.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits(usd, 6), owner.account.address] });
    await admin.send({ address: weth.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits(price, 8)] });
    return id;
  }

  async function expectAgreement(id: bigint) {
    const block = await owner.publicClient.getBlockNumber({ cacheTime: 0 });
    const [v, [m]] = await Promise.all([
      owner.publicClient.readContract({
        address: d.contracts.lens!,
        abi: keelLensAbi,
        functionName: "getVault",
        args: [market, id],
        blockNumber: block,
      }),
      owner.publicClient.readContract({
        address: d.contracts.lens!,
        abi: keelLensAbi,
        functionName: "getMarkets",
        args: [[market]],
        blockNumber: block,
      }),
    ]);
    expect(v.liquidatable).toBe(true);
    const col = v.collaterals.find((c) => c.asset === weth.address)!;
    const info = m!.collaterals.find((c) => c.info.asset === weth.address)!.info;
    const size = liquidationSize({
      healthFactor: v.healthFactor,
      liquidationValue: v.liquidationValue,
      debtValue: v.debtValue,
      debt: v.debt,
      baseDecimals: m!.baseDecimals,
      basePrice: m!.baseFeed.price,
      amount: col.amount,
      decimals: col.decimals,
      price: col.price,
      liquidationThreshold: col.liquidationThreshold,
      maxDiscount: info.maxDiscount,
      collateralValue: v.collateralValue,
    })!;
    // Offer the whole debt: the market takes only what its rules allow. Same block as the read (no interest between).
    const { result } = await liquidator.publicClient.simulateContract({
      account: liquidator.account,
      address: market,
      abi: keelMarketAbi,
      functionName: "liquidate",
      args: [id, weth.address, v.debt, 0n],
      blockNumber: block,
    });
    const [repaid, seized] = result;
    expect(repaid).toBe(size.repay);
    expect(seized).toBe(size.seized);
    return size;
  }

  it("a partial liquidation back to HF 1.05", async () => {
    const id = await vaultAt("22000", "2550"); // HF ≈ 0.985
    const size = await expectAgreement(id);
    expect(size.seized).toBeLessThan(parseUnits("10", 18));
  });

  it("a vault too deep to restore: everything seized", async () => {
    const id = await vaultAt("23500", "2200"); // HF ≈ 0.80 < (1 + discount) × LT
    const size = await expectAgreement(id);
    expect(size.seized).toBe(parseUnits("10", 18));
  });
});
