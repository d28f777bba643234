"use client";
import { useTranslations } from "next-intl";
import type { AuthCall } from "@/hooks/use-automation";

/** A step before the rule: a key under `automation.auth` (the adapters', or KeelGuard's "keelGuard") and whether it is done. */
export type RuleStep = { step: AuthCall["step"] | "keelGuard"; done: boolean };

/**
 * The transactions a rule needs, in order: each authorisation (of the protocol's adapter, or of KeelGuard on a vault
 * page) not yet given, then the rule.
 */
export function RuleSteps({ auth, protocol, last }: { auth: RuleStep[]; protocol: string; last: string }) {
  const t = useTranslations("automation");
  return (
    <ol className="space-y-1 text-xs text-slate-300" data-testid="rule-steps">
      {auth.map((a, i) => (
        <li key={`${a.step}-${i}`} className="flex gap-2">
          <span aria-hidden className={a.done ? "text-emerald-300" : "text-slate-400"}>
            {a.done ? "✓" : `${i + 1}.`}
          </span>
          <span>
            {t(`auth.${a.step}`, { protocol })}
            {a.done && <span className="text-slate-400"> — {t("steps.done")}</span>}
          </span>
        </li>
      ))}
      <li className="flex gap-2">
        <span aria-hidden className="text-slate-400">{`${auth.length + 1}.`}</span>
        <span>{last}</span>
      </li>
    </ol>
  );
}
