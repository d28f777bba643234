/**
 * Reputation scorer agent: the one attester of the local reputation source (anvil #9). Each round it builds every
 * account's record in Keel from the markets' events (lib/reputation), scores it, and keeps the attestations in step:
 *   readRecords (events → records) → plan (score vs the honoured record: attest, revoke or nothing) → attest / revoke.
 * An account is (re)attested when its score differs from its honoured one, or that record expires within REFRESH; an
 * account whose score fell to 0 has its record revoked. Attestations are valid VALIDITY (≤ KeelReputation.MAX_VALIDITY).
 * Every action is logged with the record's inputs.
 *
 * CLI: tsx agents/reputation-scorer.ts [--rpc URL] [--chain 31337] [--interval 60]
 */
import { parseArgs } from "node:util";
import { encodeAbiParameters, parseAbiParameters, zeroHash, type Address, type Hex } from "viem";
import { ieasAbi } from "../contracts-abi";
import type { Deployment } from "../lib/config/deployment";
import { readHonouredRecord, readVaultEvents, type HonouredRecord } from "../lib/reputation/read";
import { buildRecords } from "../lib/reputation/record";
import { DEFAULT_SCORE_POLICY, RECORD_SCHEMA, scoreRecord, type AccountRecord, type ScorePolicy } from "../lib/reputation/score";
import { readDeployment } from "../lib/server/config";
import { clientsFor } from "../lib/server/clients";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import { jsonLogger, type LogSink } from "./agent-log";

/** How long an attestation is valid. */
export const VALIDITY_SECONDS = 7 * 86_400;
/** A record expiring within this is renewed. */
export const REFRESH_SECONDS = 86_400;

export interface ReputationScorerOptions {
  rpcUrl: string;
  deployment: Deployment;
  key?: Hex;
  intervalSec?: number;
  policy?: ScorePolicy;
  log?: LogSink;
}

export type ScorerAction =
  | { kind: "attest"; account: Address; score: number; record: AccountRecord }
  | { kind: "revoke"; account: Address; uid: Hex; score: number; record: AccountRecord };

/** What to do for one account: attest its new score, revoke a record whose score fell to 0, or nothing (null). */
export function planFor(account: Address, score: number, record: AccountRecord, honoured: HonouredRecord | null, now: number): ScorerAction | null {
  if (score === 0) return honoured ? { kind: "revoke", account, uid: honoured.uid, score, record } : null;
  if (honoured && honoured.score === score && honoured.expiry - now > REFRESH_SECONDS) return null;
  return { kind: "attest", account, score, record };
}

/** The record schema's data for `score` and `r`. */
export function encodeRecord(score: number, r: AccountRecord): Hex {
  return encodeAbiParameters(parseAbiParameters(RECORD_SCHEMA), [
    score,
    BigInt(r.firstSeen),
    r.repayments,
    r.liquidations,
    r.closedWithoutLoss,
    r.closedWithLoss,
    r.asOfBlock,
  ]);
}

export function startReputationScorer(opts: ReputationScorerOptions) {
  const rep = opts.deployment.reputation;
  if (!rep) throw new Error(`chain ${opts.deployment.chainId}: the deployment has no reputation source`);
  const c = clientsFor(opts.rpcUrl, opts.deployment.chainId, opts.key ?? AGENT_KEYS.attester);
  const log = jsonLogger("reputation-scorer", opts.log);
  const policy = opts.policy ?? DEFAULT_SCORE_POLICY;
  const stats = { rounds: 0, attested: 0, revoked: 0, failed: 0 };
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Stage 1: every account's record and score now. */
  async function readScores() {
    const { events, asOfBlock } = await readVaultEvents(c.publicClient, opts.deployment);
    const now = Number((await c.publicClient.getBlock({ blockNumber: asOfBlock })).timestamp);
    const records = buildRecords(events, asOfBlock);
    return { now, scores: [...records].map(([account, record]) => ({ account: account as Address, record, ...scoreRecord(record, now, policy) })) };
  }

  /** Stage 2 + 3: plan against the honoured records, then attest or revoke. */
  async function act(a: ScorerAction) {
    const inputs = { account: a.account, score: a.score, ...a.record, asOfBlock: a.record.asOfBlock.toString() };
    try {
      const receipt =
        a.kind === "attest"
          ? await c.send({
              address: rep!.eas,
              abi: ieasAbi,
              functionName: "attest",
              args: [
                {
                  schema: rep!.recordSchema,
                  data: {
                    recipient: a.account,
                    expirationTime: BigInt(Number((await c.publicClient.getBlock()).timestamp) + VALIDITY_SECONDS),
                    revocable: true,
                    refUID: zeroHash,
                    data: encodeRecord(a.score, a.record),
                    value: 0n,
                  },
                },
              ],
            })
          : await c.send({
              address: rep!.eas,
              abi: ieasAbi,
              functionName: "revoke",
              args: [{ schema: rep!.recordSchema, data: { uid: a.uid, value: 0n } }],
            });
      if (a.kind === "attest") stats.attested++;
      else stats.revoked++;
      log(a.kind === "attest" ? "attested" : "revoked", { ...inputs, tx: receipt.transactionHash });
    } catch (e) {
      stats.failed++;
      log(`${a.kind}-failed`, { ...inputs, error: (e as Error).message.split("\n")[0] });
    }
  }

  async function round() {
    stats.rounds++;
    const { now, scores } = await readScores();
    for (const s of scores) {
      const honoured = await readHonouredRecord(c.publicClient, rep!, s.account);
      const a = planFor(s.account, s.score, s.record, honoured, now);
      if (a) await act(a);
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
    readScores,
    /** Runs one round now (after the one in flight). */
    async runOnce() {
      await running;
      await round();
    },
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
    },
  });
  const agent = startReputationScorer({ rpcUrl: values.rpc, deployment: readDeployment(Number(values.chain)), intervalSec: Number(values.interval) });
  process.on("SIGINT", () => void agent.stop().then(() => process.exit(0)));
}
