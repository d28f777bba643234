"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { ChartPlaceholder } from "@/components/chart-placeholder";
import { useLayoutEffect, useMemo, useState } from "react";
import type { Address } from "viem";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useRiskBook, type RiskBookSource } from "@/hooks/use-risk-book";
import { useVolatility } from "@/hooks/use-volatility";
import { chainUnavailable } from "@/lib/chains";
import { findAsset } from "@/lib/deployment";
import { shortAddress } from "@/lib/format";
import { liquidationOdds } from "@/lib/liquidation-odds";
import { BOOK_PAGE_SIZE, type RiskBook } from "@/lib/risk-book";
import type { ChainConfig } from "@/lib/server/config";
import { oddsVaultFromBook, stress, vaultDistance } from "@/lib/stress";
import type { LensMarket } from "@/lib/vaults";
import type { Volatility } from "@/lib/volatility";
import { AtRiskTable } from "./at-risk-table";
import { StressPanel } from "./stress-panel";
import { StewardPanel } from "./steward-panel";

// Charts load after the page is interactive (components/chart-placeholder.tsx).
const HealthHistogram = dynamic(() => import("./risk-charts").then((m) => m.HealthHistogram), { ssr: false, loading: () => <ChartPlaceholder /> });
const LiquidationLevelsChart = dynamic(() => import("./risk-charts").then((m) => m.LiquidationLevelsChart), { ssr: false, loading: () => <ChartPlaceholder /> });

/**
 * The protocol's risk, market by market: every vault from the indexer's compact book (or the chain's lens pages when
 * the indexer cannot serve it), stress-tested live in the browser.
 */
export function RiskDashboard() {
  const t = useTranslations("risk");
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
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-400">{t("intro")}</p>
        </div>
        {options.length > 0 && (
          <label className="flex min-w-0 max-w-full items-center gap-2 text-sm text-slate-300">
            {t("market")}
            <select
              data-testid="risk-market-select"
              value={current?.value}
              onChange={(e) => setSelected(e.target.value)}
              className="min-w-0 max-w-full rounded-md border border-slate-700 bg-slate-900 px-2 py-1.5 text-sm"
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
          {t("noMarket", { reasons: chains.map((c) => `${c.name}: ${chainUnavailable(c) ?? t("noMarkets")}`).join("; ") })}
        </p>
      )}
    </div>
  );
}

function MarketRisk({ chain, market }: { chain: ChainConfig; market: Address }) {
  const t = useTranslations("risk");
  const q = useRiskBook(chain, market);
  const vols = useVolatility(chain);
  if (q.isPending) return <p className="text-sm text-slate-400" data-testid="risk-loading">{t("loading")}</p>;
  if (!q.data) {
    return <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="marketVaults" updatedAt={0} hasData={false} onRetry={() => void q.refetch()} />;
  }
  return (
    <>
      {q.error && (
        <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="marketVaults" updatedAt={q.dataUpdatedAt} hasData onRetry={() => void q.refetch()} />
      )}
      <MarketRiskView chain={chain} view={q.data.market} book={q.data.book} loadMs={q.data.loadMs} source={q.data.source} sigmas={vols.data?.sigmas} volsPending={vols.isPending} byAsset={vols.data?.byAsset} />
    </>
  );
}

function MarketRiskView({
  chain,
  view,
  book,
  loadMs,
  source,
  sigmas,
  byAsset,
  volsPending,
}: {
  chain: ChainConfig;
  view: LensMarket;
  book: RiskBook;
  loadMs: number;
  source: RiskBookSource;
  sigmas: Record<string, number | null> | undefined;
  byAsset: Record<string, Volatility | null> | undefined;
  volsPending: boolean;
}) {
  const t = useTranslations("risk");
  const tIndexer = useTranslations("charts.indexer");
  const f = useFormat();
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
  const { shocks, result, flags, health, ms } = scenario;
  const setShocks = (next: number[]) => setScenario(runScenario(book, next, performance.now()));
  const stressed = useMemo(() => (shocks.some((s) => s > 0) ? { health, flags } : undefined), [shocks, health, flags]);
  // Slider move → DOM updated with the new figures, table marks and histogram: the whole recompute, as the bench reads it.
  useLayoutEffect(() => {
    if (scenario.startedAt > 0) performance.measure("keel:risk:move", { start: scenario.startedAt });
  }, [scenario]);

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
  const withDebt = useMemo(() => book.debtValue.reduce((a, d) => a + (d > 0 ? 1 : 0), 0), [book]);
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
          {t("unpriced", { assets: [...book.assets.filter((_, j) => !book.priceOk[j]), ...(book.baseOk ? [] : [view.baseAsset])].map(symbolOf).join(", ") })}
        </div>
      )}
      {source.kind === "rpc" && (
        <div
          role="status"
          className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200"
          data-testid="risk-fallback"
          data-detail={source.detail}
        >
          {t("fallback", { reason: tIndexer(source.why) })}
        </div>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="risk-totals">
        <Stat label={t("stat.vaults")} testId="total-vaults" value={f.number(book.n, 0)} sub={t("stat.withDebt", { count: f.number(withDebt, 0) })} />
        <Stat label={t("stat.liquidatableNow")} testId="total-liquidatable" value={f.number(liquidatableNow, 0)} alarm={liquidatableNow > 0} />
        <Stat label={t("stat.collateralValue")} testId="total-collateral" value={f.usd(book.totals.collateralValue)} />
        <Stat label={t("stat.debt")} testId="total-debt" value={f.usd(book.totals.debtValue)} sub={f.token(view.totalBorrows, view.baseDecimals, baseSymbol, 0)} />
        <Stat label={t("stat.supplied")} testId="total-supplied" value={f.token(view.totalSupplyAssets, view.baseDecimals, baseSymbol, 0)} />
        <Stat label={t("stat.utilization")} testId="total-utilization" value={f.percent(view.utilization)} />
        <Stat label={t("stat.reserves")} testId="total-reserves" value={f.token(view.totalReserves, view.baseDecimals, baseSymbol, 2)} />
        <Stat label={t("stat.badDebt")} testId="total-bad-debt" value={f.token(view.totalBadDebt, view.baseDecimals, baseSymbol, 2)} alarm={view.totalBadDebt > 0n} />
      </div>
      <p className="-mt-3 text-xs text-slate-400" data-testid="risk-load" data-source={source.kind} data-load-ms={Math.round(loadMs)}>
        {source.kind === "indexer"
          ? t("loadIndexer", { count: f.number(book.n, 0), block: source.block.toString(), seconds: f.number(loadMs / 1000, 2) }) +
            (source.notIndexed > 0 ? ` ${t("notIndexed", { count: f.number(source.notIndexed, 0) })}` : "")
          : t("loadRpc", { count: f.number(book.n, 0), pages: f.number(Math.ceil(book.n / BOOK_PAGE_SIZE) || 1, 0), seconds: f.number(loadMs / 1000, 2) })}
      </p>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <HealthHistogram book={book} scenario={stressed} />
        <LiquidationLevelsChart book={book} symbols={symbols} />
      </div>

      <StressPanel symbols={symbols} shocks={shocks} onChange={setShocks} result={result} computeMs={ms} totalDebt={totalDebt} />

      <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm" aria-label={t("odds.title")} data-testid="odds-model">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 className="text-sm font-medium uppercase tracking-wide text-slate-400">{t("odds.title")}</h2>
          {!volsPending && sigmas && (
            <span className="text-slate-300" data-testid="expected-7d">
              {t.rich("odds.expected", {
                vaults: f.number(expected7.n, 1),
                debt: f.usdFloat(expected7.debt),
                b: (chunks) => <b className="font-mono">{chunks}</b>,
              })}
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
                  <div className="text-xs text-slate-400">{t(a === view.baseAsset ? "odds.volatilityDebt" : "odds.volatility", { asset: symbolOf(a) })}</div>
                  <div className="font-mono tabular-nums text-slate-100">
                    {volsPending ? "…" : v ? t("odds.perYear", { pct: f.number(v.annual * 100, 1) }) : t("odds.noHistory")}
                  </div>
                  {v && <div className="text-xs text-slate-400">{t("odds.moves", { returns: f.number(v.returns, 0), days: f.number(v.span / 86_400, 1) })}</div>}
                </div>
              );
            })}
        </div>
        <p className="mt-3 text-xs text-slate-400">{t("odds.model")}</p>
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

/**
 * The stress scenario for `shocks` (percent falls per collateral), with per-vault flags and health factors at its
 * prices, and the time it took (also a `keel:risk:stress` performance measure, which `npm run bench:risk` reads).
 */
function runScenario(book: RiskBook, shocks: number[], startedAt = 0) {
  const flags = new Uint8Array(book.n);
  const health = new Float64Array(book.n);
  const started = performance.now();
  const result = stress(
    book,
    shocks.map((s) => s / 100),
    flags,
    health,
  );
  const ended = performance.now();
  if (startedAt > 0) performance.measure("keel:risk:stress", { start: started, end: ended });
  return { shocks, result, flags, health, ms: ended - started, startedAt };
}
