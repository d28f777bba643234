// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ErrorsLib
/// @notice Every custom error KeelMarket raises (oracle errors — StalePrice, PriceOutOfBounds, NonPositivePrice,
/// IncompleteRound, PriceFromFuture, FeedCallFailed, NoFeed — bubble up unchanged from KeelOracle).
library ErrorsLib {
    /// @notice The caller is neither the vault's owner nor one of its operators (or not the owner, for transfers).
    error Unauthorized(uint256 id, address caller);
    /// @notice No vault has this id in this market.
    error VaultNotFound(uint256 id);
    /// @notice An amount that must be positive is zero.
    error ZeroAmount();
    /// @notice An address that must be set is zero.
    error ZeroAddress();
    /// @notice The asset is not a listed collateral of this market.
    error NotListed(address asset);
    /// @notice The asset cannot be collateral here (zero, the base asset, or this market's share token).
    error InvalidCollateral(address asset);
    /// @notice The market already lists the maximum number of collaterals.
    error TooManyCollaterals();
    /// @notice The token reports more decimals than the engine supports (36).
    error InvalidDecimals(address asset, uint8 decimals);
    /// @notice Collateral parameters outside hard bounds (LTV < LT ≤ MAX_LT, MIN_DISCOUNT ≤ discount ≤ MAX_DISCOUNT).
    error InvalidCollateralParams(uint256 ltv, uint256 liquidationThreshold, uint256 maxDiscount);
    /// @notice Rate model outside hard bounds (0 < kink < 1, max rate ≤ MAX_BORROW_RATE).
    error InvalidRateModel();
    /// @notice Fees outside hard bounds (reserve factor ≤ MAX_RESERVE_FACTOR, flash fee ≤ MAX_FLASH_FEE_BPS).
    error InvalidFees(uint256 reserveFactor, uint256 flashFeeBps);
    /// @notice The risk delay is outside [MIN_RISK_DELAY, MAX_RISK_DELAY].
    error InvalidRiskDelay(uint256 delay);
    /// @notice Immediate listing is only allowed while the market has no debt; use proposeCollateral.
    error MarketHasDebt();
    /// @notice The module given to a market's constructor was deployed for another oracle, base asset or risk delay.
    error InvalidModule(address module);
    /// @notice No pending risk change has this id.
    error ChangeNotFound(uint256 changeId);
    /// @notice The pending change's delay has not elapsed.
    error ChangeNotReady(uint256 changeId, uint256 executableAt);
    /// @notice The deposit would take the market's total of this collateral above its supply cap.
    error SupplyCapExceeded(address asset, uint256 total, uint256 cap);
    /// @notice The vault holds less of the asset than asked for.
    error InsufficientCollateral(uint256 id, address asset, uint256 balance, uint256 amount);
    /// @notice The market has less cash than asked for.
    error InsufficientLiquidity(uint256 requested, uint256 available);
    /// @notice The reserves (or the cash backing them) are below the amount asked for.
    error InsufficientReserves(uint256 requested, uint256 available);
    /// @notice After the action the vault's debt value exceeds Σ collateral value × LTV.
    error ExceedsLtv(uint256 id, uint256 borrowLimitValue, uint256 debtValue);
    /// @notice The vault's health factor is not below 1.
    error NotLiquidatable(uint256 id, uint256 healthFactor);
    /// @notice The vault has no debt to repay.
    error NothingToRepay(uint256 id);
    /// @notice A deeply underwater vault must have its whole balance of the asset seized; repayAmount is below that.
    error RepayBelowRequired(uint256 repayAmount, uint256 required);
    /// @notice Seizing this collateral would lower the vault's health factor while another collateral it holds would
    /// raise it: liquidate that one first.
    error LiquidationLowersHealth(uint256 id, address asset);
    /// @notice The collateral seized is below the liquidator's minimum.
    error SeizedBelowMin(uint256 seized, uint256 minSeized);
    /// @notice The vault's health check is deferred to the end of the current batch; it cannot be liquidated in it.
    error VaultCheckPending(uint256 id);
    /// @notice A state-changing call re-entered the market.
    error Reentrancy();
    /// @notice A flash loan is already in progress.
    error FlashLoanActive();
    /// @notice Flash loans are only offered in the base asset.
    error UnsupportedToken(address token);
    /// @notice The flash borrower did not return the ERC-3156 magic value.
    error FlashCallbackFailed();
    /// @notice After a transfer in, the market's balance no longer covers what it records for the token: it received
    /// less than `expected` (fee-on-transfer or rebasing token); `received` is `expected` minus the uncovered shortfall.
    error TransferAmountMismatch(address token, uint256 expected, uint256 received);
}
