"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { healthBand } from "@/lib/engine/risk";
import { INFINITE_HEALTH } from "@/lib/engine/health";
import { NONE } from "@/lib/view/format";
import type { TotalsAcross } from "@/lib/protocols/view";
import { BAND_STYLE, type AccountTotals } from "@/lib/view/vault-summary";

function Stat({ label, value, testId, tone, sub }: { label: string; value: string; testId: string; tone?: string; sub?: string }) {
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-900/60 px-4 py-3">
      <div className="text-xs uppercase tracking-wide text-slate-400">{label}</div>
      <div className={`mt-1 break-words font-mono text-base tabular-nums sm:text-lg ${tone ?? "text-slate-100"}`} data-testid={testId}>
        {value}
      </div>
      {sub && <div className="text-xs text-slate-400">{sub}</div>}
    </div>
  );
}

/** The account across all its positions (Keel, Aave, Morpho) and chains, in USD. */
export function AccountTotalsBar({ totals }: { totals: AccountTotals | TotalsAcross }) {
  const t = useTranslations("totals");
  const f = useFormat();
  const atRisk = totals.bands.atRisk + totals.bands.liquidatable;
  // A debt against no priced limit has no share of it (the vault page's "—", not a 10^59 %); a lowest health of ∞ while
  // a position's health cannot be given (healthShown's "unpriced") would say no risk where it is unknown.
  const limitUsed = totals.borrowLimitUsed === INFINITE_HEALTH ? NONE : f.percent(totals.borrowLimitUsed);
  const lowestKnown = totals.lowestHealth !== INFINITE_HEALTH || totals.bands.unpriced === 0;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="account-totals">
      <Stat label={t("collateral")} value={f.usd(totals.collateralValue)} testId="total-collateral" />
      <Stat label={t("debt")} value={f.usd(totals.debtValue)} testId="total-debt" />
      <Stat label={t("net")} value={f.usd(totals.netValue)} testId="total-net" />
      <Stat label={t("limitUsed")} value={limitUsed} testId="total-limit-used" />
      <Stat
        label={t("lowestHealth")}
        sub={`${t("positions", { count: totals.vaults, countText: f.number(totals.vaults, 0) })}${atRisk ? ` · ${t("atRisk", { count: atRisk })}` : ""}${"unpriced" in totals && totals.unpriced ? ` · ${t("unpriced", { count: totals.unpriced })}` : ""}`}
        value={lowestKnown ? f.healthFactor(totals.lowestHealth) : NONE}
        testId="total-lowest-health"
        tone={lowestKnown ? BAND_STYLE[healthBand(totals.lowestHealth)].text : undefined}
      />
    </div>
  );
}
