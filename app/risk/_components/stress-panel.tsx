"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { StressResult } from "@/lib/analytics/stress";

/**
 * A price-fall slider per collateral and one that moves them all; the scenario's results, recomputed on every move
 * (lib/analytics/stress.ts, one pass over the book's typed arrays), with the time it took.
 */
export function StressPanel({
  symbols,
  together,
  shocks,
  onChange,
  result,
  computeMs,
  totalDebt,
  fixedDiscount = false,
}: {
  symbols: string[];
  /** The collaterals "All together" moves (lib/analytics/stress.ts `togetherColumns`: every one but dollar stablecoins). */
  together: ArrayLike<number>;
  /** Percent falls, per collateral. */
  shocks: number[];
  onChange(next: number[]): void;
  result: StressResult;
  computeMs: number;
  totalDebt: number;
  /** The book's protocol pays a fixed liquidation discount (Aave, Morpho): the explanation says so. */
  fixedDiscount?: boolean;
}) {
  const t = useTranslations("risk.stress");
  const f = useFormat();
  const moved = shocks.filter((_, j) => together[j]);
  const all = moved.every((s) => s === moved[0]) ? moved[0]! : null;
  const butStable = moved.length < shocks.length;
  const slider = (label: string, value: number, set: (v: number) => void, testId: string, strong = false, shown?: string) => (
    <label key={testId} className="grid grid-cols-[5.5rem_minmax(0,1fr)_3.5rem] items-center gap-3 text-sm">
      <span className={strong ? "font-medium text-slate-100" : "text-slate-300"}>{label}</span>
      <input
        type="range"
        min={0}
        max={90}
        step={1}
        value={value}
        aria-label={t("priceFall", { asset: label })}
        data-testid={testId}
        onChange={(e) => set(Number(e.target.value))}
        className="min-w-0 accent-rose-500"
      />
      <span className="text-right font-mono tabular-nums text-slate-200" data-testid={`${testId}-value`}>
        {shown ?? (value === 0 ? t("none") : t("fall", { value }))}
      </span>
    </label>
  );
  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" aria-label={t("title")} data-testid="stress-panel">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-slate-400">{t("title")}</h2>
        <span className="text-xs text-slate-400" data-testid="stress-time">
          {t("time", { ms: computeMs < 0.1 ? `< ${f.number(0.1, 1)}` : f.number(computeMs, 1) })}
        </span>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <div className="space-y-3">
          {slider(
            t("all", { butStable: butStable ? "yes" : "no" }),
            all ?? Math.max(...moved),
            (v) => onChange(shocks.map((x, j) => (together[j] ? v : x))),
            "shock-all",
            true,
            all === null ? t("mixed") : undefined,
          )}
          {symbols.map((s, j) => slider(s, shocks[j]!, (v) => onChange(shocks.map((x, i) => (i === j ? v : x))), `shock-${s}`))}
          {shocks.some((s) => s > 0) && (
            <button type="button" onClick={() => onChange(shocks.map(() => 0))} className="text-xs text-sky-300 hover:underline">
              {t("reset")}
            </button>
          )}
        </div>
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <Result
            label={t("liquidatable")}
            testId="stress-liquidatable"
            value={f.number(result.liquidatable, 0)}
            sub={t("ofWithDebt", { count: f.number(result.vaultsWithDebt, 0) })}
          />
          <Result
            label={t("debtAffected")}
            testId="stress-debt"
            value={f.usdFloat(result.debtValue)}
            sub={totalDebt > 0 ? t("shareOfDebt", { pct: f.number((result.debtValue / totalDebt) * 100, 1) }) : undefined}
          />
          <Result label={t("theirCollateral")} testId="stress-collateral" value={f.usdFloat(result.collateralValue)} sub={t("atStressed")} />
          <Result label={t("badDebt")} testId="stress-bad-debt" value={f.usdFloat(result.badDebt)} sub={t("badDebtSub")} alarm={result.badDebt > 0} />
        </dl>
      </div>
      <p className="mt-3 text-xs text-slate-400">{t(fixedDiscount ? "explainFixed" : "explain")}</p>
    </section>
  );
}

function Result({ label, value, sub, testId, alarm }: { label: string; value: string; sub?: string; testId: string; alarm?: boolean }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-800 bg-slate-950/40 px-3 py-2">
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className={`mt-0.5 break-words font-mono text-lg tabular-nums ${alarm ? "text-rose-300" : "text-slate-100"}`} data-testid={testId}>
        {value}
      </dd>
      {sub && <dd className="text-xs text-slate-400">{sub}</dd>}
    </div>
  );
}
