// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PoseidonT3} from "poseidon-solidity/PoseidonT3.sol";

/// @title PrivatePoolTree
/// @notice An append-only binary Poseidon Merkle tree of note commitments (the circuit's MerkleRoot), keeping every root
/// it has had, so that a proof made against any earlier root still verifies after other notes are inserted. A history
/// of the last N roots (the usual ring buffer) let N insertions by anyone — dust deposits opening empty notes — make a
/// pending liquidation's proof fail (audit zkaudit4 M1); keeping all is safe, as notes are never removed and the
/// nullifiers stop a second spend.
/// @dev Tornado Cash's incremental tree: each insertion hashes DEPTH times and stores the left nodes it will need (only
/// the complete ones: a left subtree's root is stored when its last leaf lands, ~2 writes per insertion). The
/// empty subtree roots are constants (zero leaf 0, then Poseidon(z, z)), so an insertion reads no zero from storage.
abstract contract PrivatePoolTree {
    /// @notice Levels of the tree: 2^16 = 65,536 notes. Must equal the circuit's DEPTH.
    uint256 public constant DEPTH = 16;
    /// @notice The BN254 scalar field: every commitment, nullifier and public input is below it.
    uint256 public constant FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice The tree holds 2^DEPTH notes and is full.
    error TreeFull();

    /// @notice Note `commitment` was inserted at `leafIndex`, making `root` the current root.
    event NoteInserted(uint256 indexed commitment, uint256 indexed leafIndex, uint256 root);

    /// @dev Left nodes of the rightmost path, per level.
    uint256[DEPTH] internal _filledSubtrees;
    /// @dev The current root.
    uint256 internal _root;
    /// @dev Every root the tree has had (the empty tree's included).
    mapping(uint256 root => bool) internal _knownRoots;
    /// @notice Leaves inserted so far (the index the next note takes).
    uint32 public nextIndex;

    constructor() {
        uint256 empty = _zero(DEPTH);
        _root = empty;
        _knownRoots[empty] = true;
    }

    /// @notice The current root.
    function root() public view returns (uint256) {
        return _root;
    }

    /// @notice Whether `r` is the current root or any root the tree had before.
    function isKnownRoot(uint256 r) public view returns (bool) {
        return _knownRoots[r];
    }

    /// @dev Appends `leaf`, records the new root, returns the leaf's index.
    function _insert(uint256 leaf) internal returns (uint256 index) {
        index = nextIndex;
        if (index == 1 << DEPTH) revert TreeFull();
        uint256 node = leaf;
        uint256 i = index;
        for (uint256 level; level < DEPTH; ++level) {
            if (i & 1 == 0) {
                // A left node is read back only once its subtree is full (every lower bit of the index set): store it
                // then, not at every insertion below it (Tornado's tree stores it each time: ~12 more writes).
                if ((index + 1) & ((1 << level) - 1) == 0) _filledSubtrees[level] = node;
                node = PoseidonT3.hash([node, _zero(level)]);
            } else {
                node = PoseidonT3.hash([_filledSubtrees[level], node]);
            }
            i >>= 1;
        }
        _root = node;
        _knownRoots[node] = true;
        nextIndex = uint32(index + 1);
        emit NoteInserted(leaf, index, node);
    }

    /// @dev Root of an empty subtree of `level` levels (lib/privacy/tree.ts computes the same).
    function _zero(uint256 level) internal pure returns (uint256) {
        uint256[DEPTH + 1] memory z = [
            uint256(0),
            0x2098f5fb9e239eab3ceac3f27b81e481dc3124d55ffed523a839ee8446b64864,
            0x1069673dcdb12263df301a6ff584a7ec261a44cb9dc68df067a4774460b1f1e1,
            0x18f43331537ee2af2e3d758d50f72106467c6eea50371dd528d57eb2b856d238,
            0x07f9d837cb17b0d36320ffe93ba52345f1b728571a568265caac97559dbc952a,
            0x2b94cf5e8746b3f5c9631f4c5df32907a699c58c94b2ad4d7b5cec1639183f55,
            0x2dee93c5a666459646ea7d22cca9e1bcfed71e6951b953611d11dda32ea09d78,
            0x078295e5a22b84e982cf601eb639597b8b0515a88cb5ac7fa8a4aabe3c87349d,
            0x2fa5e5f18f6027a6501bec864564472a616b2e274a41211a444cbe3a99f3cc61,
            0x0e884376d0d8fd21ecb780389e941f66e45e7acce3e228ab3e2156a614fcd747,
            0x1b7201da72494f1e28717ad1a52eb469f95892f957713533de6175e5da190af2,
            0x1f8d8822725e36385200c0b201249819a6e6e1e4650808b5bebc6bface7d7636,
            0x2c5d82f66c914bafb9701589ba8cfcfb6162b0a12acf88a8d0879a0471b5f85a,
            0x14c54148a0940bb820957f5adf3fa1134ef5c4aaa113f4646458f270e0bfbfd0,
            0x190d33b12f986f961e10c0ee44d8b9af11be25588cad89d416118e4bf4ebe80c,
            0x22f98aa9ce704152ac17354914ad73ed1167ae6596af510aa5b3649325e06c92,
            0x2a7c7c9b6ce5880b9f6f228d72bf6a575a526f29c66ecceef8b753d38bba7323
        ];
        return z[level];
    }
}
