// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {KeelRiskAdmin} from "../../src/governance/KeelRiskAdmin.sol";
import {KeelRiskSteward, StewardInputs, StewardChange} from "../../src/governance/KeelRiskSteward.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {CollateralParams, CollateralInfo} from "../../src/interfaces/IKeelMarket.sol";
import {PendingChange} from "../../src/interfaces/IKeelRiskAdmin.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract KeelRiskStewardTest is EngineBase {
    address internal constant AGENT = address(0xA6E);
    address internal constant GUARDIAN = address(0x6A);
    address internal constant THIEF = address(0xBAD);
    uint256 internal constant STEP = 0.03e18;
    uint256 internal constant INTERVAL = 3 days;

    KeelRiskSteward internal steward;
    StewardInputs internal inputs;

    function setUp() public override {
        super.setUp();
        steward = new KeelRiskSteward(riskAdmin, STEP, INTERVAL, AGENT);
        vm.prank(ADMIN);
        riskAdmin.setSteward(address(steward));
        // setUp supplied: the market is in use, so the steward's authority starts after the delay.
        vm.warp(block.timestamp + 1 days);
        inputs = StewardInputs(0.8e18, 24, 0.02e18, 0.0005e18);
    }

    function _params(address asset) internal view returns (CollateralInfo memory) {
        return market.collateralInfo(asset);
    }

    function _propose(uint64 ltv, uint64 lt) internal returns (uint256 id) {
        vm.prank(AGENT);
        id = steward.propose(address(market), address(weth), ltv, lt, inputs);
    }

    /* APPOINTMENT AND ROLES */

    function test_setSteward_delayedOnceInUse_immediateAtSetUp() public {
        KeelRiskSteward other = new KeelRiskSteward(riskAdmin, STEP, INTERVAL, AGENT);
        vm.prank(ADMIN);
        riskAdmin.setSteward(address(other));
        assertEq(riskAdmin.stewardActiveAt(), block.timestamp + 1 days, "in use: after the delay");
        vm.prank(AGENT);
        vm.expectRevert(
            abi.encodeWithSelector(KeelRiskAdmin.NotSteward.selector, address(other), block.timestamp + 1 days)
        );
        other.propose(address(market), address(weth), 0.79e18, 0.84e18, inputs);
        // A risk admin whose markets nobody uses yet appoints at once.
        KeelRiskAdmin fresh = new KeelRiskAdmin(ADMIN, 1 days);
        vm.prank(ADMIN);
        fresh.setSteward(address(other));
        assertEq(fresh.stewardActiveAt(), block.timestamp, "set-up: at once");
        vm.prank(ADMIN);
        vm.expectRevert(KeelRiskAdmin.ZeroAddress.selector);
        fresh.setSteward(address(0));
    }

    function test_wrongCaller() public {
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.NotAgent.selector, THIEF));
        steward.propose(address(market), address(weth), 0.79e18, 0.84e18, inputs);
        // Only the steward reaches the risk admin's steward entry, and only the owner appoints it.
        uint256 activeAt = riskAdmin.stewardActiveAt();
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.NotSteward.selector, AGENT, activeAt));
        riskAdmin.proposeStewardCollateral(address(market), address(weth), 0.79e18, 0.84e18);
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, THIEF));
        riskAdmin.setSteward(THIEF);
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.NotGovernance.selector, THIEF));
        steward.setAgent(THIEF);
        // The steward cannot execute the owner's changes.
        vm.prank(ADMIN);
        uint256 ownerId =
            riskAdmin.proposeCollateral(address(market), address(wbtc), CollateralParams(0.7e18, 0.8e18, 0.1e18, 1));
        vm.warp(block.timestamp + 1 days);
        vm.prank(address(steward));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(steward)));
        riskAdmin.executeChange(ownerId);
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.UnknownStewardChange.selector, ownerId));
        steward.execute(ownerId);
        // The owner changes the agent; the old one is refused.
        vm.prank(ADMIN);
        steward.setAgent(THIEF);
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.NotAgent.selector, AGENT));
        steward.propose(address(market), address(weth), 0.79e18, 0.84e18, inputs);
    }

    /// The role itself is bounded, whoever holds it: an account appointed steward directly (not a KeelRiskSteward)
    /// cannot move LTV or LT by more than STEWARD_MAX_STEP in one change, in either direction.
    function test_stewardRoleStepBoundedInTheRiskAdmin() public {
        vm.prank(ADMIN);
        riskAdmin.setSteward(THIEF);
        vm.warp(riskAdmin.stewardActiveAt());
        CollateralInfo memory cur = _params(address(weth));
        uint256 cap = riskAdmin.STEWARD_MAX_STEP();
        uint64 lowLt = uint64(cur.liquidationThreshold - cap - 1);
        vm.prank(THIEF);
        vm.expectRevert(
            abi.encodeWithSelector(KeelRiskAdmin.StewardStepTooLarge.selector, cur.liquidationThreshold, lowLt, cap)
        );
        riskAdmin.proposeStewardCollateral(address(market), address(weth), uint64(cur.ltv - cap), lowLt);
        uint64 lowLtv = uint64(cur.ltv - cap - 1);
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.StewardStepTooLarge.selector, cur.ltv, lowLtv, cap));
        riskAdmin.proposeStewardCollateral(address(market), address(weth), lowLtv, uint64(cur.liquidationThreshold - cap));
        // Exactly the cap is accepted.
        vm.prank(THIEF);
        riskAdmin.proposeStewardCollateral(
            address(market), address(weth), uint64(cur.ltv - cap), uint64(cur.liquidationThreshold - cap)
        );
    }

    /// A steward change is checked again when it executes: a "safer" change (6 h notice) that would now raise LTV or
    /// LT, because the owner moved the value meanwhile, is refused; so is one now more than the step away.
    function test_stewardChange_recheckedAtExecution() public {
        vm.prank(ADMIN);
        riskAdmin.setSteward(THIEF);
        vm.warp(riskAdmin.stewardActiveAt());
        vm.prank(THIEF);
        uint256 safer = riskAdmin.proposeStewardCollateral(address(market), address(weth), 0.78e18, 0.83e18);
        // The owner lowers WETH below the steward's values in the meantime (full delay).
        vm.prank(ADMIN);
        uint256 ownerId =
            riskAdmin.proposeCollateral(address(market), address(weth), CollateralParams(0.77e18, 0.82e18, 0.1e18, 1e30));
        vm.warp(block.timestamp + 1 days);
        vm.prank(ADMIN);
        riskAdmin.executeChange(ownerId);
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.StewardChangeNoLongerSafer.selector, safer));
        riskAdmin.executeChange(safer);
        // A full-delay steward change now farther than the step from the current values is refused too.
        vm.prank(THIEF);
        uint256 raise = riskAdmin.proposeStewardCollateral(address(market), address(weth), 0.79e18, 0.84e18);
        vm.prank(ADMIN);
        uint256 cut =
            riskAdmin.proposeCollateral(address(market), address(weth), CollateralParams(0.72e18, 0.78e18, 0.1e18, 1e30));
        vm.warp(block.timestamp + 1 days);
        vm.prank(ADMIN);
        riskAdmin.executeChange(cut);
        uint256 cap = riskAdmin.STEWARD_MAX_STEP();
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.StewardStepTooLarge.selector, 0.72e18, 0.79e18, cap));
        riskAdmin.executeChange(raise);
    }

    /// A steward change belongs to the steward that proposed it: a replaced steward's pending change can be executed
    /// by the owner only, not by the new steward nor by the old one.
    function test_stewardChange_tiedToItsProposer() public {
        vm.prank(ADMIN);
        riskAdmin.setSteward(THIEF);
        vm.warp(riskAdmin.stewardActiveAt());
        vm.prank(THIEF);
        uint256 id = riskAdmin.proposeStewardCollateral(address(market), address(weth), 0.78e18, 0.83e18);
        assertEq(riskAdmin.stewardChangeBy(id), THIEF, "proposer recorded");
        address next = address(0xCAFE);
        vm.prank(ADMIN);
        riskAdmin.setSteward(next);
        vm.warp(riskAdmin.stewardActiveAt());
        vm.prank(next);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, next));
        riskAdmin.executeChange(id);
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, THIEF));
        riskAdmin.executeChange(id);
        vm.prank(ADMIN);
        riskAdmin.executeChange(id);
        assertEq(_params(address(weth)).liquidationThreshold, 0.83e18, "owner executed it");
    }

    function test_ownerOrGuardianRemovesTheSteward() public {
        vm.prank(ADMIN);
        riskAdmin.setGuardian(GUARDIAN);
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.NotOwnerOrGuardian.selector, THIEF));
        riskAdmin.removeSteward();
        uint256 id = _propose(0.78e18, 0.83e18);
        vm.prank(GUARDIAN);
        riskAdmin.removeSteward();
        assertEq(riskAdmin.steward(), address(0), "removed");
        vm.warp(block.timestamp + 6 hours);
        // Its pending change can no longer be executed through it; the owner still can.
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(steward)));
        steward.execute(id);
        vm.prank(ADMIN);
        riskAdmin.executeChange(id);
        assertEq(_params(address(weth)).liquidationThreshold, 0.83e18, "the owner executed it");
        vm.warp(block.timestamp + INTERVAL);
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.NotSteward.selector, address(steward), 0));
        steward.propose(address(market), address(weth), 0.77e18, 0.82e18, inputs);
    }

    function test_constructor_refusesLooseBounds() public {
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.InvalidStewardConfig.selector, 0.06e18, INTERVAL));
        new KeelRiskSteward(riskAdmin, 0.06e18, INTERVAL, AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.InvalidStewardConfig.selector, STEP, 1 hours));
        new KeelRiskSteward(riskAdmin, STEP, 1 hours, AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.InvalidStewardConfig.selector, 0, INTERVAL));
        new KeelRiskSteward(riskAdmin, 0, INTERVAL, AGENT);
    }

    /* BOUNDS */

    function test_tooLarge() public {
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.StepTooLarge.selector, 0.85e18, 0.81e18, STEP));
        steward.propose(address(market), address(weth), 0.78e18, 0.81e18, inputs);
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.StepTooLarge.selector, 0.8e18, 0.7e18, STEP));
        steward.propose(address(market), address(weth), 0.7e18, 0.84e18, inputs);
        vm.prank(AGENT);
        vm.expectRevert(KeelRiskSteward.NothingToChange.selector);
        steward.propose(address(market), address(weth), 0.8e18, 0.85e18, inputs);
        // Exactly one step is allowed.
        _propose(0.77e18, 0.82e18);
    }

    function test_tooSoon() public {
        uint256 id = _propose(0.78e18, 0.83e18);
        vm.warp(block.timestamp + 6 hours);
        steward.execute(id);
        assertEq(_params(address(weth)).liquidationThreshold, 0.83e18, "executed");
        // The interval counts from the execution too.
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.TooSoon.selector, block.timestamp + INTERVAL));
        steward.propose(address(market), address(weth), 0.76e18, 0.81e18, inputs);
        // Another collateral has its own clock.
        vm.prank(AGENT);
        steward.propose(address(market), address(wbtc), 0.68e18, 0.78e18, inputs);
        vm.warp(block.timestamp + INTERVAL);
        _propose(0.76e18, 0.81e18);
    }

    function test_beyondHardBounds() public {
        // Raise LT to 0.88 (LTV 0.83), then 0.91: (1 + 10 %) × 0.91 ≥ 1 is refused by RiskBoundsLib.
        uint256 id = _propose(0.83e18, 0.88e18);
        vm.warp(block.timestamp + 1 days);
        steward.execute(id);
        vm.warp(block.timestamp + INTERVAL);
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidCollateralParams.selector, 0.85e18, 0.91e18, 0.1e18));
        steward.propose(address(market), address(weth), 0.85e18, 0.91e18, inputs);
        // LTV must stay below LT.
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidCollateralParams.selector, 0.86e18, 0.86e18, 0.1e18));
        steward.propose(address(market), address(weth), 0.86e18, 0.86e18, inputs);
        // An unlisted asset cannot be listed by the steward.
        vm.prank(address(steward));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotListed.selector, address(usdc)));
        riskAdmin.proposeStewardCollateral(address(market), address(usdc), 0.5e18, 0.6e18);
    }

    function test_saferMove_shorterDelay_riskierMove_fullDelay() public {
        uint256 safer = _propose(0.78e18, 0.83e18);
        PendingChange[] memory p = riskAdmin.pendingChanges();
        assertEq(p[0].executableAt, block.timestamp + 6 hours, "safer: SAFER_DELAY");
        vm.warp(block.timestamp + 6 hours - 1);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeNotReady.selector, safer, block.timestamp + 1));
        steward.execute(safer);
        vm.warp(block.timestamp + 1);
        steward.execute(safer);
        CollateralInfo memory c = _params(address(weth));
        assertEq(c.ltv, 0.78e18, "ltv");
        assertEq(c.liquidationThreshold, 0.83e18, "lt");
        assertEq(c.maxDiscount, 0.1e18, "discount kept");
        // Raising either waits the full delay.
        vm.warp(block.timestamp + INTERVAL);
        uint256 riskier = _propose(0.77e18, 0.84e18);
        p = riskAdmin.pendingChanges();
        assertEq(p[0].executableAt, block.timestamp + 1 days, "riskier: delay");
        vm.warp(block.timestamp + 1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeNotReady.selector, riskier, block.timestamp + 1));
        steward.execute(riskier);
        vm.warp(block.timestamp + 1);
        steward.execute(riskier);
        assertEq(_params(address(weth)).liquidationThreshold, 0.84e18, "raised");
        StewardChange[] memory h = steward.changes();
        assertEq(h.length, 2, "history");
        assertEq(h[0].fromLt, 0.85e18, "from");
        assertEq(h[0].toLt, 0.83e18, "to");
        assertGt(h[0].executedAt, 0, "executed");
        assertEq(h[1].inputs.volatility, 0.8e18, "inputs recorded");
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.UnknownStewardChange.selector, riskier));
        steward.execute(riskier);
    }

    function test_expiry_clearedByTheNextProposal() public {
        uint256 id = _propose(0.78e18, 0.83e18);
        vm.warp(block.timestamp + 6 hours + 14 days + 1);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeExpired.selector, id, block.timestamp - 1));
        steward.execute(id);
        // The expired change no longer blocks the collateral: the next proposal clears it.
        uint256 next = _propose(0.77e18, 0.82e18);
        PendingChange[] memory p = riskAdmin.pendingChanges();
        assertEq(p.length, 1, "expired one cleared");
        assertEq(p[0].id, next, "new one pending");
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.UnknownStewardChange.selector, id));
        steward.execute(id);
    }

    function test_ownersPendingChangeOnTheSameKey() public {
        // The owner's pending change blocks the steward on that collateral.
        vm.prank(ADMIN);
        uint256 ownerId =
            riskAdmin.proposeCollateral(address(market), address(weth), CollateralParams(0.8e18, 0.85e18, 0.08e18, 1e30));
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.ChangePending.selector, ownerId));
        steward.propose(address(market), address(weth), 0.78e18, 0.83e18, inputs);
        // And the steward's blocks itself (one at a time).
        vm.prank(ADMIN);
        riskAdmin.cancelChange(ownerId);
        uint256 id = _propose(0.78e18, 0.83e18);
        vm.warp(block.timestamp + INTERVAL);
        vm.prank(AGENT);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.ChangePending.selector, id));
        steward.propose(address(market), address(weth), 0.77e18, 0.82e18, inputs);
    }

    function test_ownerChangeExecutedFirst_stewardChangeRefused() public {
        uint256 id = _propose(0.78e18, 0.83e18);
        // The owner proposes after the steward: a new discount, and LT far lower.
        vm.prank(ADMIN);
        uint256 ownerId =
            riskAdmin.proposeCollateral(address(market), address(weth), CollateralParams(0.8e18, 0.85e18, 0.08e18, 1e30));
        vm.warp(block.timestamp + 1 days);
        vm.prank(ADMIN);
        riskAdmin.executeChange(ownerId);
        // Executing the steward's change would put the discount and cap back: refused.
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.CollateralChangedSince.selector, id));
        steward.execute(id);
        vm.prank(ADMIN);
        uint256 ownerLt =
            riskAdmin.proposeCollateral(address(market), address(weth), CollateralParams(0.7e18, 0.75e18, 0.08e18, 1e30));
        vm.warp(block.timestamp + 1 days);
        vm.prank(ADMIN);
        riskAdmin.executeChange(ownerLt);
        // From LT 0.75 the steward's 0.83 is now a step of 8 points: refused.
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.StepTooLarge.selector, 0.7e18, 0.78e18, STEP));
        steward.execute(id);
    }

    function test_guardianCancels_stewardMayProposeAgainAfterInterval() public {
        vm.prank(ADMIN);
        riskAdmin.setGuardian(GUARDIAN);
        uint256 id = _propose(0.78e18, 0.83e18);
        vm.prank(GUARDIAN);
        riskAdmin.cancelChange(id);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskSteward.UnknownStewardChange.selector, id));
        steward.execute(id);
        vm.warp(block.timestamp + INTERVAL);
        _propose(0.78e18, 0.83e18);
    }

    /* FUZZ: no sequence of steward calls moves a parameter faster than its bound */

    function testFuzz_noFasterThanTheBound(uint256 seed) public {
        uint256 start = block.timestamp;
        CollateralInfo memory c0 = _params(address(weth));
        uint256 lastExec;
        uint256 execs;
        CollateralInfo memory prev = c0;
        for (uint256 i; i < 24; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            vm.warp(block.timestamp + bound(seed % 5 days, 1, 5 days));
            uint256 action = (seed >> 8) % 3;
            if (action == 0) {
                CollateralInfo memory c = _params(address(weth));
                // Any step, including too large ones: the steward refuses or bounds it.
                uint256 dLt = bound(seed >> 16, 0, 0.08e18);
                uint256 dLtv = bound(seed >> 32, 0, 0.08e18);
                bool up = (seed >> 64) & 1 == 1;
                uint256 lt = up ? c.liquidationThreshold + dLt : c.liquidationThreshold - dLt;
                uint256 ltv = up ? c.ltv + dLtv : c.ltv - dLtv;
                vm.prank(AGENT);
                try steward.propose(address(market), address(weth), uint64(ltv), uint64(lt), inputs) {} catch {}
            } else {
                StewardChange[] memory h = steward.changes();
                if (h.length == 0) continue;
                try steward.execute(h[h.length - 1].changeId) {
                    CollateralInfo memory c = _params(address(weth));
                    assertLe(_diff(c.liquidationThreshold, prev.liquidationThreshold), STEP, "LT step");
                    assertLe(_diff(c.ltv, prev.ltv), STEP, "LTV step");
                    if (execs > 0) assertGe(block.timestamp - lastExec, INTERVAL, "interval between executions");
                    lastExec = block.timestamp;
                    execs++;
                    prev = c;
                } catch {}
            }
        }
        // Over the whole run: at most one step per started interval.
        uint256 maxMoves = (block.timestamp - start) / INTERVAL + 1;
        CollateralInfo memory cEnd = _params(address(weth));
        assertLe(_diff(cEnd.liquidationThreshold, c0.liquidationThreshold), maxMoves * STEP, "LT speed");
        assertLe(execs, maxMoves, "executions");
    }

    function _diff(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : b - a;
    }
}
