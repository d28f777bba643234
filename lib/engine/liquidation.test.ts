import { describe, expect, it } from "vitest";
import { parseUnits } from "viem";
import { baseToUsd, batchResult, flashAmountFor, flashFee, gasCostUsd, liquidationSize, lossBound, type LiquidationInput } from "./liquidation";
import { liquidationDiscount } from "./health";
import { WAD } from "./math";

const wad = (x: string) => parseUnits(x, 18);

/** 10 WETH at `price`, LT 85 %, max discount 10 %, `debt` USDC at $1. */
function vault(price: string, debt: string, amount = "10"): LiquidationInput {
  const p = wad(price);
  const amt = parseUnits(amount, 18);
  const d = parseUnits(debt, 6);
  const value = (amt * p) / WAD;
  const liquidationValue = (value * wad("0.85")) / WAD;
  const debtValue = d * 10n ** 12n;
  return {
    healthFactor: (liquidationValue * WAD) / debtValue,
    liquidationValue,
    debtValue,
    debt: d,
    baseDecimals: 6,
    basePrice: WAD,
    amount: amt,
    decimals: 18,
    price: p,
    liquidationThreshold: wad("0.85"),
    maxDiscount: wad("0.1"),
    collateralValue: value,
  };
}

describe("liquidationDiscount", () => {
  it("is clamped between 1 % and the max discount", () => {
    expect(liquidationDiscount(wad("0.995"), wad("0.1"), wad("2"), wad("1"))).toBe(wad("0.01"));
    expect(liquidationDiscount(wad("0.95"), wad("0.1"), wad("2"), wad("1"))).toBe(wad("0.05"));
    expect(liquidationDiscount(wad("0.5"), wad("0.1"), wad("2"), wad("1"))).toBe(wad("0.1"));
  });

  it("is capped at the vault's margin while its collateral covers its debt (no bad debt while solvent)", () => {
    // 10 WETH at $2,570 against 24,000 USDC: HF 0.910, margin 7.08 % < 9 %.
    expect(liquidationDiscount(wad("0.910"), wad("0.1"), wad("25700"), wad("24000"))).toBe((wad("25700") * WAD) / wad("24000") - WAD);
    // Insolvent: no cap.
    expect(liquidationDiscount(wad("0.7"), wad("0.1"), wad("2000"), wad("2400"))).toBe(wad("0.1"));
  });
});

describe("liquidationSize", () => {
  it("is null for a healthy vault", () => {
    expect(liquidationSize(vault("3000", "20000"))).toBeNull();
  });

  it("repays only what brings the vault back to HF 1.05", () => {
    const x = vault("2700", "24000"); // HF 0.956
    const s = liquidationSize(x)!;
    expect(s.discount).toBe(WAD - x.healthFactor);
    // After: (L − seizedValue × lt) / (D − repay) ≈ 1.05
    const seizedValue = (s.seized * x.price) / WAD;
    const hfAfter = ((x.liquidationValue - (seizedValue * x.liquidationThreshold) / WAD) * WAD) / (x.debtValue - s.repay * 10n ** 12n);
    expect(Number(hfAfter) / 1e18).toBeCloseTo(1.05, 4);
    expect(s.repay).toBeLessThan(x.debt);
    expect(s.grossValue).toBeGreaterThan(0n);
  });

  it("seizes everything from an insolvent vault", () => {
    const x = vault("2000", "24000"); // collateral $20,000 < debt; (1 + 10 %) × 0.85 = 0.935 > HF 0.708
    const s = liquidationSize(x)!;
    expect(s.seized).toBe(x.amount);
    expect(s.repay).toBeLessThan(x.debt); // the rest becomes bad debt
  });

  it("repays the whole debt of a deep but solvent vault (discount capped at its margin)", () => {
    const x = vault("2570", "24000"); // the security review's example: HF 0.910, collateral $25,700
    const s = liquidationSize(x)!;
    expect(s.repay).toBe(x.debt);
    expect(s.seized).toBeLessThanOrEqual(x.amount);
  });

  it("refuses a seizure that lowers HF while another collateral would raise it", () => {
    // 8,000 of a 95 %-LT asset and 3,000 of a 50 %-LT one against 9,450: HF 0.963.
    const hi = { value: wad("8000"), liquidationThreshold: wad("0.95"), maxDiscount: wad("0.05") };
    const lo = { value: wad("3000"), liquidationThreshold: wad("0.5"), maxDiscount: wad("0.15") };
    const debtValue = wad("9450");
    const liquidationValue = wad("7600") + wad("1500");
    const base = {
      healthFactor: (liquidationValue * WAD) / debtValue,
      liquidationValue,
      debtValue,
      debt: parseUnits("9450", 6),
      baseDecimals: 6,
      basePrice: WAD,
      decimals: 18,
      price: WAD,
      collateralValue: wad("11000"),
    };
    expect(
      liquidationSize({ ...base, amount: wad("8000"), liquidationThreshold: hi.liquidationThreshold, maxDiscount: hi.maxDiscount, others: [lo] }),
    ).toBeNull();
    const s = liquidationSize({
      ...base,
      amount: wad("3000"),
      liquidationThreshold: lo.liquidationThreshold,
      maxDiscount: lo.maxDiscount,
      others: [hi],
    })!;
    expect(s.repay).toBeGreaterThan(0n);
  });

  it("takes the whole debt of a dust vault", () => {
    const x = vault("2700", "9", "0.00375");
    const s = liquidationSize(x)!;
    expect(s.repay).toBe(x.debt);
  });
});

describe("flashAmountFor / gas and profit in USD", () => {
  it("adds a margin, also over a repayment of the whole debt (interest accrues after the scan)", () => {
    expect(flashAmountFor({ discount: 0n, repay: 10_000n, seized: 0n, grossValue: 0n })).toBe(10_011n);
    expect(flashAmountFor({ discount: 0n, repay: 10_000n, seized: 0n, grossValue: 0n }, 0n)).toBe(10_001n);
  });

  it("prices gas and profit in USD", () => {
    // 300,000 gas at 10 gwei = 0.003 ETH = $9 at $3,000.
    expect(gasCostUsd(300_000n, 10_000_000_000n, wad("3000"))).toBe(wad("9"));
    expect(baseToUsd(50_000_000n, WAD, 6)).toBe(wad("50"));
    expect(baseToUsd(wad("0.5"), wad("3000"), 18)).toBe(wad("1500"));
  });
});

describe("batch accounting (KeelLiquidator)", () => {
  it("flash fee rounds up like the market; result = proceeds − repaid − fee; the loss bound is bps of the repayment", () => {
    expect(flashFee(10_000n, 5n)).toBe(5n);
    expect(flashFee(10_001n, 5n)).toBe(6n);
    expect(flashFee(10_000n, 0n)).toBe(0n);
    expect(batchResult(1_000n, 900n, 5n)).toBe(95n);
    expect(batchResult(900n, 1_000n, 5n)).toBe(-105n);
    expect(lossBound(1_000_000n, 100n)).toBe(10_000n);
    expect(lossBound(99n, 100n)).toBe(0n);
  });
});
