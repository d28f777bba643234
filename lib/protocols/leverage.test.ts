import { decodeFunctionData, getAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { morphoLeverageRouterAbi } from "@/contracts-abi/abi/MorphoLeverageRouter";
import { leverageOf } from "../engine/leverage";
import { WAD } from "../engine/math";
import {
  allGrants,
  grantAbi,
  leverageTransactions,
  maxProtocolLeverage,
  morphoPair,
  oracleBoundBps,
  planProtocolClose,
  planProtocolLeverage,
  toVaultPosition,
  MAX_ORACLE_BOUND_BPS,
} from "./leverage";
import { morphoPosition, type MorphoMarketState } from "./morpho-blue/math";

const ROUTER = getAddress("0x00000000000000000000000000000000000000aa");
const OWNER = getAddress("0x00000000000000000000000000000000000000b0");
const USDC: Address = getAddress("0x0000000000000000000000000000000000000001");
const WETH: Address = getAddress("0x0000000000000000000000000000000000000002");

/** A Morpho WETH/USDC market at $3,000 (price 3000e6 × 1e36 / 1e18), 86 % LLTV, and `owner`'s position. */
function morpho(collateral: bigint, borrowShares: bigint) {
  const s: MorphoMarketState = {
    chainId: 31337,
    morpho: "0x00000000000000000000000000000000000000cc",
    id: `0x${"11".repeat(32)}`,
    name: "Morpho WETH/USDC",
    owner: OWNER,
    timestamp: 1_000n,
    params: {
      loanToken: USDC,
      collateralToken: WETH,
      oracle: "0x00000000000000000000000000000000000000dd",
      irm: "0x00000000000000000000000000000000000000ee",
      lltv: 860_000_000_000_000_000n,
    },
    loanToken: { address: USDC, symbol: "USDC", decimals: 6 },
    collateralToken: { address: WETH, symbol: "WETH", decimals: 18 },
    market: {
      totalSupplyAssets: 3_000_000_000_000n,
      totalSupplyShares: 3_000_000_000_000_000_000n,
      totalBorrowAssets: 30_000_000_000n + borrowShares / 1_000_000n,
      totalBorrowShares: 30_000_000_000_000_000n + borrowShares,
      lastUpdate: 1_000n,
      fee: 0n,
    },
    price: (3_000n * 10n ** 6n * 10n ** 36n) / 10n ** 18n,
    position: { supplyShares: 0n, borrowShares, collateral },
  };
  return morphoPosition(s);
}
const pool = { reserveBase: 3_000_000n * 10n ** 6n, reserveCollateral: 1_000n * 10n ** 18n };
const inputs = { pool, slippageBps: 50n, flashFeeBps: 0n };

describe("Multiply on a protocol position reuses lib/engine/leverage.ts", () => {
  it("sees a Morpho position as lib/engine/risk.ts does: the oracle's price, LLTV, debt and shares", () => {
    const p = morpho(10n * 10n ** 18n, 20_000n * 10n ** 12n); // 10 WETH, 20,000 USDC of debt
    const v = toVaultPosition(p, morphoPair(p));
    expect(v.collaterals).toEqual([
      { asset: WETH, decimals: 18, amount: 10n * 10n ** 18n, price: 3_000n * WAD, ltv: 86n * 10n ** 16n, liquidationThreshold: 86n * 10n ** 16n },
    ]);
    expect(v.debt).toBe(p.debts[0]!.amount);
    expect(v.basePrice).toBe(WAD);
    expect(v.shares?.debtShares).toBe(20_000n * 10n ** 12n);
    // 30,000 of collateral against 20,000: 3×.
    expect(Number(leverageOf(v)) / 1e18).toBeCloseTo(3, 2);
  });

  it("plans 2× on an empty Morpho market: authorise, approve the deposit, one router call carrying the plan", () => {
    const p = morpho(0n, 0n);
    const pair = morphoPair(p);
    const plan = planProtocolLeverage(p, pair, inputs, 10n * 10n ** 18n, 2n * WAD);
    expect(plan.problem).toBeNull();
    if (plan.kind !== "increase") throw new Error("an increase");
    expect(plan.flashFee).toBe(0n);
    const { steps, grants } = leverageTransactions(p, pair, ROUTER, plan, 50n, {});
    expect(grants.map((g) => g.kind)).toEqual(["depositApproval", "morphoAuthorization"]);
    expect(steps).toHaveLength(3);
    expect(decodeFunctionData({ abi: grantAbi, data: steps[0]!.data })).toMatchObject({ functionName: "approve", args: [ROUTER, 10n * 10n ** 18n] });
    expect(decodeFunctionData({ abi: grantAbi, data: steps[1]!.data })).toMatchObject({ functionName: "setAuthorization", args: [ROUTER, true] });
    const call = decodeFunctionData({ abi: morphoLeverageRouterAbi, data: steps[2]!.data });
    expect(call.functionName).toBe("increase");
    expect(call.args!.slice(1)).toEqual([plan.deposit, plan.flashAmount, plan.minCollateralOut, oracleBoundBps(plan, 50n)]);
    expect(steps[2]!.to).toBe(ROUTER);
    // Granted already: only the router call.
    expect(leverageTransactions(p, pair, ROUTER, plan, 50n, { morphoAuthorized: true, depositAllowance: 10n ** 19n }).steps).toHaveLength(1);
  });

  it("builds the revoke of every permission", () => {
    const p = morpho(0n, 0n);
    const g = allGrants(p, morphoPair(p), ROUTER);
    expect(decodeFunctionData({ abi: grantAbi, data: g.find((x) => x.kind === "morphoAuthorization")!.revoke.data })).toMatchObject({
      functionName: "setAuthorization",
      args: [ROUTER, false],
    });
    expect(decodeFunctionData({ abi: grantAbi, data: g.find((x) => x.kind === "depositApproval")!.revoke.data })).toMatchObject({
      functionName: "approve",
      args: [ROUTER, 0n],
    });
  });

  it("refuses above the maximum leverage with the plan's sentence, and caps the oracle bound", () => {
    const p = morpho(0n, 0n);
    const pair = morphoPair(p);
    const max = maxProtocolLeverage(p, pair, inputs, 10n * 10n ** 18n);
    expect(max).toBeGreaterThan(4n * WAD); // LLTV 86 %: at most ~7.1× before swap costs and pool depth
    const plan = planProtocolLeverage(p, pair, inputs, 10n * 10n ** 18n, 9n * WAD);
    expect(plan.problem).not.toBeNull();
    expect(() => leverageTransactions(p, pair, ROUTER, plan, 50n, {})).toThrow(plan.problem!.message);
    expect(oracleBoundBps({ ...plan, priceImpact: 0.5 }, 50n)).toBe(MAX_ORACLE_BOUND_BPS);
  });

  it("closes by repaying the pair's own debt and selling at most the bound", () => {
    const p = morpho(20n * 10n ** 18n, 30_000n * 10n ** 12n);
    const plan = planProtocolClose(p, morphoPair(p), inputs);
    if (plan.kind !== "close") throw new Error("a close");
    expect(plan.problem).toBeNull();
    expect(plan.debt).toBe(p.debts[0]!.amount);
    expect(plan.maxCollateralIn).toBeGreaterThan(plan.expectedCollateralIn);
    const { steps } = leverageTransactions(p, morphoPair(p), ROUTER, plan, 50n, { morphoAuthorized: true });
    expect(decodeFunctionData({ abi: morphoLeverageRouterAbi, data: steps[0]!.data })).toMatchObject({ functionName: "close" });
  });
});
