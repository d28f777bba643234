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

/// @notice What a pending risk change would set.
/// Collateral: values = [ltv, liquidationThreshold, maxDiscount, supplyCap] (lists the asset if it is not yet listed).
/// RateModel: values = [baseRate, slope1, slope2, kink]. Fees: values = [reserveFactor, flashFeeBps, 0, 0].
enum ChangeKind {
    Collateral,
    RateModel,
    Fees
}

/// @notice A risk change waiting for its delay.
struct PendingChange {
    uint256 id;
    ChangeKind kind;
    address asset;
    uint64 executableAt;
    uint256[4] values;
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
    function pendingChanges() external view returns (PendingChange[] memory);
    function vaultsOf(address owner) external view returns (uint256[] memory);
    function getVault(uint256 id) external view returns (VaultData memory);
}
