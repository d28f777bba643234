// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IKeelMarket, CollateralParams} from "../../src/interfaces/IKeelMarket.sol";
import {KeelPrivatePool, Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {PrivatePoolAudit3Fixtures as A} from "./PrivatePoolAudit3Fixtures.sol";
import {PrivatePoolFixtures as F} from "./PrivatePoolFixtures.sol";
import {PrivatePoolTestBase} from "./PrivatePoolTestBase.sol";

/// @dev Regressions of audit3 (.keel/audit3-report.md) on KeelPrivatePool, with real proofs from
/// scripts/zk-audit3-fixtures.ts: the liquidation threshold is the market's LT (A3-P1), an owner cannot dodge a pending
/// liquidation with a 1-wei deposit (A3-P2), the bonus fits the market's discount (A3-P3), anyone may pay out
/// seized collateral to its recipient (A3-P4).
contract KeelPrivatePoolAudit3Test is PrivatePoolTestBase {
    function setUp() public override {
        super.setUp();
        // the fixtures' proofs are bound to its address and chain (audit P-b); a minimum deposit of 1 wei, so the dodge
        // below meets the proof's refusal (with the default minimum it stops earlier: DepositBelowMinimum)
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode, new PrivateVaultVerifier(), 1, 0);
        _fundPayer(100e18, 100_000e6);
    }

    function _open() internal {
        (Groth16Proof memory p, NoteTransition memory t) = A.open();
        vm.prank(PAYER);
        pool.deposit(p, t, 10e18, 1e12, "");
    }

    /// @dev A3-P1: governance stops WETH borrowing (LTV 0). No public vault becomes liquidatable, and no note either:
    /// the pool passes the market's LT (85%), so the auditor's proof made with the LTV (0) as threshold is refused,
    /// and no proof at 85% exists for a note at 3.3% (the circuit's health check; lib/privacy/threshold.test.ts).
    function test_ltvCutToZero_liquidatesNoHealthyNote() public {
        _open();
        (Groth16Proof memory p, NoteTransition memory t) = A.borrow();
        vm.prank(RELAYER);
        pool.borrow(p, t, A.SHARES, A.FRESH, 1e12, "");
        uint256 pub = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, pub, 1000e6);
        assertEq(pool.liquidationThreshold(), 0.85e18, "the market's LT");
        assertEq(pool.borrowThreshold(), 0.72e18, "90% of the market's LTV");

        _setCollateral(address(weth), CollateralParams(0, 0.85e18, 0.1e18, 1_000_000e18));
        assertEq(pool.liquidationThreshold(), 0.85e18, "an LTV cut leaves the liquidation threshold");
        assertEq(pool.borrowThreshold(), 0, "and stops borrowing");
        _fund(LIQUIDATOR, usdc, 10_000e6);
        vm.prank(LIQUIDATOR);
        vm.expectPartialRevert(IKeelMarket.NotLiquidatable.selector);
        market.liquidate(pub, address(weth), 1000e6, 0);

        (p, t) = A.liquidateAtLtvZero();
        vm.prank(PAYER);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        pool.liquidate(p, t, A.SEIZED_AT_LTV_ZERO, A.SHARES, A.LIQ, 1e12, "");
        assertTrue(!pool.nullifierSpent(t.nullifier), "the note is untouched");
        assertEq(weth.balanceOf(A.LIQ), 0, "nothing seized");
        assertEq(pool.noteShares(), A.SHARES, "the debt is still the note's");
    }

    /// @dev A3-P2: a deposit or repayment must leave the note within the market's LT at current prices (the pool
    /// passes mode 1 with the LT). The owner's 1-wei deposit into a note past the LT has no proof at the current price
    /// (lib/privacy/circuit.test.ts); the one made while the note was healthy is refused once the price dropped, so the
    /// pending liquidation lands.
    function test_ownerDodge_withADustDeposit_refused_liquidationLands() public {
        _open();
        (Groth16Proof memory p, NoteTransition memory t) = A.borrowB();
        vm.prank(RELAYER);
        pool.borrow(p, t, A.SHARES_B, A.FRESH, 1e12, "");
        ethFeed.setAnswer(2362.5e8); // 21,600 > 23,625 x 85%: past the LT

        (Groth16Proof memory lp, NoteTransition memory lt) = A.liquidateB(); // the liquidator's pending transaction
        (p, t) = A.dodge(); // the owner's front-run, proven at 3,000
        vm.prank(PAYER);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        pool.deposit(p, t, 1, 1e12, "");
        assertTrue(!pool.nullifierSpent(t.nullifier), "the note is not spent");

        vm.prank(PAYER);
        uint256 paid = pool.liquidate(lp, lt, A.SEIZED_B, A.SHARES_B, A.LIQ, 1e12, "");
        assertEq(paid, 21_600e6, "the whole debt repaid");
        assertEq(A.SEIZED_B, 9.6e18, "the debt x 1.05 at 2,362.5");
        assertEq(weth.balanceOf(A.LIQ), A.SEIZED_B, "seized");
        assertEq(pool.noteShares(), 0, "no debt left in the pool");
    }

    /// @dev A3-P2's other side: a deposit that brings the note back within the LT is a rescue, and is accepted; the
    /// pending liquidation then finds its note spent (and no proof exists for the healthy new one).
    function test_ownerRescue_bringingTheNoteWithinTheLt_accepted() public {
        _open();
        (Groth16Proof memory p, NoteTransition memory t) = A.borrowB();
        vm.prank(RELAYER);
        pool.borrow(p, t, A.SHARES_B, A.FRESH, 1e12, "");
        ethFeed.setAnswer(2362.5e8);
        (Groth16Proof memory lp, NoteTransition memory lt) = A.liquidateB();
        (p, t) = A.rescue(); // 3 WETH more: 13 x 2,362.5 x 85% = 26,105 >= 21,600
        vm.prank(PAYER);
        pool.deposit(p, t, 3e18, 1e12, "");
        assertEq(pool.noteCollateral(), 13e18, "the rescue deposited");
        vm.prank(PAYER);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, lt.nullifier));
        pool.liquidate(lp, lt, A.SEIZED_B, A.SHARES_B, A.LIQ, 1e12, "");
    }

    /// @dev A3-P3: the pool's fixed 5% bonus must fit the market's maximum discount for the collateral.
    function test_constructor_refusesABonusAboveTheMarketsDiscount() public {
        _setCollateral(address(weth), CollateralParams(0.8e18, 0.85e18, 0.04e18, 1_000_000e18));
        PrivateVaultVerifier verifier = new PrivateVaultVerifier();
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.BonusAboveDiscount.selector, 0.04e18, 0.05e18));
        new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), verifier, 0, 0);
        _setCollateral(address(weth), CollateralParams(0.8e18, 0.85e18, 0.05e18, 1_000_000e18));
        new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), verifier, 0, 0); // 5% fits
    }

    /// @dev A3-P4: claimSeized pays the recipient whoever calls, and refuses when nothing is owed.
    function test_claimSeized_nothingOwed_refused() public {
        vm.prank(RELAYER);
        vm.expectRevert(KeelPrivatePool.ZeroAmount.selector);
        pool.claimSeized(A.LIQ);
    }
}
