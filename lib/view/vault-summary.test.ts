import { describe, expect, it } from "vitest";
import { INFINITE_HEALTH } from "../engine/health";
import { WAD } from "../engine/math";
import { closestDistance, engineHealth, healthShown, lensHealth, summarizeVault, unpricedAssets } from "./vault-summary";

const WETH = "0x00000000000000000000000000000000000000e7" as const;
const WBTC = "0x00000000000000000000000000000000000000b7" as const;
const USDC = "0x0000000000000000000000000000000000000005" as const;
const w = (x: number) => (BigInt(Math.round(x * 1e6)) * WAD) / 1_000_000n;

const coll = (asset: `0x${string}`, amount: bigint, price: bigint, liq: bigint, status = 0) => ({
  asset,
  decimals: 18,
  amount,
  price,
  updatedAt: 0n,
  status,
  value: status === 0 ? (amount * price) / WAD : 0n,
  ltv: w(0.8),
  liquidationThreshold: w(0.85),
  liquidationPrice: liq,
});
const lensVault = (o: Partial<Parameters<typeof summarizeVault>[0]> = {}) => ({
  collaterals: [coll(WETH, 2n * WAD, w(3000), w(2529.41)), coll(WBTC, WAD / 10n, w(65000), w(55000))],
  debt: 9_500n * 10n ** 6n,
  debtValue: w(9500),
  borrowLimitValue: w(9675),
  collateralValue: w(12500),
  healthFactor: w(1.08),
  baseAsset: USDC,
  ...o,
});

describe("summarizeVault", () => {
  it("gives the band, the use of the borrow limit and each collateral's distance to liquidation", () => {
    const s = summarizeVault(lensVault());
    expect(s.band).toBe("atRisk");
    expect(s.borrowLimitUsed).toBe((w(9500) * WAD + w(9675) - 1n) / w(9675)); // rounded up
    expect(s.collaterals[0]!.distance).toBe(((w(3000) - w(2529.41)) * WAD) / w(3000));
    expect(s.collaterals[1]!.distance).toBe(((w(65000) - w(55000)) * WAD) / w(65000));
    expect(s.minDistance).toBe(s.collaterals[1]!.distance); // WBTC is closer
  });
  it("has no distance without debt, and no band but 'unpriced' when nothing priced backs the debt", () => {
    const free = summarizeVault(lensVault({ debt: 0n, debtValue: 0n, healthFactor: INFINITE_HEALTH }));
    expect(free).toMatchObject({ band: "safe", borrowLimitUsed: 0n, minDistance: null, partial: false });
    const stale = summarizeVault(lensVault({ healthFactor: 0n, collateralValue: 0n, collaterals: [coll(WETH, WAD, 0n, 0n, 6)] }));
    expect(stale).toMatchObject({ band: "unpriced", minDistance: null, partial: true });
    expect(stale.collaterals[0]!.distance).toBeNull();
  });
  it("counts an unpriced collateral as zero, as the market does, while another priced one backs the debt", () => {
    // WETH's feed stale: the lens values WETH at 0 and gives WBTC's liquidation price with WETH at 0.
    const v = lensVault({
      collaterals: [coll(WETH, 2n * WAD, 0n, 0n, 6), coll(WBTC, WAD / 10n, w(65000), w(95000 / 0.85 / 0.1 / 100))],
      collateralValue: w(6500),
      healthFactor: w(0.58),
    });
    const s = summarizeVault(v);
    expect(s).toMatchObject({ band: "liquidatable", partial: true, healthFactor: w(0.58) });
    expect(s.collaterals[0]!.distance).toBeNull();
    expect(s.collaterals[1]!.distance).not.toBeNull();
    expect(s.minDistance).toBe(s.collaterals[1]!.distance);
  });
  it("counts the borrowed asset's rise among the distances: the closest is over both sides", () => {
    // USDC at $1, liquidated at $1.08: 8 % away, closer than WBTC's 15.4 %.
    const s = summarizeVault(lensVault(), { price: WAD, liquidationPrice: w(1.08) });
    expect(s.baseDistance).toBe(w(0.08));
    expect(s.minDistance).toBe(w(0.08));
    // A rise that no price reaches (no liquidation price), a vault without debt, stale prices: no base distance.
    expect(summarizeVault(lensVault(), { price: WAD, liquidationPrice: 0n }).minDistance).toBe(s.collaterals[1]!.distance);
    expect(
      summarizeVault(lensVault({ debt: 0n, debtValue: 0n, healthFactor: INFINITE_HEALTH }), { price: WAD, liquidationPrice: w(2) }).minDistance,
    ).toBeNull();
    // No base price: the lens values the debt at 0 and gives no health.
    expect(summarizeVault(lensVault({ debtValue: 0n, healthFactor: 0n }), { price: 0n, liquidationPrice: 0n }).baseDistance).toBeNull();
  });
  it("takes the closest of the distances that apply", () => {
    expect(closestDistance([w(0.2), null, w(0.08), w(0.15)])).toBe(w(0.08));
    expect(closestDistance([null, null])).toBeNull();
    expect(closestDistance([])).toBeNull();
  });
  it("is liquidatable below 1", () => {
    expect(summarizeVault(lensVault({ healthFactor: w(0.93) })).band).toBe("liquidatable");
  });
});

describe("healthShown: one rule for every screen's health", () => {
  const h = (o: Partial<Parameters<typeof healthShown>[0]> = {}) =>
    healthShown({ hasDebt: true, healthFactor: w(1.5), debtPriced: true, pricedValue: w(100), unpricedHeld: false, ...o });
  it("gives the engine's figure while the debt is priced and something priced backs it, partial when a collateral is left out", () => {
    expect(h()).toEqual({ healthFactor: w(1.5), partial: false, band: "safe" });
    expect(h({ unpricedHeld: true })).toEqual({ healthFactor: w(1.5), partial: true, band: "safe" });
    expect(h({ unpricedHeld: true, healthFactor: w(0.9) })).toEqual({ healthFactor: w(0.9), partial: true, band: "liquidatable" });
  });
  it("gives none without the debt's price, or with only unpriced collateral held", () => {
    expect(h({ debtPriced: false })).toEqual({ healthFactor: null, partial: false, band: "unpriced" });
    expect(h({ pricedValue: 0n, unpricedHeld: true, healthFactor: 0n })).toEqual({ healthFactor: null, partial: true, band: "unpriced" });
    // Nothing held at all: the engine's 0 (on-chain the market writes such a debt off as it seizes the last collateral).
    expect(h({ pricedValue: 0n, healthFactor: 0n })).toEqual({ healthFactor: 0n, partial: false, band: "liquidatable" });
  });
  it("is infinite without a debt, whatever the prices", () => {
    expect(h({ hasDebt: false, healthFactor: INFINITE_HEALTH, debtPriced: false, unpricedHeld: true })).toEqual({
      healthFactor: INFINITE_HEALTH,
      partial: false,
      band: "safe",
    });
  });
  it("reads the lens's vault and an engine position alike", () => {
    const v = lensVault({ collaterals: [coll(WETH, WAD, 0n, 0n, 6), coll(WBTC, WAD / 10n, w(65000), 0n)], collateralValue: w(6500) });
    expect(lensHealth(v)).toEqual({ healthFactor: w(1.08), partial: true, band: "atRisk" });
    expect(lensHealth(lensVault({ debtValue: 0n, healthFactor: 0n }))).toMatchObject({ healthFactor: null, band: "unpriced" });
    const position = {
      debt: 1n,
      basePrice: WAD,
      collaterals: [
        { asset: WETH, decimals: 18, amount: WAD, price: 0n, ltv: 0n, liquidationThreshold: 0n },
        { asset: WBTC, decimals: 18, amount: 0n, price: 0n, ltv: 0n, liquidationThreshold: 0n },
      ],
    };
    // Only the unpriced WETH held: no figure; an unpriced WBTC not held does not count.
    expect(engineHealth(position, { healthFactor: 0n, collateralValue: 0n }).band).toBe("unpriced");
    expect(engineHealth({ ...position, basePrice: 0n }, { healthFactor: w(2), collateralValue: w(1) }).healthFactor).toBeNull();
    const priced = { ...position, collaterals: [{ ...position.collaterals[0]!, price: w(3000) }, position.collaterals[1]!] };
    expect(engineHealth(priced, { healthFactor: w(2), collateralValue: w(3000) })).toEqual({ healthFactor: w(2), partial: false, band: "safe" });
  });
});

describe("unpricedAssets", () => {
  it("lists held collaterals and the base asset whose price is unavailable", () => {
    const v = lensVault({ collaterals: [coll(WETH, WAD, 0n, 0n, 6), coll(WBTC, 0n, 0n, 0n, 2), coll(WBTC, WAD, w(1), 0n)] });
    expect(unpricedAssets(v, 0)).toEqual([{ asset: WETH, status: 6 }]);
    expect(unpricedAssets(lensVault(), 7)).toEqual([{ asset: USDC, status: 7 }]);
  });
});
