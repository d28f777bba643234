// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice Kinked utilisation rate model, every rate per second at WAD scale. Below the kink the borrow rate rises
/// from `baseRate` to `baseRate + slope1` at `kink`; above it, a further `slope2` up to 100% utilisation.
struct RateModel {
    uint64 baseRate;
    uint64 slope1;
    uint64 slope2;
    uint64 kink;
}

/// @notice Risk parameters of one collateral, WAD ratios; `supplyCap` in the token's units.
struct CollateralParams {
    uint64 ltv;
    uint64 liquidationThreshold;
    uint64 maxDiscount;
    uint128 supplyCap;
}

/// @notice A listed collateral, as read from the market.
struct CollateralInfo {
    address asset;
    uint8 decimals;
    uint64 ltv;
    uint64 liquidationThreshold;
    uint64 maxDiscount;
    uint128 supplyCap;
    uint128 totalDeposited;
}

/// @notice One vault's raw state, debt accrued to now.
struct VaultData {
    uint256 id;
    address owner;
    uint256 debt;
    uint256 debtShares;
    address[] assets;
    uint256[] amounts;
}

/// @notice The KeelMarket views the lens and the app rely on (the market is also an ERC4626 and an ERC-3156 lender).
interface IKeelMarket {
    function totalBorrows() external view returns (uint256);
    function totalBorrowShares() external view returns (uint256);
    function totalReserves() external view returns (uint256);
    function totalBadDebt() external view returns (uint256);
    function cash() external view returns (uint256);
    function utilization() external view returns (uint256);
    function borrowRate() external view returns (uint256);
    function supplyRate() external view returns (uint256);
    function rateModel() external view returns (RateModel memory);
    function reserveFactor() external view returns (uint256);
    function flashFeeBps() external view returns (uint256);
    function vaultCount() external view returns (uint256);
    function collateralAssets() external view returns (address[] memory);
    function collateralInfo(address asset) external view returns (CollateralInfo memory);
    function riskAdmin() external view returns (address);
    function borrowPaused() external view returns (bool);
    function vaultsOf(address owner) external view returns (uint256[] memory);
    function getVault(uint256 id) external view returns (VaultData memory);

    /* RISK ADMIN ONLY: each setter enforces the hard bounds itself (RiskBoundsLib) */

    /// @notice Lists `asset` as collateral, or changes its parameters, at once.
    function setCollateral(address asset, CollateralParams calldata params) external;
    /// @notice Accrues interest, then sets the rate model.
    function setRateModel(RateModel calldata model) external;
    /// @notice Accrues interest, then sets the reserve factor (WAD) and the flash-loan fee (bps).
    function setFees(uint256 reserveFactor, uint256 flashFeeBps) external;
    /// @notice Pauses (or resumes) new borrows; repay, withdraw, deposit and liquidation keep working.
    function setBorrowPaused(bool paused) external;
    /// @notice Sends `amount` of protocol reserves to `to` (limited by reserves and by cash).
    function withdrawReserves(address to, uint256 amount) external;
}
