"use client";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import type { GuardPosition } from "@/hooks/use-automation";
import { warningKinds } from "@/lib/automation-warnings";

/**
 * On a dashboard card: each of the position's rules that could not fire if its condition held now (authorisation
 * revoked, below the minimum, fee cap below gas, slippage bound unreachable — the hook's warnings), one short line
 * each, with a link to the protection panel on the position's page, where each is explained. Nothing when none.
 */
export function AutomationAlert({ positions, href }: { positions: GuardPosition[]; href: string }) {
  const t = useTranslations("automation");
  const format = useFormatter();
  const rows = positions.flatMap((p) =>
    p.rules.flatMap((r) => {
      const kinds = r.warnings ? warningKinds(r.warnings) : [];
      return kinds.length ? [{ p, r, kinds }] : [];
    }),
  );
  if (rows.length === 0) return null;
  const many = new Set(rows.map((x) => x.p.id)).size > 1;
  return (
    <div
      role="status"
      data-testid="automation-warning"
      className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 border-b border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200 md:px-5"
    >
      <ul className="min-w-0 space-y-0.5">
        {rows.map(({ p, r, kinds }) => (
          <li key={`${p.id}-${r.kind}`} data-testid={`automation-warning-${r.kind}`}>
            {t(many ? "alert.lineOn" : "alert.line", {
              kind: t(`kinds.${r.kind}`),
              collateral: p.collateral.symbol,
              reasons: format.list(
                kinds.map((k) => t(`alert.${k}`)),
                { type: "conjunction" },
              ),
            })}
          </li>
        ))}
      </ul>
      <Link href={`${href}#automation`} className="inline-flex min-h-11 items-center underline hover:text-amber-100 md:min-h-0">
        {t("alert.review")}
      </Link>
    </div>
  );
}
