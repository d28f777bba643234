/**
 * The private-vault circuit (circuits/private_vault.circom, v3) with the committed proving key: valid witnesses prove
 * and verify; each constraint violated alone cannot be proven (the witness calculator's assertion fails) or its proof
 * does not verify against the public inputs the pool would pass — the proven insertion, the packed public inputs, the
 * minimum debt, the exit that inserts nothing and the membership against another tree's root (rollover) included.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as snarkjs from "snarkjs";
import { beforeAll, describe, expect, it } from "vitest";
import { decryptNote } from "./liquidators";
import {
  actionBinding,
  actionWitness,
  commitment,
  DEBT_FREE_INPUTS,
  emptyNote,
  FIELD,
  liquidationWitness,
  maxSeized,
  noteHealth,
  openingOf,
  packDeltas,
  packParams,
  packPrices,
  positionBinding,
  ASIDE_POSITION,
  PUBLIC_INPUTS,
  type LtvInputs,
  type Note,
} from "./note";
import { CIRCUIT_ARTIFACTS } from "./artifacts";
import { proveAction, type CircuitInput } from "./prover";
import { MerkleTree, rootOf, TREE_DEPTH, zeroRoot } from "./tree";
import { lineOf, violates } from "./circuit-lines";

const ARTIFACTS = path.resolve(import.meta.dirname, "../../circuits/artifacts");
const vkey = JSON.parse(readFileSync(path.join(ARTIFACTS, "private_vault.vkey.json"), "utf8"));

const E18 = 10n ** 18n;
const KEY = 0x1234_5678n;
const POOL = { pool: "0x0000000000000000000000000000000000009001", chainId: 31337 } as const;
const binding = actionBinding(POOL, "0x0000000000000000000000000000000000000b0b", "0x00ba");
const prices = {
  collateralPrice: 3000n * E18,
  ltv: (8n * E18) / 10n,
  debtPrice: E18,
  debtIndex: 10n ** 12n,
};
/** The market's LT: the threshold the pool passes for a deposit or repayment (audit3 A3-P2). */
const atLt = { ...prices, ltv: (85n * E18) / 100n };
/** 1 USDC (1e6 units) of debt at index 1e12 (1e6 virtual shares per unit) is 1e12 shares. */
const usdcShares = (usdc: bigint) => usdc * 10n ** 12n;

/** The pool's default minimum debt (KeelPrivatePool.DEFAULT_MIN_BORROW: 100 USDC). */
const MIN_DEBT = 100n * 10n ** 6n;

const LINE = {
  ownerKey: lineOf("(1 - isLiq) * (pub.out - ownerPub) === 0;"),
  nullifier: lineOf("nullifier === nul.out;"),
  membership: lineOf("(tree.root - memberRoot) * (1 - empty.out) === 0;"),
  exitRoot: lineOf("closes.out * (newRoot - root) === 0;"),
  newCommitment: lineOf("newCommitment === (1 - closes.out) * newNote.out;"),
  collateralSum: lineOf("newCollateral === oldCollateral + collateralMoved - 2 * collateralOut;"),
  sharesSum: lineOf("newShares === oldShares + sharesMoved - 2 * sharesOut;"),
  ltv: lineOf("checkLtv * (1 - within.out) === 0;"),
  healthy: lineOf("isLiq * within.out === 0;"),
  minDebt: lineOf("indebted * belowMin.out === 0;"),
  mode: lineOf("checkLtv + isLiq === 1;"),
  seized: lineOf("isLiq * (1 - seizeWithin.out) === 0;"),
  emptyBefore: lineOf("(before.root - root) * enabled === 0;", "lib.circom"),
  newRoot: lineOf("(after.root - newRoot) * enabled === 0;", "lib.circom"),
};

const verify = (signals: bigint[], proof: snarkjs.Groth16Proof) => snarkjs.groth16.verify(vkey, signals.map(String), proof);

/** The tree after a 10 WETH deposit, and the placed note. */
function depositedTree() {
  const tree = new MerkleTree();
  const note: Note = { collateral: 10n * E18, shares: 0n, ownerKey: KEY, blinding: 99n };
  const leafIndex = tree.insert(commitment(note));
  tree.insert(123n); // someone else's note beside it
  return { tree, note: { ...note, leafIndex } };
}

function borrowInput(usdc: bigint, overrides: Partial<CircuitInput> = {}) {
  const { tree, note } = depositedTree();
  const { input } = actionWitness(tree, {
    old: note,
    collateralDelta: 0n,
    sharesDelta: usdcShares(usdc),
    minDebt: MIN_DEBT,
    ltvInputs: prices,
    binding,
  });
  return { ...input, ...overrides } as CircuitInput;
}

describe("private vault circuit", () => {
  let borrow: Awaited<ReturnType<typeof proveAction>>;
  beforeAll(async () => {
    borrow = await proveAction(borrowInput(24_000n), CIRCUIT_ARTIFACTS); // exactly at the 80% LTV of 30,000 USD
  });

  it("proves a deposit that opens a position (the empty note needs no membership)", async () => {
    const tree = new MerkleTree([5n, 6n]);
    const { input } = actionWitness(tree, {
      old: emptyNote(KEY),
      collateralDelta: 10n * E18,
      sharesDelta: 0n,
      minDebt: MIN_DEBT,
      ltvInputs: atLt,
      binding,
    });
    const { proof, publicSignals } = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
    expect(publicSignals).toEqual(PUBLIC_INPUTS.map((k) => input[k]));
    expect(await verify(publicSignals, proof)).toBe(true);
  });

  it("proves a borrow exactly at the LTV, and the proof verifies only with its own public inputs", async () => {
    expect(await verify(borrow.publicSignals, borrow.proof)).toBe(true);
    const i = (k: (typeof PUBLIC_INPUTS)[number]) => PUBLIC_INPUTS.indexOf(k);
    const params = (p: Partial<Parameters<typeof packParams>[0]>) =>
      packParams({ mode: 1n, ltv: prices.ltv, debtIndex: prices.debtIndex, nextIndex: 2n, minDebt: MIN_DEBT, ...p });
    expect(borrow.publicSignals[i("params")]).toBe(params({}));
    const tampered: [string, number, bigint][] = [
      ["a higher collateral price", i("prices"), packPrices({ ...prices, collateralPrice: 3001n * E18 })],
      ["a lower debt price", i("prices"), packPrices({ ...prices, debtPrice: E18 - 1n })],
      ["another LTV", i("params"), params({ ltv: (9n * E18) / 10n })],
      ["a lower debt index", i("params"), params({ debtIndex: 10n ** 12n - 1n })],
      ["another leaf for the new note", i("params"), params({ nextIndex: 3n })],
      ["a lower minimum debt", i("params"), params({ minDebt: MIN_DEBT - 1n })],
      ["another new root", i("newRoot"), 7n],
      ["another root", i("root"), 7n],
      ["another recipient or memo", i("binding"), actionBinding(POOL, "0x0000000000000000000000000000000000000bad")],
      [
        "another pool (audit P-b)",
        i("binding"),
        actionBinding({ ...POOL, pool: "0x0000000000000000000000000000000000009002" }, "0x0000000000000000000000000000000000000b0b", "0x00ba"),
      ],
      ["another chain (audit P-b)", i("binding"), actionBinding({ ...POOL, chainId: 1 }, "0x0000000000000000000000000000000000000b0b", "0x00ba")],
      ["more shares", i("deltas"), packDeltas(0n, usdcShares(24_001n))],
      ["shares repaid instead of borrowed (the sign)", i("deltas"), packDeltas(0n, -usdcShares(24_000n))],
      ["no LTV check (v1's mode 0)", i("params"), params({ mode: 0n })],
      ["another nullifier", i("nullifier"), 7n],
      ["another ciphertext", i("ct2"), 5n],
      ["another membership root (v3)", i("memberRoot"), 7n],
    ];
    for (const [what, index, value] of tampered) {
      const signals = [...borrow.publicSignals];
      signals[index] = value;
      expect(await verify(signals, borrow.proof), what).toBe(false);
    }
  });

  it("cannot prove a borrow one USDC over the LTV", async () => {
    const health = (usdc: bigint) => noteHealth({ collateral: 10n * E18, shares: usdcShares(usdc) }, prices);
    expect(health(24_000n)).toMatchObject({ borrowLimit: 24_000n * E18, debtValue: 24_000n * E18, liquidatable: false });
    expect(health(24_001n).liquidatable).toBe(true);
    await expect(proveAction(borrowInput(24_001n), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.ltv));
  });

  it("a borrow proven at a higher collateral price than the oracle's does not verify at the oracle's", async () => {
    // 24,001 USDC is within LTV at 3,001 USD/WETH (24,008) but not at 3,000 (24,000).
    const higher = packPrices({ ...prices, collateralPrice: 3001n * E18 });
    const atHigherPrice = await proveAction(borrowInput(24_001n, { prices: higher }), CIRCUIT_ARTIFACTS);
    expect(await verify(atHigherPrice.publicSignals, atHigherPrice.proof)).toBe(true);
    const signals = [...atHigherPrice.publicSignals];
    signals[PUBLIC_INPUTS.indexOf("prices")] = packPrices(prices);
    expect(await verify(signals, atHigherPrice.proof)).toBe(false);
  });

  it("cannot prove a new note that is not the old one plus the movement (wrong sum)", async () => {
    const input = borrowInput(1_000n);
    input.newShares = (input.newShares as bigint) - 1n; // pocket one share of debt
    await expect(proveAction(input, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.sharesSum));
    const collateral = borrowInput(1_000n);
    collateral.newCollateral = (collateral.newCollateral as bigint) + 1n; // one wei of collateral out of nothing
    await expect(proveAction(collateral, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.collateralSum));
  });

  it("cannot withdraw more than the note holds (the field underflow is out of range)", async () => {
    const { tree, note } = depositedTree();
    const { input } = actionWitness(tree, {
      old: note,
      collateralDelta: -(11n * E18),
      sharesDelta: 0n,
      minDebt: MIN_DEBT,
      ltvInputs: prices,
      binding,
    });
    expect(input.deltas).toBe(packDeltas(-(11n * E18), 0n));
    expect(input.newCollateral).toBe(-E18); // the field's p − 10^18: no 96-bit range check passes
    await expect(proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(/Error in template Num2Bits/);
  });

  it("cannot give a spent note a fresh nullifier (reuse), nor spend a note that is not in the tree", async () => {
    const fresh = borrowInput(1_000n, { nullifier: 42n });
    await expect(proveAction(fresh, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.nullifier));
    // a richer note than the one inserted, with its own (correct) nullifier, at the real note's position
    const { tree, note } = depositedTree();
    const { input: forged } = actionWitness(tree, {
      old: { ...note, collateral: 1_000n * E18 },
      collateralDelta: 0n,
      sharesDelta: usdcShares(1_000n),
      minDebt: MIN_DEBT,
      ltvInputs: prices,
      binding,
    });
    await expect(proveAction(forged as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.membership));
  });

  it("cannot borrow against an empty note (nothing to prove membership of, nothing to borrow against)", async () => {
    const tree = new MerkleTree();
    const { input } = actionWitness(tree, {
      old: emptyNote(KEY),
      collateralDelta: 0n,
      sharesDelta: usdcShares(1n),
      minDebt: MIN_DEBT,
      ltvInputs: prices,
      binding,
    });
    await expect(proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.ltv));
  });

  it("encrypts every new note to the liquidators: they decrypt it, and a wrong ciphertext cannot be proven", async () => {
    const input = borrowInput(1_000n);
    const opening = decryptNote({ ephKey: input.ephKey, ct: [input.ct0, input.ct1, input.ct2] });
    expect(opening?.shares).toBe(usdcShares(1_000n));
    expect(opening?.collateral).toBe(10n * E18);
    const wrong = { ...input, ct1: (input.ct1 + 1n) % FIELD };
    await expect(proveAction(wrong, CIRCUIT_ARTIFACTS)).rejects.toThrow(/Assert Failed/);
    const otherKey = { ...input, ephKey: input.ephKey + 1n };
    await expect(proveAction(otherKey, CIRCUIT_ARTIFACTS)).rejects.toThrow(/Assert Failed/);
  });

  it("a deposit or repayment proven at the LT on a note past it must bring it within (audit3 A3-P2: no 1-wei dodge)", async () => {
    // 10 WETH owing 24,000 USDC at 2,800 USD/WETH and the 85% LT: 23,800 < 24,000, liquidatable
    const tree = new MerkleTree();
    const note: Note = { collateral: 10n * E18, shares: usdcShares(24_000n), ownerKey: KEY, blinding: 43n };
    const placed = { ...note, leafIndex: tree.insert(commitment(note)) };
    const dropped = { ...atLt, collateralPrice: 2800n * E18 };
    expect(noteHealth(note, dropped).liquidatable).toBe(true);
    const act = (collateralDelta: bigint, sharesDelta: bigint) =>
      actionWitness(tree, { old: placed, collateralDelta, sharesDelta, ltvInputs: dropped, minDebt: MIN_DEBT, binding }).input as CircuitInput;
    await expect(proveAction(act(1n, 0n), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.ltv));
    await expect(proveAction(act(0n, -usdcShares(100n)), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.ltv)); // 23,900 > 23,800
    // one WETH more: 11 × 2,800 × 85% = 26,180 ≥ 24,000, a rescue
    const rescue = await proveAction(act(E18, 0n), CIRCUIT_ARTIFACTS);
    expect(await verify(rescue.publicSignals, rescue.proof)).toBe(true);
  }, 300_000);

  it("with the pool's DEBT_FREE inputs (no price) proves exactly a new note owing nothing (zkaudit4 L1)", async () => {
    // 10 WETH owing 24,000 USDC: a full repayment proves and verifies; a repayment leaving 1 share, a deposit into the
    // indebted note, and a borrow have no witness — whatever the oracle's price, which these inputs never carry
    const tree = new MerkleTree();
    const note: Note = { collateral: 10n * E18, shares: usdcShares(24_000n), ownerKey: KEY, blinding: 44n };
    const placed = { ...note, leafIndex: tree.insert(commitment(note)) };
    const act = (collateralDelta: bigint, sharesDelta: bigint) =>
      actionWitness(tree, { old: placed, collateralDelta, sharesDelta, ltvInputs: DEBT_FREE_INPUTS, minDebt: MIN_DEBT, binding })
        .input as CircuitInput;
    const repaid = await proveAction(act(0n, -note.shares), CIRCUIT_ARTIFACTS);
    expect(await verify(repaid.publicSignals, repaid.proof)).toBe(true);
    await expect(proveAction(act(0n, 1n - note.shares), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.ltv));
    await expect(proveAction(act(E18, 0n), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.ltv));
    await expect(proveAction(act(0n, 1n), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.ltv));
    // a debt-free note: a deposit into it and a withdrawal from it prove
    const free = actionWitness(new MerkleTree(), {
      old: emptyNote(KEY, 5n),
      collateralDelta: E18,
      sharesDelta: 0n,
      minDebt: MIN_DEBT,
      ltvInputs: DEBT_FREE_INPUTS,
      binding,
    });
    const opened = await proveAction(free.input as CircuitInput, CIRCUIT_ARTIFACTS);
    expect(await verify(opened.publicSignals, opened.proof)).toBe(true);
    expect(noteHealth({ collateral: 0n, shares: 1n }, DEBT_FREE_INPUTS).liquidatable).toBe(true); // one share is too many
    expect(noteHealth({ collateral: 10n ** 30n, shares: 0n }, DEBT_FREE_INPUTS).liquidatable).toBe(false);
  }, 300_000);

  it("only the owner's key spends a note as its owner (the opening alone does not)", async () => {
    const input = borrowInput(1_000n, { ownerKey: KEY + 1n });
    await expect(proveAction(input, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.ownerKey));
  });

  describe("v2: the proven insertion (the pool stores newRoot and hashes nothing)", () => {
    it("newRoot is the tree with the new note at nextIndex, and the pool's own mirror agrees", () => {
      const input = borrowInput(1_000n);
      const { tree } = depositedTree();
      expect(input.root).toBe(tree.root());
      tree.insert(input.newCommitment);
      expect(input.newRoot).toBe(tree.root());
      expect(rootOf(input.newCommitment, 2, input.nextSiblings as bigint[])).toBe(input.newRoot);
    });

    it("cannot prove a new root other than the insertion's (a note slipped in, or the new one left out)", async () => {
      const { tree } = depositedTree();
      const input = borrowInput(1_000n);
      const slipped = rootOf(input.newCommitment + 1n, 2, tree.nextPath()); // another note at the same leaf
      await expect(proveAction({ ...input, newRoot: slipped }, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.newRoot, "MerkleInsert"));
      await expect(proveAction({ ...input, newRoot: input.root }, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.newRoot, "MerkleInsert"));
    });

    it("cannot insert at a leaf already taken, nor with siblings that are not the tree's (the leaf must be empty at root)", async () => {
      const { tree } = depositedTree();
      const input = borrowInput(1_000n);
      // overwrite leaf 1 (someone else's note): nextIndex 1 with leaf 1's real siblings
      const overwrite = { mode: 1n, ltv: prices.ltv, debtIndex: prices.debtIndex, nextIndex: 1n, minDebt: MIN_DEBT };
      const at1 = {
        ...input,
        params: packParams(overwrite),
        nextSiblings: tree.path(1),
        newRoot: rootOf(input.newCommitment, 1, tree.path(1)),
      };
      await expect(proveAction(at1, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.emptyBefore, "MerkleInsert"));
      // made-up siblings, with the new root they would give
      const siblings = tree.nextPath().map((x, level) => (level === 3 ? x + 1n : x));
      const forged = { ...input, nextSiblings: siblings, newRoot: rootOf(input.newCommitment, 2, siblings) };
      await expect(proveAction(forged, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.emptyBefore, "MerkleInsert"));
    });

    it("proves a deposit that opens a position at the next leaf of a busy tree", async () => {
      const tree = new MerkleTree(Array.from({ length: 37 }, (_, i) => BigInt(i + 11)));
      const { input } = actionWitness(tree, {
        old: emptyNote(KEY, 3n),
        collateralDelta: E18,
        sharesDelta: 0n,
        ltvInputs: atLt,
        minDebt: MIN_DEBT,
        binding,
      });
      expect((input.params >> 162n) & 0xfffffn).toBe(37n);
      const { proof, publicSignals } = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
      expect(await verify(publicSignals, proof)).toBe(true);
    });
  });

  describe("v2: packed public inputs (each part range-checked, so the split is unique)", () => {
    it("packs prices and params as the pool does, and refuses a part over its width", () => {
      expect(packPrices({ collateralPrice: 5n, debtPrice: 7n })).toBe(5n + 7n * 2n ** 96n);
      const p = { mode: 1n, ltv: 2n, debtIndex: 3n, nextIndex: 4n, minDebt: 5n };
      expect(packParams(p)).toBe(1n + 2n * 2n ** 2n + 3n * 2n ** 66n + 4n * 2n ** 162n + 5n * 2n ** 182n);
      expect(() => packPrices({ collateralPrice: 2n ** 96n, debtPrice: 1n })).toThrow(/96-bit/);
      expect(() => packParams({ ...p, ltv: 2n ** 64n })).toThrow(/64-bit/);
      expect(() => packParams({ ...p, nextIndex: 2n ** 20n })).toThrow(/20-bit/);
      expect(() => packParams({ ...p, mode: 4n })).toThrow(/2-bit/);
    });

    it("cannot prove a packed input with a bit above its parts (no second split of the same field element)", async () => {
      const input = borrowInput(1_000n);
      await expect(proveAction({ ...input, prices: input.prices + (1n << 192n) }, CIRCUIT_ARTIFACTS)).rejects.toThrow(
        /Error in template Num2Bits_\d+/,
      );
      await expect(proveAction({ ...input, params: input.params + (1n << 246n) }, CIRCUIT_ARTIFACTS)).rejects.toThrow(
        /Error in template Num2Bits_\d+/,
      );
      // a packing "below zero" wraps around the field (to p − …): far above 2^246, no split
      await expect(proveAction({ ...input, params: (input.params - (1n << 247n) + FIELD) % FIELD }, CIRCUIT_ARTIFACTS)).rejects.toThrow(
        /Error in template Num2Bits_\d+/,
      );
    });

    it("cannot prove v1's mode 0 (no health check): every owner action checks the new note", async () => {
      const input = borrowInput(1_000n);
      await expect(proveAction({ ...input, params: input.params - 1n }, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.mode));
    });
  });

  describe("v2: the minimum debt (a note owes nothing or at least minDebt)", () => {
    const debtOf = (collateralDelta: bigint, sharesDelta: bigint, note: Note, ltvInputs: LtvInputs = atLt) => {
      const tree = new MerkleTree();
      const placed = { ...note, leafIndex: tree.insert(commitment(note)) };
      return actionWitness(tree, { old: placed, collateralDelta, sharesDelta, ltvInputs, minDebt: MIN_DEBT, binding }).input as CircuitInput;
    };
    const owing = (usdc: bigint): Note => ({ collateral: 10n * E18, shares: usdcShares(usdc), ownerKey: KEY, blinding: 51n });

    it("cannot borrow below it on a debt-free note, and proves a borrow of exactly it", async () => {
      const free = owing(0n);
      await expect(proveAction(debtOf(0n, usdcShares(100n) - usdcShares(1n) / 1_000_000n, free, prices), CIRCUIT_ARTIFACTS)).rejects.toThrow(
        violates(LINE.minDebt),
      );
      await expect(proveAction(debtOf(0n, 1n, free, prices), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.minDebt)); // one share
      const exact = await proveAction(debtOf(0n, usdcShares(100n), free, prices), CIRCUIT_ARTIFACTS);
      expect(await verify(exact.publicSignals, exact.proof)).toBe(true);
    }, 300_000);

    it("cannot repay down to dust (below it), nor withdraw from a dust note; a full repayment proves", async () => {
      const note = owing(1_000n);
      // leaves 99.999999 USDC owing (one base unit less; a share less would still round up to 100)
      await expect(proveAction(debtOf(0n, -usdcShares(900n) - usdcShares(1n) / 1_000_000n, note), CIRCUIT_ARTIFACTS)).rejects.toThrow(
        violates(LINE.minDebt),
      );
      await expect(proveAction(debtOf(0n, usdcShares(1n) - note.shares, note), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.minDebt));
      await expect(proveAction(debtOf(-E18, 0n, owing(50n)), CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.minDebt));
      const down = await proveAction(debtOf(0n, -usdcShares(900n), note), CIRCUIT_ARTIFACTS); // leaves exactly 100
      expect(await verify(down.publicSignals, down.proof)).toBe(true);
      const all = await proveAction(debtOf(0n, -note.shares, note, DEBT_FREE_INPUTS), CIRCUIT_ARTIFACTS);
      expect(await verify(all.publicSignals, all.proof)).toBe(true);
    }, 300_000);
  });

  describe("v3: exits insert nothing, membership against another root (audit f H-1)", () => {
    /** 2 WETH, debt-free, in a tree beside someone else's note; `leafIndex` its position. */
    function freeNote() {
      const tree = new MerkleTree([77n]);
      const note: Note = { collateral: 2n * E18, shares: 0n, ownerKey: KEY, blinding: 61n };
      return { tree, note: { ...note, leafIndex: tree.insert(commitment(note)) } };
    }
    const withdrawAll = (tree: MerkleTree, note: Note & { leafIndex: number }) =>
      actionWitness(tree, { old: note, collateralDelta: -note.collateral, sharesDelta: 0n, ltvInputs: DEBT_FREE_INPUTS, minDebt: MIN_DEBT, binding });

    it("proves a full withdrawal as an exit: newCommitment 0, newRoot = root, no leaf (nextIndex 0)", async () => {
      const { tree, note } = freeNote();
      const { input, next } = withdrawAll(tree, note);
      expect(next).toMatchObject({ collateral: 0n, shares: 0n });
      expect(input.newCommitment).toBe(0n);
      expect(input.newRoot).toBe(input.root);
      expect((input.params >> 162n) & 0xfffffn).toBe(0n);
      const { proof, publicSignals } = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
      expect(await verify(publicSignals, proof)).toBe(true);
      // the pool checks no root for an exit, but the proof still binds the one it names: another fails
      const signals = [...publicSignals];
      signals[PUBLIC_INPUTS.indexOf("memberRoot")] = zeroRoot(TREE_DEPTH);
      expect(await verify(signals, proof)).toBe(false);
    });

    it("cannot insert the empty note instead, nor move the root on an exit, nor call a note that holds something an exit", async () => {
      const { tree, note } = freeNote();
      const { input } = withdrawAll(tree, note);
      const emptyCommitment = commitment({ collateral: 0n, shares: 0n, ownerKey: KEY, blinding: input.newBlinding });
      await expect(proveAction({ ...input, newCommitment: emptyCommitment } as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(
        violates(LINE.newCommitment),
      );
      await expect(proveAction({ ...input, newRoot: tree.rootAfter(emptyCommitment) } as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(
        violates(LINE.exitRoot),
      );
      // a partial withdrawal claiming to insert nothing (1 wei left in a note nobody could find)
      const partial = actionWitness(tree, {
        old: note,
        collateralDelta: 1n - note.collateral,
        sharesDelta: 0n,
        ltvInputs: DEBT_FREE_INPUTS,
        minDebt: MIN_DEBT,
        binding,
      }).input;
      await expect(proveAction({ ...partial, newCommitment: 0n, newRoot: partial.root } as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(
        violates(LINE.newCommitment),
      );
    });

    it("a liquidation that seizes everything is an exit too", async () => {
      // 10 WETH owing 24,000 USDC at 2,000 USD/WETH and the 85% LT: the debt × 1.05 is worth more than the collateral
      const tree = new MerkleTree();
      const note: Note = { collateral: 10n * E18, shares: usdcShares(24_000n), ownerKey: KEY, blinding: 62n };
      const old = { ...openingOf(note), leafIndex: tree.insert(commitment(note)) };
      const crashed = { ...atLt, collateralPrice: 2000n * E18 };
      expect(maxSeized(note, crashed)).toBe(note.collateral);
      const { input } = liquidationWitness(tree, { old, seized: note.collateral, ltvInputs: crashed, minDebt: MIN_DEBT, binding });
      expect(input.newCommitment).toBe(0n);
      const { proof, publicSignals } = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
      expect(await verify(publicSignals, proof)).toBe(true);
    });

    it("proves a liquidation aside (audit h M-1): the remainder at leaf 0 of an empty tree, then spent against that tree's root", async () => {
      const tree = new MerkleTree([77n, 78n]);
      const note: Note = { collateral: 10n * E18, shares: usdcShares(24_000n), ownerKey: KEY, blinding: 63n };
      const old = { ...openingOf(note), leafIndex: tree.insert(commitment(note)) };
      const dropped = { ...atLt, collateralPrice: 2800n * E18 };
      const seized = maxSeized(note, dropped);
      expect(seized).toBeLessThan(note.collateral); // a remainder: not an exit
      const { input, next } = liquidationWitness(tree, { old, seized, ltvInputs: dropped, minDebt: MIN_DEBT, binding, aside: true });
      expect(input.root).toBe(zeroRoot(TREE_DEPTH)); // whatever the pool's tree holds: nothing to race for
      expect(input.newRoot).toBe(rootOf(input.newCommitment, 0, new MerkleTree().zeroPath()));
      expect((input.params >> 162n) & 0xfffffn).toBe(0n);
      expect(input.binding).toBe(positionBinding(binding, ASIDE_POSITION));
      const liq = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
      expect(await verify(liq.publicSignals, liq.proof)).toBe(true);
      // the owner withdraws the remainder: membership against the aside root, leaf 0, in no tree the pool keeps
      const remainder = { collateral: next.collateral, shares: 0n, ownerKey: KEY, blinding: next.blinding, leafIndex: 0, asideRoot: input.newRoot };
      const out = actionWitness(tree, {
        old: remainder,
        collateralDelta: -remainder.collateral,
        sharesDelta: 0n,
        ltvInputs: DEBT_FREE_INPUTS,
        minDebt: MIN_DEBT,
        binding,
      });
      expect(out.input.memberRoot).toBe(input.newRoot);
      const spent = await proveAction(out.input as CircuitInput, CIRCUIT_ARTIFACTS);
      expect(await verify(spent.publicSignals, spent.proof)).toBe(true);
    }, 300_000);

    it("proves membership in a full tree's root while inserting at leaf 0 of the next, empty tree (rollover)", async () => {
      const { tree, note } = freeNote();
      const { input } = actionWitness(tree, {
        old: note,
        collateralDelta: -E18,
        sharesDelta: 0n,
        ltvInputs: DEBT_FREE_INPUTS,
        minDebt: MIN_DEBT,
        binding,
      });
      // as the pool passes it once the note's tree is frozen: membership against that tree, insertion into a new one
      const empty = new MerkleTree();
      const rolled = {
        ...input,
        root: empty.root(),
        newRoot: empty.rootAfter(input.newCommitment),
        nextSiblings: empty.nextPath(),
        params: input.params - (((input.params >> 162n) & 0xfffffn) << 162n),
      };
      expect(rolled.memberRoot).toBe(tree.root());
      expect(rolled.root).toBe(zeroRoot(TREE_DEPTH));
      const { proof, publicSignals } = await proveAction(rolled as CircuitInput, CIRCUIT_ARTIFACTS);
      expect(await verify(publicSignals, proof)).toBe(true);
      // a root the note is not under does not prove: the tree before its insertion
      const before = new MerkleTree([77n]);
      await expect(proveAction({ ...rolled, memberRoot: before.root() } as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(
        violates(LINE.membership),
      );
    });
  });

  describe("liquidation (by whoever decrypted the note, without the owner's key)", () => {
    // 10 WETH owing 24,000 USDC; at 2,900 USD/WETH it is over the 80% threshold (23,200).
    const owed = usdcShares(24_000n);
    const dropped = { ...prices, collateralPrice: 2900n * E18 };
    /** Debt value × 1.05 / price: the most a liquidator may seize (lib's mirror of the circuit, checked here). */
    const most = maxSeized({ collateral: 10n * E18, shares: owed }, dropped);
    function placed() {
      const tree = new MerkleTree();
      const note: Note = { collateral: 10n * E18, shares: owed, ownerKey: KEY, blinding: 99n };
      const leafIndex = tree.insert(commitment(note));
      return { tree, old: { ...openingOf(note), leafIndex } };
    }
    const liquidation = (seized: bigint, ltvInputs = dropped) => {
      const { tree, old } = placed();
      return liquidationWitness(tree, { old, seized, ltvInputs, minDebt: MIN_DEBT, binding });
    };

    it("proves a liquidation past the threshold, seizing at most the debt × 1.05, and it verifies", async () => {
      expect(most).toBe((24_000n * E18 * 105n) / 100n / 2900n);
      expect(noteHealth({ collateral: 10n * E18, shares: owed }, dropped).liquidatable).toBe(true);
      const { input, next } = liquidation(most);
      expect(input.ownerKey).toBe(0n);
      expect(next.shares).toBe(0n);
      const { proof, publicSignals } = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
      expect(await verify(publicSignals, proof)).toBe(true);
      expect(input.params & 3n).toBe(2n);
    });

    it("cannot liquidate a healthy note (at the price before the drop)", async () => {
      expect(maxSeized({ collateral: 10n * E18, shares: owed }, prices)).toBe(0n);
      const { input } = liquidation(E18, prices);
      await expect(proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.healthy));
    });

    it("cannot seize more than the debt × 1.05 (one wei past maxSeized)", async () => {
      const { input } = liquidation(most + 1n);
      await expect(proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.seized));
    });

    it("cannot be both a borrow and a liquidation (mode 3), nor pick the owner's next blinding", async () => {
      const { input } = liquidation(most);
      const mode3 = input.params | 1n; // mode 2 → 3
      await expect(proveAction({ ...input, params: mode3 } as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(violates(LINE.mode));
      await expect(proveAction({ ...input, newBlinding: 5n } as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(/Assert Failed/);
    });
  });
});
