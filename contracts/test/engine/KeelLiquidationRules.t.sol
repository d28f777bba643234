// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "./EngineBase.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";

/// @notice Regression tests for the liquidation findings of the security review (issue #12, findings 1–3 and the
/// front-running part of 6). Each reproduces the scenario that went wrong before the fix.
contract KeelLiquidationRulesTest is EngineBase {
    /// @dev USD value (WAD) of `amount` of an 18-decimal token at `price8` (8 decimals).
    function _usd18(uint256 amount, uint256 price8) internal pure returns (uint256) {
        return amount * price8 / 1e8;
    }

    /* FINDING 2: a liquidator cannot lower HF on purpose to raise the discount */

    DevERC20 internal hi; // LT 95 %
    DevERC20 internal lo; // LT 50 %
    DevPriceFeed internal hiFeed;
    DevPriceFeed internal loFeed;

    /// @dev 8,000 HI ($1, LT 95 %) + 5,000 LO ($1, LT 50 %) against 9,450 USDC; then LO falls 40 % (HF 0.963).
    function _mixedVault() internal returns (uint256 id) {
        (hi, hiFeed) = _newCollateral("HI", 1e8, 0.92e18, 0.95e18, 0.05e18);
        (lo, loFeed) = _newCollateral("LO", 1e8, 0.45e18, 0.5e18, 0.15e18);
        id = _openWith(ALICE, hi, 8000e18);
        _fund(ALICE, lo, 5000e18);
        vm.prank(ALICE);
        market.depositCollateral(id, address(lo), 5000e18);
        _borrow(ALICE, id, 9450e6);
        loFeed.setAnswer(0.6e8);
        _fund(LIQUIDATOR, usdc, 100_000e6);
    }

    function test_finding2_seizureThatLowersHealthIsRefused() public {
        uint256 id = _mixedVault();
        assertApproxEqAbs(_hf(id), 0.963e18, 0.001e18, "HF 0.963");
        // Seizing HI takes (1 + 3.7 %) × 95 % = 0.985 of liquidation value per dollar repaid: HF would fall.
        vm.prank(LIQUIDATOR);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.LiquidationLowersHealth.selector, id, address(hi)));
        market.liquidate(id, address(hi), type(uint256).max, 0);
        // LO raises it: served, to the target health.
        uint256 hfBefore = _hf(id);
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(lo), type(uint256).max, 0);
        assertGt(_hf(id), hfBefore, "HF raised");
        assertApproxEqAbs(_hf(id), 1.05e18, 0.001e18, "restored to the target");
        // Paid at the starting discount (1 - 0.963 = 3.7 %): the fair ~2,167 USDC, not the 10,718 of the attack.
        uint256 profit = _usd18(seized, 0.6e8) - repaid * 1e12;
        assertLe(profit, repaid * 1e12 * 38 / 1000, "discount at starting health");
        assertLt(repaid, 2500e6, "only what restores HF 1.05");
    }

    /// @dev Every order a liquidator may try, in one transaction or several: total profit never exceeds what the
    /// discount at the vault's starting health pays on the total repaid.
    function testFuzz_finding2_noOrderingBeatsStartingHealth(uint256 seed, uint256 loPrice) public {
        uint256 id = _mixedVault();
        loPrice = bound(loPrice, 0.3e8, 0.7e8);
        loFeed.setAnswer(int256(loPrice));
        uint256 hf0 = _hf(id);
        vm.assume(hf0 < 1e18);
        uint256 dStart = 1e18 - hf0; // below both maxDiscounts here
        uint256 repaidTotal;
        uint256 gainedValue;
        for (uint256 k; k < 4 && market.debtOf(id) != 0 && _hf(id) < 1e18; ++k) {
            DevERC20 asset = (seed >> k) & 1 == 0 ? hi : lo;
            uint256 offer = bound(uint256(keccak256(abi.encode(seed, k))), 1e6, 20_000e6);
            vm.prank(LIQUIDATOR);
            try market.liquidate(id, address(asset), offer, 0) returns (uint256 repaid, uint256 seized) {
                repaidTotal += repaid;
                gainedValue += _usd18(seized, address(asset) == address(hi) ? 1e8 : loPrice);
            } catch (bytes memory err) {
                bytes4 sel = bytes4(err);
                assertTrue(
                    sel == IKeelMarket.LiquidationLowersHealth.selector
                        || sel == IKeelMarket.InsufficientCollateral.selector
                        || sel == IKeelMarket.RepayBelowRequired.selector,
                    "only a refused lowering, an emptied asset or a short offer"
                );
            }
        }
        assertLe(
            gainedValue, repaidTotal * 1e12 * (1e18 + dStart) / 1e18 + 1e12, "never more than the starting discount"
        );
        assertEq(market.totalBadDebt(), 0, "solvent: nothing written off");
    }

    /* FINDING 3: one failing feed cannot freeze a vault's liquidation */

    function test_finding3_staleCollateralCountsZeroAndCannotBlock() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 2400e6);
        _fund(LIQUIDATOR, usdc, 10_000e6);
        // The borrower (or anyone) adds 1 wei of WBTC; then WBTC's feed goes stale while ETH keeps falling.
        _fund(BOB, wbtc, 1);
        vm.prank(BOB);
        market.depositCollateral(id, address(wbtc), 1);
        vm.warp(block.timestamp + 2 hours); // WBTC heartbeat 1 h: stale
        ethFeed.setAnswer(2800e8);
        usdcFeed.setAnswer(1e8);
        assertLt(_hf(id), 1e18, "underwater, WBTC counted as zero");
        // Before the fix this reverted with StalePrice(WBTC) until the feed recovered.
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertGt(repaid, 0, "liquidated");
        assertGt(seized, 0, "weth seized");
        assertGe(_hf(id), 1.04e18, "restored");
    }

    function test_finding3_unpricedAssetCannotBeSeized() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _fund(ALICE, wbtc, 0.01e8);
        vm.prank(ALICE);
        market.depositCollateral(id, address(wbtc), 0.01e8);
        _borrow(ALICE, id, 2500e6);
        _fund(LIQUIDATOR, usdc, 10_000e6);
        vm.warp(block.timestamp + 2 hours);
        ethFeed.setAnswer(2800e8);
        usdcFeed.setAnswer(1e8);
        (,, uint256 updatedAt,,) = btcFeed.latestRoundData();
        vm.prank(LIQUIDATOR);
        vm.expectRevert(
            abi.encodeWithSelector(KeelOracle.StalePrice.selector, address(wbtc), updatedAt, uint256(1 hours))
        );
        market.liquidate(id, address(wbtc), type(uint256).max, 0);
    }

    /* FINDING 6: a front-running 1-wei deposit cannot revert a liquidation offering headroom */

    function test_finding6_frontRunDepositCannotRevertWholeSeizure() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 2400e6);
        _fund(LIQUIDATOR, usdc, 10_000e6);
        ethFeed.setAnswer(2000e8); // insolvent: the whole balance must be seized, 2000 / 1.1 = 1,818.18 USDC
        uint256 exact = 1_818_181_819;
        // A griefer adds 1 wei of WETH just before the liquidation lands.
        _fund(BOB, weth, 1);
        vm.prank(BOB);
        market.depositCollateral(id, address(weth), 1);
        // An offer with headroom is a maximum: the engine takes what its rules require.
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), exact * 1001 / 1000, 0);
        assertEq(seized, 1e18 + 1, "whole balance");
        assertApproxEqAbs(repaid, exact, 1, "what is required, not the offer");
    }

    /* SPLITTING INSIDE ONE TRANSACTION (insolvent vault: every seizure lowers HF) */

    /// @dev Insolvent vault, both seizures lower HF: DEEP (lowest LT) first, then MID. After DEEP is gone HF is 0.64
    /// (MID's discount would be its 25 % max), but inside the same transaction MID is paid at the starting HF 0.762:
    /// 23.8 %.
    function test_splitInOneTransactionPaysTheStartingDiscount() public {
        (DevERC20 mid, DevPriceFeed midFeed) = _newCollateral("MID", 1e8, 0.7e18, 0.78e18, 0.25e18);
        (DevERC20 deep,) = _newCollateral("DEEP", 1e8, 0.7e18, 0.76e18, 0.25e18);
        uint256 id = _openWith(ALICE, mid, 2000e18);
        _fund(ALICE, deep, 1000e18);
        vm.prank(ALICE);
        market.depositCollateral(id, address(deep), 1000e18);
        _borrow(ALICE, id, 2020e6);
        midFeed.setAnswer(0.5e8); // collateral $2,000 < debt $2,020; HF 0.762
        uint256 hf0 = _hf(id);
        _fund(LIQUIDATOR, usdc, 100_000e6);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IKeelMarket.liquidate, (id, address(deep), type(uint256).max, 0));
        calls[1] = abi.encodeCall(IKeelMarket.liquidate, (id, address(mid), type(uint256).max, 0));
        vm.prank(LIQUIDATOR);
        bytes[] memory out = market.multicall(calls);
        (uint256 repaid, uint256 seized) = abi.decode(out[1], (uint256, uint256));
        uint256 paidRatio = _usd18(seized, 0.5e8) * 1e18 / (repaid * 1e12);
        assertApproxEqAbs(paidRatio, 2e18 - hf0, 1e12, "1 + the starting discount (1 - HF0)");
        assertLt(paidRatio, 1.245e18, "not the 25 % the lowered HF would pay");
    }

    /* AUDIT A-2 / A-2b: dust or a collateral that also lowers HF cannot block a seizure */

    /// @dev Insolvent vault (10 WETH at $2,200 against 24,000 USDC, HF 0.78): 1 sat of WBTC (lower LT, $0.0006)
    /// deposited by a griefer must not make the whole-WETH seizure revert.
    function test_auditA2_dustLowerLtDepositCannotBlock() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, id, 24_000e6);
        ethFeed.setAnswer(2200e8);
        _fund(LIQUIDATOR, usdc, 1_000_000e6);
        _fund(BOB, wbtc, 1);
        vm.prank(BOB);
        market.depositCollateral(id, address(wbtc), 1);
        vm.prank(LIQUIDATOR);
        (, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(seized, 10e18, "whole WETH balance");
    }

    /// @dev Insolvent vault of 10 WETH + 0.05 WBTC against 26,000 USDC after ETH $2,000 and BTC $40,000 (HF 0.715):
    /// seizing either lowers HF, so neither is refused — the engine and the keeper's mirror (lib/engine/liquidation.ts)
    /// follow one rule, and the keeper's pick (the larger gross, WETH) goes through.
    function test_auditA2b_insolventVaultSeizesWhatTheKeeperPlans() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _fund(ALICE, wbtc, 0.05e8);
        vm.prank(ALICE);
        market.depositCollateral(id, address(wbtc), 0.05e8);
        _borrow(ALICE, id, 26_000e6);
        ethFeed.setAnswer(2000e8);
        btcFeed.setAnswer(40_000e8);
        _fund(LIQUIDATOR, usdc, 1_000_000e6);
        (uint256 cv,,, uint256 dv,) = market.vaultHealth(id);
        assertLt(cv, dv, "insolvent");
        vm.prank(LIQUIDATOR);
        (, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(seized, 10e18, "whole WETH balance");
    }
}
