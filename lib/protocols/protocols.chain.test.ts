import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MarketUtils } from "@morpho-org/blue-sdk";
import fc from "fast-check";
import { createPublicClient, custom, encodeFunctionData, erc20Abi, parseUnits, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import { buildMorpho } from "@/scripts/lib/morpho-build";
import type { Deployment } from "../config/deployment";
import { withGasMargin } from "../tx/gas";
import { aavePoolAbi } from "./aave-v3/abi";
import { aaveV3Adapter, accountData, type AavePosition } from "./aave-v3";
import { morphoBlueAbi, morphoIrmAbi, morphoOracleAbi } from "./morpho-blue/abi";
import { accrueInterest, morphoBlueAdapter, morphoBorrowRate, type MorphoPosition } from "./morpho-blue";
import { readProtocolPositions } from "./account";

/**
 * The adapters against the real protocols on anvil (Aave v3 from its npm artifacts, Morpho Blue compiled from its
 * package): one eth_call reads everything; the figures equal the pool's getUserAccountData and Morpho's own views;
 * max borrow / max withdraw are exactly the largest amounts the protocols accept (one unit more reverts, with a
 * sentence); liquidation prices are the boundaries the chain sees; the actions' transactions work as built.
 * The price tests move feeds inside evm_snapshot / evm_revert, so they run last.
 */
describe("lib/protocols agrees with Aave v3 and Morpho Blue on a real chain", () => {
  let anvil: Anvil;
  let d: Deployment;
  let ethCalls = 0;
  let reader: ReturnType<typeof createPublicClient>;
  let admin: ReturnType<typeof clientsFor>;
  const tokens: Record<string, Address> = {};

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({
      rpcUrl: anvil.url,
      outDir: mkdtempSync(path.join(os.tmpdir(), "keel-protocols-")),
      lendingProtocols: true,
    }));
    admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    for (const a of d.assets) tokens[a.symbol] = a.address;
    // A client that counts what it sends, to prove the dashboard read is one eth_call.
    reader = createPublicClient({
      transport: custom({
        async request({ method, params }) {
          if (method === "eth_call") ethCalls++;
          const res = await fetch(anvil.url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
          });
          const json = (await res.json()) as { result?: unknown; error?: { message: string; data?: unknown } };
          if (json.error) throw Object.assign(new Error(json.error.message), { data: json.error.data });
          return json.result;
        },
      }),
    });
    // On a fresh checkout the deploy first compiles Morpho Blue (solc-js, cached afterwards): allow for it.
  }, 400_000);
  afterAll(async () => {
    await anvil?.stop();
  });

  const read = async (owner: Address, blockNumber?: bigint) => {
    const block = blockNumber ?? (await admin.publicClient.getBlockNumber({ cacheTime: 0 }));
    return { block, ...(await readProtocolPositions(reader as never, d, owner, block)) };
  };
  const send = async (c: ReturnType<typeof clientsFor>, txs: { to: Address; data: Hex }[]) => {
    for (const tx of txs) {
      // With a margin: the estimate may run where the market's interest is already accrued for the second while the
      // real block accrues it first — a few storage writes and the IRM call, more than 30 % of a small Morpho call.
      const gas = withGasMargin(await c.publicClient.estimateGas({ account: c.account, to: tx.to, data: tx.data })) + ACCRUAL_GAS;
      const hash = await c.walletClient.sendTransaction({ to: tx.to, data: tx.data, gas, chain: c.chain, account: c.account });
      const r = await c.publicClient.waitForTransactionReceipt({ hash });
      if (r.status !== "success") {
        const why = await simulate(c.account.address, tx, r.blockNumber - 1n);
        throw new Error(`reverted: ${tx.to} ${tx.data.slice(0, 10)}: ${why ? aaveV3Adapter.describeError(why) : "passes one block earlier"}`);
      }
    }
  };
  /** eth_call of `tx` from `from` at `block`: undefined when it succeeds, the error when it reverts. */
  const simulate = async (from: Address, tx: { to: Address; data: Hex }, block: bigint) => {
    try {
      await admin.publicClient.call({ account: from, to: tx.to, data: tx.data, blockNumber: block });
      return undefined;
    } catch (e) {
      return e;
    }
  };

  it("reads anvil #0's Aave and Morpho positions in one eth_call, equal to getUserAccountData and Morpho's views", async () => {
    const owner = admin.account.address;
    const block = await admin.publicClient.getBlockNumber({ cacheTime: 0 });
    ethCalls = 0;
    const r = await read(owner, block);
    expect(ethCalls).toBe(1);
    expect(r.problems).toEqual([]);
    const aave = r.aave!;
    expect(aave.collaterals.map((c) => c.token.symbol).sort()).toEqual(["WBTC", "WETH"]);
    expect(aave.debts.map((c) => c.token.symbol).sort()).toEqual(["USDC", "WETH"]);
    const [collateral, debt, available, lt, ltv, hf] = await admin.publicClient.readContract({
      address: d.aaveV3!.pool,
      abi: aavePoolAbi,
      functionName: "getUserAccountData",
      args: [owner],
      blockNumber: block,
    });
    const ours = accountData(aave.state);
    expect([ours.totalCollateralBase, ours.totalDebtBase, ours.liquidationThreshold, ours.ltv, aave.healthFactor]).toEqual([
      collateral,
      debt,
      lt,
      ltv,
      hf,
    ]);
    expect(percentAvailable(ours)).toBe(available);

    const m = r.morpho.find((p) => p.name === "Morpho WETH/USDC")!;
    expect(m).toBeDefined();
    const mk = d.morphoBlue!.markets.find((x) => x.id === m.state.id)!;
    const params = { loanToken: mk.loanToken, collateralToken: mk.collateralToken, oracle: mk.oracle, irm: mk.irm, lltv: BigInt(mk.lltv) };
    const [tsa, tss, tba, tbs, lastUpdate, fee] = await admin.publicClient.readContract({
      address: d.morphoBlue!.morpho,
      abi: morphoBlueAbi,
      functionName: "market",
      args: [mk.id],
      blockNumber: block,
    });
    const [, borrowShares, coll] = await admin.publicClient.readContract({
      address: d.morphoBlue!.morpho,
      abi: morphoBlueAbi,
      functionName: "position",
      args: [mk.id, owner],
      blockNumber: block,
    });
    const price = await admin.publicClient.readContract({ address: mk.oracle, abi: morphoOracleAbi, functionName: "price", blockNumber: block });
    const stored = { totalSupplyAssets: tsa, totalSupplyShares: tss, totalBorrowAssets: tba, totalBorrowShares: tbs, lastUpdate, fee };
    const rate = await admin.publicClient.readContract({
      address: mk.irm,
      abi: morphoIrmAbi,
      functionName: "borrowRateView",
      args: [params, stored],
      blockNumber: block,
    });
    const accrued = accrueInterest(stored, rate, r.timestamp);
    expect(m.state.market).toEqual(accrued);
    expect(m.state.position.collateral).toBe(coll);
    expect(m.state.position.borrowShares).toBe(borrowShares);
    expect(m.state.price).toBe(price);
    expect(m.healthFactor).toBe(MarketUtils.getHealthFactor({ collateral: coll, borrowShares }, { ...accrued, price }, params));
    // Close to liquidation, as seeded.
    expect(m.healthFactor! < parseUnits("1.1", 18)).toBe(true);
  });

  it("Aave: max borrow and max withdraw are exactly what the pool accepts, for random accounts", async () => {
    const samples = fc.sample(
      fc.record({
        weth: fc.integer({ min: 0, max: 40 }),
        wbtc: fc.integer({ min: 0, max: 30 }),
        usdc: fc.integer({ min: 0, max: 60_000 }),
        borrow: fc.constantFrom("USDC", "WETH", "WBTC"),
        use: fc.integer({ min: 0, max: 95 }),
      }),
      { numRuns: 4, seed: 7 },
    );
    for (const [k, s] of samples.entries()) {
      const user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1 + k]!);
      const me = user.account.address;
      const supplies: [string, bigint][] = [
        ["WETH", parseUnits(String(s.weth), 17)],
        ["WBTC", parseUnits(String(s.wbtc), 6)],
        ["USDC", parseUnits(String(s.usdc), 6)],
      ];
      let p = (await read(me)).aave;
      for (const [sym, amount] of supplies) {
        if (amount === 0n) continue;
        await admin.send({ address: tokens[sym]!, abi: devErc20Abi, functionName: "mint", args: [me, amount] });
        p =
          p ??
          ({ state: { pool: d.aaveV3!.pool, reserves: [{ token: { address: tokens[sym]!, symbol: sym } }] }, owner: me } as unknown as AavePosition);
        await send(user, aaveV3Adapter.supply(p, tokens[sym]!, amount));
        p = (await read(me)).aave!;
      }
      if (!p) continue;
      const cap = aaveV3Adapter.maxBorrow(p, tokens[s.borrow]!);
      const amount = (cap * BigInt(s.use)) / 100n;
      if (amount > 0n) await send(user, aaveV3Adapter.borrow(p, tokens[s.borrow]!, amount));

      const r = await read(me);
      const pos = r.aave!;
      for (const sym of ["WETH", "WBTC", "USDC"]) {
        const asset = tokens[sym]!;
        const max = aaveV3Adapter.maxBorrow(pos, asset);
        const tx = (x: bigint) => aaveV3Adapter.borrow(pos, asset, x)[0]!;
        if (max > 0n) expect(await simulate(me, tx(max), r.block), `borrow max ${sym}`).toBeUndefined();
        const over = await simulate(me, tx(max + 1n), r.block);
        expect(over, `borrow max+1 ${sym}`).toBeDefined();
        expect(aaveV3Adapter.describeError(over)).toMatch(/\w/);

        const w = aaveV3Adapter.maxWithdraw(pos, asset);
        const wtx = (x: bigint) => aaveV3Adapter.withdraw(pos, asset, x)[0]!;
        if (w > 0n) expect(await simulate(me, wtx(w), r.block), `withdraw max ${sym}`).toBeUndefined();
        if (pos.collaterals.some((c) => c.token.address === asset))
          expect(await simulate(me, wtx(w + 1n), r.block), `withdraw max+1 ${sym}`).toBeDefined();
      }

      // Repay every debt in full (type(uint256).max, approval of the debt an hour ahead), then withdraw everything.
      for (const debt of pos.debts) {
        await admin.send({
          address: debt.token.address,
          abi: devErc20Abi,
          functionName: "mint",
          args: [me, debt.amount / 10n + 10n ** BigInt(debt.token.decimals)],
        });
        await send(user, aaveV3Adapter.repay((await read(me)).aave!, debt.token.address, "max"));
      }
      for (const c of (await read(me)).aave!.collaterals) await send(user, aaveV3Adapter.withdraw((await read(me)).aave!, c.token.address, "max"));
      expect((await read(me)).aave).toBeNull();
    }
  });

  it("Aave: a borrow above the max is explained in words (COLLATERAL_CANNOT_COVER_NEW_BORROW)", async () => {
    const r = await read(admin.account.address);
    const usdc = tokens.USDC!;
    const max = aaveV3Adapter.maxBorrow(r.aave!, usdc);
    const err = await simulate(admin.account.address, aaveV3Adapter.borrow(r.aave!, usdc, max + 1n)[0]!, r.block);
    expect(aaveV3Adapter.describeError(err)).toBe("Your collateral does not cover this borrow at Aave's loan-to-value limit.");
  });

  it("Morpho: max borrow and max withdraw are exactly what Morpho accepts; repay-all and withdraw-all leave nothing", async () => {
    const samples = fc.sample(
      fc.record({ market: fc.constantFrom(0, 1), collateral: fc.integer({ min: 1, max: 50 }), use: fc.integer({ min: 0, max: 99 }) }),
      { numRuns: 4, seed: 11 },
    );
    for (const [k, s] of samples.entries()) {
      const user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1 + k]!);
      const me = user.account.address;
      const mk = d.morphoBlue!.markets[s.market]!;
      const amount = parseUnits(String(s.collateral), mk.name.startsWith("WETH") ? 17 : 6);
      await admin.send({ address: mk.collateralToken, abi: devErc20Abi, functionName: "mint", args: [me, amount] });
      const shell = {
        state: {
          morpho: d.morphoBlue!.morpho,
          params: { loanToken: mk.loanToken, collateralToken: mk.collateralToken, oracle: mk.oracle, irm: mk.irm, lltv: BigInt(mk.lltv) },
          collateralToken: { address: mk.collateralToken, symbol: "C" },
          loanToken: { address: mk.loanToken, symbol: "L" },
        },
        owner: me,
      } as unknown as MorphoPosition;
      await send(user, morphoBlueAdapter.supply(shell, mk.collateralToken, amount));
      let p = (await read(me)).morpho.find((x) => x.state.id === mk.id)!;
      const cap = morphoBlueAdapter.maxBorrow(p, mk.loanToken);
      const borrow = (cap * BigInt(s.use)) / 100n;
      if (borrow > 0n) await send(user, morphoBlueAdapter.borrow(p, mk.loanToken, borrow));

      const r = await read(me);
      p = r.morpho.find((x) => x.state.id === mk.id)!;
      const max = morphoBlueAdapter.maxBorrow(p, mk.loanToken);
      const btx = (x: bigint) => morphoBlueAdapter.borrow(p, mk.loanToken, x)[0]!;
      if (max > 0n) expect(await simulate(me, btx(max), r.block)).toBeUndefined();
      const over = await simulate(me, btx(max + 1n), r.block);
      expect(morphoBlueAdapter.describeError(over)).toBe("This would leave the Morpho position above its liquidation LTV (unhealthy).");
      const w = morphoBlueAdapter.maxWithdraw(p, mk.collateralToken);
      const wtx = (x: bigint) => morphoBlueAdapter.withdraw(p, mk.collateralToken, x)[0]!;
      expect(await simulate(me, wtx(w), r.block)).toBeUndefined();
      expect(await simulate(me, wtx(w + 1n), r.block)).toBeDefined();

      // Repay everything by shares (exact approval of the debt projected an hour ahead), then withdraw everything.
      if (p.state.position.borrowShares > 0n) {
        await admin.send({ address: mk.loanToken, abi: devErc20Abi, functionName: "mint", args: [me, parseUnits("1000", 6)] });
        const withRate = await morphoBorrowRate(admin.publicClient as never, p.state);
        await send(user, morphoBlueAdapter.repay({ ...p, state: withRate }, mk.loanToken, "max"));
      }
      p = (await read(me)).morpho.find((x) => x.state.id === mk.id)!;
      expect(p.state.position.borrowShares).toBe(0n);
      await send(user, morphoBlueAdapter.withdraw(p, mk.collateralToken, "max"));
      expect((await read(me)).morpho.find((x) => x.state.id === mk.id)).toBeUndefined();
    }
  });

  it("Aave: liquidation prices are where the pool's health factor crosses 1 (collateral falls, debt rises)", async () => {
    const owner = admin.account.address;
    const r = await read(owner);
    const lp = aaveV3Adapter.liquidationPrices(r.aave!);
    const feedOf = (a: Address) => d.assets.find((x) => x.address === a)!.feed;
    const hfWith = async (asset: Address, price: bigint) => {
      const snap = (await admin.publicClient.request({ method: "evm_snapshot" as never })) as Hex;
      await admin.send({ address: feedOf(asset), abi: devPriceFeedAbi, functionName: "setAnswer", args: [price] });
      const res = await admin.publicClient.readContract({
        address: d.aaveV3!.pool,
        abi: aavePoolAbi,
        functionName: "getUserAccountData",
        args: [owner],
      });
      // The pool accrues a second or two of interest meanwhile: recompute ours at the same block for the comparison.
      const again = await read(owner);
      const ours = aaveV3Adapter.liquidationPrices(again.aave!);
      await admin.publicClient.request({ method: "evm_revert" as never, params: [snap] as never });
      return { hf: res[5], ours };
    };
    const wbtc = lp.collaterals.find((c) => c.token.symbol === "WBTC")!;
    expect(wbtc.price).not.toBeNull();
    {
      const { hf, ours } = await hfWith(wbtc.token.address, wbtc.price!);
      const at = ours.collaterals.find((c) => c.token.symbol === "WBTC")!.price!;
      // Interest moved the boundary by at most a unit or two of price; at our boundary the chain is liquidatable.
      expect(at - wbtc.price! <= 2n && wbtc.price! - at <= 2n).toBe(true);
      if (at === wbtc.price) expect(hf < 10n ** 18n).toBe(true);
      const above = await hfWith(wbtc.token.address, at + 3n);
      expect(above.hf >= 10n ** 18n).toBe(true);
    }
    const usdcDebt = lp.debts.find((c) => c.token.symbol === "USDC")!;
    expect(usdcDebt.price).not.toBeNull();
    expect((await hfWith(usdcDebt.token.address, usdcDebt.price! + 3n)).hf < 10n ** 18n).toBe(true);
    expect((await hfWith(usdcDebt.token.address, usdcDebt.price! - 3n)).hf >= 10n ** 18n).toBe(true);
  });

  it("Morpho: the collateral liquidation price is the boundary the chain's liquidate sees", async () => {
    const owner = admin.account.address;
    const r = await read(owner);
    const p = r.morpho.find((x) => x.name === "Morpho WETH/USDC")!;
    const liq = morphoBlueAdapter.liquidationPrices(p).collaterals[0]!.price!;
    const mk = d.morphoBlue!.markets.find((x) => x.id === p.state.id)!;
    const feed = d.assets.find((a) => a.address === mk.collateralToken)!.feed;
    const liquidator = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[4]!);
    await admin.send({ address: mk.loanToken, abi: devErc20Abi, functionName: "mint", args: [liquidator.account.address, parseUnits("100000", 6)] });
    await liquidator.send({ address: mk.loanToken, abi: erc20Abi, functionName: "approve", args: [d.morphoBlue!.morpho, 2n ** 255n] });
    // The oracle's price moves in steps of its scale per feed unit: the feed answers on each side of the boundary.
    const scale =
      p.state.price /
      ((await admin.publicClient.readContract({ address: feed, abi: devPriceFeedAbi, functionName: "latestRoundData" }))[1] as bigint);
    const below = liq / scale;
    for (const answer of [below, below + 1n]) {
      const snap = (await admin.publicClient.request({ method: "evm_snapshot" as never })) as Hex;
      await admin.send({ address: feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [answer] });
      const now = await read(owner);
      const q = now.morpho.find((x) => x.state.id === p.state.id)!;
      const liquidate = { to: d.morphoBlue!.morpho, data: encodeLiquidate(p, owner) };
      const err = await simulate(liquidator.account.address, liquidate, now.block);
      const healthy = q.state.price > morphoBlueAdapter.liquidationPrices(q).collaterals[0]!.price!;
      expect(err === undefined).toBe(!healthy);
      if (healthy) expect(morphoBlueAdapter.describeError(err)).toBe("This Morpho position is healthy: it cannot be liquidated.");
      await admin.publicClient.request({ method: "evm_revert" as never, params: [snap] as never });
    }
  });
});

/** Gas for a first-in-block interest accrual (Morpho: market totals and lastUpdate; Aave: indexes and rates). */
const ACCRUAL_GAS = 100_000n;

function percentAvailable(d: { totalCollateralBase: bigint; totalDebtBase: bigint; ltv: bigint }) {
  const limit = (d.totalCollateralBase * d.ltv + 5000n) / 10_000n;
  return limit < d.totalDebtBase ? 0n : limit - d.totalDebtBase;
}

/** Morpho.liquidate seizing one unit of collateral: enough to tell a healthy position (reverts) from a liquidatable one. */
function encodeLiquidate(p: MorphoPosition, borrower: Address): Hex {
  return encodeFunctionData({ abi: buildMorpho().Morpho.abi, functionName: "liquidate", args: [p.state.params, borrower, 1n, 0n, "0x"] });
}
