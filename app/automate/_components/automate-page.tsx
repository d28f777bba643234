"use client";
import { useTranslations } from "next-intl";
import { useAccount } from "wagmi";
import { AutomationPanel } from "@/components/automation/automation-panel";
import { useAutomationHistory, useAutomationPositions } from "@/hooks/use-automation";
import { useFormat } from "@/hooks/use-format";

/**
 * `/automate`: the connected account's positions on Keel, Aave v3 and Morpho Blue that KeelAutomation can guard, each
 * with its rules and the form for a new one, and the executions of the account's rules.
 */
export function AutomatePage() {
  const t = useTranslations("automation");
  const f = useFormat();
  const { address } = useAccount();
  const chains = useAutomationPositions(address);
  const history = useAutomationHistory(address);
  const positions = chains.flatMap((c) => c.positions ?? []);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-400">{t("intro")}</p>
      </div>
      {!address && <p className="rounded-lg border border-slate-800 bg-slate-900/60 p-6 text-sm text-slate-300">{t("connect")}</p>}
      {address && chains.length === 0 && <p className="text-sm text-slate-400">{t("noGuard")}</p>}
      {chains.map((c) =>
        c.error ? (
          <p key={c.chain.id} role="alert" className="text-sm text-rose-300">
            {t("readError", { chain: c.chain.name, reason: c.error.message.split("\n")[0] ?? "" })}
          </p>
        ) : null,
      )}
      {address && chains.some((c) => c.isPending) && positions.length === 0 && <p className="text-sm text-slate-400">{t("reading")}</p>}
      {address && !chains.some((c) => c.isPending) && positions.length === 0 && chains.length > 0 && (
        <p className="text-sm text-slate-400">{t("noPositions")}</p>
      )}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        {positions.map((p) => (
          <AutomationPanel key={p.id} p={p} isOwner />
        ))}
      </div>
      {address && (
        <section className="space-y-2" data-testid="automation-history">
          <h2 className="text-lg font-semibold">{t("history.title")}</h2>
          {history.length === 0 ? (
            <p className="text-sm text-slate-400">{t("history.none")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {history.map((h) => (
                <li key={`${h.txHash}-${h.kind}`} className="rounded-md border border-slate-800 px-3 py-2" data-testid="automation-execution">
                  {t("history.row", {
                    kind: t(`kinds.${h.kind}`),
                    protocol: h.protocol === "unknown" ? "—" : t(`protocols.${h.protocol}`),
                    block: h.block.toString(),
                    executor: f.shortAddress(h.executor),
                  })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
