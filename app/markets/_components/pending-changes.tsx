"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { useNowSeconds } from "@/hooks/use-now";
import { changeWindow, describeChange } from "@/lib/read/markets";
import type { LensMarket } from "@/lib/read/vaults";

/**
 * Risk changes proposed to the market's risk admin — its parameters, the price feeds of its assets, the guardian and the
 * delay — each with what it changes, when it can take effect and when it expires.
 */
export function PendingChanges({ market, symbolOf }: { market: LensMarket; symbolOf(a: string): string | undefined }) {
  const now = useNowSeconds(); // the countdowns: this list re-renders each second, not the market's charts
  const t = useTranslations("pending");
  const tc = useTranslations("changes");
  const f = useFormat();
  const words = {
    none: tc("none"),
    raw: (v: string) => tc("raw", { v }),
    units: (v: string) => tc("units", { v }),
    bps: (v: string) => tc("bps", { v }),
  };
  const changes = [...market.pendingChanges].sort((a, b) => (a.executableAt < b.executableAt ? -1 : 1));
  return (
    <div className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="pending-changes">
      <h3 className="text-xs font-medium uppercase tracking-wide text-slate-400">{t("title")}</h3>
      {changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-400">{t("none", { delay: f.age(Number(market.riskDelay)) })}</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {changes.map((c) => {
            const d = describeChange(c, market, symbolOf, f, words);
            const when = changeWindow(c.executableAt, c.expiresAt, now);
            const whenText = when.state === "waiting" ? t("in", { age: f.age(when.left) }) : t("executableNow");
            const at = f.utc(c.executableAt);
            const expires = f.utc(c.expiresAt);
            return (
              <li key={c.id.toString()} data-testid={`pending-change-${c.id}`} className="rounded-lg border border-amber-900/60 bg-amber-950/20 p-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="text-sm font-medium text-amber-100">
                    #{c.id.toString()} · {tc(`title.${d.titleKey}`, { symbol: d.symbol })}
                  </span>
                  <span className="text-xs text-amber-200" data-testid="effective" data-state={when.state}>
                    {when.state === "expired"
                      ? t.rich("expired", { when: () => <b data-testid="countdown">{t("expiredWord")}</b>, expires })
                      : t.rich("effectExpires", {
                          when: () => <b data-testid="countdown">{whenText}</b>,
                          at: () => <span data-testid="effective-at">{at}</span>,
                          expires: () => <span data-testid="expires-at">{expires}</span>,
                        })}
                  </span>
                </div>
                <ul className="mt-2 grid gap-x-6 gap-y-1 text-xs sm:grid-cols-2">
                  {d.items.map((i) => (
                    <li key={i.key} className="flex justify-between gap-2">
                      <span className="text-slate-400">{tc(`label.${i.key}`)}</span>
                      <span className="tabular-nums">
                        {i.from !== null && (
                          <>
                            <span className="text-slate-400">{i.from}</span> →{" "}
                          </>
                        )}
                        <span className="text-slate-100">{i.to}</span>
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
