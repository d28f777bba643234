/**
 * audit3 A3-P1: a note's liquidation threshold is the market's liquidation threshold (KeelPrivatePool passes
 * `liquidationThreshold()`), not its LTV. A cut of the LTV — to 0 is how governance stops borrowing against an asset —
 * makes no note liquidatable that a public vault of the same shape would not be.
 */
import { describe, expect, it } from "vitest";
import { actionBinding, commitment, liquidationWitness, maxSeized, noteHealth, openingOf, poolThresholds, type Note } from "./note";
import { CIRCUIT_ARTIFACTS } from "./artifacts";
import { proveAction, type CircuitInput } from "./prover";
import { MerkleTree } from "./tree";
import { lineOf, violates } from "./circuit-lines";

const E18 = 10n ** 18n;
const usdcShares = (usdc: bigint) => usdc * 10n ** 12n;
/** EngineBase's WETH: LTV 80%, LT 85%. */
const WETH = { ltv: (8n * E18) / 10n, liquidationThreshold: (85n * E18) / 100n };
const at = (collateralPrice: bigint, ltv: bigint) => ({ collateralPrice, ltv, debtPrice: E18, debtIndex: 10n ** 12n });

describe("poolThresholds (KeelPrivatePool.borrowThreshold / liquidationThreshold)", () => {
  it("borrows within 90% of the LTV; liquidates past the LT, whatever the LTV", () => {
    expect(poolThresholds(WETH)).toEqual({ borrow: (72n * E18) / 100n, liquidation: (85n * E18) / 100n });
    expect(poolThresholds({ ...WETH, ltv: 0n })).toEqual({ borrow: 0n, liquidation: (85n * E18) / 100n });
  });

  it("an LTV cut liquidates no note: 3.3% at LTV 0, 72% (the pool's limit) after 80% -> 70%", () => {
    const small = { collateral: 10n * E18, shares: usdcShares(1_000n) };
    const atLimit = { collateral: 10n * E18, shares: usdcShares(21_600n) };
    for (const info of [WETH, { ...WETH, ltv: 0n }, { ...WETH, ltv: (7n * E18) / 10n }]) {
      const p = at(3000n * E18, poolThresholds(info).liquidation);
      expect(noteHealth(small, p).liquidatable).toBe(false);
      expect(noteHealth(atLimit, p).liquidatable).toBe(false);
      expect(maxSeized(atLimit, p)).toBe(0n);
    }
    // past the LT (WETH at 2,362.5: 91.4%), the note is liquidatable: 9.6 WETH for 21,600 USDC
    const dropped = at(23_625n * 10n ** 17n, poolThresholds(WETH).liquidation);
    expect(noteHealth(atLimit, dropped).liquidatable).toBe(true);
    expect(maxSeized(atLimit, dropped)).toBe((96n * E18) / 10n);
  });

  it("the circuit refuses the liquidation of a 3.3% note at the LT (its health check)", async () => {
    const note: Note = { collateral: 10n * E18, shares: usdcShares(1_000n), ownerKey: 0x1234n, blinding: 77n };
    const tree = new MerkleTree();
    const leafIndex = tree.insert(commitment(note));
    const { input } = liquidationWitness(tree, {
      old: { ...openingOf(note), leafIndex },
      seized: (1_000n * E18 * 105n) / 100n / 3000n,
      ltvInputs: at(3000n * E18, poolThresholds({ ...WETH, ltv: 0n }).liquidation),
      minDebt: 100n * 10n ** 6n,
      binding: actionBinding({ pool: "0x0000000000000000000000000000000000009001", chainId: 31337 }, "0x0000000000000000000000000000000000000bad"),
    });
    await expect(proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(lineOf("isLiq * within.out === 0;")));
  }, 600_000);
});
