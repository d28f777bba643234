"use client";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Address, ContractFunctionArgs, ContractFunctionName } from "viem";
import { useAccount } from "wagmi";
import { keelGuardAbi } from "@/contracts-abi/abi/KeelGuard";
import { positionsFor, useAutomationPositions, type TokenRef } from "@/hooks/use-automation";
import { useTransactor } from "@/hooks/use-transactor";
import { useVaultProtection, type GuardRule } from "@/hooks/use-vault-protection";
import { assetSymbol, findAsset } from "@/lib/config/deployment";
import type { RuleWarnings } from "@/lib/engine/automation-warnings";
import { GUARD_KIND, type GuardKind } from "@/lib/engine/protection";
import type { VaultPosition } from "@/lib/engine/risk";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensMarket, LensVault } from "@/lib/read/vaults";
import { guardRuleWarnings } from "@/lib/view/guard-warnings";
import { ProtectionHistory } from "./protection-history";
import { GuardRuleCard } from "./rule-card";
import { sameAddress } from "@/lib/config/address";

export interface ProtectionPanelProps {
  chain: ChainConfig;
  vault: LensVault;
  market: LensMarket;
  position: VaultPosition;
}

/** What a rule card needs from the panel: the vault, how to name an asset, and the panel's transactions. */
export interface GuardContext extends Omit<ProtectionPanelProps, "chain"> {
  symbolOf: (a: Address) => string;
  baseSymbol: string;
  isOwner: boolean;
  operator: boolean;
  busy: boolean;
  onPause: (kind: GuardKind, paused: boolean) => void;
  onRemove: (kind: GuardKind) => void;
  /** Authorises the guard first when it is not the owner's operator; true once the rule is saved. */
  onSave: (kind: GuardKind, args: ContractFunctionArgs<typeof keelGuardAbi, "nonpayable", "setRule">) => Promise<boolean>;
  /**
   * Why each stored rule could not fire if its condition held now (lib/engine/automation-warnings.ts, the four every
   * position page shows), with the tokens to word them in; null while the vault's snapshot loads or when none applies.
   */
  warnings: Record<GuardKind, { warnings: RuleWarnings; collateral: TokenRef; debt: TokenRef } | null>;
}

/**
 * Vault protection through KeelGuard: auto-deleverage and stop-loss rules the owner sets, pauses and removes, each with
 * a preview at today's prices (lib/engine/protection.ts mirrors the guard's plan), and the vault's history of rule executions
 * and liquidations. Every write goes through the transactor; making the guard the owner's operator is its own step.
 */
export function ProtectionPanel({ chain, vault, market, position }: ProtectionPanelProps) {
  const t = useTranslations("protection");
  const guard = chain.deployment?.contracts.guard;
  const { address } = useAccount();
  const protection = useVaultProtection(chain, vault.market, vault.id, vault.owner);
  // The vault's snapshots through the Keel adapter, per collateral: the same read (and cache) as the automation panel below.
  const automation = useAutomationPositions(vault.owner);
  const send = useTransactor();
  const [busy, setBusy] = useState(false);
  if (!guard) return null;

  const isOwner = sameAddress(address, vault.owner);
  const symbolOf = (a: Address) => assetSymbol(chain, a);
  const state = protection.data;
  const rules: Record<GuardKind, GuardRule | null> = { deleverage: state?.deleverage ?? null, stopLoss: state?.stopLoss ?? null };
  const tokenRef = (a: Address): TokenRef => ({ address: a, symbol: symbolOf(a), decimals: findAsset(chain.deployment, a)?.decimals ?? 18 });
  const read = automation.find((c) => c.chain.id === chain.id);
  const held = positionsFor(automation, chain.id, { market: vault.market, id: vault.id });
  // Without the automation contracts or before their read, only the guard's own authorisation is known.
  const found = state ? guardRuleWarnings(vault.owner, state, held, Boolean(read?.positions)) : null;
  const warningsOf = (kind: GuardKind) => {
    const w = found?.[kind];
    return w ? { warnings: w.warnings, collateral: tokenRef(w.collateral), debt: tokenRef(market.baseAsset) } : null;
  };
  const warnings: GuardContext["warnings"] = { deleverage: warningsOf("deleverage"), stopLoss: warningsOf("stopLoss") };
  const notAuthorised = state !== undefined && !state.operator && (rules.deleverage || rules.stopLoss) !== null;
  const withBusy = async <T,>(fn: () => Promise<T>) => {
    setBusy(true);
    try {
      return await fn();
    } finally {
      setBusy(false);
    }
  };
  const onGuard = <F extends ContractFunctionName<typeof keelGuardAbi, "nonpayable">>(
    label: string,
    functionName: F,
    args: ContractFunctionArgs<typeof keelGuardAbi, "nonpayable", F>,
  ) => send({ label, chainId: chain.id, address: guard, abi: keelGuardAbi, functionName, args });
  const setOperator = (label: string, on: boolean) =>
    send({ label, chainId: chain.id, address: vault.market, abi: keelMarketAbi, functionName: "setOperator", args: [guard, on] });

  const ctx: GuardContext = {
    vault,
    market,
    position,
    symbolOf,
    baseSymbol: symbolOf(market.baseAsset),
    isOwner,
    operator: state?.operator ?? false,
    busy,
    warnings,
    onPause: (kind, paused) =>
      void withBusy(() => onGuard(t(paused ? "tx.pause" : "tx.resume", { kind }), "setPaused", [vault.market, vault.id, GUARD_KIND[kind], paused])),
    onRemove: (kind) => void withBusy(() => onGuard(t("tx.remove", { kind }), "removeRule", [vault.market, vault.id, GUARD_KIND[kind]])),
    onSave: (kind, args) =>
      withBusy(async () => {
        if (!state?.operator && (await setOperator(t("tx.authorise"), true)).status !== "confirmed") return false;
        return (await onGuard(t("tx.save", { kind }), "setRule", args)).status === "confirmed";
      }),
  };

  return (
    <section className="space-y-4 rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="protection-panel">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="space-y-1">
          <h2 className="text-lg font-semibold">{t("title")}</h2>
          <p className="max-w-2xl text-xs text-slate-400">{t("intro")}</p>
          <p className="max-w-2xl text-xs text-slate-400" data-testid="protection-versus">
            {t("versus")}
          </p>
        </div>
        {state && (
          <span
            data-testid="guard-operator"
            className={`rounded-full px-2 py-0.5 text-xs ${state.operator ? "bg-emerald-950 text-emerald-300" : "bg-slate-800 text-slate-400"}`}
          >
            {t(state.operator ? "operatorOn" : "operatorOff")}
          </span>
        )}
      </div>
      {protection.error && <p className="text-sm text-rose-300">{t("readError", { reason: protection.error.message.split("\n")[0] ?? "" })}</p>}
      {(warnings.deleverage?.warnings.notAuthorised || warnings.stopLoss?.warnings.notAuthorised || (notAuthorised && !read?.positions)) && (
        <p
          role="alert"
          data-testid="warning-not-authorised"
          className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200"
        >
          {t("notOperator")}
        </p>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        {(["deleverage", "stopLoss"] as const).map((kind) => (
          <GuardRuleCard key={kind} kind={kind} rule={rules[kind]} ctx={ctx} />
        ))}
      </div>

      {isOwner && state?.operator && !rules.deleverage && !rules.stopLoss && (
        <button
          type="button"
          disabled={busy}
          className="text-xs text-slate-400 underline hover:text-slate-200 disabled:opacity-50"
          onClick={() => void withBusy(() => setOperator(t("tx.revoke"), false))}
        >
          {t("revokeOperator")}
        </button>
      )}

      <ProtectionHistory chain={chain} vault={vault} market={market} baseSymbol={ctx.baseSymbol} />
    </section>
  );
}
