"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { isAddress } from "viem";

/**
 * Paste any address to see its positions read-only (`/?watch=0x…`), without connecting a wallet. `header`: the small
 * field of the site header (its problem floats under it, so the header never changes height); `onDone` runs after a
 * valid address is sent (the phone menu closes).
 */
export function WatchForm({ compact = false, header = false, onDone }: { compact?: boolean; header?: boolean; onDone?: () => void }) {
  const t = useTranslations("watch");
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className={header ? "relative flex min-w-0 items-center gap-1.5" : `flex flex-wrap items-start gap-2 ${compact ? "" : "justify-center"}`}
      data-testid={header ? "header-watch-form" : "watch-form"}
      onSubmit={(e) => {
        e.preventDefault();
        const a = text.trim();
        if (!isAddress(a, { strict: false })) {
          setProblem(t("invalid"));
          return;
        }
        setProblem(null);
        router.push(`/?watch=${a}`);
        if (header) setText("");
        onDone?.();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {t("label")}
      </label>
      <div className="min-w-0 flex-1">
        <input
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t(header ? "headerPlaceholder" : "placeholder")}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          spellCheck={false}
          autoComplete="off"
          data-testid={header ? "header-watch-input" : undefined}
          className={
            header
              ? "h-9 w-full rounded-md border border-slate-700 bg-slate-950 px-2 font-mono text-xs placeholder:text-slate-400"
              : "min-h-11 w-full rounded-md border border-slate-700 bg-slate-950 px-3 py-2 font-mono text-sm md:min-h-0"
          }
        />
        {problem && (
          <p
            id={`${id}-problem`}
            role="alert"
            className={
              header
                ? "absolute right-0 top-full z-50 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-md border border-rose-800 bg-slate-950 px-3 py-2 text-left text-xs text-rose-300 shadow-lg"
                : "mt-1 text-left text-xs text-rose-300"
            }
            data-testid="watch-problem"
          >
            {problem}
          </p>
        )}
      </div>
      <button
        type="submit"
        className={
          header
            ? "h-9 shrink-0 rounded-md border border-slate-600 px-2.5 text-xs text-slate-100 hover:border-sky-500"
            : "min-h-11 rounded-md border border-slate-600 px-4 py-2 text-sm text-slate-100 hover:border-sky-500 md:min-h-0"
        }
      >
        {t("submit")}
      </button>
    </form>
  );
}
