// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IIrm} from "@morpho-org/morpho-blue/src/interfaces/IIrm.sol";
import {MarketParams, Market} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";

/// @title KinkedIrm
/// @notice A Morpho Blue interest rate model for local chains: a borrow rate per second (WAD) that rises linearly with
/// utilization (borrowed ÷ supplied, rounded down) to `KINK`, then more steeply above it. Stateless, so `borrowRate`
/// and `borrowRateView` are the same function.
contract KinkedIrm is IIrm {
    uint256 internal constant WAD = 1e18;

    /// @notice Thrown when the kink is not strictly between 0 and 100 %.
    error InvalidKink(uint256 kink);

    uint256 public immutable BASE_RATE;
    uint256 public immutable SLOPE1;
    uint256 public immutable SLOPE2;
    uint256 public immutable KINK;

    /// @param baseRate rate per second at zero utilization (WAD)
    /// @param slope1 rate per second added between 0 and the kink (WAD)
    /// @param slope2 rate per second added between the kink and 100 % (WAD)
    /// @param kink utilization where the slope changes (WAD, 0 < kink < 1)
    constructor(uint256 baseRate, uint256 slope1, uint256 slope2, uint256 kink) {
        if (kink == 0 || kink >= WAD) revert InvalidKink(kink);
        BASE_RATE = baseRate;
        SLOPE1 = slope1;
        SLOPE2 = slope2;
        KINK = kink;
    }

    function borrowRate(MarketParams memory, Market memory market) external view returns (uint256) {
        return _rate(market);
    }

    function borrowRateView(MarketParams memory, Market memory market) external view returns (uint256) {
        return _rate(market);
    }

    function _rate(Market memory market) internal view returns (uint256) {
        uint256 u =
            market.totalSupplyAssets == 0 ? 0 : uint256(market.totalBorrowAssets) * WAD / market.totalSupplyAssets;
        if (u > WAD) u = WAD;
        if (u <= KINK) return BASE_RATE + SLOPE1 * u / KINK;
        return BASE_RATE + SLOPE1 + SLOPE2 * (u - KINK) / (WAD - KINK);
    }
}
