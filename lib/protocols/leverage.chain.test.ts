import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { encodeAbiParameters, erc20Abi, parseUnits, type Abi, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iUniswapV2FactoryAbi } from "@/contracts-abi/abi/IUniswapV2Factory";
import { iUniswapV2PairAbi } from "@/contracts-abi/abi/IUniswapV2Pair";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { aaveRouterCallAbi, morphoRouterCallAbi } from "@/contracts-abi/call";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, PROTOCOL_KEYS, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import { aaveArtifact } from "@/scripts/lib/deploy-aave";
import { poolFor } from "../engine/amm";
import type { Deployment } from "../config/deployment";
import { withGasMargin } from "../tx/gas";
import { leverageOf } from "../engine/leverage";
import { vaultRisk } from "../engine/risk";
import { WAD } from "../engine/math";
import { describeError } from "../tx/tx-errors";
import {
  grantReads,
  leverageTransactions,
  morphoPair,
  planProtocolClose,
  planProtocolLeverage,
  positionAfterPlan,
  toVaultPosition,
  type GrantState,
  type LeveragePair,
  type LeveragePosition,
} from "./leverage";
import { readProtocolPositions } from "./account";
import { adapterOf } from "./view";

/**
 * Multiply on Aave v3 and Morpho Blue on anvil, against their real bytecode (deployLocal with the lending protocols,
 * which also deploys both routers): lib/protocols/leverage.ts plans 2×, raises to 3×, lowers to 2×, closes; after each
 * step the chain's position is the plan's (Aave: aToken and variable debt; Morpho: collateral and borrow shares) and
 * the router holds nothing. Aave's router is tested here rather than in forge: its pool needs the linked libraries the
 * local deploy already links (scripts/lib/deploy-aave.ts). Aave's flash premium is set to Ethereum's 5 bps so the
 * premium path is exercised.
 */
describe("Multiply on Aave v3 and Morpho Blue through the routers", () => {
  let anvil: Anvil;
  let d: Deployment;
  let me: ReturnType<typeof clientsFor>;
  let eve: ReturnType<typeof clientsFor>;
  const tokens: Record<string, Address> = {};
  const ACCRUAL_GAS = 100_000n;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({
      rpcUrl: anvil.url,
      outDir: mkdtempSync(path.join(os.tmpdir(), "keel-multiply-any-")),
      lendingProtocols: true,
    }));
    me = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
    eve = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[2]!);
    for (const a of d.assets) tokens[a.symbol] = a.address;
    const admin = clientsFor(anvil.url, d.chainId, PROTOCOL_KEYS.aave);
    await admin.send({
      address: d.aaveV3!.poolConfigurator,
      abi: aaveArtifact("PoolConfigurator").abi,
      functionName: "updateFlashloanPremiumTotal",
      args: [5n],
    });
  }, 400_000);
  afterAll(async () => {
    await anvil?.stop();
  });

  const send = async (c: ReturnType<typeof clientsFor>, txs: { to: Address; data: Hex }[]) => {
    for (const tx of txs) {
      const gas = withGasMargin(await c.publicClient.estimateGas({ account: c.account, to: tx.to, data: tx.data })) + ACCRUAL_GAS;
      const hash = await c.walletClient.sendTransaction({ to: tx.to, data: tx.data, gas, chain: c.chain, account: c.account });
      const r = await c.publicClient.waitForTransactionReceipt({ hash });
      expect(r.status).toBe("success");
    }
  };
  const positions = async (owner: Address) => readProtocolPositions(me.publicClient as never, d, owner, undefined, { includeEmpty: true });
  const aave = async (owner = me.account.address) => (await positions(owner)).aave!;
  const morpho = async (owner = me.account.address) => (await positions(owner)).morpho.find((m) => m.name === "Morpho WETH/USDC")!;
  const venue = async (pair: LeveragePair) => {
    const pairAddress = await me.publicClient.readContract({
      address: d.dev!.uniswapV2!.factory,
      abi: iUniswapV2FactoryAbi,
      functionName: "getPair",
      args: [pair.debt, pair.collateral],
    });
    const [r0, r1] = await me.publicClient.readContract({ address: pairAddress, abi: iUniswapV2PairAbi, functionName: "getReserves" });
    const token0 = await me.publicClient.readContract({ address: pairAddress, abi: iUniswapV2PairAbi, functionName: "token0" });
    return poolFor(pair.debt, token0, r0, r1);
  };
  const grants = async (p: LeveragePosition, pair: LeveragePair, router: Address): Promise<GrantState> => {
    const out: Record<string, unknown> = {};
    for (const [k, r] of Object.entries(grantReads(p, pair, router))) out[k] = await me.publicClient.readContract(r as never);
    return out as GrantState;
  };
  const premiumBps = async () =>
    BigInt(
      (await me.publicClient.readContract({
        address: d.aaveV3!.pool,
        abi: aaveArtifact("Pool").abi,
        functionName: "FLASHLOAN_PREMIUM_TOTAL",
      })) as bigint,
    );
  const routerEmpty = async (router: Address) => {
    for (const t of Object.values(tokens))
      expect(await me.publicClient.readContract({ address: t, abi: erc20Abi, functionName: "balanceOf", args: [router] })).toBe(0n);
  };
  const SLIPPAGE = 50n;

  /** Plans, sends and checks one step; returns the plan. */
  async function step(
    read: () => Promise<LeveragePosition>,
    pair: LeveragePair,
    router: Address,
    flashFeeBps: bigint,
    kind: { deposit?: bigint; target?: bigint; close?: true },
  ) {
    const before = await read();
    const inputs = { pool: await venue(pair), slippageBps: SLIPPAGE, flashFeeBps };
    const plan = kind.close ? planProtocolClose(before, pair, inputs) : planProtocolLeverage(before, pair, inputs, kind.deposit ?? 0n, kind.target!);
    expect(plan.problem).toBeNull();
    const { steps } = leverageTransactions(before, pair, router, plan, SLIPPAGE, await grants(before, pair, router));
    await send(me, steps);
    const after = await read();
    await routerEmpty(router);
    sameLiquidationPrice(positionAfterPlan(before, pair, plan), after, pair);
    return { plan, before, after };
  }
  /**
   * The preview's liquidation price after a plan (the protocol's own math on `positionAfterPlan`, as the card computes
   * it) is the chain's after it: within a millionth (the interest Aave's indexes accrue in between), none when none.
   */
  function sameLiquidationPrice(predicted: LeveragePosition, chain: LeveragePosition, pair: LeveragePair) {
    const liq = (p: LeveragePosition) =>
      adapterOf(p)
        .liquidationPrices(p)
        .collaterals.find((c) => c.token.address.toLowerCase() === pair.collateral.toLowerCase())?.price ?? null;
    const [a, b] = [liq(predicted), liq(chain)];
    if (b === null) expect(a).toBeNull();
    else near(a!, b, b / 10n ** 6n + 1n);
  }
  const amountOf = (p: LeveragePosition, side: "collaterals" | "debts", token: Address) =>
    p[side].find((x) => x.token.address.toLowerCase() === token.toLowerCase())?.amount ?? 0n;
  const near = (a: bigint, b: bigint, tol: bigint) => expect(a > b ? a - b : b - a).toBeLessThanOrEqual(tol);
  /** Equal but for the interest Aave's indexes accrue between the read before and the block after (< 1e-12). */
  const accrued = (a: bigint, b: bigint) => near(a, b, b / 10n ** 12n + 2n);

  for (const protocol of ["aave-v3", "morpho-blue"] as const) {
    it(`${protocol}: opens 2× in one transaction, raises to 3×, lowers to 2×, closes; the chain matches each plan`, async () => {
      const read = protocol === "aave-v3" ? () => aave() : () => morpho();
      const router = protocol === "aave-v3" ? d.aaveV3!.leverageRouter! : d.morphoBlue!.leverageRouter!;
      const first = await read();
      const pair: LeveragePair = first.protocol === "morpho-blue" ? morphoPair(first) : { collateral: tokens.WETH!, debt: tokens.USDC! };
      const fee = protocol === "aave-v3" ? await premiumBps() : 0n;
      if (protocol === "aave-v3") expect(fee).toBe(5n);
      const wethBefore = await me.publicClient.readContract({
        address: tokens.WETH!,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [me.account.address],
      });

      const open = await step(read, pair, router, fee, { deposit: parseUnits("10", 18), target: 2n * WAD });
      if (open.plan.kind !== "increase") throw new Error("expected an increase");
      accrued(amountOf(open.after, "collaterals", pair.collateral), parseUnits("10", 18) + open.plan.expectedOut);
      accrued(amountOf(open.after, "debts", pair.debt), open.plan.flashAmount + open.plan.flashFee);
      expect(open.plan.flashFee).toBe(protocol === "aave-v3" ? (open.plan.flashAmount * 5n + 9_999n) / 10_000n : 0n);
      near(leverageOf(toVaultPosition(open.after, pair)), open.plan.leverage, WAD / 1000n);
      near(open.plan.leverage, 2n * WAD, WAD / 100n);

      const raise = await step(read, pair, router, fee, { target: 3n * WAD });
      if (raise.plan.kind !== "increase") throw new Error("expected an increase");
      accrued(amountOf(raise.after, "collaterals", pair.collateral), amountOf(raise.before, "collaterals", pair.collateral) + raise.plan.expectedOut);
      near(leverageOf(toVaultPosition(raise.after, pair)), raise.plan.leverage, WAD / 1000n);
      near(raise.plan.leverage, 3n * WAD, WAD / 100n);

      const lower = await step(read, pair, router, fee, { target: 2n * WAD });
      if (lower.plan.kind !== "decrease") throw new Error("expected a decrease");
      accrued(
        amountOf(lower.after, "collaterals", pair.collateral),
        amountOf(lower.before, "collaterals", pair.collateral) - lower.plan.collateralToSell,
      );
      accrued(toVaultPosition(lower.after, pair).debt, lower.plan.after.debt);
      near(leverageOf(toVaultPosition(lower.after, pair)), lower.plan.leverage, WAD / 1000n);
      // lib/engine/leverage.ts searches the sale upward from the oracle's naive amount: with the pool above the oracle (after
      // two buys) the naive sale already overshoots, so the plan lands a little under the target.
      expect(lower.plan.leverage).toBeLessThanOrEqual(2n * WAD);
      expect(lower.plan.leverage).toBeGreaterThan((2n * WAD * 96n) / 100n);

      const close = await step(read, pair, router, fee, { close: true });
      expect(amountOf(close.after, "collaterals", pair.collateral)).toBe(0n);
      expect(amountOf(close.after, "debts", pair.debt)).toBe(0n);
      const wethAfter = await me.publicClient.readContract({
        address: tokens.WETH!,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [me.account.address],
      });
      // 10 WETH went in; fees and price impact of four swaps came out of it.
      expect(wethAfter).toBeGreaterThan(wethBefore - parseUnits("0.5", 18));
      expect(wethAfter).toBeLessThan(wethBefore);
    }, 120_000);
  }

  it("aave-v3: closing one pair leaves the account's other collateral and debts, and the plan's health after is the chain's", async () => {
    // WETH and WBTC supplied, USDC and WETH borrowed: closing WETH/USDC repays the USDC, sells WETH, and the WETH debt
    // stays behind the WBTC. The preview must show that account, not an empty one ("Health 1.74 → —").
    const kim = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    const pool = d.aaveV3!.pool;
    const poolAbi = aaveArtifact("Pool").abi as Abi;
    for (const [t, amount] of [
      [tokens.WETH!, parseUnits("10", 18)],
      [tokens.WBTC!, parseUnits("0.5", 8)],
    ] as const) {
      await kim.send({ address: t, abi: erc20Abi, functionName: "approve", args: [pool, amount] });
      await kim.send({ address: pool, abi: poolAbi, functionName: "supply", args: [t, amount, kim.account.address, 0] });
    }
    await kim.send({ address: pool, abi: poolAbi, functionName: "borrow", args: [tokens.USDC!, parseUnits("10000", 6), 2n, 0, kim.account.address] });
    await kim.send({ address: pool, abi: poolAbi, functionName: "borrow", args: [tokens.WETH!, parseUnits("1", 18), 2n, 0, kim.account.address] });
    const pair: LeveragePair = { collateral: tokens.WETH!, debt: tokens.USDC! };
    const router = d.aaveV3!.leverageRouter!;
    // First a raise with the WETH debt beside the pair: the preview gives a liquidation price (it once showed none, other
    // debts folded at today's prices), and it is the chain's after the raise.
    const start = await aave(kim.account.address);
    const target = leverageOf(toVaultPosition(start, pair)) + WAD / 2n;
    const raise = planProtocolLeverage(start, pair, { pool: await venue(pair), slippageBps: SLIPPAGE, flashFeeBps: await premiumBps() }, 0n, target);
    expect(raise.problem).toBeNull();
    await send(kim, leverageTransactions(start, pair, router, raise, SLIPPAGE, await grants(start, pair, router)).steps);
    const raised = positionAfterPlan(start, pair, raise);
    expect(
      adapterOf(raised)
        .liquidationPrices(raised)
        .collaterals.find((c) => c.token.address === tokens.WETH)?.price,
    ).toBeGreaterThan(0n);
    sameLiquidationPrice(raised, await aave(kim.account.address), pair);
    const before = await aave(kim.account.address);
    const plan = planProtocolClose(before, pair, { pool: await venue(pair), slippageBps: SLIPPAGE, flashFeeBps: await premiumBps() });
    expect(plan.problem).toBeNull();
    expect(plan.after.debt).toBeGreaterThan(0n); // the WETH debt, in USDC
    expect(plan.risk.healthFactor).toBeGreaterThan(WAD);
    const built = leverageTransactions(before, pair, router, plan, SLIPPAGE, await grants(before, pair, router));
    await send(kim, built.steps);
    const after = await aave(kim.account.address);
    expect(amountOf(after, "collaterals", pair.collateral)).toBe(0n);
    expect(amountOf(after, "debts", pair.debt)).toBe(0n);
    accrued(amountOf(after, "debts", tokens.WETH!), amountOf(before, "debts", tokens.WETH!));
    const chain = vaultRisk(toVaultPosition(after, pair));
    near(plan.risk.healthFactor, chain.healthFactor, chain.healthFactor / 1000n);
    near(plan.leverage, leverageOf(toVaultPosition(after, pair)), WAD / 1000n);
  }, 120_000);

  it("refuses whoever is not the owner's own call: a direct callback, a flash loan aimed at the router, no delegation", async () => {
    const router = d.aaveV3!.leverageRouter!;
    const job = encodeAbiParameters(
      [
        {
          type: "tuple",
          components: [{ type: "uint8" }, { type: "address" }, { type: "address" }, { type: "uint256" }, { type: "uint256" }, { type: "uint256" }],
        },
      ],
      [[2, tokens.WETH!, me.account.address, parseUnits("100", 18), 0n, 100n]],
    );
    const revertName = async (c: ReturnType<typeof clientsFor>, address: Address, abi: Abi, functionName: string, args: readonly unknown[]) => {
      try {
        await c.publicClient.simulateContract({ account: c.account, address, abi, functionName, args } as never);
      } catch (e) {
        return describeError(e).errorName;
      }
      return "no revert";
    };
    const poolAbi = [...(aaveArtifact("Pool").abi as Abi), ...aaveRouterCallAbi.filter((x) => x.type === "error")] as Abi;
    // A third party calls the callback directly.
    expect(await revertName(eve, router, aaveRouterCallAbi, "executeOperation", [tokens.USDC!, parseUnits("1000", 6), 0n, router, job])).toBe(
      "UntrustedLender",
    );
    // A third party asks the pool for a flash loan with the router as receiver (initiator: the third party).
    expect(await revertName(eve, d.aaveV3!.pool, poolAbi, "flashLoanSimple", [router, tokens.USDC!, parseUnits("1000", 6), job, 0])).toBe(
      "UntrustedLender",
    );
    // No credit delegation: refused before anything moves.
    expect(await revertName(eve, router, aaveRouterCallAbi, "increase", [tokens.WETH!, tokens.USDC!, 0n, parseUnits("1000", 6), 0n, 100n])).toBe(
      "DelegationTooLow",
    );
    // No aToken allowance for lowering.
    expect(await revertName(eve, router, aaveRouterCallAbi, "decrease", [tokens.WETH!, tokens.USDC!, 1n, 1n, 0n, 100n])).toBe("DelegationTooLow");
    // A bound wider than the router allows.
    expect(await revertName(me, router, aaveRouterCallAbi, "close", [tokens.WETH!, tokens.USDC!, 0n, 1_001n])).toBe("OracleBoundTooWide");
    // Morpho: not authorised.
    expect(await revertName(eve, d.morphoBlue!.leverageRouter!, morphoRouterCallAbi, "close", [(await morpho()).state.params, 0n, 100n])).toBe(
      "RouterNotAuthorized",
    );
  });

  it("refuses a swap off the oracle: a lagging Aave price reverts OracleBoundExceeded, explained in words", async () => {
    const router = d.aaveV3!.leverageRouter!;
    const pair = { collateral: tokens.WETH!, debt: tokens.USDC! };
    const before = await aave();
    const plan = planProtocolLeverage(
      before,
      pair,
      { pool: await venue(pair), slippageBps: SLIPPAGE, flashFeeBps: await premiumBps() },
      parseUnits("1", 18),
      2n * WAD,
    );
    const { steps } = leverageTransactions(before, pair, router, plan, SLIPPAGE, await grants(before, pair, router));
    await send(me, steps.slice(0, -1)); // the grants
    const feed = d.assets.find((a) => a.symbol === "WETH")!.feed;
    const snap = (await me.publicClient.request({ method: "evm_snapshot" as never })) as Hex;
    const owner = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    const [, answer] = await me.publicClient.readContract({ address: feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
    await owner.send({ address: feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [(answer * 85n) / 100n] });
    let error: unknown;
    try {
      await me.publicClient.simulateContract({
        account: me.account,
        address: router,
        abi: aaveRouterCallAbi,
        functionName: "increase",
        args: [pair.collateral, pair.debt, plan.kind === "increase" ? plan.deposit : 0n, plan.kind === "increase" ? plan.flashAmount : 0n, 0n, 100n],
      });
    } catch (e) {
      error = e;
    }
    const described = describeError(error);
    expect(described.errorName).toBe("OracleBoundExceeded");
    expect(described.message).toMatch(/oracle/);
    await me.publicClient.request({ method: "evm_revert" as never, params: [snap] as never });
  });
});
