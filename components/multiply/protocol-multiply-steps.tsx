"use client";
import { useTranslations } from "next-intl";
import type { ProtocolMultiply } from "@/hooks/use-protocol-multiply";
import { MultiplyProblem } from "./multiply-problem";
import { MultiplySteps } from "./multiply-steps";

/**
 * What sending Multiply on an Aave or Morpho position takes: the problem (or a price-impact warning), the steps in
 * order (grants, then the router call), the submit button, and the permissions the router holds, each revocable.
 */
export function ProtocolMultiplySteps({ m }: { m: ProtocolMultiply }) {
  const t = useTranslations("multiply");
  const { plan, problem, address, busy } = m;
  return (
    <>
      <MultiplyProblem problem={problem} priceImpact={plan?.priceImpact} />

      <MultiplySteps steps={m.steps} flow={m.flow} flowKey={m.flowKey} />

      <button
        type="submit"
        disabled={!m.canSubmit}
        data-testid="submit-multiply"
        className="w-full rounded-md bg-sky-500 px-5 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {!address ? t("connect") : busy ? t("working") : m.action}
      </button>

      {address && m.grants.length > 0 && m.data && (
        <div className="space-y-2 border-t border-slate-800 pt-3" data-testid="multiply-grants">
          <h3 className="text-xs font-semibold text-slate-200">{t("permissions")}</h3>
          <p className="text-xs text-slate-400">{t("permissionsHint")}</p>
          <ul className="space-y-1 text-xs">
            {m.grants.map(({ grant: g, on }) => (
              <li key={g.kind} className="flex items-center justify-between gap-2" data-testid={`grant-${g.kind}`}>
                <span className={on ? "text-amber-200" : "text-slate-400"}>
                  {m.grantText(g)} — {on ? t("granted") : t("notGranted")}
                </span>
                {on && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void m.revoke(g)}
                    className="rounded border border-slate-600 px-2 py-0.5 text-slate-200 hover:border-rose-500 disabled:opacity-50"
                    data-testid={`revoke-${g.kind}`}
                  >
                    {t("revoke")}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
