/**
 * The warnings of a Keel vault's KeelGuard rules, as the vault page's protection panel and the dashboard's vault card
 * both show them: for each stored rule, `keelGuardRuleWarnings` against the vault's snapshot through the Keel adapter
 * for the rule's collateral (read by hooks/use-automation.ts, the same read as the KeelAutomation rules').
 */
import type { Address } from "viem";
import {
  keelGuardRuleWarnings,
  warningKinds,
  type ExecutionContext,
  type KeelGuardRule,
  type RuleWarnings,
  type WarningKind,
} from "@/lib/engine/automation-warnings";
import type { GuardSnapshot } from "@/lib/engine/automation";
import type { GuardKind } from "@/lib/engine/protection";
import { sameAddress } from "@/lib/config/address";

/** A stored KeelGuard rule with the collateral it sells. */
export type StoredGuardRule = KeelGuardRule & { collateral: Address };

/** A vault's guard state: whether the guard is the owner's operator on the market, and its two rules (null: none). */
export interface GuardRules {
  operator: boolean;
  deleverage: StoredGuardRule | null;
  stopLoss: StoredGuardRule | null;
}

/** The vault's snapshot through the Keel adapter for one collateral (a `GuardPosition` of hooks/use-automation.ts). */
export interface HeldSnapshot {
  collateral: { address: Address };
  /** null: the adapter's read reverted (a stale price), so nothing can be weighed for it. */
  snapshot: GuardSnapshot | null;
  execution: ExecutionContext;
}

export const GUARD_KINDS = ["deleverage", "stopLoss"] as const satisfies readonly GuardKind[];

/**
 * Each rule's warnings (null: no rule, paused, set by an earlier owner, or nothing known yet). `held`: the vault's
 * snapshots per collateral; `read`: whether they were read (false before the read or when the chain has no automation
 * contracts — then a rule on a collateral not held concludes nothing).
 */
export function guardRuleWarnings(
  vaultOwner: Address,
  state: GuardRules,
  held: readonly HeldSnapshot[],
  read: boolean,
): Record<GuardKind, { warnings: RuleWarnings; collateral: Address } | null> {
  const of = (kind: GuardKind) => {
    const rule = state[kind];
    if (!rule) return null;
    const at = held.find((p) => sameAddress(p.collateral.address, rule.collateral)) ?? null;
    if (!at && !read) return null;
    const warnings = keelGuardRuleWarnings(vaultOwner, at, kind, rule, state.operator);
    return warnings ? { warnings, collateral: rule.collateral } : null;
  };
  return { deleverage: of("deleverage"), stopLoss: of("stopLoss") };
}

/** The dashboard card's lines: one per rule that could not fire now, with its reasons in WARNING_KINDS order. */
export function guardAlertRows(
  warnings: Record<GuardKind, { warnings: RuleWarnings; collateral: Address } | null>,
): { kind: GuardKind; collateral: Address; kinds: WarningKind[] }[] {
  return GUARD_KINDS.flatMap((kind) => {
    const w = warnings[kind];
    const kinds = w ? warningKinds(w.warnings) : [];
    return w && kinds.length ? [{ kind, collateral: w.collateral, kinds }] : [];
  });
}
