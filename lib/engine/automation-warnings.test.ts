import { describe, expect, it } from "vitest";
import { getAmountIn } from "./amm";
import { previewAtTrigger, type ParsedAutomationRule } from "./automation";
import { guardVault } from "./automation.fixture";
import { WAD } from "./math";
import {
  EXECUTION_GAS,
  authorisationWarnings,
  keelGuardRuleWarnings,
  ruleAsParsed,
  ruleWarnings,
  storedRuleWarnings,
  unpricedRuleWarnings,
  warningKinds,
  type ExecutionContext,
} from "./automation-warnings";

const GWEI = 10n ** 9n;
const usdc = (x: number) => BigInt(x) * 10n ** 6n;
const weth = (x: number) => BigInt(x) * WAD;

/** The forge tests' vault at $3,000 against `debt` USDC. */
const vault = (debt = usdc(20_000)) => guardVault(3000, debt);
const rule = (r: Partial<ParsedAutomationRule>): ParsedAutomationRule => ({
  trigger: 2500n * WAD,
  target: 0n,
  trailBps: 0n,
  minCollateral: 0n,
  slippageBps: 100n,
  feeBps: 30n,
  validUntil: 0n,
  ...r,
});
/** The local WETH/USDC pool ($6M a side), 1 gwei, ETH at $3,000, USDC at $1. */
const local = (c: Partial<ExecutionContext> = {}): ExecutionContext => ({
  gasPrice: GWEI,
  nativeUsd: 3000n * WAD,
  debtUsd: WAD,
  pool: { collateral: weth(2000), debt: usdc(6_000_000) },
  ...c,
});
const shallow = { collateral: weth(20), debt: usdc(60_000) };

describe("lib/automation-warnings: fee below gas", () => {
  it("stays quiet when the fee cap pays the gas many times over", () => {
    // Stop-loss at $2,500 with a 0.3 % cap on 20,000 USDC: ~$60 against 480k gas × 1 gwei × $3,000 = $1.44.
    expect(ruleWarnings("keel", vault(), "stopLoss", rule({}), local())).toEqual({
      notAuthorised: null,
      priceUnavailable: null,
      belowMinimum: null,
      feeBelowGas: null,
      slippageUnreachable: null,
    });
  });

  it("warns when the cap is 0: nobody is paid to execute", () => {
    const w = ruleWarnings("keel", vault(), "stopLoss", rule({ feeBps: 0n }), local());
    expect(w.feeBelowGas).toEqual({ feeUsd: 0n, gasUsd: EXECUTION_GAS.keel.close * GWEI * 3000n });
  });

  it("compares the fee at the trigger with the protocol's execution gas at today's gas price", () => {
    const r = rule({});
    const fee = previewAtTrigger(vault(), "stopLoss", r, 30n).plan!.fee; // 0.3 % of the debt repaid
    expect(fee).toBe(usdc(60));
    // Keel's close at 40 gwei: 480,000 × 40e9 × 3,000 = $57.6 < $60; at 50 gwei $72 > $60.
    expect(ruleWarnings("keel", vault(), "stopLoss", r, local({ gasPrice: 40n * GWEI })).feeBelowGas).toBeNull();
    expect(ruleWarnings("keel", vault(), "stopLoss", r, local({ gasPrice: 50n * GWEI })).feeBelowGas).toEqual({
      feeUsd: 60n * WAD,
      gasUsd: EXECUTION_GAS.keel.close * 50n * GWEI * 3000n,
    });
    // The same rule on Aave costs more gas: at 40 gwei it already warns.
    expect(ruleWarnings("aaveV3", vault(), "stopLoss", r, local({ gasPrice: 40n * GWEI })).feeBelowGas).not.toBeNull();
  });

  it("says nothing when a price is unknown", () => {
    const r = rule({ feeBps: 0n });
    expect(ruleWarnings("keel", vault(), "stopLoss", r, local({ nativeUsd: null })).feeBelowGas).toBeNull();
    expect(ruleWarnings("keel", vault(), "stopLoss", r, local({ debtUsd: null })).feeBelowGas).toBeNull();
  });

  it("prices a boost's fee on what it borrows", () => {
    // HF 2.55 on 10,000 USDC; a boost above 2.6 back to 2.0 borrows ~5,170 USDC at the trigger: 0.05 % of it is
    // ~$2.6 < $3.69 (Keel's boost, 410k gas at 3 gwei), 0.1 % is ~$5.2.
    const s = vault(usdc(10_000));
    const boost = (feeBps: bigint) => rule({ trigger: 26n * 10n ** 17n, target: 2n * WAD, feeBps });
    expect(previewAtTrigger(s, "boost", boost(5n), 5n).plan!.borrow / 10n ** 6n).toBe(5170n);
    const ctx = local({ gasPrice: 3n * GWEI });
    expect(ruleWarnings("keel", s, "boost", boost(5n), ctx).feeBelowGas).not.toBeNull();
    expect(ruleWarnings("keel", s, "boost", boost(10n), ctx).feeBelowGas).toBeNull();
  });
});

describe("lib/automation-warnings: slippage unreachable", () => {
  it("warns when the pool at the trigger costs more than the bound, with what it costs", () => {
    const w = ruleWarnings("keel", vault(), "stopLoss", rule({}), local({ pool: shallow }));
    expect(w.slippageUnreachable).not.toBeNull();
    const { costBps, boundBps } = w.slippageUnreachable!;
    expect(boundBps).toBe(100n);
    // Buying ~20,000 USDC from a $60,000-a-side pool costs a third of the price and more.
    expect(costBps! > 3_000n).toBe(true);
  });

  it("the cost it reports is the bound that makes the close reachable (exact output, as the adapter swaps)", () => {
    const s = vault(usdc(2_000));
    const w = ruleWarnings("keel", s, "stopLoss", rule({}), local({ pool: shallow }));
    const cost = w.slippageUnreachable!.costBps!;
    expect(cost > 100n && cost < 500n).toBe(true);
    expect(ruleWarnings("keel", s, "stopLoss", rule({ slippageBps: cost - 1n }), local({ pool: shallow })).slippageUnreachable).not.toBeNull();
    expect(ruleWarnings("keel", s, "stopLoss", rule({ slippageBps: cost }), local({ pool: shallow })).slippageUnreachable).toBeNull();
  });

  it("checks a close against the pool arbitraged to the trigger price, depth kept", () => {
    // A pool priced at $3,000 now: at the $2,500 trigger the arbitrage leaves it at $2,500, and the guard's exact-output
    // swap must buy the debt + fee + flash fee with at most the collateral it withdraws at the bound.
    const plan = previewAtTrigger(vault(usdc(2_000)), "stopLoss", rule({ slippageBps: 500n }), 30n).plan!;
    expect(getAmountIn(plan.minOut, weth(20), usdc(60_000))).not.toBeNull();
    expect(
      ruleWarnings("keel", vault(usdc(2_000)), "stopLoss", rule({ slippageBps: 500n }), local({ pool: shallow })).slippageUnreachable,
    ).toBeNull();
  });

  it("checks a deleverage (exact input) and a boost (buying collateral) in the swap's own direction", () => {
    const del = rule({ trigger: 115n * 10n ** 16n, target: 14n * 10n ** 17n });
    expect(ruleWarnings("keel", vault(), "deleverage", del, local()).slippageUnreachable).toBeNull();
    expect(ruleWarnings("keel", vault(), "deleverage", del, local({ pool: shallow })).slippageUnreachable).not.toBeNull();
    const boost = rule({ trigger: 26n * 10n ** 17n, target: 2n * WAD });
    expect(ruleWarnings("keel", vault(usdc(10_000)), "boost", boost, local()).slippageUnreachable).toBeNull();
    expect(ruleWarnings("keel", vault(usdc(10_000)), "boost", boost, local({ pool: shallow })).slippageUnreachable).not.toBeNull();
  });

  it("warns without a pool for the pair (every swap reverts), and concludes nothing when the venue could not be read", () => {
    expect(ruleWarnings("keel", vault(), "stopLoss", rule({}), local({ pool: null })).slippageUnreachable).toEqual({ costBps: null, boundBps: 100n });
    expect(ruleWarnings("keel", vault(), "stopLoss", rule({}), local({ pool: { collateral: 0n, debt: 0n } })).slippageUnreachable).toEqual({
      costBps: null,
      boundBps: 100n,
    });
    expect(ruleWarnings("keel", vault(), "stopLoss", rule({}), local({ pool: undefined })).slippageUnreachable).toBeNull();
  });

  it("reads a stored rule as the form's", () => {
    const stored = {
      owner: "0x00000000000000000000000000000000000000a1" as const,
      maxSlippageBps: 100,
      maxFeeBps: 30,
      trailBps: 0,
      paused: false,
      trigger: 2500n * WAD,
      target: 0n,
      minCollateral: 0n,
      high: 0n,
      setAt: 1,
      validUntil: 2,
    };
    expect(ruleAsParsed(stored)).toEqual(rule({ validUntil: 2n }));
  });
});

describe("lib/automation-warnings: authorisation revoked and position below the minimum", () => {
  it("warns when the adapter may no longer withdraw (every kind but boost) or borrow (boost), as execute refuses", () => {
    const noWithdraw = { ...vault(), mayWithdraw: false };
    const noBorrow = { ...vault(), mayBorrow: false };
    for (const kind of ["deleverage", "stopLoss", "takeProfit", "trailingStop"] as const) {
      expect(authorisationWarnings(noWithdraw, kind, 0n).notAuthorised).toEqual({ needs: "withdraw" });
      expect(authorisationWarnings(noBorrow, kind, 0n).notAuthorised).toBeNull();
    }
    expect(authorisationWarnings(noBorrow, "boost", 0n).notAuthorised).toEqual({ needs: "borrow" });
    expect(authorisationWarnings(noWithdraw, "boost", 0n).notAuthorised).toBeNull();
    expect(authorisationWarnings(vault(), "stopLoss", 0n).notAuthorised).toBeNull();
  });

  it("warns below the minimum size and on an empty position, exactly at the contract's bound", () => {
    // 10 WETH held: a minimum of 10 WETH still fires (the guard refuses collateral < minimum), 10 WETH + 1 wei does not.
    expect(authorisationWarnings(vault(), "stopLoss", weth(10)).belowMinimum).toBeNull();
    expect(authorisationWarnings(vault(), "stopLoss", weth(10) + 1n).belowMinimum).toEqual({ collateral: weth(10), minimum: weth(10) + 1n });
    expect(authorisationWarnings({ ...vault(), collateral: 0n }, "stopLoss", 0n).belowMinimum).toEqual({ collateral: 0n, minimum: 0n });
  });

  it("reports them beside the fee and slippage warnings, in the order they are shown", () => {
    const s = { ...vault(), mayWithdraw: false };
    const w = ruleWarnings("keel", s, "stopLoss", rule({ minCollateral: weth(11), feeBps: 0n }), local({ pool: null }));
    expect(warningKinds(w)).toEqual(["notAuthorised", "belowMinimum", "feeBelowGas", "slippageUnreachable"]);
    expect(warningKinds(ruleWarnings("keel", vault(), "stopLoss", rule({}), local()))).toEqual([]);
    // Even when the trigger has no price (nothing to preview), the two refusals stand.
    const unpriced = ruleWarnings("keel", s, "stopLoss", rule({ trigger: 0n }), local());
    expect(warningKinds(unpriced)).toEqual(["notAuthorised"]);
  });

  it("a stored rule the owner paused, let expire or left from an earlier owner warns of nothing, priced or not", () => {
    const stored = {
      owner: "0x00000000000000000000000000000000000000A1" as const,
      maxSlippageBps: 100,
      maxFeeBps: 30,
      trailBps: 0,
      paused: false,
      trigger: 2500n * WAD,
      target: 0n,
      minCollateral: 0n,
      high: 0n,
      setAt: 1,
      validUntil: 1_000,
    };
    const s = { ...vault(), mayWithdraw: false };
    expect(warningKinds(storedRuleWarnings("keel", s, "stopLoss", stored, local(), 1_000n)!)).toEqual(["notAuthorised"]);
    expect(storedRuleWarnings("keel", s, "stopLoss", { ...stored, paused: true }, local(), 1_000n)).toBeNull();
    expect(storedRuleWarnings("keel", s, "stopLoss", stored, local(), 1_001n)).toBeNull();
    expect(storedRuleWarnings("keel", { ...s, owner: "0x00000000000000000000000000000000000000b2" }, "stopLoss", stored, local(), 1n)).toBeNull();
    // Its position's snapshot reverting on a price: the price alone, under the same "off by its owner's doing" rule.
    expect(warningKinds(unpricedRuleWarnings(stored, stored.owner, 1_000n)!)).toEqual(["priceUnavailable"]);
    expect(unpricedRuleWarnings({ ...stored, paused: true }, stored.owner, 1_000n)).toBeNull();
    expect(unpricedRuleWarnings(stored, stored.owner, 1_001n)).toBeNull();
    expect(unpricedRuleWarnings(stored, "0x00000000000000000000000000000000000000b2", 1n)).toBeNull();
  });
});

describe("lib/automation-warnings: KeelGuard rules (the Keel vault page's older panel)", () => {
  const OWNER = vault().owner;
  const guardRule = (r: Partial<Parameters<typeof keelGuardRuleWarnings>[3]> = {}) => ({
    owner: vault().owner,
    trigger: 2500n * WAD,
    target: 0n,
    maxSlippageBps: 100,
    maxFeeBps: 30,
    paused: false,
    ...r,
  });

  it("says nothing for a stop-loss the guard may run, and what ruleWarnings says for the same rule otherwise", () => {
    expect(keelGuardRuleWarnings(OWNER, { snapshot: vault(), execution: local() }, "stopLoss", guardRule(), true)).toEqual(
      ruleWarnings("keel", vault(), "stopLoss", rule({}), local()),
    );
    expect(warningKinds(keelGuardRuleWarnings(OWNER, { snapshot: vault(), execution: local() }, "stopLoss", guardRule(), true)!)).toEqual([]);
  });

  it("raises all four: guard not the operator, no collateral left, a 0 fee cap, a pool too shallow for the bound", () => {
    expect(warningKinds(keelGuardRuleWarnings(OWNER, { snapshot: vault(), execution: local() }, "stopLoss", guardRule(), false)!)).toEqual([
      "notAuthorised",
    ]);
    const empty = { ...vault(), collateral: 0n };
    expect(keelGuardRuleWarnings(OWNER, { snapshot: empty, execution: local() }, "stopLoss", guardRule(), true)!.belowMinimum).toEqual({
      collateral: 0n,
      minimum: 0n,
    });
    // None of the rule's collateral in the vault (no snapshot): the two refusals and nothing else.
    expect(keelGuardRuleWarnings(OWNER, null, "stopLoss", guardRule(), false)).toEqual({
      notAuthorised: { needs: "withdraw" },
      priceUnavailable: null,
      belowMinimum: { collateral: 0n, minimum: 0n },
      feeBelowGas: null,
      slippageUnreachable: null,
    });
    // Held, but its snapshot reverts on a price (a stale feed): the price, and the authorisation, which needs none.
    expect(warningKinds(keelGuardRuleWarnings(OWNER, { snapshot: null, execution: local() }, "stopLoss", guardRule(), false)!)).toEqual([
      "notAuthorised",
      "priceUnavailable",
    ]);
    expect(
      warningKinds(keelGuardRuleWarnings(OWNER, { snapshot: vault(), execution: local() }, "stopLoss", guardRule({ maxFeeBps: 0 }), true)!),
    ).toEqual(["feeBelowGas"]);
    expect(
      warningKinds(keelGuardRuleWarnings(OWNER, { snapshot: vault(), execution: local({ pool: shallow }) }, "stopLoss", guardRule(), true)!),
    ).toEqual(["slippageUnreachable"]);
    // A deleverage (HF 1.2 → 1.5) takes its trigger and target as they are.
    const del = guardRule({ trigger: 12n * 10n ** 17n, target: 15n * 10n ** 17n, maxFeeBps: 0 });
    expect(keelGuardRuleWarnings(OWNER, { snapshot: vault(), execution: local() }, "deleverage", del, false)).toEqual({
      ...ruleWarnings("keel", vault(), "deleverage", rule({ trigger: del.trigger, target: del.target, feeBps: 0n }), local()),
      notAuthorised: { needs: "withdraw" },
    });
  });

  it("reads a stop-loss trigger as KeelGuard does, in USD, and turns it into debt tokens", () => {
    const dear = { ...vault(), debtPrice: 2n * WAD }; // a debt token worth $2: $2,500 is 1,250 of it
    expect(keelGuardRuleWarnings(OWNER, { snapshot: dear, execution: local() }, "stopLoss", guardRule(), true)).toEqual(
      ruleWarnings("keel", dear, "stopLoss", rule({ trigger: 1250n * WAD }), local()),
    );
  });

  it("stays quiet for a paused rule or one an earlier owner set", () => {
    expect(keelGuardRuleWarnings(OWNER, { snapshot: vault(), execution: local() }, "stopLoss", guardRule({ paused: true }), false)).toBeNull();
    expect(
      keelGuardRuleWarnings(
        OWNER,
        { snapshot: vault(), execution: local() },
        "stopLoss",
        guardRule({ owner: "0x00000000000000000000000000000000000000b2" }),
        false,
      ),
    ).toBeNull();
  });
});
