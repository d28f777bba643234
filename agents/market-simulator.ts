/**
 * The local chain's market: a random walk on every dev feed (agents/price-simulator.ts) plus named scenarios
 * (agents/scenarios.ts) played on the feeds, with the Uniswap V2 pools arbitraged back to the feeds after every move.
 *
 * CLI: tsx agents/market-simulator.ts [--rpc URL] [--chain 31337] [--interval 15] [--volatility 0.002]
 *        [--vol WETH=0.004,WBTC=0.003] [--drift WETH=-0.001] [--scenario crash|flash-crash|stale|bleed]
 *        [--steps 12] [--step-seconds 10] [--asset WETH] [--no-walk]
 */
import { parseArgs } from "node:util";
import { getAddress, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devPriceFeedAbi, keelOracleAbi } from "../contracts-abi";
import type { DeployedAsset, Deployment } from "../lib/config/deployment";
import { readDeployment } from "../lib/server/config";
import { ANVIL_KEYS } from "../lib/server/dev-keys";
import { clientsFor } from "../lib/server/clients";
import { alignPools, findPools } from "./amm-arbitrage";
import { startPriceSimulator } from "./price-simulator";
import { applyFactor, isScenario, isStable, scenarioSteps, SCENARIOS, type ScenarioName } from "./scenarios";

/** The anvil key that owns the deployment's dev feeds; throws when the deployment is not a local one. */
export function feedOwnerKey(deployment: Deployment): Hex {
  const owner = deployment.dev?.feedOwner;
  if (!owner) throw new Error(`chain ${deployment.chainId} is not a local chain (its deployment has no dev feeds)`);
  const key = ANVIL_KEYS.find((k) => privateKeyToAccount(k).address === getAddress(owner));
  if (!key) throw new Error(`the dev feed owner ${owner} is not one of anvil's accounts`);
  return key;
}

export interface ScenarioOptions {
  rpcUrl: string;
  deployment: Deployment;
  name: ScenarioName;
  /** Number of steps (crash / bleed / stale); flash-crash has its own shape. */
  steps?: number;
  /** Seconds between steps. */
  stepSeconds: number;
  /** Symbols the scenario moves (default: every non-stable asset); the stale scenario uses the first. */
  assets?: string[];
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface ScenarioResult {
  name: ScenarioName;
  steps: number;
  /** Feed answers at the start and at the end, by symbol. */
  start: Record<string, bigint>;
  end: Record<string, bigint>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/** Plays scenario `name` on the deployment's dev feeds, arbitraging the pools after every step. */
export async function runScenario(opts: ScenarioOptions): Promise<ScenarioResult> {
  const { deployment } = opts;
  const log = opts.log ?? (() => {});
  const c = clientsFor(opts.rpcUrl, deployment.chainId, feedOwnerKey(deployment));
  const moved: DeployedAsset[] = opts.assets?.length
    ? opts.assets.map((s) => {
        const a = deployment.assets.find((x) => x.symbol === s);
        if (!a) throw new Error(`unknown asset ${s} (the deployment has ${deployment.assets.map((x) => x.symbol).join(", ")})`);
        return a;
      })
    : deployment.assets.filter((a) => !isStable(a.symbol));
  const answer = async (a: DeployedAsset) =>
    (await c.publicClient.readContract({ address: a.feed, abi: devPriceFeedAbi, functionName: "latestRoundData" }))[1];
  const start: Record<string, bigint> = {};
  for (const a of moved) start[a.symbol] = await answer(a);
  const staleAsset = moved[0];
  const heartbeat = staleAsset
    ? (
        await c.publicClient.readContract({
          address: deployment.contracts.oracle,
          abi: keelOracleAbi,
          functionName: "peek",
          args: [staleAsset.address],
        })
      ).heartbeat
    : 0;
  const pools = await findPools(opts.rpcUrl, deployment);
  const steps = scenarioSteps(opts.name, opts.steps);
  log(JSON.stringify({ agent: "simulator", event: "scenario-start", scenario: opts.name, steps: steps.length, assets: moved.map((a) => a.symbol) }));
  for (const [i, step] of steps.entries()) {
    if (opts.signal?.aborted) break;
    for (const a of moved) {
      const price = applyFactor(start[a.symbol]!, step.factor);
      if (step.stale && a === staleAsset) {
        const now = (await c.publicClient.getBlock()).timestamp;
        await c.send({ address: a.feed, abi: devPriceFeedAbi, functionName: "setAnswerAt", args: [price, now - BigInt(heartbeat) - 60n] });
      } else {
        await c.send({ address: a.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [price] });
      }
    }
    const trades = await alignPools({ rpcUrl: opts.rpcUrl, deployment, pools });
    log(
      JSON.stringify({
        agent: "simulator",
        event: "scenario-step",
        scenario: opts.name,
        step: i + 1,
        of: steps.length,
        factor: step.factor,
        stale: !!step.stale,
        poolTrades: trades.length,
      }),
    );
    if (i < steps.length - 1) await sleep(opts.stepSeconds * 1000, opts.signal);
  }
  const end: Record<string, bigint> = {};
  for (const a of moved) end[a.symbol] = await answer(a);
  log(JSON.stringify({ agent: "simulator", event: "scenario-end", scenario: opts.name }));
  return { name: opts.name, steps: steps.length, start, end };
}

/** Parses "WETH=0.004,WBTC=0.003" into { WETH: 0.004, WBTC: 0.003 }; throws on a malformed entry. */
export function parseAssetNumbers(flag: string | undefined, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  if (!flag) return out;
  for (const part of flag.split(",")) {
    const [sym, v] = part.split("=");
    const n = Number(v);
    if (!sym || v === undefined || !Number.isFinite(n)) throw new Error(`--${name}: expected SYMBOL=number[,SYMBOL=number], got "${part}"`);
    out[sym.trim()] = n;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string", default: "http://127.0.0.1:8545" },
      chain: { type: "string", default: "31337" },
      interval: { type: "string", default: "15" },
      volatility: { type: "string", default: "0.002" },
      vol: { type: "string" },
      drift: { type: "string" },
      scenario: { type: "string" },
      steps: { type: "string" },
      "step-seconds": { type: "string", default: "10" },
      asset: { type: "string" },
      "no-walk": { type: "boolean", default: false },
    },
  });
  const deployment = readDeployment(Number(values.chain));
  const vols = parseAssetNumbers(values.vol, "vol");
  const drifts = parseAssetNumbers(values.drift, "drift");
  const perAsset = Object.fromEntries(
    [...new Set([...Object.keys(vols), ...Object.keys(drifts)])].map((s) => [s, { volatility: vols[s], drift: drifts[s] }]),
  );
  let playing = false;
  const walk = values["no-walk"]
    ? null
    : startPriceSimulator({
        rpcUrl: values.rpc,
        deployment,
        intervalSec: Number(values.interval),
        volatility: Number(values.volatility),
        perAsset,
        paused: () => playing,
        log: console.log,
      });
  if (walk) console.log(`market simulator: random walk every ${values.interval}s, σ=${values.volatility}`);
  if (values.scenario) {
    if (!isScenario(values.scenario)) {
      console.error(`unknown scenario "${values.scenario}": choose one of ${SCENARIOS.join(", ")}`);
      process.exit(1);
    }
    playing = true;
    runScenario({
      rpcUrl: values.rpc,
      deployment,
      name: values.scenario,
      steps: values.steps ? Number(values.steps) : undefined,
      stepSeconds: Number(values["step-seconds"]),
      assets: values.asset ? values.asset.split(",") : undefined,
      log: console.log,
    })
      .then(() => {
        playing = false;
        if (!walk) process.exit(0);
      })
      .catch((e: Error) => {
        console.error(`scenario failed: ${e.message.split("\n")[0]}`);
        process.exit(1);
      });
  }
}
