"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import type { Address } from "viem";
import { vaultHref } from "@/app/_components/vault-card";
import { formatToken, shortAddress } from "@/lib/format";
import { formatOdds } from "@/lib/liquidation-odds";
import type { RiskBook } from "@/lib/risk-book";
import { usd } from "./usd";

export type SortKey = "hf" | "distance" | "debt" | "collateral" | "owner" | "odds7";
const ROWS = 100;

/**
 * Vaults with debt, sortable by health factor, distance to liquidation, size, owner or 7-day odds; the first 100 rows
 * of the order shown, each linking to its vault page. Vaults liquidatable under the stress scenario are marked.
 */
export function AtRiskTable({
  book,
  chainId,
  baseDecimals,
  baseSymbol,
  distance,
  odds1,
  odds7,
  flags,
}: {
  book: RiskBook;
  chainId: number;
  baseDecimals: number;
  baseSymbol: string;
  /** Per vault: smallest single-asset distance to liquidation (fraction, Infinity when none). */
  distance: Float64Array;
  /** Per vault: odds within 1 and 7 days (NaN when unknown). */
  odds1: Float64Array;
  odds7: Float64Array;
  /** Per vault: liquidatable under the current scenario. */
  flags: Uint8Array;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "hf", desc: false });
  const [onlyStressed, setOnlyStressed] = useState(false);
  const order = useMemo(() => {
    const idx: number[] = [];
    for (let i = 0; i < book.n; i++) {
      const hf = book.healthFactor[i]!;
      if (book.debtValue[i] === 0 || hf !== hf || hf === Infinity) continue;
      if (onlyStressed && !flags[i]) continue;
      idx.push(i);
    }
    const key: (i: number) => number | string = {
      hf: (i: number) => book.healthFactor[i]!,
      distance: (i: number) => distance[i]!,
      debt: (i: number) => book.debtValue[i]!,
      collateral: (i: number) => book.totalValue[i]!,
      owner: (i: number) => book.owners[i]!.toLowerCase(),
      odds7: (i: number) => (Number.isNaN(odds7[i]!) ? -1 : odds7[i]!),
    }[sort.key];
    const dir = sort.desc ? -1 : 1;
    idx.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return (ka < kb ? -1 : ka > kb ? 1 : book.ids[a]! - book.ids[b]!) * dir;
    });
    return idx;
  }, [book, sort, onlyStressed, flags, distance, odds7]);

  const header = (key: SortKey, label: string, right = true) => (
    <th className={`px-3 py-2 ${right ? "text-right" : ""}`} aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}>
      <button
        type="button"
        data-testid={`sort-${key}`}
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === "debt" || key === "collateral" || key === "odds7" }))}
        className="uppercase tracking-wide hover:text-slate-200"
      >
        {label}
        {sort.key === key ? (sort.desc ? " ↓" : " ↑") : ""}
      </button>
    </th>
  );
  const pct = (x: number) => (x === Infinity ? "—" : `${(x * 100).toFixed(1)}%`);
  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40" aria-label="Vaults at risk">
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
        <h2 className="text-sm font-medium uppercase tracking-wide text-slate-400">Vaults by risk</h2>
        <label className="flex items-center gap-2 text-xs text-slate-300">
          <input type="checkbox" checked={onlyStressed} onChange={(e) => setOnlyStressed(e.target.checked)} data-testid="only-stressed" />
          only liquidatable in the scenario
        </label>
      </div>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Vaults closest to liquidation">
        <table className="w-full text-sm" data-testid="at-risk-table">
          <thead className="bg-slate-900 text-left text-xs text-slate-400">
            <tr>
              <th className="px-3 py-2 uppercase tracking-wide">Vault</th>
              {header("owner", "Owner", false)}
              {header("hf", "Health")}
              {header("distance", "To liquidation")}
              {header("debt", "Debt")}
              {header("collateral", "Collateral")}
              <th className="px-3 py-2 text-right uppercase tracking-wide">1 day</th>
              {header("odds7", "7 days")}
            </tr>
          </thead>
          <tbody>
            {order.slice(0, ROWS).map((i) => {
              const id = book.ids[i]!;
              const hf = book.healthFactor[i]!;
              return (
                <tr key={id} className={`border-t border-slate-800 ${flags[i] ? "bg-rose-950/30" : ""}`} data-testid="risk-row" data-vault-id={id} data-stressed={flags[i] ? "1" : "0"}>
                  <td className="px-3 py-1.5">
                    <Link href={vaultHref(chainId, book.market, BigInt(id))} className="font-medium text-sky-300 hover:underline">
                      #{id}
                    </Link>
                  </td>
                  <td className="px-3 py-1.5 font-mono text-xs text-slate-400">{shortAddress(book.owners[i]! as Address)}</td>
                  <td className={`px-3 py-1.5 text-right font-mono tabular-nums ${book.liquidatableNow[i] ? "text-rose-300" : hf < 1.2 ? "text-orange-300" : hf < 1.5 ? "text-yellow-300" : "text-emerald-300"}`} data-testid="row-hf">
                    {hf > 1000 ? ">1000" : hf.toFixed(2)}
                  </td>
                  <td className="px-3 py-1.5 text-right font-mono tabular-nums">{pct(distance[i]!)}</td>
                  <td className="px-3 py-1.5 text-right font-mono tabular-nums">
                    {formatToken(book.debt[i]!, baseDecimals, baseSymbol, 2)}
                    <div className="text-xs text-slate-400">{usd(book.debtValue[i]!)}</div>
                  </td>
                  <td className="px-3 py-1.5 text-right font-mono tabular-nums">{usd(book.totalValue[i]!)}</td>
                  <td className="px-3 py-1.5 text-right font-mono tabular-nums">{Number.isNaN(odds1[i]!) ? "—" : formatOdds(odds1[i]!)}</td>
                  <td className="px-3 py-1.5 text-right font-mono tabular-nums">{Number.isNaN(odds7[i]!) ? "—" : formatOdds(odds7[i]!)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="px-4 py-2 text-xs text-slate-400" data-testid="risk-rows-shown">
        {order.length === 0
          ? "No vault matches."
          : `Showing ${Math.min(ROWS, order.length).toLocaleString("en-US")} of ${order.length.toLocaleString("en-US")} vaults with debt.`}
      </p>
    </section>
  );
}
