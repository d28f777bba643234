"use client";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/hooks/use-error-text";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import type { Address } from "viem";
import { AutomationAlert } from "@/components/automation/automation-alert";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useAccountPositions } from "@/hooks/use-account-positions";
import { positionsFor, useAutomationPositions } from "@/hooks/use-automation";
import { useAccountGuardRules } from "@/hooks/use-vault-protection";
import { findAsset } from "@/lib/config/deployment";
import { guardAlertRows, guardRuleWarnings } from "@/lib/view/guard-warnings";
import type { ChainConfig } from "@/lib/config/chains";
import { totalsAcross, type AnyPosition, type PositionView } from "@/lib/protocols/view";
import { AccountTotalsBar } from "./account-totals";
import { OpenVaultForm } from "./open-vault-form";
import { PositionCard } from "./position-card";
import { WatchForm } from "./watch-form";

// The private position's line needs the note code (Poseidon and the Merkle tree): it loads after the first render, and
// renders nothing for an account with no private note in this browser.
const PrivatePositionSummary = dynamic(() => import("@/components/privacy/private-position-summary").then((m) => m.PrivatePositionSummary), {
  ssr: false,
});

/**
 * `/` for an account: its positions on every configured chain — Keel vaults, Aave v3 and Morpho Blue together, with
 * totals across them — and a way to open a vault; `readOnly` for a watched address (`/?watch=0x…`). Loaded on demand by
 * ./dashboard-entry.tsx once there is an account to show, so a visitor with no wallet does not download its reads.
 */
export function Dashboard({ owner, readOnly, watched }: { owner: Address; readOnly: boolean; watched?: Address | undefined }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const tw = useTranslations("watch");
  const errorText = useErrorText();
  const chains = useAccountPositions(owner);
  const automation = useAutomationPositions(owner, { everyBlock: false });
  const guardRules = useAccountGuardRules(owner, chains);
  const [opening, setOpening] = useState(false);

  // A Keel vault's KeelGuard rules that could not fire now, weighed as its page's protection panel weighs them.
  const guardRowsOf = (chain: ChainConfig, v: { market: Address; id: bigint; owner: Address }) => {
    const state = guardRules(chain.id, v);
    if (!state) return [];
    const read = Boolean(automation.find((a) => a.chain.id === chain.id)?.positions);
    return guardAlertRows(guardRuleWarnings(v.owner, state, positionsFor(automation, chain.id, v), read)).map((r) => {
      const asset = findAsset(chain.deployment, r.collateral);
      return { ...r, collateral: { address: r.collateral, symbol: asset?.symbol ?? r.collateral.slice(0, 8), decimals: asset?.decimals ?? 18 } };
    });
  };
  // A position's automation rules (KeelAutomation) that could not fire now; a Keel vault's KeelGuard rules too.
  const alertOf = (chain: ChainConfig, v: PositionView<AnyPosition>) => {
    const p = v.position;
    if (p.protocol !== "keel")
      return <AutomationAlert positions={positionsFor(automation, chain.id, { protocol: p.protocol, id: p.id, owner: p.owner })} href={v.href} />;
    const vault = { market: p.id, id: p.vaultId, owner: p.owner };
    return (
      <>
        <AutomationAlert positions={positionsFor(automation, chain.id, vault)} href={v.href} />
        <AutomationAlert guard={guardRowsOf(chain, vault)} href={v.href} />
      </>
    );
  };
  const views = chains.flatMap((c) => c.positions);
  const totals = totalsAcross(views);
  const loading = chains.some((c) => c.isPending);
  const empty = !loading && views.length === 0 && chains.every((c) => !c.error);
  const openable = readOnly ? [] : chains.filter((c) => !c.unavailable).map((c) => c.chain);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">{readOnly ? tw("title") : t("title")}</h1>
          <p className="mt-1 text-sm text-slate-400">{t("subtitle")}</p>
        </div>
        {!empty && openable.length > 0 && (
          <button
            onClick={() => setOpening((o) => !o)}
            className="min-h-11 rounded-md bg-sky-500 px-4 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 md:min-h-0"
          >
            {opening ? tc("close") : t("openVault")}
          </button>
        )}
      </div>

      {readOnly && (
        <div
          className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-sky-800 bg-sky-950/40 px-4 py-2 text-sm text-sky-100"
          data-testid="watch-banner"
        >
          <span className="min-w-0 break-words">
            {tw.rich("watching", { address: () => <code className="break-all font-mono text-xs">{watched}</code> })}
          </span>
          <Link href="/" className="inline-flex min-h-11 items-center underline md:min-h-0">
            {tw("stop")}
          </Link>
        </div>
      )}
      {!readOnly && (
        <details className="text-sm text-slate-400">
          <summary className="cursor-pointer">{tw("other")}</summary>
          <div className="mt-2 max-w-xl">
            <WatchForm compact />
          </div>
        </details>
      )}
      {chains.flatMap((c) =>
        c.problems.map((p) => (
          <p
            key={`${c.chain.id}-${p.message}`}
            className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200"
            data-testid="read-problem"
          >
            {c.chain.name}: {errorText(p)}
          </p>
        )),
      )}
      {chains.map((c) =>
        c.error ? (
          <RpcErrorBanner
            key={c.chain.id}
            chainName={c.chain.name}
            rpcUrl={c.chain.rpcUrl}
            what="vaults"
            updatedAt={c.updatedAt}
            hasData={Boolean(c.vaults)}
            onRetry={c.refetch}
          />
        ) : null,
      )}
      {chains
        .filter((c) => c.unavailable)
        .map((c) => (
          <p key={c.chain.id} className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200">
            {c.chain.name}: {c.unavailable}
          </p>
        ))}

      {views.length > 0 && <AccountTotalsBar totals={totals} />}
      {!readOnly && <PrivatePositionSummary />}

      {(opening || empty) && openable.length > 0 && (
        <section className="rounded-xl border border-slate-800 bg-slate-900/60 p-4 md:p-5" data-testid={empty ? "empty-state" : "open-vault"}>
          {empty && (
            <div className="mb-4">
              <h2 className="text-lg font-semibold">{t("noVault")}</h2>
              <p className="mt-1 text-sm text-slate-400">{t("noVaultWhy")}</p>
            </div>
          )}
          <OpenVaultForm chains={openable} />
        </section>
      )}

      {loading && views.length === 0 && <p className="text-sm text-slate-400">{t("reading")}</p>}
      {readOnly && empty && (
        <p className="rounded-xl border border-slate-800 bg-slate-900/60 p-4 text-sm text-slate-300 md:p-5" data-testid="watch-empty">
          {tw("empty")}
        </p>
      )}

      {chains.map((c) =>
        c.positions.length > 0 ? (
          <section key={c.chain.id} className={`space-y-3 ${c.error ? "opacity-60" : ""}`}>
            {chains.length > 1 && (
              <h2 className="text-sm font-medium text-slate-300">
                {c.chain.name} <span className="text-slate-400">· {t("chain", { id: c.chain.id })}</span>
              </h2>
            )}
            {c.positions.map((v) => (
              <PositionCard key={v.key} chain={c.chain} view={v} readOnly={readOnly} alert={alertOf(c.chain, v)} />
            ))}
          </section>
        ) : null,
      )}
    </div>
  );
}
