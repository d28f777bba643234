"use client";
import "./globals.css";
import { createTranslator } from "next-intl";
import { use } from "react";
import type en from "@/messages/en.json";

const LANGUAGES = ["en", "es", "zh"] as const;
type Language = (typeof LANGUAGES)[number];
type Messages = typeof en;

/** The reader's language without the app's providers (they are what failed): the remembered switch, else the browser's. */
function language(): Language {
  if (typeof document === "undefined") return "en";
  const chosen = /(?:^|;\s*)KEEL_LOCALE=(\w+)/.exec(document.cookie)?.[1] ?? navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(chosen) ? (chosen as Language) : "en";
}

// This component ships with every page (it is the root's error boundary) but runs only when the layout fails: the
// language's messages load then, not with every page (the three files weigh 190 kB).
// The files are compiled at build time (next.config.ts `precompile`): their messages are read through next-intl's
// translator, never as plain strings.
const loading = new Map<Language, Promise<Messages>>();
const messagesOf = (lang: Language) => {
  if (!loading.has(lang))
    loading.set(
      lang,
      import(`@/messages/${lang}.json`).then((m: { default: Messages }) => m.default),
    );
  return loading.get(lang)!;
};

/**
 * When the root layout itself fails (a configuration that cannot work, a server fault): the server answers 500 with
 * this page, and its log says why. Nothing of the server's own message is shown (it may name paths or settings).
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset(): void }) {
  const lang = language();
  const t = createTranslator({ locale: lang, messages: use(messagesOf(lang)), namespace: "error" });
  return (
    <html lang={lang}>
      <body className="min-h-screen p-8">
        <main className="mx-auto mt-16 max-w-lg space-y-3 rounded-xl border border-slate-800 bg-slate-900/60 p-8" data-testid="server-error">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-300">{t("body")}</p>
          {error.digest && <p className="font-mono text-xs text-slate-400">{t("reference", { digest: error.digest })}</p>}
          <button type="button" onClick={reset} className="rounded-md bg-sky-600 px-3 py-2 text-sm font-medium text-white hover:bg-sky-500">
            {t("retry")}
          </button>
        </main>
      </body>
    </html>
  );
}
