import { parseUnits, type Address } from "viem";
import { devPriceFeedAbi } from "../contracts-abi";
import type { Deployment } from "../lib/config/deployment";
import { ANVIL_KEYS } from "../lib/server/dev-keys";
import { clientsFor } from "../lib/server/clients";
import { alignPools, findPools, type PoolState } from "./amm-arbitrage";

export interface SimulatorOptions {
  rpcUrl: string;
  deployment: Deployment;
  /** Seconds between price updates. */
  intervalSec: number;
  /** Standard deviation of one step's log return, e.g. 0.002 = 0.2 %. Stablecoins move a tenth of it. */
  volatility: number;
  /** Per-asset overrides by symbol: volatility (σ per step) and drift (mean log return per step, e.g. -0.001). */
  perAsset?: Record<string, { volatility?: number; drift?: number }>;
  /** While this returns true (a scenario is playing) the walk leaves the feeds alone. */
  paused?: () => boolean;
  log?: (line: string) => void;
}

/** One step of a log-normal random walk: price × exp(μ + σ·z − σ²/2), z standard normal (Box–Muller), μ the drift. */
export function randomWalkStep(price: bigint, sigma: number, rand: () => number = Math.random, drift = 0): bigint {
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const factor = Math.exp(drift + sigma * z - (sigma * sigma) / 2);
  // Scale through 1e9 so the bigint price keeps its precision.
  return (price * BigInt(Math.round(factor * 1e9))) / 1_000_000_000n;
}

/**
 * Moves every dev feed of the deployment on a timer, so the local chain's prices live (and never go stale), then
 * arbitrages the local Uniswap V2 pools back to the new prices (agents/amm-arbitrage.ts). Its command line is
 * agents/market-simulator.ts (this walk plus the scenarios).
 */
export function startPriceSimulator(opts: SimulatorOptions): { stop(): void } {
  const { send, publicClient } = clientsFor(opts.rpcUrl, opts.deployment.chainId, ANVIL_KEYS[0]!);
  const log = opts.log ?? (() => {});
  let busy = false;
  let pools: PoolState[] | null = null;
  const tick = async () => {
    if (busy || opts.paused?.()) return;
    busy = true;
    try {
      for (const asset of opts.deployment.assets) {
        const feed: Address = asset.feed;
        const [, answer] = await publicClient.readContract({ address: feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
        const own = opts.perAsset?.[asset.symbol];
        const sigma = own?.volatility ?? (asset.symbol.startsWith("USD") ? opts.volatility / 10 : opts.volatility);
        let next = randomWalkStep(answer, sigma, Math.random, own?.drift ?? 0);
        if (asset.symbol.startsWith("USD")) next = (next + parseUnits("1", 8)) / 2n; // mean-revert the peg
        await send({ address: feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [next] });
      }
      pools ??= await findPools(opts.rpcUrl, opts.deployment);
      const trades = await alignPools({ rpcUrl: opts.rpcUrl, deployment: opts.deployment, pools });
      log(`prices moved at ${new Date().toISOString()}; ${trades.length} pool(s) arbitraged`);
    } catch (e) {
      log(`price simulator: ${(e as Error).message.split("\n")[0]}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalSec * 1000);
  return { stop: () => clearInterval(timer) };
}
