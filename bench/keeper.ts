/**
 * `npm run bench:keeper`: the liquidation keeper under load. On anvil (local deploy, real Uniswap V2 pools): N vaults
 * (default 1,000) at health factors spread evenly from 1.07 to 2.0, then ETH falls 35 % in one feed update; anvil mines
 * a block every second (interval mining, block gas limit as configured). Measures blocks and seconds from the price
 * update until no vault is liquidatable, against the bound ceil(total liquidation gas ÷ block gas limit) + 1; gas per
 * liquidation inside a batch; the tail (vaults still liquidatable at the end); bad debt realised and the keeper's
 * result. The market maker arbitrages the pools back to the feed after every block (the local chain's arbitrageur).
 * Writes bench/results/keeper.md and bench/results/keeper.json.
 *
 * Flags: --vaults 1000 · --block-gas 30000000 · --tx-per-block 3 · --max-loss-bps 100
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { encodeFunctionData, formatUnits, parseUnits } from "viem";
import { devErc20Abi, devPriceFeedAbi, keelLensAbi, keelMarketAbi } from "../contracts-abi";
import { alignPools, findPools } from "../agents/amm-arbitrage";
import { startKeeper } from "../agents/keeper";
import { readAllVaults } from "../agents/lens-pages";
import { deployLocal } from "../scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil } from "../scripts/lib/anvil";
import { repoRoot } from "../scripts/lib/artifacts";
import { clientsFor } from "../lib/server/clients";
import { tempDir } from "../scripts/lib/temp-dir";

const { values } = parseArgs({
  options: {
    vaults: { type: "string", default: "1000" },
    "block-gas": { type: "string", default: "30000000" },
    "tx-per-block": { type: "string", default: "3" },
    "max-loss-bps": { type: "string", default: "100" },
  },
});
const N = Number(values.vaults);
const BLOCK_GAS = BigInt(values["block-gas"]);
const COLLATERAL = parseUnits("0.2", 18); // 0.2 WETH a vault ($600 at $3,000)

async function main() {
  const anvil = await startAnvil({ port: await freePort() });
  try {
    const { deployment } = await deployLocal({ rpcUrl: anvil.url, outDir: tempDir("keel-bench") });
    const market = deployment.markets[0]!.address;
    const weth = deployment.assets.find((a) => a.symbol === "WETH")!;
    const owner = clientsFor(anvil.url, 31337, ANVIL_KEYS[1]!);
    const feedOwner = clientsFor(anvil.url, 31337, ANVIL_KEYS[0]!);
    const rpc = (method: string, params: unknown[] = []) => owner.publicClient.request({ method, params } as never);

    // N vaults, one multicall each (open, deposit, borrow), sent without waiting for each receipt.
    console.log(`› opening ${N} vaults…`);
    const t0 = Date.now();
    await owner.send({ address: weth.address, abi: devErc20Abi, functionName: "mint", args: [owner.account.address, COLLATERAL * BigInt(N)] });
    await owner.send({ address: weth.address, abi: devErc20Abi, functionName: "approve", args: [market, COLLATERAL * BigInt(N)] });
    const first = (await owner.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
    let nonce = await owner.publicClient.getTransactionCount({ address: owner.account.address, blockTag: "pending" });
    const hashes: `0x${string}`[] = [];
    for (let i = 0; i < N; i++) {
      const id = first + BigInt(i);
      const hf = 1.07 + (0.93 * i) / Math.max(1, N - 1); // 1.07 … 2.0 at $3,000 (LTV 80 % caps a new loan at HF 1.0625)
      const borrow = parseUnits(((0.85 * 600) / hf).toFixed(6), 6);
      const calls = [
        encodeFunctionData({ abi: keelMarketAbi, functionName: "openVault" }),
        encodeFunctionData({ abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth.address, COLLATERAL] }),
        encodeFunctionData({ abi: keelMarketAbi, functionName: "borrow", args: [id, borrow, owner.account.address] }),
      ];
      hashes.push(
        await owner.walletClient.writeContract({
          address: market,
          abi: keelMarketAbi,
          functionName: "multicall",
          args: [calls],
          gas: 600_000n,
          nonce: nonce++,
        }),
      );
    }
    for (const hash of hashes) {
      const r = await owner.publicClient.waitForTransactionReceipt({ hash });
      if (r.status !== "success") throw new Error(`opening a vault reverted (${hash})`);
    }
    console.log(`  ${N} vaults in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    /** Liquidatable vaults of the market at `blockNumber`, read in lens pages of 250. */
    const unreadable = new Map<bigint, string>();
    const liquidatableAt = async (blockNumber: bigint) =>
      (await readAllVaults(owner.publicClient, deployment.contracts.lens!, market, blockNumber, 250n, (id, e) => unreadable.set(id, e))).filter(
        (v) => v.liquidatable,
      ).length;
    /**
     * After the update only the vaults liquidatable at it can be (prices do not move again), so each block reads just
     * the ids from the first to the last of those, in pages of 200 (a call's gas is capped at the block's): the harness competes less with the keeper for the node's two cores.
     */
    let watched = { offset: 0n, limit: 0n };
    let watching = false;
    const stillLiquidatable = async (blockNumber: bigint) => {
      if (!watching) return liquidatableAt(blockNumber);
      const { offset, limit } = watched;
      const pages: Promise<number>[] = [];
      for (let o = offset; o < offset + limit; o += 200n) {
        const n = o + 200n > offset + limit ? offset + limit - o : 200n;
        pages.push(
          owner.publicClient
            .readContract({ address: deployment.contracts.lens!, abi: keelLensAbi, functionName: "getVaults", args: [market, o, n], blockNumber })
            .then(([vaults]) => vaults.filter((v) => v.liquidatable).length),
        );
      }
      return (await Promise.all(pages)).reduce((a, b) => a + b, 0);
    };

    // Mine like a chain: a block a second, with the configured gas limit.
    await rpc("evm_setBlockGasLimit", [`0x${BLOCK_GAS.toString(16)}`]);
    await rpc("evm_setAutomine", [false]);
    await rpc("evm_setIntervalMining", [1]);

    const keeperLog: string[] = [];
    const keeper = startKeeper({
      rpcUrl: anvil.url,
      deployment,
      txPerBlock: Number(values["tx-per-block"]),
      maxLossBps: Number(values["max-loss-bps"]),
      log: (l) => keeperLog.push(l),
    });
    const pools = await findPools(anvil.url, deployment);
    const badDebtBefore = await owner.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "totalBadDebt" });
    // Let the keeper clear the demo vault that is liquidatable from the start, then crash.
    await new Promise((r) => setTimeout(r, 4_000));
    await keeper.idle();
    const before = { ...keeper.stats, delaysMs: [...keeper.stats.delaysMs], delayBlocks: [...keeper.stats.delayBlocks] };

    const [, answer] = await feedOwner.publicClient.readContract({ address: weth.feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
    const crashed = (answer * 65n) / 100n;
    const crashHash = await feedOwner.walletClient.writeContract({
      address: weth.feed,
      abi: devPriceFeedAbi,
      functionName: "setAnswer",
      args: [crashed],
    });
    const crashReceipt = await feedOwner.publicClient.waitForTransactionReceipt({ hash: crashHash });
    const crashAt = Date.now();
    const crashBlock = crashReceipt.blockNumber;
    // Watched from here: the demo vaults and the bench's vaults the crash can reach (health × 0.65 below 1.02, the
    // rest stays above 1). The census of the crash block itself is read after the run (the same block's state): read
    // now, 1,000 vaults through the lens would compete with the keeper for the node in the very second that decides
    // whether the first liquidations make the next block.
    let reach = 0n;
    for (let i = 0; i < N; i++) if ((1.07 + (0.93 * i) / Math.max(1, N - 1)) * 0.65 < 1.02) reach = BigInt(i + 1);
    watched = { offset: 0n, limit: first - 1n + reach };
    watching = true;
    console.log(`› ETH $${formatUnits(answer, 8)} → $${formatUnits(crashed, 8)} in block ${crashBlock}`);

    // The arbitrageur trades the pool back to the feed after each block; the keeper works on its own.
    let clearedBlock: bigint | null = null;
    let clearedAt = 0;
    const perBlock: { block: bigint; liquidatable: number; gasUsed: bigint }[] = [];
    let last = crashBlock;
    let arbitraging = false;
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const b = await owner.publicClient.getBlockNumber({ cacheTime: 0 });
      if (b === last) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      last = b;
      const block = await owner.publicClient.getBlock({ blockNumber: b });
      const left = await stillLiquidatable(b);
      perBlock.push({ block: b, liquidatable: left, gasUsed: block.gasUsed });
      console.log(`  block ${b} (+${b - crashBlock}): ${left} liquidatable, ${block.gasUsed} gas used, ${block.transactions.length} txs`);
      if (left === 0 && clearedBlock === null) {
        clearedBlock = b;
        clearedAt = Date.now();
        break;
      }
      // Nothing moves for 10 blocks and the keeper has nothing in flight: what is left does not pay (reported).
      const prev = perBlock.at(-11);
      if (prev && prev.liquidatable === left && perBlock.slice(-10).every((p) => p.gasUsed < 200_000n)) break;
      if (!arbitraging) {
        arbitraging = true;
        void alignPools({ rpcUrl: anvil.url, deployment, pools })
          .catch(() => [])
          .finally(() => (arbitraging = false));
      }
    }
    await keeper.idle();
    await keeper.stop();
    const atCrash = (
      await readAllVaults(owner.publicClient, deployment.contracts.lens!, market, crashBlock, 250n, (id, e) => unreadable.set(id, e))
    ).filter((v) => v.liquidatable);
    const liquidatableAtCrash = atCrash.length;
    const outside = atCrash.filter((v) => v.id > watched.offset + watched.limit).length;
    if (outside) throw new Error(`${outside} vaults liquidatable at the crash were outside the watched ids`);
    console.log(`  ${liquidatableAtCrash} vaults were liquidatable at the crash block`);
    if (process.env.KEEL_BENCH_DEBUG) {
      const all = await readAllVaults(
        owner.publicClient,
        deployment.contracts.lens!,
        market,
        await owner.publicClient.getBlockNumber(),
        250n,
        () => {},
      );
      for (const v of all.filter((x) => x.liquidatable)) {
        console.log(
          "DEBUG",
          JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)),
        );
      }
    }
    if (process.env.KEEL_BENCH_LOG) writeFileSync(process.env.KEEL_BENCH_LOG, keeperLog.join("\n"));
    if (process.env.KEEL_BENCH_DEBUG) {
      // Gas before refunds (what a limit must cover) against gas used, for each keeper transaction mined first in its
      // block: eth_estimateGas of the same call on the state before that block.
      for (const line of keeperLog) {
        const e = JSON.parse(line) as { event: string; hash?: `0x${string}`; liquidated?: string; gasUsed?: string; gasLimit?: string };
        if (e.event !== "confirmed" || !e.hash) continue;
        const r = await owner.publicClient.getTransactionReceipt({ hash: e.hash });
        if (r.transactionIndex !== 0) continue;
        const tx = await owner.publicClient.getTransaction({ hash: e.hash });
        const estimate = await owner.publicClient
          .estimateGas({ account: tx.from, to: tx.to!, data: tx.input, blockNumber: r.blockNumber - 1n })
          .catch((x: Error) => x.message.split("\n")[0]);
        console.log("DEBUG gas", JSON.stringify({ liquidated: e.liquidated, used: e.gasUsed, limit: e.gasLimit, estimate: String(estimate) }));
      }
    }
    const badDebt = (await owner.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "totalBadDebt" })) - badDebtBefore;
    const s = keeper.stats;
    const confirmed = s.liquidationsConfirmed - before.liquidationsConfirmed;
    const profit = s.profitUsd - before.profitUsd;
    const delays = s.delayBlocks.slice(before.delayBlocks.length);
    const maxDelay = delays.length ? Math.max(...delays) : null;
    const totalGas = s.gasUsed - before.gasUsed;
    const bound = Number((totalGas + BLOCK_GAS - 1n) / BLOCK_GAS) + 1;
    const taken = clearedBlock === null ? null : Number(clearedBlock - crashBlock);
    const tail = perBlock.at(-1)?.liquidatable ?? liquidatableAtCrash;
    const perLiquidation = confirmed ? totalGas / BigInt(confirmed) : 0n;
    const met = taken !== null && taken <= bound;
    const txs = s.txConfirmed - before.txConfirmed;

    const result = {
      command: `npm run bench:keeper -- --vaults ${N} --block-gas ${BLOCK_GAS} --tx-per-block ${values["tx-per-block"]} --max-loss-bps ${values["max-loss-bps"]}`,
      vaults: N,
      liquidatableAfterUpdate: liquidatableAtCrash,
      blockGasLimit: BLOCK_GAS.toString(),
      totalLiquidationGas: totalGas.toString(),
      boundBlocks: bound,
      blocksTaken: taken,
      boundMet: met,
      secondsTaken: clearedBlock === null ? null : Number(((clearedAt - crashAt) / 1000).toFixed(1)),
      gasPerLiquidationInBatch: perLiquidation.toString(),
      liquidationsConfirmed: confirmed,
      transactions: txs,
      batches: s.batchesConfirmed - before.batchesConfirmed,
      fallbackBatches: s.fallbackBatches - before.fallbackBatches,
      skipped: s.liquidationsSkipped - before.liquidationsSkipped,
      reverted: s.txReverted - before.txReverted,
      replaced: s.txReplaced - before.txReplaced,
      tail,
      badDebtUsdc: formatUnits(badDebt, 6),
      keeperResultUsd: Number(Number(formatUnits(profit, 18)).toFixed(2)),
      largestDelayBlocks: maxDelay,
      perBlock: perBlock.map((p) => ({ block: `+${p.block - crashBlock}`, liquidatable: p.liquidatable, gasUsed: p.gasUsed.toString() })),
    };

    const lines = [
      "# Keeper under load",
      "",
      `Command: \`${result.command}\` (anvil, 1 block/s, block gas limit ${BLOCK_GAS.toLocaleString("en-US")}).`,
      "",
      `${N} vaults of 0.2 WETH in the USDC market at health factors spread evenly from 1.07 to 2.0 at $3,000; ETH falls 35 % in one feed update.`,
      "",
      "| | |",
      "|---|---|",
      `| Vaults liquidatable after the update | ${liquidatableAtCrash} |`,
      `| Total liquidation gas | ${totalGas.toLocaleString("en-US")} |`,
      `| Block gas limit | ${BLOCK_GAS.toLocaleString("en-US")} |`,
      `| Bound: ceil(total gas ÷ block gas limit) + 1 | ${bound} blocks |`,
      `| Blocks until none is liquidatable | ${taken === null ? `not cleared: ${tail} still liquidatable after +${perBlock.length ? (perBlock.at(-1)!.block - crashBlock).toString() : "?"}` : `${taken} (${met ? "bound met" : "bound NOT met"})`} |`,
      `| Seconds until none is liquidatable | ${result.secondsTaken ?? "—"} |`,
      `| Gas per liquidation in a batch | ${perLiquidation.toLocaleString("en-US")} (total gas ÷ liquidations, loan, swap and transaction included) |`,
      `| Liquidations confirmed | ${confirmed} in ${txs} transactions, ${result.batches} batches (${result.fallbackBatches} fallback, ${result.skipped} skipped, ${result.reverted} reverted, ${result.replaced} replaced) |`,
      `| Tail (vaults still liquidatable at the end) | ${tail} |`,
      `| Largest delay, price update → liquidation | ${maxDelay === null ? "—" : `${maxDelay} blocks`} |`,
      `| Bad debt realised | ${formatUnits(badDebt, 6)} USDC |`,
      `| Keeper result | $${result.keeperResultUsd.toFixed(2)} |`,
      "",
      ...(unreadable.size
        ? [
            `Vaults the lens could not evaluate at some block: ${[...unreadable.entries()]
              .slice(0, 5)
              .map(([id, e]) => `#${id} (${e})`)
              .join(", ")}`,
            "",
          ]
        : []),
      "Liquidatable vaults left after each block:",
      "",
      "| Block after the update | Liquidatable | Gas used |",
      "|---|---|---|",
      ...perBlock.map((p) => `| +${p.block - crashBlock} | ${p.liquidatable} | ${p.gasUsed.toLocaleString("en-US")} |`),
      "",
    ];
    writeFileSync(path.join(repoRoot, "bench", "results", "keeper.json"), JSON.stringify(result, null, 2) + "\n");
    const out = path.join(repoRoot, "bench", "results", "keeper.md");
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, lines.join("\n"));
    console.log(`\n${lines.slice(0, 22).join("\n")}\nwrote ${path.relative(repoRoot, out)} and keeper.json`);
    if (!met) process.exitCode = 1;
  } finally {
    await anvil.stop();
  }
}

main().catch((e: Error) => {
  console.error(`bench:keeper failed: ${e.message}`);
  process.exit(1);
});
