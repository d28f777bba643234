// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title DevPriceFeed
/// @notice A Chainlink-compatible feed for local chains whose answer its owner (a script, the price simulator) sets.
/// Every update opens a new, complete round, exactly as a real aggregator reports it.
contract DevPriceFeed is AggregatorV3Interface, Ownable {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
    }

    /// @notice Thrown when a round that was never written is asked for.
    error NoRound(uint80 roundId);
    /// @notice Thrown when `setAnswerAt` is given a timestamp later than the current block.
    error TimestampInFuture(uint256 updatedAt);

    /// @notice Emitted on every new round (the same event Chainlink aggregators emit).
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    uint8 public immutable override decimals;
    string public override description;
    uint256 public constant override version = 4;

    uint80 public latestRound;
    mapping(uint80 roundId => Round) internal _rounds;

    constructor(address owner_, uint8 decimals_, string memory description_, int256 initialAnswer) Ownable(owner_) {
        decimals = decimals_;
        description = description_;
        _push(initialAnswer, block.timestamp);
    }

    /// @notice Publishes `answer` as a new round updated now.
    function setAnswer(int256 answer) external onlyOwner {
        _push(answer, block.timestamp);
    }

    /// @notice Publishes `answer` as a new round updated at `updatedAt` (in the past: a feed that stopped updating).
    function setAnswerAt(int256 answer, uint256 updatedAt) external onlyOwner {
        if (updatedAt > block.timestamp) revert TimestampInFuture(updatedAt);
        _push(answer, updatedAt);
    }

    function getRoundData(uint80 roundId) external view override returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = _rounds[roundId];
        if (r.updatedAt == 0) revert NoRound(roundId);
        return (roundId, r.answer, r.startedAt, r.updatedAt, roundId);
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        uint80 id = latestRound;
        Round memory r = _rounds[id];
        return (id, r.answer, r.startedAt, r.updatedAt, id);
    }

    /// @notice The latest answer, as Chainlink's legacy `AggregatorInterface` reports it (Aave's oracle reads this).
    function latestAnswer() external view returns (int256) {
        return _rounds[latestRound].answer;
    }

    /// @notice When the latest answer was updated (Chainlink's legacy `AggregatorInterface`).
    function latestTimestamp() external view returns (uint256) {
        return _rounds[latestRound].updatedAt;
    }

    function _push(int256 answer, uint256 updatedAt) internal {
        uint80 id = ++latestRound;
        _rounds[id] = Round(answer, updatedAt, updatedAt);
        emit AnswerUpdated(answer, id, updatedAt);
    }
}
