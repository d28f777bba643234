// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase, FlashBorrower} from "../engine/EngineBase.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {IKeelMarket, CollateralParams} from "../../src/interfaces/IKeelMarket.sol";

/// @notice The supply cap against flash loans and batches. The cap holds the market's own balance of a collateral
/// (no recorded total), so the attack tried here is to lower that balance for a moment — a flash loan of the
/// collateral — deposit while it is low, and put it back above the cap. It fails at its first step: the market lends
/// only its base asset, and the base asset can never be listed as a collateral, so no flash loan moves a collateral
/// balance. What a callback can do to a collateral balance is what anyone can do outside one (withdraw, liquidate:
/// real outflows that debit vaults), so a deposit in a callback finds exactly the room a deposit outside it would.
contract FlashCollateralCapTest is EngineBase {
    uint256 internal constant CAP = 20e18;
    FlashBorrower internal fb;
    uint256 internal fbVault;

    function setUp() public override {
        super.setUp();
        _setCollateral(address(weth), CollateralParams(0.8e18, 0.85e18, 0.1e18, uint128(CAP)));
        fb = new FlashBorrower(market);
        fbVault = fb.openVault();
        fb.approve(address(weth), address(market), type(uint256).max);
    }

    /// @dev Runs `calls` in a flash loan of the whole cash, the fee minted to the borrower.
    function _flash(bytes[] memory calls) internal {
        fb.setCalls(calls);
        uint256 loan = market.cash();
        usdc.mint(address(fb), market.flashFee(address(usdc), loan));
        market.flashLoan(fb, address(usdc), loan, "");
    }

    function _one(bytes memory c) internal pure returns (bytes[] memory calls) {
        calls = new bytes[](1);
        calls[0] = c;
    }

    /// The flash loan lends the base asset only, and the base asset cannot be a collateral: no collateral is lendable.
    function test_flashLoanLendsBaseOnly() public {
        assertEq(market.maxFlashLoan(address(weth)), 0, "no WETH to lend");
        assertEq(market.maxFlashLoan(address(wbtc)), 0, "no WBTC to lend");
        assertEq(market.maxFlashLoan(address(usdc)), market.cash(), "the cash");
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnsupportedToken.selector, address(weth)));
        market.flashFee(address(weth), 1);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnsupportedToken.selector, address(weth)));
        market.flashLoan(fb, address(weth), 1, "");
        vm.prank(address(riskAdmin));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidCollateral.selector, address(usdc)));
        market.setCollateral(address(usdc), CollateralParams(0.8e18, 0.85e18, 0.1e18, 1e30));
    }

    /// A deposit in a callback (all the cash lent out) gets the same room as outside one: the base loan does not move
    /// WETH's balance. One wei past the cap is refused; the exact room is taken and leaves the balance at the cap.
    function test_depositInFlashCallbackHeldToCap() public {
        _openWith(ALICE, weth, CAP - 1e18);
        weth.mint(address(fb), 2e18);
        bytes memory over = abi.encodeCall(IKeelMarket.depositCollateral, (fbVault, address(weth), 1e18 + 1));
        fb.setCalls(_one(over));
        uint256 loan = market.cash();
        usdc.mint(address(fb), market.flashFee(address(usdc), loan));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.SupplyCapExceeded.selector, address(weth), CAP + 1, CAP));
        market.flashLoan(fb, address(usdc), loan, "");
        _flash(_one(abi.encodeCall(IKeelMarket.depositCollateral, (fbVault, address(weth), 1e18))));
        assertEq(weth.balanceOf(address(market)), CAP, "at the cap");
        assertEq(market.collateralOf(fbVault, address(weth)), 1e18, "credited");
    }

    /// Withdraw-then-deposit in one callback, directly and as a multicall inside it: the withdrawal is a real outflow
    /// (the vault is debited), so the deposit after it gets that room and no more.
    function test_withdrawThenDepositInFlashNetWithinCap() public {
        weth.mint(address(fb), 10e18);
        fb.setCalls(_one(abi.encodeCall(IKeelMarket.depositCollateral, (fbVault, address(weth), 5e18))));
        usdc.mint(address(fb), 1);
        market.flashLoan(fb, address(usdc), 1, "");
        _openWith(ALICE, weth, CAP - 5e18); // the market now holds exactly the cap
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IKeelMarket.withdrawCollateral, (fbVault, address(weth), 2e18, address(fb)));
        calls[1] = abi.encodeCall(IKeelMarket.depositCollateral, (fbVault, address(weth), 2e18 + 1));
        fb.setCalls(calls);
        uint256 fee = market.flashFee(address(usdc), 1e6);
        usdc.mint(address(fb), fee);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.SupplyCapExceeded.selector, address(weth), CAP + 1, CAP));
        market.flashLoan(fb, address(usdc), 1e6, "");
        // The same pair as one multicall inside the callback.
        bytes[] memory inner = new bytes[](2);
        inner[0] = calls[0];
        inner[1] = calls[1];
        fb.setCalls(_one(abi.encodeCall(IKeelMarket.multicall, (inner))));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.SupplyCapExceeded.selector, address(weth), CAP + 1, CAP));
        market.flashLoan(fb, address(usdc), 1e6, "");
        inner[1] = abi.encodeCall(IKeelMarket.depositCollateral, (fbVault, address(weth), 2e18));
        _flash(_one(abi.encodeCall(IKeelMarket.multicall, (inner))));
        assertEq(weth.balanceOf(address(market)), CAP, "back at the cap, not past it");
        assertEq(market.collateralOf(fbVault, address(weth)), 5e18, "vault balance unchanged");
    }

    /// A flash liquidation takes the seized WETH out of the market (lowering its balance mid-callback) and the
    /// liquidator re-deposits it inside the callback: the balance returns to where it was, never past the cap; one
    /// wei more is refused.
    function test_flashLiquidationRedepositWithinCap() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, id, 23_000e6);
        _openWith(BOB, weth, CAP - 10e18); // at the cap
        ethFeed.setAnswer(2500e8); // HF = 25,000 × 0.85 ÷ 23,000 < 1
        // The seizure, measured on a copy of the state.
        usdc.mint(address(fb), 23_000e6);
        fb.approve(address(usdc), address(market), type(uint256).max);
        uint256 snap = vm.snapshotState();
        vm.prank(address(fb));
        (, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        vm.revertToState(snap);
        assertGt(seized, 0, "seizes");
        weth.mint(address(fb), 1);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IKeelMarket.liquidate, (id, address(weth), type(uint256).max, 0));
        calls[1] = abi.encodeCall(IKeelMarket.depositCollateral, (fbVault, address(weth), seized + 1));
        fb.setCalls(calls);
        uint256 loan = 23_000e6;
        usdc.mint(address(fb), market.flashFee(address(usdc), loan));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.SupplyCapExceeded.selector, address(weth), CAP + 1, CAP));
        market.flashLoan(fb, address(usdc), loan, "");
        calls[1] = abi.encodeCall(IKeelMarket.depositCollateral, (fbVault, address(weth), seized));
        fb.setCalls(calls);
        market.flashLoan(fb, address(usdc), loan, "");
        assertEq(weth.balanceOf(address(market)), CAP, "back at the cap");
        assertEq(
            market.collateralOf(id, address(weth)) + market.collateralOf(fbVault, address(weth)) + (CAP - 10e18),
            CAP,
            "vaults sum to the balance"
        );
    }

    /// A batch cannot flash-borrow: a deposit batched with a flash loan is undone with it, wherever the loan sits.
    function test_batchWithFlashLoanRefused() public {
        _openWith(ALICE, weth, CAP - 1e18);
        vm.prank(ALICE);
        uint256 id = market.openVault();
        _fund(ALICE, weth, 1e18);
        bytes[] memory data = new bytes[](2);
        data[0] = abi.encodeCall(IKeelMarket.flashLoan, (fb, address(usdc), 1, ""));
        data[1] = abi.encodeCall(IKeelMarket.depositCollateral, (id, address(weth), 1e18));
        vm.prank(ALICE);
        vm.expectRevert(IKeelMarket.FlashLoanInBatch.selector);
        market.multicall(data);
        (data[0], data[1]) = (data[1], data[0]);
        vm.prank(ALICE);
        vm.expectRevert(IKeelMarket.FlashLoanInBatch.selector);
        market.multicall(data);
        assertEq(weth.balanceOf(address(market)), CAP - 1e18, "nothing deposited");
        assertEq(market.collateralOf(id, address(weth)), 0, "nothing credited");
    }
}
