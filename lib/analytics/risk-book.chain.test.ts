import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { deployLocal } from "@/scripts/deploy-local";
import { freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { localChain } from "@/lib/server/clients";
import { seedRiskVaults } from "@/scripts/seed-risk";
import type { Deployment } from "../config/deployment";
import { liquidationOdds, oddsVaultFromLens } from "./liquidation-odds";
import { loadRiskBook } from "./risk-book";
import { oddsVaultFromBook, stress } from "./stress";
import { realisedVolatility } from "./volatility";

/**
 * The risk dashboard's data path on a real chain: 400 seeded vaults read page by page through KeelLens.getVaultBook
 * (pages smaller than the book, so several), against the lens's full per-vault views (KeelLens.getVaults) — owners,
 * debts, health factors and the liquidatable set agree vault by vault — and the feed history written by the seeding
 * script gives back the volatility it was simulated with.
 */
describe("the risk book agrees with the lens", () => {
  let anvil: Anvil;
  let d: Deployment;
  let client: ReturnType<typeof createPublicClient>;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-book-")) }));
    await seedRiskVaults({ rpcUrl: anvil.url, deployment: d, vaults: 400, historyHours: 168, seed: 5 });
    client = createPublicClient({ chain: localChain(d.chainId, anvil.url), transport: http(anvil.url, { batch: { wait: 16 } }) });
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it("reads every vault of each market, with the lens's owners, debts and health", async () => {
    for (const m of d.markets) {
      const { book } = await loadRiskBook(client, d.contracts.lens!, m.address, 64);
      const [full, count] = await client.readContract({
        address: d.contracts.lens!,
        abi: keelLensAbi,
        functionName: "getVaults",
        args: [m.address, 0n, 1000n],
      });
      expect(book.n).toBe(Number(count));
      expect(book.n).toBeGreaterThan(64);
      full.forEach((v, i) => {
        expect(book.ids[i]).toBe(Number(v.id));
        expect(book.owners[i]).toBe(v.owner);
        expect(book.debt[i]).toBe(v.debt);
        expect(book.liquidatableNow[i]).toBe(v.liquidatable ? 1 : 0);
        if (v.debt === 0n) expect(book.healthFactor[i]).toBe(Infinity);
        else expect(book.healthFactor[i]).toBeCloseTo(Number(v.healthFactor) / 1e18, 12);
        expect(book.totalValue[i]).toBeCloseTo(Number(v.collateralValue) / 1e18, 6);
      });
      // No shock: the scenario is exactly today's liquidatable set.
      expect(
        stress(
          book,
          book.assets.map(() => 0),
        ).liquidatable,
      ).toBe(full.filter((v) => v.liquidatable).length);
    }
  });

  it("measures the seeded volatility from the feeds' rounds, and the odds agree between the book and the lens", async () => {
    const rounds = await client.readContract({
      address: d.contracts.lens!,
      abi: keelLensAbi,
      functionName: "getFeedHistory",
      args: [d.assets.map((a) => a.feed), 200n],
    });
    const sigmas: Record<string, number | null> = {};
    d.assets.forEach((a, i) => {
      const v = realisedVolatility(rounds[i]!);
      sigmas[a.address.toLowerCase()] = v?.annual ?? null;
      expect(v).not.toBeNull();
      expect(v!.returns).toBeGreaterThanOrEqual(150);
    });
    const weth = d.assets.find((a) => a.symbol === "WETH")!.address.toLowerCase();
    // Simulated at 65 % a year over 168 hourly steps: the estimate is within ~4 standard errors (σ/√(2n) ≈ 3.5 %).
    expect(sigmas[weth]!).toBeGreaterThan(0.55);
    expect(sigmas[weth]!).toBeLessThan(0.75);

    const m = d.markets[0]!;
    const { book, market } = await loadRiskBook(client, d.contracts.lens!, m.address);
    const [full] = await client.readContract({
      address: d.contracts.lens!,
      abi: keelLensAbi,
      functionName: "getVaults",
      args: [m.address, 0n, 1000n],
    });
    const colSigmas = book.assets.map((a) => sigmas[a.toLowerCase()] ?? null);
    const baseSigma = sigmas[market.baseAsset.toLowerCase()] ?? null;
    let compared = 0;
    full.forEach((v, i) => {
      if (v.debt === 0n || v.liquidatable) return;
      const fromLens = oddsVaultFromLens(v, sigmas)!;
      const fromBook = oddsVaultFromBook(book, i, colSigmas, baseSigma)!;
      expect(liquidationOdds(fromBook, 7)).toBeCloseTo(liquidationOdds(fromLens, 7), 9);
      compared++;
    });
    expect(compared).toBeGreaterThan(100);
  });
});
