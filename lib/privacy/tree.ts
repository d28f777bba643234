/**
 * The pool's append-only Poseidon Merkle tree, mirrored off-chain (contracts/src/privacy/PrivatePoolTree.sol): zero
 * leaf 0, node = Poseidon(left, right), DEPTH levels.
 */
import { poseidon2 } from "poseidon-lite";

export const TREE_DEPTH = 16;

const ZEROS: bigint[] = [0n];
for (let i = 0; i < TREE_DEPTH; i++) ZEROS.push(poseidon2([ZEROS[i], ZEROS[i]]));
/** Roots of empty subtrees by height (ZEROS[DEPTH] is the empty tree's root). */
export const zeroRoots: readonly bigint[] = ZEROS;

export class MerkleTree {
  private readonly levels: bigint[][];

  constructor(
    leaves: readonly bigint[] = [],
    readonly depth = TREE_DEPTH,
  ) {
    this.levels = Array.from({ length: depth + 1 }, () => []);
    for (const leaf of leaves) this.insert(leaf);
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends `leaf`, returns its index. */
  insert(leaf: bigint): number {
    const index = this.size;
    if (index >= 2 ** this.depth) throw new Error("the tree is full");
    this.levels[0].push(leaf);
    let i = index;
    for (let level = 0; level < this.depth; level++) {
      const parent = i >> 1;
      const left = this.node(level, parent * 2);
      const right = this.node(level, parent * 2 + 1);
      this.levels[level + 1][parent] = poseidon2([left, right]);
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
    const siblings: bigint[] = [];
    let i = index;
    for (let level = 0; level < this.depth; level++) {
      siblings.push(this.node(level, i ^ 1));
      i >>= 1;
    }
    return siblings;
  }

  /** A path of empty subtrees (for the empty note, whose membership is not checked). */
  zeroPath(): bigint[] {
    return ZEROS.slice(0, this.depth);
  }

  private node(level: number, index: number): bigint {
    return this.levels[level][index] ?? ZEROS[level];
  }
}
