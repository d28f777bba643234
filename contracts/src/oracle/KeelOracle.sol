// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title KeelOracle
/// @notice Reads Chainlink AggregatorV3Interface feeds and normalises every price to one scale: the value of one whole
/// unit of the asset in USD, with 18 decimals (WAD). Each feed is guarded: a stale, incomplete, non-positive or
/// out-of-bounds answer is never returned as a price.
/// @dev `peek` never reverts and says what is wrong; `price` reverts with the matching custom error. Both run the same
/// checks in `_check`, the one place the guard rules live.
/// Gas: an asset's whole configuration lives in ONE storage slot (`Packed`), so a price costs one cold SLOAD plus the
/// feed call. The bounds are stored as compact decimal floats (26-bit mantissa × 10^6-bit exponent): a bound with at
/// most 7 significant digits (1e8, 0.5e8, 1_000_000e8, …) is stored exactly; any other is widened outward by less
/// than 1.5e-7 of its value (minAnswer rounded down, maxAnswer rounded up), so a price inside the configured bounds is
/// never refused. The effective bounds are what `feedConfig`, `peek`, `FeedSet` and `PriceOutOfBounds` report.
contract KeelOracle is Ownable2Step {
    /// @notice Fixed-point scale of every price this oracle returns.
    uint256 internal constant WAD = 1e18;

    /// @notice The longest heartbeat an owner may configure (guards against a typo that disables staleness checks).
    uint256 public constant MAX_HEARTBEAT = 7 days;

    /// @notice The most decimals a feed may report: every answer is scaled UP to WAD, never down, so no price rounds to 0.
    uint8 public constant MAX_FEED_DECIMALS = 18;

    /// @notice What a read of a feed found.
    enum Status {
        Ok, // fresh, complete, positive and within bounds
        Missing, // no feed configured for the asset
        FeedReverted, // the feed's latestRoundData call reverted
        NonPositive, // answer <= 0
        Incomplete, // the round has no timestamp, or was answered in an earlier round
        FromFuture, // updatedAt is later than the current block
        Stale, // updatedAt older than the heartbeat
        OutOfBounds // answer outside [minAnswer, maxAnswer]
    }

    /// @notice Configuration of one asset's feed, as read by `feedConfig`. Bounds are in the feed's own units and
    /// decimals (the effective, possibly widened, bounds: see the contract's notes).
    struct FeedConfig {
        AggregatorV3Interface feed;
        uint32 heartbeat;
        uint8 feedDecimals;
        int128 minAnswer;
        int128 maxAnswer;
    }

    /// @dev The stored form of a FeedConfig: one slot. Bounds are compact decimal floats (see `_encodeBound`).
    struct Packed {
        AggregatorV3Interface feed;
        uint24 heartbeat;
        uint8 feedDecimals;
        uint32 minAnswer;
        uint32 maxAnswer;
    }

    /// @notice Everything the app shows about one asset's price, as read now.
    struct FeedState {
        address asset;
        address feed;
        uint8 feedDecimals;
        uint32 heartbeat;
        int256 minAnswer;
        int256 maxAnswer;
        uint80 roundId;
        int256 answer;
        uint256 updatedAt;
        uint256 price;
        Status status;
    }

    /// @notice Thrown by `setFeed` when the feed address is zero.
    error ZeroFeed();
    /// @notice Thrown by `setFeed` when the heartbeat is zero or above MAX_HEARTBEAT.
    error InvalidHeartbeat(uint256 heartbeat);
    /// @notice Thrown by `setFeed` when the bounds are not 0 < minAnswer < maxAnswer, or maxAnswer overflows at WAD scale.
    error InvalidBounds(int256 minAnswer, int256 maxAnswer);
    /// @notice Thrown by `setFeed` when the feed reports more than 18 decimals (its answers would be scaled down to WAD,
    /// and a small answer would become a price of 0).
    error InvalidFeedDecimals(uint8 decimals);
    /// @notice Thrown by `price` when the asset has no feed.
    error NoFeed(address asset);
    /// @notice Thrown by `price` when the feed call reverted.
    error FeedCallFailed(address asset);
    /// @notice Thrown by `price` when the feed answered zero or a negative number.
    error NonPositivePrice(address asset, int256 answer);
    /// @notice Thrown by `price` when the round is incomplete (no timestamp, or carried over from an earlier round).
    error IncompleteRound(address asset, uint80 roundId);
    /// @notice Thrown by `price` when the feed's timestamp is later than the current block.
    error PriceFromFuture(address asset, uint256 updatedAt);
    /// @notice Thrown by `price` when the answer is older than the feed's heartbeat.
    error StalePrice(address asset, uint256 updatedAt, uint256 heartbeat);
    /// @notice Thrown by `price` when the answer is outside the configured bounds.
    error PriceOutOfBounds(address asset, int256 answer, int256 minAnswer, int256 maxAnswer);

    /// @notice Emitted when an asset's feed is set or replaced.
    event FeedSet(
        address indexed asset,
        address indexed feed,
        uint32 heartbeat,
        uint8 feedDecimals,
        int256 minAnswer,
        int256 maxAnswer
    );

    /// @dev Bits of a compact bound's mantissa; the exponent (power of ten) sits above them.
    uint256 internal constant MANTISSA_BITS = 26;
    uint256 internal constant MANTISSA_MAX = (1 << MANTISSA_BITS) - 1;

    mapping(address asset => Packed) internal _feeds;
    address[] internal _assets;

    /// @param owner_ The account allowed to configure feeds.
    constructor(address owner_) Ownable(owner_) {}

    /// @notice Sets (or replaces) the feed of `asset`, with its heartbeat and answer bounds in the feed's units.
    function setFeed(address asset, AggregatorV3Interface feed, uint32 heartbeat, int256 minAnswer, int256 maxAnswer)
        external
        onlyOwner
    {
        if (address(feed) == address(0)) revert ZeroFeed();
        if (heartbeat == 0 || heartbeat > MAX_HEARTBEAT) revert InvalidHeartbeat(heartbeat);
        uint8 decimals = feed.decimals();
        if (decimals > MAX_FEED_DECIMALS) revert InvalidFeedDecimals(decimals);
        // maxAnswer must also survive the scaling to WAD, so a price within bounds never overflows.
        // Bounds are stored as int128 (far beyond any real answer).
        if (minAnswer <= 0 || maxAnswer <= minAnswer || maxAnswer > type(int128).max) {
            revert InvalidBounds(minAnswer, maxAnswer);
        }
        uint32 minPacked = _encodeBound(uint256(minAnswer), false);
        uint32 maxPacked = _encodeBound(uint256(maxAnswer), true);
        // The effective (widened) maxAnswer must survive the scaling to WAD, so a price within bounds never overflows.
        uint256 effectiveMax = _decodeBound(maxPacked);
        if (effectiveMax > type(uint256).max / 10 ** (18 - decimals)) {
            revert InvalidBounds(minAnswer, maxAnswer);
        }

        if (address(_feeds[asset].feed) == address(0)) _assets.push(asset);
        _feeds[asset] = Packed(feed, uint24(heartbeat), decimals, minPacked, maxPacked);
        emit FeedSet(asset, address(feed), heartbeat, decimals, int256(_decodeBound(minPacked)), int256(effectiveMax));
    }

    /// @notice The USD price of one whole unit of `asset`, WAD-scaled. Reverts unless the feed is healthy.
    function price(address asset) external view returns (uint256) {
        return _quickPrice(asset);
    }

    /// @notice The prices of `a` and `b` (each as `price` returns it) in one call. Reverts unless both feeds are healthy.
    function prices(address a, address b) external view returns (uint256 priceA, uint256 priceB) {
        // `a` is read first: its error comes first, and `b`'s feed is not called when `a`'s read fails.
        return (_quickPrice(a), _quickPrice(b));
    }

    /// @dev `price` on the hot path: one SLOAD of the packed config, one raw staticcall to the feed (`_latest`'s), and
    /// the guards (`_check`'s, each one the same comparison) folded into one flag in assembly, with no branch or error
    /// per guard. A failed call reverts NoFeed or FeedCallFailed at once; when the flag is down, `_priceOf` runs on
    /// the round already read and reverts with the error of the guard that failed (StalePrice, ...). The feed is called
    /// ONCE, whatever it does: a feed that reverts or burns all the gas forwarded to it is not called again, so this
    /// oracle keeps the 1/64 the call left it, enough to revert FeedCallFailed, as it did before the fast path.
    /// The fast path never returns a price `_priceOf` would refuse, and returns the same price whenever it accepts one.
    function _quickPrice(address asset) internal view returns (uint256 p) {
        uint256 word = _configWord(asset);
        bytes4 selector = AggregatorV3Interface.latestRoundData.selector;
        bool ok;
        uint256 roundId;
        int256 answer;
        uint256 updatedAt;
        uint256 answeredInRound;
        assembly ("memory-safe") {
            let feed := and(word, 0xffffffffffffffffffffffffffffffffffffffff)
            let ptr := mload(0x40)
            mstore(ptr, selector)
            // `_latest`: the call succeeded and returned five words, and both round ids are uint80s (no feed: false).
            // Inlined, not called: calling `_latest` here costs 84 gas on every price read (bench:gas, 2026-12-03).
            ok := and(iszero(iszero(feed)), staticcall(gas(), feed, ptr, 4, ptr, 160))
            ok := and(ok, iszero(lt(returndatasize(), 160)))
            roundId := mload(ptr)
            answer := mload(add(ptr, 32))
            updatedAt := mload(add(ptr, 96))
            answeredInRound := mload(add(ptr, 128))
            let max80 := 0xffffffffffffffffffff
            ok := and(ok, iszero(or(gt(roundId, max80), gt(answeredInRound, max80))))
        }
        // The call failed: its error at once, with no more work than before the fast path (this oracle may have only
        // the 1/64 of its gas that the feed did not take).
        if (!ok) {
            if (address(uint160(word)) == address(0)) revert NoFeed(asset);
            revert FeedCallFailed(asset);
        }
        assembly ("memory-safe") {
            // `_check`: answer > 0; a timestamp, answered in this round; not from the future; within the heartbeat.
            let fine := sgt(answer, 0)
            fine := and(fine, iszero(or(iszero(updatedAt), lt(answeredInRound, roundId))))
            fine := and(fine, iszero(gt(updatedAt, timestamp())))
            fine := and(fine, iszero(gt(sub(timestamp(), updatedAt), and(shr(160, word), 0xffffff))))
            // Within [minAnswer, maxAnswer]: `_decodeBound` (26-bit mantissa × 10^exponent above it) of bits 192-223
            // and 224-255; answer > 0 when `fine`, so the unsigned comparisons are exact.
            let b := and(shr(192, word), 0xffffffff)
            fine := and(fine, iszero(lt(answer, mul(and(b, 0x3ffffff), exp(10, shr(26, b))))))
            b := shr(224, word)
            fine := and(fine, iszero(gt(answer, mul(and(b, 0x3ffffff), exp(10, shr(26, b))))))
            // Scaled to WAD as `_priceOf` does when `fine` (no overflow: `setFeed` proved the effective maxAnswer
            // survives it), 0 otherwise (the product may wrap then, and is multiplied by 0). A price is at least 1.
            p := mul(fine, mul(answer, exp(10, sub(18, and(shr(184, word), 0xff)))))
        }
        // Some guard failed: its error, from the round already read.
        if (p == 0) return _priceOf(asset, word, roundId, answer, updatedAt, answeredInRound);
    }

    /// @dev What a round read from `asset`'s feed (config `word`) by a call that succeeded is worth: the price, or the
    /// error of the guard that failed (`_check`'s rules). The feed is not called again.
    function _priceOf(
        address asset,
        uint256 word,
        uint256 roundId,
        int256 answer,
        uint256 updatedAt,
        uint256 answeredInRound
    ) internal view returns (uint256) {
        Status status = _check(word, roundId, answer, updatedAt, answeredInRound);
        if (status == Status.Ok) {
            // Unchecked scaling: `answer` is within the effective maxAnswer, which `setFeed` proved survives it, and
            // the feed has at most 18 decimals.
            unchecked {
                return uint256(answer) * 10 ** (18 - uint8(word >> 184));
            }
        }
        if (status == Status.NonPositive) revert NonPositivePrice(asset, answer);
        if (status == Status.Incomplete) revert IncompleteRound(asset, uint80(roundId));
        if (status == Status.FromFuture) revert PriceFromFuture(asset, updatedAt);
        if (status == Status.Stale) revert StalePrice(asset, updatedAt, uint24(word >> 160));
        revert PriceOutOfBounds(
            asset, answer, int256(_decodeBound(uint32(word >> 192))), int256(_decodeBound(uint32(word >> 224)))
        );
    }

    /// @dev The raw storage word of `asset`'s Packed config: feed (bits 0-159), heartbeat (160-183), feed decimals
    /// (184-191), compact minAnswer (192-223), compact maxAnswer (224-255).
    function _configWord(address asset) internal view returns (uint256 word) {
        Packed storage c = _feeds[asset];
        assembly ("memory-safe") {
            word := sload(c.slot)
        }
    }

    /// @dev `feed.latestRoundData()`, never reverting: `ok` is false if the call reverted, returned fewer than five
    /// words, or returned a round id that is not a uint80 (what ABI decoding would have refused).
    function _latest(address feed)
        internal
        view
        returns (bool ok, uint256 roundId, int256 answer, uint256 updatedAt, uint256 answeredInRound)
    {
        bytes4 selector = AggregatorV3Interface.latestRoundData.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            ok := staticcall(gas(), feed, ptr, 4, ptr, 160)
            ok := and(ok, iszero(lt(returndatasize(), 160)))
            roundId := mload(ptr)
            answer := mload(add(ptr, 32))
            updatedAt := mload(add(ptr, 96))
            answeredInRound := mload(add(ptr, 128))
            let max80 := 0xffffffffffffffffffff
            ok := and(ok, iszero(or(gt(roundId, max80), gt(answeredInRound, max80))))
        }
    }

    /// @notice Reads `asset`'s feed without reverting. `price` is zero unless `status` is Ok.
    function peek(address asset) external view returns (FeedState memory) {
        return _read(asset);
    }

    /// @notice Reads every configured feed, in the order they were first set.
    function peekAll() external view returns (FeedState[] memory states) {
        uint256 n = _assets.length;
        states = new FeedState[](n);
        for (uint256 i; i < n; ++i) {
            states[i] = _read(_assets[i]);
        }
    }

    /// @notice The assets that have a feed, in the order they were first set.
    function assets() external view returns (address[] memory) {
        return _assets;
    }

    /// @notice The feed configuration of `asset` (zero values when none), with the effective bounds. A maxAnswer
    /// widened past type(int128).max (only when it was set within 1.5e-7 of it) reads as type(int128).max here.
    function feedConfig(address asset) external view returns (FeedConfig memory) {
        Packed memory c = _feeds[asset];
        uint256 maxAnswer = _decodeBound(c.maxAnswer);
        if (maxAnswer > uint128(type(int128).max)) maxAnswer = uint128(type(int128).max);
        return FeedConfig(
            c.feed, c.heartbeat, c.feedDecimals, int128(int256(_decodeBound(c.minAnswer))), int128(int256(maxAnswer))
        );
    }

    /// @dev The one place the guard rules live: what a round read from the feed of config `word` is worth.
    function _check(uint256 word, uint256 roundId, int256 answer, uint256 updatedAt, uint256 answeredInRound)
        internal
        view
        returns (Status)
    {
        if (answer <= 0) return Status.NonPositive;
        if (updatedAt == 0 || answeredInRound < roundId) return Status.Incomplete;
        if (updatedAt > block.timestamp) return Status.FromFuture;
        unchecked {
            // updatedAt ≤ block.timestamp here.
            if (block.timestamp - updatedAt > uint24(word >> 160)) return Status.Stale;
        }
        // answer > 0 here, so the unsigned comparison is exact.
        if (uint256(answer) < _decodeBound(uint32(word >> 192)) || uint256(answer) > _decodeBound(uint32(word >> 224)))
        {
            return Status.OutOfBounds;
        }
        return Status.Ok;
    }

    /// @dev Everything about `asset`'s feed now, never reverting.
    function _read(address asset) internal view returns (FeedState memory s) {
        Packed memory c = _feeds[asset];
        s.asset = asset;
        s.feed = address(c.feed);
        s.feedDecimals = c.feedDecimals;
        s.heartbeat = c.heartbeat;
        s.minAnswer = int256(_decodeBound(c.minAnswer));
        s.maxAnswer = int256(_decodeBound(c.maxAnswer));
        if (address(c.feed) == address(0)) {
            s.status = Status.Missing;
            return s;
        }

        (bool ok, uint256 roundId, int256 answer, uint256 updatedAt, uint256 answeredInRound) = _latest(address(c.feed));
        if (!ok) {
            s.status = Status.FeedReverted;
            return s;
        }
        (s.roundId, s.answer, s.updatedAt) = (uint80(roundId), answer, updatedAt);
        s.status = _check(_configWord(asset), roundId, answer, updatedAt, answeredInRound);
        if (s.status == Status.Ok) s.price = _toWad(uint256(s.answer), c.feedDecimals);
    }

    /// @dev `x` as a compact decimal float: mantissa (low 26 bits) × 10^exponent (high 6 bits), rounded down or up.
    /// Exact whenever `x` has at most 7 significant digits; otherwise off by less than one part in 6.7e6.
    function _encodeBound(uint256 x, bool roundUp) internal pure returns (uint32) {
        uint256 e;
        bool inexact;
        while (x > MANTISSA_MAX) {
            if (x % 10 != 0) inexact = true;
            x /= 10;
            ++e;
        }
        if (roundUp && inexact) {
            ++x;
            if (x > MANTISSA_MAX) {
                x = (x + 9) / 10;
                ++e;
            }
        }
        return uint32((e << MANTISSA_BITS) | x);
    }

    /// @dev The value of a compact bound.
    function _decodeBound(uint32 b) internal pure returns (uint256) {
        // Unchecked: mantissa < 2^26 and 10^63 < 2^210, so the product stays below 2^236.
        unchecked {
            return uint256(b & MANTISSA_MAX) * 10 ** (uint256(b) >> MANTISSA_BITS);
        }
    }

    /// @dev Unchecked: `answer` is within the effective maxAnswer, which `setFeed` proved survives the scaling, and
    /// decimals ≤ 18.
    function _toWad(uint256 answer, uint8 decimals) internal pure returns (uint256) {
        unchecked {
            return answer * 10 ** (18 - decimals);
        }
    }
}
