import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseUnits } from "viem";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { iUniswapV2PairAbi } from "@/contracts-abi/abi/IUniswapV2Pair";
import { uniswapV2AdapterAbi } from "@/contracts-abi/abi/UniswapV2Adapter";
import { alignPools, findPools, type PoolState } from "@/agents/amm-arbitrage";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import { getAmountIn, getAmountOut, reservesFrom } from "./amm";
import type { Deployment } from "../config/deployment";

// lib/engine/amm.ts mirrors UniswapV2Adapter's quotes (the real Uniswap V2 pools from npm bytecode on anvil), and the
// simulator's arbitrage brings pools back to the feeds' prices.
describe("lib/engine/amm.ts agrees with UniswapV2Adapter on the chain", () => {
  let anvil: Anvil;
  let deployment: Deployment;
  let c: ReturnType<typeof clientsFor>;
  let pools: PoolState[];
  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-unit-")) }));
    c = clientsFor(anvil.url, 31337, ANVIL_KEYS[0]!);
    pools = await findPools(anvil.url, deployment);
  });
  afterAll(() => anvil?.stop());

  async function reservesOf(pool: PoolState) {
    const [r0, r1] = await c.publicClient.readContract({ address: pool.pair, abi: iUniswapV2PairAbi, functionName: "getReserves" });
    const token0 = await c.publicClient.readContract({ address: pool.pair, abi: iUniswapV2PairAbi, functionName: "token0" });
    const [rA, rB] = reservesFrom(pool.a.address, token0, r0, r1);
    return { rA, rB };
  }

  it("deploys a pool for every collateral/base pair of the local markets", () => {
    expect(pools.map((p) => `${p.a.symbol}/${p.b.symbol}`).sort()).toEqual(["WBTC/USDC", "WETH/USDC"]);
  });

  it("quotes exact-in and exact-out like the adapter, both directions", async () => {
    const adapter = deployment.contracts.swapAdapter!;
    for (const pool of pools) {
      const { rA, rB } = await reservesOf(pool);
      await fc.assert(
        fc.asyncProperty(fc.bigInt({ min: 1n, max: rA / 2n }), fc.boolean(), async (amount, aToB) => {
          const [tin, tout, rIn, rOut] = aToB ? [pool.a, pool.b, rA, rB] : [pool.b, pool.a, rB, rA];
          const scaled = aToB ? amount : (amount * rB) / rA || 1n;
          const onChainOut = await c.publicClient.readContract({
            address: adapter,
            abi: uniswapV2AdapterAbi,
            functionName: "quoteExactIn",
            args: [tin.address, tout.address, scaled],
          });
          expect(getAmountOut(scaled, rIn, rOut)).toBe(onChainOut);
          const want = onChainOut / 2n || 1n;
          const onChainIn = await c.publicClient.readContract({
            address: adapter,
            abi: uniswapV2AdapterAbi,
            functionName: "quoteExactOut",
            args: [tin.address, tout.address, want],
          });
          expect(getAmountIn(want, rIn, rOut)).toBe(onChainIn);
        }),
        { numRuns: 25 },
      );
    }
  });

  it("the arbitrageur moves a pool back to the oracle price after a feed moves", async () => {
    const weth = deployment.assets.find((a) => a.symbol === "WETH")!;
    await c.send({ address: weth.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits("2400", 8)] });
    const pool = pools.find((p) => p.a.symbol === "WETH")!;
    const trades = await alignPools({ rpcUrl: anvil.url, deployment, pools });
    expect(trades.map((t) => t.sold)).toEqual(["WETH"]); // sold WETH into the pool: the ETH price fell
    const { rA, rB } = await reservesOf(pool);
    const poolPrice = Number(rB) / 1e6 / (Number(rA) / 1e18);
    expect(Math.abs(poolPrice / 2400 - 1)).toBeLessThan(0.002);
    expect(await alignPools({ rpcUrl: anvil.url, deployment, pools })).toEqual([]); // nothing left to do
  });
});
