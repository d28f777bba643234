import { describe, expect, it } from "vitest";
import { leafInTree, MerkleTree, rootOf as rootFrom, TREE_DEPTH, zeroRoot } from "./tree";

describe("private pool tree mirror", () => {
  it("starts at PrivatePoolTree's empty root (its EMPTY_ROOT constant)", () => {
    expect(TREE_DEPTH).toBe(20);
    expect(new MerkleTree().root()).toBe(0x2134e76ac5d21aab186c2be1dd8f84ee880a1e46eaf712f9d371b6df22191f3en);
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

  it("refuses a path to a leaf that is not there", () => {
    const small = new MerkleTree([1n, 2n, 3n], 2);
    expect(() => small.path(3)).toThrow(/no leaf at 3/);
    expect(() => small.path(-1)).toThrow(/no leaf at -1/);
  });

  it("rolls over as PrivatePoolTree does: a full tree's root stays the membership root of its notes, the next leaf opens an empty tree", () => {
    const small = new MerkleTree([1n, 2n, 3n], 2);
    expect(small.memberRoot(1)).toEqual({ root: small.root(), slot: 2 }); // the current root, at the latest insertion's slot
    expect(small.insert(4n)).toBe(3);
    const frozen = small.memberRoot(0).root;
    expect(rootFrom(4n, 3, small.path(3))).toBe(frozen);
    // the pool's root() once a tree is full: the next tree's, empty; the next insertion is position 4, leaf 0 of tree 1
    expect(small.root()).toBe(zeroRoot(2));
    expect(small.nextPath()).toEqual([zeroRoot(0), zeroRoot(1)]);
    expect(small.insert(5n)).toBe(4);
    expect(leafInTree(4, 2)).toBe(0);
    expect(small.root()).toBe(rootFrom(5n, 0, small.path(4)));
    expect(small.path(4)).toEqual([zeroRoot(0), zeroRoot(1)]);
    expect(small.memberRoot(0).root).toBe(frozen); // for good
    expect(small.memberRoot(4)).toEqual({ root: small.root(), slot: 4 });
    expect(rootFrom(4n, 3, small.path(3))).toBe(frozen);
  });
});
