// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {UniswapV2Fixture} from "./UniswapV2Fixture.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {KeelLiquidator} from "../../src/periphery/KeelLiquidator.sol";
import {KeelFlashBorrower} from "../../src/periphery/KeelFlashBorrower.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @notice KeelLiquidator: many vaults per flash loan and per swap, on a real market (5 bps flash fee) and the real
/// Uniswap V2 bytecode from npm.
contract KeelLiquidatorTest is EngineBase {
    address internal constant KEEPER = address(0xCEE9);
    IUniswapV2Factory internal factory;
    IUniswapV2Pair internal pool;
    UniswapV2Adapter internal adapter;
    KeelLiquidator internal liquidator;
    IKeelMarket internal vaults;

    /// @dev forge prints these at -vv (DSTest log events).
    event log_named_uint(string key, uint256 val);

    function setUp() public override {
        super.setUp();
        factory = UniswapV2Fixture.deployFactory();
        pool = UniswapV2Fixture.seed(factory, weth, 10_000e18, usdc, 27_000_000e6); // $2,700
        UniswapV2Fixture.seed(factory, wbtc, 100e8, usdc, 5_400_000e6); // $54,000
        adapter = new UniswapV2Adapter(factory);
        liquidator = new KeelLiquidator(ISwapAdapter(address(adapter)), KEEPER);
        vaults = IKeelMarket(address(market));
        _supply(LENDER, 5_000_000e6);
    }

    /// @dev A WETH vault at HF 1.0625 at $3,000: at $2,700 HF ≈ 0.956 (partial liquidation), at $2,400 HF 0.85 (the
    /// whole balance is seized).
    function _vault(uint256 weiWeth) internal returns (uint256 id) {
        id = _openWith(ALICE, weth, weiWeth);
        _borrow(ALICE, id, weiWeth * 2400 / 1e12);
    }

    function _vaults(uint256 n) internal returns (KeelLiquidator.Target[] memory t) {
        t = new KeelLiquidator.Target[](n);
        for (uint256 i; i < n; ++i) {
            uint256 id = _vault(1e18);
            t[i] = KeelLiquidator.Target(id, market.debtOf(id));
        }
    }

    function _batch(KeelLiquidator.Target[] memory t, address collateral)
        internal
        view
        returns (KeelLiquidator.Batch[] memory b)
    {
        b = new KeelLiquidator.Batch[](1);
        b[0] = KeelLiquidator.Batch(vaults, collateral, t, 0, 0);
    }

    function _run(KeelLiquidator.Batch[] memory b) internal returns (int256 result) {
        vm.prank(KEEPER);
        result = liquidator.liquidate(b)[0];
    }

    function _assertHoldsNothing() internal view {
        assertEq(usdc.balanceOf(address(liquidator)), 0, "holds no USDC");
        assertEq(weth.balanceOf(address(liquidator)), 0, "holds no WETH");
        assertEq(wbtc.balanceOf(address(liquidator)), 0, "holds no WBTC");
    }

    /// @dev Sells `amount` WETH into the pool (moves its price down).
    function _dumpIntoPool(uint256 amount) internal {
        weth.mint(address(this), amount);
        weth.approve(address(adapter), amount);
        adapter.swapExactIn(address(weth), address(usdc), amount, 0, address(this));
    }

    function test_batch_manyVaultsOneLoanOneSwap() public {
        KeelLiquidator.Target[] memory t = _vaults(20);
        ethFeed.setAnswer(2700e8);
        KeelLiquidator.Batch[] memory b = _batch(t, address(weth));
        vm.expectCall(address(market), abi.encodePacked(IERC3156FlashLender.flashLoan.selector), 1);
        vm.expectCall(address(adapter), abi.encodePacked(ISwapAdapter.swapExactIn.selector), 1);
        vm.expectCall(address(pool), abi.encodePacked(IUniswapV2Pair.swap.selector), 1);
        int256 profit = _run(b);
        assertGt(uint256(profit), 0, "profit");
        assertEq(usdc.balanceOf(KEEPER), uint256(profit), "profit paid to the keeper");
        for (uint256 i; i < t.length; ++i) {
            assertGe(_hf(t[i].id), 1e18, "every vault healthy again");
        }
        _assertHoldsNothing();
    }

    /// @dev Every contract's storage cold again, as in a transaction of its own.
    function _coolAll() internal {
        address[9] memory all = [
            address(market),
            address(oracle),
            address(usdc),
            address(weth),
            address(ethFeed),
            address(usdcFeed),
            address(pool),
            address(liquidator),
            address(factory)
        ];
        for (uint256 i; i < all.length; ++i) {
            vm.cool(all[i]);
        }
    }

    /// @dev Gas per liquidation inside a batch, with the loan, the swap and the flash fee shared: ≤ 80k. Storage is
    /// cooled before each call, as in a transaction of its own.
    function test_gas_perLiquidationInABatch() public {
        KeelLiquidator.Target[] memory one = _vaults(1);
        KeelLiquidator.Target[] memory fifty = _vaults(50);
        ethFeed.setAnswer(2700e8);
        _coolAll();
        vm.prank(KEEPER);
        uint256 g = gasleft();
        liquidator.liquidate(_batch(one, address(weth)));
        uint256 gasOne = g - gasleft();
        _coolAll();
        vm.prank(KEEPER);
        g = gasleft();
        liquidator.liquidate(_batch(fifty, address(weth)));
        uint256 gasFifty = g - gasleft();
        emit log_named_uint("batch of 1 (gas)", gasOne);
        emit log_named_uint("batch of 50 (gas)", gasFifty);
        emit log_named_uint("per liquidation in a batch of 50", gasFifty / 50);
        emit log_named_uint("each further liquidation", (gasFifty - gasOne) / 49);
        assertLe(gasFifty / 50, 80_000, "<= 80k gas per liquidation in a batch");
    }

    function test_batch_skipsVaultsACompetitorGotFirst() public {
        KeelLiquidator.Target[] memory t = _vaults(3);
        uint256 deep = _vault(1e18);
        ethFeed.setAnswer(2700e8);
        _fund(LIQUIDATOR, usdc, 100_000e6);
        // A competitor restores t[0] (partial liquidation: the market then says NotLiquidatable).
        vm.prank(LIQUIDATOR);
        market.liquidate(t[0].id, address(weth), type(uint256).max, 0);
        assertGe(_hf(t[0].id), 1e18, "t[0] restored by the competitor");
        ethFeed.setAnswer(2400e8);
        // And seizes all of `deep`'s WETH (the market then says InsufficientCollateral with a zero balance).
        vm.prank(LIQUIDATOR);
        market.liquidate(deep, address(weth), type(uint256).max, 0);
        assertEq(market.collateralOf(deep, address(weth)), 0, "deep seized whole");
        ethFeed.setAnswer(2700e8);

        KeelLiquidator.Target[] memory all = new KeelLiquidator.Target[](4);
        (all[0], all[1], all[2], all[3]) = (t[0], t[1], KeelLiquidator.Target(deep, 3000e6), t[2]);
        uint256 hf0 = _hf(t[0].id);
        vm.expectEmit(address(liquidator));
        emit KeelLiquidator.LiquidationSkipped(
            address(market), t[0].id, abi.encodeWithSelector(IKeelMarket.NotLiquidatable.selector, t[0].id, hf0)
        );
        vm.expectEmit(address(liquidator));
        emit KeelLiquidator.LiquidationSkipped(
            address(market),
            deep,
            abi.encodeWithSelector(IKeelMarket.InsufficientCollateral.selector, deep, address(weth), 0, 0)
        );
        int256 profit = _run(_batch(all, address(weth)));
        assertGt(uint256(profit), 0, "the others pay");
        assertGe(_hf(t[1].id), 1e18, "t[1] liquidated");
        assertGe(_hf(t[2].id), 1e18, "t[2] liquidated");
        _assertHoldsNothing();
    }

    /// @dev Any revert but "no longer liquidatable" fails the whole call, with the market's data unchanged.
    function test_batch_otherRevertBubblesUp() public {
        KeelLiquidator.Target[] memory t = _vaults(3);
        ethFeed.setAnswer(2700e8);
        bytes memory err = abi.encodeWithSelector(IKeelMarket.VaultCheckPending.selector, t[1].id);
        vm.mockCallRevert(
            address(market), abi.encodeCall(IKeelMarket.liquidate, (t[1].id, address(weth), t[1].maxRepay, 0)), err
        );
        vm.prank(KEEPER);
        vm.expectRevert(err);
        liquidator.liquidate(_batch(t, address(weth)));
        vm.clearMockedCalls();
        assertLt(_hf(t[0].id), 1e18, "nothing liquidated");
    }

    /// @dev An oracle error (stale WETH feed) is not "no longer liquidatable": the batch reverts, nothing is skipped.
    function test_batch_staleFeedRevertsTheBatch() public {
        KeelLiquidator.Target[] memory t = _vaults(2);
        ethFeed.setAnswer(2700e8);
        vm.warp(block.timestamp + 2 hours);
        usdcFeed.setAnswer(1e8);
        vm.prank(KEEPER);
        vm.expectRevert();
        liquidator.liquidate(_batch(t, address(weth)));
    }

    /// @dev A 1-wei (1 sat) deposit front-running a whole-balance liquidation raises what the market requires: with
    /// an exact `maxRepay` the batch reverts (RepayBelowRequired, not skipped), with headroom it goes through.
    function test_batch_frontRunOneWeiDeposit() public {
        uint256 id = _openWith(ALICE, wbtc, 1e8);
        _borrow(ALICE, id, 42_000e6); // HF 0.8 × 60,000 / 42,000 = 1.14
        btcFeed.setAnswer(40_000e8); // insolvent, HF 0.762 < (1 + 10 %) × 0.8: the whole balance is seized
        uint256 snap = vm.snapshotState();
        _fund(LIQUIDATOR, usdc, 100_000e6);
        vm.prank(LIQUIDATOR);
        (uint256 required,) = market.liquidate(id, address(wbtc), type(uint256).max, 0);
        vm.revertToState(snap);

        // The borrower front-runs the keeper with 1 sat.
        wbtc.mint(ALICE, 1);
        vm.startPrank(ALICE);
        wbtc.approve(address(market), 1);
        market.depositCollateral(id, address(wbtc), 1);
        vm.stopPrank();

        KeelLiquidator.Target[] memory exact = new KeelLiquidator.Target[](1);
        exact[0] = KeelLiquidator.Target(id, required);
        vm.prank(KEEPER);
        vm.expectPartialRevert(IKeelMarket.RepayBelowRequired.selector);
        liquidator.liquidate(_batch(exact, address(wbtc)));

        KeelLiquidator.Target[] memory headroom = new KeelLiquidator.Target[](1);
        headroom[0] = KeelLiquidator.Target(id, required + required / 1000 + 1);
        _run(_batch(headroom, address(wbtc)));
        assertEq(market.collateralOf(id, address(wbtc)), 0, "the whole balance, 1 sat included, seized");
        assertEq(market.debtOf(id), 0, "the rest written off (bad debt), as the market's rules say");
        _assertHoldsNothing();
    }

    /// @dev The pool has moved 5.6 % under the oracle: the batch loses money. Refused unless the owner's bound (bps
    /// of the repayment) and the batch's `maxLoss` both allow it; then the loss is taken from the owner.
    function test_batch_lossBound() public {
        KeelLiquidator.Target[] memory t = _vaults(5);
        ethFeed.setAnswer(2700e8);
        _dumpIntoPool(290e18); // pool ≈ $2,550
        KeelLiquidator.Batch[] memory b = _batch(t, address(weth));

        // No fallback: the loss reverts the batch.
        vm.prank(KEEPER);
        vm.expectRevert();
        liquidator.liquidate(b);

        // The batch accepts a loss, but the owner's bound is still 0.
        b[0].maxLoss = 1_000e6;
        vm.prank(KEEPER);
        vm.expectPartialRevert(KeelLiquidator.LossAboveBound.selector);
        liquidator.liquidate(b);

        // Bound 1 %: the ~1.7 % loss is above it.
        vm.prank(KEEPER);
        liquidator.setMaxLossBps(100);
        vm.prank(KEEPER);
        vm.expectPartialRevert(KeelLiquidator.LossAboveBound.selector);
        liquidator.liquidate(b);

        // Bound 3 %: allowed, paid from the keeper's own USDC.
        vm.prank(KEEPER);
        liquidator.setMaxLossBps(300);
        usdc.mint(KEEPER, 1_000e6);
        vm.prank(KEEPER);
        usdc.approve(address(liquidator), 1_000e6);
        int256 result = _run(b);
        assertTrue(result < 0, "a loss");
        uint256 loss = uint256(-result);
        assertEq(usdc.balanceOf(KEEPER), 1_000e6 - loss, "taken from the keeper");
        uint256 repaid;
        for (uint256 i; i < t.length; ++i) {
            assertGe(_hf(t[i].id), 1e18, "cleared");
            repaid += t[i].maxRepay - market.debtOf(t[i].id);
        }
        assertLe(loss, repaid * 300 / 10_000, "within 3 % of the repayment");
        _assertHoldsNothing();
    }

    function test_setMaxLossBps_boundedAndOwnerOnly() public {
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(KeelLiquidator.LossBpsAboveLimit.selector, 301, 300));
        liquidator.setMaxLossBps(301);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        liquidator.setMaxLossBps(100);
    }

    /// @dev A batch given too little gas fails as a whole: an out-of-gas (revert without data) is never a skip.
    function test_batch_outOfGasReverts() public {
        KeelLiquidator.Target[] memory t = _vaults(3);
        ethFeed.setAnswer(2700e8);
        KeelLiquidator.Batch[] memory b = _batch(t, address(weth));
        uint256 snap = vm.snapshotState();
        vm.prank(KEEPER);
        uint256 g = gasleft();
        liquidator.liquidate(b);
        uint256 needed = g - gasleft();
        vm.revertToState(snap);
        vm.prank(KEEPER);
        vm.expectRevert();
        liquidator.liquidate{gas: needed * 2 / 3}(b);
        for (uint256 i; i < t.length; ++i) {
            assertLt(_hf(t[i].id), 1e18, "nothing liquidated, nothing skipped");
        }
    }

    function test_batch_profitBelowMin_reverts() public {
        KeelLiquidator.Target[] memory t = _vaults(2);
        ethFeed.setAnswer(2700e8);
        KeelLiquidator.Batch[] memory b = _batch(t, address(weth));
        b[0].minProfit = 1_000_000e6;
        vm.prank(KEEPER);
        vm.expectPartialRevert(KeelLiquidator.ProfitBelowMin.selector);
        liquidator.liquidate(b);
    }

    /// @dev Two batches (two collaterals) in one call: one loan and one swap each.
    function test_batches_twoCollateralsOneCall() public {
        KeelLiquidator.Target[] memory w = _vaults(2);
        uint256 id = _openWith(BOB, wbtc, 1e8);
        _borrow(BOB, id, 42_000e6);
        ethFeed.setAnswer(2700e8);
        btcFeed.setAnswer(50_000e8);
        KeelLiquidator.Target[] memory c = new KeelLiquidator.Target[](1);
        c[0] = KeelLiquidator.Target(id, market.debtOf(id));
        KeelLiquidator.Batch[] memory b = new KeelLiquidator.Batch[](2);
        b[0] = KeelLiquidator.Batch(vaults, address(weth), w, 0, 0);
        b[1] = KeelLiquidator.Batch(vaults, address(wbtc), c, 0, 0);
        vm.expectCall(address(market), abi.encodePacked(IERC3156FlashLender.flashLoan.selector), 2);
        vm.prank(KEEPER);
        int256[] memory results = liquidator.liquidate(b);
        assertGt(uint256(results[0]), 0, "WETH batch pays");
        assertGt(uint256(results[1]), 0, "WBTC batch pays");
        assertEq(usdc.balanceOf(KEEPER), uint256(results[0] + results[1]), "both paid to the keeper");
        _assertHoldsNothing();
    }

    function test_liquidate_onlyOwner() public {
        KeelLiquidator.Target[] memory t = _vaults(1);
        ethFeed.setAnswer(2700e8);
        KeelLiquidator.Batch[] memory b = _batch(t, address(weth));
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        liquidator.liquidate(b);
    }

    function test_liquidate_emptyBatch_reverts() public {
        KeelLiquidator.Target[] memory none = new KeelLiquidator.Target[](0);
        vm.prank(KEEPER);
        vm.expectRevert(KeelLiquidator.EmptyBatch.selector);
        liquidator.liquidate(_batch(none, address(weth)));
    }

    function test_onFlashLoan_untrusted_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(KeelFlashBorrower.UntrustedLender.selector, address(this), address(this))
        );
        liquidator.onFlashLoan(address(this), address(usdc), 1, 0, "");
    }
}
