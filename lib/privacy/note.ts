/**
 * Private notes of a KeelPrivatePool (contracts/src/privacy/KeelPrivatePool.sol) and the witness of the action circuit
 * (circuits/private_vault.circom). Pure bigint; Poseidon from poseidon-lite (circomlib's constants, BN254).
 */
// Each width from its own entry: the package index evaluates all sixteen widths' constants on load (620 KB of JavaScript).
import { poseidon1 } from "poseidon-lite/poseidon1";
import { poseidon3 } from "poseidon-lite/poseidon3";
import { poseidon4 } from "poseidon-lite/poseidon4";
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";
import { WAD } from "../engine/math";
import { FIELD } from "./field";
import { encryptNote, type NoteOpening } from "./liquidators";
import { leafInTree, MerkleTree } from "./tree";

export { FIELD };
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
  /**
   * A note inserted aside (KeelPrivatePool.liquidateAside: a liquidation's remainder; depositAside, repayAside: an
   * owner's rescue) is alone at leaf 0 of a tree of its own, whose root this is; `leafIndex` is then 0. Its membership is proven against this root, not the pool's trees.
   */
  asideRoot?: bigint;
}

/** A uniformly random field element (keys, blindings). */
export function randomField(): bigint {
  // 64 random bytes reduced mod FIELD: bias below 2^-250. Web Crypto: the same in Node and in a browser worker.
  const bytes = crypto.getRandomValues(new Uint8Array(64));
  return BigInt("0x" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")) % FIELD;
}

export const ownerPublicKey = (ownerKey: bigint) => poseidon1([ownerKey]);

/** What the liquidators see of a note (its owner's public key, not the key). */
export const openingOf = (n: Note): NoteOpening => ({
  collateral: n.collateral,
  shares: n.shares,
  ownerPub: ownerPublicKey(n.ownerKey),
  blinding: n.blinding,
});

export const commitmentOf = (o: NoteOpening) => poseidon4([o.collateral, o.shares, o.ownerPub, o.blinding]);

export const commitment = (n: Note): bigint => commitmentOf(openingOf(n));

/**
 * Nullifier of a note at `leafIndex`: Poseidon(commitment, leafIndex, blinding). Anyone holding the opening (the owner,
 * the liquidators) can make it, so a liquidation spends the same note; an observer, lacking the blinding, cannot link
 * it to the commitment. Spending as the owner still needs the owner's key.
 */
// `leafIndex` is the note's global position (NoteInserted's); the nullifier takes its leaf within its tree, as the circuit.
export const nullifierOf = (o: NoteOpening, leafIndex: number) => poseidon3([commitmentOf(o), BigInt(leafInTree(leafIndex)), o.blinding]);

export const nullifier = (n: Note, leafIndex: number): bigint => nullifierOf(openingOf(n), leafIndex);

/** The empty note that opens a position for `ownerKey` (spent without a membership proof). */
export function emptyNote(ownerKey: bigint, blinding = randomField()): Note {
  return { collateral: 0n, shares: 0n, ownerKey, blinding };
}

/**
 * Public inputs read from the chain at submission: the oracle's prices, the threshold the pool passes for the action
 * (`poolThresholds`: borrow for borrow/withdraw, liquidation for deposit/repay/liquidation) and the debt index proven.
 */
export interface LtvInputs {
  collateralPrice: bigint;
  ltv: bigint;
  debtPrice: bigint;
  debtIndex: bigint;
}

/**
 * KeelPrivatePool.DEBT_FREE: the `provenDebtIndex` of a deposit, repayment or withdrawal whose new note owes nothing,
 * proven with {@link DEBT_FREE_INPUTS}: the pool reads no price for it (audit zkaudit4 L1).
 */
export const DEBT_FREE_INDEX = 0n;
/**
 * The public inputs the pool passes with DEBT_FREE (KeelPrivatePool._debtFreeInputs), in mode 1: a collateral price
 * and threshold of 0 make the limit 0, and a debt price and index of 1 make any share worth at least 1 (both round
 * up), so the proof holds exactly when the new note owes no share — whatever the oracle says.
 */
export const DEBT_FREE_INPUTS: LtvInputs = { collateralPrice: 0n, ltv: 0n, debtPrice: 1n, debtIndex: 1n };

/** Which pool, on which chain, an action is for (audit P-b: bound into its proof). */
export interface PoolContext {
  pool: Address;
  chainId: number;
}

/**
 * The circuit's `mode`: 1 for every owner action (the new note healthy at the threshold the pool passes: its borrow
 * threshold for borrow/withdraw, the market's LT for deposit/repay, audit3 A3-P2; and owing 0 or at least `minDebt`),
 * 2 liquidation (over the threshold). No other mode proves (v1's mode 0, no health check, is gone in circuit v2).
 */
export const MODE = { ltv: 1n, liquidation: 2n } as const;

/** Bit widths of the packed `params` public input, LSB first (circuits/private_vault.circom, KeelPrivatePool._params). */
const PARAMS_BITS = { mode: 2n, ltv: 64n, debtIndex: 96n, nextIndex: 20n, minDebt: 64n } as const;

/**
 * `deltas` = |collateral delta| + |shares delta|·2^96 + (collateral out)·2^192 + (shares out)·2^193: the note's
 * signed movement as one public input (KeelPrivatePool._deltas), each amount below 2^96.
 */
export function packDeltas(collateralDelta: bigint, sharesDelta: bigint): bigint {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  return packParts([
    [abs(collateralDelta), 96n],
    [abs(sharesDelta), 96n],
    [collateralDelta < 0n ? 1n : 0n, 1n],
    [sharesDelta < 0n ? 1n : 0n, 1n],
  ]);
}

/**
 * Both sign bits of `deltas` (collateral out, shares out): KeelPrivatePool.close sets them whatever its amounts, so a
 * close's inputs never equal a withdrawal's or a repayment's — a close of a debt-free note moves 0 shares "out" (the
 * circuit leaves the sign of a zero amount free).
 */
export const CLOSE_SIGNS = (1n << 192n) | (1n << 193n);

/** `prices` = collateralPrice + debtPrice·2^96 (each below 2^96): one public input for both. */
export function packPrices(p: { collateralPrice: bigint; debtPrice: bigint }): bigint {
  return packParts([
    [p.collateralPrice, 96n],
    [p.debtPrice, 96n],
  ]);
}

/**
 * `params` = mode + ltv·2^2 + debtIndex·2^66 + nextIndex·2^162 + minDebt·2^182: one public input for the action's
 * scalars. Throws when a part does not fit its width (the circuit would not prove it, nor the pool pass it).
 */
export function packParams(p: { mode: bigint; ltv: bigint; debtIndex: bigint; nextIndex: bigint; minDebt: bigint }): bigint {
  const b = PARAMS_BITS;
  return packParts([
    [p.mode, b.mode],
    [p.ltv, b.ltv],
    [p.debtIndex, b.debtIndex],
    [p.nextIndex, b.nextIndex],
    [p.minDebt, b.minDebt],
  ]);
}

function packParts(parts: [bigint, bigint][]): bigint {
  let packed = 0n;
  let at = 0n;
  for (const [value, bits] of parts) {
    if (value < 0n || value >= 1n << bits) throw new Error(`${value} does not fit a ${bits}-bit public input part`);
    packed |= value << at;
    at += bits;
  }
  return packed;
}

/**
 * The `binding` public input: the action's context the circuit does not use, bound so a copier cannot change it —
 * keccak256(abi.encode(chainId, pool, recipient, keccak256(memo))) mod p, as KeelPrivatePool computes it (audit P-3;
 * the chain and pool, audit P-b: a proof made for one pool of one chain verifies nowhere else).
 */
export function actionBinding(ctx: PoolContext, recipient: Address, memo: Hex = "0x"): bigint {
  const encoded = encodeAbiParameters(
    [{ type: "uint256" }, { type: "address" }, { type: "address" }, { type: "bytes32" }],
    [BigInt(ctx.chainId), ctx.pool, recipient, keccak256(memo)],
  );
  return BigInt(keccak256(encoded)) % FIELD;
}

/**
 * The `binding` public input of an inserting action: `binding` and the global position the new note takes, hashed
 * into one field element as KeelPrivatePool._positionBinding does (zkaudit6 L-2: a proof for a tree's first leaf must
 * not verify again at a later tree's first leaf). An exit keeps the plain binding.
 */
export function positionBinding(binding: bigint, position: number | bigint): bigint {
  return BigInt(keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [binding, BigInt(position)]))) % FIELD;
}

/** PrivatePoolTree.ASIDE: the position an aside insertion's binding carries (and PrivateAction's leafIndex reports). */
export const ASIDE_POSITION = (1n << 256n) - 2n;

/** A fresh ephemeral secret for a note's encryption to the liquidators (below 2^251, the circuit's bits). */
export const randomEphemeral = () => randomField() >> 3n;

export interface ActionPlan {
  /** The note spent: a placed note, or an empty note (leafIndex 0) that opens a position. */
  old: Note & { leafIndex?: number; asideRoot?: bigint };
  collateralDelta: bigint;
  sharesDelta: bigint;
  /** The new note healthy at `ltvInputs.ltv` (mode 1): every owner action (audit3 A3-P2). */
  ltvInputs: LtvInputs;
  /** The pool's `minDebt` (base units): the new note owes no share or at least this much at `ltvInputs.debtIndex`. */
  minDebt: bigint;
  /** actionBinding(pool, recipient, memo) of the submission. */
  binding: bigint;
  /** Blinding of the new note (random unless given, for reproducible tests). */
  newBlinding?: bigint;
  /** Ephemeral secret of the new note's encryption (random unless given). */
  ephSecret?: bigint;
  /**
   * Insert the new note aside (KeelPrivatePool.depositAside / repayAside): at leaf 0 of an empty tree of its own, so
   * no insertion landing first makes the proof stale (audit i L-1); its next spend links to this action.
   */
  aside?: boolean;
}

/** The circuit's input for `plan` against `tree`, and the new note it creates. */
/** (and `memberSlot`: the ring slot of the membership root, `NoteTransition.memberSlot`, not a circuit input) */
export function actionWitness(tree: MerkleTree, plan: ActionPlan) {
  const { old } = plan;
  const next: Note = {
    collateral: old.collateral + plan.collateralDelta,
    shares: old.shares + plan.sharesDelta,
    ownerKey: old.ownerKey,
    blinding: plan.newBlinding ?? randomField(),
  };
  const { input, memberSlot } = witness(tree, {
    old: openingOf(old),
    leafIndex: old.leafIndex ?? 0,
    asideRoot: old.asideRoot,
    aside: plan.aside,
    ownerKey: old.ownerKey,
    next: openingOf(next),
    mode: MODE.ltv,
    ltvInputs: plan.ltvInputs,
    minDebt: plan.minDebt,
    binding: plan.binding,
    ephSecret: plan.ephSecret ?? randomEphemeral(),
  });
  return { input, next, memberSlot };
}

/** The circuit's COLL_SCALE and DEBT_SCALE: one unit of collateral (18 decimals) and of base (6 decimals). */
export const COLLATERAL_SCALE = 10n ** 18n;
export const DEBT_SCALE = 10n ** 6n;
/** The circuit's LIQ_BONUS (KeelPrivatePool.LIQUIDATION_BONUS): a liquidator seizes at most the debt value × 1.05. */
export const LIQUIDATION_BONUS = 5n * 10n ** 16n;
/** KeelPrivatePool.BORROW_LTV_FRACTION: borrows and withdrawals keep a note within 90% of the market's LTV. */
export const BORROW_LTV_FRACTION = 9n * 10n ** 17n;

/**
 * The `ltv` public input the pool passes, from the market's `collateralInfo` for the pool's collateral (the pool's
 * `borrowThreshold()` and `liquidationThreshold()`): a borrow or withdrawal keeps the new note within the LTV ×
 * BORROW_LTV_FRACTION; a note is liquidatable past the liquidation threshold, as a public vault (audit3 A3-P1: never
 * the LTV, which governance lowers — to 0 — to stop new borrowing).
 */
export function poolThresholds(info: { ltv: bigint; liquidationThreshold: bigint }) {
  return { borrow: (info.ltv * BORROW_LTV_FRACTION) / WAD, liquidation: info.liquidationThreshold };
}

/**
 * A note's health as the circuit computes it (HealthLib's roundings: collateral value and limit down, debt up), at
 * `p`'s prices, threshold (`p.ltv`) and debt index. For a liquidation, `p.ltv` is `poolThresholds(info).liquidation`
 * (the market's liquidation threshold); for a borrow or withdrawal, `poolThresholds(info).borrow`.
 */
export function noteHealth(n: { collateral: bigint; shares: bigint }, p: LtvInputs) {
  const borrowLimit = (((n.collateral * p.collateralPrice) / COLLATERAL_SCALE) * p.ltv) / WAD;
  const debtAssets = divUp(n.shares * p.debtIndex, WAD);
  const debtValue = divUp(debtAssets * p.debtPrice, DEBT_SCALE);
  return { borrowLimit, debtAssets, debtValue, liquidatable: debtValue > borrowLimit };
}

/**
 * The most collateral a liquidation of `n` may seize at `p`: the largest s whose value (rounded up) is at most the debt
 * value × (1 + LIQUIDATION_BONUS), and no more than the note holds. Zero when the note is not liquidatable.
 */
export function maxSeized(n: { collateral: bigint; shares: bigint }, p: LtvInputs): bigint {
  const { debtValue, liquidatable } = noteHealth(n, p);
  if (!liquidatable || p.collateralPrice === 0n) return 0n;
  const cap = (debtValue * (WAD + LIQUIDATION_BONUS)) / WAD;
  const s = (cap * COLLATERAL_SCALE) / p.collateralPrice; // ⌈s × price / scale⌉ ≤ cap ⇔ s × price ≤ cap × scale
  return s < n.collateral ? s : n.collateral;
}

const divUp = (a: bigint, b: bigint) => (a + b - 1n) / b;

export interface LiquidationPlan {
  /** The note, as the liquidators decrypted it, and its leaf (or, inserted aside, leaf 0 and its own root). */
  old: NoteOpening & { leafIndex: number; asideRoot?: bigint };
  /**
   * Insert the owner's remainder aside (KeelPrivatePool.liquidateAside): at leaf 0 of an empty tree of its own, so the
   * proof does not depend on the pool's current root and no action landing first can make it stale (audit h M-1).
   */
  aside?: boolean;
  /** Collateral taken (at most the repaid debt's value × (1 + bonus)); every debt share is repaid. */
  seized: bigint;
  /** `poolThresholds(info).liquidation` (the market's LT) in `ltv`, and the chain's prices and debt index. */
  ltvInputs: LtvInputs;
  /** The pool's `minDebt`: packed into the public inputs as the pool passes it (a liquidation's new note owes nothing). */
  minDebt: bigint;
  binding: bigint;
  ephSecret?: bigint;
}

/** The owner's note after a liquidation: the collateral left, no debt, blinding Poseidon(old blinding). */
export function liquidatedNote(old: NoteOpening, seized: bigint): NoteOpening {
  return { collateral: old.collateral - seized, shares: 0n, ownerPub: old.ownerPub, blinding: poseidon1([old.blinding]) };
}

/** The circuit's input for a liquidation made by someone holding the note's opening, not the owner's key. */
export function liquidationWitness(tree: MerkleTree, plan: LiquidationPlan) {
  const next = liquidatedNote(plan.old, plan.seized);
  const { input, memberSlot } = witness(tree, {
    old: plan.old,
    leafIndex: plan.old.leafIndex,
    asideRoot: plan.old.asideRoot,
    aside: plan.aside,
    ownerKey: 0n,
    next,
    mode: MODE.liquidation,
    ltvInputs: plan.ltvInputs,
    minDebt: plan.minDebt,
    binding: plan.binding,
    ephSecret: plan.ephSecret ?? randomEphemeral(),
  });
  return { input, next, memberSlot };
}

/**
 * Whether a note holds nothing (no collateral, no share). A new note that does is an exit: circuit v3 proves it with
 * newCommitment 0 and newRoot = root, and the pool inserts it nowhere (no leaf, no current root to race for).
 */
export const isExit = (n: { collateral: bigint; shares: bigint }) => n.collateral === 0n && n.shares === 0n;

function witness(
  tree: MerkleTree,
  w: {
    old: NoteOpening;
    leafIndex: number;
    asideRoot?: bigint;
    aside?: boolean;
    ownerKey: bigint;
    next: NoteOpening;
    mode: bigint;
    ltvInputs: LtvInputs;
    minDebt: bigint;
    binding: bigint;
    ephSecret: bigint;
  },
) {
  const isEmpty = isExit(w.old);
  const exits = isExit(w.next);
  const cipher = encryptNote(w.next, w.ephSecret);
  const newCommitment = exits ? 0n : commitmentOf(w.next);
  const { ltv, debtIndex } = w.ltvInputs;
  const root = tree.root();
  // the empty note is in no tree: any known root does — the latest leaf's (the pool's current root, or a full tree's
  // final one) at its ring slot, so that an insertion racing this one meets StaleRoot (prove again), not UnknownRoot
  const member = isEmpty
    ? tree.size
      ? tree.memberRoot(tree.size - 1)
      : { root, slot: 0 }
    : w.asideRoot !== undefined
      ? { root: w.asideRoot, slot: 0 }
      : tree.memberRoot(w.leafIndex);
  // where the new note goes: the pool's current tree, or (aside) an empty tree of its own at leaf 0
  const aside = w.aside === true && !exits;
  const into = aside ? new MerkleTree([], tree.depth) : tree;
  const nextIndex = exits ? 0n : BigInt(leafInTree(into.size, tree.depth));
  const input = {
    root: aside ? into.root() : root,
    newRoot: exits ? root : into.rootAfter(newCommitment),
    nullifier: nullifierOf(w.old, w.asideRoot !== undefined ? 0 : w.leafIndex),
    newCommitment,
    deltas: packDeltas(w.next.collateral - w.old.collateral, w.next.shares - w.old.shares),
    binding: exits ? w.binding : positionBinding(w.binding, aside ? ASIDE_POSITION : tree.size),
    prices: packPrices(w.ltvInputs),
    params: packParams({ mode: w.mode, ltv, debtIndex, nextIndex, minDebt: w.minDebt }),
    ephKey: cipher.ephKey,
    ct0: cipher.ct[0],
    ct1: cipher.ct[1],
    ct2: cipher.ct[2],
    memberRoot: member.root,
    ownerKey: w.ownerKey,
    ownerPub: w.old.ownerPub,
    oldCollateral: w.old.collateral,
    oldShares: w.old.shares,
    oldBlinding: w.old.blinding,
    leafIndex: BigInt(isEmpty || w.asideRoot !== undefined ? 0 : leafInTree(w.leafIndex, tree.depth)),
    siblings: isEmpty || w.asideRoot !== undefined ? tree.zeroPath() : tree.path(w.leafIndex),
    nextSiblings: into.nextPath(),
    newCollateral: w.next.collateral,
    newShares: w.next.shares,
    newBlinding: w.next.blinding,
    ephSecret: w.ephSecret,
  };
  return { input, memberSlot: member.slot };
}

/** Order of the public inputs (the verifier's and KeelPrivatePool's). */
export const PUBLIC_INPUTS = [
  "root",
  "newRoot",
  "nullifier",
  "newCommitment",
  "deltas",
  "binding",
  "prices",
  "params",
  "ephKey",
  "ct0",
  "ct1",
  "ct2",
  "memberRoot",
] as const;
