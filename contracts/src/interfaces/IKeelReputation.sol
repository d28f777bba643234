// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IKeelReputation
/// @notice What a KeelMarket asks of its reputation source (the risk admin points a market at one, through its delay):
/// the LTV bonus an account's attested record earns now. The market applies it in the borrow, withdraw and vault-transfer
/// checks only, to the collaterals with an LTV above 0, and never lets the vault's limit pass halfway from its base limit
/// to their liquidation value; it honours at most 10 points whatever the answer. The liquidation threshold and the
/// health factor never see it.
interface IKeelReputation {
    /// @notice LTV bonus (WAD, ≤ the source's cap) the attested record of `account` earns now: zero without a record,
    /// once it expired, or once its attester revoked it.
    function ltvBonus(address account) external view returns (uint256);
}
