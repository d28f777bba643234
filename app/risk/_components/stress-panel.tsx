"use client";
import type { StressResult } from "@/lib/stress";
import { usd } from "./usd";

/**
 * A price-fall slider per collateral and one that moves them all; the scenario's results, recomputed on every move
 * (lib/stress.ts, one pass over the book's typed arrays), with the time it took.
 */
export function StressPanel({
  symbols,
  shocks,
  onChange,
  result,
  computeMs,
  totalDebt,
}: {
  symbols: string[];
  /** Percent falls, per collateral. */
  shocks: number[];
  onChange(next: number[]): void;
  result: StressResult;
  computeMs: number;
  totalDebt: number;
}) {
  const all = shocks.every((s) => s === shocks[0]) ? shocks[0]! : null;
  const slider = (label: string, value: number, set: (v: number) => void, testId: string, strong = false, shown?: string) => (
    <label key={testId} className="grid grid-cols-[6rem_1fr_3.5rem] items-center gap-3 text-sm">
      <span className={strong ? "font-medium text-slate-100" : "text-slate-300"}>{label}</span>
      <input
        type="range"
        min={0}
        max={90}
        step={1}
        value={value}
        aria-label={`${label} price fall`}
        data-testid={testId}
        onChange={(e) => set(Number(e.target.value))}
        className="accent-rose-500"
      />
      <span className="text-right font-mono tabular-nums text-slate-200" data-testid={`${testId}-value`}>
        {shown ?? (value === 0 ? "0%" : `−${value}%`)}
      </span>
    </label>
  );
  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" aria-label="Stress test" data-testid="stress-panel">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-slate-400">Stress test</h2>
        <span className="text-xs text-slate-400" data-testid="stress-time">
          recomputed over the whole book in {computeMs < 0.1 ? "< 0.1" : computeMs.toFixed(1)} ms
        </span>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <div className="space-y-3">
          {slider("All together", all ?? Math.max(...shocks), (v) => onChange(shocks.map(() => v)), "shock-all", true, all === null ? "mixed" : undefined)}
          {symbols.map((s, j) => slider(s, shocks[j]!, (v) => onChange(shocks.map((x, i) => (i === j ? v : x))), `shock-${s}`))}
          {shocks.some((s) => s > 0) && (
            <button type="button" onClick={() => onChange(shocks.map(() => 0))} className="text-xs text-sky-300 hover:underline">
              Reset to today&apos;s prices
            </button>
          )}
        </div>
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <Result label="Liquidatable vaults" testId="stress-liquidatable" value={result.liquidatable.toLocaleString("en-US")} sub={`of ${result.vaultsWithDebt.toLocaleString("en-US")} with debt`} />
          <Result
            label="Debt affected"
            testId="stress-debt"
            value={usd(result.debtValue)}
            sub={totalDebt > 0 ? `${((result.debtValue / totalDebt) * 100).toFixed(1)}% of all debt` : undefined}
          />
          <Result label="Their collateral" testId="stress-collateral" value={usd(result.collateralValue)} sub="at the stressed prices" />
          <Result
            label="Bad debt after liquidation"
            testId="stress-bad-debt"
            value={usd(result.badDebt)}
            sub="collateral short of debt + discount"
            alarm={result.badDebt > 0}
          />
        </dl>
      </div>
      <p className="mt-3 text-xs text-slate-400">
        A vault is liquidatable when Σ collateral × liquidation threshold falls below its debt. Bad debt assumes each liquidatable vault is
        liquidated in full at the stressed prices, liquidators paid the engine&apos;s discount clamp(1 − HF, 1%, max discount of the asset):
        debt − Σ collateral ÷ (1 + discount), when positive. The debt asset&apos;s price is held.
      </p>
    </section>
  );
}

function Result({ label, value, sub, testId, alarm }: { label: string; value: string; sub?: string; testId: string; alarm?: boolean }) {
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-950/40 px-3 py-2">
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className={`mt-0.5 font-mono text-lg tabular-nums ${alarm ? "text-rose-300" : "text-slate-100"}`} data-testid={testId}>
        {value}
      </dd>
      {sub && <dd className="text-xs text-slate-400">{sub}</dd>}
    </div>
  );
}
