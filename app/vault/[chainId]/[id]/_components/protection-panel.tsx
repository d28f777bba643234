"use client";
import { useState } from "react";
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { keelMarketCallAbi } from "@/contracts-abi";
import { keelGuardAbi } from "@/contracts-abi/generated";
import { useTransactor } from "@/hooks/use-transactor";
import { useProtectionHistory, useVaultProtection, type GuardRule } from "@/hooks/use-vault-protection";
import { findAsset } from "@/lib/deployment";
import { formatHealthFactor, formatPercent, formatToken, formatUsd, shortAddress } from "@/lib/format";
import {
  deleveragePlan,
  GUARD_KIND,
  parseRuleDraft,
  priceAtHealth,
  stopLossPlan,
  type GuardKind,
  type ProtectionPlan,
  type RuleDraft,
  type RuleField,
} from "@/lib/protection";
import { WAD, type VaultPosition } from "@/lib/risk";
import type { ChainConfig } from "@/lib/server/config";
import type { LensMarket, LensVault } from "@/lib/vaults";

export interface ProtectionPanelProps {
  chain: ChainConfig;
  vault: LensVault;
  market: LensMarket;
  position: VaultPosition;
}

const KIND_LABEL: Record<GuardKind, string> = { deleverage: "Auto-deleverage", stopLoss: "Stop-loss" };
const bpsText = (bps: number | bigint) => (Number(bps) / 100).toString();
const wadText = (x: bigint, decimals = 4) => (Number(x / 10n ** BigInt(18 - decimals)) / 10 ** decimals).toString();

/**
 * Vault protection through KeelGuard: auto-deleverage and stop-loss rules the owner sets, pauses and removes, each with
 * a preview at today's prices (lib/protection.ts mirrors the guard's plan), and the vault's history of rule executions
 * and liquidations. Every write goes through the transactor; making the guard the owner's operator is its own step.
 */
export function ProtectionPanel({ chain, vault, market, position }: ProtectionPanelProps) {
  const guard = chain.deployment?.contracts.guard;
  const { address } = useAccount();
  const protection = useVaultProtection(chain, vault.market, vault.id, vault.owner);
  const history = useProtectionHistory(chain, vault.market, vault.id);
  const send = useTransactor();
  const [editing, setEditing] = useState<GuardKind | null>(null);
  const [busy, setBusy] = useState(false);
  if (!guard) return null;

  const isOwner = address !== undefined && address.toLowerCase() === vault.owner.toLowerCase();
  const symbolOf = (a: Address) => findAsset(chain.deployment, a)?.symbol ?? shortAddress(a);
  const baseSymbol = symbolOf(market.baseAsset);
  const state = protection.data;
  const rules: Record<GuardKind, GuardRule | null> = { deleverage: state?.deleverage ?? null, stopLoss: state?.stopLoss ?? null };

  const run = async (label: string, functionName: string, args: readonly unknown[]) => {
    setBusy(true);
    try {
      return await send({ label, chainId: chain.id, address: guard, abi: keelGuardAbi, functionName, args });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="space-y-4 rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="protection-panel">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-lg font-semibold">Protection</h2>
          <p className="max-w-2xl text-xs text-slate-400">
            Rules enforced on-chain by the Keel guard. Anyone may execute a rule once its condition holds, for a fee you cap; the
            guard checks the trigger at oracle prices, computes what to sell and repay, refuses a swap worse than your slippage
            bound below the oracle price, and never pays more than your fee cap.
          </p>
        </div>
        {state && (
          <span
            data-testid="guard-operator"
            className={`rounded-full px-2 py-0.5 text-xs ${state.operator ? "bg-emerald-950 text-emerald-300" : "bg-slate-800 text-slate-400"}`}
          >
            {state.operator ? "Guard authorised" : "Guard not authorised"}
          </span>
        )}
      </div>
      {protection.error && <p className="text-sm text-rose-300">Could not read the guard: {protection.error.message.split("\n")[0]}</p>}
      {state && !state.operator && (rules.deleverage || rules.stopLoss) && (
        <p role="alert" className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200">
          The guard is not your operator on this market: these rules cannot run until you authorise it (saving a rule asks for it).
        </p>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        {(["deleverage", "stopLoss"] as const).map((kind) => (
          <RuleCard
            key={kind}
            kind={kind}
            rule={rules[kind]}
            vault={vault}
            market={market}
            position={position}
            symbolOf={symbolOf}
            baseSymbol={baseSymbol}
            isOwner={isOwner}
            busy={busy}
            editing={editing === kind}
            onEdit={() => setEditing(kind)}
            onCancel={() => setEditing(null)}
            onPause={(paused) =>
              void run(`${paused ? "Pause" : "Resume"} ${KIND_LABEL[kind].toLowerCase()}`, "setPaused", [vault.market, vault.id, GUARD_KIND[kind], paused])
            }
            onRemove={() => void run(`Remove ${KIND_LABEL[kind].toLowerCase()}`, "removeRule", [vault.market, vault.id, GUARD_KIND[kind]])}
            onSave={async (args) => {
              setBusy(true);
              try {
                if (!state?.operator) {
                  const r = await send({
                    label: "Authorise the Keel guard",
                    chainId: chain.id,
                    address: vault.market,
                    abi: keelMarketCallAbi,
                    functionName: "setOperator",
                    args: [guard, true],
                  });
                  if (r.status !== "confirmed") return;
                }
                const r = await send({ label: `Save ${KIND_LABEL[kind].toLowerCase()}`, chainId: chain.id, address: guard, abi: keelGuardAbi, functionName: "setRule", args });
                if (r.status === "confirmed") setEditing(null);
              } finally {
                setBusy(false);
              }
            }}
          />
        ))}
      </div>

      {isOwner && state?.operator && !rules.deleverage && !rules.stopLoss && (
        <button
          type="button"
          disabled={busy}
          className="text-xs text-slate-400 underline hover:text-slate-200 disabled:opacity-50"
          onClick={() =>
            void (async () => {
              setBusy(true);
              try {
                await send({ label: "Revoke the Keel guard", chainId: chain.id, address: vault.market, abi: keelMarketCallAbi, functionName: "setOperator", args: [guard, false] });
              } finally {
                setBusy(false);
              }
            })()
          }
        >
          Revoke the guard&apos;s operator rights on this market
        </button>
      )}

      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-300">Executions and liquidations</h3>
        {history.isPending ? (
          <p className="text-xs text-slate-400">Reading events…</p>
        ) : history.error ? (
          <p className="text-xs text-rose-300">Could not read the history: {history.error.message.split("\n")[0]}</p>
        ) : history.data.length === 0 ? (
          <p className="text-xs text-slate-400" data-testid="protection-history-empty">
            No rule has run on this vault and it has never been liquidated.
          </p>
        ) : (
          <table className="w-full text-xs" data-testid="protection-history">
            <thead className="text-left text-slate-400">
              <tr>
                <th className="py-1">Block</th>
                <th className="py-1">What</th>
                <th className="py-1 text-right">Collateral out</th>
                <th className="py-1 text-right">Debt repaid</th>
                <th className="py-1 text-right">Fee</th>
                <th className="py-1 text-right">By</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((e) => {
                const col = findAsset(chain.deployment, e.collateral);
                return (
                  <tr key={`${e.txHash}-${e.kind}`} className="border-t border-slate-800">
                    <td className="py-1 font-mono">{e.block.toString()}</td>
                    <td className={`py-1 ${e.kind === "liquidation" ? "text-rose-300" : "text-sky-300"}`}>
                      {e.kind === "liquidation" ? "Liquidated" : e.kind === "deleverage" ? "Auto-deleveraged" : "Stop-loss closed"}
                    </td>
                    <td className="py-1 text-right font-mono">{formatToken(e.amount, col?.decimals ?? 18, col?.symbol ?? shortAddress(e.collateral))}</td>
                    <td className="py-1 text-right font-mono">{formatToken(e.repaid, market.baseDecimals, baseSymbol)}</td>
                    <td className="py-1 text-right font-mono">{e.kind === "liquidation" ? "—" : formatToken(e.fee, market.baseDecimals, baseSymbol)}</td>
                    <td className="py-1 text-right font-mono">{shortAddress(e.by)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

interface RuleCardProps {
  kind: GuardKind;
  rule: GuardRule | null;
  vault: LensVault;
  market: LensMarket;
  position: VaultPosition;
  symbolOf: (a: Address) => string;
  baseSymbol: string;
  isOwner: boolean;
  busy: boolean;
  editing: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onPause: (paused: boolean) => void;
  onRemove: () => void;
  onSave: (args: readonly unknown[]) => Promise<void>;
}

function RuleCard(p: RuleCardProps) {
  const { kind, rule, vault, market, position } = p;
  const [confirming, setConfirming] = useState(false);
  const held = vault.collaterals.filter((c) => c.amount > 0n);
  const lapsed = rule !== null && rule.owner.toLowerCase() !== vault.owner.toLowerCase();
  const flashFeeBps = market.flashFeeBps;
  const planFor = (collateral: Address, target: bigint, slippageBps: bigint, feeBps: bigint): ProtectionPlan | null =>
    kind === "deleverage"
      ? deleveragePlan(position, target, { collateral, slippageBps, feeBps, flashFeeBps })
      : stopLossPlan(position, { collateral, slippageBps, feeBps, flashFeeBps });

  return (
    <div className="space-y-2 rounded-lg border border-slate-800 bg-slate-950/40 p-3" data-testid={`rule-${kind}`}>
      <div className="flex items-center justify-between">
        <h3 className="font-medium">{KIND_LABEL[kind]}</h3>
        {rule && (
          <span className={`rounded-full px-2 py-0.5 text-xs ${lapsed ? "bg-slate-800 text-slate-400" : rule.paused ? "bg-amber-950 text-amber-300" : "bg-emerald-950 text-emerald-300"}`} data-testid="rule-status">
            {lapsed ? "Lapsed (vault changed hands)" : rule.paused ? "Paused" : "Active"}
          </span>
        )}
      </div>
      <p className="text-xs text-slate-400">
        {kind === "deleverage"
          ? "When the health factor falls below the trigger, sell collateral and repay debt until it is back at the target."
          : "When the collateral's price falls to the level, repay all the debt, sell only what that needs, and return the rest to you."}
      </p>

      {rule && !p.editing && (
        <>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-400">Sells</dt>
            <dd className="text-right">{p.symbolOf(rule.collateral)}</dd>
            <dt className="text-slate-400">{kind === "deleverage" ? "Trigger (health)" : "Price level"}</dt>
            <dd className="text-right font-mono" data-testid="rule-trigger">
              {kind === "deleverage" ? formatHealthFactor(rule.trigger) : formatUsd(rule.trigger)}
            </dd>
            {kind === "deleverage" && (
              <>
                <dt className="text-slate-400">Target (health)</dt>
                <dd className="text-right font-mono">{formatHealthFactor(rule.target)}</dd>
              </>
            )}
            <dt className="text-slate-400">Slippage bound · fee cap</dt>
            <dd className="text-right font-mono">
              {bpsText(rule.maxSlippageBps)} % · {bpsText(rule.maxFeeBps)} %
            </dd>
          </dl>
          <Preview
            collateral={rule.collateral}
            trigger={rule.trigger}
            plan={planFor(rule.collateral, rule.target, BigInt(rule.maxSlippageBps), BigInt(rule.maxFeeBps))}
            {...p}
          />
          {p.isOwner && (
            <div className="flex gap-2 pt-1">
              <button type="button" disabled={p.busy} onClick={p.onEdit} className="rounded-md border border-slate-700 px-2 py-1 text-xs hover:bg-slate-800 disabled:opacity-50">
                Edit
              </button>
              {!lapsed && (
                <button type="button" disabled={p.busy} onClick={() => p.onPause(!rule.paused)} className="rounded-md border border-slate-700 px-2 py-1 text-xs hover:bg-slate-800 disabled:opacity-50" data-testid="rule-pause">
                  {rule.paused ? "Resume" : "Pause"}
                </button>
              )}
              <button
                type="button"
                disabled={p.busy || confirming}
                onClick={() => setConfirming(true)}
                className="rounded-md border border-rose-900 px-2 py-1 text-xs text-rose-300 hover:bg-rose-950 disabled:opacity-50"
                data-testid="rule-remove"
              >
                Remove
              </button>
            </div>
          )}
          {p.isOwner && confirming && (
            <div role="alertdialog" aria-label={`Remove ${KIND_LABEL[kind].toLowerCase()}?`} className="space-y-2 rounded-md border border-rose-800 bg-rose-950/40 p-2 text-xs text-rose-100" data-testid="rule-remove-confirm">
              <p>
                Remove the {KIND_LABEL[kind].toLowerCase()}? The vault is no longer protected by it: nothing acts for you if{" "}
                {kind === "deleverage" ? "the health factor falls" : "the price falls"}. You can set it up again later.
              </p>
              <div className="flex gap-2">
                <button
                  type="button"
                  disabled={p.busy}
                  onClick={() => {
                    setConfirming(false);
                    p.onRemove();
                  }}
                  className="rounded-md bg-rose-700 px-2 py-1 font-medium text-white hover:bg-rose-600 disabled:opacity-50"
                  data-testid="rule-remove-yes"
                >
                  Yes, remove it
                </button>
                <button type="button" autoFocus onClick={() => setConfirming(false)} className="rounded-md border border-slate-600 px-2 py-1 hover:bg-slate-800">
                  Keep it
                </button>
              </div>
            </div>
          )}
        </>
      )}

      {!rule && !p.editing && (
        <div className="flex items-center justify-between">
          <span className="text-xs text-slate-400">Not set</span>
          {p.isOwner && held.length > 0 && vault.debt > 0n && (
            <button type="button" disabled={p.busy} onClick={p.onEdit} className="rounded-md bg-sky-600 px-2 py-1 text-xs font-medium text-white hover:bg-sky-500 disabled:opacity-50" data-testid="rule-add">
              Set up
            </button>
          )}
        </div>
      )}

      {p.editing && <RuleForm {...p} held={held.map((c) => c.asset)} planFor={planFor} />}
    </div>
  );
}

function Preview({
  kind,
  collateral,
  trigger,
  plan,
  position,
  vault,
  market,
  symbolOf,
  baseSymbol,
}: {
  kind: GuardKind;
  collateral: Address;
  trigger: bigint;
  plan: ProtectionPlan | null;
  position: VaultPosition;
  vault: LensVault;
  market: LensMarket;
  symbolOf: (a: Address) => string;
  baseSymbol: string;
}) {
  const col = vault.collaterals.find((c) => c.asset.toLowerCase() === collateral.toLowerCase());
  if (!col || col.status !== 0) return <p className="text-xs text-amber-300">No fresh price for {symbolOf(collateral)}: the rule cannot run now.</p>;
  const triggered = kind === "deleverage" ? vault.healthFactor < trigger : col.price <= trigger;
  const triggerPrice = kind === "deleverage" ? priceAtHealth(position, collateral, trigger) : trigger;
  return (
    <div className="rounded-md bg-slate-900/80 px-2 py-1.5 text-xs text-slate-300" data-testid="rule-preview">
      <div>
        {triggered ? (
          <b className="text-amber-300">Would run now</b>
        ) : triggerPrice > 0n ? (
          <>
            Runs when {symbolOf(collateral)} ≤ <span className="font-mono">{formatUsd(triggerPrice)}</span> (today {formatUsd(col.price)},{" "}
            {formatPercent(((col.price - triggerPrice) * WAD) / col.price, 1)} away)
          </>
        ) : (
          <>Not reachable by a fall of {symbolOf(collateral)} alone</>
        )}
      </div>
      {plan === null ? (
        <div className="text-rose-300">The target cannot be reached by selling {symbolOf(collateral)} at today&apos;s prices.</div>
      ) : plan.repay === 0n ? (
        <div className="text-slate-400">At today&apos;s prices the vault is already at or above the target: nothing to sell.</div>
      ) : (
        <div>
          {triggered ? "At today's prices it sells" : "Run at today's prices, it would sell"} {kind === "stopLoss" ? "at most " : ""}
          <span className="font-mono">{formatToken(plan.sell, col.decimals, symbolOf(collateral))}</span>, repay{" "}
          <span className="font-mono">{formatToken(plan.repay, market.baseDecimals, baseSymbol)}</span>, fee ≤{" "}
          <span className="font-mono">{formatToken(plan.fee, market.baseDecimals, baseSymbol)}</span>
          {kind === "deleverage" ? (
            <>
              , health → <span className="font-mono">{formatHealthFactor(plan.healthAfter)}</span>
            </>
          ) : (
            <>, the vault closed and the rest returned to you</>
          )}
          .
        </div>
      )}
    </div>
  );
}

function RuleForm(p: RuleCardProps & { held: Address[]; planFor: (c: Address, t: bigint, s: bigint, f: bigint) => ProtectionPlan | null }) {
  const { kind, rule, vault, market } = p;
  const [draft, setDraft] = useState<RuleDraft>(() => ({
    kind,
    collateral: rule?.collateral ?? p.held[0]!,
    trigger: rule ? (kind === "deleverage" ? wadText(rule.trigger) : wadText(rule.trigger, 2)) : kind === "deleverage" ? "1.25" : "",
    target: rule && kind === "deleverage" ? wadText(rule.target) : "1.6",
    slippage: rule ? bpsText(rule.maxSlippageBps) : "1",
    fee: rule ? bpsText(rule.maxFeeBps) : "0.3",
  }));
  const [touched, setTouched] = useState(false);
  const info = market.collaterals.find((c) => c.info.asset.toLowerCase() === draft.collateral.toLowerCase())?.info;
  const col = vault.collaterals.find((c) => c.asset.toLowerCase() === draft.collateral.toLowerCase());
  const parsed = parseRuleDraft(draft, {
    lt: BigInt(info?.liquidationThreshold ?? 0n),
    ltv: BigInt(info?.ltv ?? 1n),
    price: col?.price ?? 0n,
    healthFactor: vault.healthFactor,
  });
  const error = (f: RuleField) => (touched || draft[f] !== "") && !parsed.ok ? parsed.errors[f] : undefined;
  const field = (f: RuleField, label: string, suffix: string, testId: string) => (
    <label className="block text-xs">
      <span className="text-slate-400">{label}</span>
      <div className="mt-0.5 flex items-center gap-1">
        <input
          data-testid={testId}
          value={draft[f]}
          inputMode="decimal"
          onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
          className={`w-full rounded-md border bg-slate-950 px-2 py-1 font-mono ${error(f) ? "border-rose-600" : "border-slate-700"}`}
        />
        <span className="text-slate-400">{suffix}</span>
      </div>
      {error(f) && <span className="text-rose-300" data-testid={`${testId}-error`}>{error(f)}</span>}
    </label>
  );
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!parsed.ok) return;
        const r = parsed.rule;
        void p.onSave([vault.market, vault.id, GUARD_KIND[kind], r.collateral, r.trigger, r.target, r.slippageBps, r.feeBps]);
      }}
    >
      <label className="block text-xs">
        <span className="text-slate-400">Collateral to sell</span>
        <select
          value={draft.collateral}
          onChange={(e) => setDraft({ ...draft, collateral: e.target.value as Address })}
          className="mt-0.5 w-full rounded-md border border-slate-700 bg-slate-950 px-2 py-1"
        >
          {p.held.map((a) => (
            <option key={a} value={a}>
              {p.symbolOf(a)}
            </option>
          ))}
        </select>
      </label>
      <div className="grid grid-cols-2 gap-2">
        {kind === "deleverage" ? (
          <>
            {field("trigger", "Trigger health", "", "rule-trigger-input")}
            {field("target", "Target health", "", "rule-target-input")}
          </>
        ) : (
          <div className="col-span-2">{field("trigger", `${p.symbolOf(draft.collateral)} price level`, "USD", "rule-trigger-input")}</div>
        )}
        {field("slippage", "Slippage bound", "%", "rule-slippage-input")}
        {field("fee", "Executor fee cap", "%", "rule-fee-input")}
      </div>
      {parsed.ok && (
        <Preview
          kind={kind}
          collateral={parsed.rule.collateral}
          trigger={parsed.rule.trigger}
          plan={p.planFor(parsed.rule.collateral, parsed.rule.target, parsed.rule.slippageBps, parsed.rule.feeBps)}
          position={p.position}
          vault={vault}
          market={market}
          symbolOf={p.symbolOf}
          baseSymbol={p.baseSymbol}
        />
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={p.busy} className="rounded-md bg-sky-600 px-3 py-1 text-xs font-medium text-white hover:bg-sky-500 disabled:opacity-50" data-testid="rule-save">
          Save rule
        </button>
        <button type="button" onClick={p.onCancel} className="rounded-md border border-slate-700 px-3 py-1 text-xs hover:bg-slate-800">
          Cancel
        </button>
      </div>
    </form>
  );
}
