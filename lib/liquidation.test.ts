import { describe, expect, it } from "vitest";
import { parseUnits } from "viem";
import { baseToUsd, batchResult, flashAmountFor, flashFee, gasCostUsd, liquidationDiscount, liquidationSize, lossBound, type LiquidationInput } from "./liquidation";
import { WAD } from "./risk";

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
  };
}

describe("liquidationDiscount", () => {
  it("is clamped between 1 % and the max discount", () => {
    expect(liquidationDiscount(wad("0.995"), wad("0.1"))).toBe(wad("0.01"));
    expect(liquidationDiscount(wad("0.95"), wad("0.1"))).toBe(wad("0.05"));
    expect(liquidationDiscount(wad("0.5"), wad("0.1"))).toBe(wad("0.1"));
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

  it("seizes everything from a vault too deep to restore", () => {
    const x = vault("2000", "24000"); // HF 0.708, (1 + 10 %) × 0.85 = 0.935 > HF
    const s = liquidationSize(x)!;
    expect(s.seized).toBe(x.amount);
    expect(s.repay).toBeLessThan(x.debt); // the rest becomes bad debt
  });

  it("takes the whole debt of a dust vault", () => {
    const x = vault("2700", "9", "0.00375");
    const s = liquidationSize(x)!;
    expect(s.repay).toBe(x.debt);
  });
});

describe("flashAmountFor / gas and profit in USD", () => {
  it("adds a margin but never more than the debt", () => {
    expect(flashAmountFor({ discount: 0n, repay: 10_000n, seized: 0n, grossValue: 0n }, 100_000n)).toBe(10_011n);
    expect(flashAmountFor({ discount: 0n, repay: 10_000n, seized: 0n, grossValue: 0n }, 10_005n)).toBe(10_005n);
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
