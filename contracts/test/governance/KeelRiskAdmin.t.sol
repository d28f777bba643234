// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {KeelRiskAdmin} from "../../src/governance/KeelRiskAdmin.sol";
import {IKeelMarket, RateModel, CollateralParams, CollateralInfo} from "../../src/interfaces/IKeelMarket.sol";
import {ChangeKind, PendingChange} from "../../src/interfaces/IKeelRiskAdmin.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

contract KeelRiskAdminTest is EngineBase {
    address internal constant GUARDIAN = address(0x6A);
    address internal constant THIEF = address(0xBAD);

    function _newAsset(string memory symbol) internal returns (DevERC20 x, DevPriceFeed f) {
        x = new DevERC20(symbol, symbol, 18);
        f = new DevPriceFeed(address(this), 8, symbol, 1e8);
    }

    /* SET-UP */

    function test_constructor_ownsTheOracle() public view {
        assertEq(riskAdmin.owner(), ADMIN, "owner");
        assertEq(oracle.owner(), address(riskAdmin), "oracle owner");
        assertEq(riskAdmin.delay(), 1 days, "delay");
        assertEq(riskAdmin.guardian(), address(0), "no guardian");
        assertEq(riskAdmin.markets().length, 1, "market");
        assertTrue(riskAdmin.isMarket(address(market)), "known");
    }

    function test_constructor_rejectsBadDelay() public {
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.InvalidDelay.selector, uint256(1 hours)));
        new KeelRiskAdmin(ADMIN, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.InvalidDelay.selector, uint256(31 days)));
        new KeelRiskAdmin(ADMIN, 31 days);
    }

    function test_addMarket_onlyOurs() public {
        KeelRiskAdmin other = new KeelRiskAdmin(ADMIN, 1 days);
        IKeelMarket foreign =
            _deployMarket(IERC20Metadata(address(usdc)), oracle, address(other), _usdcRateModel(), 0, 0);
        vm.startPrank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.MarketNotOurs.selector, address(foreign)));
        riskAdmin.addMarket(address(foreign));
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.MarketAlreadyAdded.selector, address(market)));
        riskAdmin.addMarket(address(market));
        vm.stopPrank();
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, THIEF));
        riskAdmin.addMarket(address(foreign));
        CollateralParams memory p = CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30);
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.UnknownMarket.selector, address(foreign)));
        riskAdmin.listCollateral(address(foreign), address(weth), p);
    }

    /* IMMEDIATE LISTING: only while nobody has supplied (finding 6) */

    function test_listCollateral_immediateOnlyBeforeAnySupply() public {
        (DevERC20 x, DevPriceFeed f) = _newAsset("X");
        vm.startPrank(ADMIN);
        riskAdmin.setFeed(address(x), f, 1 hours, 1, 1e12);
        // setUp supplied 1,000,000 USDC and nobody borrowed: a lender is already exposed, so no instant listing.
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.MarketInUse.selector, address(market)));
        riskAdmin.listCollateral(address(market), address(x), CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30));
        vm.stopPrank();
        // A fresh market (no supply, no debt) lists at once.
        IKeelMarket fresh = _newMarket(usdc, _usdcRateModel(), 0, 0);
        vm.startPrank(ADMIN);
        riskAdmin.listCollateral(address(fresh), address(x), CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30));
        vm.stopPrank();
        assertEq(fresh.collateralAssets().length, 1, "listed");
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, THIEF));
        riskAdmin.listCollateral(address(fresh), address(weth), CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30));
    }

    function test_listCollateral_checksAaveRule() public {
        IKeelMarket fresh = _newMarket(usdc, _usdcRateModel(), 0, 0);
        vm.prank(ADMIN);
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InvalidCollateralParams.selector, uint256(0.8e18), uint256(0.9e18), uint256(0.12e18)
            )
        );
        riskAdmin.listCollateral(address(fresh), address(weth), CollateralParams(0.8e18, 0.9e18, 0.12e18, 1e30));
    }

    /* DELAYED CHANGES */

    function test_proposeExecuteCollateral() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 100e6);
        vm.prank(ADMIN);
        uint256 cid = riskAdmin.proposeCollateral(
            address(market), address(weth), CollateralParams(0.7e18, 0.75e18, 0.05e18, 500e18)
        );
        PendingChange[] memory p = riskAdmin.pendingChanges();
        assertEq(p.length, 1, "pending");
        assertEq(p[0].id, cid, "id");
        assertEq(uint256(p[0].kind), uint256(ChangeKind.Collateral), "kind");
        assertEq(p[0].market, address(market), "market");
        assertEq(p[0].asset, address(weth), "asset");
        assertEq(p[0].executableAt, block.timestamp + 1 days, "eta");
        assertEq(p[0].expiresAt, block.timestamp + 1 days + 14 days, "expiry");
        assertEq(p[0].values[1], 0.75e18, "lt");
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeNotReady.selector, cid, block.timestamp + 1 days));
        riskAdmin.executeChange(cid);
        vm.warp(block.timestamp + 1 days);
        ethFeed.setAnswer(3000e8); // fresh round
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, ALICE));
        riskAdmin.executeChange(cid);
        vm.prank(ADMIN);
        riskAdmin.executeChange(cid);
        CollateralInfo memory info = market.collateralInfo(address(weth));
        assertEq(info.ltv, 0.7e18, "ltv");
        assertEq(info.liquidationThreshold, 0.75e18, "lt");
        assertEq(info.maxDiscount, 0.05e18, "disc");
        assertEq(info.supplyCap, 500e18, "cap");
        assertEq(riskAdmin.pendingChanges().length, 0, "consumed");
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeNotFound.selector, cid));
        riskAdmin.executeChange(cid);
    }

    function test_proposeListsNewCollateralAfterDelay() public {
        (DevERC20 x, DevPriceFeed f) = _newAsset("X");
        vm.startPrank(ADMIN);
        riskAdmin.setFeed(address(x), f, 2 days, 1, 1e12);
        uint256 cid =
            riskAdmin.proposeCollateral(address(market), address(x), CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30));
        vm.warp(block.timestamp + 1 days);
        riskAdmin.executeChange(cid);
        vm.stopPrank();
        assertEq(market.collateralAssets().length, 3, "listed");
    }

    function test_pendingChangesExpire() public {
        vm.startPrank(ADMIN);
        uint256 cid = riskAdmin.proposeFees(address(market), 0.2e18, 9);
        uint256 expiry = block.timestamp + 15 days;
        vm.warp(expiry); // the last second of the window still executes
        uint256 snap = vm.snapshotState();
        riskAdmin.executeChange(cid);
        vm.revertToState(snap);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeExpired.selector, cid, expiry));
        riskAdmin.executeChange(cid);
        vm.stopPrank();
        assertEq(riskAdmin.pendingChanges().length, 1, "still listed until cancelled");
        // Anyone may clear an expired change.
        vm.prank(THIEF);
        riskAdmin.cancelChange(cid);
        assertEq(riskAdmin.pendingChanges().length, 0, "cleared");
        assertEq(market.reserveFactor(), 0.1e18, "never applied");
    }

    function test_proposeRateModelAndFees_cancel() public {
        RateModel memory m = RateModel(1, 2, 3, 0.5e18);
        vm.startPrank(ADMIN);
        uint256 a = riskAdmin.proposeRateModel(address(market), m);
        uint256 b = riskAdmin.proposeFees(address(market), 0.2e18, 9);
        uint256 c = riskAdmin.proposeFees(address(market), 0.3e18, 1);
        riskAdmin.cancelChange(c);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeNotFound.selector, c));
        riskAdmin.cancelChange(c);
        assertEq(riskAdmin.pendingChanges().length, 2, "two left");
        vm.warp(block.timestamp + 1 days);
        riskAdmin.executeChange(b);
        riskAdmin.executeChange(a);
        vm.expectRevert(IKeelMarket.InvalidRateModel.selector);
        riskAdmin.proposeRateModel(address(market), RateModel(0, 0, 0, 0));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidFees.selector, uint256(0.51e18), uint256(0)));
        riskAdmin.proposeFees(address(market), 0.51e18, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InvalidCollateralParams.selector, uint256(0.9e18), uint256(0.9e18), uint256(0.05e18)
            )
        );
        riskAdmin.proposeCollateral(address(market), address(weth), CollateralParams(0.9e18, 0.9e18, 0.05e18, 1));
        vm.stopPrank();
        assertEq(market.reserveFactor(), 0.2e18, "rf");
        assertEq(market.flashFeeBps(), 9, "fee");
        assertEq(market.rateModel().kink, 0.5e18, "kink");
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        riskAdmin.proposeFees(address(market), 0, 0);
    }

    function test_proposeDelay() public {
        vm.startPrank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.InvalidDelay.selector, uint256(0)));
        riskAdmin.proposeDelay(0);
        uint256 cid = riskAdmin.proposeDelay(3 days);
        vm.warp(block.timestamp + 1 days);
        riskAdmin.executeChange(cid);
        assertEq(riskAdmin.delay(), 3 days, "delay");
        riskAdmin.proposeFees(address(market), 0, 0);
        vm.stopPrank();
        assertEq(riskAdmin.pendingChanges()[0].executableAt, block.timestamp + 3 days, "new delay applies");
    }

    /* FEEDS BEHIND THE DELAY (finding 4) */

    /// @dev Before: the oracle's owner replaced WETH's feed in one transaction and every market used it at once; a
    /// stolen key could price 1 wei of WETH at the cap and borrow all cash. Now the owner of the oracle is the risk
    /// admin, and replacing a feed is a pending change anyone can see for `delay`.
    function test_stolenKey_cannotMoveAPriceWithoutTheDelay() public {
        vm.prank(ADMIN);
        riskAdmin.transferOwnership(THIEF);
        vm.prank(THIEF);
        riskAdmin.acceptOwnership(); // the key is stolen: the thief is the governance owner
        DevPriceFeed rigged = new DevPriceFeed(address(this), 8, "ETH / USD", 999_999e8);
        vm.startPrank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, THIEF));
        oracle.setFeed(address(weth), rigged, 1 hours, 1e8, 1_000_000e8);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.FeedAlreadySet.selector, address(weth)));
        riskAdmin.setFeed(address(weth), rigged, 1 hours, 1e8, 1_000_000e8);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotRiskAdmin.selector, THIEF));
        market.setCollateral(address(weth), CollateralParams(0.94e18, 0.95e18, 0.01e18, type(uint128).max));
        uint256 cid = riskAdmin.proposeFeed(address(weth), rigged, 1 hours, 1e8, 1_000_000e8);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.ChangeNotReady.selector, cid, block.timestamp + 1 days));
        riskAdmin.executeChange(cid);
        vm.stopPrank();
        assertEq(oracle.price(address(weth)), 3000e18, "price unmoved");
        PendingChange memory p = riskAdmin.pendingChanges()[0];
        assertEq(uint256(p.kind), uint256(ChangeKind.Feed), "visible as a feed change");
        assertEq(p.asset, address(weth), "asset");
        assertEq(address(uint160(p.values[0])), address(rigged), "new feed");
    }

    function test_feedReplacement_afterDelay() public {
        DevPriceFeed next = new DevPriceFeed(address(this), 8, "ETH / USD", 3100e8);
        vm.prank(ADMIN);
        uint256 cid = riskAdmin.proposeFeed(address(weth), next, 2 hours, 1e8, 100_000e8);
        vm.warp(block.timestamp + 1 days);
        next.setAnswer(3100e8);
        vm.prank(ADMIN);
        riskAdmin.executeChange(cid);
        assertEq(oracle.price(address(weth)), 3100e18, "new feed");
        assertEq(oracle.feedConfig(address(weth)).heartbeat, 2 hours, "heartbeat");
        assertEq(oracle.feedConfig(address(weth)).maxAnswer, 100_000e8, "bounds");
        vm.startPrank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidBounds.selector, int256(0), int256(1)));
        riskAdmin.proposeFeed(address(weth), next, 1 hours, 0, 1);
        vm.expectRevert(KeelRiskAdmin.ZeroAddress.selector);
        riskAdmin.proposeFeed(address(weth), DevPriceFeed(address(0)), 1 hours, 1, 2);
        vm.stopPrank();
    }

    function test_firstFeedIsImmediate() public {
        (DevERC20 x, DevPriceFeed f) = _newAsset("X");
        vm.prank(ADMIN);
        riskAdmin.setFeed(address(x), f, 1 hours, 1, 1e12);
        assertEq(oracle.price(address(x)), 1e18, "set");
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, THIEF));
        riskAdmin.setFeed(address(0x1234), f, 1 hours, 1, 1e12);
    }

    /* GUARDIAN AND EMERGENCY */

    function test_guardian_pausesAndCancelsButCannotResume() public {
        vm.prank(ADMIN);
        riskAdmin.setGuardian(GUARDIAN);
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.GuardianAlreadySet.selector, GUARDIAN));
        riskAdmin.setGuardian(THIEF);
        uint256 id = _openWith(ALICE, weth, 10e18);
        vm.prank(GUARDIAN);
        riskAdmin.pauseBorrowing(address(market));
        assertTrue(market.borrowPaused(), "paused");
        vm.prank(ALICE);
        vm.expectRevert(IKeelMarket.BorrowPaused.selector);
        market.borrow(id, 1, ALICE);
        vm.prank(GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, GUARDIAN));
        riskAdmin.unpauseBorrowing(address(market));
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.NotOwnerOrGuardian.selector, THIEF));
        riskAdmin.pauseBorrowing(address(market));
        // The guardian can cancel any pending change (e.g. one proposed with a stolen owner key), not propose one.
        vm.prank(ADMIN);
        uint256 cid = riskAdmin.proposeFeed(address(weth), ethFeed, 1 hours, 1, 2);
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(KeelRiskAdmin.NotOwnerOrGuardian.selector, THIEF));
        riskAdmin.cancelChange(cid);
        vm.prank(GUARDIAN);
        riskAdmin.cancelChange(cid);
        vm.prank(GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, GUARDIAN));
        riskAdmin.proposeFees(address(market), 0, 0);
        vm.prank(ADMIN);
        riskAdmin.unpauseBorrowing(address(market));
        _borrow(ALICE, id, 1);
    }

    function test_guardianReplacement_isDelayed() public {
        vm.startPrank(ADMIN);
        riskAdmin.setGuardian(GUARDIAN);
        uint256 cid = riskAdmin.proposeGuardian(THIEF);
        vm.stopPrank();
        assertEq(riskAdmin.guardian(), GUARDIAN, "unchanged");
        vm.warp(block.timestamp + 1 days);
        vm.prank(ADMIN);
        riskAdmin.executeChange(cid);
        assertEq(riskAdmin.guardian(), THIEF, "replaced after the delay");
    }

    /* RESERVES */

    function test_withdrawReserves_throughTheAdmin() public {
        vm.prank(THIEF);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, THIEF));
        riskAdmin.withdrawReserves(address(market), THIEF, 0);
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientReserves.selector, uint256(1), uint256(0)));
        riskAdmin.withdrawReserves(address(market), ADMIN, 1);
    }
}
