/**
 * The pool's append-only Poseidon Merkle tree, mirrored off-chain (contracts/src/privacy/PrivatePoolTree.sol): zero
 * leaf 0, node = Poseidon(left, right), DEPTH levels.
 */
import { poseidon2 } from "poseidon-lite/poseidon2";

export const TREE_DEPTH = 16;

const ZEROS: bigint[] = [0n];
for (let i = 0, z = 0n; i < TREE_DEPTH; i++) ZEROS.push((z = poseidon2([z, z])));
/** Root of an empty subtree of `height` levels (PrivatePoolTree._zero). */
export function zeroRoot(height: number): bigint {
  const z = ZEROS[height];
  if (z === undefined) throw new Error(`no empty subtree of height ${height}`);
  return z;
}

/** The root over `leaf` at `index` with `siblings` bottom up (the circuit's MerkleRootBits). */
export function rootOf(leaf: bigint, index: number, siblings: readonly bigint[]): bigint {
  let node = leaf;
  siblings.forEach((sibling, level) => {
    node = (index >> level) & 1 ? poseidon2([sibling, node]) : poseidon2([node, sibling]);
  });
  return node;
}

export class MerkleTree {
  /** Nodes by height (0 = leaves); a missing node is the root of an empty subtree. */
  private readonly levels: Map<number, bigint>[];

  constructor(
    leaves: readonly bigint[] = [],
    readonly depth = TREE_DEPTH,
  ) {
    this.levels = Array.from({ length: depth + 1 }, () => new Map<number, bigint>());
    for (const leaf of leaves) this.insert(leaf);
  }

  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends `leaf`, returns its index. */
  insert(leaf: bigint): number {
    const index = this.size;
    if (index >= 2 ** this.depth) throw new Error("the tree is full");
    this.level(0).set(index, leaf);
    this.count++;
    let i = index;
    for (let level = 0; level < this.depth; level++) {
      const parent = i >> 1;
      const left = this.node(level, parent * 2);
      const right = this.node(level, parent * 2 + 1);
      this.level(level + 1).set(parent, poseidon2([left, right]));
      i = parent;
    }
    return index;
  }

  root(): bigint {
    return this.node(this.depth, 0);
  }

  /** Siblings of leaf `index`, bottom up. */
  path(index: number): bigint[] {
    if (index >= this.size) throw new Error(`no leaf at ${index}`);
    return this.siblingsOf(index);
  }

  /** Siblings of the next leaf (index `size`): the insertion's path, the same before and after it (circuit v2). */
  nextPath(): bigint[] {
    if (this.size >= 2 ** this.depth) throw new Error("the tree is full");
    return this.siblingsOf(this.size);
  }

  /** The root once `leaf` is appended, the tree left as it is (the `newRoot` an action proves). */
  rootAfter(leaf: bigint): bigint {
    return rootOf(leaf, this.size, this.nextPath());
  }

  /** A path of empty subtrees (for the empty note, whose membership is not checked). */
  zeroPath(): bigint[] {
    return ZEROS.slice(0, this.depth);
  }

  private siblingsOf(index: number): bigint[] {
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
