// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../../utils/Test.sol";
import {UniswapV2Fixture} from "../UniswapV2Fixture.sol";
import {MorphoFixture} from "../MorphoFixture.sol";
import {DevERC20} from "../../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../../src/dev/DevPriceFeed.sol";
import {KinkedIrm} from "../../../src/dev/KinkedIrm.sol";
import {ChainlinkMorphoOracle} from "../../../src/dev/ChainlinkMorphoOracle.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IMorpho, MarketParams} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";
import {ISwapAdapter} from "../../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../../src/periphery/guard/KeelAutomation.sol";
import {Snapshot} from "../../../src/periphery/guard/IGuardAdapter.sol";
import {MorphoBlueGuardAdapter, IGuardMorpho} from "../../../src/periphery/guard/MorphoBlueGuardAdapter.sol";

/// @notice Every KeelAutomation rule kind on a Morpho Blue position, against the real Morpho Blue bytecode
/// (MorphoFixture: the npm package's build) and the real Uniswap V2 bytecode: each fires exactly at its condition on
/// Morpho's own oracle, reaches its target within rounding, refuses without authorisation and below its minimum, and
/// neither the guard nor the adapter keeps a token after any call. The stop-loss's own exact-trigger and stale-price
/// tests are in GuardAdapterReads.t.sol; Aave's in AaveV3GuardAdapter.t.sol.
contract MorphoBlueGuardAdapterTest is Test {
    address internal constant ALICE = address(0xA11CE);
    address internal constant LENDER = address(0x1E4D);
    address internal constant EXECUTOR = address(0xE7);

    DevERC20 internal weth;
    DevERC20 internal usdc;
    DevPriceFeed internal ethFeed;
    DevPriceFeed internal usdFeed;
    IMorpho internal morpho;
    MarketParams internal params;
    IUniswapV2Pair internal pair;
    KeelAutomation internal guard;
    MorphoBlueGuardAdapter internal adapter;
    bytes internal pos;

    function setUp() public {
        vm.warp(1_800_000_000);
        weth = new DevERC20("Wrapped Ether", "WETH", 18);
        usdc = new DevERC20("USD Coin", "USDC", 6);
        ethFeed = new DevPriceFeed(address(this), 8, "ETH / USD", 3_000e8);
        usdFeed = new DevPriceFeed(address(this), 8, "USDC / USD", 1e8);
        morpho = MorphoFixture.deploy(address(this));
        KinkedIrm irm = new KinkedIrm(0, uint256(0.04e18) / 365 days, uint256(0.6e18) / 365 days, 0.9e18);
        ChainlinkMorphoOracle oracle = new ChainlinkMorphoOracle(
            AggregatorV3Interface(address(ethFeed)), AggregatorV3Interface(address(usdFeed)), 18, 6
        );
        morpho.enableIrm(address(irm));
        morpho.enableLltv(0.86e18);
        params = MarketParams(address(usdc), address(weth), address(oracle), address(irm), 0.86e18);
        morpho.createMarket(params);
        usdc.mint(LENDER, 3_000_000e6);
        vm.startPrank(LENDER);
        usdc.approve(address(morpho), type(uint256).max);
        morpho.supply(params, 3_000_000e6, 0, LENDER, "");
        vm.stopPrank();

        IUniswapV2Factory factory = UniswapV2Fixture.deployFactory();
        pair = UniswapV2Fixture.seed(factory, weth, 10_000e18, usdc, 30_000_000e6);
        guard = new KeelAutomation();
        adapter = new MorphoBlueGuardAdapter(
            address(guard), ISwapAdapter(address(new UniswapV2Adapter(factory))), IGuardMorpho(address(morpho)), 1 days
        );
        // 10 WETH against 15,000 USDC at $3,000: HF 10 × 3,000 × 0.86 / 15,000 = 1.72.
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(morpho), 10e18);
        morpho.supplyCollateral(params, 10e18, ALICE, "");
        morpho.borrow(params, 15_000e6, 0, ALICE, ALICE);
        morpho.setAuthorization(address(adapter), true);
        vm.stopPrank();
        pos = abi.encode(ALICE, keccak256(abi.encode(params)));
    }

    /* helpers */

    function _params(uint256 trigger, uint256 target) internal view returns (KeelAutomation.Params memory) {
        return KeelAutomation.Params(trigger, target, 0, 0, 100, 50, block.timestamp + 30 days);
    }

    function _set(KeelAutomation.Kind kind, KeelAutomation.Params memory p) internal {
        vm.prank(ALICE);
        guard.setRule(adapter, pos, kind, p);
    }

    function _exec(KeelAutomation.Kind kind) internal {
        vm.prank(EXECUTOR);
        guard.execute(adapter, pos, kind, 50);
    }

    /// @dev Moves the oracle's ETH price and the pool with it (an arbitrageur's work, depth kept).
    function _ethPrice(uint256 usd) internal {
        ethFeed.setAnswer(int256(usd * 1e8));
        usdFeed.setAnswer(1e8);
        (uint112 r0, uint112 r1,) = pair.getReserves();
        bool wethIs0 = pair.token0() == address(weth);
        (uint256 rw, uint256 ru) = wethIs0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 wantU = rw * usd / 1e12;
        uint256 wantW = ru * 1e12 / usd;
        if (wantU > ru) usdc.mint(address(pair), wantU - ru);
        else if (wantW > rw) weth.mint(address(pair), wantW - rw);
        pair.sync();
    }

    /// @dev Morpho's own view of the position: borrow shares and collateral.
    function _position() internal view returns (uint128 borrowShares, uint128 collateral) {
        (, borrowShares, collateral) = IGuardMorpho(address(morpho)).position(keccak256(abi.encode(params)), ALICE);
    }

    /// @dev The health factor as the guard reads it from Morpho (the adapter's snapshot: LLTV × collateral / debt).
    function _hf() internal view returns (uint256) {
        Snapshot memory s = adapter.snapshot(pos);
        return s.liqValue * 1e18 / s.debtValue;
    }

    function _assertEmpty() internal view {
        assertEq(weth.balanceOf(address(guard)) + usdc.balanceOf(address(guard)), 0, "the guard holds a token");
        assertEq(weth.balanceOf(address(adapter)) + usdc.balanceOf(address(adapter)), 0, "the adapter holds a token");
    }

    function _assertClosed() internal view {
        (uint128 borrowShares, uint128 collateral) = _position();
        assertEq(uint256(borrowShares) + collateral, 0, "closed");
    }

    /* every rule kind */

    function test_morpho_deleverage_reachesItsTarget() public {
        _set(KeelAutomation.Kind.Deleverage, _params(1.5e18, 1.8e18));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, _hf(), 1.5e18));
        _exec(KeelAutomation.Kind.Deleverage);
        _ethPrice(2_600); // HF 1.49
        _exec(KeelAutomation.Kind.Deleverage);
        assertApproxEqAbs(_hf(), 1.8e18, 1.8e14, "Morpho's own health factor at the target");
        _assertEmpty();
    }

    function test_morpho_takeProfit_reduce_thenClose() public {
        _set(KeelAutomation.Kind.TakeProfit, _params(3_500e18, 2.5e18));
        _ethPrice(3_499);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, 3_499e18, 3_500e18));
        _exec(KeelAutomation.Kind.TakeProfit);
        _ethPrice(3_500); // HF 2.007
        _exec(KeelAutomation.Kind.TakeProfit);
        assertApproxEqAbs(_hf(), 2.5e18, 2.5e14, "reduced to the target");
        _assertEmpty();
        _set(KeelAutomation.Kind.TakeProfit, _params(4_000e18, 0));
        _ethPrice(4_000);
        vm.roll(block.number + 1); // one movement of a position per block
        uint256 before = weth.balanceOf(ALICE);
        _exec(KeelAutomation.Kind.TakeProfit);
        _assertClosed();
        assertGt(weth.balanceOf(ALICE), before, "the rest of the collateral went to the owner");
        _assertEmpty();
    }

    function test_morpho_boost_reachesItsTarget() public {
        _set(KeelAutomation.Kind.Boost, _params(2e18, 1.6e18));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, _hf(), 2e18));
        _exec(KeelAutomation.Kind.Boost);
        _ethPrice(3_600); // HF 2.064
        (, uint128 before) = _position();
        _exec(KeelAutomation.Kind.Boost);
        (, uint128 after_) = _position();
        assertGt(after_, before, "collateral bought with the new debt");
        // At the target, or above it by what the swap beat its slippage bound (1 %) by: never below.
        assertGe(_hf(), 1.6e18 * (1e18 - 1e14) / 1e18, "not under the target");
        assertLe(_hf(), 1.6e18 * 101 / 100, "within the slippage bound of it");
        _assertEmpty();
    }

    function test_morpho_trailingStop_followsTheOracleHigh_thenFires() public {
        _set(
            KeelAutomation.Kind.TrailingStop,
            KeelAutomation.Params(0, 0, 1000, 1e18, 100, 50, block.timestamp + 30 days)
        );
        assertEq(guard.getRule(adapter, pos, KeelAutomation.Kind.TrailingStop).high, 3_000e18, "starts at the price");
        _ethPrice(4_000);
        vm.prank(EXECUTOR); // anyone may poke: the high is the oracle's
        guard.poke(adapter, pos);
        assertEq(guard.getRule(adapter, pos, KeelAutomation.Kind.TrailingStop).high, 4_000e18, "follows the oracle");
        _ethPrice(3_601);
        guard.poke(adapter, pos);
        assertEq(guard.getRule(adapter, pos, KeelAutomation.Kind.TrailingStop).high, 4_000e18, "never lowered");
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, 3_601e18, 3_600e18));
        _exec(KeelAutomation.Kind.TrailingStop);
        _ethPrice(3_600);
        _exec(KeelAutomation.Kind.TrailingStop);
        _assertClosed();
        _assertEmpty();
    }

    /* refusals */

    function test_morpho_revokedAuthorisation_isRefused_forEveryKind() public {
        _set(KeelAutomation.Kind.StopLoss, _params(2_500e18, 0));
        _set(KeelAutomation.Kind.Boost, _params(2e18, 1.6e18));
        vm.prank(ALICE);
        morpho.setAuthorization(address(adapter), false);
        _ethPrice(2_400);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotAuthorised.selector, ALICE, address(adapter)));
        _exec(KeelAutomation.Kind.StopLoss);
        _ethPrice(3_600);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotAuthorised.selector, ALICE, address(adapter)));
        _exec(KeelAutomation.Kind.Boost);
        (uint128 borrowShares, uint128 collateral) = _position();
        assertGt(borrowShares, 0, "untouched");
        assertEq(collateral, 10e18, "untouched");
    }

    function test_morpho_belowMinimum_isRefused() public {
        KeelAutomation.Params memory p = _params(2_500e18, 0);
        p.minCollateral = 10e18 + 1;
        _set(KeelAutomation.Kind.StopLoss, p);
        _ethPrice(2_400);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.BelowMinimum.selector, 10e18, 10e18 + 1));
        _exec(KeelAutomation.Kind.StopLoss);
        // Exactly at the minimum it fires.
        p.minCollateral = 10e18;
        _set(KeelAutomation.Kind.StopLoss, p);
        _exec(KeelAutomation.Kind.StopLoss);
        _assertClosed();
        _assertEmpty();
    }

    /* fuzz */

    /// @dev Any price, stop level and position size: the stop-loss fires if and only if Morpho's oracle is at or
    /// under its level, closes the position when it does, pays at most the fee cap, and leaves no token behind.
    function testFuzz_morpho_stopLoss_firesOnlyAtItsCondition(uint256 price, uint256 trigger, uint256 borrow) public {
        price = bound(price, 1_900, 4_000);
        trigger = bound(trigger, 1_900, 3_000);
        borrow = bound(borrow, 1_000e6, 15_000e6);
        vm.startPrank(ALICE);
        usdc.approve(address(morpho), 15_000e6 - borrow);
        if (borrow < 15_000e6) morpho.repay(params, 15_000e6 - borrow, 0, ALICE, "");
        vm.stopPrank();
        _set(KeelAutomation.Kind.StopLoss, _params(trigger * 1e18, 0));
        _ethPrice(price);
        if (price > trigger) {
            vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, price * 1e18, trigger * 1e18));
            _exec(KeelAutomation.Kind.StopLoss);
            return;
        }
        _exec(KeelAutomation.Kind.StopLoss);
        _assertClosed();
        assertLe(usdc.balanceOf(EXECUTOR), borrow * 50 / 1e4 + 1, "fee within the cap");
        _assertEmpty();
    }

    /// @dev Any rise and trail: the boost lands at its target (never under it) and the trailing stop fires only under
    /// the high it recorded from the oracle.
    function testFuzz_morpho_boost_and_trailingStop(uint256 rise, uint256 trailBps, uint256 fall) public {
        rise = bound(rise, 3_450, 5_000); // HF ≥ 1.98 at the rise
        trailBps = bound(trailBps, 100, 3_000);
        _set(
            KeelAutomation.Kind.TrailingStop,
            KeelAutomation.Params(0, 0, trailBps, 0, 100, 50, block.timestamp + 30 days)
        );
        _set(KeelAutomation.Kind.Boost, _params(1.95e18, 1.6e18));
        _ethPrice(rise);
        guard.poke(adapter, pos);
        _exec(KeelAutomation.Kind.Boost);
        assertGe(_hf(), 1.6e18 * (1e18 - 1e14) / 1e18, "boost: not under the target");
        assertLe(_hf(), 1.6e18 * 101 / 100, "boost: within the slippage bound of it");
        _assertEmpty();
        uint256 level = rise * (10_000 - trailBps) / 10_000;
        fall = bound(fall, level > 1_950 ? level - 50 : 1_900, rise);
        if (fall < 1_900) fall = 1_900;
        vm.roll(block.number + 1);
        _ethPrice(fall);
        if (fall * 10_000 > rise * (10_000 - trailBps)) {
            vm.expectRevert(); // NotTriggered: above the trailing level
            _exec(KeelAutomation.Kind.TrailingStop);
            return;
        }
        _exec(KeelAutomation.Kind.TrailingStop);
        _assertClosed();
        _assertEmpty();
    }
}
