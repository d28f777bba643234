import { describe, expect, it } from "vitest";
import type { Address } from "viem";
import { planClaimLiquidations } from "./keeper-claims";
import type { Candidate } from "./keeper-plan";

const MARKET = "0x00000000000000000000000000000000000000a1" as Address;
const USDC = "0x00000000000000000000000000000000000000b1" as Address;
const XWETH = "0x00000000000000000000000000000000000000c1" as Address;
const WETH = "0x00000000000000000000000000000000000000c2" as Address;
const claims = new Set([XWETH.toLowerCase()]);
const baseOf = (m: Address) => (m === MARKET ? USDC : undefined);

const candidate = (id: bigint, collateral: Address, maxRepay: bigint, followUp = false): Candidate => ({
  market: MARKET,
  id,
  collateral,
  repay: maxRepay - 1n,
  maxRepay,
  seized: 1n,
  discount: 0n,
  assets: 1,
  followUp,
});

describe("planClaimLiquidations", () => {
  it("takes only claim seizures, each offered its maxRepay out of the balance left", () => {
    const plan = planClaimLiquidations(
      [candidate(1n, XWETH, 700n), candidate(2n, WETH, 500n), candidate(3n, XWETH, 600n), candidate(4n, XWETH, 10n)],
      claims,
      baseOf,
      new Map([[USDC.toLowerCase(), 1_000n]]),
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
      new Map([[USDC.toLowerCase(), 1_000n]]),
    );
    expect(plan.later.map((c) => c.id)).toEqual([5n]);
    // First liquidations before follow-ups, whatever the input order.
    expect(plan.liquidations.map((l) => [l.candidate.id, l.candidate.followUp])).toEqual([
      [6n, false],
      [6n, true],
    ]);
  });

  it("funds nothing without a balance or a known market", () => {
    const other = { ...candidate(7n, XWETH, 100n), market: "0x00000000000000000000000000000000000000ff" as Address };
    const plan = planClaimLiquidations([candidate(8n, XWETH, 100n), other], claims, baseOf, new Map());
    expect(plan.liquidations).toEqual([]);
    expect(plan.unfunded.map((c) => c.id)).toEqual([8n, 7n]);
  });
});
