import { describe, expect, it } from "vitest";
import { parseUnits } from "viem";
import { deleveragePlan, parseRuleDraft, priceAtHealth, stopLossPlan, type RuleDraft } from "./protection";
import { vaultRisk, type VaultPosition } from "./risk";
import { WAD } from "./math";

const wad = (x: string) => parseUnits(x, 18);
const WETH = "0x00000000000000000000000000000000000000e1" as const;
/** 10 WETH at `price`, LTV 80 % / LT 85 %, `debt` USDC. */
const vault = (price: string, debt: string): VaultPosition => ({
  collaterals: [{ asset: WETH, decimals: 18, amount: wad("10"), price: wad(price), ltv: wad("0.8"), liquidationThreshold: wad("0.85") }],
  debt: parseUnits(debt, 6),
  baseDecimals: 6,
  basePrice: WAD,
});
const params = { collateral: WETH, slippageBps: 100n, feeBps: 50n, flashFeeBps: 5n };
const ctx = { lt: wad("0.85"), ltv: wad("0.8"), price: wad("3000"), healthFactor: wad("1.3") };

describe("deleveragePlan", () => {
  it("lands on the target health factor", () => {
    const v = vault("2800", "20000"); // HF 1.19
    const p = deleveragePlan(v, wad("1.4"), params)!;
    expect(Number(p.healthAfter) / 1e18).toBeCloseTo(1.4, 6);
    expect(p.fee).toBe((p.repay * 50n) / 10_000n);
    // Sold value covers repay + fee + flash fee at 1 % below the oracle.
    const soldValue = (p.sell * wad("2800")) / WAD / 10n ** 12n;
    expect((soldValue * 99n) / 100n).toBeGreaterThanOrEqual(p.repay + p.fee);
  });

  it("is empty above the target and null when the collateral cannot reach it", () => {
    expect(deleveragePlan(vault("3000", "10000"), wad("1.4"), params)!.repay).toBe(0n);
    expect(deleveragePlan(vault("1900", "19500"), wad("3"), params)).toBeNull(); // collateral worth less than the debt
  });
});

describe("stopLossPlan / priceAtHealth", () => {
  it("repays everything and sells at most what the bound needs", () => {
    const p = stopLossPlan(vault("2400", "20000"), params)!;
    expect(p.repay).toBe(parseUnits("20000", 6));
    expect(p.sell).toBeLessThan(wad("10"));
  });

  it("finds the price at which health reaches a level", () => {
    const v = vault("3000", "20000");
    const p = priceAtHealth(v, WETH, wad("1.2"));
    const hf = vaultRisk({ ...v, collaterals: [{ ...v.collaterals[0]!, price: p }] }).healthFactor;
    expect(Number(hf) / 1e18).toBeCloseTo(1.2, 6);
  });
});

describe("parseRuleDraft", () => {
  const draft = (d: Partial<RuleDraft>): RuleDraft => ({
    kind: "deleverage",
    collateral: WETH,
    trigger: "1.25",
    target: "1.6",
    slippage: "1",
    fee: "0.3",
    ...d,
  });

  it("returns the guard's arguments", () => {
    const r = parseRuleDraft(draft({}), ctx);
    expect(r).toEqual({
      ok: true,
      rule: { kind: "deleverage", collateral: WETH, trigger: wad("1.25"), target: wad("1.6"), slippageBps: 100n, feeBps: 30n },
    });
    const s = parseRuleDraft(draft({ kind: "stopLoss", trigger: "2400.5" }), ctx);
    expect(s.ok && s.rule.trigger).toBe(wad("2400.5"));
  });

  it("names every bad field", () => {
    const r = parseRuleDraft(draft({ trigger: "1", target: "abc", slippage: "6", fee: "1.5" }), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.trigger?.key).toBe("healthAboveOne");
    expect(r.errors.target?.key).toBe("amount");
    expect(r.errors.slippage?.key).toBe("slippageRange");
    expect(r.errors.fee?.key).toBe("feeRange");
    const low = parseRuleDraft(draft({ trigger: "1.02", target: "1.05" }), ctx);
    expect(!low.ok && low.errors.target).toMatchObject({ key: "guardTargetMin" });
    const above = parseRuleDraft(draft({ kind: "stopLoss", trigger: "3100" }), ctx);
    expect(!above.ok && above.errors.trigger).toMatchObject({ key: "stopBelowPrice", values: { price: "3000" } });
    const fine = parseRuleDraft(draft({ trigger: "1.23456" }), ctx);
    expect(!fine.ok && fine.errors.trigger).toEqual({ key: "decimals", values: { decimals: "4" } });
  });

  it("refuses a stop-loss at or below the vault's liquidation price: liquidation would come first, the stop never", () => {
    const withLiq = { ...ctx, liquidationPrice: 2352_940000000000000000n };
    for (const trigger of ["2000", "2352.94"]) {
      const r = parseRuleDraft(draft({ kind: "stopLoss", trigger }), withLiq);
      expect(!r.ok && r.errors.trigger).toEqual({ key: "stopAboveLiquidation", values: { price: "2352.94" } });
    }
    expect(parseRuleDraft(draft({ kind: "stopLoss", trigger: "2352.95" }), withLiq).ok).toBe(true);
    // No liquidation price (no debt, or the other collateral covers any fall): any level below today's.
    expect(parseRuleDraft(draft({ kind: "stopLoss", trigger: "10" }), { ...ctx, liquidationPrice: 0n }).ok).toBe(true);
  });

  it("says which field is negative, in its own words", () => {
    const r = parseRuleDraft(draft({ slippage: "-1", fee: "-0.1" }), ctx);
    expect(!r.ok && r.errors.slippage?.amount?.message).toBe("The slippage bound cannot be negative");
    expect(!r.ok && r.errors.slippage?.amount?.values).toEqual({ what: "slippage" });
    expect(!r.ok && r.errors.fee?.amount?.message).toBe("The fee cap cannot be negative");
  });
});
