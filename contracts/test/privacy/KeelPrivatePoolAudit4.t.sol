// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {SharesLib} from "../../src/libraries/SharesLib.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {KeelPrivatePool, Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {PrivatePoolAudit3Fixtures as A} from "./PrivatePoolAudit3Fixtures.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";
import {PrivatePoolTestBase} from "./PrivatePoolTestBase.sol";

/// @dev Regressions of audit zkaudit4 (docs/audit-2026-12-02-c.md) on KeelPrivatePool, with real proofs:
/// L1 — a full repayment (and a deposit or withdrawal of a debt-free note) proves that the new note owes nothing with
/// the pool's DEBT_FREE inputs and reads no price, so a stale or out-of-bounds oracle and a new price round no longer
/// stop it (the `*_DEBT_FREE` fixture steps make the same new notes as the priced ones);
/// M1's leftover — a minimum deposit and a minimum borrow, set at construction.
contract KeelPrivatePoolAudit4Test is PrivatePoolTestBase {
    function setUp() public override {
        super.setUp();
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode); // bound to its address and chain (audit P-b)
        _fundPayer(100e18, 100_000e6);
    }

    function _runUpTo(uint256 last) internal {
        for (uint256 i; i <= last; ++i) {
            _submit(i);
        }
    }

    /// @dev L1 (`test_poc_fullRepay_refusedWhileOracleStale_marketRepayWorks`): the priced full repayment stops with
    /// the feed; the debt-free proof of the same repayment lands, and the debt-free note leaves while the feed is still
    /// stale (the vault owes nothing then, so the market checks no price either).
    function test_fullRepay_whileTheOracleIsStale_landsDebtFree_thenExits() public {
        _runUpTo(F.ALICE_REPAY);
        vm.warp(block.timestamp + 1 hours + 1); // WETH's heartbeat is 1 hour
        // naming the current debt index (interest accrued meanwhile), the priced proof meets the stale feed
        FixtureStep memory priced = F.step(F.ALICE_REPAY_ALL);
        uint256 index = pool.debtIndex();
        vm.prank(PAYER);
        vm.expectPartialRevert(KeelOracle.StalePrice.selector);
        pool.repay(priced.proof, priced.t, priced.amount, index, priced.memo);
        _submit(F.ALICE_REPAY_ALL_DEBT_FREE);
        assertEq(market.debtOf(pool.vaultId()), 0, "the vault owes nothing");
        assertEq(pool.noteShares(), 0, "no note owes");
        _submit(F.ALICE_WITHDRAW_ALL_DEBT_FREE);
        assertEq(weth.balanceOf(F.step(F.ALICE_WITHDRAW_ALL).recipient), 10e18, "all of Alice's collateral out");
        assertEq(market.collateralOf(pool.vaultId(), address(weth)), 2e18, "Bob's 2 WETH remain");
    }

    /// @dev L1 (`test_poc_fullRepay_refusedWhenDebtPriceOutOfBounds`): owners can repay in full when the debt asset's
    /// feed is below its bound — exactly when debt is cheapest.
    function test_fullRepay_whenTheDebtPriceIsOutOfBounds_landsDebtFree() public {
        _runUpTo(F.ALICE_REPAY);
        usdcFeed.setAnswer(0.49e8); // USDC's bounds are 0.5 .. 2 USD
        vm.expectPartialRevert(KeelOracle.PriceOutOfBounds.selector);
        _submit(F.ALICE_REPAY_ALL);
        _submit(F.ALICE_REPAY_ALL_DEBT_FREE);
        assertEq(market.debtOf(pool.vaultId()), 0, "repaid");
    }

    /// @dev L1 (`test_poc_fullRepay_invalidatedByAnyPriceMove`): a new price round voids the priced proof, not the
    /// debt-free one.
    function test_fullRepay_survivesAPriceRound() public {
        _runUpTo(F.ALICE_REPAY);
        ethFeed.setAnswer(3100e8);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submit(F.ALICE_REPAY_ALL);
        _submit(F.ALICE_REPAY_ALL_DEBT_FREE);
        assertEq(pool.noteShares(), 0, "repaid");
    }

    /// @dev A position opens while the oracle is stale (a debt-free deposit), and the journey goes on from the same
    /// note once the feed is back.
    function test_open_whileTheOracleIsStale_thenTheJourneyGoesOn() public {
        vm.warp(block.timestamp + 1 hours + 1);
        vm.expectPartialRevert(KeelOracle.StalePrice.selector);
        _submit(F.ALICE_OPEN);
        _submit(F.ALICE_OPEN_DEBT_FREE);
        assertEq(pool.noteCollateral(), 10e18, "opened");
        ethFeed.setAnswer(3000e8);
        usdcFeed.setAnswer(1e8);
        for (uint256 i = F.BOB_OPEN; i <= F.ALICE_WITHDRAW_ALL; ++i) {
            _submit(i);
        }
        assertEq(pool.noteCollateral(), 2e18, "Bob's note is left");
    }

    /// @dev The two kinds of inputs never mix: a priced proof submitted as DEBT_FREE, a debt-free proof submitted with
    /// a debt index, and a borrow submitted as DEBT_FREE (a borrow's new note always owes) are all refused.
    function test_debtFreeAndPricedProofs_doNotMix() public {
        uint256 debtFree = pool.DEBT_FREE(); // read before expectRevert: it applies to the next call
        _runUpTo(F.BOB_OPEN);
        FixtureStep memory b = F.step(F.ALICE_BORROW);
        vm.prank(RELAYER);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        pool.borrow(b.proof, b.t, b.amount, b.recipient, debtFree, b.memo);
        for (uint256 i = F.ALICE_BORROW; i <= F.ALICE_REPAY; ++i) {
            _submit(i);
        }

        FixtureStep memory priced = F.step(F.ALICE_REPAY_ALL);
        FixtureStep memory free = F.step(F.ALICE_REPAY_ALL_DEBT_FREE);
        assertEq(free.t.newCommitment, priced.t.newCommitment, "the same new note");
        assertEq(free.debtIndex, debtFree, "proven as DEBT_FREE");
        vm.startPrank(PAYER);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        pool.repay(priced.proof, priced.t, priced.amount, debtFree, priced.memo);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        pool.repay(free.proof, free.t, free.amount, priced.debtIndex, free.memo);
        vm.stopPrank();
        // a debt-free proof of a partial repayment does not exist (lib/privacy/circuit.test.ts); the priced one lands
        _submit(F.ALICE_REPAY_ALL);
    }

    /// @dev M1's leftover: a 1-wei deposit (the dust that filled the tree, or the A3-P2 dodge) is refused before the
    /// proof is even checked, and nothing is spent.
    function test_depositBelowTheMinimum_refused() public {
        assertEq(pool.minDeposit(), 0.01e18, "the default: 0.01 WETH");
        (Groth16Proof memory p, NoteTransition memory t) = A.dodge();
        vm.prank(PAYER);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.DepositBelowMinimum.selector, 1, 0.01e18));
        pool.deposit(p, t, 1, 1e12, "");
        vm.prank(PAYER);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.DepositBelowMinimum.selector, 0.01e18 - 1, 0.01e18));
        pool.deposit(p, t, 0.01e18 - 1, 1e12, "");
        assertTrue(!pool.nullifierSpent(t.nullifier), "nothing spent");
        assertEq(pool.nextIndex(), 0, "nothing inserted");
    }

    /// @dev The minimums are the deployer's choice; 0 takes the defaults, and one above the circuit's amounts (nothing
    /// could ever pass it) is refused.
    function test_constructor_setsTheMinimums() public {
        PrivateVaultVerifier v = pool.verifier();
        KeelPrivatePool custom = new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), v, 1e18, 5e6);
        assertEq(custom.minDeposit(), 1e18, "1 WETH");
        assertEq(custom.minBorrow(), 5e6, "5 USDC");
        KeelPrivatePool defaults = new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), v, 0, 0);
        assertEq(defaults.minDeposit(), defaults.DEFAULT_MIN_DEPOSIT(), "default deposit");
        assertEq(defaults.minBorrow(), 100e6, "default borrow: 100 USDC");
        uint256 tooLarge = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.AmountTooLarge.selector, tooLarge));
        new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), v, tooLarge, 0);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.AmountTooLarge.selector, tooLarge));
        new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), v, 0, tooLarge);
        // the minimum borrow is also the circuit's minDebt, a 64-bit part of a packed public input
        uint256 over64 = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.AmountTooLarge.selector, over64));
        new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), v, 0, over64);
    }

    /// @dev A borrow below the minimum is refused before the proof is checked, with the amount the shares are worth:
    /// Alice's proven borrow sent with 1/200 of its shares (~60 USDC, under the pool's 100 USDC) is refused, and nothing
    /// is spent. (The minimum is also packed into every proof's public inputs since circuit v2, so a pool with another
    /// minimum refuses every fixture proof: `test_proofBindsThePoolsMinimumDebt`.)
    function test_borrowBelowTheMinimum_refused() public {
        _runUpTo(F.BOB_OPEN);
        FixtureStep memory s = F.step(F.ALICE_BORROW);
        uint256 shares = s.amount / 200;
        uint256 assets = SharesLib.toAssetsDown(shares, market.totalBorrows(), market.totalBorrowShares());
        assertLt(assets, pool.minBorrow(), "below the minimum");
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.BorrowBelowMinimum.selector, assets, pool.minBorrow()));
        _submitAs(s, s.t, shares, s.recipient);
        assertTrue(!pool.nullifierSpent(s.t.nullifier), "nothing spent");
    }
}
