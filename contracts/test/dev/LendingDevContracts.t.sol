// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {MarketParams, Market} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";
import {ChainlinkMorphoOracle} from "../../src/dev/ChainlinkMorphoOracle.sol";
import {DevMulticall3} from "../../src/dev/DevMulticall3.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {KinkedIrm} from "../../src/dev/KinkedIrm.sol";

/// The local chain's Morpho oracle adapter, rate model and multicall, and DevPriceFeed's legacy answer (Aave's oracle
/// reads it).
contract LendingDevContractsTest is Test {
    DevPriceFeed internal eth;
    DevPriceFeed internal btc;
    DevPriceFeed internal usd;

    function setUp() public {
        eth = new DevPriceFeed(address(this), 8, "ETH / USD", 3000e8);
        btc = new DevPriceFeed(address(this), 8, "BTC / USD", 65_000e8);
        usd = new DevPriceFeed(address(this), 8, "USDC / USD", 1e8);
    }

    /// Morpho's IOracle rule: 1 whole collateral token is worth price × 10^collateralDecimals / 1e36 loan units.
    function test_oracle_scalesPerMorphoRule() public {
        ChainlinkMorphoOracle wethUsdc =
            new ChainlinkMorphoOracle(AggregatorV3Interface(address(eth)), AggregatorV3Interface(address(usd)), 18, 6);
        assertEq(wethUsdc.price(), 3000e24);
        assertEq(1e18 * wethUsdc.price() / 1e36, 3000e6, "1 WETH = 3,000 USDC");
        ChainlinkMorphoOracle wbtcUsdc =
            new ChainlinkMorphoOracle(AggregatorV3Interface(address(btc)), AggregatorV3Interface(address(usd)), 8, 6);
        assertEq(1e8 * wbtcUsdc.price() / 1e36, 65_000e6, "1 WBTC = 65,000 USDC");
        ChainlinkMorphoOracle usdcWeth =
            new ChainlinkMorphoOracle(AggregatorV3Interface(address(usd)), AggregatorV3Interface(address(eth)), 6, 18);
        assertEq(3000e6 * usdcWeth.price() / 1e36, 1e18 - 1, "3,000 USDC = 1 WETH, rounded down");
    }

    function testFuzz_oracle_followsFeeds(uint256 ethPrice, uint256 usdPrice) public {
        ethPrice = bound(ethPrice, 1, 1e15);
        usdPrice = bound(usdPrice, 1, 1e15);
        ChainlinkMorphoOracle o =
            new ChainlinkMorphoOracle(AggregatorV3Interface(address(eth)), AggregatorV3Interface(address(usd)), 18, 6);
        eth.setAnswer(int256(ethPrice));
        usd.setAnswer(int256(usdPrice));
        assertEq(o.price(), 1e24 * ethPrice / usdPrice);
    }

    function test_oracle_refusesNonPositiveAnswers() public {
        ChainlinkMorphoOracle o =
            new ChainlinkMorphoOracle(AggregatorV3Interface(address(eth)), AggregatorV3Interface(address(usd)), 18, 6);
        eth.setAnswer(0);
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkMorphoOracle.NonPositiveAnswer.selector, address(eth), int256(0))
        );
        o.price();
        eth.setAnswer(3000e8);
        usd.setAnswer(-1);
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkMorphoOracle.NonPositiveAnswer.selector, address(usd), int256(-1))
        );
        o.price();
    }

    function test_oracle_refusesImpossibleScale() public {
        vm.expectRevert(ChainlinkMorphoOracle.ScaleUnderflow.selector);
        new ChainlinkMorphoOracle(AggregatorV3Interface(address(eth)), AggregatorV3Interface(address(usd)), 77, 0);
    }

    function _market(uint256 supplied, uint256 borrowed) internal pure returns (Market memory m) {
        m.totalSupplyAssets = uint128(supplied);
        m.totalBorrowAssets = uint128(borrowed);
    }

    function test_irm_kinkedCurve() public {
        KinkedIrm irm = new KinkedIrm(1, 100, 1000, 0.9e18);
        MarketParams memory p;
        assertEq(irm.borrowRateView(p, _market(0, 0)), 1, "empty market: base rate");
        assertEq(irm.borrowRateView(p, _market(100, 45)), 1 + 50, "half way to the kink");
        assertEq(irm.borrowRateView(p, _market(100, 90)), 1 + 100, "at the kink");
        assertEq(irm.borrowRateView(p, _market(100, 95)), 1 + 100 + 500, "half way above the kink");
        assertEq(irm.borrowRateView(p, _market(100, 100)), 1 + 100 + 1000, "fully used");
        assertEq(
            irm.borrowRate(p, _market(100, 95)), irm.borrowRateView(p, _market(100, 95)), "borrowRate = borrowRateView"
        );
    }

    function testFuzz_irm_monotoneAndBounded(uint256 supplied, uint256 a, uint256 b) public {
        KinkedIrm irm = new KinkedIrm(0, 1268391679, 19025875190, 0.9e18);
        supplied = bound(supplied, 1, type(uint128).max);
        a = bound(a, 0, supplied);
        b = bound(b, a, supplied);
        MarketParams memory p;
        uint256 ra = irm.borrowRateView(p, _market(supplied, a));
        uint256 rb = irm.borrowRateView(p, _market(supplied, b));
        assertLe(ra, rb, "higher utilization never lowers the rate");
        assertLe(rb, 1268391679 + 19025875190, "never above base + both slopes");
    }

    function test_irm_refusesBadKink() public {
        vm.expectRevert(abi.encodeWithSelector(KinkedIrm.InvalidKink.selector, 0));
        new KinkedIrm(0, 1, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(KinkedIrm.InvalidKink.selector, 1e18));
        new KinkedIrm(0, 1, 1, 1e18);
    }

    function test_feed_legacyAnswer() public {
        eth.setAnswer(3100e8);
        assertEq(eth.latestAnswer(), int256(3100e8), "latest answer");
        assertEq(eth.latestTimestamp(), block.timestamp);
    }

    function test_multicall_aggregate3() public {
        DevMulticall3 mc = new DevMulticall3();
        DevMulticall3.Call3[] memory calls = new DevMulticall3.Call3[](2);
        calls[0] = DevMulticall3.Call3(address(eth), false, abi.encodeCall(DevPriceFeed.latestAnswer, ()));
        calls[1] = DevMulticall3.Call3(address(eth), true, abi.encodeCall(DevPriceFeed.getRoundData, (999)));
        DevMulticall3.Result[] memory r = mc.aggregate3(calls);
        assertTrue(r[0].success);
        assertEq(abi.decode(r[0].returnData, (int256)), int256(3000e8), "first result");
        assertFalse(r[1].success, "a failure allowed is reported, not thrown");
        calls[1].allowFailure = false;
        vm.expectRevert();
        mc.aggregate3(calls);
        assertEq(mc.getCurrentBlockTimestamp(), block.timestamp);
    }
}
