// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

interface IChainlinkFeed {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

/// @notice Bench-only Morpho Blue oracle reading two Chainlink feeds (collateral/USD and loan/USD), in the shape of
/// Morpho's ChainlinkOracle: price of 1 collateral unit in loan units, scaled by 1e36. It lets the gas comparison price
/// both protocols from the same Chainlink-style feeds. Unlike KeelOracle it checks neither staleness nor bounds.
contract MorphoChainlinkOracle {
    IChainlinkFeed public immutable COLLATERAL_FEED;
    IChainlinkFeed public immutable LOAN_FEED;
    uint256 public immutable SCALE;

    constructor(IChainlinkFeed collateralFeed, IChainlinkFeed loanFeed, uint256 collateralDecimals, uint256 loanDecimals) {
        COLLATERAL_FEED = collateralFeed;
        LOAN_FEED = loanFeed;
        SCALE = 10 ** (36 + loanDecimals - collateralDecimals);
    }

    function price() external view returns (uint256) {
        (, int256 c,,,) = COLLATERAL_FEED.latestRoundData();
        (, int256 l,,,) = LOAN_FEED.latestRoundData();
        return SCALE * uint256(c) / uint256(l);
    }
}
