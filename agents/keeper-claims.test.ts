import { describe, expect, it } from "vitest";
import { parseUnits, type Address, type Hex, type TransactionReceipt } from "viem";
import type { CrossChainDeployment } from "@/lib/crosschain/deployment";
import {
  claimBudgets,
  claimLiquidationValue,
  exhaustedBases,
  planClaimLiquidations,
  redeemClaims,
  redeemWorthIt,
  type ClaimCosts,
  type ClaimPlanOptions,
  type ClaimPrices,
} from "./keeper-claims";
import type { Candidate } from "./keeper-plan";

const MARKET = "0x00000000000000000000000000000000000000a1" as Address;
const USDC = "0x00000000000000000000000000000000000000b1" as Address;
const XWETH = "0x00000000000000000000000000000000000000c1" as Address;
const WETH = "0x00000000000000000000000000000000000000c2" as Address;
const GATEWAY = "0x00000000000000000000000000000000000000d1" as Address;
const KEEPER = "0x00000000000000000000000000000000000000f1" as Address;
const claims = new Set([XWETH.toLowerCase()]);
const baseOf = (m: Address) => (m === MARKET ? USDC : undefined);
const usd = (x: string) => parseUnits(x, 18);
const usdc = (x: string) => parseUnits(x, 6);

const candidate = (id: bigint, collateral: Address, maxRepay: bigint, followUp = false, seized = 1n): Candidate => ({
  market: MARKET,
  id,
  collateral,
  repay: maxRepay - 1n,
  maxRepay,
  seized,
  discount: 0n,
  assets: 1,
  followUp,
});
/** Every claim liquidation worth more than the minimum (the planner's budget and order rules alone). */
const paying = (budget: bigint): ClaimPlanOptions => ({
  budgets: new Map([[USDC.toLowerCase(), budget]]),
  value: () => usd("100"),
  minProfitUsd: usd("5"),
  maxPerPass: 10,
});

// ETH at $2,000, USDC at $1; 10 gwei gas, a Release fee of 0.001 ETH.
const prices: ClaimPrices = {
  base: (m) => (m === MARKET ? { asset: USDC, price: usd("1"), decimals: 6 } : undefined),
  collateral: (m, a) => (m === MARKET && a === XWETH ? { price: usd("2000"), decimals: 18 } : undefined),
};
const costs: ClaimCosts = {
  gas: { liquidate: 220_000n, redeem: 230_000n },
  gasPrice: 10_000_000_000n,
  nativePrice: usd("2000"),
  releaseFee: new Map([[XWETH.toLowerCase(), parseUnits("0.001", 18)]]),
};
/** A vault repaying `debt` USDC for its value in xWETH at a 5 % discount. */
const sizedAt = (id: bigint, debt: string): Candidate => {
  const repay = usdc(debt);
  return { ...candidate(id, XWETH, repay + 1n), repay, seized: (parseUnits(debt, 18) * 105n) / 100n / 2000n };
};

describe("planClaimLiquidations", () => {
  it("takes only claim seizures, each offered its maxRepay out of the budget left", () => {
    const plan = planClaimLiquidations(
      [candidate(1n, XWETH, 700n), candidate(2n, WETH, 500n), candidate(3n, XWETH, 600n), candidate(4n, XWETH, 10n)],
      claims,
      baseOf,
      paying(1_000n),
    );
    // #1 takes 700, #3 the 300 left (a partial liquidation: the market repays at most that), #4 nothing left.
    expect(plan.liquidations.map((l) => [l.candidate.id, l.repay, l.base])).toEqual([
      [1n, 700n, USDC],
      [3n, 300n, USDC],
    ]);
    expect(plan.unfunded.map((c) => c.id)).toEqual([4n]);
    expect(plan.later).toEqual([]);
  });

  it("leaves a claim follow-up for the next scan when the vault's first liquidation goes through the liquidator", () => {
    const plan = planClaimLiquidations(
      [candidate(5n, XWETH, 100n, true), candidate(5n, WETH, 100n), candidate(6n, XWETH, 100n), candidate(6n, XWETH, 50n, true)],
      claims,
      baseOf,
      paying(1_000n),
    );
    expect(plan.later.map((c) => c.id)).toEqual([5n]);
    // First liquidations before follow-ups, whatever the input order.
    expect(plan.liquidations.map((l) => [l.candidate.id, l.candidate.followUp])).toEqual([
      [6n, false],
      [6n, true],
    ]);
  });

  it("funds nothing without a budget or a known market", () => {
    const other = { ...candidate(7n, XWETH, 100n), market: "0x00000000000000000000000000000000000000ff" as Address };
    const plan = planClaimLiquidations([candidate(8n, XWETH, 100n), other], claims, baseOf, { ...paying(0n), budgets: new Map() });
    expect(plan.liquidations).toEqual([]);
    expect(plan.unfunded.map((c) => c.id).sort()).toEqual([7n, 8n]);
  });

  it("K-2: a claim liquidation's value is the seizure at the oracle less the repayment, the gas of liquidate and redeem, and a Release fee", () => {
    const c = sizedAt(1n, "1000");
    // Seized 0.525 ETH = $1,050; repaid $1,000; (220k + 230k) gas × 10 gwei + 0.001 ETH = 0.0055 ETH = $11.
    expect(claimLiquidationValue(c, c.maxRepay, prices, costs)).toBe(usd("39"));
    // Offered half: half the seizure for half the repayment, the same costs.
    expect(claimLiquidationValue(c, usdc("500"), prices, costs)).toBe(usd("14"));
    // No price for the native token (or the claim): unknown, so not liquidated.
    expect(claimLiquidationValue(c, c.maxRepay, prices, { ...costs, nativePrice: null })).toBeNull();
    expect(claimLiquidationValue({ ...c, collateral: WETH }, c.maxRepay, prices, costs)).toBeNull();
  });

  it("K-2: small claim vaults that would cost the keeper more than they bring are left, the paying ones taken, most valuable first", () => {
    const value = (x: Candidate, repay: bigint) => claimLiquidationValue(x, repay, prices, costs);
    const opts = { budgets: new Map([[USDC.toLowerCase(), usdc("1000000")]]), value, minProfitUsd: usd("5"), maxPerPass: 10 };
    // $20 of debt earns $1 of discount and costs $11 of gas and fee; $300 earns $15 − $11 = $4 < $5; $5,000 pays.
    const plan = planClaimLiquidations([sizedAt(1n, "20"), sizedAt(2n, "300"), sizedAt(3n, "5000"), sizedAt(4n, "2000")], claims, baseOf, opts);
    expect(plan.liquidations.map((l) => l.candidate.id)).toEqual([3n, 4n]);
    expect(plan.unprofitable.map((u) => [u.candidate.id, u.value])).toEqual([
      [2n, usd("4")],
      [1n, -usd("10")],
    ]);
    // At a tenth of the gas price the $300 vault pays.
    const cheap = (x: Candidate, repay: bigint) =>
      claimLiquidationValue(x, repay, prices, { ...costs, gasPrice: 1_000_000_000n, releaseFee: new Map([[XWETH.toLowerCase(), 0n]]) });
    expect(planClaimLiquidations([sizedAt(2n, "300")], claims, baseOf, { ...opts, value: cheap }).liquidations).toHaveLength(1);
  });

  it("K-1: at most maxPerPass claim liquidations a pass, the rest capped for the next", () => {
    const plan = planClaimLiquidations(
      [1n, 2n, 3n, 4n, 5n].map((id) => candidate(id, XWETH, 100n)),
      claims,
      baseOf,
      { ...paying(10_000n), maxPerPass: 2 },
    );
    expect(plan.liquidations.map((l) => l.candidate.id)).toEqual([1n, 2n]);
    expect(plan.capped.map((c) => c.id)).toEqual([3n, 4n, 5n]);
  });
});

describe("K-3: the budget rule", () => {
  it("the claim stage spends the balance less the liquidator's pending maxLoss, claims in flight and the reserve", () => {
    const k = USDC.toLowerCase();
    const balances = new Map([[k, 10_000n]]);
    // 10,000 − 300 (liquidator batches not mined) − 2,000 (a claim liquidation not mined) − 10 % reserve (1,000).
    expect(claimBudgets(balances, new Map([[k, 300n]]), new Map([[k, 2_000n]]), 1_000n).get(k)).toBe(6_700n);
    // Never below zero: the fallback's commitments come first.
    expect(claimBudgets(balances, new Map([[k, 9_500n]]), new Map(), 1_000n).get(k)).toBe(0n);
    expect(claimBudgets(balances, new Map(), new Map(), 0n).get(k)).toBe(10_000n);
  });
});

describe("K-4: out of base", () => {
  it("names each base that could not fund a claim liquidation, with the balance, budget and what waits", () => {
    const k = USDC.toLowerCase();
    const out = exhaustedBases([candidate(1n, XWETH, 700n), candidate(2n, XWETH, 300n)], baseOf, new Map([[k, 50n]]), new Map([[k, 0n]]));
    expect(out).toEqual([{ base: k, balance: 50n, budget: 0n, vaults: 2, needed: 1_000n }]);
    expect(exhaustedBases([], baseOf, new Map(), new Map())).toEqual([]);
  });
});

describe("K-2: redeem only what is worth a Release", () => {
  const rule = { minUsd: usd("50"), feeMultiple: 10n };
  const fee = parseUnits("0.001", 18); // $2 at $2,000
  it("dust and small holdings wait; a holding worth the minimum and ten fees is redeemed", () => {
    const held = (eth: string) => ({ amount: parseUnits(eth, 18), price: usd("2000"), decimals: 18 });
    expect(redeemWorthIt({ ...held("0"), amount: 1n }, fee, usd("2000"), rule)).toBe(false); // 1 wei sent to the keeper
    expect(redeemWorthIt(held("0.02"), fee, usd("2000"), rule)).toBe(false); // $40 < $50
    expect(redeemWorthIt(held("0.03"), fee, usd("2000"), rule)).toBe(true); // $60 ≥ $50 and ≥ 10 × $2
    expect(redeemWorthIt(held("0.03"), parseUnits("0.004", 18), usd("2000"), rule)).toBe(false); // $60 < 10 × $8
    expect(redeemWorthIt({ ...held("1"), price: null }, fee, usd("2000"), rule)).toBe(false);
    expect(redeemWorthIt(held("1"), fee, null, rule)).toBe(false);
  });

  it("griefing: 1 wei of a claim sent to the keeper costs it no transaction and no fee", async () => {
    const sent: unknown[] = [];
    const reports: [string, Record<string, unknown>][] = [];
    const io = {
      account: { address: KEEPER },
      publicClient: {
        readContract: async ({ functionName }: { functionName: string }) => (functionName === "balanceOf" ? 1n : parseUnits("0.001", 18)),
      },
      send: async (call: unknown) => {
        sent.push(call);
        return { logs: [], gasUsed: 0n, transactionHash: "0x" as Hex } as unknown as TransactionReceipt;
      },
    } as unknown as Parameters<typeof redeemClaims>[0];
    const xc = { gateway: { gateway: GATEWAY, claims: [{ claim: XWETH }] }, outpost: { chainId: 2 } } as unknown as CrossChainDeployment;
    const worth = (_c: Address, amount: bigint, f: bigint) =>
      redeemWorthIt({ amount, price: usd("2000"), decimals: 18 }, f, usd("2000"), { minUsd: usd("50"), feeMultiple: 10n });
    const out = await redeemClaims(io, xc, worth, (e, f) => reports.push([e, f]));
    expect(out).toEqual([]);
    expect(sent).toEqual([]);
    expect(reports).toEqual([["claims-held", { claim: XWETH, amount: 1n, fee: parseUnits("0.001", 18) }]]);
  });
});
