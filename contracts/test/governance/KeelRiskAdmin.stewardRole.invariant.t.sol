// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {Test} from "../utils/Test.sol";
import {KeelRiskAdmin} from "../../src/governance/KeelRiskAdmin.sol";
import {IKeelMarket, CollateralParams, CollateralInfo} from "../../src/interfaces/IKeelMarket.sol";
import {RiskBoundsLib} from "../../src/libraries/RiskBoundsLib.sol";

/// @dev The steward ROLE held by a raw account (an EOA, not a KeelRiskSteward with its own interval and step): random
/// proposals of any LTV/LT, executions at random times, the owner moving the same parameters in between, and time.
/// Ghosts count every executed steward change that moved LTV or LT by more than STEWARD_MAX_STEP from the values in
/// force just before it, and every change that executed on the safer (short) wait yet raised either.
contract StewardRoleHandler is Test {
    address internal constant EOA = address(0x57E3);
    KeelRiskAdmin internal riskAdmin;
    IKeelMarket internal market;
    address internal admin;
    address[2] internal assets;

    uint256[] internal pendingIds;
    mapping(uint256 id => uint256) internal proposedAt;
    uint256 public stepBreaches;
    uint256 public earlyRaises;
    uint256 public stewardExecutions;
    uint256 public ownerExecutions;
    /// @dev Per asset: steward executions since the owner last set the parameters, and the values the owner set.
    mapping(address asset => uint256) public execsSinceOwner;
    mapping(address asset => uint256[2]) internal ownerSet;

    constructor(KeelRiskAdmin ra, IKeelMarket m, address admin_, address a0, address a1) {
        (riskAdmin, market, admin, assets) = (ra, m, admin_, [a0, a1]);
        vm.prank(admin_);
        ra.setSteward(EOA);
        vm.warp(ra.stewardActiveAt());
        for (uint256 i; i < 2; ++i) {
            CollateralInfo memory c = m.collateralInfo(assets[i]);
            ownerSet[assets[i]] = [uint256(c.ltv), c.liquidationThreshold];
        }
    }

    function _asset(uint256 seed) internal view returns (address) {
        return assets[seed % 2];
    }

    /// Near the current values most of the time (so many pass), anywhere in [0, 1] otherwise.
    function _near(uint256 current, uint256 seed) internal pure returns (uint256) {
        if (seed % 4 == 0) return bound(seed >> 2, 0, 1e18);
        uint256 span = 0.12e18;
        uint256 lo = current > span ? current - span : 0;
        return bound(seed >> 2, lo, current + span);
    }

    function propose(uint256 assetSeed, uint256 ltvSeed, uint256 ltSeed) external {
        address asset = _asset(assetSeed);
        CollateralInfo memory c = market.collateralInfo(asset);
        uint256 ltv = _near(c.ltv, ltvSeed);
        uint256 lt = _near(c.liquidationThreshold, ltSeed);
        vm.prank(EOA);
        try riskAdmin.proposeStewardCollateral(address(market), asset, uint64(ltv), uint64(lt)) returns (uint256 id) {
            pendingIds.push(id);
            proposedAt[id] = block.timestamp;
        } catch {}
    }

    function execute(uint256 idSeed) external {
        if (pendingIds.length == 0) return;
        uint256 k = idSeed % pendingIds.length;
        uint256 id = pendingIds[k];
        address asset = _pendingAsset(id);
        if (asset == address(0)) {
            _drop(k);
            return;
        }
        CollateralInfo memory b = market.collateralInfo(asset);
        vm.prank(EOA);
        try riskAdmin.executeChange(id) {
            _drop(k);
            stewardExecutions++;
            execsSinceOwner[asset]++;
            CollateralInfo memory a = market.collateralInfo(asset);
            uint256 cap = riskAdmin.STEWARD_MAX_STEP();
            if (_diff(a.ltv, b.ltv) > cap || _diff(a.liquidationThreshold, b.liquidationThreshold) > cap) {
                stepBreaches++;
            }
            bool early = block.timestamp < proposedAt[id] + riskAdmin.delay();
            if (early && (a.ltv > b.ltv || a.liquidationThreshold > b.liquidationThreshold)) earlyRaises++;
        } catch {}
    }

    /// The owner moves the same collateral through the normal delay (any valid values), between steward changes.
    function ownerMove(uint256 assetSeed, uint256 ltvSeed, uint256 gapSeed) external {
        address asset = _asset(assetSeed);
        CollateralInfo memory c = market.collateralInfo(asset);
        uint64 ltv = uint64(bound(ltvSeed, 0.3e18, 0.8e18));
        uint64 lt = uint64(ltv + bound(gapSeed, 0.01e18, 0.05e18));
        vm.prank(admin);
        uint256 id =
            riskAdmin.proposeCollateral(address(market), asset, CollateralParams(ltv, lt, c.maxDiscount, c.supplyCap));
        vm.warp(block.timestamp + riskAdmin.delay());
        vm.prank(admin);
        riskAdmin.executeChange(id);
        ownerExecutions++;
        execsSinceOwner[asset] = 0;
        ownerSet[asset] = [uint256(ltv), lt];
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 3 days));
    }

    function ownerValues(address asset) external view returns (uint256 ltv, uint256 lt) {
        return (ownerSet[asset][0], ownerSet[asset][1]);
    }

    function assetAt(uint256 i) external view returns (address) {
        return assets[i];
    }

    function _pendingAsset(uint256 id) internal view returns (address) {
        (bool ok, bytes memory r) = address(this).staticcall(abi.encodeCall(this.pendingAssetOf, (id)));
        return ok ? abi.decode(r, (address)) : address(0);
    }

    function pendingAssetOf(uint256 id) external view returns (address) {
        for (uint256 i; i < riskAdmin.pendingChanges().length; ++i) {
            if (riskAdmin.pendingChanges()[i].id == id) return riskAdmin.pendingChanges()[i].asset;
        }
        return address(0);
    }

    function _drop(uint256 k) internal {
        pendingIds[k] = pendingIds[pendingIds.length - 1];
        pendingIds.pop();
    }

    function _diff(uint256 x, uint256 y) internal pure returns (uint256) {
        return x > y ? x - y : y - x;
    }
}

/// STEWARD_MAX_STEP bounds every sequence a raw steward-role holder can play: each executed change moves LTV and LT by
/// at most the step from the values in force at execution (whatever the owner did meanwhile), a change on the safer
/// wait never raises either, the hard bounds hold, and n steward changes since the owner's last setting move each
/// parameter by at most n × STEWARD_MAX_STEP.
contract KeelRiskAdminStewardRoleInvariantTest is EngineBase {
    StewardRoleHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new StewardRoleHandler(riskAdmin, market, ADMIN, address(weth), address(wbtc));
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    /// The handler's paths are live (the invariants are not vacuous): a near proposal executes after its wait.
    function test_handlerExecutesStewardChanges() public {
        CollateralInfo memory c = market.collateralInfo(address(weth));
        // Seeds whose low 2 bits are non-zero land near the current values: here 1 point below them.
        handler.propose(0, ((c.ltv - 0.01e18) << 2) | 1, ((c.liquidationThreshold - 0.01e18) << 2) | 1);
        handler.warp(1 days);
        handler.execute(0);
        assertEq(handler.stewardExecutions(), 1, "executed");
        CollateralInfo memory a = market.collateralInfo(address(weth));
        assertEq(a.ltv, c.ltv - 0.01e18, "LTV one point lower");
        assertEq(handler.stepBreaches(), 0, "within the step");
    }

    function invariant_eachStewardChangeWithinTheStep() public view {
        assertEq(handler.stepBreaches(), 0, "a steward change moved LTV or LT past STEWARD_MAX_STEP");
    }

    function invariant_saferWaitNeverRaises() public view {
        assertEq(handler.earlyRaises(), 0, "a change on the safer wait raised LTV or LT");
    }

    function invariant_hardBoundsAndDriftBound() public view {
        uint256 cap = riskAdmin.STEWARD_MAX_STEP();
        for (uint256 i; i < 2; ++i) {
            address asset = handler.assetAt(i);
            CollateralInfo memory c = market.collateralInfo(asset);
            RiskBoundsLib.validateCollateral(
                CollateralParams(c.ltv, c.liquidationThreshold, c.maxDiscount, c.supplyCap)
            );
            (uint256 ltv0, uint256 lt0) = handler.ownerValues(asset);
            uint256 n = handler.execsSinceOwner(asset);
            assertLe(c.ltv > ltv0 ? c.ltv - ltv0 : ltv0 - c.ltv, n * cap, "LTV drift past n steps");
            assertLe(
                c.liquidationThreshold > lt0 ? c.liquidationThreshold - lt0 : lt0 - c.liquidationThreshold,
                n * cap,
                "LT drift past n steps"
            );
        }
    }
}
