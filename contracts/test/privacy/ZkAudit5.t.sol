// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelPrivatePool} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";
import {PoolSlots, PrivatePoolTestBase} from "./PrivatePoolTestBase.sol";
import {ZkAudit5Fixtures as Z, Link} from "./ZkAudit5Fixtures.sol";

/// @dev Regression tests of audit zkaudit5 (docs/audit-2026-12-02-f.md) on circuit v3, with real proofs: the two
/// proofs of concept written against circuit v2 (a738bb3: H-1 a full tree froze every note, M-1 a 1-wei withdrawal
/// staled every other proof), turned around. PrivatePoolFixtures' journeys and ZkAudit5Fixtures' chain of 1-wei
/// withdrawals from Alice's note with Bob's top-up and exit proven beside it (scripts/zkaudit5-fixtures.ts). The notes
/// of a full tree acting after it filled, with real proofs, are KeelPrivatePoolV3.t.sol's rollover tests.
contract ZkAudit5Test is PrivatePoolTestBase {
    using PoolSlots for KeelPrivatePool;

    /// @dev forge's console (the address forge-std's console2 calls, which has no code: a low-level call).
    address internal constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    function setUp() public override {
        super.setUp();
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode); // the proofs are bound to its address
        _fundPayer(100e18, 100_000e6);
    }

    function _log(string memory label, uint256 value) internal view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string,uint256)", label, value));
        ok; // the console answers nothing
    }

    /// @dev Lands `l` (a DEBT_FREE withdrawal to GRIEFER, sent by anyone) and returns its gas.
    function _withdraw(Link memory l, uint256 amount) internal returns (uint256 gas) {
        uint256 debtFree = pool.DEBT_FREE();
        vm.prank(Z.GRIEFER);
        uint256 before = gasleft();
        pool.withdraw(l.proof, l.t, amount, Z.GRIEFER, debtFree, "");
        gas = before - gasleft();
    }

    function _grief(uint256 i) internal returns (uint256) {
        return _withdraw(Z.link(i), 1);
    }

    /// @dev H-1 fixed: v2 refused every action once 2^16 notes were in (`TreeFull`), so the vault's collateral stayed
    /// there for good. Now a full tree rolls over: with tree 0 full (the count at 2^20, the state 2^20 insertions
    /// leave), the whole fixture journey — deposits, a borrow, withdrawals, repayments, an exit — lands in tree 1,
    /// and with trees 0 and 1 full the liquidation journey lands in tree 2: each proof's leaf is its leaf within the
    /// current tree, and nothing in the pool depends on the count but the tree it points at.
    function test_h1_fixed_fullTreesRollOver_everyActionStillLands() public {
        uint256 full = 1 << pool.DEPTH();
        uint256 snap = vm.snapshotState();
        pool.setLeaves(full);
        assertEq(pool.root(), pool.EMPTY_ROOT(), "tree 1 starts empty");
        for (uint256 i; i <= F.BOB_BORROW; ++i) {
            _submit(i); // v2: TreeFull
        }
        FixtureStep memory last = F.step(F.BOB_BORROW);
        assertEq(pool.nextIndex(), full + F.BOB_BORROW, "eight actions in tree 1, one of them an exit");
        assertEq(pool.noteCollateral(), last.noteCollateral, "books = live notes");
        assertEq(market.collateralOf(pool.vaultId(), address(weth)), 2e18, "Bob's 2 WETH: Alice's 10 went out");
        assertEq(weth.balanceOf(F.step(F.ALICE_WITHDRAW_ALL).recipient), 10e18, "all of Alice's collateral out");

        vm.revertToState(snap);
        pool.setLeaves(2 * full);
        for (uint256 i = F.CAROL_OPEN; i <= F.MALLORY_BORROW; ++i) {
            _submit(i);
        }
        ethFeed.setAnswer(2362.5e8);
        _submit(F.MALLORY_LIQUIDATED);
        _submit(F.CAROL_EXIT);
        assertEq(pool.nextIndex(), 2 * full + 4, "tree 2: three notes and the liquidation's, Carol's exit none");
        assertEq(weth.balanceOf(F.step(F.MALLORY_LIQUIDATED).recipient), 9.6e18, "the liquidator seized 9.6 WETH");
        assertEq(pool.noteCollateral(), 0.4e18, "Mallory's 0.4 WETH left");
        assertEq(market.collateralOf(pool.vaultId(), address(weth)), 0.4e18, "the vault holds exactly that");
    }

    /// @dev M-1 remains for inserting actions (stated honestly): a griefer's 1-wei DEBT_FREE withdrawal — no minimum,
    /// no price read, the wei back to itself, proven in advance — landed first still makes every inserting proof made
    /// against the same root stale: Bob's top-up must be proven again. Each link still takes a leaf, but leaves no
    /// longer run out (trees roll over: H-1 above).
    function test_m1_remains_oneWeiWithdrawalStillStalesAnInsertingAction() public {
        _submit(F.ALICE_OPEN); // the griefer's note: 10 WETH, no debt (Alice's in the fixtures)
        _submit(F.BOB_OPEN);
        Link memory topUp = Z.bobTopUp();
        assertEq(topUp.t.root, pool.root(), "Bob's top-up is proven against the current root");
        assertEq(Z.link(0).t.root, pool.root(), "and so is the griefer's first link");
        uint256 gas0 = _grief(0); // lands first in the block
        (uint256 debtFree, uint256 root) = (pool.DEBT_FREE(), pool.root());
        vm.prank(PAYER);
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, topUp.t.root, root));
        pool.deposit(topUp.proof, topUp.t, 1e18, debtFree, "");
        vm.warp(block.timestamp + 2 hours); // DEBT_FREE reads no price: a stale oracle does not stop the chain
        vm.roll(block.number + 1);
        uint256 gas1 = _grief(1);
        vm.roll(block.number + 1);
        uint256 gas2 = _grief(2);
        assertEq(weth.balanceOf(Z.GRIEFER), 3, "3 wei back to the griefer: no capital spent");
        assertEq(pool.nextIndex(), 2 + Z.LINKS, "one leaf per link");
        _log("zkaudit5: 1-wei DEBT_FREE withdrawal gas, first (cold)", gas0);
        _log("zkaudit5: 1-wei DEBT_FREE withdrawal gas, next", gas1);
        _log("zkaudit5: 1-wei DEBT_FREE withdrawal gas, next", gas2);
        _log("zkaudit5: gas to push a root out of the ring (256 links)", gas2 * 256);
    }

    /// @dev M-1 fixed for exits: Bob's exit, proven against the same root as his top-up, lands after all of the
    /// griefer's links (its membership root sits in the ring until 256 insertions follow it, and an exit proves no
    /// insertion). Staling an exit now takes 256 insertions in front of it, each paying a proof's gas.
    function test_m1_fixed_exitLandsAfterTheGriefersLinks() public {
        _submit(F.ALICE_OPEN);
        _submit(F.BOB_OPEN);
        Link memory exit = Z.bobExit();
        assertEq(exit.t.memberRoot, pool.root(), "Bob's exit is proven against the current root");
        assertEq(exit.t.newCommitment, 0, "an exit");
        for (uint256 i; i < Z.LINKS; ++i) {
            _grief(i);
        }
        assertTrue(pool.root() != exit.t.memberRoot, "the griefer moved the root three times");
        uint256 leaves = pool.nextIndex();
        _withdraw(exit, 2e18);
        assertEq(weth.balanceOf(Z.GRIEFER), 2e18 + 3, "Bob's 2 WETH out (to the address his proof names)");
        assertEq(pool.nextIndex(), leaves, "the exit took no leaf");
        assertEq(pool.noteCollateral(), 10e18 - 3, "the griefer's note only");
        assertEq(market.collateralOf(pool.vaultId(), address(weth)), 10e18 - 3, "the vault holds exactly the notes");
    }
}
