"use client";
import { useTranslations } from "next-intl";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import { useFormat } from "@/hooks/use-format";
import { parseLeverageText, type ParsedLeverage } from "@/lib/view/amount";
import { onTabListKeyDown } from "@/components/tab-keys";

export const SLIPPAGE_CHOICES = [10n, 50n, 100n, 300n];

/**
 * The target leverage: a slider and a box that parses like every amount field (lib/view/amount.ts), its problem named under
 * it. `text` is what is being typed (null: show the target).
 */
export function LeverageField({
  target,
  current,
  max,
  nowLabel,
  maxLabel,
  text,
  parsed,
  onTarget,
  onText,
}: {
  target: number;
  /** Hundredths: the slider's ceiling is the larger of the maximum and the current leverage. */
  current: number;
  max: number;
  nowLabel: string | null;
  maxLabel: string;
  text: string | null;
  parsed: ParsedLeverage | null;
  onTarget(hundredths: number): void;
  onText(text: string | null): void;
}) {
  const t = useTranslations("multiply");
  const problemText = useAmountProblem();
  const f = useFormat();
  const ceiling = Math.max(max, current);
  const bad = Boolean(parsed && !parsed.ok);
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between text-xs text-slate-400">
        <label htmlFor="multiply-leverage">{t("targetLeverage")}</label>
        <span>{t("nowMax", { hasNow: nowLabel ? "yes" : "no", now: nowLabel ?? "", max: maxLabel })}</span>
      </div>
      <div className="flex items-center gap-3">
        <input
          id="multiply-leverage"
          data-testid="leverage-slider"
          type="range"
          min={100}
          max={ceiling}
          step={1}
          value={Math.min(target, ceiling)}
          onChange={(e) => {
            onTarget(Number(e.target.value));
            onText(null);
          }}
          className="w-full accent-sky-400"
        />
        <input
          aria-label={t("targetLeverageAria")}
          data-testid="leverage-input"
          inputMode="decimal"
          value={text ?? f.decimalText((target / 100).toFixed(2))}
          aria-invalid={bad}
          aria-describedby="multiply-leverage-problem"
          onChange={(e) => {
            onText(e.target.value);
            const p = parseLeverageText(e.target.value, ceiling, f.decimalSeparator);
            if (p.ok) onTarget(p.hundredths);
          }}
          onBlur={() => {
            // Leaving the box keeps what it shows. Text typed while the maximum was still lower (not yet read, or before
            // the deposit was entered) parsed only later, so the target was never set from it: set it now, before the text
            // is dropped — otherwise the click that blurs the box would send the previous target, not the one previewed.
            if (parsed?.ok) onTarget(parsed.hundredths);
            if (parsed?.ok !== false) onText(null);
          }}
          className={`w-20 rounded-md border bg-slate-950 px-2 py-1 text-right font-mono text-sm ${bad ? "border-rose-600" : "border-slate-700"}`}
        />
      </div>
      <p id="multiply-leverage-problem" role={bad ? "alert" : undefined} className="min-h-4 text-xs text-rose-300" data-testid="leverage-problem">
        {parsed && !parsed.ok ? problemText(parsed) : ""}
      </p>
    </div>
  );
}

/** The slippage bound the swap carries (bps). */
export function SlippageSelect({ value, onChange }: { value: bigint; onChange(bps: bigint): void }) {
  const t = useTranslations("multiply");
  const f = useFormat();
  return (
    <label className="flex items-center justify-between gap-3 text-xs text-slate-400">
      <span>{t("slippage")}</span>
      <select
        aria-label={t("slippageAria")}
        value={String(value)}
        onChange={(e) => onChange(BigInt(e.target.value))}
        className="rounded-md border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100"
      >
        {SLIPPAGE_CHOICES.map((b) => (
          <option key={String(b)} value={String(b)}>
            {f.decimalText((Number(b) / 100).toFixed(1))} %
          </option>
        ))}
      </select>
    </label>
  );
}

/** Adjust / Close tabs. */
export function ModeTabs({ mode, onMode }: { mode: "adjust" | "close"; onMode(m: "adjust" | "close"): void }) {
  const t = useTranslations("multiply");
  return (
    <div role="tablist" className="flex rounded-lg border border-slate-700 text-xs" onKeyDown={onTabListKeyDown}>
      {(["adjust", "close"] as const).map((m) => (
        <button
          key={m}
          role="tab"
          type="button"
          aria-selected={mode === m}
          onClick={() => onMode(m)}
          className={`px-3 py-1.5 ${mode === m ? "bg-slate-800 text-sky-300" : "text-slate-400 hover:text-slate-200"}`}
        >
          {t(m)}
        </button>
      ))}
    </div>
  );
}
