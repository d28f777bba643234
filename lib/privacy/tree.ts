/**
 * The pool's append-only Poseidon Merkle trees, mirrored off-chain (contracts/src/privacy/PrivatePoolTree.sol): zero
 * leaf 0, node = Poseidon(left, right), DEPTH levels. Trees follow one another: when one is full its final root is
 * frozen and the next leaf opens an empty tree (circuit v3, audit f H-1). Positions are global, as the pool's
 * `NoteInserted` reports them: `position >> depth` is the tree, `position % 2^depth` the leaf within it (the index a
 * note's nullifier and path use: {@link leafInTree}).
 */
import { poseidon2 } from "poseidon-lite/poseidon2";

export const TREE_DEPTH = 20;
/** PrivatePoolTree.ROOT_HISTORY: a spent note's membership may be proven against any of the pool's last 256 roots. */
export const ROOT_HISTORY = 256;

const ZEROS: bigint[] = [0n];
for (let i = 0, z = 0n; i < TREE_DEPTH; i++) ZEROS.push((z = poseidon2([z, z])));
/** Root of an empty subtree of `height` levels (PrivatePoolTree.EMPTY_ROOT at TREE_DEPTH). */
export function zeroRoot(height: number): bigint {
  const z = ZEROS[height];
  if (z === undefined) throw new Error(`no empty subtree of height ${height}`);
  return z;
}

/** The leaf within its tree of global position `position` (what the circuit's `leafIndex` and `nextIndex` are). */
export const leafInTree = (position: number, depth = TREE_DEPTH) => position % 2 ** depth;

/** The root over `leaf` at `index` with `siblings` bottom up (the circuit's MerkleRootBits). */
export function rootOf(leaf: bigint, index: number, siblings: readonly bigint[]): bigint {
  let node = leaf;
  siblings.forEach((sibling, level) => {
    node = (index >> level) & 1 ? poseidon2([sibling, node]) : poseidon2([node, sibling]);
  });
  return node;
}

/** One tree of 2^depth leaves: nodes by height (0 = leaves); a missing node is the root of an empty subtree. */
class OneTree {
  private readonly levels: Map<number, bigint>[];
  count = 0;

  constructor(readonly depth: number) {
    this.levels = Array.from({ length: depth + 1 }, () => new Map<number, bigint>());
  }

  insert(leaf: bigint): void {
    const index = this.count++;
    this.level(0).set(index, leaf);
    let i = index;
    for (let level = 0; level < this.depth; level++) {
      const parent = i >> 1;
      this.level(level + 1).set(parent, poseidon2([this.node(level, parent * 2), this.node(level, parent * 2 + 1)]));
      i = parent;
    }
  }

  root(): bigint {
    return this.node(this.depth, 0);
  }

  siblingsOf(index: number): bigint[] {
    const siblings: bigint[] = [];
    for (let level = 0, i = index; level < this.depth; level++, i >>= 1) siblings.push(this.node(level, i ^ 1));
    return siblings;
  }

  private level(height: number): Map<number, bigint> {
    const nodes = this.levels[height];
    if (!nodes) throw new Error(`no level ${height}`);
    return nodes;
  }

  private node(height: number, index: number): bigint {
    return this.level(height).get(index) ?? zeroRoot(height);
  }
}

/** The pool's trees, in insertion order (global positions), as PrivatePoolTree keeps them. */
export class MerkleTree {
  private readonly trees: OneTree[] = [];
  private count = 0;

  constructor(
    leaves: readonly bigint[] = [],
    readonly depth = TREE_DEPTH,
  ) {
    for (const leaf of leaves) this.insert(leaf);
  }

  /** Leaves inserted so far, over all trees: the global position of the next leaf (the pool's `nextIndex()`). */
  get size(): number {
    return this.count;
  }

  private get capacity(): number {
    return 2 ** this.depth;
  }

  /** The tree the next leaf goes into (a new, empty one when the last is full). */
  private current(): OneTree {
    const t = Math.floor(this.count / this.capacity);
    while (this.trees.length <= t) this.trees.push(new OneTree(this.depth));
    return this.trees[t]!;
  }

  /** Appends `leaf` (into a new tree when the current one is full), returns its global position. */
  insert(leaf: bigint): number {
    this.current().insert(leaf);
    return this.count++;
  }

  /** The current tree's root (the pool's `root()`): the root an insertion is proven against. */
  root(): bigint {
    return this.current().root();
  }

  /** Siblings of the leaf at global `position` within its tree, bottom up. */
  path(position: number): bigint[] {
    if (position < 0 || position >= this.size) throw new Error(`no leaf at ${position}`);
    return this.treeOf(position).siblingsOf(leafInTree(position, this.depth));
  }

  /**
   * The root a note at `position` proves membership against, and its slot in the pool's ring of recent roots
   * (PrivatePoolTree.isKnownRoot): its tree's latest root — the current root while that tree takes leaves (slot of the
   * latest insertion), its frozen final root once full (accepted for good; the slot is then not read).
   */
  memberRoot(position: number): { root: bigint; slot: number } {
    const tree = this.treeOf(position);
    return { root: tree.root(), slot: (this.size - 1) % ROOT_HISTORY };
  }

  /** Siblings of the next leaf (in the current tree): the insertion's path, the same before and after it (circuit v2). */
  nextPath(): bigint[] {
    return this.current().siblingsOf(leafInTree(this.size, this.depth));
  }

  /** The root once `leaf` is appended, the tree left as it is (the `newRoot` an action proves). */
  rootAfter(leaf: bigint): bigint {
    return rootOf(leaf, leafInTree(this.size, this.depth), this.nextPath());
  }

  /** A path of empty subtrees (for the empty note, whose membership is not checked). */
  zeroPath(): bigint[] {
    return ZEROS.slice(0, this.depth);
  }

  private treeOf(position: number): OneTree {
    if (position < 0 || position >= this.size) throw new Error(`no leaf at ${position}`);
    return this.trees[Math.floor(position / this.capacity)]!;
  }
}
