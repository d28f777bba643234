"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { isAddress } from "viem";

/** Paste any address to see its positions read-only (`/?watch=0x…`), without connecting a wallet. */
export function WatchForm({ compact = false }: { compact?: boolean }) {
  const t = useTranslations("watch");
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className={`flex flex-wrap items-start gap-2 ${compact ? "" : "justify-center"}`}
      data-testid="watch-form"
      onSubmit={(e) => {
        e.preventDefault();
        const a = text.trim();
        if (!isAddress(a, { strict: false })) {
          setProblem(t("invalid"));
          return;
        }
        setProblem(null);
        router.push(`/?watch=${a}`);
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
          placeholder={t("placeholder")}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          spellCheck={false}
          autoComplete="off"
          className="min-h-11 w-full rounded-md border border-slate-700 bg-slate-950 px-3 py-2 font-mono text-sm md:min-h-0"
        />
        {problem && (
          <p id={`${id}-problem`} role="alert" className="mt-1 text-left text-xs text-rose-300" data-testid="watch-problem">
            {problem}
          </p>
        )}
      </div>
      <button type="submit" className="min-h-11 rounded-md border border-slate-600 px-4 py-2 text-sm text-slate-100 hover:border-sky-500 md:min-h-0">
        {t("submit")}
      </button>
    </form>
  );
}
