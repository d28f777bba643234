"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PrivateWallet, WalletScope } from "@/lib/privacy/wallet";

/**
 * Where the note lives and its backup: export downloads the wallet as a file (made in the page, sent nowhere);
 * import reads one back (a file or pasted text), refused when it belongs to another chain, pool or account.
 */
export function BackupPanel({
  scope,
  wallet,
  serialize,
  onImport,
}: {
  scope: WalletScope;
  wallet: PrivateWallet | null;
  serialize: () => string | null;
  /** Stores the backup; returns the problem in words, or null when imported. */
  onImport: (text: string) => string | null;
}) {
  const t = useTranslations("private.backup");
  const [pasted, setPasted] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [replace, setReplace] = useState(false);

  function exportFile() {
    const text = serialize();
    if (!text) return;
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `keel-private-${scope.chainId}-${scope.account.slice(2, 8).toLowerCase()}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function load(text: string) {
    // Never overwrite a position silently: replacing one this browser holds must be asked for.
    if (wallet?.note && !replace) return setMessage({ ok: false, text: t("wouldReplace") });
    const problem = onImport(text.trim());
    setMessage(problem ? { ok: false, text: problem } : { ok: true, text: t("imported") });
    if (!problem) setPasted("");
  }

  return (
    <section className="space-y-3 rounded-xl border border-slate-800 bg-slate-900/60 p-4 text-sm" data-testid="private-backup">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-slate-300">{t("where")}</p>
      <p className="text-amber-200">{t("warning")}</p>
      <button
        type="button"
        disabled={!wallet}
        onClick={exportFile}
        data-testid="private-export"
        className="min-h-11 rounded-lg border border-slate-600 px-4 text-slate-200 disabled:opacity-50"
      >
        {t("export")}
      </button>
      <label className="block space-y-1 text-xs text-slate-400">
        <span>{t("importFile")}</span>
        <input
          type="file"
          accept="application/json,.json"
          data-testid="private-import-file"
          className="block min-h-11 w-full text-sm text-slate-300 file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-slate-600 file:bg-transparent file:px-4 file:text-slate-200"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(load);
            e.target.value = "";
          }}
        />
      </label>
      <label className="block space-y-1 text-xs text-slate-400">
        <span>{t("importPaste")}</span>
        <textarea
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          rows={3}
          data-testid="private-import-text"
          className="block w-full rounded-lg border border-slate-700 bg-slate-950 p-2 font-mono text-xs text-slate-100"
        />
      </label>
      <button
        type="button"
        disabled={!pasted.trim()}
        onClick={() => load(pasted)}
        data-testid="private-import"
        className="min-h-11 rounded-lg border border-slate-600 px-4 text-slate-200 disabled:opacity-50"
      >
        {t("import")}
      </button>
      {wallet?.note && (
        <label className="flex min-h-11 items-center gap-2 text-xs text-slate-300">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="private-import-replace" />
          {t("replace")}
        </label>
      )}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-emerald-300" : "text-rose-300"} data-testid="private-import-result">
          {message.text}
        </p>
      )}
    </section>
  );
}
