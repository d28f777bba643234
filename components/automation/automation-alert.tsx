"use client";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import type { GuardPosition, TokenRef } from "@/hooks/use-automation";
import { warningKinds, type WarningKind } from "@/lib/engine/automation-warnings";
import type { GuardKind } from "@/lib/engine/protection";

/** One KeelGuard rule of a Keel vault that could not fire now (lib/view/guard-warnings.ts `guardAlertRows`). */
export interface GuardAlertRow {
  kind: GuardKind;
  collateral: TokenRef;
  kinds: WarningKind[];
}

/**
 * On a dashboard card: each of the position's rules that could not fire if its condition held now (authorisation
 * revoked, below the minimum, fee cap below gas, slippage bound unreachable — the hook's warnings), one short line
 * each, with a link to the protection panel on the position's page, where each is explained. Nothing when none.
 * `positions`: its KeelAutomation rules (the link goes to `#automation`); `guard`: a Keel vault's KeelGuard rules
 * instead (to the vault page's KeelGuard panel, `#protection`).
 */
export function AutomationAlert({ positions = [], guard, href }: { positions?: GuardPosition[]; guard?: GuardAlertRow[]; href: string }) {
  const t = useTranslations("automation");
  const format = useFormatter();
  const rows = guard
    ? guard.map((r) => ({ id: r.collateral.address, kind: r.kind, collateral: r.collateral.symbol, kinds: r.kinds }))
    : positions.flatMap((p) =>
        p.rules.flatMap((r) => {
          const kinds = r.warnings ? warningKinds(r.warnings) : [];
          return kinds.length ? [{ id: p.id, kind: r.kind, collateral: p.collateral.symbol, kinds }] : [];
        }),
      );
  if (rows.length === 0) return null;
  const many = new Set(rows.map((x) => x.id)).size > 1;
  const prefix = guard ? "guard-warning" : "automation-warning";
  return (
    <div
      role="status"
      data-testid={prefix}
      className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 border-b border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200 md:px-5"
    >
      <ul className="min-w-0 space-y-0.5">
        {rows.map(({ id, kind, collateral, kinds }) => (
          <li key={`${id}-${kind}`} data-testid={`${prefix}-${kind}`}>
            {t(many ? "alert.lineOn" : "alert.line", {
              kind: t(`kinds.${kind}`),
              collateral,
              reasons: format.list(
                kinds.map((k) => t(`alert.${k}`)),
                { type: "conjunction" },
              ),
            })}
          </li>
        ))}
      </ul>
      <Link
        href={`${href}#${guard ? "protection" : "automation"}`}
        className="inline-flex min-h-11 items-center underline hover:text-amber-100 md:min-h-0"
      >
        {t(guard ? "alert.reviewGuard" : "alert.review")}
      </Link>
    </div>
  );
}
