import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { parseUnits, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { liquidationPrice, maxBorrow, maxWithdraw, vaultRisk } from "./risk";
import { toPosition } from "../protocols/keel/math";

/**
 * lib/engine/risk.ts mirrors the engine's math. On a real chain, for many random vaults: the health factor, borrow capacity
 * and liquidation prices it computes equal the lens's, and its max borrow / max withdraw are exactly the largest
 * amounts the market accepts (one unit more is refused).
 */
describe("lib/engine/risk.ts agrees with the chain", () => {
  let anvil: Anvil;
  let d: Deployment;
  let admin: ReturnType<typeof clientsFor>;
  let user: ReturnType<typeof clientsFor>;
  const vaultIds: bigint[] = [];

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-risk-")) }));
    admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
    const market = d.markets[0]!.address;
    const [weth, wbtc] = d.markets[0]!.collaterals as [Address, Address];
    for (const t of [weth, wbtc]) {
      await admin.send({ address: t, abi: devErc20Abi, functionName: "mint", args: [user.account.address, 10n ** 30n] });
      await user.send({ address: t, abi: devErc20Abi, functionName: "approve", args: [market, 2n ** 255n] });
    }
    // Random vaults: WETH and/or WBTC, borrowing a random share of capacity.
    const samples = fc.sample(
      fc.record({
        eth: fc.integer({ min: 0, max: 50_000 }),
        btc: fc.integer({ min: 0, max: 30_000 }),
        use: fc.integer({ min: 0, max: 99 }),
      }),
      { numRuns: 24, seed: 42 },
    );
    for (const s of samples) {
      if (s.eth === 0 && s.btc === 0) continue;
      const id = (await user.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
      await user.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
      if (s.eth)
        await user.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth, parseUnits(String(s.eth), 15)] });
      if (s.btc)
        await user.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, wbtc, parseUnits(String(s.btc), 4)] });
      const [v] = await user.publicClient
        .readContract({ address: d.contracts.lens!, abi: keelLensAbi, functionName: "getAccount", args: [[market], user.account.address] })
        .then((vs) => vs.filter((x) => x.id === id));
      const borrow = (v!.borrowCapacity * BigInt(s.use)) / 100n;
      if (borrow > 0n) await user.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, borrow, user.account.address] });
      vaultIds.push(id);
    }
    // Move prices so health spreads out (some vaults end up below 1).
    await admin.send({
      address: d.assets.find((a) => a.symbol === "WETH")!.feed,
      abi: devPriceFeedAbi,
      functionName: "setAnswer",
      args: [parseUnits("2711.13", 8)],
    });
  });
  afterAll(() => anvil?.stop());

  const read = async () => {
    const market = d.markets[0]!.address;
    const [vaults, [mv]] = await Promise.all([
      user.publicClient.readContract({
        address: d.contracts.lens!,
        abi: keelLensAbi,
        functionName: "getAccount",
        args: [[market], user.account.address],
      }),
      user.publicClient.readContract({ address: d.contracts.lens!, abi: keelLensAbi, functionName: "getMarkets", args: [[market]] }),
    ]);
    return { vaults, market: mv! };
  };

  it("health factor, borrow capacity and liquidation prices equal the lens's", async () => {
    const { vaults, market } = await read();
    expect(vaults.length).toBeGreaterThan(15);
    for (const v of vaults) {
      const r = vaultRisk(toPosition(v, market));
      expect(r.healthFactor, `vault ${v.id} HF`).toBe(v.healthFactor);
      expect(r.borrowCapacity, `vault ${v.id} capacity`).toBe(v.borrowCapacity);
      expect(r.collateralValue).toBe(v.collateralValue);
      expect(r.debtValue).toBe(v.debtValue);
      expect(r.liquidatable).toBe(v.liquidatable);
      for (const c of v.collaterals) {
        expect(liquidationPrice(toPosition(v, market), c.asset), `vault ${v.id} liq price ${c.asset}`).toBe(c.liquidationPrice);
      }
    }
  });

  it("max borrow and max withdraw are exactly what the market accepts", async () => {
    const { vaults, market } = await read();
    const simulate = (functionName: "borrow" | "withdrawCollateral", args: readonly unknown[]) =>
      user.publicClient
        .simulateContract({ account: user.account, address: d.markets[0]!.address, abi: keelMarketAbi, functionName, args } as never)
        .then(() => "ok")
        .catch((e: Error) => (/ExceedsLtv/.test(e.message) ? "ExceedsLtv" : e.message.split("\n")[0]));
    let checked = 0;
    for (const v of vaults.slice(0, 12)) {
      const pos = toPosition(v, market);
      const b = maxBorrow(pos);
      if (b > 0n) {
        expect(await simulate("borrow", [v.id, b, user.account.address]), `vault ${v.id} borrow max`).toBe("ok");
        expect(await simulate("borrow", [v.id, b + 1n, user.account.address]), `vault ${v.id} borrow max+1`).toBe("ExceedsLtv");
        checked++;
      }
      for (const c of v.collaterals) {
        const w = maxWithdraw(pos, c.asset);
        if (w > 0n) expect(await simulate("withdrawCollateral", [v.id, c.asset, w, user.account.address]), `vault ${v.id} withdraw max`).toBe("ok");
        if (w < c.amount && v.debt > 0n) {
          expect(await simulate("withdrawCollateral", [v.id, c.asset, w + 1n, user.account.address]), `vault ${v.id} withdraw max+1`).toBe(
            "ExceedsLtv",
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});
