"use client";
import { useTranslations } from "next-intl";
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { useFormat } from "@/hooks/use-format";
import { useStressScenario } from "@/hooks/use-stress-scenario";
import { useBookFigures, type BookView } from "@/hooks/use-book-figures";
import { togetherColumns, type RiskBook } from "@/lib/analytics/risk-book";
import { nextSort, type BookSort, type FigureSigmas, type SortKey } from "@/lib/analytics/book-figures";
import type { Volatility } from "@/lib/analytics/volatility";
import { AtRiskTable } from "./at-risk-table";
import { HealthHistogram, LiquidationLevelsChart } from "./risk-charts";
import { StressPanel } from "./stress-panel";
import { sameAddress } from "@/lib/config/address";
import { distinctSymbols } from "@/lib/view/format";

/**
 * A book's risk view, whoever's book it is: totals, the health histogram, the liquidation levels, the stress sliders
 * (recomputed in the stress worker), the liquidation odds and the table of positions closest to liquidation.
 */
export function BookRiskView({
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
  // From the last sort asked for, not the one on screen (`nextSort`): two quick clicks on a header turn it around twice.
  const onSort = useCallback((key: SortKey) => setSort((asked) => nextSort(asked, key)), []);
  if (!shown) return null;
  return <BookRiskFigures shown={shown} sigmas={sigmas} onSort={onSort} {...rest} />;
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
  onSort(key: SortKey): void;
}) {
  const t = useTranslations("risk");
  const f = useFormat();
  const { book, figures } = shown;
  const symbols = useMemo(() => distinctSymbols(book.assets.map((a) => ({ symbol: symbolOf(a), address: a }))), [book, symbolOf]);
  const together = useMemo(() => togetherColumns(book), [book]);
  // One borrowed asset: its rise is named by its symbol; several (an Aave pool): "debt".
  const moveLabels = useMemo(
    () => ({ columns: symbols, debt: debtAssets.length === 1 ? symbolOf(debtAssets[0]!) : t("table.debtRise") }),
    [symbols, debtAssets, symbolOf, t],
  );
  const butStable = together.includes(0);
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

  const debtOnly = useMemo(() => new Set(debtAssets.filter((a) => !book.assets.some((c) => sameAddress(c, a)))), [debtAssets, book]);
  const rowHref = useCallback((i: number) => hrefOf(book, i), [hrefOf, book]);
  const rowLabelOf = useCallback((i: number) => labelOf(book, i), [labelOf, book]);

  return (
    <>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <HealthHistogram data={charted.histogram} stressed={stressed} />
        <LiquidationLevelsChart levels={figures.levels} symbols={symbols} butStable={butStable} />
      </div>

      <StressPanel
        symbols={symbols}
        together={together}
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
        distanceWhich={figures.distanceWhich}
        moveLabels={moveLabels}
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

export function Stat({ label, value, sub, testId, alarm }: { label: string; value: string; sub?: string; testId: string; alarm?: boolean }) {
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

/** What stands while an Aave pool's or a Morpho market's book is on its way: its reader's code, then its read. */
export function ProtocolBookLoading() {
  const t = useTranslations("risk");
  return (
    <p className="text-sm text-slate-400" data-testid="risk-loading">
      {t("protocol.loading")}
    </p>
  );
}
