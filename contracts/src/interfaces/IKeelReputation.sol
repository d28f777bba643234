// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IKeelReputation
/// @notice What a KeelMarket asks of its reputation source (the risk admin points a market at one, through its delay):
/// the LTV bonus an account's attested record earns now. The market adds it to each collateral's LTV in the borrow and
/// withdraw checks only, and never lets a collateral's LTV pass halfway from its LTV to its liquidation threshold; the
/// liquidation threshold and the health factor never see it.
interface IKeelReputation {
    /// @notice LTV bonus (WAD, ≤ the source's cap) the attested record of `account` earns now: zero without a record,
    /// once it expired, or once its attester revoked it.
    function ltvBonus(address account) external view returns (uint256);
}
