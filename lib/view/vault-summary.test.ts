import { describe, expect, it } from "vitest";
import { INFINITE_HEALTH } from "../engine/health";
import { WAD } from "../engine/math";
import { closestDistance, summarizeVault, unpricedAssets } from "./vault-summary";

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
const lensVault = (o: Partial<Parameters<typeof summarizeVault>[0] & { collateralValue: bigint }> = {}) => ({
  collaterals: [coll(WETH, 2n * WAD, w(3000), w(2529.41)), coll(WBTC, WAD / 10n, w(65000), w(55000))],
  debt: 9_500n * 10n ** 6n,
  debtValue: w(9500),
  borrowLimitValue: w(9675),
  collateralValue: w(12500),
  healthFactor: w(1.08),
  pricesOk: true,
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
  it("has no distance without debt, and no band but 'unpriced' when a needed price is missing", () => {
    const free = summarizeVault(lensVault({ debt: 0n, debtValue: 0n, healthFactor: INFINITE_HEALTH }));
    expect(free).toMatchObject({ band: "safe", borrowLimitUsed: 0n, minDistance: null });
    const stale = summarizeVault(lensVault({ pricesOk: false, healthFactor: 0n, collaterals: [coll(WETH, WAD, 0n, 0n, 6)] }));
    expect(stale).toMatchObject({ band: "unpriced", minDistance: null });
    expect(stale.collaterals[0]!.distance).toBeNull();
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
    expect(summarizeVault(lensVault({ pricesOk: false }), { price: WAD, liquidationPrice: w(1.08) }).baseDistance).toBeNull();
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

describe("unpricedAssets", () => {
  it("lists held collaterals and the base asset whose price is unavailable", () => {
    const v = lensVault({ collaterals: [coll(WETH, WAD, 0n, 0n, 6), coll(WBTC, 0n, 0n, 0n, 2), coll(WBTC, WAD, w(1), 0n)] });
    expect(unpricedAssets(v, 0)).toEqual([{ asset: WETH, status: 6 }]);
    expect(unpricedAssets(lensVault(), 7)).toEqual([{ asset: USDC, status: 7 }]);
  });
});
