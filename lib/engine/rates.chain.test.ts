import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, http, maxUint256, parseUnits, type Address } from "viem";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelLenderVaultAbi } from "@/contracts-abi/abi/KeelLenderVault";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { borrowRateAt, ratesAfterCash, supplyRateAt, utilization } from "./rates";
import { WAD } from "./math";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// lib/engine/rates.ts mirrors KeelMarket's rate model: this proves it equals borrowRate()/supplyRate() on a real chain,
// at utilisations below, at and above the kink, moved by borrowing from a vault.
describe("lib/engine/rates.ts agrees with KeelMarket on the chain", () => {
  let anvil: Anvil;
  let deployment: Deployment;
  let borrower: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-unit-")) }));
    borrower = clientsFor(anvil.url, 31337, ANVIL_KEYS[1]!);
  });
  afterAll(() => anvil?.stop());

  const asset = (symbol: string) => deployment.assets.find((a) => a.symbol === symbol)!;
  const marketOf = (base: string) => deployment.markets.find((m) => m.baseAsset === asset(base).address)!.address;

  /** Everything the model needs and the market's own answers, read at one block. */
  async function snapshot(market: Address) {
    const blockNumber = await borrower.publicClient.getBlockNumber({ cacheTime: 0 });
    const read = <F extends "utilization" | "borrowRate" | "supplyRate" | "reserveFactor" | "totalBorrows" | "cash" | "totalReserves">(
      functionName: F,
    ) => borrower.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName, blockNumber }) as Promise<bigint>;
    const [rm, u, borrowRate, supplyRate, rf, borrows, cash, reserves] = await Promise.all([
      borrower.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "rateModel", blockNumber }),
      read("utilization"),
      read("borrowRate"),
      read("supplyRate"),
      read("reserveFactor"),
      read("totalBorrows"),
      read("cash"),
      read("totalReserves"),
    ]);
    const model = { baseRate: rm.baseRate, slope1: rm.slope1, slope2: rm.slope2, kink: rm.kink };
    return { model, u, borrowRate, supplyRate, rf, borrows, cash, reserves, blockNumber };
  }

  async function expectAgreement(market: Address) {
    const s = await snapshot(market);
    expect(utilization(s.borrows, s.cash, s.reserves)).toBe(s.u);
    expect(borrowRateAt(s.model, s.u)).toBe(s.borrowRate);
    expect(supplyRateAt(s.model, s.u, s.rf)).toBe(s.supplyRate);
    return s;
  }

  /** Opens a vault for anvil #1 with plenty of WETH (minted by the dev faucet) in `market` and returns its id. */
  async function openVault(market: Address, collateral: string, amount: string) {
    const c = asset(collateral);
    const units = parseUnits(amount, c.decimals);
    const id = (await borrower.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
    await borrower.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    await borrower.send({ address: c.address, abi: devErc20Abi, functionName: "mint", args: [borrower.account.address, units] });
    await borrower.send({ address: c.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
    await borrower.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, c.address, units] });
    return id;
  }

  /** Borrows so that utilisation reaches about `target` (WAD), from vault `id`. */
  async function borrowTo(market: Address, id: bigint, target: bigint) {
    const s = await snapshot(market);
    const supplied = s.cash + s.borrows - s.reserves;
    const more = (supplied * target) / WAD - s.borrows;
    await borrower.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, more, borrower.account.address] });
  }

  it("at the deployed state, in both markets", async () => {
    for (const base of ["USDC", "WETH"]) {
      const s = await expectAgreement(marketOf(base));
      expect(s.u).toBeGreaterThan(0n); // the demo vaults borrow
    }
  });

  it("below, at and above the kink, and at 100 %, as a vault borrows from the USDC market", async () => {
    const market = marketOf("USDC");
    const id = await openVault(market, "WETH", "2000"); // $6M of WETH: enough to borrow the whole market
    const seen: bigint[] = [];
    for (const target of ["0.3", "0.8", "0.93", "1"]) {
      await borrowTo(market, id, parseUnits(target, 18));
      const s = await expectAgreement(market);
      seen.push(s.u);
    }
    expect(seen[0]! < seen[1]! && seen[2]! > parseUnits("0.8", 18)).toBe(true);
    expect(seen[3]).toBe(WAD);
  });

  it("after interest accrues for a month (views accrue to the block's time)", async () => {
    const market = marketOf("WETH");
    const id = await openVault(market, "USDC", "10000000");
    await borrowTo(market, id, parseUnits("0.95", 18));
    const test = createTestClient({ chain: borrower.chain, transport: http(anvil.url), mode: "anvil" });
    await test.increaseTime({ seconds: 30 * 86_400 });
    await test.mine({ blocks: 1 });
    const s = await expectAgreement(market);
    expect(s.u).toBeGreaterThan(parseUnits("0.95", 18));
  });

  it("a lender's deposit and withdrawal move the rates as ratesAfterCash previews them (the lend panel's before → after)", async () => {
    const m = deployment.markets.find((x) => x.address === marketOf("USDC"))!;
    const usdc = asset("USDC");
    const lens = deployment.contracts.lens!;
    const view = async () =>
      (await borrower.publicClient.readContract({ address: lens, abi: keelLensAbi, functionName: "getMarkets", args: [[m.address]] }))[0]!;
    const amount = parseUnits("250000", 6);
    await borrower.send({ address: usdc.address, abi: devErc20Abi, functionName: "mint", args: [borrower.account.address, amount] });
    await borrower.send({ address: usdc.address, abi: devErc20Abi, functionName: "approve", args: [m.lenderVault, amount] });
    // Each step: the preview from the lens's figures, the transaction in the next block, the lens again. Interest
    // accrues for that block's second(s), so the figures agree to a millionth, not to the wei.
    const close = (a: bigint, b: bigint) => expect(Number(a - b) / Number(b)).toBeCloseTo(0, 6);
    for (const [functionName, delta] of [
      ["deposit", amount],
      ["withdraw", -amount / 2n],
    ] as const) {
      const before = await view();
      const preview = ratesAfterCash(before, delta);
      const args =
        functionName === "deposit"
          ? ([amount, borrower.account.address] as const)
          : ([-delta, borrower.account.address, borrower.account.address] as const);
      await borrower.send({ address: m.lenderVault, abi: keelLenderVaultAbi, functionName, args } as never);
      const after = await view();
      close(preview.utilization, after.utilization);
      close(preview.supplyRate, after.supplyRate);
      expect(preview.supplyRate === before.supplyRate).toBe(false); // the move is visible, not lost in the rounding
    }
  });

  it("the lens's MarketView agrees with the model too (the page reads the lens)", async () => {
    const markets = deployment.markets.map((m) => m.address);
    const views = await borrower.publicClient.readContract({
      address: deployment.contracts.lens!,
      abi: keelLensAbi,
      functionName: "getMarkets",
      args: [markets],
    });
    for (const v of views) {
      expect(borrowRateAt(v.rateModel, v.utilization)).toBe(v.borrowRate);
      expect(supplyRateAt(v.rateModel, v.utilization, v.reserveFactor)).toBe(v.supplyRate);
    }
  });
});
