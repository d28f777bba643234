import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseUnits } from "viem";
import { INFINITE_LEVERAGE, leverageOf, maxLeverage, planClose, planLeverage, type LeverageContext } from "./leverage";
import { applyChange, type VaultPosition } from "./risk";
import { WAD } from "./math";

const WETH = "0x00000000000000000000000000000000000000e1" as const;
const WBTC = "0x00000000000000000000000000000000000000b1" as const;
const wad = (x: string) => parseUnits(x, 18);

function emptyVault(): VaultPosition {
  return {
    collaterals: [
      { asset: WETH, decimals: 18, amount: 0n, price: wad("3000"), ltv: wad("0.8"), liquidationThreshold: wad("0.85") },
      { asset: WBTC, decimals: 8, amount: 0n, price: wad("65000"), ltv: wad("0.75"), liquidationThreshold: wad("0.8") },
    ],
    debt: 0n,
    baseDecimals: 6,
    basePrice: wad("1"),
  };
}

const ctx = (position: VaultPosition, over: Partial<LeverageContext> = {}): LeverageContext => ({
  position,
  collateral: WETH,
  // 2,000 WETH / 6,000,000 USDC at $3,000
  pool: { reserveBase: parseUnits("6000000", 6), reserveCollateral: parseUnits("2000", 18) },
  flashFeeBps: 0n,
  slippageBps: 50n,
  cash: parseUnits("2000000", 6),
  ...over,
});

describe("leverage plans", () => {
  it("opens 3× on 10 WETH: flash-borrows just under 60,000 USDC, buys ~19.3 WETH, HF ≈ 1.27", () => {
    const p = planLeverage(ctx(emptyVault()), wad("10"), 3n * WAD);
    expect(p.kind).toBe("increase");
    if (p.kind !== "increase") return;
    // The naive 60,000 USDC would end at ~3.05× once the swap fee and impact leave equity: a little less is borrowed.
    expect(Number(p.flashAmount) / 1e6).toBeGreaterThan(58_500);
    expect(Number(p.flashAmount) / 1e6).toBeLessThan(60_000);
    expect(Number(p.expectedOut) / 1e18).toBeGreaterThan(19);
    expect(Number(p.expectedOut) / 1e18).toBeLessThan(20);
    expect(p.minCollateralOut).toBe((p.expectedOut * 9950n) / 10000n);
    expect(p.problem).toBeNull();
    // Exactly the target, to the unit.
    expect(p.leverage).toBeLessThanOrEqual(3n * WAD);
    expect(Number(p.leverage) / 1e18).toBeGreaterThan(2.9999);
    expect(Number(p.risk.healthFactor) / 1e18).toBeCloseTo(1.27, 1);
    expect(p.liquidationPrice).toBeGreaterThan(wad("2000"));
    expect(p.priceImpact).toBeGreaterThan(0.004);
    expect(p.swapFee).toBe((p.flashAmount * 30n) / 10_000n);
  });

  it("refuses before signing a leverage above what the LTV allows", () => {
    const p = planLeverage(ctx(emptyVault()), wad("10"), 6n * WAD);
    expect(p.problem?.kind).toBe("beyondLtv");
  });

  it("explains a pool too shallow for the size", () => {
    const p = planLeverage(ctx(emptyVault(), { cash: parseUnits("1000000000", 6) }), wad("2000"), 3n * WAD);
    expect(p.problem?.kind).toBe("poolTooShallow");
  });

  it("explains when the market cannot lend enough", () => {
    const p = planLeverage(ctx(emptyVault(), { cash: parseUnits("1000", 6) }), wad("10"), 2n * WAD);
    expect(p.problem?.kind).toBe("notEnoughLiquidity");
  });

  it("max leverage is the highest plan without a problem, under 1 / (1 − LTV)", () => {
    const c = ctx(emptyVault());
    const max = maxLeverage(c, wad("10"));
    expect(max).toBeGreaterThan(4n * WAD);
    expect(max).toBeLessThan(5n * WAD);
    expect(planLeverage(c, wad("10"), max).problem).toBeNull();
    expect(planLeverage(c, wad("10"), max + WAD / 50n).problem).not.toBeNull();
  });

  it("a deposit on a levered position raises the ceiling, never lowers it under today's leverage", () => {
    // 10 WETH levered to 1.87× (a leverage between two 0.01× steps), then 1 WETH more: a target under the leverage the
    // deposit alone leaves is refused (depositLowers), which the search once met at its first step and stopped there —
    // "now 1.72× · max 1.72×" where the position could reach over 4×.
    const c0 = ctx(emptyVault());
    const now = planLeverage(c0, wad("10"), wad("1.875")).after;
    const c = ctx(now);
    const without = maxLeverage(c, 0n);
    for (const deposit of [wad("0.1"), wad("1"), wad("5")]) {
      const start = applyChange(now, { kind: "deposit", asset: WETH, amount: deposit });
      const max = maxLeverage(c, deposit);
      expect(max).toBeGreaterThanOrEqual(leverageOf(start));
      expect(max).toBeGreaterThan(4n * WAD);
      expect(max).toBeGreaterThanOrEqual(without - WAD / 100n);
      expect(planLeverage(c, deposit, max).problem).toBeNull();
    }
  });

  it("max leverage counts the room another collateral leaves: above 1 / (1 − LTV) of the one bought", () => {
    // 5 WETH and 0.2 WBTC owing 18,000 USDC (2.8×), levered with WBTC (LTV 75 %: 1 ÷ 0.25 = 4×). The WETH leaves
    // 3,750 of borrow room, which buys up to 15,000 more WBTC: 4.3× at most with free swaps. The search once stopped
    // at 4×, under such a vault's own leverage ("now 4.17× · max 4.16×").
    const v = emptyVault();
    v.collaterals[0]!.amount = wad("5");
    v.collaterals[1]!.amount = parseUnits("0.2", 8);
    v.debt = parseUnits("18000", 6);
    const c = ctx(v, { collateral: WBTC, pool: { reserveBase: parseUnits("6500000", 6), reserveCollateral: parseUnits("100", 8) } });
    const max = maxLeverage(c, 0n);
    expect(max).toBeGreaterThan(4n * WAD);
    expect(max).toBeLessThan(wad("4.3"));
    expect(planLeverage(c, 0n, max).problem).toBeNull();
    expect(planLeverage(c, 0n, max + WAD / 50n).problem).not.toBeNull();
  });

  it("health falls and leverage rises as the target rises (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 101, max: 400 }), fc.integer({ min: 1, max: 100 }), (eth, l1, dl) => {
        const c = ctx(emptyVault());
        const a = planLeverage(c, wad(String(eth)), (BigInt(l1) * WAD) / 100n);
        const b = planLeverage(c, wad(String(eth)), (BigInt(l1 + dl) * WAD) / 100n);
        expect(b.risk.healthFactor <= a.risk.healthFactor).toBe(true);
        expect(b.leverage >= a.leverage).toBe(true);
      }),
    );
  });

  it("lowers leverage by selling collateral to repay, and the LTV check is made at the worst case", () => {
    const c0 = ctx(emptyVault());
    const open = planLeverage(c0, wad("10"), 3n * WAD);
    const now = open.after;
    const p = planLeverage({ ...c0, position: now }, 0n, 2n * WAD);
    expect(p.kind).toBe("decrease");
    if (p.kind !== "decrease") return;
    expect(p.problem).toBeNull();
    expect(p.leverage).toBeLessThanOrEqual(2n * WAD);
    expect(Number(p.leverage) / 1e18).toBeGreaterThan(1.9999);
    expect(p.risk.healthFactor).toBeGreaterThan(open.risk.healthFactor);
    expect(p.repayAmount).toBeLessThanOrEqual(p.minBaseOut);
  });

  it("closes: the debt and its fee are bought with just enough collateral; the rest comes back", () => {
    const c0 = ctx(emptyVault(), { flashFeeBps: 5n });
    const now = planLeverage(c0, wad("10"), 3n * WAD).after;
    const p = planClose({ ...c0, position: now });
    expect(p.kind).toBe("close");
    if (p.kind !== "close") return;
    expect(p.problem).toBeNull();
    expect(p.maxCollateralIn).toBeGreaterThan(p.expectedCollateralIn);
    // Bought at the pool price plus ~1 % impact, sold at the (re-arbitraged) pool price minus ~1 %: two 0.3 % fees,
    // two impacts and two flash fees on 60,000 USDC come to ~0.55 WETH of the 10.
    expect(Number(p.collateralBack) / 1e18).toBeGreaterThan(9.4);
    expect(Number(p.collateralBack) / 1e18).toBeLessThan(10);
    expect(p.after.debt).toBe(0n);
  });

  it("close with too little of the chosen collateral says so", () => {
    // A WBTC-backed vault closing through WETH: the vault holds 0.1 WETH only.
    let v = applyChange(emptyVault(), { kind: "deposit", asset: WBTC, amount: parseUnits("1", 8) });
    v = applyChange(v, { kind: "deposit", asset: WETH, amount: wad("0.1") });
    v = applyChange(v, { kind: "borrow", amount: parseUnits("30000", 6) });
    expect(planClose(ctx(v)).problem?.kind).toBe("notEnoughCollateral");
  });

  it("leverage is 1× without debt and infinite with no equity", () => {
    expect(leverageOf(emptyVault())).toBe(WAD);
    const v = applyChange(applyChange(emptyVault(), { kind: "deposit", asset: WETH, amount: wad("1") }), {
      kind: "borrow",
      amount: parseUnits("3000", 6),
    });
    expect(leverageOf(v)).toBe(INFINITE_LEVERAGE);
  });

  it("a deposit that lowers leverage below the target needs a separate step", () => {
    const c0 = ctx(emptyVault());
    const now = planLeverage(c0, wad("10"), 3n * WAD).after;
    expect(planLeverage({ ...c0, position: now }, wad("10"), (3n * WAD) / 2n).problem?.kind).toBe("depositLowers");
    expect(planLeverage({ ...c0, position: now }, wad("10"), 3n * WAD).problem).toBeNull();
  });

  it("a deposit kept at the leverage it leaves is the deposit alone, never refused for a wei of rounding", () => {
    const c0 = ctx(emptyVault());
    const now = planLeverage(c0, wad("10"), 3n * WAD).after;
    // 7 WETH more: the leverage falls to a value with no exact hundredths (the panel shows it rounded, "now 2.05×").
    const start = applyChange(now, { kind: "deposit", asset: WETH, amount: wad("7") });
    const plan = planLeverage({ ...c0, position: now }, wad("7"), leverageOf(start));
    expect(plan.problem).toBeNull();
    expect(plan.kind).toBe("increase");
    expect(plan.kind === "increase" && plan.flashAmount).toBe(0n);
    expect(plan.leverage).toBe(leverageOf(start));
  });

  it("refuses with no price", () => {
    const v = emptyVault();
    v.collaterals[0]!.price = 0n;
    expect(planLeverage(ctx(v), wad("1"), 2n * WAD).problem?.kind).toBe("noPrice");
  });
});
