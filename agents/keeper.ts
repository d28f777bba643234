/**
 * Liquidation keeper. On every new block it reads every vault of every market through the lens in pages (never one
 * call per vault), sizes each liquidatable vault's liquidation with lib/liquidation.ts, simulates the batch through
 * KeelLiquidator (flash loan → liquidate → swap: no capital needed), drops what would not pay, checks the profit
 * against the gas cost, and sends batches with its own nonces. A vault a competitor liquidates first is skipped inside
 * the batch (try/catch in the contract); a reverted or dropped transaction resyncs the nonce; a gas price above the cap
 * waits for a later block. JSON-line logs and counters.
 *
 * CLI: tsx agents/keeper.ts [--rpc URL] [--chain 31337] [--batch 25] [--min-profit-usd 0] [--max-gwei 500]
 */
import { serialized } from "../lib/serial";
import { parseArgs } from "node:util";
import { decodeErrorResult, decodeEventLog, type Abi, type Address, type Hex } from "viem";
import { keelErrorsAbi } from "../contracts-abi";
import { devPriceFeedAbi, iSwapAdapterAbi, keelLensAbi, keelLiquidatorAbi, keelOracleAbi } from "../contracts-abi/generated";
import type { Deployment } from "../lib/deployment";
import { withGasMargin } from "../lib/gas";
import { baseToUsd, flashAmountFor, gasCostUsd, liquidationSize } from "../lib/liquidation";
import { readDeployment } from "../lib/server/config";
import type { LensMarket } from "../lib/vaults";
import { AGENT_KEYS } from "../scripts/lib/anvil";
import { clientsFor } from "../scripts/lib/clients";
import { jsonLogger, nonceManager, type LogSink } from "./agent-log";
import { readAllVaults } from "./lens-pages";

export interface KeeperOptions {
  rpcUrl: string;
  deployment: Deployment;
  key?: Hex;
  /** Vaults per lens call. */
  pageSize?: number;
  /** Liquidations per transaction (bounded by block gas: ~250k gas each). */
  batchSize?: number;
  /** Skip a batch whose profit after gas is below this (USD, WAD). */
  minProfitUsd?: bigint;
  /** Highest fee per gas the keeper pays (wei); above it the keeper waits. */
  maxFeePerGas?: bigint;
  log?: LogSink;
}

export interface KeeperStats {
  blocks: number;
  scans: number;
  vaultsScanned: number;
  liquidatableSeen: number;
  txSent: number;
  txConfirmed: number;
  txReverted: number;
  liquidationsSent: number;
  liquidationsConfirmed: number;
  liquidationsSkipped: number;
  /** Profit by base asset symbol (base units) and in USD (WAD). */
  profit: Record<string, bigint>;
  profitUsd: bigint;
  gasSpent: bigint;
  /** Milliseconds and blocks from the price update the keeper saw to each confirmed liquidation. */
  delaysMs: number[];
  delayBlocks: number[];
  errors: number;
}

type Job = { market: Address; id: bigint; collateral: Address; repayAmount: bigint; minProfit: bigint };
interface PriceUpdate {
  block: bigint;
  seenAt: number;
}

/** A skipped job's revert data, decoded against the market's, the liquidator's and the adapter's errors when possible. */
function describeRevert(data: Hex): string {
  for (const abi of [keelErrorsAbi, keelLiquidatorAbi, iSwapAdapterAbi] as const) {
    try {
      const e = decodeErrorResult({ abi: abi as Abi, data });
      return `${e.errorName}(${(e.args ?? []).map(String).join(", ")})`;
    } catch {
      // not this ABI
    }
  }
  return data;
}

export function startKeeper(opts: KeeperOptions) {
  const { deployment } = opts;
  const liquidator = deployment.contracts.liquidator;
  const lens = deployment.contracts.lens;
  if (!liquidator || !lens) throw new Error(`chain ${deployment.chainId}: the deployment has no liquidator or lens`);
  const c = clientsFor(opts.rpcUrl, deployment.chainId, opts.key ?? AGENT_KEYS.keeper);
  const log = jsonLogger("keeper", opts.log);
  const pageSize = BigInt(opts.pageSize ?? 250);
  const batchSize = opts.batchSize ?? 25;
  const maxFeePerGas = opts.maxFeePerGas ?? 500n * 10n ** 9n;
  const nonces = nonceManager(() => c.publicClient.getTransactionCount({ address: c.account.address, blockTag: "pending" }));
  const stats: KeeperStats = {
    blocks: 0,
    scans: 0,
    vaultsScanned: 0,
    liquidatableSeen: 0,
    txSent: 0,
    txConfirmed: 0,
    txReverted: 0,
    liquidationsSent: 0,
    liquidationsConfirmed: 0,
    liquidationsSkipped: 0,
    profit: {},
    profitUsd: 0n,
    gasSpent: 0n,
    delaysMs: [],
    delayBlocks: [],
    errors: 0,
  };
  const inflight = new Map<string, Promise<void>>();
  /** Vaults liquidated by the keeper, with the block: a scan of an older block must not send them again. */
  const recent = new Map<string, bigint>();
  const feeds = deployment.assets.map((a) => a.feed);
  const native = deployment.assets.find((a) => a.symbol === "WETH" || a.symbol === "ETH");
  const symbolOf = (addr: Address) => deployment.assets.find((a) => a.address.toLowerCase() === addr.toLowerCase())?.symbol ?? addr;
  let lastBlock: bigint | null = null;
  let lastUpdate: PriceUpdate | null = null;
  let stopped = false;

  async function nativePrice(): Promise<bigint> {
    if (!native) return 0n;
    const s = await c.publicClient.readContract({ address: deployment.contracts.oracle, abi: keelOracleAbi, functionName: "peek", args: [native.address] });
    return s.status === 0 ? s.price : 0n;
  }

  /** Every vault of `market`, page by page. */
  async function vaultsOf(market: Address, blockNumber: bigint) {
    return readAllVaults(c.publicClient, lens!, market, blockNumber, pageSize, (id, error) => {
      stats.errors++;
      log("vault-unreadable", { market, id, error });
    });
  }

  function jobFor(v: Awaited<ReturnType<typeof vaultsOf>>[number], m: LensMarket): Job | null {
    let best: { job: Job; gross: bigint } | null = null;
    for (const col of v.collaterals) {
      if (col.amount === 0n || col.status !== 0) continue;
      const info = m.collaterals.find((x) => x.info.asset.toLowerCase() === col.asset.toLowerCase())?.info;
      if (!info) continue;
      const size = liquidationSize({
        healthFactor: v.healthFactor,
        liquidationValue: v.liquidationValue,
        debtValue: v.debtValue,
        debt: v.debt,
        baseDecimals: m.baseDecimals,
        basePrice: m.baseFeed.price,
        amount: col.amount,
        decimals: col.decimals,
        price: col.price,
        liquidationThreshold: col.liquidationThreshold,
        maxDiscount: info.maxDiscount,
        collateralValue: v.collateralValue,
        others: v.collaterals
          .filter((o) => o.asset !== col.asset && o.status === 0)
          .map((o) => ({
            value: o.value,
            liquidationThreshold: o.liquidationThreshold,
            maxDiscount: m.collaterals.find((x) => x.info.asset.toLowerCase() === o.asset.toLowerCase())?.info.maxDiscount ?? 0n,
          })),
      });
      if (!size || (best && size.grossValue <= best.gross)) continue;
      let repayAmount = flashAmountFor(size, v.debt);
      if (repayAmount > m.cash) repayAmount = m.cash;
      if (repayAmount === 0n) continue;
      best = { job: { market: v.market, id: v.id, collateral: col.asset, repayAmount, minProfit: 0n }, gross: size.grossValue };
    }
    return best?.job ?? null;
  }

  /** Simulates a batch and prices it; null when nothing in it pays after gas. */
  async function prepare(jobs: Job[], markets: Map<string, LensMarket>) {
    const sim = await c.publicClient.simulateContract({ account: c.account, address: liquidator!, abi: keelLiquidatorAbi, functionName: "liquidateBatch", args: [jobs] });
    const paying = jobs
      .map((j, i) => ({ ...j, minProfit: sim.result[i]! / 2n, expected: sim.result[i]! }))
      .filter((j) => j.expected > 0n);
    if (paying.length === 0) {
      log("batch-unprofitable", { vaults: jobs.map((j) => j.id) });
      return null;
    }
    const send = paying.map(({ market, id, collateral, repayAmount, minProfit }) => ({ market, id, collateral, repayAmount, minProfit }));
    const [gas, fees, ethPrice] = await Promise.all([
      c.publicClient.estimateContractGas({ account: c.account, address: liquidator!, abi: keelLiquidatorAbi, functionName: "liquidateBatch", args: [send] }),
      c.publicClient.estimateFeesPerGas(),
      nativePrice(),
    ]);
    if (fees.maxFeePerGas > maxFeePerGas) {
      log("gas-too-high", { maxFeePerGas: fees.maxFeePerGas, cap: maxFeePerGas, vaults: send.length });
      return null;
    }
    // Profit after gas, in USD: Σ profit × base price − gas × fee × ETH price.
    let profitUsd = 0n;
    for (const j of paying) {
      const m = markets.get(j.market.toLowerCase())!;
      profitUsd += baseToUsd(j.expected, m.baseFeed.price, m.baseDecimals);
    }
    const gasUsd = gasCostUsd(gas, fees.maxFeePerGas, ethPrice);
    if (profitUsd - gasUsd < (opts.minProfitUsd ?? 0n)) {
      log("unprofitable-after-gas", { profitUsd, gasUsd, vaults: send.length });
      return null;
    }
    return { send, gas, fees, profitUsd };
  }

  async function sendBatch(prepared: NonNullable<Awaited<ReturnType<typeof prepare>>>, markets: Map<string, LensMarket>, update: PriceUpdate | null) {
    const { send, gas, fees, profitUsd } = prepared;
    const nonce = await nonces.take();
    let hash: Hex;
    try {
      hash = await c.walletClient.writeContract({
        address: liquidator!,
        abi: keelLiquidatorAbi,
        functionName: "liquidateBatch",
        args: [send],
        gas: withGasMargin(gas),
        nonce,
        // Twice the estimate (capped): a backlog of full blocks raises the base fee 12.5 % a block, and a transaction
        // under it would sit in the mempool holding every later nonce. Only the base fee and the tip are paid.
        maxFeePerGas: fees.maxFeePerGas * 2n < maxFeePerGas ? fees.maxFeePerGas * 2n : maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      });
    } catch (e) {
      nonces.reset();
      stats.errors++;
      log("send-failed", { error: (e as Error).message.split("\n")[0], nonce });
      return;
    }
    stats.txSent++;
    stats.liquidationsSent += send.length;
    log("sent", { hash, nonce, vaults: send.map((j) => `${symbolOf(markets.get(j.market.toLowerCase())!.baseAsset)}#${j.id}`), gas, expectedProfitUsd: profitUsd });
    const keys = send.map((j) => `${j.market}:${j.id}`);
    const done = (async () => {
      try {
        const receipt = await c.publicClient.waitForTransactionReceipt({ hash, timeout: 30_000 }).catch(async (e: Error) => {
          // Not mined in 30 s (under-priced after a fee spike, or stuck behind a gap): replace it at the same nonce
          // with a 0-value transfer to itself at three times the current fee, so later nonces are not held back.
          if (!/Timed out/i.test(e.message)) throw e;
          const now = await c.publicClient.estimateFeesPerGas();
          const tip = now.maxPriorityFeePerGas * 3n + 1_000_000_000n;
          const cancel = await c.walletClient.sendTransaction({ to: c.account.address, value: 0n, nonce, maxFeePerGas: now.maxFeePerGas * 3n + tip, maxPriorityFeePerGas: tip });
          log("replaced", { hash, cancel, nonce });
          return c.publicClient.waitForTransactionReceipt({ hash: cancel, timeout: 30_000 });
        });
        stats.gasSpent += receipt.gasUsed * receipt.effectiveGasPrice;
        if (receipt.transactionHash !== hash) {
          stats.txReverted++; // replaced: its vaults are picked up again by the next scan
          return;
        }
        if (receipt.status !== "success") {
          stats.txReverted++;
          nonces.reset();
          log("reverted", { hash });
          return;
        }
        stats.txConfirmed++;
        keys.forEach((k) => recent.set(k, receipt.blockNumber));
        for (const l of receipt.logs) {
          if (l.address.toLowerCase() !== liquidator!.toLowerCase()) continue;
          const ev = decodeEventLog({ abi: keelLiquidatorAbi, data: l.data, topics: l.topics });
          if (ev.eventName === "LiquidationExecuted") {
            stats.liquidationsConfirmed++;
            const m = markets.get(ev.args.market.toLowerCase());
            if (m) {
              const sym = symbolOf(m.baseAsset);
              stats.profit[sym] = (stats.profit[sym] ?? 0n) + ev.args.profit;
              stats.profitUsd += baseToUsd(ev.args.profit, m.baseFeed.price, m.baseDecimals);
            }
          } else if (ev.eventName === "LiquidationSkipped") {
            stats.liquidationsSkipped++;
            log("skipped", { market: ev.args.market, id: ev.args.id, reason: describeRevert(ev.args.reason) });
          }
        }
        if (update) {
          stats.delaysMs.push(Date.now() - update.seenAt);
          stats.delayBlocks.push(Number(receipt.blockNumber - update.block));
        }
        log("confirmed", { hash, block: receipt.blockNumber, gasUsed: receipt.gasUsed, liquidated: stats.liquidationsConfirmed });
      } catch (e) {
        stats.errors++;
        nonces.reset();
        log("receipt-failed", { hash, error: (e as Error).message.split("\n")[0] });
      } finally {
        keys.forEach((k) => inflight.delete(k));
      }
    })();
    keys.forEach((k) => inflight.set(k, done));
  }

  /** One scan of every market; sends what pays. */
  async function scan() {
    stats.scans++;
    const update = lastUpdate;
    const blockNumber = await c.publicClient.getBlockNumber({ cacheTime: 0 });
    for (const [k, b] of recent) if (b + 64n < blockNumber) recent.delete(k);
    const views = await c.publicClient.readContract({ address: lens!, abi: keelLensAbi, functionName: "getMarkets", args: [deployment.markets.map((m) => m.address)], blockNumber });
    const markets = new Map(views.map((m) => [m.market.toLowerCase(), m]));
    const jobs: Job[] = [];
    for (const m of views) {
      const vaults = await vaultsOf(m.market, blockNumber);
      stats.vaultsScanned += vaults.length;
      for (const v of vaults) {
        if (!v.liquidatable) continue;
        stats.liquidatableSeen++;
        const key = `${v.market}:${v.id}`;
        if (inflight.has(key) || (recent.get(key) ?? -1n) > blockNumber) continue;
        const job = jobFor(v, m);
        if (job) jobs.push(job);
      }
    }
    if (jobs.length) log("liquidatable", { vaults: jobs.length });
    const batches: Job[][] = [];
    for (let i = 0; i < jobs.length; i += batchSize) batches.push(jobs.slice(i, i + batchSize));
    // Simulate every batch at once and send each as soon as it is priced, before any receipt: the first batches make
    // the next block while the rest are still being simulated, and they can share blocks.
    await Promise.all(
      batches.map((b) =>
        prepare(b, markets)
          .then((p) => (p ? sendBatch(p, markets, update) : undefined))
          .catch((e: Error) => {
            stats.errors++;
            log("batch-failed", { error: e.message.split("\n")[0], vaults: b.length });
          }),
      ),
    );
  }

  async function onBlock(block: bigint) {
    stats.blocks++;
    const from = lastBlock === null ? block : lastBlock + 1n;
    lastBlock = block;
    try {
      const logs = await c.publicClient.getLogs({ address: feeds, event: devPriceFeedAbi.find((x) => x.type === "event" && x.name === "AnswerUpdated")!, fromBlock: from, toBlock: block });
      if (logs.length) lastUpdate = { block: logs[logs.length - 1]!.blockNumber!, seenAt: Date.now() };
    } catch {
      // Not a dev feed chain (or the RPC dropped the call): delays are then measured from the block.
    }
    await runScan();
  }

  /** Runs a scan, or queues one more if a scan is already running (never two at once). */
  const runScan = serialized(
    scan,
    (e) => {
      stats.errors++;
      log("scan-failed", { error: e.message.split("\n")[0] });
    },
    () => stopped,
  );

  const unwatch = c.publicClient.watchBlockNumber({ onBlockNumber: (b) => void onBlock(b), emitOnBegin: true, poll: true, pollingInterval: 100 });
  log("started", { account: c.account.address, liquidator, markets: deployment.markets.length });

  return {
    stats,
    /** Scans now (tests and benches), resolving when its transactions are sent. */
    scan: runScan,
    /** Resolves when no scan runs and no transaction of the keeper waits for its receipt. */
    async idle() {
      while (runScan.running() || inflight.size) {
        await runScan.running();
        await Promise.all([...inflight.values()]);
      }
    },
    async stop() {
      stopped = true;
      unwatch();
      await runScan.running();
      await Promise.all([...inflight.values()]);
      log("stopped", { ...stats, delaysMs: undefined, delayBlocks: undefined });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string", default: "http://127.0.0.1:8545" },
      chain: { type: "string", default: "31337" },
      batch: { type: "string", default: "25" },
      "min-profit-usd": { type: "string", default: "0" },
      "max-gwei": { type: "string", default: "500" },
    },
  });
  const keeper = startKeeper({
    rpcUrl: values.rpc,
    deployment: readDeployment(Number(values.chain)),
    batchSize: Number(values.batch),
    minProfitUsd: BigInt(Math.round(Number(values["min-profit-usd"]) * 1e6)) * 10n ** 12n,
    maxFeePerGas: BigInt(Math.round(Number(values["max-gwei"]) * 1e9)),
  });
  process.on("SIGINT", () => void keeper.stop().then(() => process.exit(0)));
}
