"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { SCENARIO_INFO, SCENARIOS, type ScenarioName, type ScenarioRun } from "@/agents/scenarios";
import type { ChainConfig } from "@/lib/server/config";

type RunState = ScenarioRun;

/**
 * Market scenarios for a local chain (crash, flash crash, stale feed, slow bleed), played by the server on the dev
 * feeds (app/api/simulator). Rendered only for chains whose deployment is local.
 */
export function SimulatorPanel({ chain }: { chain: ChainConfig }) {
  const queryClient = useQueryClient();
  const key = ["keel", "simulator", chain.id];
  const status = useQuery({
    queryKey: key,
    refetchInterval: 2_000,
    queryFn: async (): Promise<RunState | null> => {
      const res = await fetch(`/api/simulator?chainId=${chain.id}`);
      if (!res.ok) throw new Error(`the simulator did not answer (${res.status})`);
      return ((await res.json()) as { run: RunState | null }).run;
    },
  });
  const start = useMutation({
    mutationFn: async (scenario: ScenarioName) => {
      const res = await fetch("/api/simulator", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chainId: chain.id, scenario }),
      });
      const body = (await res.json()) as { error?: string };
      if (!res.ok) throw new Error(body.error ?? `refused (${res.status})`);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  if (!chain.deployment?.dev) return null;
  const run = status.data;
  const running = run != null && run.finishedAt === undefined;
  return (
    <div className="space-y-3 rounded-xl border border-violet-900/60 bg-violet-950/20 p-4" data-testid={`simulator-${chain.id}`}>
      <div>
        <h3 className="font-medium">Market simulator · {chain.name}</h3>
        <p className="text-xs text-slate-400">
          Local chain only. Plays a scenario on the dev price feeds (a step every 10 s) and arbitrages the pools after each step; the
          keeper and the guard executor react as they would on a real network.
        </p>
      </div>
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {SCENARIOS.map((s) => (
          <button
            key={s}
            type="button"
            disabled={running || start.isPending}
            onClick={() => start.mutate(s)}
            className="rounded-lg border border-slate-700 bg-slate-900 px-3 py-2 text-left hover:border-violet-500 disabled:opacity-50"
            data-testid={`scenario-${s}`}
          >
            <div className="text-sm font-medium">{SCENARIO_INFO[s].title}</div>
            <div className="text-xs text-slate-400">{SCENARIO_INFO[s].description}</div>
          </button>
        ))}
      </div>
      <div className="text-xs" role="status" data-testid="simulator-status">
        {start.error ? (
          <span className="text-rose-300">Not started: {start.error.message}</span>
        ) : status.error ? (
          <span className="text-rose-300">{status.error.message}</span>
        ) : running ? (
          <span className="text-violet-300">
            {SCENARIO_INFO[run.scenario as ScenarioName]?.title ?? run.scenario}: step {run.step} of {run.of || "…"}
          </span>
        ) : run ? (
          <span className={run.error ? "text-rose-300" : "text-slate-400"}>
            {SCENARIO_INFO[run.scenario as ScenarioName]?.title ?? run.scenario} {run.error ? `failed: ${run.error}` : "finished"}
          </span>
        ) : (
          <span className="text-slate-400">No scenario has run since the app started.</span>
        )}
      </div>
    </div>
  );
}
