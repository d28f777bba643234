/**
 * `npm run bench:gas` (second part): gas of a leveraged position through KeelLeverageRouter — open 3× in one
 * transaction, close in one transaction — next to the same position built and unwound by hand (borrow → swap →
 * deposit, repeated; withdraw → swap → repay, repeated), on the local deployment (real Uniswap V2 pools).
 * Then the same 3× open and the close on Aave v3 and on Morpho Blue through their routers (AaveLeverageRouter,
 * MorphoLeverageRouter), with the gas of each permission granted once, and the same 3× built and unwound by hand on
 * each (supply → borrow → swap → supply, repeated; withdraw → swap → repay, repeated). Then the gas of each rule
 * kind's execution on each protocol (bench/automation-gas.ts). Writes bench/results/leverage-gas.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encodeFunctionData, maxUint256, parseUnits, toHex, type Address, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";
import {
  devErc20Abi,
  iUniswapV2FactoryAbi,
  iUniswapV2PairAbi,
  keelLensAbi,
  keelLeverageRouterAbi,
  keelMarketAbi,
  morphoLeverageRouterAbi,
  devPriceFeedAbi,
  uniswapV2AdapterAbi,
} from "../contracts-abi";
import { poolFor } from "../lib/engine/amm";
import { leverageOf, planClose, planLeverage, type LeverageContext } from "../lib/engine/leverage";
import {
  aaveFlashPremiumRead,
  grantReads,
  leverageTransactions,
  morphoPair,
  planProtocolClose,
  planProtocolLeverage,
  type GrantState,
  type LeveragePair,
  type LeveragePosition,
} from "../lib/protocols/leverage";
import { readProtocolPositions } from "../lib/protocols/account";
import type { Deployment } from "../lib/config/deployment";
import { maxWithdraw } from "../lib/engine/risk";
import { WAD, wadToNumber } from "../lib/engine/math";
import { toPosition } from "../lib/protocols/keel/math";
import { deployLocal } from "../scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil } from "../scripts/lib/anvil";
import { repoRoot } from "../scripts/lib/artifacts";
import { clientsFor } from "../lib/server/clients";
import { tempDir } from "../scripts/lib/temp-dir";
import { aavePoolAbi } from "../lib/protocols/aave-v3/abi";
import { morphoBlueAbi } from "../lib/protocols/morpho-blue/abi";
import { measureRuleExecutions, ruleExecutionTable } from "./automation-gas";

const DEPOSIT = parseUnits("10", 18);
const TARGET = 3n * WAD;

async function main() {
  const anvil = await startAnvil({ port: await freePort() });
  try {
    const { deployment: d } = await deployLocal({
      rpcUrl: anvil.url,
      outDir: tempDir("keel-levgas"),
      lendingProtocols: true,
    });
    const market = d.markets.find((m) => m.name === "Keel USDC")!.address;
    const weth = d.assets.find((a) => a.symbol === "WETH")!.address;
    const usdc = d.assets.find((a) => a.symbol === "USDC")!.address;
    const router = d.contracts.leverageRouter!;
    const adapter = d.contracts.swapAdapter!;
    const lens = d.contracts.lens!;
    const [viaRouter, byHand] = [1, 2].map((k) => clientsFor(anvil.url, d.chainId, ANVIL_KEYS[k]!)) as [
      ReturnType<typeof clientsFor>,
      ReturnType<typeof clientsFor>,
    ];
    const pc = viaRouter.publicClient;

    const context = async (id: bigint): Promise<LeverageContext> => {
      const [m] = await pc.readContract({ address: lens, abi: keelLensAbi, functionName: "getMarkets", args: [[market]] });
      const vault =
        id === 0n
          ? { collaterals: [], debt: 0n, debtShares: 0n }
          : await pc.readContract({ address: lens, abi: keelLensAbi, functionName: "getVault", args: [market, id] });
      const pair = await pc.readContract({
        address: d.dev!.uniswapV2!.factory,
        abi: iUniswapV2FactoryAbi,
        functionName: "getPair",
        args: [usdc, weth],
      });
      const [[r0, r1], token0] = await Promise.all([
        pc.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "getReserves" }),
        pc.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "token0" }),
      ]);
      return {
        position: toPosition(vault, m!),
        collateral: weth,
        pool: poolFor(usdc, token0, r0, r1),
        flashFeeBps: m!.flashFeeBps,
        slippageBps: 50n,
        cash: m!.cash,
      };
    };
    const newest = async (c: typeof viaRouter) => {
      const ids = await pc.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultsOf", args: [c.account.address] });
      return ids[ids.length - 1]!;
    };

    // ── through the router: one transaction each way ──
    const authGas = (await viaRouter.send({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [router, true] })).gasUsed;
    await viaRouter.send({ address: weth, abi: devErc20Abi, functionName: "approve", args: [router, DEPOSIT] });
    const open = planLeverage(await context(0n), DEPOSIT, TARGET);
    if (open.kind !== "increase" || open.problem) throw new Error(`open plan refused: ${open.problem?.message}`);
    const openGas = (
      await viaRouter.send({
        address: router,
        abi: keelLeverageRouterAbi,
        functionName: "increase",
        args: [market, 0n, weth, DEPOSIT, open.flashAmount, open.minCollateralOut],
      })
    ).gasUsed;
    const routerVault = await newest(viaRouter);
    const close = planClose(await context(routerVault));
    if (close.kind !== "close" || close.problem) throw new Error(`close plan refused: ${close.problem?.message}`);
    const closeGas = (
      await viaRouter.send({
        address: router,
        abi: keelLeverageRouterAbi,
        functionName: "close",
        args: [market, routerVault, weth, close.maxCollateralIn],
      })
    ).gasUsed;

    // ── by hand: the same 3× with the same swaps, one step at a time ──
    const hand = byHand;
    const me = hand.account.address;
    for (const t of [weth, usdc]) {
      await hand.send({ address: t, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
      await hand.send({ address: t, abi: devErc20Abi, functionName: "approve", args: [adapter, maxUint256] });
    }
    const handId = (await pc.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
    let handOpenGas = (
      await hand.send({
        address: market,
        abi: keelMarketAbi,
        functionName: "multicall",
        args: [
          [
            encodeFunctionData({ abi: keelMarketAbi, functionName: "openVault" }),
            encodeFunctionData({ abi: keelMarketAbi, functionName: "depositCollateral", args: [handId, weth, DEPOSIT] }),
          ],
        ],
      })
    ).gasUsed;
    let openTxs = 1;
    for (let loop = 0; loop < 30; loop++) {
      const v = await pc.readContract({ address: lens, abi: keelLensAbi, functionName: "getVault", args: [market, handId] });
      const equity = v.collateralValue - v.debtValue;
      const wantDebtValue = ((TARGET - WAD) * equity) / WAD; // debt at 3×: 2 × equity
      if (wantDebtValue <= v.debtValue + WAD) break; // within $1
      const want = ((wantDebtValue - v.debtValue) * 10n ** 6n) / WAD;
      const borrow = want < (v.borrowCapacity * 95n) / 100n ? want : (v.borrowCapacity * 95n) / 100n;
      handOpenGas += (await hand.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [handId, borrow, me] })).gasUsed;
      const before = await pc.readContract({ address: weth, abi: devErc20Abi, functionName: "balanceOf", args: [me] });
      handOpenGas += (
        await hand.send({ address: adapter, abi: uniswapV2AdapterAbi, functionName: "swapExactIn", args: [usdc, weth, borrow, 0n, me] })
      ).gasUsed;
      const bought = (await pc.readContract({ address: weth, abi: devErc20Abi, functionName: "balanceOf", args: [me] })) - before;
      handOpenGas += (await hand.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [handId, weth, bought] }))
        .gasUsed;
      openTxs += 3;
    }
    const handLeverage = leverageOf((await context(handId)).position);

    let handCloseGas = 0n;
    let closeTxs = 0;
    for (let loop = 0; loop < 30; loop++) {
      const ctx = await context(handId);
      if (ctx.position.debt === 0n) break;
      const held = ctx.position.collaterals.find((c) => c.asset === weth)!.amount;
      const w = (maxWithdraw(ctx.position, weth) * 95n) / 100n;
      handCloseGas += (
        await hand.send({ address: market, abi: keelMarketAbi, functionName: "withdrawCollateral", args: [handId, weth, w > held ? held : w, me] })
      ).gasUsed;
      const before = await pc.readContract({ address: usdc, abi: devErc20Abi, functionName: "balanceOf", args: [me] });
      handCloseGas += (await hand.send({ address: adapter, abi: uniswapV2AdapterAbi, functionName: "swapExactIn", args: [weth, usdc, w, 0n, me] }))
        .gasUsed;
      const got = (await pc.readContract({ address: usdc, abi: devErc20Abi, functionName: "balanceOf", args: [me] })) - before;
      const debt = await pc.readContract({ address: market, abi: keelMarketAbi, functionName: "debtOf", args: [handId] });
      handCloseGas += (
        await hand.send({ address: market, abi: keelMarketAbi, functionName: "repay", args: [handId, got >= debt ? maxUint256 : got] })
      ).gasUsed;
      closeTxs += 3;
    }
    const rest = (await context(handId)).position.collaterals.find((c) => c.asset === weth)!.amount;
    handCloseGas += (await hand.send({ address: market, abi: keelMarketAbi, functionName: "withdrawCollateral", args: [handId, weth, rest, me] }))
      .gasUsed;
    closeTxs += 1;

    const n = (x: bigint) => x.toLocaleString("en-US");
    const table = [
      "| 3× long ETH on 10 WETH (Keel USDC market, Uniswap V2 pool) | transactions | gas |",
      "| --- | ---: | ---: |",
      `| open through KeelLeverageRouter (flash loan + swap + deposit + borrow) | 1 | ${n(openGas)} |`,
      `| open by hand to ${wadToNumber(handLeverage).toFixed(2)}× (open+deposit, then borrow → swap → deposit ×${(openTxs - 1) / 3}) | ${openTxs} | ${n(handOpenGas)} |`,
      `| close through the router (flash loan + repay + withdraw + swap) | 1 | ${n(closeGas)} |`,
      `| close by hand (withdraw → swap → repay ×${(closeTxs - 1) / 3}, then withdraw the rest) | ${closeTxs} | ${n(handCloseGas)} |`,
      `| authorise the router once per market (setOperator, needed before the first use: opening hands the vault to an owner that trusts the router) | 1 | ${n(authGas)} |`,
      ...(await protocolRows(anvil.url, d)),
      ...(await byHandProtocolRows(anvil.url, d)),
    ].join("\n");
    console.log(table);
    const rules = ruleExecutionTable(await measureRuleExecutions(anvil.url, d));
    console.log(rules);
    const outDir = path.join(repoRoot, "bench", "results");
    mkdirSync(outDir, { recursive: true });
    writeFileSync(
      path.join(outDir, "leverage-gas.md"),
      `Command: \`npm run bench:gas\` (${new Date().toISOString().slice(0, 10)})\n\n${table}\n\n${rules}\n`,
    );
  } finally {
    await anvil.stop();
  }
}

/** 3× on 10 WETH against USDC, then close, on Aave v3 and on Morpho Blue through their routers (anvil #3). */
async function protocolRows(rpcUrl: string, d: Deployment): Promise<string[]> {
  const c = clientsFor(rpcUrl, d.chainId, ANVIL_KEYS[3]!);
  const pc = c.publicClient;
  const me = c.account.address;
  const n = (x: bigint) => x.toLocaleString("en-US");
  const rows: string[] = [];
  for (const protocol of ["aave-v3", "morpho-blue"] as const) {
    const read = async (): Promise<LeveragePosition> => {
      const r = await readProtocolPositions(pc as never, d, me, undefined, { includeEmpty: true });
      return protocol === "aave-v3" ? r.aave! : r.morpho.find((m) => m.name === "Morpho WETH/USDC")!;
    };
    const router = (protocol === "aave-v3" ? d.aaveV3!.leverageRouter : d.morphoBlue!.leverageRouter)!;
    const first = await read();
    const pair: LeveragePair =
      first.protocol === "morpho-blue"
        ? morphoPair(first)
        : { collateral: d.assets.find((a) => a.symbol === "WETH")!.address, debt: d.assets.find((a) => a.symbol === "USDC")!.address };
    const flashFeeBps = protocol === "aave-v3" ? BigInt(await pc.readContract(aaveFlashPremiumRead(d.aaveV3!.pool))) : 0n;
    const inputs = async () => {
      const pairAddress = await pc.readContract({
        address: d.dev!.uniswapV2!.factory,
        abi: iUniswapV2FactoryAbi,
        functionName: "getPair",
        args: [pair.debt, pair.collateral],
      });
      const [[r0, r1], token0] = await Promise.all([
        pc.readContract({ address: pairAddress, abi: iUniswapV2PairAbi, functionName: "getReserves" }),
        pc.readContract({ address: pairAddress, abi: iUniswapV2PairAbi, functionName: "token0" }),
      ]);
      return { pool: poolFor(pair.debt, token0, r0, r1), slippageBps: 50n, flashFeeBps };
    };
    const grants = async (p: LeveragePosition): Promise<GrantState> => {
      const out: Record<string, unknown> = {};
      for (const [k, r] of Object.entries(grantReads(p, pair, router))) out[k] = await pc.readContract(r as never);
      return out as GrantState;
    };
    const run = async (steps: { to: Address; data: Hex }[]) => {
      const gas: bigint[] = [];
      for (const tx of steps) {
        const hash = await c.walletClient.sendTransaction({ to: tx.to, data: tx.data, chain: c.chain, account: c.account, gas: 3_000_000n });
        const r = await pc.waitForTransactionReceipt({ hash });
        if (r.status !== "success") throw new Error(`${protocol}: ${tx.data.slice(0, 10)} reverted`);
        gas.push(r.gasUsed);
      }
      return gas;
    };
    const open = planProtocolLeverage(first, pair, await inputs(), DEPOSIT, TARGET);
    const openTx = leverageTransactions(first, pair, router, open, 50n, await grants(first));
    const openGas = await run(openTx.steps);
    const p2 = await read();
    const close = planProtocolClose(p2, pair, await inputs());
    const closeTx = leverageTransactions(p2, pair, router, close, 50n, await grants(p2));
    const closeGas = await run(closeTx.steps);
    const name =
      protocol === "aave-v3"
        ? "Aave v3 (AaveLeverageRouter, Aave flash loan)"
        : "Morpho Blue WETH/USDC (MorphoLeverageRouter, free Morpho flash loan)";
    rows.push(`| ${name}: open 3× (flash loan + swap + supply + borrow) | 1 | ${n(openGas[openGas.length - 1]!)} |`);
    rows.push(`| ${name}: close (flash loan + repay + withdraw + swap) | 1 | ${n(closeGas[closeGas.length - 1]!)} |`);
    const grantGas = [
      ...openTx.grants.map((g, i) => [g.kind, openGas[i]!] as const),
      ...closeTx.grants.map((g, i) => [g.kind, closeGas[i]!] as const),
    ];
    rows.push(
      `| ${name}: permissions granted once (${grantGas.map(([k]) => k).join(", ")}) | ${grantGas.length} | ${grantGas.map(([, g]) => n(g)).join(" + ")} |`,
    );
  }
  return rows;
}

/**
 * The same 3× on 10 WETH against USDC built by hand on Aave v3 and on Morpho Blue — supply, then borrow → swap (the
 * same Uniswap V2 adapter) → supply again until the debt is twice the equity — and unwound by hand: withdraw → swap →
 * repay until no debt is left, then withdraw the rest. Each on a fresh account; its token approvals (once per token
 * and spender, as the router's permissions are) are not counted. A borrow or withdrawal takes at most 95 % of what
 * the protocol allows at the oracle price (what a careful user does: the pool's price moves as they trade).
 */
async function byHandProtocolRows(rpcUrl: string, d: Deployment): Promise<string[]> {
  const n = (x: bigint) => x.toLocaleString("en-US");
  const WETH = d.assets.find((a) => a.symbol === "WETH")!;
  const USDC = d.assets.find((a) => a.symbol === "USDC")!.address;
  const adapter = d.contracts.swapAdapter!;
  const rows: string[] = [];
  for (const protocol of ["aave-v3", "morpho-blue"] as const) {
    const c = clientsFor(rpcUrl, d.chainId, generatePrivateKey());
    const pc = c.publicClient;
    const me = c.account.address;
    await pc.request({ method: "anvil_setBalance" as never, params: [me, toHex(10n ** 19n)] as never });
    await c.send({ address: WETH.address, abi: devErc20Abi, functionName: "mint", args: [me, DEPOSIT] });
    const spender = protocol === "aave-v3" ? d.aaveV3!.pool : d.morphoBlue!.morpho;
    for (const t of [WETH.address, USDC]) {
      await c.send({ address: t, abi: devErc20Abi, functionName: "approve", args: [spender, maxUint256] });
      await c.send({ address: t, abi: devErc20Abi, functionName: "approve", args: [adapter, maxUint256] });
    }
    const mk = d.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!;
    const params = { loanToken: mk.loanToken, collateralToken: mk.collateralToken, oracle: mk.oracle, irm: mk.irm, lltv: BigInt(mk.lltv) };
    const [, answer] = await pc.readContract({ address: WETH.feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
    const usdPerWeth = BigInt(answer); // 8 decimals; USDC is $1
    const balance = (t: Address) => pc.readContract({ address: t, abi: devErc20Abi, functionName: "balanceOf", args: [me] });
    /** Collateral (WETH units) and debt (USDC units) as the protocol counts them now. */
    const position = async (): Promise<{ col: bigint; debt: bigint }> => {
      if (protocol === "aave-v3") {
        const r = await readProtocolPositions(pc as never, d, me, undefined, { includeEmpty: true });
        return {
          col: r.aave!.collaterals.find((x) => x.token.address === WETH.address)?.amount ?? 0n,
          debt: r.aave!.debts.find((x) => x.token.address === USDC)?.amount ?? 0n,
        };
      }
      const [, , col] = await pc.readContract({ address: spender, abi: morphoBlueAbi, functionName: "position", args: [mk.id as Hex, me] });
      const debt = await pc.readContract({
        address: d.morphoBlue!.leverageRouter!,
        abi: morphoLeverageRouterAbi,
        functionName: "debtOf",
        args: [params, me],
      });
      return { col, debt };
    };
    const lt = protocol === "aave-v3" ? null : BigInt(mk.lltv);
    /** The most the protocol lets this position borrow more (USDC units) at the oracle price, 95 % of it. */
    const borrowable = async () => {
      if (protocol === "aave-v3") {
        const [, , available] = await pc.readContract({ address: spender, abi: aavePoolAbi, functionName: "getUserAccountData", args: [me] });
        return (available * 10n ** 6n * 95n) / 100n / 10n ** 8n; // base currency: USD, 8 decimals
      }
      const { col, debt } = await position();
      const max = (col * usdPerWeth * lt!) / WAD / 10n ** 20n; // WETH 18 → USDC 6 decimals, price 8
      return max > debt ? ((max - debt) * 95n) / 100n : 0n;
    };
    const supply = (amount: bigint) =>
      protocol === "aave-v3"
        ? c.send({ address: spender, abi: aavePoolAbi, functionName: "supply", args: [WETH.address, amount, me, 0] })
        : c.send({ address: spender, abi: morphoBlueAbi, functionName: "supplyCollateral", args: [params, amount, me, "0x"] });
    const borrow = (amount: bigint) =>
      protocol === "aave-v3"
        ? c.send({ address: spender, abi: aavePoolAbi, functionName: "borrow", args: [USDC, amount, 2n, 0, me] })
        : c.send({ address: spender, abi: morphoBlueAbi, functionName: "borrow", args: [params, amount, 0n, me, me] });
    const swap = async (from: Address, to: Address, amount: bigint) => {
      const before = await balance(to);
      const r = await c.send({ address: adapter, abi: uniswapV2AdapterAbi, functionName: "swapExactIn", args: [from, to, amount, 0n, me] });
      return { gas: r.gasUsed, got: (await balance(to)) - before };
    };

    // ── open: supply, then borrow → swap → supply until the debt is twice the equity (3×) ──
    let openGas = (await supply(DEPOSIT)).gasUsed;
    let openTxs = 1;
    for (let loop = 0; loop < 30; loop++) {
      const { col, debt } = await position();
      const colUsdc = (col * usdPerWeth) / 10n ** 20n;
      const want = ((TARGET - WAD) * (colUsdc - debt)) / WAD - debt; // debt at 3×: 2 × equity
      if (want <= 10n ** 6n) break; // within $1
      const room = await borrowable();
      const amount = want < room ? want : room;
      openGas += (await borrow(amount)).gasUsed;
      const { gas, got } = await swap(USDC, WETH.address, amount);
      openGas += gas + (await supply(got)).gasUsed;
      openTxs += 3;
    }
    const { col: built, debt: owed } = await position();
    const lev = Number((built * usdPerWeth) / 10n ** 20n) / Number((built * usdPerWeth) / 10n ** 20n - owed);

    // ── close: withdraw → swap → repay until no debt is left, then withdraw the rest ──
    let closeGas = 0n;
    let closeTxs = 0;
    for (let loop = 0; loop < 30; loop++) {
      const { col, debt } = await position();
      if (debt === 0n) break;
      // The collateral the debt does not need at the liquidation threshold, 95 % of it.
      const threshold =
        protocol === "aave-v3"
          ? BigInt((await pc.readContract({ address: spender, abi: aavePoolAbi, functionName: "getUserAccountData", args: [me] }))[3]) * 10n ** 14n
          : lt!;
      const needed = (debt * 10n ** 20n * WAD) / (usdPerWeth * threshold);
      let w = col > needed ? ((col - needed) * 95n) / 100n : 0n;
      // No more than buys the whole debt back (with 2 % to spare for fee and impact).
      const all = (debt * 102n * 10n ** 20n) / 100n / usdPerWeth;
      if (w > all) w = all;
      closeGas +=
        protocol === "aave-v3"
          ? (await c.send({ address: spender, abi: aavePoolAbi, functionName: "withdraw", args: [WETH.address, w, me] })).gasUsed
          : (await c.send({ address: spender, abi: morphoBlueAbi, functionName: "withdrawCollateral", args: [params, w, me, me] })).gasUsed;
      const { gas, got } = await swap(WETH.address, USDC, w);
      closeGas += gas;
      const debtNow = (await position()).debt;
      if (protocol === "aave-v3") {
        closeGas += (
          await c.send({ address: spender, abi: aavePoolAbi, functionName: "repay", args: [USDC, got >= debtNow ? maxUint256 : got, 2n, me] })
        ).gasUsed;
      } else {
        const [, shares] = await pc.readContract({ address: spender, abi: morphoBlueAbi, functionName: "position", args: [mk.id as Hex, me] });
        closeGas += (
          await c.send({
            address: spender,
            abi: morphoBlueAbi,
            functionName: "repay",
            args: got >= debtNow ? [params, 0n, shares, me, "0x"] : [params, got, 0n, me, "0x"],
          })
        ).gasUsed;
      }
      closeTxs += 3;
    }
    const rest = (await position()).col;
    closeGas +=
      protocol === "aave-v3"
        ? (await c.send({ address: spender, abi: aavePoolAbi, functionName: "withdraw", args: [WETH.address, maxUint256, me] })).gasUsed
        : (await c.send({ address: spender, abi: morphoBlueAbi, functionName: "withdrawCollateral", args: [params, rest, me, me] })).gasUsed;
    closeTxs += 1;
    const name = protocol === "aave-v3" ? "Aave v3" : "Morpho Blue WETH/USDC";
    rows.push(
      `| ${name}: open by hand to ${lev.toFixed(2)}× (supply, then borrow → swap → supply ×${(openTxs - 1) / 3}) | ${openTxs} | ${n(openGas)} |`,
    );
    rows.push(`| ${name}: close by hand (withdraw → swap → repay ×${(closeTxs - 1) / 3}, then withdraw the rest) | ${closeTxs} | ${n(closeGas)} |`);
  }
  return rows;
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
