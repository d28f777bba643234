"use client";
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export type ToastTone = "info" | "pending" | "success" | "error" | "neutral";

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  body?: ReactNode;
}

interface ToastApi {
  /** Shows a toast, or replaces the one with the same id; returns its id. */
  show(t: Omit<Toast, "id"> & { id?: number }): number;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

const toneClass: Record<ToastTone, string> = {
  info: "border-sky-700 bg-sky-950/90",
  pending: "border-sky-700 bg-slate-900/95",
  success: "border-emerald-700 bg-emerald-950/90",
  error: "border-rose-700 bg-rose-950/90",
  neutral: "border-slate-600 bg-slate-900/95",
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (t: Omit<Toast, "id"> & { id?: number }) => {
      const id = t.id ?? nextId++;
      setToasts((ts) => [...ts.filter((x) => x.id !== id), { ...t, id }].slice(-4));
      if (t.tone === "success" || t.tone === "neutral" || t.tone === "info") setTimeout(() => dismiss(id), 8_000);
      return id;
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);
  const tr = useTranslations("common");
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2" aria-live="polite">
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.tone === "error" ? "alert" : "status"}
            data-testid="toast"
            data-tone={t.tone}
            className={`pointer-events-auto rounded-lg border px-4 py-3 text-sm shadow-lg ${toneClass[t.tone]}`}
          >
            <div className="flex items-start justify-between gap-3">
              <div className="font-medium">
                {t.tone === "pending" && <span className="mr-2 inline-block h-2 w-2 animate-pulse rounded-full bg-sky-400" />}
                {t.title}
              </div>
              <button
                onClick={() => dismiss(t.id)}
                className="-my-2 -mr-2 flex h-11 w-11 shrink-0 items-center justify-center text-lg text-slate-400 hover:text-white md:h-6 md:w-6"
                aria-label={tr("dismiss")}
              >
                ×
              </button>
            </div>
            {t.body && <div className="mt-1 text-slate-300">{t.body}</div>}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToasts must be used inside <ToastProvider>");
  return api;
}
