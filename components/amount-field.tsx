"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { ReactNode } from "react";

/**
 * An amount input with its token, the wallet balance, a Max button and the inline message of `parseAmount`
 * (lib/view/amount.ts) when the text is not a valid amount. Parsing stays with the caller.
 */
export function AmountField({
  id,
  label,
  symbol,
  value,
  onChange,
  onMax,
  maxLabel,
  hint,
  problem,
}: {
  id: string;
  label: string;
  symbol: string;
  value: string;
  onChange(text: string): void;
  onMax?: () => void;
  /** What Max fills in, in words (shown next to the button). */
  maxLabel?: ReactNode;
  /** Wallet balance or other context under the field. */
  hint?: ReactNode;
  /** The parse problem's message; only shown once the user typed something or tried to submit. */
  problem?: string | null;
}) {
  const t = useTranslations("common");
  const f = useFormat();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="flex flex-wrap items-center justify-between gap-x-3 text-xs text-slate-400">
        <span>{label}</span>
        {hint && <span data-testid="amount-hint">{hint}</span>}
      </label>
      <div
        className={`flex items-center rounded-lg border bg-slate-950 ${problem ? "border-rose-600" : "border-slate-700 focus-within:border-sky-500"}`}
      >
        <input
          id={id}
          data-testid="amount-input"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder={f.decimalText("0.0")}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={Boolean(problem)}
          aria-describedby={`${id}-problem`}
          className="min-h-11 min-w-0 flex-1 bg-transparent px-3 py-2 font-mono text-lg tabular-nums outline-none"
        />
        <span className="px-2 text-sm text-slate-400">{symbol}</span>
        {onMax && (
          <button
            type="button"
            onClick={onMax}
            className="mr-1 min-h-11 min-w-11 rounded-md border border-slate-600 px-2 py-0.5 text-xs font-medium text-sky-300 hover:border-sky-500 md:mr-2 md:min-h-0 md:min-w-0"
            data-testid="max-button"
          >
            {t("max")}
          </button>
        )}
      </div>
      <div className="flex min-h-5 flex-wrap items-start justify-between gap-x-3 text-xs">
        <span id={`${id}-problem`} role={problem ? "alert" : undefined} data-testid="amount-problem" className="text-rose-300">
          {problem ?? ""}
        </span>
        {maxLabel && <span className="text-slate-400">{maxLabel}</span>}
      </div>
    </div>
  );
}
