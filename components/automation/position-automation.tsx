"use client";
import { useTranslations } from "next-intl";
import { positionsFor, useAutomationPositions } from "@/hooks/use-automation";
import type { PositionPanelProps } from "@/app/position/_components/panels";
import { AutomationPanel } from "./automation-panel";

/**
 * On an Aave or Morpho position's page: its KeelAutomation rules (deleverage, stop-loss, take-profit, boost, trailing
 * stop), each with what would stop it firing now, per collateral × debt pair the guard reads; set, paused and removed
 * here when the connected wallet owns the position. Nothing when the chain has no guard for the protocol or the
 * position has nothing the guard can act on (no collateral, no debt).
 */
export function PositionAutomation({ chain, view, canAct }: PositionPanelProps) {
  const t = useTranslations("automation");
  const owner = view.position.owner;
  const all = useAutomationPositions(owner);
  const positions = positionsFor(all, chain.id, { protocol: view.protocol, id: view.position.id, owner });
  if (positions.length === 0) return null;
  return (
    <section id="automation" className="scroll-mt-20 space-y-3" data-testid="position-automation">
      <h2 className="text-lg font-semibold">{t("vaultTitle")}</h2>
      <p className="max-w-3xl text-xs text-slate-400">{t("positionIntro")}</p>
      {positions.map((p) => (
        <AutomationPanel key={p.id} p={p} isOwner={canAct} />
      ))}
    </section>
  );
}
