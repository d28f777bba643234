// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelPrivatePool} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";
import {V3Base} from "./KeelPrivatePoolV3.t.sol";
import {ZkAudit5Fixtures as Z, Link} from "./ZkAudit5Fixtures.sol";

/// @dev Regression tests of audit zkaudit5 (docs/audit-2026-12-02-f.md) on circuit v3, with real proofs: the two
/// proofs of concept written against circuit v2 (a738bb3: H-1 a full tree froze every note, M-1 a 1-wei withdrawal
/// staled every other proof), turned around. PrivatePoolFixtures' journeys and ZkAudit5Fixtures' chain of 1-wei
/// withdrawals from Alice's note with Bob's top-up and exit proven beside it (scripts/zkaudit5-fixtures.ts). The notes
/// of a full tree acting after it filled, with real proofs, are KeelPrivatePoolV3.t.sol's rollover tests.
contract ZkAudit5Test is V3Base {
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

    /// @dev H-1 fixed: v2 refused every action once 2^16 notes were in (`TreeFull`), so the collateral of every live
    /// note stayed in the pool's vault for good. Now a full tree rolls over, and its notes keep acting with real proofs
    /// (PrivatePoolFixtures' ROLL_* journey): Erin's opening fills tree 0 at its last leaf; then Erin withdraws, Dave
    /// repays and, once WETH drops, Dave is liquidated — each proven against the full tree's frozen root or the next
    /// tree's, each inserting into tree 1 — and the collateral leaves the vault as the notes say.
    function test_h1_fixed_afterTheFill_everyNoteStillWithdrawsRepaysIsLiquidated() public {
        _rollStart();
        _runUpTo(F.ROLL_ERIN_OPEN, F.ROLL_DAVE_OPEN);
        assertEq(pool.nextIndex(), 1 << pool.DEPTH(), "tree 0 full");
        assertTrue(pool.frozenRoot(F.step(F.ROLL_ERIN_OPEN).t.newRoot), "its root frozen");
        uint256 locked = market.collateralOf(pool.vaultId(), address(weth));
        assertEq(locked, 11e18, "Dave's 10 WETH and Erin's 1 in the vault");

        FixtureStep memory w = F.step(F.ROLL_ERIN_WITHDRAW);
        uint256 before = weth.balanceOf(w.recipient);
        _submit(F.ROLL_ERIN_WITHDRAW); // v2: TreeFull
        assertEq(weth.balanceOf(w.recipient) - before, 0.5e18, "Erin withdrew");

        uint256 payer = usdc.balanceOf(PAYER);
        _submit(F.ROLL_DAVE_REPAY); // v2: TreeFull
        assertEq(payer - usdc.balanceOf(PAYER), 1_000e6, "Dave repaid");

        ethFeed.setAnswer(2362.5e8);
        FixtureStep memory liq = F.step(F.ROLL_DAVE_LIQUIDATED);
        payer = usdc.balanceOf(PAYER);
        _submit(F.ROLL_DAVE_LIQUIDATED); // v2: TreeFull
        assertEq(payer - usdc.balanceOf(PAYER), 20_600e6, "the liquidator repaid Dave's whole debt");
        assertEq(weth.balanceOf(liq.recipient) + pool.seizedOwed(liq.recipient), liq.amount, "and seized, paid or owed");
        _assertBacked(liq);
        assertLt(market.collateralOf(pool.vaultId(), address(weth)), locked, "collateral left the vault");
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
