import { describe, expect, it } from "vitest";
import { MerkleTree, rootOf as rootFrom, TREE_DEPTH, zeroRoot } from "./tree";

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

  it("gives the next leaf's path: the empty leaf there hashes to the current root, the new one to the next (v2's insertion)", () => {
    const tree = new MerkleTree();
    for (let n = 0; n < 11; n++) {
      const siblings = tree.nextPath();
      expect(rootFrom(0n, n, siblings)).toBe(tree.root());
      const leaf = BigInt(n + 1) * 7_919n;
      const after = tree.rootAfter(leaf);
      expect(rootFrom(leaf, n, siblings)).toBe(after);
      tree.insert(leaf);
      expect(tree.root()).toBe(after);
      expect(tree.path(n)).toEqual(siblings); // the same siblings before and after the insertion
    }
  });

  it("refuses a path to a leaf that is not there, and a leaf past its capacity", () => {
    const small = new MerkleTree([1n, 2n, 3n], 2);
    expect(() => small.path(3)).toThrow(/no leaf at 3/);
    small.insert(4n);
    expect(() => small.insert(5n)).toThrow(/full/);
    expect(() => small.nextPath()).toThrow(/full/);
  });
});
