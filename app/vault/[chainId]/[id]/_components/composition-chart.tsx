"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { NearViewport } from "@/components/chart-placeholder";
import { ChartTable } from "@/components/chart-table";
import { useFormat } from "@/hooks/use-format";
import { composition } from "@/lib/analytics/vault-charts";
import { distinctSymbols } from "@/lib/view/format";

// The drawing comes when it nears the screen; the table and the legend render with the page.
const CompositionPlot = dynamic(() => import("./composition-plot").then((m) => m.CompositionPlot), { ssr: false });

export const COLORS = ["#38bdf8", "#a78bfa", "#34d399", "#fbbf24", "#f472b6", "#f87171"];

/** The vault's collateral by value (lens values), as shares of the whole; each asset by its symbol (`distinctSymbols`). */
export function CompositionChart({ items }: { items: { symbol: string; address: string; value: bigint }[] }) {
  const t = useTranslations("charts");
  const f = useFormat();
  const formatUsd = f.usd;
  const labels = distinctSymbols(items);
  const data = composition(items.map((i, j) => ({ key: labels[j]!, value: i.value })));
  const values = new Map(items.map((i, j) => [labels[j]!, i.value]));
  return (
    <figure className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="composition-chart">
      <figcaption className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-400">{t("composition")}</figcaption>
      {data.length === 0 ? (
        <p className="mt-6 text-sm text-slate-400">{t("noPriced")}</p>
      ) : (
        <div className="flex flex-wrap items-center gap-4">
          <ChartTable
            caption={t("composition")}
            columns={[t("asset"), t("share"), t("value")]}
            rows={data.map((d) => [d.key, f.percentFloat(d.pct / 100, 1), formatUsd(values.get(d.key) ?? 0n)])}
          />
          <NearViewport height="h-44" className="w-44 shrink-0">
            <CompositionPlot data={data} values={values} />
          </NearViewport>
          <ul className="space-y-1 text-sm">
            {data.map((d, i) => (
              <li key={d.key} className="flex items-center gap-2">
                <span className="h-2.5 w-2.5 rounded-sm" style={{ background: COLORS[i % COLORS.length] }} />
                <span className="min-w-14 font-medium">{d.key}</span>
                <span className="font-mono tabular-nums text-slate-300">{f.percentFloat(d.pct / 100, 1)}</span>
                <span className="font-mono text-xs tabular-nums text-slate-400">{formatUsd(values.get(d.key) ?? 0n)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </figure>
  );
}
