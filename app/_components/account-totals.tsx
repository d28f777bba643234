import { formatHealthFactor, formatPercent, formatUsd } from "@/lib/format";
import { healthBand } from "@/lib/risk";
import { BAND_STYLE, type AccountTotals } from "@/lib/vault-summary";

function Stat({ label, value, testId, tone, sub }: { label: string; value: string; testId: string; tone?: string; sub?: string }) {
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-900/60 px-4 py-3">
      <div className="text-xs uppercase tracking-wide text-slate-400">{label}</div>
      <div className={`mt-1 font-mono text-lg tabular-nums ${tone ?? "text-slate-100"}`} data-testid={testId}>
        {value}
      </div>
      {sub && <div className="text-xs text-slate-500">{sub}</div>}
    </div>
  );
}

/** The account across all its vaults and chains. */
export function AccountTotalsBar({ totals }: { totals: AccountTotals }) {
  const atRisk = totals.bands.atRisk + totals.bands.liquidatable;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="account-totals">
      <Stat label="Collateral" value={formatUsd(totals.collateralValue)} testId="total-collateral" />
      <Stat label="Debt" value={formatUsd(totals.debtValue)} testId="total-debt" />
      <Stat label="Net" value={formatUsd(totals.netValue)} testId="total-net" />
      <Stat label="Borrow limit used" value={formatPercent(totals.borrowLimitUsed)} testId="total-limit-used" />
      <Stat
        label="Lowest health"
        sub={`${totals.vaults} vault${totals.vaults === 1 ? "" : "s"}${atRisk ? ` · ${atRisk} at risk or worse` : ""}`}
        value={formatHealthFactor(totals.lowestHealth)}
        testId="total-lowest-health"
        tone={BAND_STYLE[healthBand(totals.lowestHealth)].text}
      />
    </div>
  );
}
