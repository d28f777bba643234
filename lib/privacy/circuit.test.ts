/**
 * The private-vault circuit (circuits/private_vault.circom) with the committed proving key: valid witnesses prove and
 * verify; each constraint violated alone cannot be proven (the witness calculator's assertion fails) or its proof
 * does not verify against the public inputs the pool would pass.
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
  PUBLIC_INPUTS,
  type Note,
} from "./note";
import { CIRCUIT_ARTIFACTS } from "./artifacts";
import { proveAction, type CircuitInput } from "./prover";
import { MerkleTree } from "./tree";

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

/** The assertion that fails: each test violates one constraint of circuits/private_vault.circom, found by its line. */
const violates = (line: number) => new RegExp(`Assert Failed\\. Error in template PrivateVaultAction_\\d+ line: ${line}\\b`);
const LINE = {
  ownerKey: 79,
  nullifier: 91,
  membership: 100,
  collateralSum: 104,
  sharesSum: 105,
  ltv: 132,
  healthy: 133,
  seized: 155,
  ciphertext: 175,
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
    checkLtv: true,
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
      checkLtv: true,
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
    const tampered: [string, number, bigint][] = [
      ["a higher collateral price", i("collateralPrice"), 3001n * E18],
      ["a lower debt price", i("debtPrice"), E18 - 1n],
      ["another LTV", i("ltv"), (9n * E18) / 10n],
      ["a lower debt index", i("debtIndex"), 10n ** 12n - 1n],
      ["another recipient or memo", i("binding"), actionBinding(POOL, "0x0000000000000000000000000000000000000bad")],
      [
        "another pool (audit P-b)",
        i("binding"),
        actionBinding({ ...POOL, pool: "0x0000000000000000000000000000000000009002" }, "0x0000000000000000000000000000000000000b0b", "0x00ba"),
      ],
      ["another chain (audit P-b)", i("binding"), actionBinding({ ...POOL, chainId: 1 }, "0x0000000000000000000000000000000000000b0b", "0x00ba")],
      ["more shares", i("sharesDelta"), usdcShares(24_001n)],
      ["no LTV check", i("mode"), 0n],
      ["another nullifier", i("nullifier"), 7n],
      ["another ciphertext", i("ct2"), 5n],
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
    const atHigherPrice = await proveAction(borrowInput(24_001n, { collateralPrice: 3001n * E18 }), CIRCUIT_ARTIFACTS);
    expect(await verify(atHigherPrice.publicSignals, atHigherPrice.proof)).toBe(true);
    const signals = [...atHigherPrice.publicSignals];
    signals[PUBLIC_INPUTS.indexOf("collateralPrice")] = 3000n * E18;
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
      checkLtv: true,
      ltvInputs: prices,
      binding,
    });
    expect(input.collateralDelta).toBe(FIELD - 11n * E18);
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
      checkLtv: true,
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
      checkLtv: true,
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
      actionWitness(tree, { old: placed, collateralDelta, sharesDelta, checkLtv: true, ltvInputs: dropped, binding }).input as CircuitInput;
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
      actionWitness(tree, { old: placed, collateralDelta, sharesDelta, checkLtv: true, ltvInputs: DEBT_FREE_INPUTS, binding }).input as CircuitInput;
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
      checkLtv: true,
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
      return liquidationWitness(tree, { old, seized, ltvInputs, binding });
    };

    it("proves a liquidation past the threshold, seizing at most the debt × 1.05, and it verifies", async () => {
      expect(most).toBe((24_000n * E18 * 105n) / 100n / 2900n);
      expect(noteHealth({ collateral: 10n * E18, shares: owed }, dropped).liquidatable).toBe(true);
      const { input, next } = liquidation(most);
      expect(input.ownerKey).toBe(0n);
      expect(next.shares).toBe(0n);
      const { proof, publicSignals } = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
      expect(await verify(publicSignals, proof)).toBe(true);
      expect(input.mode).toBe(2n);
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
      await expect(proveAction({ ...input, mode: 3n } as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(/Assert Failed/);
      await expect(proveAction({ ...input, newBlinding: 5n } as CircuitInput, CIRCUIT_ARTIFACTS)).rejects.toThrow(/Assert Failed/);
    });
  });
});
