import { poseidon2 } from "poseidon-lite/poseidon2";
import { describe, expect, it } from "vitest";
import { MerkleTree, TREE_DEPTH, zeroRoot } from "./tree";

/** Root from a leaf and its path, as the circuit's MerkleRoot computes it. */
function rootFrom(leaf: bigint, index: number, siblings: bigint[]): bigint {
  return siblings.reduce((node, sibling, level) => {
    const right = (index >> level) & 1;
    return right ? poseidon2([sibling, node]) : poseidon2([node, sibling]);
  }, leaf);
}

describe("private pool tree mirror", () => {
  it("starts at PrivatePoolTree's empty root (its _zero(DEPTH) constant)", () => {
    expect(TREE_DEPTH).toBe(16);
    expect(new MerkleTree().root()).toBe(0x2a7c7c9b6ce5880b9f6f228d72bf6a575a526f29c66ecceef8b753d38bba7323n);
    expect(zeroRoot(1)).toBe(0x2098f5fb9e239eab3ceac3f27b81e481dc3124d55ffed523a839ee8446b64864n);
  });

  it("gives every leaf a path that recomputes the current root", () => {
    const tree = new MerkleTree();
    const leaves = Array.from({ length: 13 }, (_, i) => BigInt(i + 1) * 1_000_003n);
    for (const leaf of leaves) tree.insert(leaf);
    leaves.forEach((leaf, i) => expect(rootFrom(leaf, i, tree.path(i))).toBe(tree.root()));
    expect(rootFrom(leaves[0]!, 1, tree.path(0))).not.toBe(tree.root()); // the position is part of the proof
  });

  it("refuses a path to a leaf that is not there, and a leaf past its capacity", () => {
    const small = new MerkleTree([1n, 2n, 3n], 2);
    expect(() => small.path(3)).toThrow(/no leaf at 3/);
    small.insert(4n);
    expect(() => small.insert(5n)).toThrow(/full/);
  });
});
