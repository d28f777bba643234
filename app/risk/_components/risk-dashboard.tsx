"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import type { Address } from "viem";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useProtocolBook, bookTargetKey } from "@/hooks/use-protocol-book";
import { StartBlockUnknownError } from "@/lib/protocols/registry";
import { useRiskBook, type RiskBookSource } from "@/hooks/use-risk-book";
import { useStressScenario } from "@/hooks/use-stress-scenario";
import { useVolatility } from "@/hooks/use-volatility";
import { chainUnavailable } from "@/lib/config/chains";
import { RemoteCollateralNote } from "@/components/held-on-another-chain";
import { assetSymbol } from "@/lib/config/deployment";
import { shortAddress } from "@/lib/view/format";
import type { BookTarget, ProtocolBook } from "@/lib/protocols/book";
import { positionHref } from "@/lib/protocols/view";
import { BOOK_PAGE_SIZE, type RiskBook } from "@/lib/analytics/risk-book";
import type { ChainConfig } from "@/lib/config/chains";
import { bookDebtSigma } from "@/lib/analytics/stress";
import type { BookSort, FigureSigmas } from "@/lib/analytics/book-figures";
import { useBookFigures, type BookView } from "@/hooks/use-book-figures";
import type { LensMarket } from "@/lib/read/vaults";
import type { Volatility } from "@/lib/analytics/volatility";
import { vaultHref } from "@/lib/protocols/view";
import { AtRiskTable } from "./at-risk-table";
import { HealthHistogram, LiquidationLevelsChart } from "./risk-charts";
import { StressPanel } from "./stress-panel";
import { StewardPanel } from "./steward-panel";
import { Deferred } from "@/components/chart-placeholder";

// The private pool's aggregate needs the note code (Poseidon and the Merkle tree, for the owner's own health): it loads
// with the book's second pass instead of with the page.
const PrivatePoolRisk = dynamic(() => import("@/components/privacy/private-pool-risk").then((m) => m.PrivatePoolRisk), {
  ssr: false,
  // While its code loads, its box keeps its height: empty, it would collapse and the table below would jump twice.
  loading: () => <div className="min-h-40" aria-hidden />,
});

/**
 * The protocol's risk, market by market: every vault from the indexer's compact book (or the chain's lens pages when
 * the indexer cannot serve it), stress-tested live in the browser.
 */
export function RiskDashboard() {
  const t = useTranslations("risk");
  const chains = useKeelChains();
  // Keel's markets, then the chain's Aave pool and its Morpho markets (their books read from the protocols' events).
  const options: RiskOption[] = chains.flatMap((chain): RiskOption[] => {
    if (chainUnavailable(chain)) return [];
    const d = chain.deployment!;
    const targets: { target: BookTarget; name: string }[] = [
      ...(d.aaveV3 ? [{ target: { protocol: "aave-v3" } as const, name: "Aave v3" }] : []),
      ...(d.morphoBlue?.markets ?? []).map((m) => ({ target: { protocol: "morpho-blue", marketId: m.id } as const, name: `Morpho ${m.name}` })),
    ];
    return [
      ...d.markets.map((m): RiskOption => ({ kind: "keel", chain, name: m.name, market: m.address, value: `${chain.id}:${m.address}` })),
      ...targets.map(({ target, name }): RiskOption => ({ kind: "protocol", chain, name, target, value: `${chain.id}:${bookTargetKey(target)}` })),
    ];
  });
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
                  {o.name} · {o.chain.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {current?.kind === "keel" ? (
        <MarketRisk key={current.value} chain={current.chain} market={current.market} />
      ) : current ? (
        <ProtocolRisk key={current.value} chain={current.chain} target={current.target} />
      ) : (
        <p className="rounded-lg border border-rose-800 bg-rose-950/40 p-4 text-sm text-rose-200">
          {t("noMarket", { reasons: chains.map((c) => `${c.name}: ${chainUnavailable(c) ?? t("noMarkets")}`).join("; ") })}
        </p>
      )}
    </div>
  );
}

/** One entry of the book picker: a Keel market, or an Aave pool / Morpho market. */
type RiskOption = { chain: ChainConfig; name: string; value: string } & (
  { kind: "keel"; market: Address } | { kind: "protocol"; target: BookTarget }
);

function MarketRisk({ chain, market }: { chain: ChainConfig; market: Address }) {
  const t = useTranslations("risk");
  const q = useRiskBook(chain, market);
  const vols = useVolatility(chain);
  if (q.isPending)
    return (
      <p className="text-sm text-slate-400" data-testid="risk-loading">
        {t("loading")}
      </p>
    );
  if (!q.data) {
    return (
      <RpcErrorBanner
        chainName={chain.name}
        rpcUrl={chain.rpcUrl}
        what="marketVaults"
        updatedAt={0}
        hasData={false}
        onRetry={() => void q.refetch()}
      />
    );
  }
  return (
    <>
      {q.error && (
        <RpcErrorBanner
          chainName={chain.name}
          rpcUrl={chain.rpcUrl}
          what="marketVaults"
          updatedAt={q.dataUpdatedAt}
          hasData
          onRetry={() => void q.refetch()}
        />
      )}
      <MarketRiskView
        chain={chain}
        view={q.data.market}
        book={q.data.book}
        loadMs={q.data.loadMs}
        source={q.data.source}
        sigmas={vols.data?.sigmas}
        volsPending={vols.isPending}
        byAsset={vols.data?.byAsset}
      />
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
  const symbolOf = useCallback((a: string) => assetSymbol(chain, a), [chain]);
  const baseSymbol = symbolOf(view.baseAsset);
  // Stable across renders: the odds recompute only when the book or the volatilities do. Every vault owes the base asset.
  const debtSigma = useCallback((s: Record<string, number | null>) => s[view.baseAsset.toLowerCase()] ?? null, [view.baseAsset]);
  const hrefOf = useCallback((b: RiskBook, i: number) => vaultHref(chain.id, b.market, BigInt(b.ids[i]!)), [chain.id]);
  const labelOf = useCallback((b: RiskBook, i: number) => `#${b.ids[i]}`, []);
  const withDebt = useMemo(() => book.debtValue.reduce((a, d) => a + (d > 0 ? 1 : 0), 0), [book]);
  const liquidatableNow = useMemo(() => book.liquidatableNow.reduce((a, b) => a + b, 0), [book]);
  const debtAssets = useMemo(() => (withDebt > 0 ? [view.baseAsset] : []), [withDebt, view.baseAsset]);
  const unpriced = book.priceOk.some((ok) => !ok) || !book.baseOk;
  return (
    <BookRiskView
      book={book}
      symbolOf={symbolOf}
      debtAssets={debtAssets}
      debtSigma={debtSigma}
      sigmas={sigmas}
      byAsset={byAsset}
      volsPending={volsPending}
      debtUnit={{ decimals: view.baseDecimals, symbol: baseSymbol }}
      hrefOf={hrefOf}
      labelOf={labelOf}
      notices={
        <>
          <RemoteCollateralNote chain={chain} assets={book.assets} value={book.value} formatUsd={f.usdFloat} />
          {unpriced && (
            <div role="alert" className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200">
              {t("unpriced", {
                assets: [...book.assets.filter((_, j) => !book.priceOk[j]), ...(book.baseOk ? [] : [view.baseAsset])].map(symbolOf).join(", "),
              })}
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
        </>
      }
      stats={
        <>
          <Stat
            label={t("stat.vaults")}
            testId="total-vaults"
            value={f.number(book.n, 0)}
            sub={t("stat.withDebt", { count: f.number(withDebt, 0) })}
          />
          <Stat label={t("stat.liquidatableNow")} testId="total-liquidatable" value={f.number(liquidatableNow, 0)} alarm={liquidatableNow > 0} />
          <Stat label={t("stat.collateralValue")} testId="total-collateral" value={f.usd(book.totals.collateralValue)} />
          <Stat
            label={t("stat.debt")}
            testId="total-debt"
            value={f.usd(book.totals.debtValue)}
            sub={f.token(view.totalBorrows, view.baseDecimals, baseSymbol, 0)}
          />
          <Stat label={t("stat.supplied")} testId="total-supplied" value={f.token(view.totalSupplyAssets, view.baseDecimals, baseSymbol, 0)} />
          <Stat label={t("stat.utilization")} testId="total-utilization" value={f.percent(view.utilization)} />
          <Stat label={t("stat.reserves")} testId="total-reserves" value={f.token(view.totalReserves, view.baseDecimals, baseSymbol, 2)} />
          <Stat
            label={t("stat.badDebt")}
            testId="total-bad-debt"
            value={f.token(view.totalBadDebt, view.baseDecimals, baseSymbol, 2)}
            alarm={view.totalBadDebt > 0n}
          />
        </>
      }
      loadLine={
        <p className="-mt-3 text-xs text-slate-400" data-testid="risk-load" data-source={source.kind} data-load-ms={Math.round(loadMs)}>
          {source.kind === "indexer"
            ? t("loadIndexer", { count: f.number(book.n, 0), block: source.block.toString(), seconds: f.number(loadMs / 1000, 2) }) +
              (source.notIndexed > 0 ? ` ${t("notIndexed", { count: f.number(source.notIndexed, 0) })}` : "")
            : t("loadRpc", {
                count: f.number(book.n, 0),
                pages: f.number(Math.ceil(book.n / BOOK_PAGE_SIZE) || 1, 0),
                seconds: f.number(loadMs / 1000, 2),
              })}
        </p>
      }
      after={
        <>
          <StewardPanel chain={chain} view={view} />
          {/* In the second pass, below the odds, and only when a reader scrolls near it (its reads, Poseidon and the tree
              need not hold up the first screen): appearing there, it moves nothing already on screen (CLS). */}
          {chain.deployment?.privatePool && (
            <Deferred id="private-pool" placeholder="min-h-40">
              <PrivatePoolRisk />
            </Deferred>
          )}
        </>
      }
    />
  );
}

/** The Aave pool's or a Morpho market's book, read from the protocol (lib/protocols/book.ts), in the same risk view. */
function ProtocolRisk({ chain, target }: { chain: ChainConfig; target: BookTarget }) {
  const t = useTranslations("risk");
  const q = useProtocolBook(chain, target);
  const vols = useVolatility(chain);
  if (q.isPending)
    return (
      <p className="text-sm text-slate-400" data-testid="risk-loading">
        {t("protocol.loading")}
      </p>
    );
  if (!q.data)
    return (
      <div className="space-y-2">
        <RpcErrorBanner
          chainName={chain.name}
          rpcUrl={chain.rpcUrl}
          what="marketVaults"
          updatedAt={0}
          hasData={false}
          onRetry={() => void q.refetch()}
        />
        {q.error instanceof StartBlockUnknownError ? (
          <p className="text-xs text-slate-400" data-testid="risk-error-detail">
            {t("protocol.startBlockUnknown", { key: q.error.protocol === "aave-v3" ? "aaveV3.startBlock" : "morphoBlue.startBlock" })}
          </p>
        ) : (
          q.error && (
            <p className="text-xs text-slate-400" data-testid="risk-error-detail">
              {q.error.message.split("\n")[0]}
            </p>
          )
        )}
      </div>
    );
  return (
    <>
      {q.error && (
        <RpcErrorBanner
          chainName={chain.name}
          rpcUrl={chain.rpcUrl}
          what="marketVaults"
          updatedAt={q.dataUpdatedAt}
          hasData
          onRetry={() => void q.refetch()}
        />
      )}
      <ProtocolRiskView chain={chain} data={q.data} sigmas={vols.data?.sigmas} byAsset={vols.data?.byAsset} volsPending={vols.isPending} />
    </>
  );
}

function ProtocolRiskView({
  chain,
  data,
  sigmas,
  byAsset,
  volsPending,
}: {
  chain: ChainConfig;
  data: ProtocolBook & { loadMs: number; indexerWhy?: string };
  sigmas: Record<string, number | null> | undefined;
  byAsset: Record<string, Volatility | null> | undefined;
  volsPending: boolean;
}) {
  const t = useTranslations("risk");
  const f = useFormat();
  const { book, positions } = data;
  // Symbols as the protocol names its tokens (collaterals, and every debt asset of the book).
  const symbols = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of data.columns) m.set(c.address.toLowerCase(), c.symbol);
    for (const p of positions) for (const x of [...p.collaterals, ...p.debts]) m.set(x.token.address.toLowerCase(), x.token.symbol);
    return m;
  }, [data.columns, positions]);
  const symbolOf = useCallback((a: string) => symbols.get(a.toLowerCase()) ?? assetSymbol(chain, a), [symbols, chain]);
  const debtSigma = useCallback(
    (s: Record<string, number | null>) => Float64Array.from({ length: book.n }, (_, i) => bookDebtSigma(data.debts[i] ?? [], s) ?? NaN),
    [data.debts, book],
  );
  const debtAssets = useMemo(() => [...new Set(data.debts.flat().map((d) => d.asset))], [data.debts]);
  // From the row's owner (the book's rows are its positions: one pool or market, one owner each), so a row of the
  // previous book, still shown while a refreshed one's figures are computed, links to its own position.
  const target = positions[0];
  const hrefOf = useCallback((b: RiskBook, i: number) => positionHref({ ...target!, owner: b.owners[i]! }), [target]);
  const labelOf = useCallback((b: RiskBook, i: number) => shortAddress(b.owners[i]!), []);
  const withDebt = useMemo(() => book.debtValue.reduce((a, d) => a + (d > 0 ? 1 : 0), 0), [book]);
  const liquidatableNow = useMemo(() => book.liquidatableNow.reduce((a, b) => a + b, 0), [book]);
  return (
    <BookRiskView
      book={book}
      symbolOf={symbolOf}
      debtAssets={debtAssets}
      debtSigma={debtSigma}
      sigmas={sigmas}
      byAsset={byAsset}
      volsPending={volsPending}
      debtUnit={data.debtUnit}
      hrefOf={hrefOf}
      labelOf={labelOf}
      rowLabel={t("protocol.position")}
      notices={null}
      stats={
        <>
          <Stat
            label={t("protocol.positions")}
            testId="total-vaults"
            value={f.number(book.n, 0)}
            sub={t("stat.withDebt", { count: f.number(withDebt, 0) })}
          />
          <Stat label={t("stat.liquidatableNow")} testId="total-liquidatable" value={f.number(liquidatableNow, 0)} alarm={liquidatableNow > 0} />
          <Stat label={t("stat.collateralValue")} testId="total-collateral" value={f.usd(book.totals.collateralValue)} />
          <Stat label={t("stat.debt")} testId="total-debt" value={f.usd(book.totals.debtValue)} />
        </>
      }
      loadLine={
        <p
          className="-mt-3 text-xs text-slate-400"
          data-testid="risk-load"
          data-source={data.indexed ? "indexer" : "events"}
          data-load-ms={Math.round(data.loadMs)}
          data-log-pages={data.paging.pages}
          data-calls={data.calls}
        >
          {t(data.indexed ? "protocol.loadIndexed" : "protocol.load", {
            count: f.number(book.n, 0),
            accounts: f.number(data.accounts, 0),
            indexed: f.number(data.indexed?.accounts ?? 0, 0),
            through: (data.indexed?.throughBlock ?? 0n).toString(),
            from: data.paging.fromBlock.toString(),
            to: data.paging.toBlock.toString(),
            pages: f.number(data.paging.pages, 0),
            calls: f.number(data.calls, 0),
            seconds: f.number(data.loadMs / 1000, 2),
          })}
          {data.indexerWhy ? <span className="block">{t("protocol.noIndexer", { why: data.indexerWhy })}</span> : null}
        </p>
      }
    />
  );
}

/**
 * A book's risk view, whoever's book it is: totals, the health histogram, the liquidation levels, the stress sliders
 * (recomputed in the stress worker), the liquidation odds and the table of positions closest to liquidation.
 */
function BookRiskView({
  notices,
  stats,
  loadLine,
  ...details
}: {
  book: RiskBook;
  symbolOf(asset: string): string;
  /** The assets the book's debts are in (each gets a volatility card). */
  debtAssets: readonly string[];
  /**
   * The debt side's volatility for the odds at the assets' volatilities: one for every row, or per row (NaN: unknown)
   * — from every asset a row owes, by its share of the row's debt (lib/analytics/stress.ts `bookDebtSigma`).
   */
  debtSigma(sigmas: Record<string, number | null>): number | null | Float64Array;
  sigmas: Record<string, number | null> | undefined;
  byAsset: Record<string, Volatility | null> | undefined;
  volsPending: boolean;
  /** The unit of `book.debt`. */
  debtUnit: { decimals: number; symbol: string };
  /** Row i of book `b`: its page and its name in the table's first column. */
  hrefOf(b: RiskBook, i: number): string;
  labelOf(b: RiskBook, i: number): string;
  rowLabel?: string;
  notices: ReactNode;
  stats: ReactNode;
  loadLine: ReactNode;
  after?: ReactNode;
}) {
  // In two passes: the totals first (a quick render, painted at once), then the charts, the stress panel, the odds and the
  // table in a background render that React splits into short tasks (useDeferredValue's initial value), so the page
  // answers input while it builds them.
  const full = useDeferredValue(true, false);
  return (
    <div className="space-y-6">
      {notices}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="risk-totals">
        {stats}
      </div>
      {loadLine}
      {full && <BookRiskDetails {...details} />}
    </div>
  );
}

/**
 * BookRiskView's second pass: everything below the totals. The figures that depend on every vault (distances, odds,
 * liquidation levels, the table's order) come from the risk worker (hooks/use-book-figures.ts); until they have, for a
 * new book, the previous book stays shown with its own.
 */
function BookRiskDetails({ book, debtSigma, sigmas, ...rest }: Omit<Parameters<typeof BookRiskView>[0], "notices" | "stats" | "loadLine">) {
  const [sort, setSort] = useState<BookSort>({ key: "hf", desc: false });
  const figureSigmas = useMemo(
    (): FigureSigmas | null => (sigmas ? { columns: book.assets.map((a) => sigmas[a.toLowerCase()] ?? null), debt: debtSigma(sigmas) } : null),
    [book, sigmas, debtSigma],
  );
  const shown = useBookFigures(book, figureSigmas, sort);
  if (!shown) return null;
  return <BookRiskFigures shown={shown} sigmas={sigmas} onSort={setSort} {...rest} />;
}

function BookRiskFigures({
  shown,
  onSort,
  symbolOf,
  debtAssets,
  sigmas,
  byAsset,
  volsPending,
  debtUnit,
  hrefOf,
  labelOf,
  rowLabel,
  after,
}: Omit<Parameters<typeof BookRiskView>[0], "notices" | "stats" | "loadLine" | "book" | "debtSigma"> & {
  shown: BookView;
  onSort(sort: BookSort): void;
}) {
  const t = useTranslations("risk");
  const f = useFormat();
  const { book, figures } = shown;
  const symbols = useMemo(() => book.assets.map(symbolOf), [book, symbolOf]);
  // The scenario is recomputed off the main thread on every move (hooks/use-stress-scenario.ts); the sliders follow the
  // move at once, the figures, histogram and table marks when its answer arrives.
  const { shocks, scenario, setShocks } = useStressScenario(book);
  const { result, flags, ms } = scenario;
  // The histogram (a chart) follows in a background render: a move's answer paints the figures and the table's marks
  // first, and a later move interrupts a histogram not yet drawn.
  const charted = useDeferredValue(scenario);
  const stressed = charted.shocks.some((s) => s > 0);
  // Slider move → DOM updated with the new figures and table marks (`keel:risk:move`, as the bench reads it), and → the
  // histogram drawn too (`keel:risk:histogram`).
  useLayoutEffect(() => {
    if (scenario.startedAt > 0) performance.measure("keel:risk:move", { start: scenario.startedAt });
  }, [scenario]);
  useLayoutEffect(() => {
    if (charted.startedAt > 0) performance.measure("keel:risk:histogram", { start: charted.startedAt });
  }, [charted]);

  const debtOnly = useMemo(
    () => new Set(debtAssets.filter((a) => !book.assets.some((c) => c.toLowerCase() === a.toLowerCase()))),
    [debtAssets, book],
  );
  const rowHref = useCallback((i: number) => hrefOf(book, i), [hrefOf, book]);
  const rowLabelOf = useCallback((i: number) => labelOf(book, i), [labelOf, book]);

  return (
    <>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <HealthHistogram data={charted.histogram} stressed={stressed} />
        <LiquidationLevelsChart levels={figures.levels} symbols={symbols} />
      </div>

      <StressPanel
        symbols={symbols}
        shocks={shocks}
        onChange={setShocks}
        result={result}
        computeMs={ms}
        totalDebt={figures.totalDebt}
        fixedDiscount={book.fixedDiscount}
      />

      <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm" aria-label={t("odds.title")} data-testid="odds-model">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 className="text-sm font-medium uppercase tracking-wide text-slate-400">{t("odds.title")}</h2>
          {!volsPending && sigmas && (
            <span className="text-slate-300" data-testid="expected-7d">
              {t.rich("odds.expected", {
                vaults: f.number(figures.expected7.n, 1),
                debt: f.usdFloat(figures.expected7.debt),
                b: (chunks) => <b className="font-mono">{chunks}</b>,
              })}
            </span>
          )}
        </div>
        <div className="mt-3 flex flex-wrap gap-3">
          {[...book.assets, ...debtOnly]
            .filter((a, i, all) => all.indexOf(a) === i)
            .map((a) => {
              const v = byAsset?.[a.toLowerCase()];
              return (
                <div key={a} className="rounded-lg border border-slate-800 bg-slate-950/40 px-3 py-2" data-testid={`vol-${symbolOf(a)}`}>
                  <div className="text-xs text-slate-400">
                    {t(debtOnly.has(a) ? "odds.volatilityDebt" : "odds.volatility", { asset: symbolOf(a) })}
                  </div>
                  <div className="font-mono tabular-nums text-slate-100">
                    {volsPending ? "…" : v ? t("odds.perYear", { pct: f.number(v.annual * 100, 1) }) : t("odds.noHistory")}
                  </div>
                  {v && (
                    <div className="text-xs text-slate-400">
                      {t("odds.moves", { returns: f.number(v.returns, 0), days: f.number(v.span / 86_400, 1) })}
                    </div>
                  )}
                </div>
              );
            })}
        </div>
        <p className="mt-3 text-xs text-slate-400">{t("odds.model")}</p>
      </section>

      {after}

      <AtRiskTable
        book={book}
        baseDecimals={debtUnit.decimals}
        baseSymbol={debtUnit.symbol}
        distance={figures.distance}
        odds1={figures.odds1}
        odds7={figures.odds7}
        order={shown.order}
        sort={shown.sort}
        onSort={onSort}
        flags={flags}
        hrefOf={rowHref}
        labelOf={rowLabelOf}
        rowLabel={rowLabel}
      />
    </>
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
