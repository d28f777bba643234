"use client";
import { useTranslations } from "next-intl";
import { Component, type ReactNode } from "react";

/**
 * Keeps one panel's failure inside its box: a panel whose code did not load (a dropped connection, a new deployment's
 * chunks) or that threw while rendering shows a line and a reload button there, and the page around it (the forms, the
 * figures) stays up instead of giving way to app/error.tsx. React logs the error as for any boundary.
 */
export class PanelBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? <PanelFailed /> : this.props.children;
  }
}

function PanelFailed() {
  const t = useTranslations("common");
  return (
    <div role="alert" className="rounded-xl border border-amber-800 bg-amber-950/40 p-4 text-sm text-amber-200" data-testid="panel-failed">
      <p>{t("panelFailed")}</p>
      {/* A module that failed to load stays failed in this page (React caches it): a reload loads it again. */}
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="mt-2 min-h-11 rounded-md border border-amber-700 px-3 py-1 text-xs md:min-h-0"
      >
        {t("reload")}
      </button>
    </div>
  );
}
