// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OracleFuzz} from "./utils/OracleFuzz.sol";
import {KeelOracle} from "../src/oracle/KeelOracle.sol";
import {DevPriceFeed} from "../src/dev/DevPriceFeed.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract KeelOracleTest is OracleFuzz {
    address internal constant WETH = address(0xE7);
    address internal constant WBTC = address(0xB7);
    address internal constant OWNER = address(0xA11CE);
    address internal constant NOFEED = address(0xDEAD);

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

    /// @dev `price` and `prices` read each feed once, through the branch-free guards (`_quickPrice`), and revert with
    /// the error of the guard that failed, from that same read. For any config `setFeed` accepts (decimals 0-18, every
    /// heartbeat up to MAX_HEARTBEAT, bounds anywhere in [1, int128.max]) and any round a feed can return — round ids
    /// past uint80, answers and timestamps on either side of every bound, a short, empty or long answer, a revert with
    /// data, a feed without code — they return exactly the price `peek` reports as Ok, and otherwise revert with the
    /// error of what `peek` reports; `prices` with the first asset's error first, with both assets possibly broken
    /// and with an asset that has no feed. The last read checks that the first feed is called once, and the second
    /// only when the first is healthy.
    /// forge-config: default.fuzz.runs = 2048
    function testFuzz_price_quickPathMatchesGuards(uint256 seed) public {
        vm.warp(1_700_000_000 + _pick(seed, 0, 1 hours)); // WETH's own round stays fresh
        uint8 decimals = uint8(_pick(seed, 1, 19));
        uint32 heartbeat = _fuzzHeartbeat(oracle, seed);
        (uint256 minAnswer, uint256 maxAnswer) = _fuzzBounds(seed);
        DevPriceFeed f = new DevPriceFeed(address(this), decimals, "fuzz", 1);
        vm.prank(OWNER);
        oracle.setFeed(WBTC, f, heartbeat, int256(minAnswer), int256(maxAnswer));
        KeelOracle.FeedState memory s = oracle.peek(WBTC);
        _fuzzRound(seed, address(f), heartbeat, uint256(s.minAnswer), uint256(s.maxAnswer));
        // WETH: its healthy round, or one as broken as WBTC's may be.
        if (_pick(seed, 5, 2) == 0) {
            _fuzzRound(uint256(keccak256(abi.encode(seed, "WETH"))), address(ethFeed), 1 hours, 1e8, 1e14);
        }

        (bool okB, bytes memory errB, uint256 pB) = _expected(WBTC);
        (bool okE, bytes memory errE, uint256 pE) = _expected(WETH);
        (bool okN, bytes memory errN,) = _expected(NOFEED);
        assertFalse(okN, "no feed, no price");
        _checkPrice(WBTC, okB, errB, pB);
        _checkPrice(WETH, okE, errE, pE);
        _checkPrice(NOFEED, okN, errN, 0);
        _checkPrices(WBTC, WETH, okB, errB, pB, okE, errE, pE);
        _checkPrices(WETH, WBTC, okE, errE, pE, okB, errB, pB);
        _checkPrices(WBTC, WBTC, okB, errB, pB, okB, errB, pB);
        _checkPrices(NOFEED, WBTC, okN, errN, 0, okB, errB, pB);
        _checkPrices(WBTC, NOFEED, okB, errB, pB, okN, errN, 0);

        // One call to WBTC's feed, whatever it does; none to WETH's unless WBTC's read was healthy.
        vm.expectCall(address(f), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 1);
        vm.expectCall(
            address(ethFeed), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), okB ? 1 : 0
        );
        _checkPrices(WBTC, WETH, okB, errB, pB, okE, errE, pE);
    }

    function _expected(address asset) internal view returns (bool ok, bytes memory err, uint256 p) {
        return _expectedOf(oracle, asset);
    }

    function _checkPrice(address asset, bool ok, bytes memory err, uint256 p) internal {
        if (ok) {
            assertEq(oracle.price(asset), p, "price");
        } else {
            vm.expectRevert(err);
            oracle.price(asset);
        }
    }

    function _checkPrices(
        address a,
        address b,
        bool okA,
        bytes memory errA,
        uint256 pA,
        bool okB,
        bytes memory errB,
        uint256 pB
    ) internal {
        if (okA && okB) {
            (uint256 x, uint256 y) = oracle.prices(a, b);
            assertEq(x, pA, "prices: first");
            assertEq(y, pB, "prices: second");
        } else {
            vm.expectRevert(okA ? errB : errA); // the first asset's error first
            oracle.prices(a, b);
        }
    }

    /// @dev The branch-free read is the one a healthy read takes: `price` calls the feed once (were it always to
    /// fall back to the guarded read, the price would be the same, but the feed would be called twice).
    function test_price_healthyReadCallsTheFeedOnce() public {
        vm.expectCall(address(ethFeed), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 1);
        assertEq(oracle.price(WETH), 3000e18, "price");
    }

    function test_prices_healthyReadCallsEachFeedOnce() public {
        DevPriceFeed f = new DevPriceFeed(address(this), 18, "X", 5e18);
        vm.prank(OWNER);
        oracle.setFeed(WBTC, f, 1 hours, 1, 1e30);
        vm.expectCall(address(f), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 1);
        vm.expectCall(address(ethFeed), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 1);
        (uint256 a, uint256 b) = oracle.prices(WBTC, WETH);
        assertEq(a, 5e18, "first");
        assertEq(b, 3000e18, "second");
    }

    /// @dev A feed whose call fails is called once and gives FeedCallFailed: reverting (with a valid-looking round as
    /// its revert data), returning four words, or burning all the gas it is given (INVALID, as a 0.6 feed's assert).
    function test_price_revertingFeedIsCalledOnce() public {
        _assertFailedFeedCalledOnce(BrokenFeed.Mode.Revert);
    }

    function test_price_fourWordFeedIsCalledOnce() public {
        _assertFailedFeedCalledOnce(BrokenFeed.Mode.FourWords);
    }

    function test_price_allGasFeedIsCalledOnce() public {
        _assertFailedFeedCalledOnce(BrokenFeed.Mode.AllGas);
    }

    /// @dev WBTC priced by a feed that fails as `mode` says.
    function _brokenWbtcFeed(BrokenFeed.Mode mode) internal returns (BrokenFeed b) {
        b = new BrokenFeed(mode);
        vm.prank(OWNER);
        oracle.setFeed(WBTC, AggregatorV3Interface(address(b)), 1 hours, 1, 1e30);
    }

    function _assertFailedFeedCalledOnce(BrokenFeed.Mode mode) internal {
        BrokenFeed b = _brokenWbtcFeed(mode);
        vm.expectCall(address(b), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 1);
        (bool ok, bytes memory r) = address(oracle).staticcall{gas: 1_000_000}(abi.encodeCall(oracle.price, (WBTC)));
        assertFalse(ok, "no price");
        assertTrue(keccak256(r) == keccak256(_feedCallFailed(WBTC)), "FeedCallFailed");
    }

    /// @dev L-1: a feed that burns all the gas forwarded to it must not take the oracle's own gas with it. Were the
    /// feed called a second time for the error, that call would get 63/64 of the 1/64 left after the first, and the
    /// oracle would run out of gas with empty revert data instead of FeedCallFailed (which KeelMarket's
    /// _priceOrZero catches on purpose).
    function test_price_allGasFeedUnderAGasLimitRevertsFeedCallFailed() public {
        _brokenWbtcFeed(BrokenFeed.Mode.AllGas);
        uint256[3] memory limits = [uint256(100_000), 300_000, 1_000_000];
        for (uint256 i; i < limits.length; ++i) {
            (bool ok, bytes memory r) = address(oracle).staticcall{gas: limits[i]}(abi.encodeCall(oracle.price, (WBTC)));
            assertFalse(ok, "no price");
            assertTrue(keccak256(r) == keccak256(_feedCallFailed(WBTC)), "price: FeedCallFailed, not out of gas");
            (ok, r) = address(oracle).staticcall{gas: limits[i]}(abi.encodeCall(oracle.prices, (WBTC, WETH)));
            assertFalse(ok, "no prices");
            assertTrue(keccak256(r) == keccak256(_feedCallFailed(WBTC)), "prices: FeedCallFailed, not out of gas");
        }
    }

    /// @dev `prices(a, b)` with `a` broken: `a`'s error, and `b`'s feed is never called.
    function test_prices_firstFeedFailsSecondIsNotCalled() public {
        BrokenFeed b = _brokenWbtcFeed(BrokenFeed.Mode.Revert);
        vm.expectCall(address(b), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 1);
        vm.expectCall(address(ethFeed), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 0);
        vm.expectRevert(_feedCallFailed(WBTC));
        oracle.prices(WBTC, WETH);
    }

    /// @dev Both assets broken: the first asset's error, read once; the second feed is never called.
    function test_prices_bothBrokenFirstErrorFirst() public {
        BrokenFeed b = _brokenWbtcFeed(BrokenFeed.Mode.FourWords);
        ethFeed.setAnswerAt(3000e8, block.timestamp - 2 hours);
        vm.expectCall(address(ethFeed), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 1);
        vm.expectCall(address(b), abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector), 0);
        vm.expectRevert(
            abi.encodeWithSelector(KeelOracle.StalePrice.selector, WETH, block.timestamp - 2 hours, uint256(1 hours))
        );
        oracle.prices(WETH, WBTC);
    }

    function _feedCallFailed(address asset) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(KeelOracle.FeedCallFailed.selector, asset);
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

/// @dev A feed whose latestRoundData call fails, in one of the ways a feed's call can fail.
contract BrokenFeed {
    enum Mode {
        Revert, // reverts, with a valid-looking round as its revert data
        FourWords, // returns four words instead of five
        AllGas // burns all the gas it is given (INVALID, as a Solidity 0.6 feed's failed assert)
    }

    Mode internal immutable mode;

    constructor(Mode mode_) {
        mode = mode_;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        Mode m = mode;
        assembly {
            mstore(0x00, 5)
            mstore(0x20, 300000000000)
            mstore(0x40, timestamp())
            mstore(0x60, timestamp())
            mstore(0x80, 5)
            if eq(m, 0) { revert(0, 160) }
            if eq(m, 1) { return(0, 128) }
            invalid()
        }
    }
}
