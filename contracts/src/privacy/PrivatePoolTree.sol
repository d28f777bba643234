// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title PrivatePoolTree
/// @notice An append-only binary Poseidon Merkle tree of note commitments whose insertions are proven, not hashed
/// (circuit v2): each action's proof shows that its `newRoot` is the current root with the new note written at leaf
/// `nextIndex`, empty before (circuits/lib.circom MerkleInsert), so the tree stores only its root and its size.
/// @dev Only the current root is accepted: an action proven against an earlier root would insert into a tree that no
/// longer exists (`StaleRoot`: prove again against the new root). The race this opens — two actions proven against
/// the same root, the second must re-prove — is the price of hashing nothing on chain (docs/private-vaults.md,
/// "Circuit v2"). The clients rebuild the tree from `NoteInserted` (lib/privacy/tree.ts).
abstract contract PrivatePoolTree {
    /// @notice Levels of the tree: 2^16 = 65,536 notes. Must equal the circuit's DEPTH.
    uint256 public constant DEPTH = 16;
    /// @notice The BN254 scalar field: every commitment, nullifier and public input is below it.
    uint256 public constant FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @notice The root of the empty tree: Poseidon(z, z) sixteen times over the zero leaf (lib/privacy/tree.ts).
    uint256 public constant EMPTY_ROOT = 0x2a7c7c9b6ce5880b9f6f228d72bf6a575a526f29c66ecceef8b753d38bba7323;

    /// @notice The tree holds 2^DEPTH notes and is full.
    error TreeFull();
    /// @notice The proof was made against `proven`, which is no longer the tree's root (`current`): another action
    /// landed first. Nothing was spent; prove again against the current root.
    error StaleRoot(uint256 proven, uint256 current);

    /// @notice Note `commitment` was inserted at `leafIndex`, making `root` the current root.
    event NoteInserted(uint256 indexed commitment, uint256 indexed leafIndex, uint256 root);

    /// @dev The current root.
    uint256 internal _root = EMPTY_ROOT;
    /// @notice Leaves inserted so far (the index the next note takes).
    uint256 public nextIndex;

    /// @notice The current root: the only one an action may be proven against.
    function root() public view returns (uint256) {
        return _root;
    }

    /// @dev Refuses a proof made against another root than the current one, or when the tree is full; returns the
    /// index the new note will take (the `nextIndex` the proof must show).
    function _insertionIndex(uint256 provenRoot) internal view returns (uint256 index) {
        if (provenRoot != _root) revert StaleRoot(provenRoot, _root);
        index = nextIndex;
        if (index == 1 << DEPTH) revert TreeFull();
    }

    /// @dev Records the insertion at `index` the proof verified: `newRoot` is the root with `leaf` there.
    function _insert(uint256 leaf, uint256 index, uint256 newRoot) internal {
        _root = newRoot;
        nextIndex = index + 1;
        emit NoteInserted(leaf, index, newRoot);
    }
}
