/**
 * Risk steward agent: for every collateral of every market it reads the model's inputs from the chain, computes the
 * risk model's recommendation (lib/risk-model), proposes the next bounded step through KeelRiskSteward when the
 * recommendation differs, and executes its changes once their wait is over. Every proposal is logged with its inputs;
 * the inputs are also recorded on-chain with the change. Stages, each testable alone:
 *   readInputs (feed history → EWMA volatility; vault book → largest positions; pool reserves; block time and gas)
 *   → recommendFor (lib/risk-model `recommend`) → planStep (`nextStep` + the steward's clock and pending changes)
 *   → propose → executeDue.
 *
 * Inputs: lib/risk-model/read.ts (the feed's own rounds through KeelLens.getFeedHistory; the indexer's market series is
 * not read yet).
 *
 * CLI: tsx agents/risk-steward.ts [--rpc URL] [--chain 31337] [--interval 60] [--rounds 500]
 */
import { parseArgs } from "node:util";
import type { Address, Hex } from "viem";
import { keelRiskAdminAbi, keelRiskStewardAbi } from "../contracts-abi";
import type { Deployment } from "../lib/config/deployment";
import { readCollateralInputs, type CollateralInputs } from "../lib/risk-model/read";
import { DEFAULT_POLICY, horizonSeconds, recommend, type ModelPolicy, type Recommendation } from "../lib/risk-model/model";
import { DEFAULT_STEWARD_RULES, nextStep } from "../lib/risk-model/steward";
import { readDeployment } from "../lib/server/config";
import { clientsFor } from "../lib/server/clients";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import { jsonLogger, type LogSink } from "./agent-log";
import { wadToNumber } from "../lib/engine/math";
import { sameAddress } from "../lib/config/address";

export interface RiskStewardOptions {
  rpcUrl: string;
  deployment: Deployment;
  key?: Hex;
  /** Seconds between rounds. */
  intervalSec?: number;
  /** Feed rounds read per asset for the volatility. */
  rounds?: number;
  policy?: ModelPolicy;
  log?: LogSink;
}

const toWad64 = (x: number) => BigInt(Math.round(Math.min(Math.max(x, 0), 1.8e1) * 1e6)) * 10n ** 12n;

export function startRiskSteward(opts: RiskStewardOptions) {
  const { deployment } = opts;
  const steward = deployment.contracts.steward;
  if (!steward) throw new Error(`chain ${deployment.chainId}: the deployment has no risk steward`);
  const c = clientsFor(opts.rpcUrl, deployment.chainId, opts.key ?? AGENT_KEYS.steward);
  const log = jsonLogger("risk-steward", opts.log);
  const policy = opts.policy ?? DEFAULT_POLICY;
  const stats = { rounds: 0, proposed: 0, executed: 0, failed: 0 };
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const symbolOf = (a: string) => deployment.assets.find((x) => sameAddress(x.address, a))?.symbol ?? a;
  if (!deployment.contracts.riskAdmin) throw new Error(`chain ${deployment.chainId}: the deployment has no risk admin`);
  const riskAdmin: Address = deployment.contracts.riskAdmin;

  /** Stage 1: the model's inputs for every listed collateral (lib/risk-model/read.ts, the same the /risk page shows). */
  async function readInputs(): Promise<CollateralInputs[]> {
    const all = await readCollateralInputs(c.publicClient, deployment, opts.rounds);
    for (const x of all) {
      if (Number.isNaN(x.sigma)) log("skip", { market: x.market, asset: x.symbol, reason: "not enough feed history for a volatility" });
      else if (Number.isNaN(x.priceImpact)) log("skip", { market: x.market, asset: x.symbol, reason: "no pool of the swap adapter to measure" });
    }
    return all.filter((x) => !Number.isNaN(x.sigma) && !Number.isNaN(x.priceImpact));
  }

  /** Stage 2 + 3: the recommendation and the step to propose now (null: nothing, with the reason logged). */
  async function planStep(x: CollateralInputs, now: bigint): Promise<{ rec: Recommendation; ltv: bigint; liquidationThreshold: bigint } | null> {
    const rec = recommend(x, policy);
    const where = { market: x.market, asset: x.symbol };
    if (!rec) {
      log("no-recommendation", {
        ...where,
        sigma: x.sigma,
        priceImpact: x.priceImpact,
        reason: "no LT meets the target: the collateral should not back debt",
      });
      return null;
    }
    const step = nextStep(x.current, rec, DEFAULT_STEWARD_RULES);
    if (!step) return null;
    const next = await c.publicClient.readContract({
      address: steward!,
      abi: keelRiskStewardAbi,
      functionName: "nextActionAt",
      args: [x.market, x.asset],
    });
    if (next > now) return null;
    const pending = await c.publicClient.readContract({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "pendingChanges" });
    const blocking = pending.find((p) => p.kind === 0 && p.market === x.market && p.asset === x.asset && p.expiresAt >= now);
    if (blocking) return null;
    return { rec, ltv: step.ltv, liquidationThreshold: step.liquidationThreshold };
  }

  /** Stage 4: propose through the steward, with the inputs recorded on-chain and in the log. */
  async function propose(x: CollateralInputs, plan: { rec: Recommendation; ltv: bigint; liquidationThreshold: bigint }) {
    const inputs = {
      volatility: toWad64(x.sigma),
      liquidationSeconds: BigInt(Math.round(x.liquidationSeconds)),
      priceImpact: toWad64(x.priceImpact),
      insolvencyOdds: toWad64(plan.rec.insolvencyOdds),
    };
    const fields = {
      market: x.market,
      asset: x.symbol,
      from: { ltv: wadToNumber(x.current.ltv), lt: wadToNumber(x.current.liquidationThreshold) },
      to: { ltv: wadToNumber(plan.ltv), lt: wadToNumber(plan.liquidationThreshold) },
      recommendation: {
        ltv: wadToNumber(plan.rec.ltv),
        lt: wadToNumber(plan.rec.liquidationThreshold),
        maxDiscount: wadToNumber(plan.rec.maxDiscount),
        insolvencyOdds: plan.rec.insolvencyOdds,
      },
      inputs: {
        sigma: x.sigma,
        liquidationSeconds: x.liquidationSeconds,
        horizonSeconds: horizonSeconds(x, policy),
        priceImpact: x.priceImpact,
        positions: x.positions,
        heartbeat: x.heartbeat,
        blockSeconds: x.blockSeconds,
      },
    };
    try {
      const receipt = await c.send({
        address: steward!,
        abi: keelRiskStewardAbi,
        functionName: "propose",
        args: [x.market, x.asset, plan.ltv, plan.liquidationThreshold, inputs],
      });
      stats.proposed++;
      log("proposed", { ...fields, tx: receipt.transactionHash });
    } catch (e) {
      stats.failed++;
      log("propose-failed", { ...fields, error: (e as Error).message.split("\n")[0] });
    }
  }

  /** Stage 5: execute every change of the steward whose wait is over and that is still pending. */
  async function executeDue(now: bigint) {
    const changes = await c.publicClient.readContract({ address: steward!, abi: keelRiskStewardAbi, functionName: "changes" });
    const pending = await c.publicClient.readContract({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "pendingChanges" });
    for (const ch of changes) {
      if (ch.executedAt !== 0n || ch.executableAt > now || ch.expiresAt < now || !pending.some((p) => p.id === ch.changeId)) continue;
      try {
        const receipt = await c.send({ address: steward!, abi: keelRiskStewardAbi, functionName: "execute", args: [ch.changeId] });
        stats.executed++;
        log("executed", { changeId: ch.changeId, asset: symbolOf(ch.asset), tx: receipt.transactionHash });
      } catch (e) {
        stats.failed++;
        log("execute-failed", { changeId: ch.changeId, error: (e as Error).message.split("\n")[0] });
      }
    }
  }

  /** One round: execute what is due, then propose what the model asks for. */
  async function round() {
    stats.rounds++;
    const now = (await c.publicClient.getBlock()).timestamp;
    await executeDue(now);
    for (const x of await readInputs()) {
      const plan = await planStep(x, now);
      if (plan) await propose(x, plan);
    }
  }

  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = round()
      .catch((e: Error) => log("round-failed", { error: e.message.split("\n")[0] }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, (opts.intervalSec ?? 60) * 1000);
      });
  };
  tick();
  return {
    stats,
    /** Runs one round now (after the one in flight). */
    async runOnce() {
      await running;
      await round();
    },
    readInputs,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string", default: "http://127.0.0.1:8545" },
      chain: { type: "string", default: "31337" },
      interval: { type: "string", default: "60" },
      rounds: { type: "string", default: "500" },
    },
  });
  const agent = startRiskSteward({
    rpcUrl: values.rpc,
    deployment: readDeployment(Number(values.chain)),
    intervalSec: Number(values.interval),
    rounds: Number(values.rounds),
  });
  process.on("SIGINT", () => void agent.stop().then(() => process.exit(0)));
}
