"use client";
import { useTranslations } from "next-intl";
import type { AuthCall } from "@/hooks/use-automation";

/** The transactions a rule needs, in order: each authorisation of the protocol's adapter not yet given, then the rule. */
export function RuleSteps({ auth, protocol, last }: { auth: AuthCall[]; protocol: string; last: string }) {
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
