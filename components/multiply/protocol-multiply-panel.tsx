"use client";
import { useTranslations } from "next-intl";
import type { ProtocolTarget } from "@/hooks/use-protocol-leverage";
import { useProtocolMultiply } from "@/hooks/use-protocol-multiply";
import type { ChainConfig } from "@/lib/config/chains";
import { ModeTabs } from "./multiply-form";
import { ProtocolMultiplyForm } from "./protocol-multiply-form";
import { ProtocolMultiplyPreview } from "./protocol-multiply-preview";
import { ProtocolMultiplySteps } from "./protocol-multiply-steps";

export interface ProtocolMultiplyPanelProps {
  chain: ChainConfig;
  /** The Aave pair or the Morpho market to open, raise, lower or close. */
  target: ProtocolTarget;
}

/**
 * Multiply on an Aave v3 or Morpho Blue position: one transaction through the protocol's leverage router (flash loan +
 * swap + the protocol's own actions for the owner). The plan, the problem and the transactions come from
 * hooks/use-protocol-multiply.ts; this panel lays out its form, preview and steps. The permissions the router needs are
 * listed with their state, granted in order before the router call, and each can be revoked; every transaction goes
 * through the one transactor. Mountable on any page that knows the position (the protocols' position page too).
 */
export function ProtocolMultiplyPanel({ chain, target }: ProtocolMultiplyPanelProps) {
  const t = useTranslations("multiply");
  const m = useProtocolMultiply(chain, target);
  return (
    <section
      className="rounded-xl border border-slate-800 bg-slate-900/40"
      data-testid="multiply-panel"
      data-protocol={target.protocol}
      aria-label={`${t("title")} · ${m.protocolName}`}
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-800 px-5 py-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-100">
            {t("title")} · {m.protocolName}
          </h2>
          <p className="text-xs text-slate-400">{t("introProtocol", { base: m.baseSymbol, symbol: m.symbol, protocol: m.protocolName })}</p>
        </div>
        {m.ownDebt > 0n && <ModeTabs mode={m.form.mode} onMode={m.form.setMode} />}
      </header>
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void m.submit();
        }}
      >
        <ProtocolMultiplyForm m={m} />
        <ProtocolMultiplyPreview m={m} />
        <ProtocolMultiplySteps m={m} />
      </form>
    </section>
  );
}
