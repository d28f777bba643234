// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IKeelMarket, CollateralParams} from "../../src/interfaces/IKeelMarket.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {KeelPrivatePool, Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";
import {PrivatePoolTestBase} from "./PrivatePoolTestBase.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";

/// @dev The chain id cheatcode (not in contracts/test/utils/Test.sol's Vm).
interface VmChain {
    function chainId(uint256 newChainId) external;
}

/// @dev KeelPrivatePool with real Groth16 proofs (PrivatePoolFixtures, made by `npm run zk:fixtures` for this exact
/// chain: EngineBase's market, WETH at 3,000 USD, nobody else borrowing, no time passing unless a test says so).
contract KeelPrivatePoolTest is PrivatePoolTestBase {
    function setUp() public override {
        super.setUp();
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode); // the fixtures' proofs are bound to its address and chain (audit P-b)
        _fundPayer(100e18, 100_000e6);
    }

    /// @dev A transition with the fixture's new root and ciphertext and another root, nullifier or commitment.
    function _with(FixtureStep memory s, uint256 root, uint256 nullifier, uint256 commitment)
        internal
        pure
        returns (NoteTransition memory)
    {
        return NoteTransition(
            root, s.t.newRoot, nullifier, commitment, s.t.ephKey, s.t.ciphertext, s.t.memberRoot, s.t.memberSlot
        );
    }

    function _runUpTo(uint256 last) internal {
        _runUpTo(last, 0);
    }

    function test_fullJourney_everyActionWithRealProofs() public {
        for (uint256 i; i <= F.ALICE_WITHDRAW_ALL; ++i) {
            _submit(i);
            _assertBacked(F.step(i));
            assertTrue(pool.nullifierSpent(F.step(i).t.nullifier), "nullifier spent");
        }
        address fresh = F.step(F.ALICE_BORROW).recipient;
        assertEq(usdc.balanceOf(fresh), 12_000e6, "borrowed to a fresh address");
        assertEq(weth.balanceOf(fresh), 10e18, "all of Alice's collateral out to the fresh address");
        assertEq(weth.balanceOf(RELAYER), 0, "the relayer receives nothing");
        assertEq(market.debtOf(pool.vaultId()), 0, "all repaid");
        assertEq(market.collateralOf(pool.vaultId(), address(weth)), 2e18, "Bob's 2 WETH remain");
        // one note inserted per action, but for Alice's exit (her whole collateral out, no debt: a note of nothing)
        assertEq(pool.nextIndex(), F.ALICE_WITHDRAW_ALL, "one note inserted per action but the exit");
    }

    /// @dev Circuit v2 proves the insertion, so a proof holds against the root it was made at only: Alice's borrow and
    /// Bob's deposit, both proven against the root after Alice's note, race — the first lands, the second is refused
    /// with StaleRoot (nothing spent, no token moved) and lands once proven again against the new root.
    function test_twoActionsProvenAgainstTheSameRoot_theSecondIsStale_untilProvenAgain() public {
        _runUpTo(F.BOB_OPEN);
        FixtureStep memory stale = F.step(F.ALICE_BORROW_BEFORE_BOB);
        assertEq(stale.t.root, F.step(F.BOB_OPEN).t.root, "proven against the root Bob's deposit replaced");
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, stale.t.root, pool.root()));
        _submit(F.ALICE_BORROW_BEFORE_BOB);
        assertTrue(!pool.nullifierSpent(stale.t.nullifier), "nothing spent");
        assertEq(usdc.balanceOf(stale.recipient), 0, "nothing borrowed");
        _submit(F.ALICE_BORROW); // the same borrow, proven against the current root
        assertEq(usdc.balanceOf(stale.recipient), 12_000e6, "borrowed once proven again");
    }

    /// @dev The other order of the same race: Alice's borrow lands first, and Bob's deposit is the stale one.
    function test_raceTheOtherWay_depositStale() public {
        _runUpTo(F.ALICE_OPEN);
        _submit(F.ALICE_BORROW_BEFORE_BOB);
        uint256 bobRoot = F.step(F.BOB_OPEN).t.root;
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, bobRoot, pool.root()));
        _submit(F.BOB_OPEN);
        assertEq(pool.nextIndex(), 2, "Alice's two notes only");
    }

    /// @dev The new root is a public input: a submitter cannot store another root than the proven insertion's (a
    /// tree with a note slipped in, or one left out), nor claim a leaf index other than the pool's next.
    function test_changedNewRoot_refused() public {
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        NoteTransition memory t = s.t;
        t.newRoot = s.t.root;
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, t, s.amount, address(0));
        t.newRoot = s.t.newRoot + 1;
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, t, s.amount, address(0));
        _submit(F.ALICE_OPEN);
        // `t` is `s.t` (one memory struct, edited above): the proven root is read from the fixture again.
        assertEq(pool.root(), F.step(F.ALICE_OPEN).t.newRoot, "the pool stores the proven root");
        assertEq(pool.nextIndex(), 1, "and counts the leaf");
    }

    /// @dev The pool's minimum debt is packed into every proof's public inputs: a pool with another minimum refuses
    /// the proof (the circuit proved the new note against 100 USDC, not this pool's rule).
    function test_proofBindsThePoolsMinimumDebt() public {
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode, new PrivateVaultVerifier(), 0, 50e6);
        vm.prank(PAYER);
        weth.approve(address(pool), type(uint256).max);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submit(F.ALICE_OPEN);
    }

    /// @dev The proof's debt index values the new note's debt for the minimum-debt rule: one inflated at will would
    /// let a 1-share debt pass as 100 USDC, so the pool takes at most MAX_DEBT_INDEX_HEADROOM (1%) above its own.
    function test_debtIndexFarAboveTheMarkets_refused() public {
        _runUpTo(F.BOB_OPEN);
        FixtureStep memory s = F.step(F.ALICE_BORROW);
        s.debtIndex = 1e12 + 1e10 + 1; // 1% + 1 above the market's 1e12
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.DebtIndexTooHigh.selector, 1e12, s.debtIndex));
        _submitAs(s, s.t, s.amount, s.recipient);
        s.debtIndex = 1e12 + 1e10; // exactly 1%: past the index checks, to the proof (made at 1e12)
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, s.t, s.amount, s.recipient);
    }

    /// @dev Audit P-b: a proof binds the pool's address and the chain id; replayed on a second pool (same market,
    /// same verifier, same empty root) or on another chain it does not verify.
    function test_proofReplayedOnAnotherPoolOrChain_refused() public {
        KeelPrivatePool second =
            new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), pool.verifier(), 0, 0);
        assertEq(second.root(), pool.root(), "both pools start at the empty root");
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        vm.startPrank(PAYER);
        weth.approve(address(second), type(uint256).max);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        second.deposit(s.proof, s.t, s.amount, s.debtIndex, s.memo);
        vm.stopPrank();
        VmChain(address(vm)).chainId(1);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submit(F.ALICE_OPEN);
        VmChain(address(vm)).chainId(31337);
        _submit(F.ALICE_OPEN); // on the pool and chain it was proven for
    }

    function test_replayedProof_refused() public {
        _runUpTo(F.ALICE_OPEN);
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, s.t.nullifier));
        _submit(F.ALICE_OPEN);
    }

    function test_spentNote_refusedWhateverTheNewNote() public {
        _runUpTo(F.ALICE_BORROW);
        FixtureStep memory s = F.step(F.ALICE_BORROW);
        NoteTransition memory t = _with(s, pool.root(), s.t.nullifier, 12345);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, s.t.nullifier));
        _submitAs(s, t, s.amount / 2, s.recipient);
    }

    function test_stalePrice_refused() public {
        _runUpTo(F.ALICE_BORROW);
        vm.warp(block.timestamp + 1 hours + 1); // WETH's heartbeat is 1 hour
        vm.expectPartialRevert(KeelOracle.StalePrice.selector);
        _submit(F.ALICE_WITHDRAW);
    }

    function test_priceMoved_proofRefused() public {
        _runUpTo(F.ALICE_BORROW);
        ethFeed.setAnswer(2999e8);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submit(F.ALICE_WITHDRAW);
    }

    function test_changedRecipient_refused() public {
        _runUpTo(F.BOB_OPEN);
        FixtureStep memory s = F.step(F.ALICE_BORROW);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, s.t, s.amount, RELAYER); // a front-runner copying the proof to be paid
    }

    function test_changedAmount_refused() public {
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, s.t, s.amount - 1, address(0));
        _submit(F.ALICE_OPEN); // the honest submission still works
    }

    function test_changedNewCommitment_refused() public {
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        NoteTransition memory t = _with(s, s.t.root, s.t.nullifier, s.t.newCommitment + 1);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, t, s.amount, address(0));
    }

    function test_frontRunner_cannotRedirect_anySubmitterPaysTheProvenRecipient() public {
        _runUpTo(F.BOB_OPEN);
        FixtureStep memory s = F.step(F.ALICE_BORROW);
        vm.prank(address(0xF00D)); // whoever lands it first
        pool.borrow(s.proof, s.t, s.amount, s.recipient, s.debtIndex, s.memo);
        assertEq(usdc.balanceOf(s.recipient), 12_000e6, "the proven recipient is paid");
        assertEq(usdc.balanceOf(address(0xF00D)), 0, "the submitter is not");
    }

    function test_rootThatIsNotTheCurrentOne_refused() public {
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        NoteTransition memory t = _with(s, s.t.root + 1, s.t.nullifier, s.t.newCommitment);
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, s.t.root + 1, pool.root()));
        _submitAs(s, t, s.amount, address(0));
    }

    function test_zeroAndOversizedAmounts_refused() public {
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        vm.expectRevert(KeelPrivatePool.ZeroAmount.selector);
        _submitAs(s, s.t, 0, address(0));
        uint256 tooMuch = pool.MAX_AMOUNT() + 1;
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.AmountTooLarge.selector, tooMuch));
        _submitAs(s, s.t, tooMuch, address(0));
        // p − x wraps: the field's negative of an amount is refused before it reaches the verifier
        uint256 negativeOne = pool.FIELD() - 1;
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.AmountTooLarge.selector, negativeOne));
        _submitAs(s, s.t, negativeOne, address(0));
    }

    function test_zeroRecipient_refused() public {
        _runUpTo(F.BOB_OPEN);
        FixtureStep memory s = F.step(F.ALICE_BORROW);
        vm.expectRevert(KeelPrivatePool.ZeroRecipient.selector);
        _submitAs(s, s.t, s.amount, address(0));
    }

    function test_debtIndexHeadroom_survivesInterest_untilExceeded() public {
        _runUpTo(F.ALICE_BORROW);
        uint256 snap = vm.snapshotState();
        // 50 minutes of interest at ~1.2% utilisation: far within the proof's 0.01% headroom.
        vm.warp(block.timestamp + 50 minutes);
        _submit(F.ALICE_WITHDRAW);
        vm.revertToState(snap);
        // Half a year at ~0.05% APR lifts debt per share past the headroom: the proof must be made again.
        vm.warp(block.timestamp + 182 days);
        ethFeed.setAnswer(3000e8);
        usdcFeed.setAnswer(1e8);
        uint256 current = pool.debtIndex();
        vm.expectRevert(
            abi.encodeWithSelector(
                KeelPrivatePool.DebtIndexAboveProof.selector, current, F.step(F.ALICE_WITHDRAW).debtIndex
            )
        );
        _submit(F.ALICE_WITHDRAW);
    }

    function test_marketStillGuardsTheAggregate_borrowPaused() public {
        _runUpTo(F.BOB_OPEN);
        vm.prank(address(riskAdmin));
        market.setBorrowPaused(true);
        vm.expectRevert(IKeelMarket.BorrowPaused.selector);
        _submit(F.ALICE_BORROW);
        assertEq(pool.noteShares(), 0, "nothing recorded when the market refuses");
        assertTrue(!pool.nullifierSpent(F.step(F.ALICE_BORROW).t.nullifier), "note not spent");
    }

    /// @dev Audit P-2: the circuit's scales are 10^18 (collateral) and 10^6 (base); a pool on other decimals would
    /// value notes wrongly (a 2-decimal base undervalues debt 10^4 times), so construction refuses it.
    function test_constructor_refusesABaseWithOtherDecimals() public {
        DevERC20 cents = new DevERC20("Cents", "CENT", 2);
        DevPriceFeed feed = new DevPriceFeed(address(this), 8, "CENT", 1e8);
        vm.prank(ADMIN);
        riskAdmin.setFeed(address(cents), feed, 1 days, 0.5e8, 2e8);
        IKeelMarket m = _newMarket(cents, _usdcRateModel(), 0.1e18, 5);
        vm.prank(address(riskAdmin));
        m.setCollateral(address(weth), CollateralParams(0.8e18, 0.85e18, 0.1e18, 1_000_000e18));
        PrivateVaultVerifier v = new PrivateVaultVerifier();
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.WrongDecimals.selector, address(cents), 2, 6));
        new KeelPrivatePool(IKeelMarket(address(m)), IERC20(address(weth)), v, 0, 0);
    }

    function test_constructor_refusesACollateralWithOtherDecimals() public {
        PrivateVaultVerifier v = new PrivateVaultVerifier();
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.WrongDecimals.selector, address(wbtc), 8, 18));
        new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(wbtc)), v, 0, 0);
    }

    function test_constructor_refusesAnUnlistedCollateral() public {
        DevERC20 other = new DevERC20("Other", "OTH", 18);
        PrivateVaultVerifier v = new PrivateVaultVerifier();
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.CollateralNotListed.selector, address(other)));
        new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(other)), v, 0, 0);
    }

    /// @dev Audit P-3: a copier resubmitting a pending action's proof with another memo (the owner's encrypted backup
    /// of the new note) is refused: the memo is hashed into the proof's public inputs with the recipient.
    function test_changedMemo_refused() public {
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        assertGt(s.memo.length, 0, "the fixture carries a memo");
        vm.prank(PAYER); // a copier with the funds to submit it
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        pool.deposit(s.proof, s.t, s.amount, s.debtIndex, "junk");
        _submit(F.ALICE_OPEN); // the honest submission, memo and all
    }

    function test_changedCiphertext_refused() public {
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        NoteTransition memory t = s.t;
        t.ciphertext[1] += 1; // junk instead of the note the liquidators must be able to read
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, t, s.amount, address(0));
    }

    /// @dev Audit P-1: Mallory's note is past the market's LT after a price drop, and the aggregate over its LTV (under
    /// its LT: the market cannot liquidate the vault), so the market refuses debt-free Carol's withdrawal. A liquidator,
    /// with Mallory's note decrypted and no key of hers, repays its debt and seizes its collateral; Carol then exits.
    function test_overLtNote_liquidatedWithoutTheOwner_thenDebtFreeNoteExits() public {
        _runUpTo(F.MALLORY_BORROW, F.CAROL_OPEN);
        ethFeed.setAnswer(2362.5e8);
        // once Carol's 1 WETH left, 10 WETH at 2,362.5 x 80% = 18,900 of limit against Mallory's 21,600 of debt
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.ExceedsLtv.selector, pool.vaultId(), 18_900e18, 21_600e18));
        _submit(F.CAROL_EXIT_BEFORE_LIQUIDATION);
        (,,,, uint256 hf) = market.vaultHealth(pool.vaultId());
        assertGe(hf, 1e18, "the vault is under its liquidation threshold: the market cannot liquidate it");

        FixtureStep memory liq = F.step(F.MALLORY_LIQUIDATED);
        uint256 payerUsdc = usdc.balanceOf(PAYER);
        uint256 noteDebt = market.debtOf(pool.vaultId()); // Mallory's note is the only debtor
        uint64 marketLt = market.collateralInfo(address(weth)).liquidationThreshold;
        // the rule the circuit enforces: the note is past the market's LT (21,600 / 23,625 = 91.4% > 85%) ...
        assertGt(noteDebt * 1e12 * 1e18 / (10e18 * 2362.5), marketLt, "Mallory's note is past the market's LT");
        _submit(F.MALLORY_LIQUIDATED);
        _assertBacked(liq);
        uint256 repaid = payerUsdc - usdc.balanceOf(PAYER);
        assertEq(repaid, 21_600e6, "the liquidator repaid the note's whole debt");
        assertEq(repaid, noteDebt, "all of it, rounded up");
        // ... and the collateral seized is worth at most the repaid debt x (1 + 5%), at the oracle's prices
        assertEq(weth.balanceOf(liq.recipient), 9.6e18, "and took 9.6 WETH (the debt x 1.05 at 2,362.5)");
        assertLe(
            liq.amount * 23_625 / 10, repaid * 1e12 * (1e18 + pool.LIQUIDATION_BONUS()) / 1e18, "seized <= debt x 1.05"
        );
        assertLe(
            pool.LIQUIDATION_BONUS(),
            market.collateralInfo(address(weth)).maxDiscount,
            "the pool's bonus is within the market's maximum discount for the collateral"
        );
        assertEq(market.collateralOf(pool.vaultId(), address(weth)), 1e18 + 0.4e18, "Carol's 1 + Mallory's 0.4 left");
        assertEq(market.debtOf(pool.vaultId()), 0, "the vault owes nothing");
        assertEq(pool.totalSeizedOwed(), 0, "paid at once");

        address carolTo = F.step(F.CAROL_EXIT).recipient;
        uint256 before = weth.balanceOf(carolTo);
        _submit(F.CAROL_EXIT);
        assertEq(weth.balanceOf(carolTo) - before, 1e18, "Carol's collateral out");
        _assertBacked(F.step(F.CAROL_EXIT));
    }

    function test_liquidation_refusedAtAnotherPrice_andForAHealthyNote() public {
        _runUpTo(F.MALLORY_BORROW, F.CAROL_OPEN);
        // proven at 2,362.5: at 3,000 the note is within the market's LT and the proof does not verify
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submit(F.MALLORY_LIQUIDATED);
        ethFeed.setAnswer(2362.5e8);
        FixtureStep memory s = F.step(F.MALLORY_LIQUIDATED);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, s.t, s.amount + 1, s.recipient); // one wei more seized than proven
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, s.t, s.amount, RELAYER); // redirected
        // a debt index above the market's would overstate the debt
        s.debtIndex += 1;
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.DebtIndexAboveCurrent.selector, 1e12, 1e12 + 1));
        _submitAs(s, s.t, s.amount, s.recipient);
    }

    /// @dev A liquidation reads the same guarded prices as a borrow: a stale round is refused, nothing is spent.
    function test_liquidation_stalePrice_refused() public {
        _runUpTo(F.MALLORY_BORROW, F.CAROL_OPEN);
        ethFeed.setAnswer(2362.5e8);
        vm.warp(block.timestamp + 1 hours + 1); // WETH's heartbeat is 1 hour
        usdcFeed.setAnswer(1e8); // only WETH's round is stale
        vm.expectPartialRevert(KeelOracle.StalePrice.selector);
        _submit(F.MALLORY_LIQUIDATED);
        assertTrue(!pool.nullifierSpent(F.step(F.MALLORY_LIQUIDATED).t.nullifier), "nothing spent");
    }

    /// @dev The liquidator's proof cannot be replayed, nor can anyone (the owner included) spend the liquidated note;
    /// what is left of it is a new, debt-free note the owner can still spend (her key opens it).
    function test_liquidatedNote_cannotBeSpentByItsOwnerAgain() public {
        _runUpTo(F.MALLORY_BORROW, F.CAROL_OPEN);
        ethFeed.setAnswer(2362.5e8);
        _submit(F.MALLORY_LIQUIDATED);
        FixtureStep memory s = F.step(F.MALLORY_LIQUIDATED);
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, s.t.nullifier));
        _submit(F.MALLORY_LIQUIDATED);
    }

    function test_changedMemoOfABorrow_refused() public {
        _runUpTo(F.BOB_OPEN);
        FixtureStep memory s = F.step(F.ALICE_BORROW);
        vm.prank(RELAYER);
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        pool.borrow(s.proof, s.t, s.amount, s.recipient, s.debtIndex, "junk");
    }
}
