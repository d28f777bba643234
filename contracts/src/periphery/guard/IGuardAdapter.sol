// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice One position as the guard sees it, read from the protocol itself. Values are in the protocol's own unit
/// (Aave: the AaveOracle's base currency; Morpho: the loan token; Keel: the oracle's USD), scaled to WAD.
struct Snapshot {
    address owner; // who owns the position now
    bool mayWithdraw; // the owner lets the adapter repay-and-withdraw (deleverage, close)
    bool mayBorrow; // the owner lets the adapter borrow on its behalf (boost)
    uint256 collateral; // the rule's collateral held, token units
    uint256 debt; // the rule's debt asset owed, token units (accrued to now)
    uint256 colPrice; // value of one whole collateral token (WAD), the protocol's oracle
    uint256 debtPrice; // value of one whole debt token (WAD), the protocol's oracle
    uint256 colScale; // 10 ** collateral decimals
    uint256 debtScale; // 10 ** debt decimals
    uint256 lt; // liquidation threshold of the collateral in force for the owner (WAD)
    uint256 collateralValue; // every collateral of the account (WAD value)
    uint256 liqValue; // every collateral weighted by its liquidation threshold (WAD value)
    uint256 debtValue; // every debt of the account (WAD value)
    uint256 flashFeeBps; // the flash lender's fee on the debt asset
}

/// @title IGuardAdapter
/// @notice One lending protocol behind one interface, so `KeelAutomation` holds every rule and every bound once. An
/// adapter reads a position from the protocol and performs the three movements a rule may order — each in one
/// transaction with a flash loan and the swap adapter — only when called by its guard. The owner's authorisation
/// (Aave credit delegation + aToken allowance, Morpho `setAuthorization`, Keel operator) goes to the adapter.
/// `position` is the protocol's key, ABI-encoded: Aave `(owner, collateral, debtAsset)`, Morpho `(owner, marketId)`,
/// Keel `(market, vaultId, collateral)`, exactly (no trailing bytes; `NonCanonicalPosition` otherwise).
interface IGuardAdapter {
    /// @notice Thrown when anyone but the guard asks for a movement.
    error NotGuard(address caller);
    /// @notice Thrown when a flash-loan callback comes from anyone but the lender this adapter is borrowing from.
    error UntrustedCallback(address caller, address initiator);
    /// @notice Thrown when the protocol's price for `asset` is older than the adapter's bound (`updatedAt`).
    error StaleProtocolPrice(address asset, uint256 updatedAt);
    /// @notice Thrown when the protocol's price for `asset` is zero.
    error NoProtocolPrice(address asset);
    /// @notice Thrown when `position` is not exactly the ABI encoding of the adapter's key (`expected` bytes): one
    /// position has one key, so a rule cannot be copied under another spelling of it.
    error NonCanonicalPosition(uint256 length, uint256 expected);

    /// @notice The position now, at the protocol's oracle prices.
    function snapshot(bytes calldata position) external view returns (Snapshot memory);

    /// @notice Brings the position's interest to now (Morpho `accrueInterest`; a no-op where reads already accrue).
    function accrue(bytes calldata position) external;

    /// @notice Flash-borrows `repay` of the debt asset, repays it for the owner, withdraws `sell` collateral, sells it
    /// for at least `minOut`, repays the loan, pays `fee` to `feeTo` and every other debt token to the owner.
    /// @return toOwner Debt tokens sent to the owner.
    function deleverage(
        bytes calldata position,
        uint256 repay,
        uint256 sell,
        uint256 minOut,
        uint256 fee,
        address feeTo
    ) external returns (uint256 toOwner);

    /// @notice Repays all of the debt asset, withdraws all of the collateral, sells at most `maxSell` of it for exactly
    /// the loan + its fee + `fee`, pays `fee` to `feeTo` and returns the rest of the collateral to the owner.
    /// @return sold Collateral sold. @return colToOwner Collateral returned. @return debtToOwner Debt tokens returned.
    function close(bytes calldata position, uint256 maxSell, uint256 fee, address feeTo)
        external
        returns (uint256 sold, uint256 colToOwner, uint256 debtToOwner);

    /// @notice Flash-borrows `amount` of the debt asset, buys at least `minColOut` collateral, supplies it for the
    /// owner, borrows the loan + its fee + `fee` on the owner's behalf and pays `fee` to `feeTo`.
    /// @return bought Collateral supplied for the owner.
    function boost(bytes calldata position, uint256 amount, uint256 minColOut, uint256 fee, address feeTo)
        external
        returns (uint256 bought);
}
