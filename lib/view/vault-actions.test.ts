import { describe, expect, it } from "vitest";
import { liquidationPrice, maxBorrow, maxWithdraw, vaultRisk, type VaultPosition } from "../engine/risk";
import { WAD } from "../engine/math";
import { actionLimits, previewAction } from "./vault-actions";

const WETH = "0x00000000000000000000000000000000000000e7" as const;
const w = (x: number) => (BigInt(Math.round(x * 1e6)) * WAD) / 1_000_000n;
const usdc = (x: number) => BigInt(x) * 10n ** 6n;
const vault = (eth: number, debt: number): VaultPosition => ({
  collaterals: [{ asset: WETH, decimals: 18, amount: BigInt(eth) * WAD, price: w(3000), ltv: w(0.8), liquidationThreshold: w(0.85) }],
  debt: usdc(debt),
  baseDecimals: 6,
  basePrice: w(1),
});
const SAFE = w(1.5);

describe("actionLimits", () => {
  it("deposit: the wallet balance is both the limit and Max", () => {
    expect(actionLimits({ action: "deposit", position: vault(10, 0), asset: WETH, walletBalance: 7n * WAD, minHealth: SAFE })).toEqual({
      balance: 7n * WAD,
      suggested: 7n * WAD,
    });
  });
  it("borrow: the hard max is the LTV limit (or the market's cash), Max stays within the safety level", () => {
    const v = vault(10, 5_000);
    const l = actionLimits({ action: "borrow", position: v, cash: usdc(1_000_000), minHealth: SAFE });
    expect(l.max).toEqual({ value: maxBorrow(v), reason: "beyondLtv" });
    expect(l.suggested).toBe(maxBorrow(v, SAFE));
    expect(l.suggested).toBeLessThan(l.max!.value);
    expect(vaultRisk({ ...v, debt: v.debt + l.suggested! }).healthFactor).toBeGreaterThanOrEqual(SAFE);
    const dry = actionLimits({ action: "borrow", position: v, cash: usdc(100), minHealth: SAFE });
    expect(dry.max).toEqual({ value: usdc(100), reason: "noLiquidity" });
    expect(dry.suggested).toBe(usdc(100));
  });
  it("withdraw: everything without debt; within LTV with debt; nothing from an asset the vault lacks", () => {
    expect(actionLimits({ action: "withdraw", position: vault(10, 0), asset: WETH, minHealth: SAFE })).toEqual({
      max: { value: 10n * WAD, reason: "allHeld" },
      suggested: 10n * WAD,
    });
    const v = vault(10, 5_000);
    const l = actionLimits({ action: "withdraw", position: v, asset: WETH, minHealth: SAFE });
    expect(l.max).toEqual({ value: maxWithdraw(v, WETH), reason: "beyondLtv" });
    expect(l.suggested).toBe(maxWithdraw(v, WETH, SAFE));
    expect(actionLimits({ action: "withdraw", position: vault(0, 0), asset: WETH, minHealth: SAFE }).max?.value).toBe(0n);
  });
  it("repay: at most the debt; Max repays all when the wallet covers it, else the whole balance", () => {
    const v = vault(10, 5_000);
    expect(actionLimits({ action: "repay", position: v, walletBalance: usdc(9_000), minHealth: SAFE })).toEqual({
      balance: usdc(9_000),
      max: { value: usdc(5_000), reason: "repaysAll" },
      suggested: usdc(5_000),
      repayAll: true,
    });
    expect(actionLimits({ action: "repay", position: v, walletBalance: usdc(300), minHealth: SAFE })).toMatchObject({ suggested: usdc(300) });
    expect(actionLimits({ action: "repay", position: vault(1, 0), walletBalance: usdc(300), minHealth: SAFE }).max).toEqual({
      value: 0n,
      reason: "noDebt",
    });
  });
  it("without a wallet, a deposit or a repay has no balance to check and no Max (it filled 0 and said 'You have 0')", () => {
    expect(actionLimits({ action: "deposit", position: vault(10, 0), asset: WETH, minHealth: SAFE })).toEqual({});
    expect(actionLimits({ action: "repay", position: vault(10, 5_000), minHealth: SAFE })).toEqual({
      max: { value: usdc(5_000), reason: "repaysAll" },
    });
    expect(actionLimits({ action: "repay", position: vault(1, 0), minHealth: SAFE })).toEqual({ max: { value: 0n, reason: "noDebt" } });
  });
});

describe("previewAction", () => {
  it("previews a borrow, with the liquidation price after and the warning below the safety level", () => {
    const p = previewAction(vault(10, 5_000), "borrow", usdc(15_000), SAFE);
    expect(p.after.debt).toBe(usdc(20_000));
    expect(p.risk.healthFactor).toBe((w(25_500) * WAD) / w(20_000)); // 1.275
    const liq = p.liquidationPrices.get(WETH)!;
    expect(liq).toBe(liquidationPrice(p.after, WETH));
    expect(liq > w(2352.94) && liq < w(2352.95)).toBe(true); // 20,000 / (10 × 0.85)
    expect(p).toMatchObject({ beyondLtv: false, liquidatable: false, belowWarning: true });
  });
  it("flags what the chain refuses (beyond LTV) and a vault left liquidatable", () => {
    expect(previewAction(vault(10, 5_000), "borrow", usdc(19_001), SAFE).beyondLtv).toBe(true);
    const p = previewAction(vault(10, 20_000), "withdraw", 3n * WAD, SAFE, WETH);
    expect(p).toMatchObject({ beyondLtv: true, liquidatable: true });
  });
  it("a deposit or repayment never counts as beyond LTV, even on a vault that already is", () => {
    expect(previewAction(vault(10, 25_000), "deposit", WAD, SAFE, WETH).beyondLtv).toBe(false);
    expect(previewAction(vault(10, 25_000), "repay", usdc(1), SAFE).beyondLtv).toBe(false);
    expect(previewAction(vault(10, 5_000), "repay", usdc(6_000), SAFE).after.debt).toBe(0n);
  });
});
