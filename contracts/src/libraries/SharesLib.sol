// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MathLib} from "./MathLib.sol";

/// @title SharesLib
/// @notice Conversions between assets and shares of a market's two ledgers (borrow and supply), with virtual shares and
/// assets so the first borrower or supplier cannot inflate the share price (Morpho Blue's scheme). KeelLenderVault
/// prices its ERC-4626 shares with the same functions, so its previews equal what the market does.
library SharesLib {
    using MathLib for uint256;

    /// @notice Decimals shares have beyond their asset's: log10(VIRTUAL_SHARES / VIRTUAL_ASSETS).
    uint8 internal constant DECIMALS_OFFSET = 6;

    /// @notice Virtual shares added to the total.
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    /// @notice Virtual assets added to the total.
    uint256 internal constant VIRTUAL_ASSETS = 1;

    /// @dev Assets to shares, rounded down.
    function toSharesDown(uint256 assets, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return assets.mulDivDown(totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    /// @dev Shares to assets, rounded down.
    function toAssetsDown(uint256 shares, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return shares.mulDivDown(totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }

    /// @dev Assets to shares, rounded up.
    function toSharesUp(uint256 assets, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return assets.mulDivUp(totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    /// @dev Shares to assets, rounded up.
    function toAssetsUp(uint256 shares, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return shares.mulDivUp(totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }
}
