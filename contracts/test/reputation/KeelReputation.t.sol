// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase, FlashBorrower} from "../engine/EngineBase.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {EasFixture} from "./EasFixture.sol";
import {Test} from "../utils/Test.sol";
import {KeelReputation} from "../../src/reputation/KeelReputation.sol";
import {KeelRiskAdmin} from "../../src/governance/KeelRiskAdmin.sol";
import {RiskBoundsLib} from "../../src/libraries/RiskBoundsLib.sol";
import {IKeelMarket, CollateralInfo} from "../../src/interfaces/IKeelMarket.sol";
import {
    IEAS,
    AttestationRequest,
    AttestationRequestData,
    RevocationRequest,
    RevocationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/Common.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// Reputation-tailored margins: an EAS attestation from the one attester, of the published schema, unexpired and
/// unrevoked, lets its recipient's vaults borrow and withdraw within LTV + bonus (bonus ≤ the source's cap, LTV +
/// bonus ≤ halfway to the liquidation threshold); liquidation and the health factor never see it.
contract KeelReputationTest is EngineBase, EasFixture {
    address internal constant ATTESTER = address(0xA77E);
    address internal constant MALLORY = address(0xBAD);
    address internal constant GUARDIAN = address(0x6A);
    address internal constant CAROL = address(0xCA201);
    uint256 internal constant MAX_BONUS = 0.05e18;

    IEAS internal eas;
    KeelReputation internal rep;

    function setUp() public override {
        super.setUp();
        eas = _deployEas();
        rep = new KeelReputation(eas, ATTESTER, MAX_BONUS);
        vm.startPrank(ADMIN);
        riskAdmin.setGuardian(GUARDIAN);
        uint256 id = riskAdmin.proposeReputation(address(market), address(rep));
        vm.warp(block.timestamp + 1 days);
        riskAdmin.executeChange(id);
        vm.stopPrank();
        // Prices must be fresh after the warp.
        ethFeed.setAnswer(3000e8);
        btcFeed.setAnswer(60_000e8);
        usdcFeed.setAnswer(1e8);
    }

    /* HELPERS */

    function _data(uint256 score) internal pure returns (bytes memory) {
        return abi.encode(uint16(score), uint64(1_690_000_000), uint32(12), uint32(0), uint32(3), uint32(0), uint64(42));
    }

    function _attestAs(address who, bytes32 schema, address recipient, bytes memory data, uint64 expiry, bool revocable)
        internal
        returns (bytes32 uid)
    {
        vm.prank(who);
        uid = eas.attest(
            AttestationRequest(schema, AttestationRequestData(recipient, expiry, revocable, bytes32(0), data, 0))
        );
    }

    function _attest(address recipient, uint256 score) internal returns (bytes32) {
        return _attestAs(ATTESTER, rep.recordSchema(), recipient, _data(score), uint64(block.timestamp + 7 days), true);
    }

    function _revoke(bytes32 uid) internal {
        bytes32 schema = rep.recordSchema();
        vm.prank(ATTESTER);
        eas.revoke(RevocationRequest(schema, RevocationRequestData(uid, 0)));
    }

    /// 1 WBTC ($60,000) at LTV 70 %, LT 80 %: base limit $42,000; with the full 5-point bonus, 75 % = $45,000 (exactly
    /// halfway to LT, the market's cap).
    function _btcVault(address who) internal returns (uint256 id) {
        id = _openWith(who, wbtc, 1e8);
    }

    function _expectExceeds(uint256 id, uint256 limit, uint256 debt) internal {
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.ExceedsLtv.selector, id, limit, debt));
    }

    /* THE BONUS */

    function test_bonus_letsBorrowAboveBaseLtv_withinTheBonus() public {
        uint256 id = _btcVault(ALICE);
        _attest(ALICE, 10_000);
        assertEq(rep.ltvBonus(ALICE), MAX_BONUS, "perfect score: the cap");
        _borrow(ALICE, id, 45_000e6); // 75 %: base 70 % + 5 points
        vm.prank(ALICE);
        _expectExceeds(id, 45_000e18, 45_000e18 + 1e12);
        market.borrow(id, 1, ALICE);
    }

    function test_bonus_proportionalToScore() public {
        uint256 id = _btcVault(ALICE);
        _attest(ALICE, 5000);
        assertEq(rep.ltvBonus(ALICE), 0.025e18, "half the score, half the cap");
        _borrow(ALICE, id, 43_500e6); // 72.5 %
        vm.prank(ALICE);
        _expectExceeds(id, 43_500e18, 43_500e18 + 1e12);
        market.borrow(id, 1, ALICE);
    }

    function test_noRecord_noBonus() public {
        uint256 id = _btcVault(ALICE);
        vm.prank(ALICE);
        _expectExceeds(id, 42_000e18, 42_000e18 + 1e12);
        market.borrow(id, 42_000e6 + 1, ALICE);
    }

    function test_withdraw_honoursTheBonus() public {
        uint256 id = _btcVault(ALICE);
        _attest(ALICE, 10_000);
        _borrow(ALICE, id, 42_000e6);
        // $42,000 at 75 % needs $56,000 of BTC: 0.0666… BTC may leave (not 0.0667).
        vm.prank(ALICE);
        market.withdrawCollateral(id, address(wbtc), 6_666_666, ALICE);
        vm.prank(ALICE);
        vm.expectRevert();
        market.withdrawCollateral(id, address(wbtc), 1000, ALICE);
    }

    function test_expired_noBonus() public {
        uint256 id = _btcVault(ALICE);
        _attest(ALICE, 10_000);
        vm.warp(block.timestamp + 7 days);
        btcFeed.setAnswer(60_000e8);
        usdcFeed.setAnswer(1e8);
        assertEq(rep.ltvBonus(ALICE), 0, "expired at its expiration time");
        vm.prank(ALICE);
        _expectExceeds(id, 42_000e18, 43_000e18);
        market.borrow(id, 43_000e6, ALICE);
    }

    function test_revoked_noBonus() public {
        uint256 id = _btcVault(ALICE);
        bytes32 uid = _attest(ALICE, 10_000);
        _borrow(ALICE, id, 44_000e6);
        _revoke(uid);
        assertEq(rep.ltvBonus(ALICE), 0, "revoked");
        (bytes32 stored,,) = rep.recordOf(ALICE);
        assertEq(uint256(stored), 0, "record dropped");
        vm.prank(ALICE);
        _expectExceeds(id, 42_000e18, 44_000e18 + 1e12);
        market.borrow(id, 1, ALICE);
        // Revoking an older record never drops the newer one.
        bytes32 older = _attest(BOB, 10_000);
        _attest(BOB, 8000);
        _revoke(older);
        assertEq(rep.ltvBonus(BOB), 0.04e18, "the newer record stands");
    }

    function test_wrongAttester_refused() public {
        bytes32 schema = rep.recordSchema();
        bytes memory d = _data(10_000);
        uint64 exp = uint64(block.timestamp + 7 days);
        vm.prank(MALLORY);
        vm.expectRevert(bytes4(keccak256("InvalidAttestation()")));
        eas.attest(AttestationRequest(schema, AttestationRequestData(ALICE, exp, true, bytes32(0), d, 0)));
        assertEq(rep.ltvBonus(ALICE), 0, "no bonus");
        // Nor can anyone but EAS call the resolver with a forged attestation.
        Attestation memory forged = Attestation(
            bytes32(uint256(1)), schema, uint64(block.timestamp), exp, 0, bytes32(0), ALICE, ATTESTER, true, d
        );
        vm.prank(MALLORY);
        vm.expectRevert(abi.encodeWithSelector(KeelReputation.NotEas.selector, MALLORY));
        rep.attest(forged);
    }

    function test_schemaMismatch_noBonus() public {
        // A look-alike schema that names this contract as its resolver is refused by it.
        bytes32 lookalike = eas.getSchemaRegistry().register("uint16 score", ISchemaResolver(address(rep)), true);
        vm.prank(ATTESTER);
        vm.expectRevert(bytes4(keccak256("InvalidAttestation()")));
        eas.attest(
            AttestationRequest(
                lookalike,
                AttestationRequestData(ALICE, uint64(block.timestamp + 1 days), true, bytes32(0), abi.encode(10_000), 0)
            )
        );
        // The attester's attestation of another schema (here the dispute schema) never reaches the record.
        _attestAs(
            ATTESTER, rep.disputeSchema(), ALICE, abi.encode("not a score"), uint64(block.timestamp + 1 days), true
        );
        assertEq(rep.ltvBonus(ALICE), 0, "no bonus");
        // Malformed data of the right schema is refused too.
        bytes32 schema = rep.recordSchema();
        vm.prank(ATTESTER);
        vm.expectRevert(bytes4(keccak256("InvalidAttestation()")));
        eas.attest(
            AttestationRequest(
                schema,
                AttestationRequestData(ALICE, uint64(block.timestamp + 1 days), true, bytes32(0), abi.encode(1), 0)
            )
        );
    }

    function test_bonusCapped() public {
        // A score above MAX_SCORE, no expiry, an expiry past MAX_VALIDITY, an irrevocable record: all refused.
        bytes32 schema = rep.recordSchema();
        bytes4 invalid = bytes4(keccak256("InvalidAttestation()"));
        vm.expectRevert(invalid);
        _attestAs(ATTESTER, schema, ALICE, _data(10_001), uint64(block.timestamp + 1 days), true);
        vm.expectRevert(invalid);
        _attestAs(ATTESTER, schema, ALICE, _data(10_000), 0, true);
        vm.expectRevert(invalid);
        _attestAs(ATTESTER, schema, ALICE, _data(10_000), uint64(block.timestamp + 30 days + 1), true);
        vm.expectRevert();
        _attestAs(ATTESTER, schema, ALICE, _data(10_000), uint64(block.timestamp + 1 days), false);
        // A source's cap is bounded at deployment.
        uint256 hard = rep.MAX_BONUS();
        vm.expectRevert(KeelReputation.InvalidReputationConfig.selector);
        new KeelReputation(eas, ATTESTER, hard + 1);
        // WETH at LTV 80 %, LT 85 %: a 5-point bonus is cut to halfway, 82.5 %.
        uint256 id = _openWith(ALICE, weth, 10e18); // $30,000
        _attest(ALICE, 10_000);
        _borrow(ALICE, id, 24_750e6);
        vm.prank(ALICE);
        _expectExceeds(id, 24_750e18, 24_750e18 + 1e12);
        market.borrow(id, 1, ALICE);
    }

    function test_bonusNeverTouchesLiquidationOrHealth() public {
        uint256 id = _btcVault(ALICE);
        (uint256 c0, uint256 b0, uint256 l0,,) = market.vaultHealth(id);
        _attest(ALICE, 10_000);
        _borrow(ALICE, id, 45_000e6);
        (uint256 c1, uint256 b1, uint256 l1, uint256 d1, uint256 hf1) = market.vaultHealth(id);
        assertEq(c1, c0, "collateral value");
        assertEq(b1, b0, "the reported borrow limit is the base one");
        assertEq(l1, l0, "liquidation value: LT only");
        assertEq(hf1, l1 * WAD / d1, "health factor from LT only");
        _sameLiquidationWithoutTheSource(id, hf1);
    }

    /// A price fall makes the vault liquidatable exactly as without the source, and a liquidation seizes the same.
    function _sameLiquidationWithoutTheSource(uint256 id, uint256 hfBefore) internal {
        btcFeed.setAnswer(56_000e8); // HF = 56,000 × 0.8 / 45,000 < 1
        _fund(LIQUIDATOR, usdc, 100_000e6);
        uint256 hf = _hf(id);
        assertLt(hf, hfBefore, "the fall shows in HF");
        uint256 snap = vm.snapshotState();
        uint256[3] memory with = _liquidate(id);
        vm.revertToState(snap);
        vm.prank(GUARDIAN);
        riskAdmin.removeReputation(address(market));
        assertEq(_hf(id), hf, "HF the same without the source");
        uint256[3] memory without = _liquidate(id);
        assertEq(with[0], without[0], "repaid");
        assertEq(with[1], without[1], "seized");
        assertEq(with[2], without[2], "HF after");
    }

    function _liquidate(uint256 id) internal returns (uint256[3] memory r) {
        vm.prank(LIQUIDATOR);
        (r[0], r[1]) = market.liquidate(id, address(wbtc), 10_000e6, 0);
        r[2] = _hf(id);
    }

    /// Decision: the bonus is the CURRENT owner's, and a vault with debt changes hands only within its new owner's
    /// limit (audit 2026-12-01-b R-1): a vault borrowed on Alice's record goes to Bob only if Bob's own limit covers it.
    function test_transferredVault_newOwnersBonusApplies() public {
        uint256 id = _btcVault(ALICE);
        _attest(ALICE, 10_000);
        _borrow(ALICE, id, 44_000e6);
        vm.prank(ALICE);
        market.transferVault(id, BOB);
        // Bob has no record: the vault is over his base limit, he may not take it as it is.
        vm.prank(BOB);
        _expectExceeds(id, 42_000e18, 44_000e18);
        market.acceptVault(id);
        // His own record covers it: he takes it, and borrows on his record, not Alice's.
        _attest(BOB, 10_000);
        vm.prank(BOB);
        market.acceptVault(id);
        assertEq(market.vaultOwner(id), BOB, "Bob owns it");
        _borrow(BOB, id, 1_000e6);
        vm.prank(BOB);
        _expectExceeds(id, 45_000e18, 45_000e18 + 1e12);
        market.borrow(id, 1, BOB);
        assertGe(_hf(id), WAD, "not liquidatable: LT untouched");
    }

    function test_operatorBorrows_onTheOwnersBonus() public {
        uint256 id = _btcVault(ALICE);
        _attest(ALICE, 10_000);
        vm.prank(ALICE);
        market.setOperator(BOB, true);
        vm.prank(BOB);
        market.borrow(id, 45_000e6, BOB); // Bob has no record: Alice's counts
    }

    /// The attester's key stolen: the thief attests perfect scores for accounts of its choosing. The damage is
    /// bounded: LTV + maxBonus per collateral, never past halfway to LT, no change to liquidation; the guardian
    /// unhooks the source at once.
    function test_attesterKeyCompromised_damageBoundedByTheCap() public {
        uint256 id = _btcVault(MALLORY);
        _attestAs(ATTESTER, rep.recordSchema(), MALLORY, _data(10_000), uint64(block.timestamp + 30 days), true);
        uint256 bonus = rep.ltvBonus(MALLORY);
        assertEq(bonus, MAX_BONUS, "at most the cap");
        CollateralInfo memory c = market.collateralInfo(address(wbtc));
        uint256 worst = 60_000e6 * (c.ltv + bonus) / WAD;
        assertLe(c.ltv + bonus, (c.ltv + c.liquidationThreshold) / 2, "never past halfway to LT");
        _borrow(MALLORY, id, worst);
        vm.prank(MALLORY);
        vm.expectRevert();
        market.borrow(id, 1, MALLORY);
        assertGe(_hf(id), c.liquidationThreshold * WAD / (c.ltv + bonus), "HF still >= LT / (LTV + cap) > 1");
        // The guardian unhooks the source at once: back to the base LTV for everyone.
        vm.prank(GUARDIAN);
        riskAdmin.removeReputation(address(market));
        assertEq(market.reputation(), address(0), "unhooked");
        uint256 id2 = _btcVault(MALLORY);
        vm.prank(MALLORY);
        _expectExceeds(id2, 42_000e18, 43_000e18);
        market.borrow(id2, 43_000e6, MALLORY);
    }

    function test_sourceThatReverts_countsAsNoBonus() public {
        uint256 id = _btcVault(ALICE);
        _attest(ALICE, 10_000);
        vm.mockCallRevert(address(rep), abi.encodeWithSelector(rep.ltvBonus.selector, ALICE), "broken");
        vm.prank(ALICE);
        _expectExceeds(id, 42_000e18, 43_000e18);
        market.borrow(id, 43_000e6, ALICE);
    }

    /* AUDIT 2026-12-01-b: R-1 (lent bonus), R-2 (LTV-0 collateral), R-4 (a source's huge answer) */

    /// R-1: Bob (perfect record) takes Carol's vault, borrows on his own bonus for her and hands it back. Carol may
    /// not take it back: a vault with debt changes hands only within its new owner's limit (base, or boosted by the new
    /// owner's own record).
    function test_lentBonus_handBackRefused() public {
        _attest(BOB, 10_000);
        uint256 id = _btcVault(CAROL); // Carol's own limit: $42,000
        vm.prank(CAROL);
        market.transferVault(id, BOB);
        vm.prank(BOB);
        market.acceptVault(id); // no debt yet: free to move
        vm.prank(BOB);
        market.borrow(id, 45_000e6, CAROL); // Bob's bonus, proceeds to Carol
        vm.prank(BOB);
        market.transferVault(id, CAROL); // an offer only
        vm.prank(CAROL);
        _expectExceeds(id, 42_000e18, 45_000e18);
        market.acceptVault(id);
        assertEq(market.vaultOwner(id), BOB, "the boosted position stays with the account whose record made it");
    }

    /// R-1, the direct move: `transferVault` to an account that made the sender its operator moves at once, and is
    /// checked the same way.
    function test_lentBonus_directMoveRefused() public {
        _attest(BOB, 10_000);
        uint256 id = _btcVault(BOB);
        _borrow(BOB, id, 45_000e6);
        vm.prank(CAROL);
        market.setOperator(BOB, true);
        vm.prank(BOB);
        _expectExceeds(id, 42_000e18, 45_000e18);
        market.transferVault(id, CAROL);
    }

    /// R-1 inside a multicall: the borrow and the hand-back in one batch are checked at its end, against the final
    /// owner's limit (this held before the fix too: the guard against a regression).
    function test_lentBonus_insideAMulticallRefused() public {
        _attest(BOB, 10_000);
        uint256 id = _btcVault(BOB);
        vm.prank(CAROL);
        market.setOperator(BOB, true);
        bytes[] memory data = new bytes[](2);
        data[0] = abi.encodeCall(IKeelMarket.borrow, (id, 45_000e6, CAROL));
        data[1] = abi.encodeCall(IKeelMarket.transferVault, (id, CAROL));
        vm.prank(BOB);
        _expectExceeds(id, 42_000e18, 45_000e18);
        market.multicall(data);
    }

    /// R-1 inside a flash loan: an attested contract takes the vault, borrows on its record and moves the vault back
    /// in its callback; the move is refused, so the whole flash loan reverts.
    function test_lentBonus_insideAFlashLoanRefused() public {
        FlashBorrower renter = new FlashBorrower(market);
        _attest(address(renter), 10_000);
        uint256 id = _btcVault(CAROL);
        vm.startPrank(CAROL);
        market.setOperator(address(renter), true);
        market.transferVault(id, address(renter));
        vm.stopPrank();
        usdc.mint(address(renter), 1e6); // the fee
        bytes[] memory calls = new bytes[](3);
        calls[0] = abi.encodeCall(IKeelMarket.acceptVault, (id));
        calls[1] = abi.encodeCall(IKeelMarket.borrow, (id, 45_000e6, CAROL));
        calls[2] = abi.encodeCall(IKeelMarket.transferVault, (id, CAROL));
        renter.setCalls(calls);
        _expectExceeds(id, 42_000e18, 45_000e18);
        market.flashLoan(renter, address(usdc), 1000e6, "");
    }

    /// R-1, what still moves: a vault within its new owner's base limit, within the new owner's own boosted limit, and
    /// one brought within it in the same batch as the acceptance (repaid first).
    function test_transfer_withinTheNewOwnersLimit_succeeds() public {
        _attest(ALICE, 10_000);
        uint256 id = _btcVault(ALICE);
        _borrow(ALICE, id, 45_000e6);
        // To Bob, whose own record allows 75 %.
        _attest(BOB, 10_000);
        vm.prank(ALICE);
        market.transferVault(id, BOB);
        vm.prank(BOB);
        market.acceptVault(id);
        assertEq(market.vaultOwner(id), BOB, "within Bob's boosted limit");
        // To Carol (no record) in one batch with a repayment down to her base limit; 1 wei short is refused.
        vm.prank(BOB);
        market.transferVault(id, CAROL);
        _fund(CAROL, usdc, 3_000e6);
        bytes[] memory data = new bytes[](2);
        data[0] = abi.encodeCall(IKeelMarket.acceptVault, (id));
        data[1] = abi.encodeCall(IKeelMarket.repay, (id, 3_000e6 - 1));
        vm.prank(CAROL);
        _expectExceeds(id, 42_000e18, 42_000e18 + 1e12);
        market.multicall(data);
        data[1] = abi.encodeCall(IKeelMarket.repay, (id, 3_000e6));
        vm.prank(CAROL);
        market.multicall(data);
        assertEq(market.vaultOwner(id), CAROL, "within Carol's base limit");
        // A vault without debt moves freely (no price is read).
        uint256 empty = _btcVault(CAROL);
        vm.prank(CAROL);
        market.transferVault(empty, ALICE);
        vm.prank(ALICE);
        market.acceptVault(empty);
    }

    /// R-2: a collateral whose LTV governance set to 0 lends nothing, bonus or not, and is left out of the bonus and of
    /// its halfway cap.
    function test_zeroLtvCollateral_lendsNothingThroughTheBonus() public {
        (DevERC20 frozen,) = _newCollateral("FRZ", 100e8, 0, 0.8e18, 0.1e18);
        _attest(ALICE, 10_000); // bonus 5 points
        uint256 id = _openWith(ALICE, frozen, 1000e18); // $100,000 at LTV 0
        vm.prank(ALICE);
        _expectExceeds(id, 0, 1e12);
        market.borrow(id, 1, ALICE);
    }

    /// R-2: beside a lending collateral, the LTV-0 one adds neither to the bonus (5 % of $60,000, not of $160,000) nor
    /// to the cap (halfway to the WBTC's own liquidation value, not to $128,000).
    function test_zeroLtvCollateral_leftOutOfTheCap() public {
        (DevERC20 frozen,) = _newCollateral("FRZ", 100e8, 0, 0.8e18, 0.1e18);
        _attest(ALICE, 10_000);
        uint256 id = _btcVault(ALICE); // $60,000 at 70 / 80
        _fund(ALICE, frozen, 1000e18);
        vm.prank(ALICE);
        market.depositCollateral(id, address(frozen), 1000e18); // $100,000 at 0 / 80
        _borrow(ALICE, id, 45_000e6);
        vm.prank(ALICE);
        _expectExceeds(id, 45_000e18, 45_000e18 + 1e12);
        market.borrow(id, 1, ALICE);
    }

    /// R-4: a source answering an absurd bonus (2^256 - 1) neither reverts the borrow nor lends past the market's
    /// bound: the bonus counts as at most MAX_LTV_BONUS (10 points), then the halfway cap applies.
    function test_hugeBonus_cappedNeverReverts() public {
        vm.mockCall(address(rep), abi.encodeWithSelector(rep.ltvBonus.selector, ALICE), abi.encode(type(uint256).max));
        // WBTC 70 / 80: the halfway cap binds (75 %).
        uint256 id = _btcVault(ALICE);
        _borrow(ALICE, id, 45_000e6);
        vm.prank(ALICE);
        _expectExceeds(id, 45_000e18, 45_000e18 + 1e12);
        market.borrow(id, 1, ALICE);
        // A 50 / 90 collateral: halfway is 70 %, so the market's 10-point bound binds (60 %).
        (DevERC20 wide,) = _newCollateral("WIDE", 100e8, 0.5e18, 0.9e18, 0.1e18);
        uint256 id2 = _openWith(ALICE, wide, 1000e18); // $100,000
        _borrow(ALICE, id2, 60_000e6);
        vm.prank(ALICE);
        _expectExceeds(id2, 60_000e18, 60_000e18 + 1e12);
        market.borrow(id2, 1, ALICE);
        // Any answer from 0 to 2^256 - 1 ends in a borrow or ExceedsLtv, never a panic.
        vm.mockCall(address(rep), abi.encodeWithSelector(rep.ltvBonus.selector, ALICE), abi.encode(1));
        vm.prank(ALICE);
        _expectExceeds(id2, 50_000e18 + 1e5, 60_000e18 + 1e12);
        market.borrow(id2, 1, ALICE);
    }

    /// Audit 2026-12-02 E-1 (R-4's gas half): a source that loops must cost a borrow a bounded allowance, then count as
    /// no bonus, not burn 63/64 of the caller's gas.
    function test_gasBurningSource_boundedGasCountsAsNoBonus() public {
        GasBurningSource burner = new GasBurningSource();
        vm.startPrank(ADMIN);
        uint256 cid = riskAdmin.proposeReputation(address(market), address(burner));
        vm.warp(block.timestamp + 1 days);
        riskAdmin.executeChange(cid);
        vm.stopPrank();
        ethFeed.setAnswer(3000e8);
        btcFeed.setAnswer(60_000e8);
        usdcFeed.setAnswer(1e8);
        uint256 id = _btcVault(ALICE);
        _borrow(ALICE, id, 42_000e6); // at the base limit: the source is never asked
        uint256 g = gasleft();
        vm.prank(ALICE);
        (bool ok, bytes memory err) =
            address(market).call{gas: 3_000_000}(abi.encodeCall(IKeelMarket.borrow, (id, 1, ALICE)));
        uint256 used = g - gasleft();
        assertTrue(!ok, "over the base limit with no usable bonus: refused");
        assertTrue(bytes4(err) == IKeelMarket.ExceedsLtv.selector, "as ExceedsLtv, the source counting as no bonus");
        assertLt(used, 400_000, "after the source's bounded allowance, not the whole gas limit");
    }

    /// The real source's lookup fits the engine's allowance with room to spare (the allowance's measured basis).
    function test_realSourceLookup_fitsTheAllowance() public {
        _attest(ALICE, 10_000);
        vm.cool(address(rep)); // cold, as in a borrow's transaction
        vm.cool(address(eas));
        uint256 g = gasleft();
        rep.ltvBonus(ALICE);
        uint256 used = g - gasleft();
        assertLt(used * 2, RiskBoundsLib.REPUTATION_GAS, "half the allowance covers a cold lookup"); // ~7k with the call
    }

    /* GOVERNANCE */

    function test_setReputation_throughTheDelay_removeAtOnce() public {
        KeelReputation other = new KeelReputation(eas, MALLORY, MAX_BONUS);
        vm.prank(MALLORY);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, MALLORY));
        riskAdmin.proposeReputation(address(market), address(other));
        vm.prank(MALLORY);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotRiskAdmin.selector, MALLORY));
        market.setReputation(address(other));
        vm.prank(ADMIN);
        vm.expectRevert(KeelRiskAdmin.ZeroAddress.selector);
        riskAdmin.proposeReputation(address(market), address(0));
        vm.prank(ADMIN);
        uint256 change = riskAdmin.proposeReputation(address(market), address(other));
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeNotReady.selector, change, block.timestamp + 1 days));
        riskAdmin.executeChange(change);
        vm.warp(block.timestamp + 1 days);
        vm.prank(ADMIN);
        riskAdmin.executeChange(change);
        assertEq(market.reputation(), address(other), "set after the delay");
        vm.prank(MALLORY);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.NotOwnerOrGuardian.selector, MALLORY));
        riskAdmin.removeReputation(address(market));
        vm.prank(ADMIN);
        riskAdmin.removeReputation(address(market));
        assertEq(market.reputation(), address(0), "removed at once");
        // At once only while nobody uses the market.
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.MarketInUse.selector, address(market)));
        riskAdmin.setReputation(address(market), address(other));
        IKeelMarket fresh = _newMarket(usdc, _usdcRateModel(), 0.1e18, 5);
        vm.prank(ADMIN);
        riskAdmin.setReputation(address(fresh), address(other));
        assertEq(fresh.reputation(), address(other), "unused market: at once");
    }

    /// @notice Audit 2026-12-01-b R-3: anyone may register the record schema naming the source's predicted address
    /// as resolver before it is deployed; the constructor then finds the same UID taken and must adopt it, not revert.
    function test_recordSchemaRegisteredFirstByAnyone_deploymentStillWorks() public {
        ReputationFactory factory = new ReputationFactory();
        // A fresh contract's first CREATE (nonce 1): keccak256(rlp([factory, 1])).
        address predicted = address(
            uint160(uint256(keccak256(abi.encodePacked(bytes1(0xd6), bytes1(0x94), address(factory), bytes1(0x01)))))
        );
        string memory schema = rep.RECORD_SCHEMA();
        vm.prank(MALLORY);
        bytes32 uid = eas.getSchemaRegistry().register(schema, ISchemaResolver(predicted), true);
        KeelReputation made = factory.make(eas, ATTESTER, MAX_BONUS);
        assertEq(address(made), predicted, "address predicted");
        assertEq(uint256(made.recordSchema()), uint256(uid), "the UID registered first is the source's own");
    }
}

/// A reputation source that never returns (a buggy or hostile upgrade).
contract GasBurningSource {
    function ltvBonus(address) external pure returns (uint256 x) {
        while (true) {
            x = uint256(keccak256(abi.encode(x)));
        }
    }
}

contract ReputationFactory {
    function make(IEAS eas, address attester, uint256 maxBonus) external returns (KeelReputation) {
        return new KeelReputation(eas, attester, maxBonus);
    }
}
