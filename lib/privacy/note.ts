/**
 * Private notes of a KeelPrivatePool (contracts/src/privacy/KeelPrivatePool.sol) and the witness of the action circuit
 * (circuits/private_vault.circom). Pure bigint; Poseidon from poseidon-lite (circomlib's constants, BN254).
 */
import { poseidon1, poseidon3, poseidon4 } from "poseidon-lite";
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";
import { MerkleTree } from "./tree";

/** The BN254 scalar field: commitments, nullifiers, keys and public inputs live below it. */
export const FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
/** The circuit's range checks: amounts, shares, prices and the debt index stay below 2^96. */
export const MAX_AMOUNT = (1n << 96n) - 1n;

/** A private position: collateral (token units), debt (market debt shares), its owner's key, and a blinding. */
export interface Note {
  collateral: bigint;
  shares: bigint;
  /** The owner's secret key: never leaves the owner's machine. */
  ownerKey: bigint;
  blinding: bigint;
}

/** A note in the pool's tree. */
export interface PlacedNote extends Note {
  leafIndex: number;
}

/** A uniformly random field element (keys, blindings). */
export function randomField(): bigint {
  // 64 random bytes reduced mod FIELD: bias below 2^-250. Web Crypto: the same in Node and in a browser worker.
  const bytes = crypto.getRandomValues(new Uint8Array(64));
  return BigInt("0x" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")) % FIELD;
}

export const ownerPublicKey = (ownerKey: bigint) => poseidon1([ownerKey]);

export function commitment(n: Note): bigint {
  return poseidon4([n.collateral, n.shares, ownerPublicKey(n.ownerKey), n.blinding]);
}

/** Nullifier of `n` at `leafIndex`: Poseidon(commitment, leafIndex, ownerKey). */
export function nullifier(n: Note, leafIndex: number): bigint {
  return poseidon3([commitment(n), BigInt(leafIndex), n.ownerKey]);
}

/** The empty note that opens a position for `ownerKey` (spent without a membership proof). */
export function emptyNote(ownerKey: bigint, blinding = randomField()): Note {
  return { collateral: 0n, shares: 0n, ownerKey, blinding };
}

/** A signed delta as the field element the pool passes (p − x for an outflow). */
export const fieldDelta = (x: bigint) => (x >= 0n ? x : FIELD + x);

/** Public inputs that depend on the chain at submission (zero for deposit and repay, which check no LTV). */
export interface LtvInputs {
  collateralPrice: bigint;
  ltv: bigint;
  debtPrice: bigint;
  debtIndex: bigint;
}

export const NO_LTV_CHECK: LtvInputs = { collateralPrice: 0n, ltv: 0n, debtPrice: 0n, debtIndex: 0n };

/**
 * What the circuit's `recipient` public input carries: the action's context no constraint uses — its recipient (zero
 * for deposits and repayments) and its memo — hashed as KeelPrivatePool._binding does, keccak256(abi.encode(recipient,
 * keccak256(memo))) mod p, so a copier of a pending proof can change neither (audit P-3).
 */
export function actionBinding(recipient: Address, memo: Hex = "0x"): bigint {
  const encoded = encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [recipient, keccak256(memo)]);
  return BigInt(keccak256(encoded)) % FIELD;
}

export interface ActionPlan {
  /** The note spent: a placed note, or an empty note (leafIndex 0) that opens a position. */
  old: Note & { leafIndex?: number };
  collateralDelta: bigint;
  sharesDelta: bigint;
  checkLtv: boolean;
  ltvInputs: LtvInputs;
  /** actionBinding(recipient, memo) of the submission. */
  binding: bigint;
  /** Blinding of the new note (random unless given, for reproducible tests). */
  newBlinding?: bigint;
}

/** The circuit's input for `plan` against `tree`, and the new note it creates. */
export function actionWitness(tree: MerkleTree, plan: ActionPlan) {
  const { old } = plan;
  const leafIndex = old.leafIndex ?? 0;
  const isEmpty = old.collateral === 0n && old.shares === 0n;
  const next: Note = {
    collateral: old.collateral + plan.collateralDelta,
    shares: old.shares + plan.sharesDelta,
    ownerKey: old.ownerKey,
    blinding: plan.newBlinding ?? randomField(),
  };
  const input = {
    root: tree.root(),
    nullifier: nullifier(old, leafIndex),
    newCommitment: commitment(next),
    collateralDelta: fieldDelta(plan.collateralDelta),
    sharesDelta: fieldDelta(plan.sharesDelta),
    recipient: plan.binding,
    checkLtv: plan.checkLtv ? 1n : 0n,
    collateralPrice: plan.ltvInputs.collateralPrice,
    ltv: plan.ltvInputs.ltv,
    debtPrice: plan.ltvInputs.debtPrice,
    debtIndex: plan.ltvInputs.debtIndex,
    ownerKey: old.ownerKey,
    oldCollateral: old.collateral,
    oldShares: old.shares,
    oldBlinding: old.blinding,
    leafIndex: BigInt(leafIndex),
    siblings: isEmpty ? tree.zeroPath() : tree.path(leafIndex),
    newCollateral: next.collateral,
    newShares: next.shares,
    newBlinding: next.blinding,
  };
  return { input, next };
}

/** Order of the public inputs (the verifier's and KeelPrivatePool's). */
export const PUBLIC_INPUTS = [
  "root",
  "nullifier",
  "newCommitment",
  "collateralDelta",
  "sharesDelta",
  "recipient",
  "checkLtv",
  "collateralPrice",
  "ltv",
  "debtPrice",
  "debtIndex",
] as const;
