"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { memo, useMemo, useState } from "react";
import type { Address } from "viem";
import { useFormat } from "@/hooks/use-format";
import { NONE } from "@/lib/view/format";
import { DEBT_RISE, NO_MOVE } from "@/lib/analytics/stress";
import type { RiskBook } from "@/lib/analytics/risk-book";
import type { BookSort, SortKey } from "@/lib/analytics/book-figures";

/** Rows per page: the table renders one page of the order, whatever the size of the book. */
export const RISK_PAGE_ROWS = 50;

/**
 * Vaults with debt, sortable by health factor, distance to liquidation, size, owner or 7-day odds, a page at a time,
 * each linking to its vault page. Vaults liquidatable under the stress scenario are marked and can be shown alone. The
 * order comes sorted (lib/analytics/book-figures.ts `bookOrder`, in the risk worker): this renders one page of it.
 */
export const AtRiskTable = memo(function AtRiskTable({
  book,
  baseDecimals,
  baseSymbol,
  distance,
  distanceWhich,
  moveLabels,
  odds1,
  odds7,
  order: sorted,
  sort,
  onSort,
  flags,
  hrefOf,
  labelOf,
  rowLabel,
}: {
  book: RiskBook;
  baseDecimals: number;
  baseSymbol: string;
  /** Row i's page and its name in the first column (a Keel vault: its market's vault page and `#id`). */
  hrefOf(i: number): string;
  labelOf(i: number): string;
  /** The first column's heading (default: Vault). */
  rowLabel?: string;
  /** Per vault: its closest distance to liquidation, one collateral's fall or one borrowed asset's rise (fraction, Infinity when none). */
  distance: Float64Array;
  /** Per vault: which price that is (lib/analytics/stress.ts `nearestMove`), named by `moveLabels`. */
  distanceWhich: Int16Array;
  /** Each collateral column's symbol, and what its debt's rise is called (one borrowed asset: its symbol). */
  moveLabels: { columns: readonly string[]; debt: string };
  /** Per vault: odds within 1 and 7 days (NaN when unknown). */
  odds1: Float64Array;
  odds7: Float64Array;
  /** The vaults with debt in the order of `sort` (indices into the book), and the sort asked for on a header click. */
  order: Uint32Array;
  sort: BookSort;
  /** A header was clicked: the page works out the next sort from the last one asked for (`nextSort`). */
  onSort(key: SortKey): void;
  /** Per vault: liquidatable under the current scenario. */
  flags: Uint8Array;
}) {
  const t = useTranslations("risk.table");
  const f = useFormat();
  const [onlyStressed, setOnlyStressed] = useState(false);
  const [page, setPage] = useState(0);
  // The order depends on the book and the sort only: a slider move (new flags) never re-sorts.
  const order = useMemo(() => (onlyStressed ? sorted.filter((i) => flags[i] === 1) : sorted), [sorted, onlyStressed, flags]);
  const pages = Math.max(1, Math.ceil(order.length / RISK_PAGE_ROWS));
  const current = Math.min(page, pages - 1);
  const rows = order.subarray(current * RISK_PAGE_ROWS, (current + 1) * RISK_PAGE_ROWS);

  const header = (key: SortKey, label: string, right = true) => (
    <th className={`px-3 py-2 ${right ? "text-right" : ""}`} aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}>
      <button
        type="button"
        data-testid={`sort-${key}`}
        onClick={() => {
          onSort(key);
          setPage(0);
        }}
        className="uppercase tracking-wide hover:text-slate-200"
      >
        {label}
        {sort.key === key ? (sort.desc ? " ↓" : " ↑") : ""}
      </button>
    </th>
  );
  const pager = "min-h-11 rounded-md border border-slate-700 px-3 py-1 text-xs text-slate-200 hover:bg-slate-800 disabled:opacity-40 md:min-h-0";
  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40" aria-label={t("title")}>
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
        <h2 className="text-sm font-medium uppercase tracking-wide text-slate-400">{t("title")}</h2>
        <label className="flex items-center gap-2 text-xs text-slate-300">
          <input
            type="checkbox"
            checked={onlyStressed}
            onChange={(e) => {
              setOnlyStressed(e.target.checked);
              setPage(0);
            }}
            data-testid="only-stressed"
          />
          {t("onlyStressed")}
        </label>
      </div>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("region")}>
        <table className="w-full text-sm" data-testid="at-risk-table">
          <thead className="bg-slate-900 text-left text-xs text-slate-400">
            <tr>
              <th className="px-3 py-2 uppercase tracking-wide">{rowLabel ?? t("vault")}</th>
              {header("owner", t("owner"), false)}
              {header("hf", t("health"))}
              {header("distance", t("toLiquidation"))}
              {header("debt", t("debt"))}
              {header("collateral", t("collateral"))}
              <th className="px-3 py-2 text-right uppercase tracking-wide">{t("oneDay")}</th>
              {header("odds7", t("sevenDays"))}
            </tr>
          </thead>
          <tbody>
            {Array.from(rows, (i) => (
              <RiskRow
                key={book.ids[i]}
                i={i}
                stressed={flags[i] === 1}
                book={book}
                href={hrefOf(i)}
                label={labelOf(i)}
                baseDecimals={baseDecimals}
                baseSymbol={baseSymbol}
                distance={distance}
                distanceWhich={distanceWhich}
                moveLabels={moveLabels}
                odds1={odds1}
                odds7={odds7}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
        <p className="text-xs text-slate-400" data-testid="risk-rows-shown">
          {order.length === 0
            ? t("noMatch")
            : t("showing", {
                from: f.number(current * RISK_PAGE_ROWS + 1, 0),
                to: f.number(current * RISK_PAGE_ROWS + rows.length, 0),
                total: f.number(order.length, 0),
              })}
        </p>
        {pages > 1 && (
          <nav className="flex items-center gap-2" aria-label={t("pages")}>
            <button type="button" className={pager} disabled={current === 0} onClick={() => setPage(current - 1)} data-testid="risk-page-prev">
              {t("previous")}
            </button>
            <span className="text-xs text-slate-300" data-testid="risk-page">
              {t("page", { page: f.number(current + 1, 0), pages: f.number(pages, 0) })}
            </span>
            <button type="button" className={pager} disabled={current >= pages - 1} onClick={() => setPage(current + 1)} data-testid="risk-page-next">
              {t("next")}
            </button>
          </nav>
        )}
      </div>
      <p className="px-4 pb-3 text-xs text-slate-400" data-testid="distance-note">
        {t("distanceNote")}
      </p>
    </section>
  );
});

/** One vault's row; re-rendered only when its own scenario mark changes (a slider move touches few rows of a page). */
const RiskRow = memo(function RiskRow({
  i,
  stressed,
  book,
  href,
  label,
  baseDecimals,
  baseSymbol,
  distance,
  distanceWhich,
  moveLabels,
  odds1,
  odds7,
}: {
  i: number;
  stressed: boolean;
  book: RiskBook;
  href: string;
  label: string;
  baseDecimals: number;
  baseSymbol: string;
  distance: Float64Array;
  distanceWhich: Int16Array;
  moveLabels: { columns: readonly string[]; debt: string };
  odds1: Float64Array;
  odds7: Float64Array;
}) {
  const f = useFormat();
  const which = distanceWhich[i]!;
  // Which price moves: a collateral falling (↓) or what the vault borrows rising (↑); none when already liquidatable.
  const move =
    distance[i] === Infinity || distance[i] === 0 || which === NO_MOVE
      ? null
      : which === DEBT_RISE
        ? `${moveLabels.debt} ↑`
        : `${moveLabels.columns[which] ?? "?"} ↓`;
  const id = book.ids[i]!;
  const hf = book.healthFactor[i]!;
  return (
    <tr
      className={`border-t border-slate-800 ${stressed ? "bg-rose-950/30" : ""}`}
      data-testid="risk-row"
      data-vault-id={id}
      data-stressed={stressed ? "1" : "0"}
    >
      <td className="px-3 py-1.5">
        <Link href={href} className="font-medium text-sky-300 hover:underline">
          {label}
        </Link>
      </td>
      <td className="px-3 py-1.5 font-mono text-xs text-slate-400">{f.shortAddress(book.owners[i]! as Address)}</td>
      <td
        className={`px-3 py-1.5 text-right font-mono tabular-nums ${book.liquidatableNow[i] ? "text-rose-300" : hf < 1.2 ? "text-orange-300" : hf < 1.5 ? "text-yellow-300" : "text-emerald-300"}`}
        data-testid="row-hf"
      >
        {hf > 1000 ? ">1000" : f.number(hf, 2)}
      </td>
      <td className="whitespace-nowrap px-3 py-1.5 text-right font-mono tabular-nums">
        {distance[i] === Infinity ? NONE : f.percentFloat(distance[i]!, 1)}
        {move && (
          <div className="text-xs text-slate-400" data-testid="row-distance-move">
            {move}
          </div>
        )}
      </td>
      <td className="whitespace-nowrap px-3 py-1.5 text-right font-mono tabular-nums">
        {f.token(book.debt[i]!, baseDecimals, baseSymbol, 2)}
        <div className="text-xs text-slate-400">{f.usdFloat(book.debtValue[i]!)}</div>
      </td>
      <td className="px-3 py-1.5 text-right font-mono tabular-nums">{f.usdFloat(book.totalValue[i]!)}</td>
      <td className="px-3 py-1.5 text-right font-mono tabular-nums">{Number.isNaN(odds1[i]!) ? "—" : f.odds(odds1[i]!)}</td>
      <td className="px-3 py-1.5 text-right font-mono tabular-nums">{Number.isNaN(odds7[i]!) ? "—" : f.odds(odds7[i]!)}</td>
    </tr>
  );
});
