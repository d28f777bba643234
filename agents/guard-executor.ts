/**
 * Guard executor: executes KeelGuard rules and KeelAutomation rules (Keel, Aave v3 and Morpho Blue positions, every
 * rule kind) whose condition holds, and pokes trailing stops whose oracle price is above their recorded high. It learns the rules from the guard's events
 * (RuleSet / RuleRemoved since the deployment block, then as they come), asks the guard's own `plan` view for each
 * active rule on every new block (the guard computes the trigger, the amounts and the bounds — the executor decides
 * nothing the contract does not check), simulates `execute` and sends it, asking for the rule's fee cap. JSON-line
 * logs and counters.
 *
 * CLI: tsx agents/guard-executor.ts [--rpc URL] [--chain 31337]
 */
import { serialized } from "../lib/tx/serial";
import { parseArgs } from "node:util";
import { parseEventLogs, type Address, type Hex } from "viem";
import { keelAutomationAbi, keelGuardAbi } from "../contracts-abi";
import type { Deployment } from "../lib/config/deployment";
import { withGasMargin } from "../lib/tx/gas";
import { readDeployment } from "../lib/server/config";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import { clientsFor } from "../lib/server/clients";
import { jsonLogger, nonceManager, type LogSink } from "./agent-log";
import { sameAddress } from "../lib/config/address";

export interface GuardExecutorOptions {
  rpcUrl: string;
  deployment: Deployment;
  key?: Hex;
  log?: LogSink;
  /** Run a round on every new block (default). A test that moves prices in several transactions turns it off and
   * calls `run()` itself, so no round sees a half-moved market (the feed moved, the pools not yet traded to it). */
  watch?: boolean;
}

export interface GuardExecutorStats {
  blocks: number;
  rulesWatched: number;
  checks: number;
  executed: number;
  failed: number;
  /** Trailing-stop highs recorded or reset (KeelAutomation.poke). */
  pokes: number;
  /** Positions found emptied outside the guard whose rules were removed (an `execute` that clears instead of firing). */
  lapsed: number;
  fees: Record<string, bigint>;
}

/** KeelAutomation's rule kinds, in the contract's order. */
export const AUTOMATION_KINDS = ["deleverage", "stop-loss", "take-profit", "boost", "trailing-stop"] as const;
const TRAILING_STOP = 4;
/** KeelAutomation.Blocker.BelowMinimum. */
const BELOW_MINIMUM = 4;

interface AutomationRule {
  key: Hex;
  adapter: Address;
  position: Hex;
  kind: number;
  maxFeeBps: number;
}

type RuleKey = `${Address}:${bigint}:${number}`;
interface WatchedRule {
  market: Address;
  id: bigint;
  kind: number;
  maxFeeBps: number;
}

export function startGuardExecutor(opts: GuardExecutorOptions) {
  const { deployment } = opts;
  const guard = deployment.contracts.guard;
  if (!guard && !deployment.automation) throw new Error(`chain ${deployment.chainId}: the deployment has no guard`);
  const c = clientsFor(opts.rpcUrl, deployment.chainId, opts.key ?? AGENT_KEYS.guardExecutor);
  const log = jsonLogger("guard-executor", opts.log);
  const nonces = nonceManager(() => c.publicClient.getTransactionCount({ address: c.account.address, blockTag: "pending" }));
  const rules = new Map<RuleKey, WatchedRule>();
  const stats: GuardExecutorStats = { blocks: 0, rulesWatched: 0, checks: 0, executed: 0, failed: 0, pokes: 0, lapsed: 0, fees: {} };
  const automation = deployment.automation?.guard;
  const autoRules = new Map<Hex, AutomationRule>();
  let nextFrom = BigInt(deployment.deploymentBlock);
  let stopped = false;
  const symbolOfMarket = (m: Address) => {
    const base = deployment.markets.find((x) => sameAddress(x.address, m))?.baseAsset;
    return deployment.assets.find((a) => a.address === base)?.symbol ?? m;
  };

  /** Applies the guard's rule events from `nextFrom` to `to`. */
  async function syncRules(to: bigint) {
    if (to < nextFrom) return;
    const logs = guard ? await c.publicClient.getContractEvents({ address: guard, abi: keelGuardAbi, fromBlock: nextFrom, toBlock: to }) : [];
    for (const l of logs) {
      if (l.eventName === "RuleSet") {
        const a = l.args;
        rules.set(`${a.market!}:${a.id!}:${a.kind!}`, { market: a.market!, id: a.id!, kind: a.kind!, maxFeeBps: Number(a.maxFeeBps!) });
      } else if (l.eventName === "RuleRemoved") {
        rules.delete(`${l.args.market!}:${l.args.id!}:${l.args.kind!}`);
      }
    }
    if (automation) {
      const autoLogs = await c.publicClient.getContractEvents({ address: automation, abi: keelAutomationAbi, fromBlock: nextFrom, toBlock: to });
      for (const l of autoLogs) {
        if (l.eventName === "RuleSet") {
          const a = l.args;
          autoRules.set(a.key!, { key: a.key!, adapter: a.adapter!, position: a.position!, kind: a.kind!, maxFeeBps: Number(a.maxFeeBps!) });
        } else if (l.eventName === "RuleRemoved") {
          autoRules.delete(l.args.key!);
        }
      }
    }
    nextFrom = to + 1n;
    stats.rulesWatched = rules.size + autoRules.size;
  }

  /** Sends one guard transaction (simulated by the gas estimate first) and waits for it; throws when it reverts. */
  async function sendAndConfirm(request: {
    address: Address;
    abi: typeof keelAutomationAbi;
    functionName: "execute" | "poke";
    args: readonly unknown[];
  }) {
    const gas = await c.publicClient.estimateContractGas({ account: c.account, ...request } as never);
    const nonce = await nonces.take();
    let hash: Hex;
    try {
      // A Morpho market's interest accrual in the landing block can add storage writes the estimate did not see.
      hash = await c.walletClient.writeContract({ ...request, gas: withGasMargin(gas) + 100_000n, nonce } as never);
    } catch (e) {
      nonces.release(nonce);
      throw e;
    }
    nonces.sent(nonce, hash);
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 });
    nonces.mined(nonce);
    if (receipt.status !== "success") throw new Error(`${request.functionName} reverted (${hash})`);
    return receipt;
  }

  /** An `execute` that found the position emptied: its rules were cleared, nothing fired and no fee was paid. */
  function lapsed(r: AutomationRule, block: bigint) {
    stats.lapsed++;
    log("rules lapsed", { key: r.key, adapter: r.adapter, block });
  }

  /** One KeelAutomation rule: poke a trailing stop's high when the oracle is above it, execute when it can fire. */
  async function checkAutomation(r: AutomationRule) {
    stats.checks++;
    const args = [r.adapter, r.position, r.kind] as const;
    const rule = await c.publicClient.readContract({ address: automation!, abi: keelAutomationAbi, functionName: "getRule", args });
    if (rule.paused || rule.owner === "0x0000000000000000000000000000000000000000") return;
    const plan = await c.publicClient.readContract({
      address: automation!,
      abi: keelAutomationAbi,
      functionName: "plan",
      args: [...args, BigInt(rule.maxFeeBps)],
    });
    if (r.kind === TRAILING_STOP && plan.observed > rule.high && !plan.triggered) {
      const receipt = await sendAndConfirm({ address: automation!, abi: keelAutomationAbi, functionName: "poke", args: [r.adapter, r.position] });
      stats.pokes++;
      log("poked", { key: r.key, high: plan.observed, block: receipt.blockNumber });
      return;
    }
    if (plan.blocker === BELOW_MINIMUM) return lapseOrReset(r, rule.high, plan.observed);
    if (!plan.triggered || plan.blocker !== 0) return;
    const receipt = await sendAndConfirm({
      address: automation!,
      abi: keelAutomationAbi,
      functionName: "execute",
      args: [...args, BigInt(rule.maxFeeBps)],
    });
    // The position may have been emptied between the plan and the block (its owner unwound it): `execute` then
    // clears its rules and emits no RuleExecuted — a lapse, not an execution.
    const fired = parseEventLogs({ abi: keelAutomationAbi, logs: receipt.logs, eventName: "RuleExecuted" }).length > 0;
    if (!fired) {
      lapsed(r, receipt.blockNumber);
      return;
    }
    stats.executed++;
    log("executed", {
      key: r.key,
      adapter: r.adapter,
      kind: AUTOMATION_KINDS[r.kind] ?? r.kind,
      observed: plan.observed,
      sold: plan.sell,
      repaid: plan.repay,
      borrowed: plan.borrow,
      fee: plan.fee,
      gasUsed: receipt.gasUsed,
      hash: receipt.transactionHash,
      block: receipt.blockNumber,
    });
  }

  /**
   * A rule whose position holds less than its minimum. Emptied (unwound by hand, liquidated): `execute` removes every
   * rule of the position instead of firing and pays no fee, so a stale rule cannot fire on the owner's next position
   * at the same key. Only below the minimum: that `execute` reverts (nothing is sent) and a trailing stop's high is
   * reset to the price now by `poke`.
   */
  async function lapseOrReset(r: AutomationRule, high: bigint, price: bigint) {
    const args = [r.adapter, r.position, r.kind, 0n] as const;
    let empty = true;
    try {
      await c.publicClient.estimateContractGas({ account: c.account, address: automation!, abi: keelAutomationAbi, functionName: "execute", args });
    } catch {
      empty = false;
    }
    if (empty) {
      const receipt = await sendAndConfirm({ address: automation!, abi: keelAutomationAbi, functionName: "execute", args });
      lapsed(r, receipt.blockNumber);
    } else if (r.kind === TRAILING_STOP && high !== price) {
      const receipt = await sendAndConfirm({ address: automation!, abi: keelAutomationAbi, functionName: "poke", args: [r.adapter, r.position] });
      stats.pokes++;
      log("high reset", { key: r.key, high: price, block: receipt.blockNumber });
    }
  }

  async function check(r: WatchedRule) {
    stats.checks++;
    const rule = await c.publicClient.readContract({ address: guard!, abi: keelGuardAbi, functionName: "getRule", args: [r.market, r.id, r.kind] });
    if (rule.paused || rule.owner === "0x0000000000000000000000000000000000000000") return;
    const plan = await c.publicClient.readContract({
      address: guard!,
      abi: keelGuardAbi,
      functionName: "plan",
      args: [r.market, r.id, r.kind, BigInt(rule.maxFeeBps)],
    });
    if (!plan.triggered) return;
    const args = [r.market, r.id, r.kind, BigInt(rule.maxFeeBps)] as const;
    const gas = await c.publicClient.estimateContractGas({ account: c.account, address: guard!, abi: keelGuardAbi, functionName: "execute", args });
    const nonce = await nonces.take();
    let hash: `0x${string}`;
    try {
      hash = await c.walletClient.writeContract({
        address: guard!,
        abi: keelGuardAbi,
        functionName: "execute",
        args,
        gas: withGasMargin(gas),
        nonce,
      });
    } catch (e) {
      nonces.release(nonce); // the node refused it: the nonce is free again
      throw e;
    }
    nonces.sent(nonce, hash);
    {
      const receipt = await c.publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 });
      nonces.mined(nonce);
      if (receipt.status !== "success") throw new Error(`execute reverted (${hash})`);
      stats.executed++;
      const sym = symbolOfMarket(r.market);
      stats.fees[sym] = (stats.fees[sym] ?? 0n) + plan.fee;
      log("executed", {
        market: r.market,
        id: r.id,
        kind: r.kind === 0 ? "deleverage" : "stop-loss",
        observed: plan.observed,
        sold: plan.sell,
        repaid: plan.repay,
        fee: plan.fee,
        hash,
        block: receipt.blockNumber,
      });
    }
  }

  async function round() {
    const block = await c.publicClient.getBlockNumber();
    await syncRules(block);
    for (const r of [...rules.values()]) {
      if (stopped) return;
      try {
        await check(r);
      } catch (e) {
        // A stale price, a competitor first, the owner's LTV bound: the rule waits for the next block.
        stats.failed++;
        log("not-executed", { market: r.market, id: r.id, kind: r.kind, reason: (e as Error).message.split("\n")[0] });
      }
    }
    for (const r of [...autoRules.values()]) {
      if (stopped) return;
      try {
        await checkAutomation(r);
      } catch (e) {
        stats.failed++;
        log("not-executed", { key: r.key, kind: AUTOMATION_KINDS[r.kind] ?? r.kind, reason: (e as Error).message.split("\n")[0] });
      }
    }
  }

  const run = serialized(
    round,
    (e) => log("round-failed", { error: e.message.split("\n")[0] }),
    () => stopped,
  );

  const unwatch =
    opts.watch === false
      ? () => {}
      : c.publicClient.watchBlockNumber({
          onBlockNumber: () => {
            stats.blocks++;
            void run();
          },
          emitOnBegin: true,
          poll: true,
          pollingInterval: 100,
        });
  log("started", { account: c.account.address, guard });

  return {
    stats,
    run,
    async idle() {
      while (run.running()) await run.running();
    },
    async stop() {
      stopped = true;
      unwatch();
      await run.running();
      log("stopped", { ...stats });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { rpc: { type: "string", default: "http://127.0.0.1:8545" }, chain: { type: "string", default: "31337" } },
  });
  const executor = startGuardExecutor({ rpcUrl: values.rpc, deployment: readDeployment(Number(values.chain)) });
  process.on("SIGINT", () => void executor.stop().then(() => process.exit(0)));
}
