// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title ChainlinkMorphoOracle
/// @notice A Morpho Blue `IOracle` over two Chainlink USD feeds (collateral/USD and loan/USD), in the shape of Morpho's
/// own ChainlinkOracle: `price()` is the price of 1 collateral token quoted in loan tokens, scaled by
/// 1e36 × 10^(loan decimals) / 10^(collateral decimals) (Morpho's IOracle rule), rounded down.
/// @dev Used on local chains so Morpho markets price from the same dev feeds as Keel and Aave. Like Morpho's, it does
/// not check staleness; it refuses non-positive answers.
contract ChainlinkMorphoOracle {
    /// @notice Thrown when a feed answers zero or a negative number.
    error NonPositiveAnswer(address feed, int256 answer);
    /// @notice Thrown when the decimals make the scale smaller than 1 (cannot be expressed).
    error ScaleUnderflow();

    AggregatorV3Interface public immutable COLLATERAL_FEED;
    AggregatorV3Interface public immutable LOAN_FEED;
    /// @notice 10^(36 + loan decimals + loan feed decimals − collateral decimals − collateral feed decimals).
    uint256 public immutable SCALE_FACTOR;

    constructor(
        AggregatorV3Interface collateralFeed,
        AggregatorV3Interface loanFeed,
        uint8 collateralDecimals,
        uint8 loanDecimals
    ) {
        COLLATERAL_FEED = collateralFeed;
        LOAN_FEED = loanFeed;
        uint256 up = 36 + uint256(loanDecimals) + loanFeed.decimals();
        uint256 down = uint256(collateralDecimals) + collateralFeed.decimals();
        if (down > up) revert ScaleUnderflow();
        SCALE_FACTOR = 10 ** (up - down);
    }

    /// @notice Price of 1 collateral token quoted in loan tokens, scaled per Morpho's IOracle (see the contract's notice).
    function price() external view returns (uint256) {
        return SCALE_FACTOR * _answer(COLLATERAL_FEED) / _answer(LOAN_FEED);
    }

    function _answer(AggregatorV3Interface feed) internal view returns (uint256) {
        (, int256 answer,,,) = feed.latestRoundData();
        if (answer <= 0) revert NonPositiveAnswer(address(feed), answer);
        return uint256(answer);
    }
}
