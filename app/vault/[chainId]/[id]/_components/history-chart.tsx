"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { NearViewport } from "@/components/chart-placeholder";
import { ChartTable, spread } from "@/components/chart-table";
import { useFormat } from "@/hooks/use-format";
import type { VaultHistory } from "@/hooks/use-vault-history";
import type { Formatter } from "@/lib/view/format";
import { healthText } from "@/lib/view/health-chart";

// The drawing loads when it comes near the screen; the text table and the events render with the page.
const HistoryPlot = dynamic(() => import("./history-plot").then((m) => m.HistoryPlot), { ssr: false });

// Its formatter is made once per language (lib/view/format.ts clock): a table of many points formatted each with
// toLocaleTimeString built one per point (0.13 s of a phone's load in bench:profile).
const time = (f: Formatter, ts: number | null, block: number) => (ts ? f.clock(ts) : `#${block}`);

/** The vault's health factor and smallest distance to liquidation at sampled past blocks since it opened. */
export function HistoryChart({ history, loading, error }: { history?: VaultHistory; loading: boolean; error: Error | null }) {
  const t = useTranslations("charts");
  const f = useFormat();
  const points = history?.points ?? [];
  const hf = (v: number | null) => (v === null ? "—" : healthText(f)(v));
  return (
    <figure className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="history-chart">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-400">
        <span className="font-medium uppercase tracking-wide">{t("history")}</span>
        <span>
          {history
            ? history.source === "indexer"
              ? t("eventsIndexer", { events: history.events.length })
              : t("samplesChain", { samples: points.length, events: history.events.length })
            : loading
              ? t("readingPast")
              : ""}
        </span>
      </figcaption>
      {error && <p className="text-sm text-rose-300">{t("historyError", { error: error.message.split("\n")[0] ?? "" })}</p>}
      {points.length > 0 && (
        <>
          <ChartTable
            caption={t("history")}
            columns={[t("block"), t("time"), t("healthFactor"), t("distance")]}
            rows={spread(points).map((p) => [
              `#${p.block}`,
              time(f, p.timestamp, p.block),
              hf(p.healthFactor),
              p.distancePct === null ? "—" : f.percentFloat(p.distancePct / 100, 1),
            ])}
          />
          <NearViewport height="h-60">
            <HistoryPlot history={history!} time={(ts, block) => time(f, ts, block)} />
          </NearViewport>
        </>
      )}
      {history && history.events.length > 0 && (
        <ol className="mt-3 max-h-40 space-y-1 overflow-y-auto text-xs text-slate-400" data-testid="vault-events">
          {[...history.events].reverse().map((e) => (
            <li key={`${e.txHash}-${e.name}`} className="flex justify-between gap-3">
              <span className="text-slate-300">{t("event", { name: e.name })}</span>
              <span className="font-mono">{t("blockN", { n: e.block.toString() })}</span>
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
