// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelPrivatePool} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";
import {PrivatePoolTestBase} from "./PrivatePoolTestBase.sol";
import {ZkAudit5Fixtures as Z, Link} from "./ZkAudit5Fixtures.sol";

/// @dev The storage cheatcodes (not in contracts/test/utils/Test.sol's Vm).
interface VmStorage {
    function store(address target, bytes32 slot, bytes32 value) external;
    function load(address target, bytes32 slot) external view returns (bytes32);
}

/// @dev Proofs of concept of audit zkaudit5 (docs/audit-2026-12-02-f.md) against circuit v2 (a738bb3), with real
/// proofs: PrivatePoolFixtures' journey and ZkAudit5Fixtures' chain of 1-wei withdrawals from Alice's note
/// (scripts/zkaudit5-fixtures.ts). Each test passes on the audited code and shows its issue.
contract ZkAudit5Test is PrivatePoolTestBase {
    /// @dev forge's console (the address forge-std's console2 calls, which has no code: a low-level call).
    address internal constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;
    /// @dev PrivatePoolTree's storage: `_root` in slot 0, `nextIndex` in slot 1 (checked in `_setTree`).
    bytes32 internal constant ROOT_SLOT = bytes32(uint256(0));
    bytes32 internal constant NEXT_INDEX_SLOT = bytes32(uint256(1));
    uint256 internal constant LEAVES = 1 << 16;

    function setUp() public override {
        super.setUp();
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode); // the proofs are bound to its address
        _fundPayer(100e18, 100_000e6);
    }

    function _log(string memory label, uint256 value) internal view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string,uint256)", label, value));
        ok; // the console answers nothing
    }

    /// @dev Lands the griefer's link `i` (a 1-wei DEBT_FREE withdrawal, sent by anyone) and returns its gas.
    function _grief(uint256 i) internal returns (uint256 gas) {
        Link memory l = Z.link(i);
        uint256 debtFree = pool.DEBT_FREE();
        vm.prank(Z.GRIEFER);
        uint256 before = gasleft();
        pool.withdraw(l.proof, l.t, 1, Z.GRIEFER, debtFree, "");
        gas = before - gasleft();
    }

    /// @dev The tree's state as `root` with `size` leaves, written directly (the state 65,536 − size further
    /// insertions would reach; nothing else in the pool depends on the count).
    function _setTree(uint256 root, uint256 size) internal {
        VmStorage(address(vm)).store(address(pool), ROOT_SLOT, bytes32(root));
        VmStorage(address(vm)).store(address(pool), NEXT_INDEX_SLOT, bytes32(size));
        assertEq(pool.root(), root, "root slot");
        assertEq(pool.nextIndex(), size, "nextIndex slot");
    }

    /// @dev H-1: once 2^16 notes have been inserted, every action reverts `TreeFull` — deposit, withdrawal, borrow,
    /// repayment (priced or DEBT_FREE) and liquidation alike, since each inserts a note — and the pool has no other
    /// way out: the collateral of every live note stays in the pool's market vault for good.
    function test_poc_fullTree_freezesEveryNoteForever() public {
        for (uint256 i; i <= F.ALICE_BORROW; ++i) {
            _submit(i); // Alice: 10 WETH owing 12,000 USDC; Bob: 2 WETH
        }
        uint256 locked = market.collateralOf(pool.vaultId(), address(weth));
        assertEq(locked, 12e18, "Alice's and Bob's collateral in the pool's vault");
        // every proof of every kind in the fixtures, made against the root it would meet: all refused alike
        for (uint256 i; i < F.STEPS; ++i) {
            FixtureStep memory s = F.step(i);
            if (pool.nullifierSpent(s.t.nullifier)) continue;
            _setTree(s.t.root, LEAVES);
            vm.expectRevert(PrivatePoolTree.TreeFull.selector);
            _submitAs(s, s.t, s.amount, s.recipient);
        }
        // nothing else moves the vault's collateral: claimSeized pays only what a liquidation left owed (none here)
        vm.expectRevert(KeelPrivatePool.ZeroAmount.selector);
        pool.claimSeized(F.step(F.ALICE_WITHDRAW_ALL).recipient);
        assertEq(market.collateralOf(pool.vaultId(), address(weth)), locked, "12 WETH frozen in the pool's vault");
    }

    /// @dev H-1 (how the tree fills) and M-1 (the race): the cheapest action that moves the root is a 1-wei
    /// withdrawal from a debt-free note with DEBT_FREE inputs — no minimum, no price read, the wei goes back to the
    /// griefer's own address. Its proofs are made in advance (each link against the root the previous one leaves, all
    /// before any landed), so the griefer needs no fast prover: landed first in a block, each link makes every other
    /// proof against that root stale (Bob's opening here), and each one uses a leaf of the 65,536.
    function test_poc_oneWeiDebtFreeWithdrawals_staleEveryOtherProof_andEachTakesALeaf() public {
        _submit(F.ALICE_OPEN); // the griefer's note: 10 WETH, no debt (Alice's in the fixtures)
        FixtureStep memory bob = F.step(F.BOB_OPEN);
        assertEq(bob.t.root, pool.root(), "Bob's opening is proven against the current root");
        assertEq(Z.link(0).t.root, pool.root(), "and so is the griefer's first link");
        uint256 gas0 = _grief(0); // lands first in the block
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, bob.t.root, pool.root()));
        _submit(F.BOB_OPEN); // Bob must prove again; meanwhile the next link, proven long ago, lands in the next block
        // the oracle goes stale: the griefer's chain does not care (DEBT_FREE reads no price, the vault owes nothing)
        vm.warp(block.timestamp + 2 hours);
        vm.roll(block.number + 1);
        uint256 gas1 = _grief(1);
        vm.roll(block.number + 1);
        uint256 gas2 = _grief(2);
        assertEq(weth.balanceOf(Z.GRIEFER), 3, "3 wei back to the griefer: no capital spent");
        assertEq(pool.nextIndex(), 1 + Z.LINKS, "one leaf of the 65,536 per link");
        assertEq(pool.noteCollateral(), 10e18 - 3, "the griefer's note keeps the rest");
        assertEq(market.collateralOf(pool.vaultId(), address(weth)), 10e18 - 3, "the vault holds exactly the notes");
        _log("zkaudit5: 1-wei DEBT_FREE withdrawal gas, first (cold)", gas0);
        _log("zkaudit5: 1-wei DEBT_FREE withdrawal gas, next", gas1);
        _log("zkaudit5: 1-wei DEBT_FREE withdrawal gas, next", gas2);
        _log("zkaudit5: gas to fill the 65,535 leaves left after one note", gas2 * (LEAVES - 1));
        assertLt(gas2, 400_000, "under 400k gas a link (call frame; the tx base and calldata come on top)");
    }
}
