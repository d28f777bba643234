"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { isScenario, SCENARIOS, type ScenarioName, type ScenarioRun } from "@/agents/scenarios";
import type { ChainConfig } from "@/lib/config/chains";

type RunState = ScenarioRun;

/**
 * Market scenarios for a local chain (crash, flash crash, stale feed, slow bleed), played by the server on the dev
 * feeds (app/api/simulator). Rendered only for chains whose deployment is local.
 */
export function SimulatorPanel({ chain }: { chain: ChainConfig }) {
  const t = useTranslations("simulator");
  const title = (s: string) => (isScenario(s) ? t(`${s}.title`) : s);
  const queryClient = useQueryClient();
  const key = ["keel", "simulator", chain.id];
  const status = useQuery({
    queryKey: key,
    refetchInterval: 2_000,
    queryFn: async (): Promise<RunState | null> => {
      const res = await fetch(`/api/simulator?chainId=${chain.id}`);
      if (!res.ok) throw new Error(t("noAnswer", { status: res.status }));
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
      if (!res.ok) throw new Error(body.error ?? t("refused", { status: res.status }));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  if (!chain.deployment?.dev) return null;
  const run = status.data;
  const running = run != null && run.finishedAt === undefined;
  return (
    <div className="space-y-3 rounded-xl border border-violet-900/60 bg-violet-950/20 p-4" data-testid={`simulator-${chain.id}`}>
      <div>
        <h3 className="font-medium">{t("title", { chain: chain.name })}</h3>
        <p className="text-xs text-slate-400">{t("intro")}</p>
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
            <div className="text-sm font-medium">{t(`${s}.title`)}</div>
            <div className="text-xs text-slate-400">{t(`${s}.description`)}</div>
          </button>
        ))}
      </div>
      <div className="text-xs" role="status" data-testid="simulator-status">
        {start.error ? (
          <span className="text-rose-300">{t("notStarted", { why: start.error.message })}</span>
        ) : status.error ? (
          <span className="text-rose-300">{status.error.message}</span>
        ) : running ? (
          <span className="text-violet-300">{t("step", { scenario: title(run.scenario), step: run.step, of: run.of || "…" })}</span>
        ) : run ? (
          <span className={run.error ? "text-rose-300" : "text-slate-400"}>
            {run.error ? t("failed", { scenario: title(run.scenario), why: run.error }) : t("finished", { scenario: title(run.scenario) })}
          </span>
        ) : (
          <span className="text-slate-400">{t("none")}</span>
        )}
      </div>
    </div>
  );
}
