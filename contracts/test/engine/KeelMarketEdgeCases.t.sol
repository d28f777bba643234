// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase, FlashBorrower} from "./EngineBase.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {IKeelMarket, RateModel, CollateralParams} from "../../src/interfaces/IKeelMarket.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {KeelLenderVault} from "../../src/engine/KeelLenderVault.sol";

/// @dev Finding 5's attacker: one multicall borrows the whole cash against an empty vault, takes a flash loan of 0
/// (fee 0) whose callback holds that cash, and repays it all before the batch's end-of-batch LTV check.
contract FeeSkipper is IERC3156FlashBorrower {
    IKeelMarket internal immutable market;
    uint256 public heldInCallback;

    constructor(IKeelMarket market_) {
        market = market_;
    }

    function run() external {
        uint256 id = market.openVault();
        DevERC20(market.asset()).approve(address(market), type(uint256).max);
        bytes[] memory calls = new bytes[](3);
        calls[0] = abi.encodeCall(IKeelMarket.borrow, (id, market.cash(), address(this)));
        calls[1] = abi.encodeCall(IKeelMarket.flashLoan, (this, market.asset(), 0, ""));
        calls[2] = abi.encodeCall(IKeelMarket.repay, (id, type(uint256).max));
        market.multicall(calls);
    }

    function onFlashLoan(address, address token, uint256, uint256, bytes calldata) external returns (bytes32) {
        heldInCallback = DevERC20(token).balanceOf(address(this));
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}

/// @dev Records the lender vault's views from inside a flash-loan callback of its market.
contract ViewRecorder is IERC3156FlashBorrower {
    IKeelMarket internal immutable market;
    KeelLenderVault internal immutable vault;
    address internal immutable lender;
    uint256 public maxWithdrawSeen;
    uint256 public maxRedeemSeen;

    constructor(IKeelMarket market_, KeelLenderVault vault_, address lender_) {
        market = market_;
        vault = vault_;
        lender = lender_;
    }

    function onFlashLoan(address, address token, uint256 amount, uint256 fee, bytes calldata)
        external
        returns (bytes32)
    {
        maxWithdrawSeen = vault.maxWithdraw(lender);
        maxRedeemSeen = vault.maxRedeem(lender);
        DevERC20(token).approve(address(market), amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}

/// @notice Issue 12's flash-loan and lower-severity findings on the market side (fee skip, reserve overflow, ERC-4626
/// max views), each a regression test that failed before the fix.
contract KeelMarketEdgeCasesTest is EngineBase {
    /* FINDING 5: THE FLASH-LOAN FEE CANNOT BE SKIPPED */

    function test_flashLoanInsideMulticall_refused() public {
        FeeSkipper attacker = new FeeSkipper(market);
        usdc.mint(address(attacker), 1e6); // not even needed: the borrow pays the repayment
        vm.expectRevert(IKeelMarket.FlashLoanInBatch.selector);
        attacker.run();
        assertEq(attacker.heldInCallback(), 0, "never held the cash");
        assertEq(market.cash(), 1_000_000e6, "cash untouched");
    }

    /// @dev The other order stays allowed: a multicall inside a flash-loan callback (the leverage router's path).
    function test_multicallInsideFlashLoanCallback_allowed() public {
        FlashBorrower fb = new FlashBorrower(market);
        uint256 id = fb.openVault();
        weth.mint(address(fb), 1e18);
        fb.approve(address(weth), address(market), 1e18);
        bytes[] memory inner = new bytes[](2);
        inner[0] = abi.encodeCall(IKeelMarket.depositCollateral, (id, address(weth), 1e18));
        inner[1] = abi.encodeCall(IKeelMarket.borrow, (id, 1000e6 + 0.5e6, address(fb)));
        bytes[] memory calls = new bytes[](1);
        calls[0] = abi.encodeCall(IKeelMarket.multicall, (inner));
        fb.setCalls(calls);
        market.flashLoan(fb, address(usdc), 1000e6, "");
        assertEq(market.debtOf(id), 1000.5e6, "borrowed the loan and its fee in the callback's batch");
        assertEq(market.totalReserves(), 0.5e6, "fee paid");
    }

    /* FINDING 6: RESERVES NEVER OVERFLOW (they saturate; the excess interest goes to lenders) */

    function test_hugeSupply_reservesSaturateAndAccrualKeepsWorking() public {
        DevERC20 dai = new DevERC20("Dai", "DAI", 18);
        DevPriceFeed daiFeed = new DevPriceFeed(address(this), 8, "DAI / USD", 1e8);
        vm.prank(ADMIN);
        riskAdmin.setFeed(address(dai), daiFeed, 1 days, 0.5e8, 2e8);
        RateModel memory steep = RateModel(0, uint64(0.04e18) / 365 days, uint64(0.6e18) / 365 days, 0.9e18);
        IKeelMarket big = _newMarket(dai, steep, 0.5e18, 0);
        KeelLenderVault bigVault = new KeelLenderVault(big, "Keel DAI", "kDAI");
        vm.prank(ADMIN);
        riskAdmin.listCollateral(
            address(big), address(weth), CollateralParams(0.8e18, 0.85e18, 0.1e18, type(uint128).max)
        );
        // A trillion DAI supplied, 99% borrowed: half of ~58%/year of interest is 2.9e29 reserves a year, past both
        // the old uint96 (7.9e28, where every accrual reverted) and today's uint88 cap.
        uint256 supply = 1e30;
        dai.mint(LENDER, supply);
        vm.startPrank(LENDER);
        dai.approve(address(bigVault), supply);
        bigVault.deposit(supply, LENDER);
        vm.stopPrank();
        weth.mint(ALICE, 1e27);
        vm.startPrank(ALICE);
        uint256 id = big.openVault();
        weth.approve(address(big), 1e27);
        big.depositCollateral(id, address(weth), 1e27);
        big.borrow(id, 0.99e30, ALICE);
        vm.stopPrank();
        vm.warp(block.timestamp + 365 days);
        uint256 assets = bigVault.totalAssets(); // reverted before the fix
        assertEq(big.totalReserves(), type(uint88).max, "saturated");
        bigVault.convertToAssets(1e18);
        bigVault.convertToShares(1e18);
        bigVault.maxWithdraw(LENDER);
        bigVault.maxRedeem(LENDER);
        big.accrueInterest(); // reverted before the fix: the market was bricked
        assertEq(bigVault.totalAssets(), assets, "views agree with the accrual");
        vm.warp(block.timestamp + 1 days);
        big.accrueInterest();
        assertGt(bigVault.totalAssets(), assets, "interest past the cap goes to lenders");
    }

    /* ERC-4626 MAX VIEWS ARE EXACT */

    function test_maxDeposit_isTheCashLimitAndADepositOfItSucceeds() public {
        uint256 max = lenderVault.maxDeposit(BOB);
        assertEq(max, type(uint128).max - market.cash(), "2^128 - 1 - cash");
        _supply(BOB, max); // a deposit of maxDeposit succeeds
        assertEq(lenderVault.maxDeposit(BOB), 0, "full");
        usdc.mint(BOB, 1);
        vm.startPrank(BOB);
        usdc.approve(address(lenderVault), 1);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxDeposit.selector, BOB, uint256(1), uint256(0)));
        lenderVault.deposit(1, BOB);
        vm.stopPrank();
    }

    function test_maxMint_succeeds() public {
        uint256 shares = lenderVault.maxMint(BOB);
        uint256 assets = lenderVault.previewMint(shares);
        assertLe(assets, lenderVault.maxDeposit(BOB), "within the cash limit");
        usdc.mint(BOB, assets);
        vm.startPrank(BOB);
        usdc.approve(address(lenderVault), assets);
        lenderVault.mint(shares, BOB);
        vm.stopPrank();
        assertEq(lenderVault.balanceOf(BOB), shares, "minted");
    }

    function test_maxWithdraw_duringFlashLoan_excludesLentCash() public {
        ViewRecorder r = new ViewRecorder(market, lenderVault, LENDER);
        usdc.mint(address(r), 1000e6);
        market.flashLoan(r, address(usdc), 600_000e6, "");
        assertEq(r.maxWithdrawSeen(), 400_000e6, "only the cash on hand");
        assertEq(r.maxRedeemSeen(), lenderVault.convertToShares(400_000e6), "shares of the cash on hand");
        assertEq(
            lenderVault.maxWithdraw(LENDER),
            lenderVault.previewRedeem(lenderVault.balanceOf(LENDER)),
            "after: everything"
        );
    }
}
