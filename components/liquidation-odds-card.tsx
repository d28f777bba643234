"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormat } from "@/hooks/use-format";
import { useLiquidationOdds } from "@/hooks/use-liquidation-odds";
import { ODDS_TARGETS, type OddsInput } from "@/lib/analytics/liquidation-odds";
import type { ChainConfig } from "@/lib/config/chains";

const TONE = { high: "text-rose-300", medium: "text-orange-300", low: "text-emerald-300" } as const;

/**
 * The vault's predicted odds of liquidation within 1 and 7 days at its assets' realised volatility
 * (lib/analytics/liquidation-odds.ts), and the collateral to add to bring the 7-day odds under a chosen level.
 */
export function LiquidationOdds({ chain, vault }: { chain: ChainConfig; vault: OddsInput }) {
  const t = useTranslations("odds");
  const f = useFormat();
  const [target, setTarget] = useState<number>(0.05);
  const view = useLiquidationOdds(chain, vault, target);
  const box = "rounded-md border border-slate-800 bg-slate-950/40 px-3 py-2 text-xs text-slate-300";
  if (view.kind === "none") return null;
  if (view.kind === "estimating") return <div className={box}>{t("estimating")}</div>;
  if (view.kind === "unreadable") return <div className={box}>{t("unreadable")}</div>;
  if (view.kind === "missing") {
    return (
      <div className={box} data-testid="odds-unavailable">
        {t("notEnough", { assets: view.assets.join(", ") })}
      </div>
    );
  }
  const { week, day, add } = view;
  const tone = TONE[view.tone];
  return (
    <div className={`${box} flex flex-wrap items-center justify-between gap-2`} data-testid="liquidation-odds">
      <span>
        {t.rich("chance", {
          odds: () => (
            <b className={`font-mono tabular-nums ${tone}`} data-testid="odds-7d">
              {f.odds(week)}
            </b>
          ),
          muted: (c) => <span className="text-slate-400">{c}</span>,
          day: () => <span data-testid="odds-1d">{f.odds(day)}</span>,
        })}
      </span>
      <span className="flex items-center gap-2">
        {add ? (
          <span data-testid="odds-add">{t("add", { amount: f.token(add.amount, add.decimals, add.symbol), usd: f.usd(add.usd) })}</span>
        ) : (
          <span data-testid="odds-add">{t("already")}</span>
        )}
        <select
          aria-label={t("target")}
          value={target}
          onChange={(e) => setTarget(Number(e.target.value))}
          className="min-h-11 rounded border border-slate-700 bg-slate-900 px-1 py-0.5 text-xs md:min-h-0"
        >
          {ODDS_TARGETS.map((t) => (
            <option key={t} value={t}>
              {f.percent(BigInt(Math.round(t * 1000)) * 10n ** 15n, 0)}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
