// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {KeelLenderVault} from "../../src/engine/KeelLenderVault.sol";
import {IKeelMarket, CollateralParams, VaultData} from "../../src/interfaces/IKeelMarket.sol";
import {SharesLib} from "../../src/libraries/SharesLib.sol";
import {HealthLib} from "../../src/libraries/HealthLib.sol";
import {RiskBoundsLib} from "../../src/libraries/RiskBoundsLib.sol";

/// @dev The cheatcode this file needs beyond test/utils/Test.sol's.
interface Vm7 {
    function load(address target, bytes32 slot) external view returns (bytes32);
}

/// @notice Audit 2026-12-02-g (audit7, docs/audit-2026-12-02-g.md) of 41a5118 (bound constants and
/// supplyShareDecimals moved off KeelMarket) and 415bdf1 (liquidate's `_burnDebt` and one-store `_storePosition`).
/// Pinning tests: the vault's two storage words are read raw (`vm.load`) and compared with an independent reference
/// (SharesLib on the totals read before the call), so a clobbered field, a shifted balance or a share burned the wrong
/// way fails here even where every view would agree with itself.
contract Audit7Test is EngineBase {
    Vm7 internal constant VM7 = Vm7(address(uint160(uint256(keccak256("hevm cheat code")))));
    /// @dev Storage slot of `KeelMarket._vaults` (after _totals, _liq, _rates, _config, _totalBadDebt, _listed,
    /// _collaterals); `_word0` checks it against the owner.
    uint256 internal constant VAULTS_SLOT = 7;
    uint256 internal constant LOW128 = type(uint128).max;

    /* RAW POSITION SLOTS */

    function _words(uint256 id) internal view returns (uint256 w0, uint256 w1) {
        bytes32 base = keccak256(abi.encode(id, VAULTS_SLOT));
        w0 = uint256(VM7.load(address(market), base));
        w1 = uint256(VM7.load(address(market), bytes32(uint256(base) + 1)));
    }

    function _sumShares(uint256[] memory ids) internal view returns (uint256 s) {
        for (uint256 i; i < ids.length; ++i) {
            s += market.getVault(ids[i]).debtShares;
        }
    }

    /// @dev Both collaterals uncapped (up to the uint112 total), so balances with high bits set can be deposited.
    function _uncap() internal {
        _setCollateral(address(weth), CollateralParams(0.8e18, 0.85e18, 0.1e18, type(uint128).max));
        _setCollateral(address(wbtc), CollateralParams(0.7e18, 0.8e18, 0.1e18, type(uint128).max));
    }

    /// @dev A vault of ALICE holding `b0` WETH (index 0) and `b1` WBTC (index 1), borrowed to 95 % of its limit.
    function _borrowedVault(uint256 b0, uint256 b1) internal returns (uint256 id) {
        vm.prank(ALICE);
        id = market.openVault();
        if (b0 != 0) {
            _fund(ALICE, weth, b0);
            vm.prank(ALICE);
            market.depositCollateral(id, address(weth), b0);
        }
        if (b1 != 0) {
            _fund(ALICE, wbtc, b1);
            vm.prank(ALICE);
            market.depositCollateral(id, address(wbtc), b1);
        }
        (, uint256 limit,,,) = market.vaultHealth(id);
        uint256 amount = limit * 95 / 100 / 1e12; // USD WAD → USDC units at $1
        if (amount > market.cash()) _supply(LENDER, amount - market.cash() + 1e6);
        if (amount != 0) _borrow(ALICE, id, amount);
    }

    /// @dev Both collateral prices scaled so vault `id`'s health factor becomes about `target`.
    function _crashTo(uint256 id, uint256 target) internal {
        (,,,, uint256 hf) = market.vaultHealth(id);
        (, int256 pe,,,) = ethFeed.latestRoundData();
        (, int256 pb,,,) = btcFeed.latestRoundData();
        ethFeed.setAnswer(pe * int256(target) / int256(hf));
        btcFeed.setAnswer(pb * int256(target) / int256(hf));
    }

    struct Before {
        uint256 w0;
        uint256 w1;
        uint256 debt;
        uint256 borrows;
        uint256 totalShares;
        uint256 b1;
        uint256 bad;
    }

    function _before(uint256 id) internal view returns (Before memory b) {
        (b.w0, b.w1) = _words(id);
        b.debt = market.debtOf(id);
        b.borrows = market.totalBorrows();
        b.totalShares = market.totalBorrowShares();
        b.b1 = market.collateralOf(id, address(wbtc));
        b.bad = market.totalBadDebt();
    }

    /// @dev Liquidates `asset` of vault `id` offering `repay` and checks every field of both raw words against the
    /// reference: shares burned = all when the whole debt is repaid, else toSharesDown(repaid) on the totals before;
    /// the balance less the seizure; owner and list position kept; the held bit cleared only for a whole non-first
    /// balance; a write-off only when nothing is left. Returns what was seized.
    function _liquidateAndCheck(uint256 id, address asset, uint256 repay) internal returns (uint256 seized) {
        Before memory b = _before(id);
        assertEq(address(uint160(b.w0)), ALICE, "slot layout: owner in the vault's first word");
        assertEq(
            b.w1 & LOW128, market.getVault(id).debtShares, "slot layout: shares in the low half of the second word"
        );
        assertEq(b.w1 >> 128, market.collateralOf(id, address(weth)), "slot layout: balance0 in the high half");

        _fund(LIQUIDATOR, usdc, b.debt + 1);
        vm.prank(LIQUIDATOR);
        uint256 repaid;
        (repaid, seized) = market.liquidate(id, asset, repay, 0);
        _checkAfter(id, asset == address(weth), b, repaid, seized);
    }

    function _checkAfter(uint256 id, bool first, Before memory b, uint256 repaid, uint256 seized) internal view {
        uint256 vShares = b.w1 & LOW128;
        assertLe(repaid, b.debt, "never repays past the debt");
        uint256 burned = repaid == b.debt ? vShares : SharesLib.toSharesDown(repaid, b.borrows, b.totalShares);
        uint256 b0After = first ? (b.w1 >> 128) - seized : b.w1 >> 128;
        uint256 b1After = first ? b.b1 : b.b1 - seized;
        uint256 sharesLeft = vShares - burned;
        bool emptied = b0After == 0 && b1After == 0;
        if (emptied) sharesLeft = 0; // written off
        (uint256 w0, uint256 w1) = _words(id);
        assertEq(w1 & LOW128, sharesLeft, "debt shares: exactly the reference");
        assertEq(w1 >> 128, b0After, "balance0: exactly the balance less the seizure");
        assertEq(market.collateralOf(id, address(wbtc)), b1After, "second collateral's balance");
        // heldMask starts at bit 160: its bit 1 is cleared only when the second-listed balance went whole.
        assertEq(w0, (!first && b1After == 0) ? b.w0 & ~(uint256(1) << 161) : b.w0, "first word kept");
        assertEq(
            market.totalBorrowShares(),
            b.totalShares - vShares + sharesLeft,
            "total shares fall by what the vault lost, burned or written off"
        );
        if (!emptied || burned == vShares) {
            assertEq(market.totalBadDebt(), b.bad, "no write-off while collateral left");
        }
        if (sharesLeft == 0) assertEq(market.debtOf(id), 0, "no shares, no debt");
    }

    /// @dev Balances with bits set across the whole field (up to the uint112 total), debt shares near 2^102: each
    /// half of the one-store word comes back exactly, on both paths (first-listed and second-listed collateral).
    function test_storePosition_highBitsBothPaths() public {
        _uncap();
        uint256[4] memory b0s = [uint256(type(uint112).max), 2 ** 111 + 2 ** 64 + 1, 2 ** 100 - 1, 1e18 + 1];
        for (uint256 k; k < b0s.length; ++k) {
            for (uint256 p; p < 2; ++p) {
                // Each case from the same state (the collateral totals stay within uint112).
                uint256 snap = vm.snapshotState();
                // A vault with a big first-listed balance; on the second pass 3/4 of it, and WBTC.
                uint256 b0 = p == 0 ? b0s[k] : b0s[k] - b0s[k] / 4;
                uint256 id = _borrowedVault(b0, p == 0 ? 0 : 7e8 + 3);
                _crashTo(id, 0.95e18);
                assertLt(_hf(id), 1e18, "liquidatable");
                uint256 debt = market.debtOf(id);
                _liquidateAndCheck(id, p == 0 ? address(weth) : address(wbtc), debt / 7 + 1);
                vm.revertToState(snap);
            }
        }
    }

    /// @dev Fuzzed: any first-listed balance up to the uint112 bound, any second balance (none included), either
    /// asset seized, any offered amount (1 wei up to the whole debt and past it), after interest has moved the share
    /// price; a neighbour vault's words untouched and Σ debt shares == the total afterwards.
    function testFuzz_liquidate_positionWordsExact(uint256 b0, uint256 b1, uint256 repay, uint256 dt, bool seizeFirst)
        public
    {
        _uncap();
        b0 = bound(b0, 1e13, type(uint112).max / 4);
        b1 = bound(b1, 0, 1e13);
        if (!seizeFirst && b1 == 0) b1 = 1e5;
        uint256 neighbour = _borrowedVault(3e18, 1e7);
        uint256 id = _borrowedVault(b0, b1);
        vm.warp(block.timestamp + bound(dt, 0, 400 days));
        ethFeed.setAnswer(3000e8);
        btcFeed.setAnswer(60_000e8);
        usdcFeed.setAnswer(1e8);
        _crashTo(id, 0.95e18);
        (uint256 n0, uint256 n1) = _words(neighbour);
        uint256 debt = market.debtOf(id);
        repay = bound(repay, 1, debt + 10);
        if (repay % 5 == 0) repay = type(uint256).max;
        _liquidateAndCheck(id, seizeFirst ? address(weth) : address(wbtc), repay);
        (uint256 m0, uint256 m1) = _words(neighbour);
        assertEq(m0, n0, "neighbour's first word");
        assertEq(m1, n1, "neighbour's second word");
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (neighbour, id);
        assertEq(_sumShares(ids), market.totalBorrowShares(), "sum of debt shares == total, exactly");
    }

    /// @dev Whole-balance seizure through the one-store path with nothing else held: the word is written with the
    /// shares left, then `_writeOff` (reading the shares back through the struct) zeroes them — the assembly store is
    /// seen by the later read; bad debt equals the debt the seizure did not repay.
    function test_storePosition_wholeSeizureThenWriteOff_firstListed() public {
        uint256 id = _borrowedVault(10e18, 0);
        ethFeed.setAnswer(1500e8); // HF ≈ 0.56: a seizure lowers health, so only the whole balance goes
        uint256 debt = market.debtOf(id);
        uint256 bad = market.totalBadDebt();
        _fund(LIQUIDATOR, usdc, debt);
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(seized, 10e18, "the whole balance");
        (uint256 w0, uint256 w1) = _words(id);
        assertEq(w1, 0, "position word: no shares, no balance");
        assertEq(address(uint160(w0)), ALICE, "owner kept");
        assertEq(market.debtOf(id), 0, "debt written off");
        assertApproxEqAbs(market.totalBadDebt() - bad, debt - repaid, 1, "bad debt = debt not repaid");
        assertEq(market.totalBorrowShares(), 0, "no shares anywhere");
        assertEq(market.totalBorrows(), 0, "no phantom debt");
    }

    /// @dev The second-listed path: a vault holding only WBTC (balance0 = 0) has its whole balance seized and is
    /// written off; a vault holding both keeps balance0 and is not written off when its WBTC goes whole.
    function test_liquidate_secondListed_wholeSeizure_balance0Kept() public {
        uint256 onlyBtc = _borrowedVault(0, 1e8);
        btcFeed.setAnswer(30_000e8);
        _fund(LIQUIDATOR, usdc, market.debtOf(onlyBtc));
        vm.prank(LIQUIDATOR);
        (, uint256 seized) = market.liquidate(onlyBtc, address(wbtc), type(uint256).max, 0);
        assertEq(seized, 1e8, "whole WBTC balance");
        (uint256 w0, uint256 w1) = _words(onlyBtc);
        assertEq(w1, 0, "no shares, balance0 still 0");
        assertEq((w0 >> 160) & type(uint32).max, 0, "held mask emptied");

        btcFeed.setAnswer(60_000e8);
        ethFeed.setAnswer(3000e8);
        uint256 both = _borrowedVault(1e18, 1e6); // $3,000 of WETH, $600 of WBTC
        _crashTo(both, 0.95e18);
        _liquidateAndCheck(both, address(wbtc), type(uint256).max);
        assertEq(market.collateralOf(both, address(wbtc)), 0, "WBTC gone whole");
        assertGt(market.getVault(both).debtShares, 0, "debt kept: WETH still backs it");
    }

    /* _burnDebt THROUGH repay: ROUNDING */

    /// @dev Repay of any amount after interest: the shares burned are the reference (all of them at or past the debt,
    /// else toSharesDown — the borrower is never relieved of more than paid), `repay` returns them, the debt left is
    /// at least the debt less what was paid, and the totals move by exactly the same shares.
    function testFuzz_repay_burnDebtRounding(uint256 amount, uint256 dt) public {
        uint256 id = _borrowedVault(5e18, 0);
        uint256 other = _borrowedVault(1e18, 0);
        vm.warp(block.timestamp + bound(dt, 1, 800 days));
        usdcFeed.setAnswer(1e8);
        ethFeed.setAnswer(3000e8);
        uint256 debt = market.debtOf(id);
        amount = bound(amount, 1, debt + 1e6);
        if (amount % 7 == 0) amount = type(uint256).max;
        uint256 vShares = market.getVault(id).debtShares;
        (uint256 borrows, uint256 totalShares) = (market.totalBorrows(), market.totalBorrowShares());
        _fund(ALICE, usdc, debt + 1e6);
        vm.prank(ALICE);
        (uint256 repaid, uint256 shares) = market.repay(id, amount);
        uint256 expectShares = amount >= debt ? vShares : SharesLib.toSharesDown(amount, borrows, totalShares);
        assertEq(repaid, amount >= debt ? debt : amount, "repaid = min(amount, debt)");
        assertEq(shares, expectShares, "shares burned: the reference");
        assertEq(market.getVault(id).debtShares, vShares - expectShares, "shares left");
        assertEq(market.totalBorrowShares(), totalShares - expectShares, "total shares");
        assertGe(market.debtOf(id) + repaid, debt, "never relieved of more than paid");
        if (amount < debt) assertGt(market.getVault(id).debtShares, 0, "a partial repayment never clears the vault");
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (id, other);
        assertEq(_sumShares(ids), market.totalBorrowShares(), "sum of debt shares == total, exactly");
    }

    /// @dev The last borrower repaying in full leaves no shares and no phantom debt (the `newShares == 0` branch), and
    /// repaying 1 wei short leaves a debt of at least 1 wei.
    function test_repay_lastBorrower_noPhantomDebt_and_oneWeiShort() public {
        uint256 id = _borrowedVault(5e18, 0);
        vm.warp(block.timestamp + 97 days);
        usdcFeed.setAnswer(1e8);
        ethFeed.setAnswer(3000e8);
        uint256 debt = market.debtOf(id);
        _fund(ALICE, usdc, debt);
        vm.prank(ALICE);
        market.repay(id, debt - 1);
        assertGe(market.debtOf(id), 1, "1 wei short: at least 1 wei left");
        assertGt(market.totalBorrowShares(), 0, "shares left");
        vm.prank(ALICE);
        (uint256 repaid,) = market.repay(id, type(uint256).max);
        assertLe(repaid, 2, "the rest: a wei or two");
        assertEq(market.totalBorrowShares(), 0, "no shares");
        assertEq(market.totalBorrows(), 0, "no phantom debt");
        (, uint256 w1) = _words(id);
        assertEq(w1 >> 128, 5e18, "balance0 untouched by repay");
    }

    /* 41a5118: THE BOUNDS' ONE HOME */

    /// @dev The market no longer answers the removed selectors (it has no fallback), and the lens answers each with its
    /// library's value; the lens's supply-share decimals equal the lender vault's for a 6- and an 18-decimal base.
    function test_bounds_onTheLensOnly() public {
        string[10] memory names = [
            "MAX_LT()",
            "MAX_DISCOUNT()",
            "MIN_DISCOUNT()",
            "TARGET_HEALTH()",
            "MAX_RESERVE_FACTOR()",
            "MAX_FLASH_FEE_BPS()",
            "MAX_BORROW_RATE()",
            "DUST_VALUE()",
            "MAX_COLLATERALS()",
            "supplyShareDecimals()"
        ];
        for (uint256 i; i < names.length; ++i) {
            (bool ok,) = address(market).staticcall(abi.encodeWithSignature(names[i]));
            assertFalse(ok, names[i]);
        }
        assertEq(lens.MAX_LT(), RiskBoundsLib.MAX_LT, "MAX_LT");
        assertEq(lens.MAX_DISCOUNT(), RiskBoundsLib.MAX_DISCOUNT, "MAX_DISCOUNT");
        assertEq(lens.MIN_DISCOUNT(), HealthLib.MIN_DISCOUNT, "MIN_DISCOUNT");
        assertEq(lens.TARGET_HEALTH(), HealthLib.TARGET_HEALTH, "TARGET_HEALTH");
        assertEq(lens.MAX_RESERVE_FACTOR(), RiskBoundsLib.MAX_RESERVE_FACTOR, "MAX_RESERVE_FACTOR");
        assertEq(lens.MAX_FLASH_FEE_BPS(), RiskBoundsLib.MAX_FLASH_FEE_BPS, "MAX_FLASH_FEE_BPS");
        assertEq(lens.MAX_BORROW_RATE(), RiskBoundsLib.MAX_BORROW_RATE, "MAX_BORROW_RATE");
        assertEq(lens.DUST_VALUE(), 10e18, "DUST_VALUE: $10, as before");
        assertEq(lens.MAX_COLLATERALS(), 32, "MAX_COLLATERALS: 32, as before");

        assertEq(uint256(lens.getMarket(address(market)).decimals), uint256(lenderVault.decimals()), "6-decimal base");
        DevERC20 dai = new DevERC20("Dai", "DAI", 18);
        vm.prank(ADMIN);
        riskAdmin.setFeed(address(dai), usdcFeed, 1 days, 0.5e8, 2e8);
        IKeelMarket daiMarket = _newMarket(dai, _usdcRateModel(), 0.1e18, 5);
        KeelLenderVault daiVault = new KeelLenderVault(daiMarket, "Keel DAI", "kDAI");
        assertEq(uint256(lens.getMarket(address(daiMarket)).decimals), 24, "18-decimal base: 18 + 6");
        assertEq(uint256(daiVault.decimals()), 24, "the lender vault agrees");
    }
}
