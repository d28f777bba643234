// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase, FeeToken} from "./EngineBase.sol";
import {CallList} from "../utils/CallList.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {KeelLenderVault} from "../../src/engine/KeelLenderVault.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {SharesLib} from "../../src/libraries/SharesLib.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @dev A flash borrower that makes arbitrary calls (market, lender vault) inside its callback, then repays.
contract CallingBorrower is IERC3156FlashBorrower, CallList {
    function approve(address token, address spender, uint256 amount) external {
        DevERC20(token).approve(spender, amount);
    }

    function onFlashLoan(address, address token, uint256 amount, uint256 fee, bytes calldata)
        external
        returns (bytes32)
    {
        _runCalls();
        DevERC20(token).approve(msg.sender, amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}

/// @notice The market's supply ledger (`supply` / `withdraw` by assets or by shares, on behalf of an account) and its
/// ERC-4626 lender vault: amounts at 0, 1 wei and the maxima, rounding always in the market's favour, who may withdraw
/// for whom, and the same calls inside a flash loan and a multicall.
contract KeelSupplyLedgerTest is EngineBase {
    using SharesLib for uint256;

    address internal constant CAROL = address(0xC0);

    function _mintApprove(address who, uint256 amount) internal {
        usdc.mint(who, amount);
        vm.prank(who);
        usdc.approve(address(market), type(uint256).max);
    }

    /// @dev A year of interest at 90% utilisation, so that a share is worth a non-round number of assets.
    function _accrueAYear() internal {
        uint256 id = _openWith(ALICE, weth, 1000e18);
        _borrow(ALICE, id, 900_000e6);
        vm.warp(block.timestamp + 365 days + 17);
        market.accrueInterest();
    }

    /* SUPPLY */

    function test_supply_byAssets_roundsSharesDown() public {
        _accrueAYear();
        (uint256 a, uint256 s) = (market.totalSupplyAssets(), market.totalSupplyShares());
        _mintApprove(BOB, 1234.567891e6);
        vm.expectEmit(address(market));
        emit IKeelMarket.Supplied(BOB, CAROL, 1234.567891e6, uint256(1234.567891e6).toSharesDown(a, s));
        vm.prank(BOB);
        (uint256 assets, uint256 shares) = market.supply(1234.567891e6, 0, CAROL);
        assertEq(assets, 1234.567891e6, "assets");
        assertEq(shares, assets.toSharesDown(a, s), "shares round down");
        assertLe(shares.toAssetsDown(a, s), assets, "never more shares than paid for");
        assertEq(market.supplyShares(CAROL), shares, "credited to onBehalf");
        assertEq(market.supplyShares(BOB), 0, "not to the payer");
        assertEq(market.totalSupplyShares(), s + shares, "total");
        assertEq(usdc.balanceOf(BOB), 0, "pulled");
    }

    function test_supply_byShares_roundsAssetsUp() public {
        _accrueAYear();
        (uint256 a, uint256 s) = (market.totalSupplyAssets(), market.totalSupplyShares());
        uint256 want = 777_777_777_777;
        uint256 cost = want.toAssetsUp(a, s);
        _mintApprove(BOB, cost);
        vm.prank(BOB);
        (uint256 assets, uint256 shares) = market.supply(0, want, BOB);
        assertEq(shares, want, "exact shares");
        assertEq(assets, cost, "assets round up");
        assertGe(assets, want.toAssetsDown(a, s), "paid at least their worth");
        assertEq(usdc.balanceOf(BOB), 0, "pulled exactly");
    }

    function test_supply_refusesBadInput() public {
        _mintApprove(BOB, 10e6);
        vm.startPrank(BOB);
        vm.expectRevert(IKeelMarket.InconsistentInput.selector);
        market.supply(0, 0, BOB);
        vm.expectRevert(IKeelMarket.InconsistentInput.selector);
        market.supply(1, 1, BOB);
        vm.expectRevert(IKeelMarket.ZeroAddress.selector);
        market.supply(1, 0, address(0));
        vm.stopPrank();
    }

    function test_supply_oneWei() public {
        _mintApprove(BOB, 2);
        vm.prank(BOB);
        (, uint256 shares) = market.supply(1, 0, BOB);
        assertEq(shares, uint256(1).toSharesDown(1_000_000e6, 1_000_000e12), "1 wei buys its shares");
        assertEq(shares, 1e6, "1e6 shares a unit at the start");
        vm.prank(BOB);
        (uint256 assets,) = market.supply(0, 1, BOB);
        assertEq(assets, 1, "one share costs a whole wei (rounded up)");
    }

    function test_supply_upToTheCashLimit() public {
        uint256 cash = market.cash();
        uint256 room = type(uint128).max - cash;
        _mintApprove(BOB, room + 1);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, room + 1 + cash));
        market.supply(room + 1, 0, BOB);
        vm.prank(BOB);
        market.supply(room, 0, BOB);
        assertEq(market.cash(), type(uint128).max, "full");
    }

    /// @dev A market and lender vault on `token` (a feed at $1 listed for it first).
    function _marketOn(address token) internal returns (IKeelMarket m, KeelLenderVault v) {
        vm.prank(ADMIN);
        riskAdmin.setFeed(token, usdcFeed, 1 days, 0.5e8, 2e8);
        m = _deployMarket(IERC20Metadata(token), oracle, address(riskAdmin), _usdcRateModel(), 0, 0);
        v = new KeelLenderVault(m, "k", "k");
    }

    function test_supply_feeOnTransferBaseRefused() public {
        FeeToken fee = new FeeToken();
        (IKeelMarket m, KeelLenderVault v) = _marketOn(address(fee));
        fee.mint(BOB, 200e18);
        vm.startPrank(BOB);
        fee.approve(address(m), type(uint256).max);
        fee.approve(address(v), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.TransferAmountMismatch.selector, address(fee), 100e18, 99e18)
        );
        m.supply(100e18, 0, BOB);
        // Through the vault the vault receives 99 of 100 and cannot supply 100.
        vm.expectRevert();
        v.deposit(100e18, BOB);
        vm.stopPrank();
    }

    /* WITHDRAW */

    function test_withdraw_byAssets_roundsSharesUp() public {
        _accrueAYear();
        _fund(ALICE, usdc, 10_000_000e6);
        vm.prank(ALICE);
        market.repay(1, type(uint256).max);
        _mintApprove(BOB, 1000e6);
        vm.prank(BOB);
        market.supply(1000e6, 0, BOB);
        (uint256 a, uint256 s) = (market.totalSupplyAssets(), market.totalSupplyShares());
        vm.expectEmit(address(market));
        emit IKeelMarket.Withdrawn(BOB, BOB, CAROL, 333.333333e6, uint256(333.333333e6).toSharesUp(a, s));
        vm.prank(BOB);
        (uint256 assets, uint256 shares) = market.withdraw(333.333333e6, 0, BOB, CAROL);
        assertEq(assets, 333.333333e6, "exact assets");
        assertEq(shares, assets.toSharesUp(a, s), "shares round up");
        assertEq(usdc.balanceOf(CAROL), assets, "to the receiver");
    }

    function test_withdraw_byShares_roundsAssetsDown() public {
        _accrueAYear();
        _mintApprove(BOB, 1000e6);
        vm.prank(BOB);
        (uint256 paid, uint256 held) = market.supply(1000e6, 0, BOB);
        (uint256 a, uint256 s) = (market.totalSupplyAssets(), market.totalSupplyShares());
        vm.prank(BOB);
        (uint256 assets, uint256 shares) = market.withdraw(0, held, BOB, BOB);
        assertEq(shares, held, "all shares");
        assertEq(assets, held.toAssetsDown(a, s), "assets round down");
        assertLe(assets, paid, "a round trip never pays out more than it paid in");
        assertEq(market.supplyShares(BOB), 0, "burned");
    }

    function test_withdraw_oneShareOrOneWei() public {
        _accrueAYear();
        _mintApprove(BOB, 10e6);
        vm.prank(BOB);
        market.supply(10e6, 0, BOB);
        vm.startPrank(BOB);
        (uint256 assets,) = market.withdraw(0, 1, BOB, BOB);
        assertEq(assets, 0, "a share is worth less than a wei: nothing paid");
        uint256 before = market.supplyShares(BOB);
        (, uint256 shares) = market.withdraw(1, 0, BOB, BOB);
        assertGe(shares, 1e6 - 1e6 / 10, "a wei costs its shares, rounded up");
        assertEq(market.supplyShares(BOB), before - shares, "burned");
        vm.stopPrank();
    }

    function test_withdraw_refusesBadInputAndOverdraws() public {
        _mintApprove(BOB, 10e6);
        vm.prank(BOB);
        (, uint256 held) = market.supply(10e6, 0, BOB);
        vm.startPrank(BOB);
        vm.expectRevert(IKeelMarket.InconsistentInput.selector);
        market.withdraw(0, 0, BOB, BOB);
        vm.expectRevert(IKeelMarket.InconsistentInput.selector);
        market.withdraw(1, 1, BOB, BOB);
        vm.expectRevert(IKeelMarket.ZeroAddress.selector);
        market.withdraw(1, 0, BOB, address(0));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientSupplyShares.selector, BOB, held, held + 1));
        market.withdraw(0, held + 1, BOB, BOB);
        uint256 need = uint256(10e6 + 1).toSharesUp(market.totalSupplyAssets(), market.totalSupplyShares());
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientSupplyShares.selector, BOB, held, need));
        market.withdraw(10e6 + 1, 0, BOB, BOB);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.InsufficientSupplyShares.selector, BOB, held, type(uint256).max)
        );
        market.withdraw(0, type(uint256).max, BOB, BOB);
        vm.stopPrank();
    }

    function test_withdraw_limitedByCash() public {
        _mintApprove(BOB, 1_000_000e6);
        vm.prank(BOB);
        market.supply(1_000_000e6, 0, BOB);
        uint256 id = _openWith(ALICE, weth, 1000e18);
        _borrow(ALICE, id, 1_500_000e6); // 2,000,000 cash, 500,000 left
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientLiquidity.selector, 500_001e6, 500_000e6));
        market.withdraw(500_001e6, 0, BOB, BOB);
        vm.prank(BOB);
        market.withdraw(500_000e6, 0, BOB, BOB);
        assertEq(market.cash(), 0, "drained");
        // The vault's max views follow the same cash.
        assertEq(lenderVault.maxWithdraw(LENDER), 0, "nothing on hand");
        assertEq(lenderVault.maxRedeem(LENDER), 0, "no share redeemable");
    }

    /* WHO MAY WITHDRAW FOR WHOM */

    function test_withdraw_strangerRefused_operatorRefused_lenderAllowed() public {
        _mintApprove(BOB, 100e6);
        vm.prank(BOB);
        (, uint256 held) = market.supply(100e6, 0, BOB);
        vm.prank(CAROL);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnauthorizedLender.selector, BOB, CAROL));
        market.withdraw(0, held, BOB, CAROL);
        // The payer of a supply made for someone else has no claim on it either.
        _mintApprove(ALICE, 50e6);
        vm.prank(ALICE);
        market.supply(50e6, 0, BOB);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnauthorizedLender.selector, BOB, ALICE));
        market.withdraw(50e6, 0, BOB, ALICE);

        // A vault operator (a router, the guard, the cross-chain gateway) was granted vaults, not supply (audit5 L-2).
        vm.prank(BOB);
        market.setOperator(CAROL, true);
        assertTrue(market.isOperator(BOB, CAROL), "operator");
        vm.prank(CAROL);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnauthorizedLender.selector, BOB, CAROL));
        market.withdraw(40e6, 0, BOB, CAROL);
        vm.prank(BOB);
        (uint256 out,) = market.withdraw(40e6, 0, BOB, BOB);
        assertEq(out, 40e6, "the lender itself withdraws");
    }

    function test_lenderVault_supplyIsTheVaults_onlyItWithdraws() public {
        uint256 held = market.supplyShares(address(lenderVault));
        assertEq(held, lenderVault.totalSupply(), "one for one");
        vm.prank(LENDER);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnauthorizedLender.selector, address(lenderVault), LENDER));
        market.withdraw(0, 1, address(lenderVault), LENDER);
    }

    /* INSIDE A FLASH LOAN AND A MULTICALL */

    function test_flashLoan_withdrawSeesOnlyCashOnHand() public {
        CallingBorrower fb = new CallingBorrower();
        _mintApprove(BOB, 1_000_000e6);
        vm.prank(BOB);
        market.supply(1_000_000e6, 0, address(fb)); // the borrower's own supply: only the lender itself withdraws
        usdc.mint(address(fb), 10_000e6); // the fee
        address[] memory t = new address[](1);
        bytes[] memory d = new bytes[](1);
        t[0] = address(market);
        // 2,000,000 cash, 1,500,000 lent out: 500,000 on hand; 500,001 is refused with the cash on hand named.
        d[0] = abi.encodeCall(IKeelMarket.withdraw, (500_001e6, 0, address(fb), address(fb)));
        fb.setCalls(t, d);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientLiquidity.selector, 500_001e6, 500_000e6));
        market.flashLoan(fb, address(usdc), 1_500_000e6, "");
        d[0] = abi.encodeCall(IKeelMarket.withdraw, (500_000e6, 0, address(fb), address(fb)));
        fb.setCalls(t, d);
        market.flashLoan(fb, address(usdc), 1_500_000e6, "");
        assertEq(usdc.balanceOf(address(market)), market.cash(), "balance == cash after the loan");
        assertEq(market.cash(), 1_500_000e6 + 750e6, "withdrawn, fee in");
    }

    function test_flashLoan_supplyInsideCallback_samePrice_lentCashNeverCounts() public {
        _accrueAYear();
        CallingBorrower fb = new CallingBorrower();
        usdc.mint(address(fb), 1000e6 + 100e6);
        fb.approve(address(usdc), address(market), type(uint256).max);
        fb.approve(address(usdc), address(lenderVault), type(uint256).max);
        uint256 priceBefore = lenderVault.convertToAssets(1e18);
        uint256 expected = lenderVault.previewDeposit(1000e6);
        address[] memory t = new address[](3);
        bytes[] memory d = new bytes[](3);
        t[0] = address(market);
        d[0] = abi.encodeCall(IKeelMarket.supply, (500e6, 0, address(fb)));
        t[1] = address(lenderVault);
        d[1] = abi.encodeCall(ERC4626.deposit, (500e6, address(fb)));
        // The lender vault's view of the cash inside the callback: only what is on hand.
        t[2] = address(lenderVault);
        d[2] = abi.encodeCall(ERC4626.maxWithdraw, (LENDER));
        fb.setCalls(t, d);
        market.flashLoan(fb, address(usdc), 100_000e6, "");
        assertEq(lenderVault.convertToAssets(1e18), priceBefore, "the loan moved no price");
        assertApproxEqAbs(
            market.supplyShares(address(fb)) + lenderVault.balanceOf(address(fb)), expected, 1, "priced as outside"
        );
        assertEq(usdc.balanceOf(address(market)), market.cash(), "balance == cash");
    }

    function test_flashLoan_lenderVaultWithdrawInsideCallback_limitedToCashOnHand() public {
        CallingBorrower fb = new CallingBorrower();
        usdc.mint(address(fb), 1000e6);
        _supply(address(fb), 200_000e6);
        address[] memory t = new address[](1);
        bytes[] memory d = new bytes[](1);
        t[0] = address(lenderVault);
        d[0] = abi.encodeCall(ERC4626.withdraw, (200_000e6, address(fb), address(fb)));
        fb.setCalls(t, d);
        // 1,200,000 cash, 1,100,000 lent: 100,000 on hand; the vault's max view says so and the withdrawal is refused.
        vm.expectRevert(
            abi.encodeWithSelector(
                ERC4626.ERC4626ExceededMaxWithdraw.selector, address(fb), uint256(200_000e6), uint256(100_000e6)
            )
        );
        market.flashLoan(fb, address(usdc), 1_100_000e6, "");
        d[0] = abi.encodeCall(ERC4626.withdraw, (100_000e6, address(fb), address(fb)));
        fb.setCalls(t, d);
        market.flashLoan(fb, address(usdc), 1_100_000e6, "");
        assertEq(usdc.balanceOf(address(market)), market.cash(), "balance == cash");
    }

    function test_multicall_supplyAndWithdraw() public {
        _mintApprove(BOB, 100e6);
        bytes[] memory calls = new bytes[](3);
        calls[0] = abi.encodeCall(IKeelMarket.supply, (100e6, 0, BOB));
        calls[1] = abi.encodeCall(IKeelMarket.withdraw, (40e6, 0, BOB, CAROL));
        calls[2] = abi.encodeCall(IKeelMarket.withdraw, (0, 1, CAROL, CAROL)); // BOB is not CAROL's operator
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnauthorizedLender.selector, CAROL, BOB));
        market.multicall(calls);
        bytes[] memory ok = new bytes[](2);
        ok[0] = calls[0];
        ok[1] = calls[1];
        vm.prank(BOB);
        bytes[] memory r = market.multicall(ok);
        (uint256 assets,) = abi.decode(r[1], (uint256, uint256));
        assertEq(assets, 40e6, "withdrawn in the batch");
        assertEq(usdc.balanceOf(CAROL), 40e6, "to the receiver");
        assertEq(market.supplyShares(BOB), 60e12, "the rest");
    }

    /* THE LENDER VAULT */

    function test_lenderVault_previewsAreWhatTheMarketDoes() public {
        _accrueAYear();
        usdc.mint(BOB, 10_000e6);
        vm.startPrank(BOB);
        usdc.approve(address(lenderVault), type(uint256).max);
        uint256 p = lenderVault.previewDeposit(1234.5e6);
        assertEq(lenderVault.deposit(1234.5e6, BOB), p, "deposit");
        p = lenderVault.previewMint(987_654_321_123);
        assertEq(lenderVault.mint(987_654_321_123, BOB), p, "mint");
        p = lenderVault.previewWithdraw(100.000001e6);
        assertEq(lenderVault.withdraw(100.000001e6, BOB, BOB), p, "withdraw");
        p = lenderVault.previewRedeem(5e14);
        assertEq(lenderVault.redeem(5e14, BOB, BOB), p, "redeem");
        vm.stopPrank();
        assertEq(lenderVault.totalSupply(), market.supplyShares(address(lenderVault)), "one for one");
        assertEq(usdc.balanceOf(address(lenderVault)), 0, "holds no base");
    }

    function test_lenderVault_zeroAmounts() public {
        vm.startPrank(BOB);
        assertEq(lenderVault.deposit(0, BOB), 0, "deposit 0");
        assertEq(lenderVault.mint(0, BOB), 0, "mint 0");
        assertEq(lenderVault.withdraw(0, BOB, BOB), 0, "withdraw 0");
        assertEq(lenderVault.redeem(0, BOB, BOB), 0, "redeem 0");
        vm.stopPrank();
    }

    function test_lenderVault_thirdPartyNeedsAllowance() public {
        uint256 shares = lenderVault.balanceOf(LENDER);
        vm.prank(CAROL);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, CAROL, uint256(0), shares)
        );
        lenderVault.redeem(shares, CAROL, LENDER);
        vm.prank(CAROL);
        vm.expectRevert();
        lenderVault.withdraw(1e6, CAROL, LENDER);
        vm.prank(LENDER);
        lenderVault.approve(CAROL, 1e12);
        vm.prank(CAROL);
        lenderVault.redeem(1e12, CAROL, LENDER);
        assertEq(usdc.balanceOf(CAROL), 1e6, "spent the allowance");
        assertEq(lenderVault.allowance(LENDER, CAROL), 0, "allowance used");
    }

    function test_lenderVault_donatedSupplySharesMoveNoPrice() public {
        uint256 price = lenderVault.convertToAssets(1e18);
        uint256 total = lenderVault.totalAssets();
        _mintApprove(BOB, 500_000e6);
        vm.prank(BOB);
        market.supply(500_000e6, 0, address(lenderVault));
        assertEq(lenderVault.convertToAssets(1e18), price, "price");
        assertEq(lenderVault.totalAssets(), total, "assets of the vault's shares only");
        assertGt(market.supplyShares(address(lenderVault)), lenderVault.totalSupply(), "a gift to nobody");
    }

    function test_lenderVault_reentryRefused() public {
        // A base token with a transfer hook (ERC-777-like) that calls back into the vault during a deposit.
        HookToken hook = new HookToken();
        (, KeelLenderVault v) = _marketOn(address(hook));
        hook.mint(BOB, 100e18);
        vm.prank(BOB);
        hook.approve(address(v), type(uint256).max);
        hook.setHook(v);
        vm.prank(BOB);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        v.deposit(100e18, BOB);
    }

    /* FUZZ: ROUND TRIPS NEVER PAY OUT MORE THAN PAID IN */

    function testFuzz_roundTrip_byAssets(uint256 amount, uint256 dt) public {
        amount = bound(amount, 1, 10_000_000e6);
        dt = bound(dt, 0, 3 * 365 days);
        uint256 id = _openWith(ALICE, weth, 1000e18);
        _borrow(ALICE, id, 500_000e6);
        vm.warp(block.timestamp + dt);
        ethFeed.setAnswer(3000e8);
        _mintApprove(BOB, amount);
        vm.prank(BOB);
        (, uint256 shares) = market.supply(amount, 0, BOB);
        if (shares == 0) return;
        uint256 onHand = market.cashOnHand();
        vm.prank(BOB);
        (uint256 out,) = market.withdraw(0, shares, BOB, BOB);
        assertLe(out, amount, "by shares: never more than paid");
        assertLe(out, onHand, "within cash");
    }

    function testFuzz_roundTrip_bySharesAndAssets(uint256 shares, uint256 dt) public {
        shares = bound(shares, 1, 10_000_000e12);
        dt = bound(dt, 0, 3 * 365 days);
        uint256 id = _openWith(ALICE, weth, 1000e18);
        _borrow(ALICE, id, 500_000e6);
        vm.warp(block.timestamp + dt);
        ethFeed.setAnswer(3000e8);
        uint256 cost = lenderVault.previewMint(shares);
        _mintApprove(BOB, cost);
        vm.prank(BOB);
        (uint256 paid,) = market.supply(0, shares, BOB);
        assertEq(paid, cost, "previewMint is the cost");
        uint256 worth = lenderVault.convertToAssets(shares);
        if (worth == 0) return;
        vm.prank(BOB);
        (, uint256 burned) = market.withdraw(worth, 0, BOB, BOB);
        assertLe(burned, shares, "its worth never costs more shares than held");
        assertLe(worth, paid, "never more than paid");
    }
}

/// @dev A base token that calls `hook.deposit(0, …)` on every transfer: a stand-in for an ERC-777 hook.
contract HookToken is ERC20 {
    KeelLenderVault internal hook;

    constructor() ERC20("Hook", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHook(KeelLenderVault h) external {
        hook = h;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (address(hook) != address(0) && from != address(0)) hook.deposit(0, address(this));
    }
}
