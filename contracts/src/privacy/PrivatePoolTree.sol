// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title PrivatePoolTree
/// @notice Append-only binary Poseidon Merkle trees of note commitments whose insertions are proven, not hashed
/// (circuit v3): each inserting action's proof shows that its `newRoot` is the current tree's root with the new note
/// written at its next leaf, empty before (circuits/lib.circom MerkleInsert), so the pool stores roots and a count.
/// @dev Trees of 2^DEPTH leaves follow one another: when one fills, its final root is frozen and the next note opens an
/// empty tree (audit f H-1: a full tree no longer ends the pool). Leaf positions are global — `position >> DEPTH` is
/// the tree, `position & (2^DEPTH − 1)` the leaf within it (the index a note's nullifier and path use). An insertion
/// is proven against the current tree's root only (`StaleRoot`: prove again against the new root — the price of
/// hashing nothing on chain, docs/private-vaults.md "Circuit v2"); membership of the spent note may be proven against
/// the current root, any of the last ROOT_HISTORY roots, or a frozen tree's final root, so an exit — which inserts
/// nothing — survives up to 255 other actions landing first. The clients rebuild the trees from `NoteInserted`
/// (lib/privacy/tree.ts).
abstract contract PrivatePoolTree {
    /// @notice Levels of each tree: 2^20 = 1,048,576 notes. Must equal the circuit's DEPTH.
    uint256 public constant DEPTH = 20;
    /// @notice The BN254 scalar field: every commitment, nullifier and public input is below it.
    uint256 public constant FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @notice The root of an empty tree: Poseidon(z, z) twenty times over the zero leaf (lib/privacy/tree.ts).
    uint256 public constant EMPTY_ROOT = 0x2134e76ac5d21aab186c2be1dd8f84ee880a1e46eaf712f9d371b6df22191f3e;
    /// @notice How many of the latest roots a spent note's membership may be proven against (with its `memberSlot`):
    /// an exit proven against one lands unless 256 inserting actions land first (zkaudit6 L-1: 32 fitted in one batched
    /// transaction of ~12M gas; 256 take ~94M, several full blocks). One storage write per insertion, as with 32.
    uint256 public constant ROOT_HISTORY = 256;
    /// @notice The `leafIndex` an action reports when it inserted nothing (an exit).
    uint256 public constant NO_LEAF = type(uint256).max;
    /// @notice The `leafIndex` an action reports when it inserted its note aside (`KeelPrivatePool.liquidateAside`):
    /// at leaf 0 of a one-note tree of its own, whose root is then known. Also the position its binding is bound to.
    uint256 public constant ASIDE = type(uint256).max - 1;
    uint256 internal constant LEAF_MASK = (1 << DEPTH) - 1;

    /// @notice The proof was made against `proven`, which is no longer the current tree's root (`current`): another
    /// action landed first. Nothing was spent; prove again against the current root.
    error StaleRoot(uint256 proven, uint256 current);
    /// @notice The spent note's membership was proven against `root`, which is neither the current root, one of the last
    /// ROOT_HISTORY roots (at the slot given), nor a full tree's final root.
    error UnknownRoot(uint256 root);

    /// @notice Note `commitment` was inserted at global position `leafIndex`, making `root` its tree's root.
    event NoteInserted(uint256 indexed commitment, uint256 indexed leafIndex, uint256 root);
    /// @notice Tree `tree` is full; `finalRoot` stays valid for membership, and the next note opens tree `tree + 1`.
    event TreeFrozen(uint256 indexed tree, uint256 finalRoot);
    /// @notice Note `commitment` was inserted aside, alone at leaf 0 of a tree whose root is `root` (known for good),
    /// encrypted to the liquidators' key as `NoteEncrypted` says for the others.
    event NoteInsertedAside(uint256 indexed commitment, uint256 root, uint256 ephKey, uint256[3] ciphertext);

    /// @dev What every action writes, in one slot: leaves inserted so far (all trees), and the pool's note totals.
    struct Books {
        uint40 leaves;
        uint104 noteCollateral;
        uint104 noteShares;
    }

    /// @dev The pool's counters (KeelPrivatePool keeps its totals here: one storage write per action).
    Books internal _books;
    /// @dev The root after insertion n, at n % ROOT_HISTORY.
    uint256[ROOT_HISTORY] internal _roots;
    /// @notice Whether `root` is the root of a closed tree, valid for membership for good: a full tree's final root, or
    /// the one-note tree of a note inserted aside.
    mapping(uint256 root => bool) public frozenRoot;

    /// @dev Fills the ring with EMPTY_ROOT (~5.7M gas once, at deployment), so that every insertion's ring write is a
    /// non-zero to non-zero one (~5k) from the first: unfilled, each of the pool's first 256 insertions paid ~17k more
    /// (the first deposit 500,146 gas against the 500k goal). A known EMPTY_ROOT proves no note's membership: no leaf
    /// of the empty tree holds a commitment (that would take a Poseidon preimage of 0), and it is the current root of
    /// every new tree anyway.
    constructor() {
        for (uint256 i; i < ROOT_HISTORY; ++i) {
            _roots[i] = EMPTY_ROOT;
        }
    }

    /// @notice Leaves inserted so far, over all trees: the global position the next note takes.
    function nextIndex() public view returns (uint256) {
        return _books.leaves;
    }

    /// @notice The current tree's root: the one an inserting action must be proven against (EMPTY_ROOT when the tree
    /// is new).
    function root() public view returns (uint256) {
        uint256 n = _books.leaves;
        return n & LEAF_MASK == 0 ? EMPTY_ROOT : _roots[(n - 1) % ROOT_HISTORY];
    }

    /// @notice Whether a spent note's membership may be proven against `provenRoot`: the current root, the root at ring
    /// `slot` of the last ROOT_HISTORY (the root after insertion n sits at n % ROOT_HISTORY), or a frozen tree's root.
    function isKnownRoot(uint256 provenRoot, uint256 slot) public view returns (bool) {
        if (provenRoot == 0) return false;
        if (provenRoot == root()) return true;
        if (slot < ROOT_HISTORY && _roots[slot] == provenRoot) return true;
        return frozenRoot[provenRoot];
    }

    /// @dev Refuses an insertion proven against another root than the current tree's; returns the global position the
    /// new note takes (its leaf within the tree, `position & LEAF_MASK`, is the `nextIndex` the proof shows).
    function _insertionIndex(uint256 provenRoot) internal view returns (uint256 position) {
        uint256 current = root();
        if (provenRoot != current) revert StaleRoot(provenRoot, current);
        position = _books.leaves;
    }

    /// @dev Records a note inserted aside: `newRoot` is the proven root of the tree holding `leaf` alone at leaf 0.
    function _insertAside(uint256 leaf, uint256 newRoot, uint256 ephKey, uint256[3] calldata ciphertext) internal {
        frozenRoot[newRoot] = true;
        emit NoteInsertedAside(leaf, newRoot, ephKey, ciphertext);
    }

    /// @dev Records the insertion at global `position` the proof verified: `newRoot` is the tree's root with `leaf`
    /// there. The insertion that fills a tree freezes its root.
    function _insert(uint256 leaf, uint256 position, uint256 newRoot) internal {
        _roots[position % ROOT_HISTORY] = newRoot;
        _books.leaves = uint40(position) + 1;
        if (position & LEAF_MASK == LEAF_MASK) {
            frozenRoot[newRoot] = true;
            emit TreeFrozen(position >> DEPTH, newRoot);
        }
        emit NoteInserted(leaf, position, newRoot);
    }
}
