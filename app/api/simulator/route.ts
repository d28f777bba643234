/**
 * The market simulator's scenarios, triggered from the app — local chains only. POST { chainId, scenario } starts a
 * named scenario (agents/scenarios.ts) on the chain's dev feeds with the dev feed owner's anvil key, which stays on the
 * server; GET ?chainId= reports the scenario running there. Refused unless the chain's deployment is a local one (it
 * has `dev`) and its RPC answers as anvil.
 */
import { NextResponse } from "next/server";
import { runScenario } from "@/agents/market-simulator";
import { isScenario, SCENARIOS, type ScenarioRun } from "@/agents/scenarios";
import { loadChainConfigs } from "@/lib/server/config";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Run = ScenarioRun;

// One scenario per chain, kept across requests of this server process.
const runs: Map<number, Run> = ((globalThis as { __keelScenarioRuns?: Map<number, Run> }).__keelScenarioRuns ??= new Map());

async function localChain(chainId: number) {
  const chain = loadChainConfigs().find((c) => c.id === chainId);
  if (!chain) return { error: `chain ${chainId} is not configured`, status: 404 } as const;
  if (!chain.deployment?.dev)
    return { error: `chain ${chainId} is not a local chain: scenarios only run on the local dev chain`, status: 403 } as const;
  try {
    const res = await fetch(chain.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "web3_clientVersion", params: [] }),
      signal: AbortSignal.timeout(3_000),
    });
    const body = (await res.json()) as { result?: string };
    if (
      !String(body.result ?? "")
        .toLowerCase()
        .includes("anvil")
    ) {
      return { error: `chain ${chainId}'s RPC is not a local anvil node`, status: 403 } as const;
    }
  } catch {
    return { error: `chain ${chainId}'s RPC ${chain.rpcUrl} does not answer`, status: 502 } as const;
  }
  return { chain, deployment: chain.deployment } as const;
}

export async function GET(req: Request) {
  const chainId = Number(new URL(req.url).searchParams.get("chainId"));
  return NextResponse.json({ scenarios: SCENARIOS, run: runs.get(chainId) ?? null });
}

export async function POST(req: Request) {
  let body: { chainId?: unknown; scenario?: unknown; stepSeconds?: unknown };
  try {
    body = (await req.json()) as typeof body;
  } catch {
    return NextResponse.json({ error: "the body must be JSON: { chainId, scenario }" }, { status: 400 });
  }
  const chainId = Number(body.chainId);
  const scenario = String(body.scenario ?? "");
  if (!Number.isInteger(chainId)) return NextResponse.json({ error: "chainId must be a number" }, { status: 400 });
  if (!isScenario(scenario)) return NextResponse.json({ error: `unknown scenario "${scenario}": one of ${SCENARIOS.join(", ")}` }, { status: 400 });
  const stepSeconds = body.stepSeconds === undefined ? 10 : Number(body.stepSeconds);
  if (!Number.isFinite(stepSeconds) || stepSeconds < 1 || stepSeconds > 120) {
    return NextResponse.json({ error: "stepSeconds must be from 1 to 120" }, { status: 400 });
  }
  // Claim the chain BEFORE any await: a double click sends two requests, and both would pass a check made before the
  // RPC probe below and record after it (two runs, one dying on the feed owner's nonce). The claim is synchronous,
  // so the second request sees the first one's run and is refused; a failed probe releases it.
  const current = runs.get(chainId);
  if (current && current.finishedAt === undefined) {
    return NextResponse.json({ error: `a ${current.scenario} scenario is already running on chain ${chainId}`, run: current }, { status: 409 });
  }
  const run: Run = { scenario, step: 0, of: 0, startedAt: Date.now() };
  runs.set(chainId, run);
  const local = await localChain(chainId);
  if ("error" in local) {
    if (runs.get(chainId) === run) {
      if (current) runs.set(chainId, current);
      else runs.delete(chainId);
    }
    return NextResponse.json({ error: local.error }, { status: local.status });
  }
  void runScenario({
    rpcUrl: local.chain.rpcUrl,
    deployment: local.deployment,
    name: scenario,
    stepSeconds,
    log: (line) => {
      const e = JSON.parse(line) as { event: string; step?: number; of?: number; steps?: number };
      if (e.event === "scenario-start") run.of = e.steps ?? 0;
      if (e.event === "scenario-step") run.step = e.step ?? run.step;
    },
  })
    .catch((e: Error) => {
      run.error = e.message.split("\n")[0];
    })
    .finally(() => {
      run.finishedAt = Date.now();
    });
  return NextResponse.json({ run }, { status: 202 });
}
