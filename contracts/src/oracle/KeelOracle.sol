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
contract KeelOracle is Ownable2Step {
    /// @notice Fixed-point scale of every price this oracle returns.
    uint256 internal constant WAD = 1e18;

    /// @notice The longest heartbeat an owner may configure (guards against a typo that disables staleness checks).
    uint256 public constant MAX_HEARTBEAT = 7 days;

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

    /// @notice Configuration of one asset's feed, in two storage slots. Bounds are in the feed's own units and decimals.
    struct FeedConfig {
        AggregatorV3Interface feed;
        uint32 heartbeat;
        uint8 feedDecimals;
        int128 minAnswer;
        int128 maxAnswer;
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
    /// @notice Thrown by `setFeed` when the feed reports more than 36 decimals.
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
        address indexed asset, address indexed feed, uint32 heartbeat, uint8 feedDecimals, int256 minAnswer, int256 maxAnswer
    );

    mapping(address asset => FeedConfig) internal _feeds;
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
        if (decimals > 36) revert InvalidFeedDecimals(decimals);
        // maxAnswer must also survive the scaling to WAD, so a price within bounds never overflows.
        // Bounds are stored as int128 (far beyond any real answer).
        if (
            minAnswer <= 0 || maxAnswer <= minAnswer || maxAnswer > type(int128).max
                || (decimals < 18 && uint256(maxAnswer) > type(uint256).max / 10 ** (18 - decimals))
        ) {
            revert InvalidBounds(minAnswer, maxAnswer);
        }

        if (address(_feeds[asset].feed) == address(0)) _assets.push(asset);
        _feeds[asset] = FeedConfig(feed, heartbeat, decimals, int128(minAnswer), int128(maxAnswer));
        emit FeedSet(asset, address(feed), heartbeat, decimals, minAnswer, maxAnswer);
    }

    /// @notice The USD price of one whole unit of `asset`, WAD-scaled. Reverts unless the feed is healthy.
    function price(address asset) external view returns (uint256) {
        FeedConfig memory c = _feeds[asset];
        if (address(c.feed) == address(0)) revert NoFeed(asset);
        uint80 roundId;
        int256 answer;
        uint256 updatedAt;
        uint80 answeredInRound;
        try c.feed.latestRoundData() returns (uint80 r, int256 a, uint256, uint256 u, uint80 air) {
            (roundId, answer, updatedAt, answeredInRound) = (r, a, u, air);
        } catch {
            revert FeedCallFailed(asset);
        }
        Status status = _check(c, roundId, answer, updatedAt, answeredInRound);
        if (status == Status.Ok) return _toWad(uint256(answer), c.feedDecimals);
        if (status == Status.NonPositive) revert NonPositivePrice(asset, answer);
        if (status == Status.Incomplete) revert IncompleteRound(asset, roundId);
        if (status == Status.FromFuture) revert PriceFromFuture(asset, updatedAt);
        if (status == Status.Stale) revert StalePrice(asset, updatedAt, c.heartbeat);
        revert PriceOutOfBounds(asset, answer, c.minAnswer, c.maxAnswer);
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

    /// @notice The feed configuration of `asset` (zero values when none).
    function feedConfig(address asset) external view returns (FeedConfig memory) {
        return _feeds[asset];
    }

    /// @dev The one place the guard rules live: what a round read from `c.feed` is worth.
    function _check(FeedConfig memory c, uint80 roundId, int256 answer, uint256 updatedAt, uint80 answeredInRound)
        internal
        view
        returns (Status)
    {
        if (answer <= 0) return Status.NonPositive;
        if (updatedAt == 0 || answeredInRound < roundId) return Status.Incomplete;
        if (updatedAt > block.timestamp) return Status.FromFuture;
        if (block.timestamp - updatedAt > c.heartbeat) return Status.Stale;
        if (answer < c.minAnswer || answer > c.maxAnswer) return Status.OutOfBounds;
        return Status.Ok;
    }

    /// @dev Everything about `asset`'s feed now, never reverting.
    function _read(address asset) internal view returns (FeedState memory s) {
        FeedConfig memory c = _feeds[asset];
        s.asset = asset;
        s.feed = address(c.feed);
        s.feedDecimals = c.feedDecimals;
        s.heartbeat = c.heartbeat;
        s.minAnswer = c.minAnswer;
        s.maxAnswer = c.maxAnswer;
        if (address(c.feed) == address(0)) {
            s.status = Status.Missing;
            return s;
        }

        uint80 answeredInRound;
        try c.feed.latestRoundData() returns (uint80 roundId, int256 answer, uint256, uint256 updatedAt, uint80 answered) {
            (s.roundId, s.answer, s.updatedAt, answeredInRound) = (roundId, answer, updatedAt, answered);
        } catch {
            s.status = Status.FeedReverted;
            return s;
        }

        s.status = _check(c, s.roundId, s.answer, s.updatedAt, answeredInRound);
        if (s.status == Status.Ok) s.price = _toWad(uint256(s.answer), c.feedDecimals);
    }

    function _toWad(uint256 answer, uint8 decimals) internal pure returns (uint256) {
        if (decimals <= 18) return answer * 10 ** (18 - decimals);
        return answer / 10 ** (decimals - 18);
    }
}
