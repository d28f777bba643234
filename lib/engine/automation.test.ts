import { describe, expect, it } from "vitest";
import {
  AUTOMATION_LIMITS,
  atPrice,
  parseAutomationDraft,
  planRule,
  positionKey,
  positionTag,
  previewAtTrigger,
  previewProblem,
  blocksSaving,
  firesAtOnce,
  type ParsedAutomationRule,
  ruleLoopProblems,
  priceForHealth,
  snapshotHealth,
  snapshotPrice,
  TargetUnreachableError,
  type AutomationDraft,
} from "./automation";
import { guardVault } from "./automation.fixture";
import { WAD } from "./math";

const wad = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n;

const vault = guardVault;
const rule = { trigger: 0n, target: 0n, maxSlippageBps: 100, trailBps: 0, high: 0n };
const draft = (d: Partial<AutomationDraft>): AutomationDraft => ({
  kind: "stopLoss",
  trigger: "",
  target: "",
  trail: "",
  minimum: "",
  slippage: "1",
  fee: "0.3",
  validity: "90",
  ...d,
});
const NOW = 1_800_000_000n;
/** A rule as the form parses it: no trigger, target, trail or minimum unless given; 1 % slippage, a 0.3 % fee cap. */
const parsedRule = (over: Partial<ParsedAutomationRule>): ParsedAutomationRule => ({
  trigger: 0n,
  target: 0n,
  trailBps: 0n,
  minCollateral: 0n,
  slippageBps: 100n,
  feeBps: 30n,
  validUntil: NOW,
  ...over,
});
const ctx = { price: 3000n * WAD, healthFactor: wad(1.275), collateralDecimals: 18, now: NOW };

describe("lib/automation: KeelAutomation's plan on bigint", () => {
  it("reads price and health as the guard does", () => {
    expect(snapshotPrice(vault())).toBe(3000n * WAD);
    expect(snapshotHealth(vault())).toBe(wad(1.275));
    expect(snapshotHealth({ ...vault(), debtValue: 0n })).toBe(2n ** 256n - 1n);
  });

  it("deleverage lands on its target at the mirror's own amounts", () => {
    const s = vault(2800);
    const p = planRule(s, "deleverage", { ...rule, trigger: wad(1.2), target: wad(1.4) }, 50n);
    expect(p.triggered).toBe(true);
    const soldValue = (p.sell * s.colPrice) / WAD;
    const hf = ((s.liqValue - (soldValue * s.lt) / WAD) * WAD) / (s.debtValue - p.repay * 10n ** 12n);
    expect(Number(hf) / 1e18).toBeCloseTo(1.4, 5);
    expect(p.fee).toBe((p.repay * 50n) / 10_000n);
    expect(p.minOut).toBeGreaterThanOrEqual(p.repay + p.fee + p.flashFee);
  });

  it("stop-loss, take-profit and trailing stop fire exactly at their levels", () => {
    expect(planRule(vault(2501), "stopLoss", { ...rule, trigger: 2500n * WAD }, 0n).triggered).toBe(false);
    const stop = planRule(vault(2500), "stopLoss", { ...rule, trigger: 2500n * WAD }, 30n);
    expect(stop).toMatchObject({ triggered: true, close: true, repay: 20_000n * 10n ** 6n, fee: 60n * 10n ** 6n });
    expect(planRule(vault(3499), "takeProfit", { ...rule, trigger: 3500n * WAD }, 0n).triggered).toBe(false);
    expect(planRule(vault(3500), "takeProfit", { ...rule, trigger: 3500n * WAD }, 0n).close).toBe(true);
    const trail = { ...rule, trailBps: 1000, high: 4000n * WAD };
    expect(planRule(vault(3601), "trailingStop", trail, 0n)).toMatchObject({ triggered: false, level: 3600n * WAD });
    expect(planRule(vault(3600), "trailingStop", trail, 0n).triggered).toBe(true);
    // A price above the recorded high raises the level in the plan, as execute's poke does.
    expect(planRule(vault(5000), "trailingStop", trail, 0n).level).toBe(4500n * WAD);
  });

  it("boost borrows toward its target; a target below k·lt is unreachable", () => {
    const s = vault(3300, 12_000n * 10n ** 6n);
    const p = planRule(s, "boost", { ...rule, trigger: wad(2.2), target: wad(1.6) }, 100n);
    expect(p.triggered).toBe(true);
    expect(p.borrow).toBeGreaterThan(0n);
    expect(p.fee).toBe(p.borrow / 100n);
    // LT 0.9995: selling X at 1 % slippage and fees frees less liquidation value than the debt it repays at target 1.01.
    const tight = { ...vault(2800), lt: wad(0.9995), liqValue: 20_000n * WAD };
    expect(() => planRule(tight, "deleverage", { ...rule, trigger: wad(1.005), target: wad(1.01) }, 0n)).toThrow(TargetUnreachableError);
  });

  it("moves one price and finds the price for a health factor", () => {
    const s = vault();
    expect(snapshotHealth(atPrice(s, 2800n * WAD))).toBe(wad(1.19));
    const p = priceForHealth(s, wad(1.19));
    expect(p).toBe(2800n * WAD);
  });

  it("previews each rule at its trigger", () => {
    const s = vault();
    const stop = previewAtTrigger(s, "stopLoss", parsedRule({ trigger: 2500n * WAD }), 30n);
    expect(stop.price).toBe(2500n * WAD);
    expect(stop.plan?.close).toBe(true);
    expect(stop.healthAfter).toBe(2n ** 256n - 1n); // the pair was the whole position: closed
    // An account that also owes $1,000 in another asset against $5,000 of other collateral (LT 80 %): the close repays
    // this pair only, so the account is left at (5,000 × 0.8) / 1,000 = 4.00, not "closed".
    const wider = {
      ...s,
      debtValue: s.debtValue + 1000n * WAD,
      liqValue: s.liqValue + 4000n * WAD,
      collateralValue: s.collateralValue + 5000n * WAD,
    };
    const left = previewAtTrigger(wider, "stopLoss", parsedRule({ trigger: 2500n * WAD }), 30n);
    expect(left.plan?.close).toBe(true);
    expect(left.healthAfter).toBe(4n * WAD);
    const del = previewAtTrigger(s, "deleverage", parsedRule({ trigger: wad(1.2), target: wad(1.4) }), 30n);
    expect(Number(del.healthAfter) / 1e18).toBeCloseTo(1.4, 4);
    const trail = previewAtTrigger(s, "trailingStop", parsedRule({ trailBps: 1000n }), 30n);
    expect(trail.price).toBe(2700n * WAD);
    // A boost is previewed where it fires: above its trigger, not on it (HF 2.55 on 10,000 USDC; above 2.6 → 2.0).
    const boost = previewAtTrigger(vault(3000, 10_000n * 10n ** 6n), "boost", parsedRule({ trigger: wad(2.6), target: wad(2) }), 30n);
    expect(boost.plan?.triggered).toBe(true);
    expect(boost.plan!.borrow > 0n).toBe(true);
    expect(Number(boost.healthAfter) / 1e18).toBeCloseTo(2, 3);
  });

  it("names what a rule meets at its trigger, and refuses to save one that could never work", () => {
    // 10 WETH against 20,000 USDC, LT 85 %: liquidatable below $2,352.94.
    const below = previewAtTrigger(vault(), "stopLoss", parsedRule({ trigger: 2300n * WAD }), 30n);
    expect(below.healthAt).toBe(wad(0.9775));
    expect(previewProblem("stopLoss", below)).toBe("liquidatedFirst");
    expect(previewProblem("stopLoss", previewAtTrigger(vault(), "stopLoss", parsedRule({ trigger: 2500n * WAD }), 30n))).toBeNull();
    expect(blocksSaving("liquidatedFirst")).toBe(true);
    // Cross-margin: other collateral keeps the vault healthy at $1,900 (health 1.53), but repaying its 20,000 USDC and
    // fees with this WETH alone needs 10.56 of its 10, even at the oracle's price: the close cannot happen.
    const crossed = { ...vault(), liqValue: 40_000n * WAD };
    const short = previewAtTrigger(crossed, "stopLoss", parsedRule({ trigger: 1900n * WAD }), 30n);
    expect(short.healthAt).toBeGreaterThan(WAD);
    expect(short.short).toBe(true);
    expect(previewProblem("stopLoss", short)).toBe("short");
    expect(blocksSaving("short")).toBe(true);
    // At $2,100 it needs 9.56 WETH: the slippage bound's worst case may ask for more, but the guard sells at most what it
    // withdraws, so the rule can work and is not refused.
    expect(previewProblem("stopLoss", previewAtTrigger(crossed, "stopLoss", parsedRule({ trigger: 2100n * WAD }), 30n))).toBeNull();
    // A take-profit to health 1.2 at $3,300, where the health factor is already 1.40: nothing to repay.
    const tp = previewAtTrigger(vault(), "takeProfit", parsedRule({ trigger: 3300n * WAD, target: wad(1.2) }), 30n);
    expect(tp.plan?.repay).toBe(0n);
    expect(previewProblem("takeProfit", tp)).toBe("nothing");
    // Said, not refused: a debt taken later may give it something to do.
    expect(blocksSaving("nothing")).toBe(false);
    expect(blocksSaving("unreachable")).toBe(false);
  });

  it("says when a health rule's trigger is already past today's health factor (1.275)", () => {
    expect(firesAtOnce(vault(), "deleverage", wad(1.3))).toBe(true);
    expect(firesAtOnce(vault(), "deleverage", wad(1.2))).toBe(false);
    expect(firesAtOnce(vault(), "boost", wad(1.2))).toBe(true);
    expect(firesAtOnce(vault(), "boost", wad(1.5))).toBe(false);
    expect(firesAtOnce(vault(3000, 0n), "boost", wad(1.5))).toBe(false); // no debt: no health factor to pass
  });

  it("says too many decimals of the field, not of a token", () => {
    expect(parseAutomationDraft(draft({ trigger: "2500", validity: "1.5" }), ctx)).toMatchObject({
      ok: false,
      errors: { validity: { key: "validityRange" } },
    });
    expect(parseAutomationDraft(draft({ trigger: "2500.123456789" }), ctx)).toMatchObject({
      ok: false,
      errors: { trigger: { key: "decimals", values: { decimals: "8" } } },
    });
  });

  it("refuses drafts outside setRule's bounds, each field by name", () => {
    expect(parseAutomationDraft(draft({ trigger: "3000" }), ctx)).toMatchObject({ ok: false, errors: { trigger: { key: "stopBelowPrice" } } });
    expect(parseAutomationDraft(draft({ kind: "takeProfit", trigger: "2900" }), ctx)).toMatchObject({
      ok: false,
      errors: { trigger: { key: "profitAbovePrice" } },
    });
    expect(parseAutomationDraft(draft({ trigger: "abc" }), ctx)).toMatchObject({
      ok: false,
      errors: { trigger: { key: "amount", amount: { problem: "notANumber" } } },
    });
    expect(parseAutomationDraft(draft({ trigger: "2500", slippage: "6" }), ctx)).toMatchObject({
      ok: false,
      errors: { slippage: { key: "slippageRange" } },
    });
    expect(parseAutomationDraft(draft({ trigger: "2500", fee: "1.01" }), ctx)).toMatchObject({ ok: false, errors: { fee: { key: "feeRange" } } });
    expect(parseAutomationDraft(draft({ kind: "trailingStop", trail: "0" }), ctx)).toMatchObject({
      ok: false,
      errors: { trail: { key: "trailRange" } },
    });
    expect(parseAutomationDraft(draft({ kind: "deleverage", trigger: "1", target: "1.5" }), ctx)).toMatchObject({
      ok: false,
      errors: { trigger: { key: "healthAboveOne" } },
    });
    expect(parseAutomationDraft(draft({ kind: "boost", trigger: "1.5", target: "1.6" }), ctx)).toMatchObject({
      ok: false,
      errors: { target: { key: "targetBelowTrigger" } },
    });
    expect(parseAutomationDraft(draft({ kind: "boost", trigger: "2", target: "1.04" }), ctx)).toMatchObject({
      ok: false,
      errors: { target: { key: "boostTargetMin" } },
    });
    expect(parseAutomationDraft(draft({ trigger: "2500", minimum: "1e3" }), ctx)).toMatchObject({
      ok: false,
      errors: { minimum: { key: "amount" } },
    });
    expect(parseAutomationDraft(draft({ trigger: "2500", minimum: "0.5" }), ctx)).toEqual({
      ok: true,
      rule: {
        trigger: 2500n * WAD,
        target: 0n,
        trailBps: 0n,
        minCollateral: WAD / 2n,
        slippageBps: 100n,
        feeBps: 30n,
        validUntil: NOW + 90n * 86_400n,
      },
    });
    expect(parseAutomationDraft(draft({ kind: "trailingStop", trail: "10", fee: "0" }), ctx)).toMatchObject({
      ok: true,
      rule: { trailBps: 1000n, feeBps: 0n },
    });
  });

  it("sets every rule's expiry from the chain's time, 1 to 365 whole days (KeelAutomation.MAX_RULE_LIFETIME, audit 2026-12-01 #2)", () => {
    for (const validity of ["0", "366", "1.5", ""]) {
      expect(parseAutomationDraft(draft({ trigger: "2500", validity }), ctx)).toMatchObject({ ok: false, errors: { validity: {} } });
    }
    expect(parseAutomationDraft(draft({ trigger: "2500", validity: "0" }), ctx)).toMatchObject({ errors: { validity: { key: "validityRange" } } });
    expect(parseAutomationDraft(draft({ trigger: "2500", validity: "365" }), ctx)).toMatchObject({
      ok: true,
      rule: { validUntil: NOW + AUTOMATION_LIMITS.maxRuleLifetime },
    });
    expect(parseAutomationDraft(draft({ trigger: "2500", validity: "1" }), ctx)).toMatchObject({ ok: true, rule: { validUntil: NOW + 86_400n } });
  });

  it("encodes each protocol's position key as its adapter decodes it", () => {
    const a = "0x00000000000000000000000000000000000000a1";
    const b = "0x00000000000000000000000000000000000000b2";
    expect(positionKey({ protocol: "keel", market: a, vaultId: 7n, collateral: b })).toBe(
      `0x${"a1".padStart(64, "0")}${"7".padStart(64, "0")}${"b2".padStart(64, "0")}`,
    );
    expect(positionKey({ protocol: "morphoBlue", owner: a, marketId: `0x${"11".repeat(32)}` })).toBe(`0x${"a1".padStart(64, "0")}${"11".repeat(32)}`);
    expect(positionKey({ protocol: "aaveV3", owner: a, collateral: b, debtAsset: a }).length).toBe(2 + 64 * 3);
  });

  it("tags every position apart, vaults of one market and Aave pairs of one debt included (they once shared an element id)", () => {
    const m = "0x00000000000000000000000000000000000000a1";
    const weth = "0x00000000000000000000000000000000000000b2";
    const wbtc = "0x00000000000000000000000000000000000000c3";
    const tags = [
      positionKey({ protocol: "keel", market: m, vaultId: 2n, collateral: weth }),
      positionKey({ protocol: "keel", market: m, vaultId: 3n, collateral: weth }),
      positionKey({ protocol: "aaveV3", owner: m, collateral: weth, debtAsset: m }),
      positionKey({ protocol: "aaveV3", owner: m, collateral: wbtc, debtAsset: m }),
    ].map(positionTag);
    expect(new Set(tags).size).toBe(4);
    expect(tags[0]).toMatch(/^[0-9a-f]{16}$/);
  });

  it("refuses rules that would undo the position's other rules, as KeelAutomation.setRule does (audit 2026-12-01 #1)", () => {
    const del = { kind: "deleverage" as const, trigger: wad(1.6), target: wad(2) };
    // The audit's pairs: Boost 1.8 → 1.4 with Deleverage 1.6 → 2.0, and Boost 2.3 → 1.6 with TakeProfit reducing to 2.4.
    expect(ruleLoopProblems("boost", { trigger: wad(1.8), target: wad(1.4) }, [del])).toEqual({
      trigger: { key: "loopMin", values: { value: "2.1" } },
      target: { key: "loopMin", values: { value: "1.68" } },
    });
    expect(
      ruleLoopProblems("boost", { trigger: wad(2.3), target: wad(1.6) }, [{ kind: "takeProfit", trigger: 3400n * WAD, target: wad(2.4) }]),
    ).toEqual({
      trigger: { key: "loopMin", values: { value: "2.52" } },
    });
    // Set second the other way round: the reducing rule is bounded by the Boost.
    const boost = { kind: "boost" as const, trigger: wad(2.3), target: wad(1.6) };
    expect(ruleLoopProblems("takeProfit", { trigger: 3400n * WAD, target: wad(2.4) }, [boost]).target?.key).toBe("loopMax");
    expect(ruleLoopProblems("deleverage", { trigger: wad(1.6), target: wad(2) }, [boost]).trigger?.key).toBe("loopMax");
    // Exactly at the margin is accepted (the contract's wMulUp), a closing TakeProfit and stops are never checked.
    expect(ruleLoopProblems("boost", { trigger: wad(2.1), target: wad(1.68) }, [del])).toEqual({});
    expect(ruleLoopProblems("takeProfit", { trigger: 3400n * WAD, target: 0n }, [boost])).toEqual({});
    expect(ruleLoopProblems("stopLoss", { trigger: 2000n * WAD, target: 0n }, [boost, del])).toEqual({});
    expect(ruleLoopProblems("deleverage", { trigger: wad(1.3), target: wad(1.5) }, [boost])).toEqual({});
    // The form: the same problem on the field, and a rule of the same kind (it is replaced) is not compared.
    expect(parseAutomationDraft(draft({ kind: "boost", trigger: "1.8", target: "1.4" }), { ...ctx, others: [del] })).toMatchObject({
      ok: false,
      errors: { trigger: { key: "loopMin" } },
    });
    expect(parseAutomationDraft(draft({ kind: "boost", trigger: "1.8", target: "1.4" }), { ...ctx, others: [boost] }).ok).toBe(true);
  });
});
