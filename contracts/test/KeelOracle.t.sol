// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "./utils/Test.sol";
import {KeelOracle} from "../src/oracle/KeelOracle.sol";
import {DevPriceFeed} from "../src/dev/DevPriceFeed.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract KeelOracleTest is Test {
    address internal constant WETH = address(0xE7);
    address internal constant WBTC = address(0xB7);
    address internal constant OWNER = address(0xA11CE);

    KeelOracle internal oracle;
    DevPriceFeed internal ethFeed;

    function setUp() public {
        vm.warp(1_700_000_000);
        oracle = new KeelOracle(OWNER);
        ethFeed = new DevPriceFeed(address(this), 8, "ETH / USD", 3000e8);
        vm.prank(OWNER);
        oracle.setFeed(WETH, ethFeed, 1 hours, 1e8, 1_000_000e8);
    }

    function test_price_normalisesToWad() public view {
        assertEq(oracle.price(WETH), 3000e18, "8-decimal feed");
    }

    function test_price_normalises18Decimals() public {
        DevPriceFeed f = new DevPriceFeed(address(this), 18, "X", 5e18);
        vm.prank(OWNER);
        oracle.setFeed(WBTC, f, 1 hours, 1, type(int128).max);
        assertEq(oracle.price(WBTC), 5e18, "18-decimal feed");
    }

    function test_price_staleReverts() public {
        vm.warp(block.timestamp + 1 hours + 1);
        vm.expectRevert(
            abi.encodeWithSelector(KeelOracle.StalePrice.selector, WETH, uint256(1_700_000_000), uint256(1 hours))
        );
        oracle.price(WETH);
    }

    function test_price_freshAtExactHeartbeat() public {
        vm.warp(block.timestamp + 1 hours);
        assertEq(oracle.price(WETH), 3000e18, "still fresh at heartbeat");
    }

    function test_price_setAnswerAtPastIsStale() public {
        ethFeed.setAnswerAt(3100e8, block.timestamp - 2 hours);
        assertEq(uint256(oracle.peek(WETH).status), uint256(KeelOracle.Status.Stale), "status");
        vm.expectRevert();
        oracle.price(WETH);
    }

    function test_price_zeroReverts() public {
        ethFeed.setAnswer(0);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.NonPositivePrice.selector, WETH, int256(0)));
        oracle.price(WETH);
    }

    function test_price_negativeReverts() public {
        ethFeed.setAnswer(-1);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.NonPositivePrice.selector, WETH, int256(-1)));
        oracle.price(WETH);
    }

    function test_price_belowMinReverts() public {
        ethFeed.setAnswer(1e8 - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                KeelOracle.PriceOutOfBounds.selector, WETH, int256(1e8 - 1), int256(1e8), int256(1_000_000e8)
            )
        );
        oracle.price(WETH);
    }

    function test_price_aboveMaxReverts() public {
        ethFeed.setAnswer(1_000_000e8 + 1);
        vm.expectRevert();
        oracle.price(WETH);
        assertEq(uint256(oracle.peek(WETH).status), uint256(KeelOracle.Status.OutOfBounds), "status");
    }

    function test_price_boundsInclusive() public {
        ethFeed.setAnswer(1e8);
        assertEq(oracle.price(WETH), 1e18, "min inclusive");
        ethFeed.setAnswer(1_000_000e8);
        assertEq(oracle.price(WETH), 1_000_000e18, "max inclusive");
    }

    function test_price_incompleteRound_noTimestamp() public {
        _mockRound(7, 3000e8, 0, 7);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.IncompleteRound.selector, WETH, uint80(7)));
        oracle.price(WETH);
    }

    function test_price_incompleteRound_carriedOver() public {
        _mockRound(7, 3000e8, block.timestamp, 6);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.IncompleteRound.selector, WETH, uint80(7)));
        oracle.price(WETH);
    }

    function test_price_fromFutureReverts() public {
        _mockRound(7, 3000e8, block.timestamp + 1, 7);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.PriceFromFuture.selector, WETH, block.timestamp + 1));
        oracle.price(WETH);
    }

    function test_price_feedRevertReverts() public {
        vm.mockCallRevert(
            address(ethFeed), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), "down"
        );
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.FeedCallFailed.selector, WETH));
        oracle.price(WETH);
        assertEq(uint256(oracle.peek(WETH).status), uint256(KeelOracle.Status.FeedReverted), "status");
    }

    function test_price_missingFeedReverts() public {
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.NoFeed.selector, WBTC));
        oracle.price(WBTC);
    }

    function test_peek_reportsEverything() public view {
        KeelOracle.FeedState memory s = oracle.peek(WETH);
        assertEq(s.asset, WETH, "asset");
        assertEq(s.feed, address(ethFeed), "feed");
        assertEq(uint256(s.feedDecimals), 8, "decimals");
        assertEq(uint256(s.heartbeat), 1 hours, "heartbeat");
        assertEq(s.answer, int256(3000e8), "answer");
        assertEq(s.updatedAt, block.timestamp, "updatedAt");
        assertEq(s.price, 3000e18, "price");
        assertEq(uint256(s.status), uint256(KeelOracle.Status.Ok), "status");
    }

    function test_peek_priceZeroWhenNotOk() public {
        ethFeed.setAnswer(0);
        assertEq(oracle.peek(WETH).price, 0, "no price on fault");
    }

    function test_peekAll_listsInOrder() public {
        DevPriceFeed f = new DevPriceFeed(address(this), 8, "BTC / USD", 60_000e8);
        vm.startPrank(OWNER);
        oracle.setFeed(WBTC, f, 1 hours, 1e8, 10_000_000e8);
        oracle.setFeed(WETH, ethFeed, 2 hours, 1e8, 1_000_000e8); // replacing keeps the order, no duplicate
        vm.stopPrank();
        KeelOracle.FeedState[] memory all = oracle.peekAll();
        assertEq(all.length, 2, "two assets");
        assertEq(all[0].asset, WETH, "first");
        assertEq(uint256(all[0].heartbeat), 2 hours, "replaced heartbeat");
        assertEq(all[1].price, 60_000e18, "second price");
        assertEq(oracle.assets().length, 2, "assets");
    }

    function test_setFeed_onlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        oracle.setFeed(WBTC, ethFeed, 1 hours, 1, 2);
    }

    function test_setFeed_rejectsBadConfig() public {
        vm.startPrank(OWNER);
        vm.expectRevert(KeelOracle.ZeroFeed.selector);
        oracle.setFeed(WBTC, AggregatorV3Interface(address(0)), 1 hours, 1, 2);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidHeartbeat.selector, uint256(0)));
        oracle.setFeed(WBTC, ethFeed, 0, 1, 2);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidHeartbeat.selector, uint256(7 days + 1)));
        oracle.setFeed(WBTC, ethFeed, 7 days + 1, 1, 2);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidBounds.selector, int256(0), int256(2)));
        oracle.setFeed(WBTC, ethFeed, 1 hours, 0, 2);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidBounds.selector, int256(2), int256(2)));
        oracle.setFeed(WBTC, ethFeed, 1 hours, 2, 2);
        vm.stopPrank();
    }

    function test_setFeed_rejectsTooManyDecimals() public {
        DevPriceFeed f = new DevPriceFeed(address(this), 37, "X", 1);
        vm.prank(OWNER);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidFeedDecimals.selector, uint8(37)));
        oracle.setFeed(WBTC, f, 1 hours, 1, 2);
    }

    /// @dev Finding 6: a 36-decimal feed answering 1e17 (a valid, positive, in-bounds answer) was scaled DOWN to a price
    /// of 0 and reported Ok. Every feed with more than 18 decimals is now refused, so answers only scale up.
    function test_setFeed_refusesMoreThan18Decimals_priceNeverScalesToZero() public {
        DevPriceFeed f = new DevPriceFeed(address(this), 36, "X", 1e17);
        vm.prank(OWNER);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidFeedDecimals.selector, uint8(36)));
        oracle.setFeed(WBTC, f, 1 hours, 1, 1e38);
        DevPriceFeed g = new DevPriceFeed(address(this), 19, "X", 1);
        vm.prank(OWNER);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidFeedDecimals.selector, uint8(19)));
        oracle.setFeed(WBTC, g, 1 hours, 1, 1e38);
        DevPriceFeed h = new DevPriceFeed(address(this), 18, "X", 1);
        vm.prank(OWNER);
        oracle.setFeed(WBTC, h, 1 hours, 1, 1e38);
        assertEq(oracle.price(WBTC), 1, "18 decimals: the answer is the price");
    }

    function test_setFeed_rejectsBoundsThatOverflowTheScale() public {
        DevPriceFeed f = new DevPriceFeed(address(this), 0, "X", 1);
        int256 tooBig = int256(type(uint256).max / 1e18) + 1;
        vm.prank(OWNER);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidBounds.selector, int256(1), tooBig));
        oracle.setFeed(WBTC, f, 1 hours, 1, tooBig);
    }

    function test_setFeed_rejectsBoundsBeyondInt128() public {
        int256 tooBig = int256(type(int128).max) + 1;
        vm.prank(OWNER);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.InvalidBounds.selector, int256(1), tooBig));
        oracle.setFeed(WBTC, ethFeed, 1 hours, 1, tooBig);
    }

    function test_devFeed_onlyOwnerSets() public {
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(0xBAD)));
        ethFeed.setAnswer(1);
    }

    function test_devFeed_refusesFutureTimestamp() public {
        vm.expectRevert(abi.encodeWithSelector(DevPriceFeed.TimestampInFuture.selector, block.timestamp + 1));
        ethFeed.setAnswerAt(1, block.timestamp + 1);
    }

    function test_devFeed_roundsAreHistory() public {
        ethFeed.setAnswer(3100e8);
        (uint80 id, int256 answer,,,) = ethFeed.latestRoundData();
        assertEq(uint256(id), 2, "round id");
        assertEq(answer, int256(3100e8), "latest");
        (, int256 first,,,) = ethFeed.getRoundData(1);
        assertEq(first, int256(3000e8), "first round kept");
        vm.expectRevert(abi.encodeWithSelector(DevPriceFeed.NoRound.selector, uint80(9)));
        ethFeed.getRoundData(9);
    }

    /// forge-config: default.fuzz.runs = 512
    function testFuzz_price_matchesGuards(int256 answer, uint256 age, uint8 decimals) public {
        decimals = uint8(bound(decimals, 0, 18));
        age = bound(age, 0, 3 hours);
        answer = int256(uint256(answer) % 2e40) - 1e40; // [-1e40, 1e40)
        DevPriceFeed f = new DevPriceFeed(address(this), decimals, "fuzz", 1);
        vm.prank(OWNER);
        oracle.setFeed(WBTC, f, 1 hours, 1, 1e38);
        f.setAnswerAt(answer, block.timestamp - age);

        KeelOracle.FeedState memory s = oracle.peek(WBTC);
        bool ok = answer >= 1 && answer <= 1e38 && age <= 1 hours;
        assertEq(s.status == KeelOracle.Status.Ok, ok, "status agrees with the rules");
        if (ok) {
            uint256 expected =
                decimals <= 18 ? uint256(answer) * 10 ** (18 - decimals) : uint256(answer) / 10 ** (decimals - 18);
            assertEq(oracle.price(WBTC), expected, "normalised");
        } else {
            vm.expectRevert();
            oracle.price(WBTC);
        }
    }

    /// @dev `price` and `prices` answer from a branch-free reading of the guards (`_quickPrice`) and fall back to the
    /// guarded read for its error: for any round a feed can return — round ids past uint80, a short answer, answers
    /// and timestamps on either side of every bound — they return exactly the price `peek` reports as Ok, and
    /// otherwise revert with the error of the guard `peek` reports (for `prices`, the first asset's first).
    /// forge-config: default.fuzz.runs = 2048
    function testFuzz_price_quickPathMatchesGuards(uint256 seed) public {
        uint256 max80 = type(uint80).max;
        uint8 decimals = uint8(_pick(seed, 0, 19));
        uint32 heartbeat = uint32(1 + _pick(seed, 1, 2 hours));
        uint256 minAnswer = 1 + _pick(seed, 2, 1e12);
        uint256 maxAnswer = minAnswer + 1 + _pick(seed, 3, 1e30);
        DevPriceFeed f = new DevPriceFeed(address(this), decimals, "fuzz", 1);
        vm.prank(OWNER);
        oracle.setFeed(WBTC, f, heartbeat, int256(minAnswer), int256(maxAnswer));
        KeelOracle.FeedConfig memory c = oracle.feedConfig(WBTC);
        (minAnswer, maxAnswer) = (uint256(int256(c.minAnswer)), uint256(int256(c.maxAnswer)));

        uint256 roundId = [1, 7, max80 - 1, max80, max80 + 1, type(uint256).max][_pick(seed, 4, 6)];
        uint256 answeredInRound;
        unchecked {
            answeredInRound = roundId + 1 - _pick(seed, 5, 3); // one above, equal, one below (wrapping)
        }
        if (_pick(seed, 6, 8) == 0) answeredInRound = max80 + 1;
        int256 answer = [
            int256(minAnswer) - 1,
            int256(minAnswer),
            int256(maxAnswer),
            int256(maxAnswer) + 1,
            0,
            -1,
            type(int256).min,
            int256(minAnswer + _pick(seed, 7, maxAnswer - minAnswer))
        ][_pick(seed, 8, 8)];
        uint256 age = [0, 1, heartbeat - 1, heartbeat, heartbeat + 1][_pick(seed, 9, 5)];
        uint256 updatedAt = block.timestamp - age;
        uint256 u = _pick(seed, 10, 12);
        if (u == 0) updatedAt = 0;
        else if (u == 1) updatedAt = block.timestamp + 1;
        else if (u == 2) updatedAt = type(uint256).max;
        bytes memory round = abi.encode(roundId, answer, updatedAt, updatedAt, answeredInRound);
        if (_pick(seed, 11, 16) == 0) round = abi.encode(roundId, answer, updatedAt, updatedAt); // four words
        vm.mockCall(address(f), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), round);

        KeelOracle.FeedState memory s = oracle.peek(WBTC);
        if (s.status == KeelOracle.Status.Ok) {
            assertEq(oracle.price(WBTC), s.price, "price");
            (uint256 a, uint256 b) = oracle.prices(WBTC, WETH);
            assertEq(a, s.price, "prices: first");
            assertEq(b, 3000e18, "prices: second");
            (a, b) = oracle.prices(WETH, WBTC);
            assertEq(a, 3000e18, "prices (swapped): first");
            assertEq(b, s.price, "prices (swapped): second");
        } else {
            bytes memory err = _errorOf(s, heartbeat);
            vm.expectRevert(err);
            oracle.price(WBTC);
            vm.expectRevert(err);
            oracle.prices(WBTC, WETH);
            vm.expectRevert(err);
            oracle.prices(WETH, WBTC);
        }
    }

    /// @dev The error `price` reverts with for a read `peek` reported as `s`.
    function _errorOf(KeelOracle.FeedState memory s, uint256 heartbeat) internal pure returns (bytes memory) {
        KeelOracle.Status st = s.status;
        if (st == KeelOracle.Status.FeedReverted) {
            return abi.encodeWithSelector(KeelOracle.FeedCallFailed.selector, s.asset);
        }
        if (st == KeelOracle.Status.NonPositive) {
            return abi.encodeWithSelector(KeelOracle.NonPositivePrice.selector, s.asset, s.answer);
        }
        if (st == KeelOracle.Status.Incomplete) {
            return abi.encodeWithSelector(KeelOracle.IncompleteRound.selector, s.asset, s.roundId);
        }
        if (st == KeelOracle.Status.FromFuture) {
            return abi.encodeWithSelector(KeelOracle.PriceFromFuture.selector, s.asset, s.updatedAt);
        }
        if (st == KeelOracle.Status.Stale) {
            return abi.encodeWithSelector(KeelOracle.StalePrice.selector, s.asset, s.updatedAt, heartbeat);
        }
        return abi.encodeWithSelector(KeelOracle.PriceOutOfBounds.selector, s.asset, s.answer, s.minAnswer, s.maxAnswer);
    }

    /// @dev Draw `i` of `seed`, in [0, n).
    function _pick(uint256 seed, uint256 i, uint256 n) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i))) % n;
    }

    /// @dev Compact bounds (one-slot config) only ever widen: every answer inside the configured bounds is accepted,
    /// and the effective bounds are within 1.5e-7 of the configured ones.
    function testFuzz_setFeed_compactBoundsRoundOutward(uint256 minAnswer, uint256 maxAnswer, uint256 answer) public {
        minAnswer = bound(minAnswer, 1, uint256(uint128(type(int128).max)) - 1);
        maxAnswer = bound(maxAnswer, minAnswer + 1, uint256(uint128(type(int128).max)));
        answer = bound(answer, minAnswer, maxAnswer);
        DevPriceFeed f = new DevPriceFeed(address(this), 18, "fuzz", int256(answer));
        vm.prank(OWNER);
        oracle.setFeed(WBTC, f, 1 hours, int256(minAnswer), int256(maxAnswer));
        KeelOracle.FeedState memory s = oracle.peek(WBTC);
        assertEq(uint256(s.status), uint256(KeelOracle.Status.Ok), "in bounds is accepted");
        assertLe(uint256(s.minAnswer), minAnswer, "min rounds down");
        assertGe(uint256(s.maxAnswer), maxAnswer, "max rounds up");
        assertGe(uint256(s.minAnswer), minAnswer - minAnswer / 6_700_000, "min precision");
        assertLe(uint256(s.maxAnswer), maxAnswer + maxAnswer / 6_700_000 + 1, "max precision");
    }

    function test_setFeed_compactBoundsExactForShortDecimals() public {
        vm.prank(OWNER);
        oracle.setFeed(WBTC, ethFeed, 1 hours, 0.5e8, 1_234_567e8);
        KeelOracle.FeedConfig memory c = oracle.feedConfig(WBTC);
        assertEq(int256(c.minAnswer), 0.5e8, "min exact");
        assertEq(int256(c.maxAnswer), 1_234_567e8, "max exact");
        vm.prank(OWNER);
        oracle.setFeed(WBTC, ethFeed, 1 hours, 123_456_789, 987_654_321);
        c = oracle.feedConfig(WBTC);
        assertEq(int256(c.minAnswer), 123_456_780, "min widened down");
        assertEq(int256(c.maxAnswer), 987_654_400, "max widened up");
    }

    function _mockRound(uint80 roundId, int256 answer, uint256 updatedAt, uint80 answeredInRound) internal {
        vm.mockCall(
            address(ethFeed),
            abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector),
            abi.encode(roundId, answer, updatedAt, updatedAt, answeredInRound)
        );
    }
}
