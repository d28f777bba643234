// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelPrivatePool} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {ZkAudit6Base} from "./ZkAudit6.t.sol";
import {Step} from "./ZkAudit6Fixtures.sol";
import {KeelPrivatePoolCloseFixtures as F} from "./KeelPrivatePoolCloseFixtures.sol";

/// @dev Audit i L-1's fix with real circuit v3 proofs through the generated verifier (KeelPrivatePoolCloseFixtures,
/// scripts/zkaudit8-fixtures.ts: planned by the app's lib/privacy/actions.ts): an owner's deposit sent aside lands after
/// another owner's insertion it was not proven against, and the rescued note then closes in one proof — every share
/// repaid, all the collateral out, no insertion; a debt-free note closes with both sign bits set. A close proof is
/// refused by the other calls, and a withdrawal's shape by `close`.
contract KeelPrivatePoolCloseTest is ZkAudit6Base {
    function setUp() public override {
        super.setUp();
        _deployRealAt(F.POOL);
        _fund(PAYER, weth, 100e18);
        _fund(PAYER, usdc, 100_000e6);
        vm.startPrank(PAYER);
        weth.approve(address(pool), type(uint256).max);
        usdc.approve(address(pool), type(uint256).max);
        vm.stopPrank();
    }

    function _journeyToTheRescue() internal {
        Step memory s = F.step(F.ALICE_OPEN);
        vm.prank(PAYER);
        pool.deposit(s.proof, s.t, F.ALICE_OPEN_TOKENS, F.ALICE_OPEN_INDEX, "");
        s = F.step(F.ALICE_BORROW);
        vm.prank(RELAYER);
        pool.borrow(s.proof, s.t, F.ALICE_BORROW_SHARES, F.ALICE_TO, F.ALICE_BORROW_INDEX, "");
        assertEq(usdc.balanceOf(F.ALICE_TO), F.ALICE_BORROW_TOKENS, "the borrow paid what the app planned");
        // Bob's opening lands first: the rescue was proven against the root before it
        uint256 provenAgainst = pool.root();
        s = F.step(F.BOB_OPEN);
        vm.prank(PAYER);
        pool.deposit(s.proof, s.t, F.BOB_OPEN_TOKENS, F.BOB_OPEN_INDEX, "");
        assertTrue(pool.root() != provenAgainst);
    }

    function rescueExternal() external {
        Step memory s = F.step(F.ALICE_RESCUE);
        vm.prank(PAYER);
        pool.depositAside(s.proof, s.t, F.ALICE_RESCUE_TOKENS, F.ALICE_RESCUE_INDEX, "");
    }

    function closeExternal(uint256 i, uint256 amount, uint256 shares, address to) external returns (uint256) {
        Step memory s = F.step(i);
        vm.prank(PAYER);
        return pool.close(s.proof, s.t, amount, shares, to, "");
    }

    function test_real_rescueAsideLandsAfterAnotherInsertion_thenClosesInOneProof() public {
        _journeyToTheRescue();
        uint256 leaves = pool.nextIndex();
        this.rescueExternal();
        Step memory r = F.step(F.ALICE_RESCUE);
        assertTrue(pool.frozenRoot(r.t.newRoot), "the rescued note's own root is known");
        assertEq(pool.nextIndex(), leaves, "no leaf of the current tree taken");
        assertEq(pool.noteCollateral(), 4e18);

        // a relayer cannot turn the close into something else: other amounts or recipient are other inputs
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.closeExternal(F.ALICE_CLOSE, F.ALICE_CLOSE_TOKENS - 1, F.ALICE_CLOSE_SHARES, F.ALICE_TO);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.closeExternal(F.ALICE_CLOSE, F.ALICE_CLOSE_TOKENS, F.ALICE_CLOSE_SHARES, address(0xBAD));

        uint256 debt = market.debtOf(pool.vaultId());
        uint256 paidBefore = usdc.balanceOf(PAYER);
        uint256 paid = this.closeExternal(F.ALICE_CLOSE, F.ALICE_CLOSE_TOKENS, F.ALICE_CLOSE_SHARES, F.ALICE_TO);
        assertEq(paid, debt, "every share repaid: the vault owes nothing");
        assertEq(paidBefore - usdc.balanceOf(PAYER), paid);
        assertEq(market.debtOf(pool.vaultId()), 0);
        assertEq(weth.balanceOf(F.ALICE_TO), 3e18, "all the rescued note's collateral out");
        assertEq(pool.noteShares(), 0);
        assertEq(pool.noteCollateral(), 1e18, "Bob's note left");
        assertEq(pool.nextIndex(), leaves, "a close takes no leaf");
        vm.expectRevert(
            abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, F.step(F.ALICE_CLOSE).t.nullifier)
        );
        this.closeExternal(F.ALICE_CLOSE, F.ALICE_CLOSE_TOKENS, F.ALICE_CLOSE_SHARES, F.ALICE_TO);
    }

    /// @dev Bob's debt-free note closes with shares 0 (both sign bits in its inputs, as the pool builds them); the same
    /// proof through `withdraw` (one sign bit) is refused.
    function test_real_debtFreeCloseWithZeroShares_notAWithdrawal() public {
        _journeyToTheRescue();
        Step memory s = F.step(F.BOB_CLOSE);
        assertEq(F.BOB_CLOSE_SHARES, 0);
        vm.prank(RELAYER);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        pool.withdraw(s.proof, s.t, F.BOB_CLOSE_TOKENS, F.BOB_TO, 0, "");
        assertEq(this.closeExternal(F.BOB_CLOSE, F.BOB_CLOSE_TOKENS, 0, F.BOB_TO), 0, "nothing to pay");
        assertEq(weth.balanceOf(F.BOB_TO), 1e18);
    }

    /// @dev The rescue proven aside is refused through the plain `deposit` (its root is EMPTY_ROOT, not the pool's,
    /// and its binding names the ASIDE position): StaleRoot — an aside proof never lands in the main tree.
    function test_real_asideProofThroughPlainDeposit_refused() public {
        _journeyToTheRescue();
        Step memory s = F.step(F.ALICE_RESCUE);
        vm.prank(PAYER);
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, s.t.root, pool.root()));
        pool.deposit(s.proof, s.t, F.ALICE_RESCUE_TOKENS, F.ALICE_RESCUE_INDEX, "");
    }
}
