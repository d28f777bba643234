"use client";
import { useMemo, useState } from "react";
import type { Address } from "viem";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useRiskBook } from "@/hooks/use-risk-book";
import { useVolatility } from "@/hooks/use-volatility";
import { chainUnavailable } from "@/lib/chains";
import { findAsset } from "@/lib/deployment";
import { formatPercent, formatToken, formatUsd, shortAddress } from "@/lib/format";
import { liquidationOdds } from "@/lib/liquidation-odds";
import type { RiskBook } from "@/lib/risk-book";
import type { ChainConfig } from "@/lib/server/config";
import { oddsVaultFromBook, stress, vaultDistance } from "@/lib/stress";
import type { LensMarket } from "@/lib/vaults";
import type { Volatility } from "@/lib/volatility";
import { AtRiskTable } from "./at-risk-table";
import { HealthHistogram, LiquidationLevelsChart } from "./risk-charts";
import { StressPanel } from "./stress-panel";
import { StewardPanel } from "./steward-panel";
import { usd } from "./usd";

/** The protocol's risk, market by market: every vault read from the chain, stress-tested live in the browser. */
export function RiskDashboard() {
  const chains = useKeelChains();
  const options = chains.flatMap((chain) =>
    chainUnavailable(chain) ? [] : chain.deployment!.markets.map((m) => ({ chain, market: m, value: `${chain.id}:${m.address}` })),
  );
  const [selected, setSelected] = useState<string | null>(null);
  const current = options.find((o) => o.value === selected) ?? options[0];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Risk</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-400">
            Every vault of a market, read from the chain: how healthy they are, how much debt becomes liquidatable as prices fall, what a
            crash would leave as bad debt, and each vault&apos;s odds of liquidation at current volatility.
          </p>
        </div>
        {options.length > 0 && (
          <label className="flex items-center gap-2 text-sm text-slate-300">
            Market
            <select
              data-testid="risk-market-select"
              value={current?.value}
              onChange={(e) => setSelected(e.target.value)}
              className="rounded-md border border-slate-700 bg-slate-900 px-2 py-1.5 text-sm"
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.market.name} · {o.chain.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {current ? (
        <MarketRisk key={current.value} chain={current.chain} market={current.market.address} />
      ) : (
        <p className="rounded-lg border border-rose-800 bg-rose-950/40 p-4 text-sm text-rose-200">
          No market to show: {chains.map((c) => `${c.name}: ${chainUnavailable(c) ?? "no markets"}`).join("; ")}
        </p>
      )}
    </div>
  );
}

function MarketRisk({ chain, market }: { chain: ChainConfig; market: Address }) {
  const q = useRiskBook(chain, market);
  const vols = useVolatility(chain);
  if (q.isPending) return <p className="text-sm text-slate-400" data-testid="risk-loading">Reading every vault of the market…</p>;
  if (!q.data) {
    return <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="marketVaults" updatedAt={0} hasData={false} onRetry={() => void q.refetch()} />;
  }
  return (
    <>
      {q.error && (
        <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="marketVaults" updatedAt={q.dataUpdatedAt} hasData onRetry={() => void q.refetch()} />
      )}
      <MarketRiskView chain={chain} view={q.data.market} book={q.data.book} loadMs={q.data.loadMs} sigmas={vols.data?.sigmas} volsPending={vols.isPending} byAsset={vols.data?.byAsset} />
    </>
  );
}

function MarketRiskView({
  chain,
  view,
  book,
  loadMs,
  sigmas,
  byAsset,
  volsPending,
}: {
  chain: ChainConfig;
  view: LensMarket;
  book: RiskBook;
  loadMs: number;
  sigmas: Record<string, number | null> | undefined;
  byAsset: Record<string, Volatility | null> | undefined;
  volsPending: boolean;
}) {
  const symbolOf = (a: string) => findAsset(chain.deployment, a)?.symbol ?? shortAddress(a);
  const symbols = useMemo(() => book.assets.map((a) => findAsset(chain.deployment, a)?.symbol ?? shortAddress(a)), [book, chain.deployment]);
  const baseSymbol = symbolOf(view.baseAsset);
  // The scenario is recomputed in the slider's event handler, timed; a refreshed book re-runs the current one.
  const [scenario, setScenario] = useState(() => runScenario(book, book.assets.map(() => 0)));
  const [scenarioBook, setScenarioBook] = useState(book);
  if (scenarioBook !== book) {
    setScenarioBook(book);
    setScenario(runScenario(book, scenario.shocks));
  }
  const { shocks, result, flags, ms } = scenario;
  const setShocks = (next: number[]) => setScenario(runScenario(book, next));

  const distance = useMemo(() => Float64Array.from({ length: book.n }, (_, i) => vaultDistance(book, i)), [book]);
  const { odds1, odds7 } = useMemo(() => {
    const o1 = new Float64Array(book.n).fill(NaN);
    const o7 = new Float64Array(book.n).fill(NaN);
    if (sigmas) {
      const colSigmas = book.assets.map((a) => sigmas[a.toLowerCase()] ?? null);
      const baseSigma = sigmas[view.baseAsset.toLowerCase()] ?? null;
      for (let i = 0; i < book.n; i++) {
        if (book.debtValue[i] === 0) continue;
        const v = oddsVaultFromBook(book, i, colSigmas, baseSigma);
        if (!v) continue;
        o1[i] = liquidationOdds(v, 1);
        o7[i] = liquidationOdds(v, 7);
      }
    }
    return { odds1: o1, odds7: o7 };
  }, [book, sigmas, view.baseAsset]);

  const totalDebt = useMemo(() => Array.from(book.debtValue).reduce((a, b) => a + b, 0), [book]);
  const withDebt = useMemo(() => book.debt.filter((d) => d > 0n).length, [book]);
  const liquidatableNow = useMemo(() => book.liquidatableNow.reduce((a, b) => a + b, 0), [book]);
  const expected7 = useMemo(() => {
    let n = 0;
    let debt = 0;
    for (let i = 0; i < book.n; i++) {
      if (Number.isNaN(odds7[i]!)) continue;
      n += odds7[i]!;
      debt += odds7[i]! * book.debtValue[i]!;
    }
    return { n, debt };
  }, [book, odds7]);
  const unpriced = book.priceOk.some((ok) => !ok) || !book.baseOk;

  return (
    <div className="space-y-6">
      {unpriced && (
        <div role="alert" className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200">
          Some prices of this market are unavailable ({[...book.assets.filter((_, j) => !book.priceOk[j]), ...(book.baseOk ? [] : [view.baseAsset])].map(symbolOf).join(", ")}):
          vaults that need them are left out of the health figures and scenarios.
        </div>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="risk-totals">
        <Stat label="Vaults" testId="total-vaults" value={book.n.toLocaleString("en-US")} sub={`${withDebt.toLocaleString("en-US")} with debt`} />
        <Stat label="Liquidatable now" testId="total-liquidatable" value={liquidatableNow.toLocaleString("en-US")} alarm={liquidatableNow > 0} />
        <Stat label="Collateral value" testId="total-collateral" value={formatUsd(book.totals.collateralValue)} />
        <Stat label="Debt" testId="total-debt" value={formatUsd(book.totals.debtValue)} sub={formatToken(view.totalBorrows, view.baseDecimals, baseSymbol, 0)} />
        <Stat label="Supplied" testId="total-supplied" value={formatToken(view.totalSupplyAssets, view.baseDecimals, baseSymbol, 0)} />
        <Stat label="Utilization" testId="total-utilization" value={formatPercent(view.utilization)} />
        <Stat label="Reserves" testId="total-reserves" value={formatToken(view.totalReserves, view.baseDecimals, baseSymbol, 2)} />
        <Stat label="Bad debt to date" testId="total-bad-debt" value={formatToken(view.totalBadDebt, view.baseDecimals, baseSymbol, 2)} alarm={view.totalBadDebt > 0n} />
      </div>
      <p className="-mt-3 text-xs text-slate-400" data-testid="risk-load">
        {book.n.toLocaleString("en-US")} vaults read in {Math.ceil(book.n / 500) || 1} lens pages in {(loadMs / 1000).toFixed(2)} s · refreshed every 30 s
      </p>

      <div className="grid gap-6 lg:grid-cols-2">
        <HealthHistogram book={book} />
        <LiquidationLevelsChart book={book} symbols={symbols} />
      </div>

      <StressPanel symbols={symbols} shocks={shocks} onChange={setShocks} result={result} computeMs={ms} totalDebt={totalDebt} />

      <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm" aria-label="Liquidation odds" data-testid="odds-model">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 className="text-sm font-medium uppercase tracking-wide text-slate-400">Predicted liquidations at current volatility</h2>
          {!volsPending && sigmas && (
            <span className="text-slate-300" data-testid="expected-7d">
              expected within 7 days: <b className="font-mono">{expected7.n.toFixed(1)}</b> vaults, <b className="font-mono">{usd(expected7.debt)}</b> of debt
            </span>
          )}
        </div>
        <div className="mt-3 flex flex-wrap gap-3">
          {[...book.assets, view.baseAsset]
            .filter((a, i, all) => all.indexOf(a) === i)
            .map((a) => {
              const v = byAsset?.[a.toLowerCase()];
              return (
                <div key={a} className="rounded-lg border border-slate-800 bg-slate-950/40 px-3 py-2" data-testid={`vol-${symbolOf(a)}`}>
                  <div className="text-xs text-slate-400">
                    {symbolOf(a)} volatility{a === view.baseAsset ? " (debt asset)" : ""}
                  </div>
                  <div className="font-mono tabular-nums text-slate-100">
                    {volsPending ? "…" : v ? `${(v.annual * 100).toFixed(1)}% a year` : "not enough history"}
                  </div>
                  {v && (
                    <div className="text-xs text-slate-400">
                      {v.returns} moves over {(v.span / 86_400).toFixed(1)} days
                    </div>
                  )}
                </div>
              );
            })}
        </div>
        <p className="mt-3 text-xs text-slate-400">
          Realised volatility from each feed&apos;s last 200 rounds (5-minute sampling). Prices follow driftless lognormal paths; the odds are
          the probability that a vault&apos;s health factor touches 1 within the horizon (first passage, exact for one collateral against a
          stable debt asset). Several collaterals, or a volatile debt asset, are treated as perfectly correlated against the vault — the
          highest volatility those assets can give its health factor — so those odds are an upper bound.
        </p>
      </section>

      <StewardPanel chain={chain} view={view} />

      <AtRiskTable
        book={book}
        chainId={chain.id}
        baseDecimals={view.baseDecimals}
        baseSymbol={baseSymbol}
        distance={distance}
        odds1={odds1}
        odds7={odds7}
        flags={flags}
      />
    </div>
  );
}

function Stat({ label, value, sub, testId, alarm }: { label: string; value: string; sub?: string; testId: string; alarm?: boolean }) {
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-900/60 px-3 py-2.5">
      <div className="text-xs text-slate-400">{label}</div>
      <div className={`mt-0.5 font-mono text-sm tabular-nums ${alarm ? "text-rose-300" : "text-slate-100"}`} data-testid={testId}>
        {value}
      </div>
      {sub && <div className="text-xs text-slate-400">{sub}</div>}
    </div>
  );
}

/** The stress scenario for `shocks` (percent falls per collateral), with per-vault flags and the time it took. */
function runScenario(book: RiskBook, shocks: number[]) {
  const flags = new Uint8Array(book.n);
  const started = performance.now();
  const result = stress(
    book,
    shocks.map((s) => s / 100),
    flags,
  );
  return { shocks, result, flags, ms: performance.now() - started };
}
