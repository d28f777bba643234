import { describe, expect, it } from "vitest";
import { actionMinimum, planAction, planClose, PlanError, poolCall, type PoolBooks, type PoolState } from "./actions";
import { actionBinding, ASIDE_POSITION, commitment, DEBT_FREE_INDEX, DEBT_FREE_INPUTS, packPrices, positionBinding, type PlacedNote } from "./note";
import type { SolidityProof } from "./prover";
import { MerkleTree } from "./tree";

const E18 = 10n ** 18n;
const ME = "0x00000000000000000000000000000000000000a1" as const;
/** EngineBase-like books: no borrow yet (1e12 debt per 1e18 shares), LTV 80%, LT 85%, the pool's default minimums. */
const books: PoolBooks = {
  pool: "0x0000000000000000000000000000000000009001",
  chainId: 31337,
  marketLtv: (8n * E18) / 10n,
  marketLiquidationThreshold: (85n * E18) / 100n,
  debtIndex: 10n ** 12n,
  totalBorrows: 0n,
  totalBorrowShares: 0n,
  minDeposit: 10n ** 16n,
  minBorrow: 100n * 10n ** 6n,
};
const priced: PoolState = { ...books, collateralPrice: 3000n * E18, debtPrice: E18 };
const PROOF: SolidityProof = {
  a: [1n, 2n],
  b: [
    [3n, 4n],
    [5n, 6n],
  ],
  c: [7n, 8n],
};

/** A note of 10 WETH owing `usdc` USDC, placed in a fresh tree. */
function placed(usdc: bigint): { tree: MerkleTree; note: PlacedNote } {
  const tree = new MerkleTree();
  const n = { collateral: 10n * E18, shares: usdc * 10n ** 12n, ownerKey: 0x1234n, blinding: 9n };
  return { tree, note: { ...n, leafIndex: tree.insert(commitment(n)) } };
}

const plan = (
  kind: "deposit" | "borrow" | "repay" | "withdraw",
  amount: bigint,
  note: PlacedNote | null,
  s: PoolBooks | PoolState,
  tree = new MerkleTree(),
) => planAction({ kind, amount, note, ownerKey: 0x1234n, recipient: ME }, tree, s);

const problem = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof PlanError) return e.problem;
    throw e;
  }
  return null;
};

describe("planAction: a new note owing nothing proves with no price (zkaudit4 L1)", () => {
  it("opens a position and repays in full without the oracle's prices, with the pool's DEBT_FREE index", () => {
    const open = plan("deposit", E18, null, books);
    expect(open.ltvInputs).toEqual(DEBT_FREE_INPUTS);
    expect(open.provenDebtIndex).toBe(DEBT_FREE_INDEX);
    expect(poolCall(open, PROOF).args[3]).toBe(DEBT_FREE_INDEX);
    const { tree, note } = placed(1_000n);
    const repayAll = plan("repay", 5_000n * 10n ** 6n, note, books, tree); // more than owed: every share
    expect(repayAll.next.shares).toBe(0n);
    expect(repayAll.provenDebtIndex).toBe(DEBT_FREE_INDEX);
    expect(repayAll.input.prices).toBe(packPrices(DEBT_FREE_INPUTS)); // no price: 0 and 1 (KeelPrivatePool._debtFreeInputs)
  });

  it("needs prices for what leaves debt: a partial repayment, a deposit into an indebted note, a borrow", () => {
    const { tree, note } = placed(1_000n);
    expect(problem(() => plan("repay", 10n * 10n ** 6n, note, books, tree))).toBe("noPrice");
    expect(problem(() => plan("deposit", E18, note, books, tree))).toBe("noPrice");
    expect(problem(() => plan("borrow", 500n * 10n ** 6n, note, books, tree))).toBe("noPrice");
    const partial = plan("repay", 10n * 10n ** 6n, note, priced, tree);
    expect(partial.provenDebtIndex).toBe(partial.ltvInputs.debtIndex);
    expect(partial.ltvInputs.ltv).toBe(books.marketLiquidationThreshold);
    expect(partial.ltvInputs.collateralPrice).toBe(priced.collateralPrice);
  });

  it("a withdrawal from a debt-free note is debt-free too; from an indebted one, priced at the borrow limit", () => {
    const free = placed(0n);
    expect(plan("withdraw", E18, free.note, books, free.tree).provenDebtIndex).toBe(DEBT_FREE_INDEX);
    const owing = placed(1_000n);
    const w = plan("withdraw", E18, owing.note, priced, owing.tree);
    expect(w.ltvInputs.ltv).toBe((books.marketLtv * 9n) / 10n);
    expect(w.provenDebtIndex).toBeGreaterThan(books.debtIndex);
  });
});

describe("planAction: the pool's minimums (zkaudit4 M1's leftover)", () => {
  it("refuses a deposit or a borrow below the pool's minimum, before any proof", () => {
    expect(actionMinimum("deposit", books)).toBe(10n ** 16n);
    expect(actionMinimum("borrow", books)).toBe(100n * 10n ** 6n);
    expect([actionMinimum("repay", books), actionMinimum("withdraw", books)]).toEqual([0n, 0n]);
    expect(problem(() => plan("deposit", 10n ** 16n - 1n, null, books))).toBe("belowMinimum");
    expect(plan("deposit", 10n ** 16n, null, books).tokens).toBe(10n ** 16n);
    const { tree, note } = placed(0n);
    expect(problem(() => plan("borrow", 99n * 10n ** 6n, note, priced, tree))).toBe("belowMinimum");
    expect(plan("borrow", 100n * 10n ** 6n, note, priced, tree).tokens).toBe(100n * 10n ** 6n);
  });

  it("lets any remainder leave: a withdrawal or a full repayment has no minimum", () => {
    const { tree, note } = placed(150n);
    expect(plan("repay", 150n * 10n ** 6n, note, books, tree).next.shares).toBe(0n);
    const free = placed(0n);
    expect(plan("withdraw", 1n, free.note, books, free.tree).tokens).toBe(1n);
  });

  it("circuit v2's minimum debt: a repayment leaves nothing or at least minBorrow, refused before any proof", () => {
    const { tree, note } = placed(150n);
    expect(plan("repay", 50n * 10n ** 6n, note, priced, tree).shares).toBeGreaterThan(0n); // leaves 100
    // leaves 99.9 USDC: below the minimum even valued at the proof's debt index (0.01% of headroom above the market's)
    expect(problem(() => plan("repay", 50_100_000n, note, priced, tree))).toBe("dustDebt");
    const withdraw = plan("withdraw", E18, note, priced, tree); // 150 USDC owed stays: at least the minimum
    expect(withdraw.input.params >> 182n).toBe(books.minBorrow); // the minimum debt the pool packs
  });
});

describe("planClose and aside rescues (audit i L-1)", () => {
  it("closes a note in one exit: every share and all the collateral, DEBT_FREE, the pool's close call", () => {
    const { tree, note } = placed(5_000n);
    const c = planClose({ note, recipient: ME }, tree, books); // no prices: a close reads none
    expect(c.kind).toBe("close");
    expect(c.input.newCommitment).toBe(0n);
    expect(c.input.newRoot).toBe(c.input.root);
    expect(c.ltvInputs).toEqual(DEBT_FREE_INPUTS);
    expect(c.provenDebtIndex).toBe(DEBT_FREE_INDEX);
    expect([c.tokens, c.shares]).toEqual([note.collateral, note.shares]);
    expect(c.pays).toBeGreaterThanOrEqual(5_000n * 10n ** 6n);
    // an exit keeps the plain binding (no position)
    expect(c.input.binding).toBe(actionBinding(books, ME));
    const call = poolCall(c, PROOF);
    expect(call.functionName).toBe("close");
    expect(call.args.slice(2)).toEqual([note.collateral, note.shares, ME, "0x"]);
    expect(() => planClose({ note: null, recipient: ME }, tree, books)).toThrow(PlanError);
    // a debt-free note (a liquidation's remainder): both sign bits still set, as the pool builds them
    const free = placed(0n);
    const c0 = planClose({ note: free.note, recipient: ME }, free.tree, books);
    expect(c0.input.deltas).toBe(free.note.collateral | (3n << 192n));
    expect(c.input.deltas >> 192n).toBe(3n);
  });

  it("sends a deposit or a repayment aside when asked: into an empty tree at leaf 0, bound to the ASIDE position", () => {
    const { tree, note } = placed(5_000n);
    const main = planAction({ kind: "deposit", amount: E18, note, ownerKey: note.ownerKey, recipient: ME }, tree, priced);
    const aside = planAction({ kind: "deposit", amount: E18, note, ownerKey: note.ownerKey, recipient: ME, aside: true }, tree, priced);
    expect([main.aside, aside.aside]).toEqual([false, true]);
    expect(aside.input.root).toBe(new MerkleTree().root());
    expect(aside.input.binding).toBe(positionBinding(actionBinding(books, "0x0000000000000000000000000000000000000000"), ASIDE_POSITION));
    expect(poolCall(aside, PROOF).functionName).toBe("depositAside");
    const repay = planAction({ kind: "repay", amount: 1_000n * 10n ** 6n, note, ownerKey: note.ownerKey, recipient: ME, aside: true }, tree, priced);
    expect(poolCall(repay, PROOF).functionName).toBe("repayAside");
    expect(repay.pays).toBe(repay.tokens);
    // a borrow or a withdrawal never goes aside (the pool has no such call)
    const borrow = planAction(
      { kind: "borrow", amount: 1_000n * 10n ** 6n, note, ownerKey: note.ownerKey, recipient: ME, aside: true },
      tree,
      priced,
    );
    expect(borrow.aside).toBe(false);
    expect(poolCall(borrow, PROOF).functionName).toBe("borrow");
  });
});
