"use client";
import { useTranslations } from "next-intl";
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { positionsFor, useAutomationPositions } from "@/hooks/use-automation";
import { AutomationPanel } from "./automation-panel";
import { sameAddress } from "@/lib/config/address";

/** On a Keel vault page: the vault's KeelAutomation rules (take-profit, boost, trailing stop and the rest), per collateral. */
export function VaultAutomation({ chainId, market, id, owner }: { chainId: number; market: Address; id: bigint; owner: Address }) {
  const t = useTranslations("automation");
  const { address } = useAccount();
  const all = useAutomationPositions(owner);
  const positions = positionsFor(all, chainId, { market, id });
  if (positions.length === 0) return null;
  const isOwner = sameAddress(address, owner);
  return (
    <section className="space-y-3" data-testid="vault-automation">
      <h2 className="text-lg font-semibold">{t("vaultTitle")}</h2>
      <p className="max-w-3xl text-xs text-slate-400">{t("vaultIntro")}</p>
      {positions.map((p) => (
        <AutomationPanel key={p.id} p={p} isOwner={isOwner} />
      ))}
    </section>
  );
}
