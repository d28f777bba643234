import { describe, expect, it } from "vitest";
import type { Address } from "viem";
import { guardVault } from "@/lib/engine/automation.fixture";
import { keelGuardRuleWarnings, type ExecutionContext } from "@/lib/engine/automation-warnings";
import { WAD } from "@/lib/engine/math";
import { guardAlertRows, guardRuleWarnings, type GuardRules, type StoredGuardRule } from "./guard-warnings";

const WETH = "0x00000000000000000000000000000000000000e1" as Address;
const WBTC = "0x00000000000000000000000000000000000000b1" as Address;
const snapshot = guardVault(3000, 20_000n * 10n ** 6n);
const OWNER = snapshot.owner;
/** The local WETH/USDC pool ($6M a side), 1 gwei, ETH at $3,000, USDC at $1. */
const execution: ExecutionContext = {
  gasPrice: 10n ** 9n,
  nativeUsd: 3000n * WAD,
  debtUsd: WAD,
  pool: { collateral: 2000n * WAD, debt: 6_000_000n * 10n ** 6n },
};
const held = [{ collateral: { address: WETH }, snapshot, execution }];
const rule = (r: Partial<StoredGuardRule> = {}): StoredGuardRule => ({
  owner: OWNER,
  collateral: WETH,
  trigger: 12n * 10n ** 17n,
  target: 15n * 10n ** 17n,
  maxSlippageBps: 1,
  maxFeeBps: 0,
  paused: false,
  ...r,
});
// The e2e's two rules: an auto-deleverage on WETH with no fee and a 0.01 % bound, a stop-loss on WBTC (none held).
const rules = (r: Partial<GuardRules> = {}): GuardRules => ({
  operator: false,
  deleverage: rule(),
  stopLoss: rule({ collateral: WBTC, trigger: 50_000n * WAD, target: 0n, maxSlippageBps: 100, maxFeeBps: 30 }),
  ...r,
});

describe("lib/view/guard-warnings: a Keel vault's KeelGuard rules, on its page and on the dashboard", () => {
  it("weighs each rule against the snapshot of its own collateral, as keelGuardRuleWarnings does", () => {
    const w = guardRuleWarnings(OWNER, rules(), held, true);
    expect(w.deleverage).toEqual({ warnings: keelGuardRuleWarnings(OWNER, held[0]!, "deleverage", rule(), false), collateral: WETH });
    expect(w.stopLoss).toEqual({ warnings: keelGuardRuleWarnings(OWNER, null, "stopLoss", rules().stopLoss!, false), collateral: WBTC });
  });

  it("gives the dashboard one line per rule that could not fire, its reasons in order", () => {
    expect(guardAlertRows(guardRuleWarnings(OWNER, rules(), held, true))).toEqual([
      { kind: "deleverage", collateral: WETH, kinds: ["notAuthorised", "feeBelowGas", "slippageUnreachable"] },
      { kind: "stopLoss", collateral: WBTC, kinds: ["notAuthorised", "belowMinimum"] },
    ]);
    // The guard made the owner's operator: that reason goes, and only it.
    expect(guardAlertRows(guardRuleWarnings(OWNER, rules({ operator: true }), held, true))).toEqual([
      { kind: "deleverage", collateral: WETH, kinds: ["feeBelowGas", "slippageUnreachable"] },
      { kind: "stopLoss", collateral: WBTC, kinds: ["belowMinimum"] },
    ]);
  });

  it("has no line for a paused rule, a rule set by an earlier owner, no rule, or a rule that could fire", () => {
    const paused = rules({ deleverage: rule({ paused: true }) });
    expect(guardAlertRows(guardRuleWarnings(OWNER, paused, held, true)).map((r) => r.kind)).toEqual(["stopLoss"]);
    const earlier = rules({ stopLoss: { ...rules().stopLoss!, owner: WETH } });
    expect(guardAlertRows(guardRuleWarnings(OWNER, earlier, held, true)).map((r) => r.kind)).toEqual(["deleverage"]);
    expect(guardRuleWarnings(OWNER, rules({ deleverage: null, stopLoss: null }), held, true)).toEqual({ deleverage: null, stopLoss: null });
    const fine = rules({ operator: true, stopLoss: null, deleverage: rule({ maxFeeBps: 30, maxSlippageBps: 100 }) });
    expect(guardAlertRows(guardRuleWarnings(OWNER, fine, held, true))).toEqual([]);
  });

  it("says a held collateral's price is unavailable when its snapshot reverts, keeping the authorisation, which needs no price", () => {
    const unpriced = [{ collateral: { address: WETH }, snapshot: null, execution }];
    expect(guardAlertRows(guardRuleWarnings(OWNER, rules({ stopLoss: null }), unpriced, true))).toEqual([
      { kind: "deleverage", collateral: WETH, kinds: ["notAuthorised", "priceUnavailable"] },
    ]);
  });

  it("concludes nothing on a collateral not held before the snapshots are read (or without the automation contracts)", () => {
    const w = guardRuleWarnings(OWNER, rules(), held, false);
    expect(w.stopLoss).toBeNull();
    expect(w.deleverage).not.toBeNull();
  });
});
