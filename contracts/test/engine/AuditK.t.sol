// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {EngineBase, FlashBorrower} from "./EngineBase.sol";
import {IKeelMarket, VaultData} from "../../src/interfaces/IKeelMarket.sol";

/// @notice Audit k (docs/audit-2026-12-03-k.md), part 1: the gas12 change (liquidate reads the collateral's second
/// slot and the vault's position slot once; deposit/withdraw of the first-listed collateral write the position slot in
/// one store). Each test drives a path where a cached value could go stale and checks the accounting is exact: every
/// vault's balances sum to the collateral's total, debt shares sum to the market's, and the position slot's two
/// halves (debt shares, first collateral's balance) never overwrite each other. WETH is index 0, WBTC index 1.
contract AuditKTest is EngineBase {
    uint256[] internal ids;

    /// @dev A vault holding 10 WETH (index 0) and 0.1 WBTC (index 1), borrowing 25,000 USDC; Tests then drop ETH.
    function _twoAssetVault(address who) internal returns (uint256 id) {
        id = _openWith(who, weth, 10e18);
        _fund(who, wbtc, 0.1e8);
        vm.prank(who);
        market.depositCollateral(id, address(wbtc), 0.1e8);
        _borrow(who, id, 25_000e6);
        ids.push(id);
    }

    /// @dev Σ balances = each collateral's total; Σ debt shares = the market's; returns nothing, reverts on a gap.
    function _assertBooks() internal view {
        address[2] memory assets = [address(weth), address(wbtc)];
        for (uint256 a; a < 2; ++a) {
            uint256 sum;
            for (uint256 i; i < ids.length; ++i) {
                sum += market.collateralOf(ids[i], assets[a]);
            }
            assertEq(sum, IERC20(assets[a]).balanceOf(address(market)), "sum of balances = collateral total");
            assertEq(sum, DevLike(assets[a]).balanceOf(address(market)), "market holds exactly the total");
        }
        uint256 shares;
        for (uint256 i; i < ids.length; ++i) {
            shares += market.getVault(ids[i]).debtShares;
        }
        assertEq(shares, market.totalBorrowShares(), "sum of debt shares = total shares");
    }

    function setUp() public override {
        super.setUp();
        _fund(LIQUIDATOR, usdc, 1_000_000e6);
    }

    /// Seizing the first-listed collateral from a vault that also holds another: one store writes shares left and
    /// balance left; the other collateral's balance and held bit are untouched; totals exact.
    function test_seizeIndex0_fromTwoAssetVault_booksExact() public {
        // WBTC (LT 80 %) would raise HF more than WETH (LT 85 %): only dust of it, so WETH may be seized
        uint256 id = _openWith(ALICE, weth, 10e18);
        _fund(ALICE, wbtc, 100);
        vm.prank(ALICE);
        market.depositCollateral(id, address(wbtc), 100);
        _borrow(ALICE, id, 23_000e6);
        ids.push(id);
        _twoAssetVault(BOB);
        ethFeed.setAnswer(2000e8);
        uint256 sharesBefore = market.getVault(id).debtShares;
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertGt(seized, 0, "seized");
        assertEq(market.collateralOf(id, address(weth)), 10e18 - seized, "balance0 = read - seized");
        assertEq(market.collateralOf(id, address(wbtc)), 100, "other collateral untouched");
        VaultData memory d = market.getVault(id);
        assertLt(d.debtShares, sharesBefore, "shares burnt");
        assertEq(d.assets.length, seized == 10e18 ? 1 : 2, "WBTC still held; WETH while any is left");
        assertGt(repaid, 0, "repaid");
        _assertBooks();
    }

    /// A non-owner deposit of the first collateral into an indebted vault rewrites the whole position slot from one
    /// read: the debt shares survive exactly.
    function test_nonOwnerDepositIndex0_keepsDebtShares() public {
        uint256 id = _twoAssetVault(ALICE);
        uint256 shares = market.getVault(id).debtShares;
        _fund(BOB, weth, 1e18);
        vm.prank(BOB);
        market.depositCollateral(id, address(weth), 1e18);
        assertEq(market.getVault(id).debtShares, shares, "debt shares kept");
        assertEq(market.collateralOf(id, address(weth)), 11e18);
        _assertBooks();
    }

    /// In one multicall: withdraw all WETH (the check deferred), deposit it back, borrow more, withdraw some: each call
    /// reads the position slot afresh, so no call writes back a value another changed; the deferred check sees the end.
    function test_multicall_index0_roundTrip_keepsPosition() public {
        uint256 id = _twoAssetVault(ALICE);
        _fund(ALICE, weth, 0); // approves the market
        bytes[] memory calls = new bytes[](4);
        calls[0] = abi.encodeCall(IKeelMarket.withdrawCollateral, (id, address(weth), 10e18, ALICE));
        calls[1] = abi.encodeCall(IKeelMarket.depositCollateral, (id, address(weth), 10e18));
        calls[2] = abi.encodeCall(IKeelMarket.borrow, (id, 100e6, ALICE));
        calls[3] = abi.encodeCall(IKeelMarket.withdrawCollateral, (id, address(weth), 0.1e18, ALICE));
        uint256 shares = market.getVault(id).debtShares;
        vm.prank(ALICE);
        market.multicall(calls);
        assertGt(market.getVault(id).debtShares, shares, "the borrow's shares kept through the later stores");
        assertEq(market.collateralOf(id, address(weth)), 9.9e18);
        _assertBooks();
    }

    /// A batch that withdraws the first collateral past the limit is refused at its end even though the withdrawal's
    /// cached `shares` was non-zero only for the deferral (the check reads the slot afresh).
    function test_multicall_withdrawIndex0_pastLimit_refused() public {
        uint256 id = _twoAssetVault(ALICE);
        bytes[] memory calls = new bytes[](1);
        calls[0] = abi.encodeCall(IKeelMarket.withdrawCollateral, (id, address(weth), 10e18, ALICE));
        vm.prank(ALICE);
        vm.expectRevert();
        market.multicall(calls);
    }

    /// Inside a flash loan's callback (lock released): a stranger deposits the first collateral into the victim, then
    /// liquidates that very collateral. Both calls read the slot afresh; the seizure covers the deposit too and the
    /// books stay exact after the loan is repaid.
    function test_flashLoan_depositThenSeizeIndex0_booksExact() public {
        uint256 id = _twoAssetVault(ALICE);
        _twoAssetVault(BOB);
        ethFeed.setAnswer(2000e8);
        FlashBorrower fb = new FlashBorrower(market);
        weth.mint(address(fb), 1e18);
        usdc.mint(address(fb), 100_000e6);
        fb.approve(address(weth), address(market), type(uint256).max);
        fb.approve(address(usdc), address(market), type(uint256).max);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IKeelMarket.depositCollateral, (id, address(weth), 1e18));
        calls[1] = abi.encodeCall(IKeelMarket.liquidate, (id, address(weth), type(uint256).max, 0));
        fb.setCalls(calls);
        market.flashLoan(fb, address(usdc), 50_000e6, "");
        assertLt(market.collateralOf(id, address(weth)), 11e18, "seized from the deposit-included balance");
        assertGt(weth.balanceOf(address(fb)), 0, "seized to the borrower");
        _assertBooks();
    }

    /// The whole first collateral seized from a vault holding only it, insolvent: the position slot is written once
    /// (shares left, 0), then the write-off reads it afresh: no shares, bad debt booked, totals exact.
    function test_seizeAllIndex0_writeOffExact() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, id, 20_000e6);
        ids.push(id);
        _twoAssetVault(BOB);
        ethFeed.setAnswer(1500e8); // collateral $15,000 < debt $20,000
        uint256 borrowsBefore = market.totalBorrows();
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(seized, 10e18, "all of it");
        VaultData memory d = market.getVault(id);
        assertEq(d.debtShares, 0, "written off");
        assertEq(d.assets.length, 0, "holds nothing");
        assertEq(
            borrowsBefore - repaid - market.totalBadDebt(), market.totalBorrows(), "repaid + bad debt = borrows gone"
        );
        _assertBooks();
    }

    /// Revert order kept: an unlisted asset is NotListed only after VaultNotFound on deposit; InsufficientCollateral
    /// (balance 0) on withdraw and liquidate, before anything else.
    function test_revertOrder_unlistedAndMissingVault() public {
        address junk = address(0xBEEF);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.VaultNotFound.selector, 999));
        market.depositCollateral(999, junk, 1);
        uint256 id = _twoAssetVault(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotListed.selector, junk));
        market.depositCollateral(id, junk, 1);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientCollateral.selector, id, junk, 0, 1));
        market.withdrawCollateral(id, junk, 1, ALICE);
        vm.prank(LIQUIDATOR);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientCollateral.selector, id, junk, 0, 7));
        market.liquidate(id, junk, 1, 7);
        // a healthy vault: NotLiquidatable, not a seizure
        vm.prank(LIQUIDATOR);
        vm.expectRevert();
        market.liquidate(id, address(weth), 1, 0);
    }

    /// Fuzz: any sequence of deposits (owner or not), withdrawals, borrows, repayments and liquidations of either
    /// collateral keeps the books exact (the position slot's halves never clobber each other).
    function testFuzz_mixedOps_booksExact(uint256 seed) public {
        uint256 a = _twoAssetVault(ALICE);
        uint256 b = _twoAssetVault(BOB);
        _fund(BOB, weth, 100e18);
        _fund(ALICE, weth, 100e18);
        _fund(ALICE, usdc, 100_000e6);
        for (uint256 k; k < 12; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            uint256 id = r & 1 == 0 ? a : b;
            address owner = id == a ? ALICE : BOB;
            uint256 op = (r >> 1) % 6;
            uint256 amt = 1 + (r >> 8) % 2e18;
            if (op == 0) {
                vm.prank(owner == ALICE ? BOB : ALICE); // a non-owner's deposit of the first collateral
                market.depositCollateral(id, address(weth), amt);
            } else if (op == 1) {
                vm.prank(owner);
                try market.withdrawCollateral(id, address(weth), amt, owner) {} catch {}
            } else if (op == 2) {
                vm.prank(owner);
                try market.borrow(id, 1 + (r >> 8) % 2000e6, owner) {} catch {}
            } else if (op == 3) {
                vm.prank(ALICE);
                try market.repay(id, 1 + (r >> 8) % 2000e6) {} catch {}
            } else if (op == 4) {
                ethFeed.setAnswer(int256(1500e8 + (r >> 100) % 2000e8));
            } else {
                vm.prank(LIQUIDATOR);
                try market.liquidate(id, r & 2 == 0 ? address(weth) : address(wbtc), type(uint256).max, 0) {} catch {}
            }
            _assertBooks();
        }
    }
}

interface DevLike {
    function balanceOf(address) external view returns (uint256);
}
