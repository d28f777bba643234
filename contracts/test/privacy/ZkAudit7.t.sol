// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelPrivatePool, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {ZkAudit6Test} from "./ZkAudit6.t.sol";
import {SharesLib} from "../../src/libraries/SharesLib.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";

/// @dev zkaudit7 (docs/audit-2026-12-02-i.md): proofs of concept against the aside liquidation (6498e30), the
/// EMPTY_ROOT-filled ring (2404b3e) and the position binding (a4d97a6), on ZkAudit6's stub verifier (a proof verifies
/// for exactly the inputs it was made for). Inherits ZkAudit6Test for its helpers; run with
/// `--match-contract ZkAudit7Test` to run only these. PoCs, not regression tests: each passes on main 3e7b9ff.
contract ZkAudit7Test is ZkAudit6Test {
    function _depositPriced(NoteTransition memory t, uint256 amount, uint256 idx) internal pure returns (bytes memory) {
        return abi.encodeCall(KeelPrivatePool.deposit, (_proof(), t, amount, idx, ""));
    }

    /// @dev Q3: liquidateAside feeds the verifier only liquidation inputs (mode 2, both amounts out, the market's LT, a
    /// debt index at most the market's), whatever the transition: an owner's proof (mode 1) can never verify there.
    /// A whole seizure sent aside is the plain exit (the same 13 inputs as through `liquidate`), and an aside proof
    /// replayed is NoteAlreadySpent (its root registered once).
    function test_aside_onlyModeTwoInputs_exitIsTheSameAsMain_replaySpent() public {
        _asideSetUp();
        NoteTransition memory asideT = _ins(pool.EMPTY_ROOT(), 21, _h("borrower", 1), aMember, aSlot);
        uint256[13] memory inputs = _prove(_liquidateAside(asideT, 9e18, aShares, aIdx));
        assertEq(inputs[7] & 3, 2, "mode 2 (liquidation) in params");
        assertEq(inputs[4] >> 192, 3, "collateral and shares both out");
        assertEq((inputs[7] >> 2) & type(uint64).max, pool.liquidationThreshold(), "the market's LT");
        // a debt index above the market's is refused before any proof (it would overstate the debt)
        vm.expectRevert(
            abi.encodeWithSelector(KeelPrivatePool.DebtIndexAboveCurrent.selector, pool.debtIndex(), aIdx + 1)
        );
        this.proveExternal(_liquidateAside(asideT, 9e18, aShares, aIdx + 1));
        // a whole seizure: the same inputs aside or not (the exit path, plain binding, no leaf)
        NoteTransition memory exitT = _exit(0, _h("borrower", 1), aMember, aSlot);
        uint256[13] memory viaMain = _prove(_liquidate(exitT, 10e18, aShares, aIdx));
        uint256[13] memory viaAside = _prove(_liquidateAside(exitT, 10e18, aShares, aIdx));
        assertEq(
            uint256(keccak256(abi.encode(viaMain))),
            uint256(keccak256(abi.encode(viaAside))),
            "an exit is an exit either way"
        );
        // the partial aside liquidation lands once; its replay is refused as spent
        _land(_liquidateAside(asideT, 9e18, aShares, aIdx));
        assertTrue(pool.frozenRoot(asideT.newRoot));
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, _h("borrower", 1)));
        this.landExternal(_liquidateAside(asideT, 9e18, aShares, aIdx));
        assertEq(pool.noteCollateral(), 110e18 - 9e18, "the remainder (1 WETH) stays counted");
        assertEq(pool.noteShares(), 0, "every share repaid");
    }

    /// @dev Q3: an aside root that equals a root the pool already knows (the remainder's commitment at leaf 0 of a
    /// main tree: its twin, only its owner can make one) is recorded again, harmlessly: the mapping is idempotent, no
    /// counter moves. And EMPTY_ROOT, known at every unwritten ring slot of a young pool, is never made "frozen" by
    /// an aside (its newRoot holds a non-zero commitment).
    function test_aside_rootAlreadyKnown_isIdempotent() public {
        _asideSetUp();
        uint256 leaves = pool.nextIndex();
        // the aside proof's newRoot chosen equal to a root in the ring (a twin: the same commitment at a main leaf 0)
        NoteTransition memory asideT = _ins(pool.EMPTY_ROOT(), 21, _h("borrower", 1), aMember, aSlot);
        asideT.newRoot = aMember;
        _proveAndLand(_liquidateAside(asideT, 9e18, aShares, aIdx));
        assertTrue(pool.frozenRoot(aMember), "known for good now; it was a real root already");
        assertEq(pool.nextIndex(), leaves, "no leaf taken");
        assertFalse(pool.frozenRoot(pool.EMPTY_ROOT()), "EMPTY_ROOT is never frozen");
    }

    /// @dev Q4 (residual of audit h M-1, Low): the owner's rescue of a liquidatable note (a priced deposit at the LT,
    /// the only way back short of full repayment, itself inserting) still races for the current root, while the aside
    /// liquidation no longer does. A liquidator that lands one 1-wei link before the owner's rescue keeps the rescue out
    /// (StaleRoot) and liquidates aside in the same block: the race is now one-sided.
    function test_rescueDepositStillRaces_asideLiquidationDoesNot() public {
        (uint256 gMember, uint256 gSlot) = _asideSetUp(); // WETH at 2,300: the 10-WETH note owing 20,000 is liquidatable
        uint256 nul = _h("borrower", 1);
        // the owner proves a 3-WETH rescue deposit (13 × 2,300 × 0.85 = 25,415 > 20,000), priced, at the LT
        bytes memory rescue = _depositPriced(_ins(pool.root(), 40, nul, aMember, aSlot), 3e18, pool.debtIndex());
        _prove(rescue);
        // the liquidator proves aside (no current root needed) and front-runs with one link of its own note
        bytes memory asideLiq =
            _liquidateAside(_ins(pool.EMPTY_ROOT(), 21, nul, aMember, aSlot), 9e18, aShares, pool.debtIndex());
        _prove(asideLiq);
        _proveAndLand(_withdraw(_ins(pool.root(), 1000, _h("griefer", 0), gMember, gSlot), 1, GRIEFER));
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, aMember, pool.root()));
        this.landExternal(rescue);
        _land(asideLiq);
        assertEq(weth.balanceOf(LIQUIDATOR), 9e18, "seized with the bonus");
        // the owner's rescue, re-proven, is now NoteAlreadySpent: the note is gone
        bytes memory again = _depositPriced(_ins(pool.root(), 41, nul, aMember, aSlot), 3e18, pool.debtIndex());
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, nul));
        this.proveExternal(again);
    }

    /// @dev Q2: a stale inserting proof made for global position p never lands at another position, even when the
    /// pool's root is forced back to the one it was proven against (impossible on chain: every insertion changes the
    /// root): the leaf in `params` and the position in the binding both differ — InvalidProof. (Another tree's same
    /// leaf: ZkAudit6's test_staleLeafZeroProof_doesNotReviveAtTheNextTreesFirstLeaf.)
    function test_positionBinding_sameRootOtherPosition_invalid() public {
        (uint256 member, uint256 slot) = _open(1, 2e18);
        bytes memory w = _withdraw(_ins(pool.root(), 50, _h("owner", 1), member, slot), 1e18, OWNER_RECIPIENT);
        _prove(w);
        uint256 rootThen = pool.root();
        _open(2, 1e18); // another action takes position 1
        _jump(pool.nextIndex(), rootThen); // the same root, at position 2
        assertEq(pool.root(), rootThen);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.landExternal(w);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Regressions: audit i L-1 fixed — the owner's rescue may go aside (depositAside, repayAside), and `close` repays
    // and withdraws everything in one proof, an exit (no root to race for, no price read).

    uint256 internal constant ASIDE_TEST_NOTE = 40;
    address internal constant CLOSE_TO = address(0xC105E);

    function _depositAside(NoteTransition memory t, uint256 amount, uint256 idx) internal pure returns (bytes memory) {
        return abi.encodeCall(KeelPrivatePool.depositAside, (_proof(), t, amount, idx, ""));
    }

    function _repayAside(NoteTransition memory t, uint256 shares, uint256 idx) internal pure returns (bytes memory) {
        return abi.encodeCall(KeelPrivatePool.repayAside, (_proof(), t, shares, idx, ""));
    }

    function _close(NoteTransition memory t, uint256 amount, uint256 shares, address to)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeCall(KeelPrivatePool.close, (_proof(), t, amount, shares, to, ""));
    }

    /// @dev The aside insertion's public inputs: EMPTY_ROOT as `root`, no leaf in params, the binding bound to ASIDE.
    function _checkOwnerAsideInputs(uint256[13] memory inputs) internal view {
        assertEq(inputs[0], pool.EMPTY_ROOT(), "proven into an empty tree");
        assertEq(inputs[7] & 3, 1, "mode 1 (owner)");
        assertEq((inputs[7] >> 162) & ((1 << 20) - 1), 0, "leaf 0 of its own tree");
        assertEq((inputs[7] >> 2) & type(uint64).max, pool.liquidationThreshold(), "a rescue proves at the LT");
    }

    /// @dev The PoC above, fixed: the owner's rescue deposit sent aside lands after the griefer's link (no current
    /// root to lose), the note is healthy again, and the liquidator's aside proof of the old note is then refused as
    /// spent. The rescued note is known by its own root and spendable against it.
    function test_rescueDepositAside_landsWhateverLandsFirst() public {
        (uint256 gMember, uint256 gSlot) = _asideSetUp();
        uint256 nul = _h("borrower", 1);
        NoteTransition memory t = _ins(pool.EMPTY_ROOT(), ASIDE_TEST_NOTE, nul, aMember, aSlot);
        bytes memory rescue = _depositAside(t, 3e18, pool.debtIndex());
        _checkOwnerAsideInputs(_prove(rescue));
        bytes memory asideLiq =
            _liquidateAside(_ins(pool.EMPTY_ROOT(), 21, nul, aMember, aSlot), 9e18, aShares, pool.debtIndex());
        _prove(asideLiq);
        _proveAndLand(_withdraw(_ins(pool.root(), 1000, _h("griefer", 0), gMember, gSlot), 1, GRIEFER));
        uint256 leaves = pool.nextIndex();
        uint256 collateralBefore = pool.noteCollateral();
        _land(rescue);
        assertTrue(pool.frozenRoot(t.newRoot), "the rescued note's own root is known");
        assertEq(pool.nextIndex(), leaves, "no leaf of the current tree taken");
        assertEq(pool.noteCollateral(), collateralBefore + 3e18);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, nul));
        this.landExternal(asideLiq);
        // the rescued note spends against its own root (slot ignored for a frozen root), e.g. a later withdrawal
        _proveAndLand(
            _withdrawPriced(
                _ins(pool.root(), 41, _h("rescued", 0), t.newRoot, 0), 1e18, OWNER_RECIPIENT, pool.debtIndex() + 1
            )
        );
    }

    /// @dev The same for a rescue by repayment: repayAside lands after the griefer's link.
    function test_rescueRepayAside_landsWhateverLandsFirst() public {
        (uint256 gMember, uint256 gSlot) = _asideSetUp();
        uint256 nul = _h("borrower", 1);
        NoteTransition memory t = _ins(pool.EMPTY_ROOT(), ASIDE_TEST_NOTE, nul, aMember, aSlot);
        bytes memory rescue = _repayAside(t, aShares / 4, pool.debtIndex());
        _checkOwnerAsideInputs(_prove(rescue));
        _proveAndLand(_withdraw(_ins(pool.root(), 1000, _h("griefer", 0), gMember, gSlot), 1, GRIEFER));
        uint256 shares = pool.noteShares();
        uint256 paid = usdc.balanceOf(PAYER);
        _land(rescue);
        assertTrue(pool.frozenRoot(t.newRoot));
        assertEq(pool.noteShares(), shares - aShares / 4);
        assertLt(usdc.balanceOf(PAYER), paid, "the payer paid");
    }

    /// @dev A plain (racing) deposit and its aside twin are different public inputs: a proof made for one never
    /// verifies as the other (root, leaf and binding all differ), so a copier cannot move an owner's insertion.
    function test_asideAndMainDeposit_differentInputs() public {
        _asideSetUp();
        uint256 nul = _h("borrower", 1);
        uint256[13] memory main =
            _prove(_depositPriced(_ins(pool.root(), ASIDE_TEST_NOTE, nul, aMember, aSlot), 3e18, pool.debtIndex()));
        uint256[13] memory aside =
            _prove(_depositAside(_ins(pool.root(), ASIDE_TEST_NOTE, nul, aMember, aSlot), 3e18, pool.debtIndex()));
        assertTrue(main[0] != aside[0], "root");
        assertTrue(main[5] != aside[5], "binding (position vs ASIDE)");
        assertTrue(main[7] != aside[7], "leaf in params");
    }

    /// @dev `close`: one proof repays every share and withdraws all the collateral — an exit, so it lands after any
    /// number of insertions (within the ring) and with the price feed stale (DEBT_FREE inputs, no price read; the note is
    /// the pool's only debt, so the market's aggregate check after the repayment needs no price either — with another
    /// note owing it refuses: ZkAudit8's test_close_staleFeed_refusedWhileAnotherNoteOwes, audit j L-1).
    function test_close_landsAfterGriefingAndWithAStaleFeed() public {
        (uint256 gMember, uint256 gSlot) = _asideSetUp();
        ethFeed.setAnswer(3000e8); // healthy again: the owner closes on their own
        uint256 nul = _h("borrower", 1);
        bytes memory c = _close(_exit(pool.root(), nul, aMember, aSlot), 10e18, aShares, CLOSE_TO);
        uint256[13] memory inputs = _prove(c);
        assertEq(inputs[7] & 3, 1, "mode 1: only the owner's key proves it");
        assertEq((inputs[7] >> 2) & type(uint64).max, 0, "threshold 0: the new note owes nothing");
        assertEq(inputs[6], 1 << 96, "DEBT_FREE prices: collateral 0, debt 1");
        assertEq(inputs[4] >> 192, 3, "collateral and shares both out");
        assertEq(inputs[3], 0, "no new commitment");
        _griefChain(gMember, gSlot, 5);
        vm.warp(block.timestamp + 3 days); // every feed stale: a priced action reverts in the oracle
        vm.expectRevert();
        oracle.prices(address(weth), address(usdc));
        uint256 leaves = pool.nextIndex();
        uint256 debt = market.debtOf(pool.vaultId());
        uint256 paid = usdc.balanceOf(PAYER);
        _land(c);
        assertEq(weth.balanceOf(CLOSE_TO), 10e18, "all the collateral out");
        assertEq(paid - usdc.balanceOf(PAYER), debt - market.debtOf(pool.vaultId()), "the payer repaid the note's debt");
        assertEq(pool.noteShares(), 0);
        assertEq(pool.nextIndex(), leaves, "an exit takes no leaf");
        assertTrue(pool.nullifierSpent(nul));
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, nul));
        this.landExternal(c);
    }

    /// @dev `close` refuses before any proof: a new note that holds something (not an exit), nothing to move, no
    /// recipient, amounts above MAX_AMOUNT.
    function test_close_refusals() public {
        (uint256 member, uint256 slot) = _open(1, 2e18);
        NoteTransition memory ins = _ins(pool.root(), 7, _h("owner", 1), member, slot);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NotAnExit.selector, ins.newCommitment));
        this.proveExternal(_close(ins, 2e18, 0, CLOSE_TO));
        NoteTransition memory e = _exit(pool.root(), _h("owner", 1), member, slot);
        vm.expectRevert(KeelPrivatePool.ZeroAmount.selector);
        this.proveExternal(_close(e, 0, 0, CLOSE_TO));
        vm.expectRevert(KeelPrivatePool.ZeroRecipient.selector);
        this.proveExternal(_close(e, 2e18, 0, address(0)));
        uint256 tooMuch = pool.MAX_AMOUNT() + 1;
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.AmountTooLarge.selector, tooMuch));
        this.proveExternal(_close(e, tooMuch, 0, CLOSE_TO));
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.AmountTooLarge.selector, tooMuch));
        this.proveExternal(_close(e, 2e18, tooMuch, CLOSE_TO));
        // a debt-free note closes with shares 0 (its inputs still say both signs, so no withdraw proof passes here)
        uint256[13] memory inputs = _prove(_close(e, 2e18, 0, CLOSE_TO));
        assertEq(inputs[4], 2e18 | (3 << 192));
        _land(_close(e, 2e18, 0, CLOSE_TO));
        assertEq(weth.balanceOf(CLOSE_TO), 2e18);
    }

    /// @dev Gas of the new calls with the generated verifier's full work (as ZkAudit6's Q6 figures): a rescue deposit
    /// and a rescue repayment aside (priced), and a close of an indebted note (DEBT_FREE, no insertion).
    function test_gas_asideRescuesAndClose_realVerifierWork() public {
        _deploy(new PrivateVaultVerifier());
        uint256 overhead = _stubOverhead();
        _open(1, 10e18);
        (uint256 gMember, uint256 gSlot) = _open(2, 100e18);
        uint256 shares = SharesLib.toSharesDown(20_000e6, market.totalBorrows(), market.totalBorrowShares());
        _proveAndLand(_borrow(_ins(pool.root(), 10, _h("borrower", 0), gMember, gSlot), shares, pool.debtIndex()));
        uint256 m = pool.root();
        uint256 s = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
        NoteTransition memory t = _ins(pool.EMPTY_ROOT(), 40, _h("borrower", 1), m, s);
        uint256 g = _proveAndLand(_depositAside(t, 3e18, pool.debtIndex()));
        _log("depositAside (priced rescue, its own tree)", g - overhead);
        NoteTransition memory t2 = _ins(pool.EMPTY_ROOT(), 41, _h("rescued", 1), t.newRoot, 0);
        g = _proveAndLand(_repayAside(t2, shares / 2, pool.debtIndex()));
        _log("repayAside (priced rescue, member = an aside root)", g - overhead);
        g = _proveAndLand(_close(_exit(0, _h("rescued", 2), t2.newRoot, 0), 13e18, shares - shares / 2, CLOSE_TO));
        _log("close (repay every share + withdraw everything, DEBT_FREE, no insertion)", g - overhead);
    }
}
