// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelPrivatePool, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {SharesLib} from "../../src/libraries/SharesLib.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {ZkAudit7Test} from "./ZkAudit7.t.sol";
import {VmStorage} from "./ZkAudit6.t.sol";

/// @dev The log-recording cheatcodes (no forge-std here).
interface VmLogs8 {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory);
}

/// @dev zkaudit8 (docs/audit-2026-12-03-j.md): proofs of concept against audit i L-1's fix (905b913: depositAside,
/// repayAside, close), on ZkAudit6's stub verifier (a proof verifies for exactly the inputs the pool built when it was
/// made). Inherits ZkAudit7Test for its helpers; run with `--match-contract ZkAudit8Test` (ZkAudit7's and ZkAudit6's
/// tests run again in it). PoCs, not regression tests: each passes on main f09c1cb.
contract ZkAudit8Test is ZkAudit7Test {
    VmStorage internal constant VM_LOAD = VmStorage(address(uint160(uint256(keccak256("hevm cheat code")))));
    VmLogs8 internal constant VM_LOGS = VmLogs8(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev L-1 (the close's "a stale feed does not stop a close"): true only when the close leaves the pool's vault
    /// owing nothing. The pool reads no price, but the market's `withdrawCollateral` checks the pool's whole vault
    /// (`_checkLtv`) whenever it still owes anything — i.e. whenever any other note has debt. With the WETH feed stale
    /// the collateral is valued 0 and the close reverts; ZkAudit7's `test_close_landsAfterGriefingAndWithAStaleFeed`
    /// passes only because the closing note is the pool's only debt. Nothing is lost (the whole close reverts, the
    /// nullifier stays unspent) and it lands once the feed is fresh: a liveness claim, not funds.
    function test_close_staleFeed_refusedWhileAnotherNoteOwes() public {
        _asideSetUp(); // note A: 10 WETH owing 20,000 USDC; the griefer's 100 WETH, debt-free
        ethFeed.setAnswer(3000e8);
        // a second borrower: 5 WETH owing 1,000 USDC (any other indebted note in the pool)
        (uint256 bMember, uint256 bSlot) = _open(3, 5e18);
        uint256 bShares = SharesLib.toSharesDown(1_000e6, market.totalBorrows(), market.totalBorrowShares());
        _proveAndLand(_borrow(_ins(pool.root(), 60, _h("second", 0), bMember, bSlot), bShares, pool.debtIndex()));
        // A's owner proves the close (DEBT_FREE inputs: no price in them)
        bytes memory c = _close(_exit(pool.root(), _h("borrower", 1), aMember, aSlot), 10e18, aShares, CLOSE_TO);
        _prove(c);
        // two hours later: the WETH feed (1 h heartbeat) is stale, USDC's fresh
        vm.warp(block.timestamp + 2 hours);
        usdcFeed.setAnswer(1e8);
        vm.expectRevert();
        oracle.prices(address(weth), address(usdc));
        // the market's check of the pool's vault: WETH unpriced (limit 0), the vault still owes B's debt
        vm.expectPartialRevert(IKeelMarket.ExceedsLtv.selector);
        this.landExternal(c);
        assertFalse(pool.nullifierSpent(_h("borrower", 1)), "nothing spent: the owner just cannot leave yet");
        // the same proof lands once the feed is fresh again (DEBT_FREE: no price in its inputs)
        ethFeed.setAnswer(3000e8);
        _land(c);
        assertEq(weth.balanceOf(CLOSE_TO), 10e18);
        assertGt(market.debtOf(pool.vaultId()), 0, "the vault still owes B's debt: the market checked it");
    }

    /// @dev L-1, second face: a healthy owner cannot close while the pool's vault as a whole is over the market's LTV
    /// (one under-water note the keeper skips as a loss, a price drop): the close's withdrawal is the market's
    /// `ExceedsLtv` on the aggregate, and the repayment in the same call is undone with it. Pre-existing for
    /// `withdraw` (shared vault); stated here because the docs and the close's NatSpec say an owner can always leave.
    function test_close_healthyOwnerRefusedWhileAggregateOverLtv() public {
        (uint256 hMember, uint256 hSlot) = _open(1, 10e18); // H: 10 WETH
        (uint256 uMember, uint256 uSlot) = _open(2, 10e18); // U: 10 WETH
        uint256 idx = pool.debtIndex();
        uint256 hShares = SharesLib.toSharesDown(5_000e6, market.totalBorrows(), market.totalBorrowShares());
        _proveAndLand(_borrow(_ins(pool.root(), 10, _h("h", 0), hMember, hSlot), hShares, idx));
        uint256 uShares = SharesLib.toSharesDown(20_000e6, market.totalBorrows(), market.totalBorrowShares());
        _proveAndLand(_borrow(_ins(pool.root(), 11, _h("u", 0), uMember, uSlot), uShares, pool.debtIndex()));
        // WETH at 1,500: H (10 WETH, 5,000 owed) has HF 2.55; U (10 WETH, 20,000) is under water (15,000 < 20,000,
        // the keeper skips it); the vault: 20 × 1,500 × 0.8 = 24,000 < 25,000 owed — over its LTV
        ethFeed.setAnswer(1500e8);
        uint256 hMemberRoot = _rootAfter(2); // the root after H's borrow (position 2)
        bytes memory c = _close(_exit(0, _h("h", 1), hMemberRoot, 2), 10e18, hShares, CLOSE_TO);
        _prove(c);
        vm.expectPartialRevert(IKeelMarket.ExceedsLtv.selector);
        this.landExternal(c);
        assertFalse(pool.nullifierSpent(_h("h", 1)), "nothing spent; H cannot leave until U is dealt with");
    }

    function _rootAfter(uint256 position) internal view returns (uint256) {
        return uint256(VM_LOAD.load(address(pool), bytes32(ROOTS_SLOT + position % pool.ROOT_HISTORY())));
    }

    /// @dev Q1: the exits that move what a close moves are all different public inputs, so no proof made for one
    /// function verifies in another: close with shares 0 vs a DEBT_FREE full withdrawal (deltas: the SHARES_OUT bit),
    /// close with collateral 0 vs a DEBT_FREE full repayment (deltas: COLLATERAL_OUT; binding: recipient 0), close vs a
    /// whole seizure (params: mode 1 vs 2, threshold, index; prices). Each sent to the other function: InvalidProof.
    function test_closeVsWithdrawExit_inputsNeverCollide() public {
        // (a) a debt-free note: close(amount, 0) vs withdraw(amount) to the same recipient
        (uint256 member, uint256 slot) = _open(1, 2e18);
        NoteTransition memory e = _exit(pool.root(), _h("owner", 1), member, slot);
        uint256[13] memory viaClose = _prove(_close(e, 2e18, 0, CLOSE_TO));
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.landExternal(_withdraw(e, 2e18, CLOSE_TO));
        uint256[13] memory viaWithdraw = _prove(_withdraw(e, 2e18, CLOSE_TO));
        assertEq(viaClose[4] ^ viaWithdraw[4], 1 << 193, "only the SHARES_OUT bit differs");
        assertEq(viaClose[5], viaWithdraw[5], "same plain binding (same recipient, memo)");
    }

    /// @dev Q1, continued: close vs a whole seizure, and close(0, shares) vs a full repayment of a collateral-less note
    /// (the stub proves any transition; the circuit would need such a note to exist).
    function test_closeVsLiquidationAndRepayExits_inputsNeverCollide() public {
        // (b) the aside setup's indebted note: close vs a whole seizure of the same amounts
        _asideSetUp();
        NoteTransition memory ea = _exit(pool.root(), _h("borrower", 1), aMember, aSlot);
        uint256[13] memory closeIn = _prove(_close(ea, 10e18, aShares, LIQUIDATOR));
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.landExternal(_liquidate(ea, 10e18, aShares, aIdx));
        assertEq(closeIn[7] & 3, 1, "close: mode 1 (the owner's key)");
        uint256[13] memory liqIn = _prove(_liquidate(ea, 10e18, aShares, aIdx));
        assertEq(closeIn[4], liqIn[4], "the same deltas (both signs, both amounts)");
        assertEq(closeIn[5], liqIn[5], "the same plain binding (recipient LIQUIDATOR, empty memo)");
        assertTrue(closeIn[6] != liqIn[6] && closeIn[7] != liqIn[7], "prices and params differ (mode, LT, index)");

        // (c) a repayment exit (collateral 0, full shares) vs close(0, shares): deltas and binding differ
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.landExternal(_repay(ea, aShares, 0));
        uint256[13] memory repayIn = _prove(_repay(ea, aShares, 0));
        uint256[13] memory close0 = _prove(_close(ea, 0, aShares, CLOSE_TO));
        assertEq(close0[4] ^ repayIn[4], 1 << 192, "COLLATERAL_OUT bit");
        assertTrue(close0[5] != repayIn[5], "binding: recipient CLOSE_TO vs 0");
    }

    /// @dev I-2 (privacy of the app's automatic aside): an opening deposit sent aside — the app does so for any deposit
    /// that lost one race, a new position included — registers a one-note root in the depositor's own transaction,
    /// and the note's next spend must name that root as its `memberRoot`: anyone links the spend (its recipient,
    /// amounts, the next note) to the depositing address. A main-tree note's spend names a root shared by every note
    /// inserted before it.
    function test_openingDepositAside_nextSpendNamesTheDepositTx() public {
        _open(1, 1e18); // someone else's note: the pool is not empty
        uint256 current = pool.root();
        NoteTransition memory t = _ins(pool.EMPTY_ROOT(), 77, _h("newcomer", 0), current, 0);
        bytes memory dep = abi.encodeCall(KeelPrivatePool.depositAside, (_proof(), t, 3e18, 0, ""));
        _prove(dep);
        VM_LOGS.recordLogs();
        _land(dep); // sent by PAYER: its address is in the transaction
        VmLogs8.Log[] memory logs = VM_LOGS.getRecordedLogs();
        uint256 registered;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == PrivatePoolTree.NoteInsertedAside.selector) {
                (registered,,) = abi.decode(logs[i].data, (uint256, uint256, uint256[3]));
            }
        }
        assertEq(registered, t.newRoot, "the deposit's transaction publishes the note's own root");
        // the next action of that note (a withdrawal to a fresh address) must prove membership against that root
        address fresh = address(0xF4E5);
        bytes memory w = _withdraw(_exit(0, _h("newcomer", 1), registered, 0), 3e18, fresh);
        _proveAndLand(w);
        assertEq(weth.balanceOf(fresh), 3e18, "linked on chain: memberRoot = the root PAYER's deposit registered");
    }
}
