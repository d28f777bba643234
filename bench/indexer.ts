/**
 * `npm run bench:indexer`: the indexer (Ponder, indexer/) on embedded PGlite.
 * - Backfill: 1,000 vaults seeded in one market of a fresh local chain (scripts/seed-risk.ts: each vault opened,
 *   collateral deposited, debt borrowed, handed to its owner), then the indexer started from the deployment block;
 *   events indexed per second until it reaches the head.
 * - Live: anvil mining one block a second; every block carries a batch that deposits a little collateral into 25 of the
 *   1,000 vaults at random (all of them active over the run) and a feed round; the lag behind the head (blocks and
 *   seconds from a block's timestamp to the indexer reporting it) sampled each second for 60 s.
 * Writes bench/results/indexer.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { encodeFunctionData, maxUint256, parseUnits } from "viem";
import { devErc20Abi, devPriceFeedAbi, keelMarketAbi } from "../contracts-abi";
import { deployLocal } from "../scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil } from "../scripts/lib/anvil";
import { repoRoot } from "../scripts/lib/artifacts";
import { clientsFor } from "../lib/server/clients";
import { startIndexer } from "../scripts/lib/indexer";
import { seedRiskVaults } from "../scripts/seed-risk";
import { seededRandom } from "../lib/analytics/random";
import { tempDir } from "../scripts/lib/temp-dir";

const VAULTS = Number(process.env.KEEL_BENCH_VAULTS ?? 1_000);
const LIVE_SECONDS = Number(process.env.KEEL_BENCH_SECONDS ?? 60);
const PER_BLOCK = 25;

async function main() {
  const outDir = tempDir("keel-bench-indexer");
  const anvil = await startAnvil({ port: await freePort() });
  try {
    const { deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir });
    const market = d.markets.find((m) => m.name === "Keel USDC")!;
    console.log(`seeding ${VAULTS} vaults…`);
    const seeded = await seedRiskVaults({
      rpcUrl: anvil.url,
      deployment: d,
      vaults: VAULTS,
      marketShares: d.markets.map((m) => (m === market ? 1 : 0)),
    });
    const admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    const head = await admin.publicClient.getBlockNumber({ cacheTime: 0 });
    const logs = await admin.publicClient.request({
      method: "eth_getLogs",
      params: [
        {
          fromBlock: `0x${d.deploymentBlock.toString(16)}`,
          toBlock: `0x${head.toString(16)}`,
          address: [...d.markets.map((m) => m.address), ...d.assets.map((a) => a.feed), d.contracts.guard!],
        },
      ],
    });

    const indexer = await startIndexer({
      port: await freePort(),
      chains: [{ chainId: d.chainId, rpcUrl: anvil.url }],
      deploymentsDir: outDir,
      dataDir: tempDir("keel-bench-pglite"),
    });
    const t0 = performance.now();
    try {
      await indexer.waitFor({ [d.chainId]: head }, 30 * 60_000);
      const backfillSec = (performance.now() - t0) / 1000;
      console.log(`backfill: ${logs.length} logs in ${backfillSec.toFixed(1)} s (including the indexer's start-up)`);

      // Live: one block a second, each with PER_BLOCK deposits into random vaults and a feed round.
      await admin.publicClient.request({ method: "evm_setAutomine" as never, params: [false] as never });
      await admin.publicClient.request({ method: "evm_setIntervalMining" as never, params: [1] as never });
      const weth = d.assets.find((a) => a.symbol === "WETH")!;
      const depositor = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
      await depositor.walletClient.writeContract({
        address: weth.address,
        abi: devErc20Abi,
        functionName: "approve",
        args: [market.address, maxUint256],
      });
      const { uniform } = seededRandom(7);
      const first = seeded[0]!.firstId;
      const touched = new Set<number>();
      const samples: { blocks: number; seconds: number }[] = [];
      let stop = false;
      const sender = (async () => {
        let price = 3000;
        while (!stop) {
          const ids = Array.from({ length: PER_BLOCK }, () => first + Math.floor(uniform() * VAULTS));
          ids.forEach((i) => touched.add(i));
          const calls = ids.map((i) =>
            encodeFunctionData({ abi: keelMarketAbi, functionName: "depositCollateral", args: [BigInt(i), weth.address, parseUnits("0.001", 18)] }),
          );
          await depositor.walletClient.writeContract({
            address: market.address,
            abi: keelMarketAbi,
            functionName: "multicall",
            args: [calls],
            gas: 6_000_000n,
          });
          price *= 1 + (uniform() - 0.5) * 0.002;
          await admin.walletClient.writeContract({
            address: weth.feed,
            abi: devPriceFeedAbi,
            functionName: "setAnswer",
            args: [BigInt(Math.round(price * 1e8))],
            gas: 200_000n,
          });
          await new Promise((r) => setTimeout(r, 1000));
        }
      })();
      const liveStart = Date.now();
      while (Date.now() - liveStart < LIVE_SECONDS * 1000) {
        await new Promise((r) => setTimeout(r, 1000));
        const chainHead = await admin.publicClient.getBlock({ blockTag: "latest" });
        const indexed = (await indexer.status())[d.chainId] ?? 0n;
        const indexedBlock = indexed >= chainHead.number ? chainHead : await admin.publicClient.getBlock({ blockNumber: indexed });
        samples.push({ blocks: Number(chainHead.number - indexed), seconds: Number(chainHead.timestamp - indexedBlock.timestamp) });
      }
      stop = true;
      await sender;
      const endHead = await admin.publicClient.getBlockNumber({ cacheTime: 0 });
      await indexer.waitFor({ [d.chainId]: endHead }, 15 * 60_000);

      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const q = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
      const lagBlocks = samples.map((s) => s.blocks);
      const lagSec = samples.map((s) => s.seconds);
      const md = `# Indexer benchmark (\`npm run bench:indexer\`)

Ponder ${(JSON.parse(readFileSync(path.join(repoRoot, "node_modules", "ponder", "package.json"), "utf8")) as { version: string }).version} on embedded PGlite, one local anvil chain, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), shared with other work (load average at the end ${os.loadavg()[0]!.toFixed(1)}). ${new Date().toISOString().slice(0, 10)}.

## Backfill
${VAULTS.toLocaleString()} vaults seeded in one market: ${logs.length.toLocaleString()} logs of the followed contracts from the deployment block to block ${head}.
Indexed in **${backfillSec.toFixed(1)} s** from process start (start-up included): **${(logs.length / backfillSec).toFixed(0)} events/s**.
A block's lens reads go out in one batched JSON-RPC request (indexer/src/reads.ts): the block's market logs (one \`eth_getLogs\` by hash) name the vaults it touches; one \`getVault\` per vault at the block ("after"), one at the previous block when the vault's row cannot give "before", one \`getMarket\` per market, all in the same request, kept for the block (keyed by its hash).

## Live: one block a second
${LIVE_SECONDS} s at one block a second; each block deposits into ${PER_BLOCK} random vaults (${touched.size} distinct vaults touched) and writes a feed round.

| lag behind the head | median | p95 | max |
| --- | --- | --- | --- |
| blocks | ${q(lagBlocks, 0.5)} | ${q(lagBlocks, 0.95)} | ${Math.max(...lagBlocks)} |
| seconds (head's timestamp − indexed block's; the first samples include the pause between seeding and the live phase) | ${q(lagSec, 0.5)} | ${q(lagSec, 0.95)} | ${Math.max(...lagSec)} |
`;
      mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
      writeFileSync(path.join(repoRoot, "bench", "results", "indexer.md"), md);
      console.log(md);
    } finally {
      await indexer.stop();
    }
  } finally {
    await anvil.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
