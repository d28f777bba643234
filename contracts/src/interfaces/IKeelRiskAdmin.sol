// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice What a pending risk change would set.
/// Collateral: market, asset; values = [ltv, liquidationThreshold, maxDiscount, supplyCap] (lists the asset if it is
/// not yet listed). RateModel: market; values = [baseRate, slope1, slope2, kink]. Fees: market; values =
/// [reserveFactor, flashFeeBps, 0, 0]. Feed: asset; values = [feed address, heartbeat, minAnswer, maxAnswer] (bounds in
/// the feed's units). Guardian: asset = the new guardian (zero removes it). Delay: values = [new delay, 0, 0, 0].
/// Reputation: market, asset = the new reputation source (an IKeelReputation; zero removes it).
enum ChangeKind {
    Collateral,
    RateModel,
    Fees,
    Feed,
    Guardian,
    Delay,
    Reputation
}

/// @notice A risk change waiting for its delay: executable from `executableAt` to `expiresAt` (inclusive), then void.
struct PendingChange {
    uint256 id;
    ChangeKind kind;
    address market;
    address asset;
    uint64 executableAt;
    uint64 expiresAt;
    uint256[4] values;
}
