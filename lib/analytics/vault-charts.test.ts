import { describe, expect, it } from "vitest";
import { liquidationPrice, type VaultPosition } from "../engine/risk";
import { INFINITE_HEALTH } from "../engine/health";
import { WAD, wadToNumber } from "../engine/math";
import { CHART_HEALTH_CAP, composition, healthCurve, healthToNumber, historySeries, sampleBlocks } from "./vault-charts";

const WETH = "0x00000000000000000000000000000000000000e7" as const;
const WBTC = "0x00000000000000000000000000000000000000b7" as const;
const w = (x: number) => (BigInt(Math.round(x * 1e6)) * WAD) / 1_000_000n;
const vault = (debtUsdc: number): VaultPosition => ({
  collaterals: [
    { asset: WETH, decimals: 18, amount: 10n * WAD, price: w(3000), ltv: w(0.8), liquidationThreshold: w(0.85) },
    { asset: WBTC, decimals: 8, amount: 0n, price: w(65000), ltv: w(0.75), liquidationThreshold: w(0.8) },
  ],
  debt: BigInt(debtUsdc) * 10n ** 6n,
  baseDecimals: 6,
  basePrice: w(1),
});

describe("healthToNumber / wadToNumber", () => {
  it("turns WAD into floats for plotting, capping health", () => {
    expect(wadToNumber(w(1.25))).toBe(1.25);
    expect(healthToNumber(INFINITE_HEALTH)).toBe(CHART_HEALTH_CAP);
    expect(healthToNumber(w(42))).toBe(CHART_HEALTH_CAP);
    expect(healthToNumber(w(0.9775))).toBeCloseTo(0.9775, 8);
  });
});

describe("healthCurve", () => {
  it("crosses HF 1 exactly at the liquidation price and passes through today's price", () => {
    const v = vault(20_000);
    const c = healthCurve(v, WETH, 40);
    expect(c.price).toBe(3000);
    expect(c.liquidationPrice).toBeCloseTo(wadToNumber(liquidationPrice(v, WETH)), 8); // 2352.94…
    const atLiq = c.points.find((p) => p.price === c.liquidationPrice)!;
    expect(atLiq.healthFactor).toBeGreaterThanOrEqual(1);
    expect(atLiq.healthFactor).toBeLessThan(1.0001);
    const today = c.points.find((p) => p.price === 3000)!;
    expect(today.healthFactor).toBeCloseTo(1.275, 6);
    // increasing prices, from 0 to twice today's price
    expect(c.points[0]).toEqual({ price: 0, healthFactor: 0 });
    expect(c.points.at(-1)!.price).toBe(6000);
    for (let i = 1; i < c.points.length; i++) expect(c.points[i]!.price).toBeGreaterThan(c.points[i - 1]!.price);
    // 41 even samples, plus today's (already one of them) and the liquidation price
    expect(c.points).toHaveLength(42);
  });
  it("widens the range when the liquidation price is above twice today's price", () => {
    const v = vault(60_000); // liquidation price 7,058.82 > 6,000
    const c = healthCurve(v, WETH, 10);
    expect(c.liquidationPrice).toBeGreaterThan(6000);
    expect(c.points.at(-1)!.price).toBeCloseTo(c.liquidationPrice * 1.5, 0);
  });
  it("is empty for an asset the vault cannot price", () => {
    expect(healthCurve({ ...vault(1), collaterals: [{ ...vault(1).collaterals[0]!, price: 0n }] }, WETH).points).toEqual([]);
    expect(healthCurve(vault(1), "0x0000000000000000000000000000000000000001").points).toEqual([]);
  });
});

describe("sampleBlocks", () => {
  it("takes every block of a short history", () => {
    expect(sampleBlocks(10n, 14n, [12n])).toEqual([10n, 11n, 12n, 13n, 14n]);
    expect(sampleBlocks(7n, 7n, [])).toEqual([7n]);
    expect(sampleBlocks(9n, 8n, [])).toEqual([]);
  });
  it("keeps both ends and the event blocks, fills evenly, never above max, sorted and unique", () => {
    const events = [150n, 151n, 700n, 999n];
    const s = sampleBlocks(100n, 1_000n, events, 40);
    expect(s.length).toBe(40);
    expect(s[0]).toBe(100n);
    expect(s.at(-1)).toBe(1_000n);
    for (const e of events) expect(s).toContain(e);
    expect(new Set(s).size).toBe(s.length);
    for (let i = 1; i < s.length; i++) expect(s[i]! > s[i - 1]!).toBe(true);
  });
  it("thins out events when there are more than half the budget", () => {
    const events = Array.from({ length: 500 }, (_, i) => 1_000n + BigInt(i * 3));
    const s = sampleBlocks(1_000n, 10_000n, events, 40);
    expect(s.length).toBeLessThanOrEqual(40);
    expect(s.filter((b) => events.includes(b)).length).toBeGreaterThanOrEqual(18);
    expect(s.some((b) => b > 3_000n && b < 10_000n)).toBe(true); // the even fill reaches past the events
  });
});

describe("historySeries", () => {
  // `stale`: WETH's feed; `baseOk`: the borrowed asset's (the lens values the debt only with it).
  const sample = (block: bigint, debt: bigint, hf: bigint, { stale = false, baseOk = true, liq = w(2000) } = {}) => ({
    block,
    timestamp: 1_700_000_000 + Number(block),
    debt,
    debtValue: debt > 0n && baseOk ? w(5) : 0n,
    collateralValue: (stale ? 0n : w(30000)) + 100n,
    healthFactor: hf,
    collaterals: [
      { amount: 10n * WAD, price: stale ? 0n : w(3000), liquidationPrice: liq, status: stale ? 6 : 0 },
      { amount: 1n, price: w(100), liquidationPrice: w(90), status: 0 },
    ],
  });
  it("plots the lens's health and the smallest distance to liquidation", () => {
    const [a, b, c, d] = historySeries([
      sample(1n, 0n, INFINITE_HEALTH),
      sample(2n, 5n, w(1.3)),
      sample(3n, 5n, 0n, { stale: true, baseOk: false }),
      sample(4n, 5n, w(0.5), { stale: true }),
    ]);
    expect(a).toEqual({ block: 1, timestamp: 1_700_000_001, healthFactor: CHART_HEALTH_CAP, distancePct: null }); // no debt
    expect(b!.healthFactor).toBe(1.3);
    expect(b!.distancePct).toBeCloseTo(10, 8); // min(33.3 %, 10 %)
    expect(c).toMatchObject({ healthFactor: null, distancePct: null }); // no price of the debt: a gap, not a zero
    // WETH stale, something priced left: the lens's figure with WETH at zero, as the vault page shows it (healthShown).
    expect(d).toMatchObject({ healthFactor: 0.5 });
    expect(d!.distancePct).toBeCloseTo(10, 8); // the priced collateral's own distance
  });
});

describe("composition", () => {
  it("gives each priced collateral its share of the value", () => {
    expect(
      composition([
        { key: "WETH", value: w(6000) },
        { key: "WBTC", value: w(6500) },
        { key: "USDC", value: 0n },
      ]),
    ).toEqual([
      { key: "WETH", value: 6000, pct: 48 },
      { key: "WBTC", value: 6500, pct: 52 },
    ]);
    expect(composition([])).toEqual([]);
  });
});
