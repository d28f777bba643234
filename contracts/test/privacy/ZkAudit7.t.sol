// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelPrivatePool, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {ZkAudit6Test} from "./ZkAudit6.t.sol";

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
}
