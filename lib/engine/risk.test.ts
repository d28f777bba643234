import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyChange,
  boostedLimit,
  distanceToLiquidation,
  healthBand,
  lendingValues,
  liquidationPrice,
  MAX_LTV_BONUS,
  maxBorrow,
  maxWithdraw,
  vaultRisk,
  type VaultPosition,
} from "./risk";
import { INFINITE_HEALTH } from "./health";
import { WAD } from "./math";

const WETH = "0x00000000000000000000000000000000000000e7" as const;
const WBTC = "0x00000000000000000000000000000000000000b7" as const;
const w = (x: number) => (BigInt(Math.round(x * 1e6)) * WAD) / 1_000_000n;

const vault = (eth: bigint, btc: bigint, debt: bigint, ethPrice = w(3000)): VaultPosition => ({
  collaterals: [
    { asset: WETH, decimals: 18, amount: eth, price: ethPrice, ltv: w(0.8), liquidationThreshold: w(0.85) },
    { asset: WBTC, decimals: 8, amount: btc, price: w(65000), ltv: w(0.75), liquidationThreshold: w(0.8) },
  ],
  debt,
  baseDecimals: 6,
  basePrice: w(1),
});

describe("vaultRisk", () => {
  it("computes the health factor, capacity and use of the borrow limit", () => {
    const r = vaultRisk(vault(10n * WAD, 0n, 8_000n * 10n ** 6n));
    expect(r.collateralValue).toBe(w(30000));
    expect(r.liquidationValue).toBe(w(25500));
    expect(r.healthFactor).toBe((w(25500) * WAD) / w(8000)); // 3.1875
    expect(r.borrowCapacity).toBe(16_000n * 10n ** 6n);
    expect(r.borrowLimitUsed).toBe(WAD / 3n + 1n); // rounded up: never shows less use than there is
    expect(r.liquidatable).toBe(false);
  });
  it("is infinitely healthy without debt", () => {
    expect(vaultRisk(vault(WAD, 0n, 0n)).healthFactor).toBe(INFINITE_HEALTH);
  });
});

describe("the reputation bonus (KeelMarket._limitWithBonus)", () => {
  // 1 WBTC at $60,000, 70 / 80 (base limit $42,000), as the forge tests.
  const btc = (ltv: number): VaultPosition["collaterals"][number] => ({
    asset: WBTC,
    decimals: 8,
    amount: 10n ** 8n,
    price: w(60000),
    ltv: w(ltv),
    liquidationThreshold: w(0.8),
  });
  const frozen = { asset: WETH, decimals: 18, amount: 1000n * WAD, price: w(100), ltv: 0n, liquidationThreshold: w(0.8) };
  const pos = (collaterals: VaultPosition["collaterals"], ltvBonus: bigint): VaultPosition => ({
    collaterals,
    debt: 0n,
    baseDecimals: 6,
    basePrice: w(1),
    ltvBonus,
  });
  it("counts only collaterals that lend (LTV > 0) in the bonus and its cap (audit R-2)", () => {
    expect(lendingValues(pos([btc(0.7), frozen], 0n).collaterals)).toEqual({ value: w(60000), liquidationValue: w(48000) });
    expect(vaultRisk(pos([btc(0.7), frozen], w(0.05))).borrowLimitValue).toBe(w(45000)); // not $50,000
    expect(vaultRisk(pos([frozen], w(0.05))).borrowLimitValue).toBe(0n);
  });
  it("honours at most MAX_LTV_BONUS, whatever the source answers (audit R-4)", () => {
    const wide = { ...frozen, ltv: w(0.5), liquidationThreshold: w(0.9) }; // $100,000 at 50 / 90: halfway is 70 %
    expect(vaultRisk(pos([wide], 2n ** 256n - 1n)).borrowLimitValue).toBe(w(50000) + (w(100000) * MAX_LTV_BONUS) / WAD);
    expect(boostedLimit(w(42000), lendingValues([btc(0.7)]), 1n)).toBe(w(42000) + 60_000n);
  });
});

describe("liquidationPrice", () => {
  it("is the price at which health reaches 1", () => {
    const v = vault(10n * WAD, 0n, 17_000n * 10n ** 6n);
    const p = liquidationPrice(v, WETH);
    expect(p).toBe(w(2000)); // 17000 / (10 × 0.85)
    const at = vaultRisk({ ...v, collaterals: v.collaterals.map((c) => (c.asset === WETH ? { ...c, price: p } : c)) });
    expect(at.healthFactor).toBeGreaterThanOrEqual(WAD);
    const below = vaultRisk({ ...v, collaterals: v.collaterals.map((c) => (c.asset === WETH ? { ...c, price: p - 10n ** 12n } : c)) });
    expect(below.healthFactor).toBeLessThan(WAD);
  });
  it("is zero when the other collateral alone covers the debt", () => {
    expect(liquidationPrice(vault(WAD, 10n ** 8n, 10_000n * 10n ** 6n), WETH)).toBe(0n);
  });
  it("distance to liquidation", () => {
    expect(distanceToLiquidation(w(3000), w(2000))).toBe(WAD / 3n);
    expect(distanceToLiquidation(w(1900), w(2000))).toBe(0n);
    // No liquidation price: no fall of it alone liquidates — no distance (not "100 %", a fall to nothing that still would not).
    expect(distanceToLiquidation(w(3000), 0n)).toBeNull();
  });
});

describe("max borrow / max withdraw", () => {
  it("never lets the vault leave its LTV, and stops exactly at it", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1000n * WAD }),
        fc.bigInt({ min: 0n, max: 100n * 10n ** 8n }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.bigInt({ min: w(100), max: w(10000) }),
        (eth, btc, debt, price) => {
          const v = vault(eth, btc, debt, price);
          const b = maxBorrow(v);
          const after = vaultRisk(applyChange(v, { kind: "borrow", amount: b }));
          if (b > 0n) expect(after.debtValue).toBeLessThanOrEqual(after.borrowLimitValue);
          const one = vaultRisk(applyChange(v, { kind: "borrow", amount: b + 1n }));
          expect(one.debtValue > one.borrowLimitValue || vaultRisk(v).debtValue > vaultRisk(v).borrowLimitValue).toBe(true);
          const m = maxWithdraw(v, WETH);
          const afterW = vaultRisk(applyChange(v, { kind: "withdraw", asset: WETH, amount: m }));
          if (m > 0n && debt > 0n) expect(afterW.debtValue).toBeLessThanOrEqual(afterW.borrowLimitValue);
          if (m < eth) {
            const more = vaultRisk(applyChange(v, { kind: "withdraw", asset: WETH, amount: m + 1n }));
            expect(more.debtValue).toBeGreaterThan(more.borrowLimitValue);
          }
        },
      ),
    );
  });
  it("respects the safety buffer", () => {
    const v = vault(10n * WAD, 0n, 0n);
    const b = maxBorrow(v, w(1.5));
    expect(vaultRisk(applyChange(v, { kind: "borrow", amount: b })).healthFactor).toBeGreaterThanOrEqual(w(1.5));
    expect(b).toBe(17_000n * 10n ** 6n); // 25500 / 1.5
    const withDebt = vault(10n * WAD, 0n, 10_000n * 10n ** 6n);
    const m = maxWithdraw(withDebt, WETH, w(1.5));
    expect(vaultRisk(applyChange(withDebt, { kind: "withdraw", asset: WETH, amount: m })).healthFactor).toBeGreaterThanOrEqual(w(1.5));
  });
  it("repaying more than the debt clears it", () => {
    expect(applyChange(vault(WAD, 0n, 5n), { kind: "repay", amount: 10n }).debt).toBe(0n);
  });
});

describe("healthBand", () => {
  it("names the bands", () => {
    expect(healthBand(INFINITE_HEALTH)).toBe("safe");
    expect(healthBand(w(1.3))).toBe("watch");
    expect(healthBand(w(1.1))).toBe("atRisk");
    expect(healthBand(w(0.99))).toBe("liquidatable");
  });
});
