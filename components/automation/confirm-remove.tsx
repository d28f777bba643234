"use client";
import { useTranslations } from "next-intl";

/**
 * The question asked before a rule is removed (KeelGuard's and KeelAutomation's alike): what stops protecting the
 * position, "Yes, remove it" and "Keep it" (focused, so Enter keeps the rule).
 */
export function ConfirmRemove({ title, body, busy, onConfirm, onCancel }: { title: string; body: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const t = useTranslations("automation.confirm");
  return (
    <div role="alertdialog" aria-label={title} className="space-y-2 rounded-md border border-rose-800 bg-rose-950/40 p-2 text-xs text-rose-100" data-testid="rule-remove-confirm">
      <p>{body}</p>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={onConfirm}
          className="rounded-md bg-rose-700 px-2 py-1 font-medium text-white hover:bg-rose-600 disabled:opacity-50"
          data-testid="rule-remove-yes"
        >
          {t("yes")}
        </button>
        <button type="button" autoFocus onClick={onCancel} className="rounded-md border border-slate-600 px-2 py-1 hover:bg-slate-800">
          {t("keep")}
        </button>
      </div>
    </div>
  );
}
