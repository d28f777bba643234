// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title EventsLib
/// @notice Every event KeelMarket emits besides the ERC20 / ERC4626 / Ownable ones.
library EventsLib {
    /// @notice A vault was opened.
    event VaultOpened(uint256 indexed id, address indexed owner);
    /// @notice A vault was offered to `to`; it changes owner when `to` accepts it.
    event VaultTransferOffered(uint256 indexed id, address indexed from, address indexed to);
    /// @notice A vault changed owner.
    event VaultTransferred(uint256 indexed id, address indexed from, address indexed to);
    /// @notice An owner approved or revoked an operator for all its vaults in this market.
    event OperatorSet(address indexed owner, address indexed operator, bool approved);
    /// @notice Collateral was added to a vault.
    event CollateralDeposited(uint256 indexed id, address indexed caller, address indexed asset, uint256 amount);
    /// @notice Collateral left a vault.
    event CollateralWithdrawn(
        uint256 indexed id, address indexed caller, address indexed asset, uint256 amount, address receiver
    );
    /// @notice A vault borrowed base assets.
    event Borrowed(uint256 indexed id, address indexed caller, address indexed receiver, uint256 assets, uint256 shares);
    /// @notice Debt of a vault was repaid.
    event Repaid(uint256 indexed id, address indexed caller, uint256 assets, uint256 shares);
    /// @notice A vault was liquidated.
    event Liquidated(
        uint256 indexed id,
        address indexed liquidator,
        address indexed asset,
        uint256 repaid,
        uint256 seized,
        uint256 discount
    );
    /// @notice Debt left in a vault without collateral was written off against lenders.
    event BadDebt(uint256 indexed id, uint256 amount);
    /// @notice Interest accrued on total borrows; `reserves` is the part credited to protocol reserves.
    event InterestAccrued(uint256 borrowRate, uint256 interest, uint256 reserves);
    /// @notice A collateral was listed.
    event CollateralListed(address indexed asset, uint256 ltv, uint256 liquidationThreshold, uint256 maxDiscount, uint256 supplyCap);
    /// @notice A listed collateral's parameters changed.
    event CollateralParamsSet(
        address indexed asset, uint256 ltv, uint256 liquidationThreshold, uint256 maxDiscount, uint256 supplyCap
    );
    /// @notice The rate model changed.
    event RateModelSet(uint256 baseRate, uint256 slope1, uint256 slope2, uint256 kink);
    /// @notice The reserve factor or flash fee changed.
    event FeesSet(uint256 reserveFactor, uint256 flashFeeBps);
    /// @notice Borrowing was paused or resumed by the risk admin.
    event BorrowPausedSet(bool paused);
    /// @notice Protocol reserves were withdrawn.
    event ReservesWithdrawn(address indexed to, uint256 amount);
    /// @notice A flash loan was served.
    event FlashLoan(address indexed receiver, address indexed initiator, uint256 amount, uint256 fee);
}
