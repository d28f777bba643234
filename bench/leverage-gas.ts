/**
 * `npm run bench:gas` (second part): gas of a leveraged position through KeelLeverageRouter — open 3× in one
 * transaction, close in one transaction — next to the same position built and unwound by hand (borrow → swap →
 * deposit, repeated; withdraw → swap → repay, repeated), on the local deployment (real Uniswap V2 pools).
 * Then the same 3× open and the close on Aave v3 and on Morpho Blue through their routers (AaveLeverageRouter,
 * MorphoLeverageRouter), with the gas of each permission granted once. Writes bench/results/leverage-gas.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encodeFunctionData, maxUint256, parseUnits, type Address, type Hex } from "viem";
import {
  devErc20Abi,
  iUniswapV2FactoryAbi,
  iUniswapV2PairAbi,
  keelLensAbi,
  keelLeverageRouterAbi,
  keelMarketAbi,
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
    ].join("\n");
    console.log(table);
    const outDir = path.join(repoRoot, "bench", "results");
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, "leverage-gas.md"), `Command: \`npm run bench:gas\` (${new Date().toISOString().slice(0, 10)})\n\n${table}\n`);
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

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
