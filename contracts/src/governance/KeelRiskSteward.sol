// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelRiskAdmin} from "./KeelRiskAdmin.sol";
import {IKeelMarket, CollateralInfo} from "../interfaces/IKeelMarket.sol";
import {ChangeKind, PendingChange} from "../interfaces/IKeelRiskAdmin.sol";

/// @notice What the risk model saw when it recommended a change (lib/risk-model): recorded with the change, never
/// trusted for anything on-chain. WAD ratios except `liquidationSeconds`.
struct StewardInputs {
    uint64 volatility; // annualised EWMA volatility of the collateral
    uint64 liquidationSeconds; // time the keeper takes to clear the market's liquidations
    uint64 priceImpact; // price impact of selling the market's largest positions into the pool
    uint64 insolvencyOdds; // odds that a position at the proposed LT turns insolvent before it is liquidated
}

/// @notice One steward change: the LTV and LT it moves from and to, its window and the model's inputs.
struct StewardChange {
    uint256 changeId; // the risk admin's change id
    address market;
    address asset;
    uint64 fromLtv;
    uint64 fromLt;
    uint64 toLtv;
    uint64 toLt;
    uint64 proposedAt;
    uint64 executableAt;
    uint64 expiresAt;
    uint64 executedAt; // zero until executed
    StewardInputs inputs;
}

/// @title KeelRiskSteward
/// @notice Bounded authority over KeelRiskAdmin: its agent may move a listed collateral's LTV and LT by at most
/// `maxStep` per change, at most once per `minInterval` per collateral (counted from its last proposal or execution),
/// with one change per collateral pending at a time (the owner's included), only through the risk admin's pending-change
/// delay (SAFER_DELAY when neither rises) and never beyond the hard bounds (the risk admin checks RiskBoundsLib when
/// proposing, the market again when executing). The bounds are immutable; the risk admin's owner sets the agent and
/// removes the steward from the risk admin.
contract KeelRiskSteward {
    /// @notice Largest allowed `maxStep` (5 points).
    uint256 public constant MAX_STEP_BOUND = 0.05e18;
    /// @notice Shortest allowed `minInterval`.
    uint256 public constant MIN_INTERVAL_BOUND = 1 days;

    /// @notice The risk admin this steward proposes through.
    KeelRiskAdmin public immutable riskAdmin;
    /// @notice Largest move of LTV and of LT in one change (WAD, 0.03e18 = 3 points).
    uint256 public immutable maxStep;
    /// @notice Shortest time between two actions (proposal or execution) on one collateral.
    uint256 public immutable minInterval;
    /// @notice The account that may propose (the steward agent); zero: nobody.
    address public agent;
    /// @notice Last proposal or execution on a collateral (keyed by market and asset).
    mapping(address market => mapping(address asset => uint256)) public lastActionAt;

    StewardChange[] internal _changes;
    mapping(uint256 changeId => uint256) internal _indexOf; // index + 1

    /// @notice Thrown by the constructor when a bound is zero, too loose or the risk admin is missing.
    error InvalidStewardConfig(uint256 maxStep, uint256 minInterval);
    /// @notice Thrown when the caller is not the risk admin's owner.
    error NotGovernance(address caller);
    /// @notice Thrown when the caller is not the steward's agent.
    error NotAgent(address caller);
    /// @notice Thrown when LTV or LT would move by more than `maxStep` from its current value.
    error StepTooLarge(uint256 current, uint256 proposed, uint256 maxStep);
    /// @notice Thrown when the collateral's last steward action was less than `minInterval` ago.
    error TooSoon(uint256 nextAt);
    /// @notice Thrown when a change of this collateral is already pending in the risk admin (the owner's or ours).
    error ChangePending(uint256 changeId);
    /// @notice Thrown when a proposal would change neither LTV nor LT.
    error NothingToChange();
    /// @notice Thrown when `changeId` is not a pending change of this steward.
    error UnknownStewardChange(uint256 changeId);
    /// @notice Thrown when the collateral's max discount or supply cap moved since the change was proposed: executing it
    /// would undo the owner's change (cancel it and propose again).
    error CollateralChangedSince(uint256 changeId);

    /// @notice `agent` may now propose (zero: nobody).
    event AgentSet(address indexed agent);
    /// @notice The steward proposed `changeId` with the model's inputs.
    event StewardProposed(
        uint256 indexed changeId,
        address indexed market,
        address indexed asset,
        uint256 fromLtv,
        uint256 fromLt,
        uint256 toLtv,
        uint256 toLt,
        StewardInputs inputs
    );
    /// @notice The steward's change `changeId` was applied.
    event StewardExecuted(uint256 indexed changeId);

    /// @param riskAdmin_ The risk admin to propose through (the steward must then be appointed there).
    /// @param maxStep_ Largest LTV or LT move per change, WAD, in (0, MAX_STEP_BOUND].
    /// @param minInterval_ Shortest time between actions on one collateral, at least MIN_INTERVAL_BOUND.
    /// @param agent_ The first agent (zero: none yet).
    constructor(KeelRiskAdmin riskAdmin_, uint256 maxStep_, uint256 minInterval_, address agent_) {
        if (
            address(riskAdmin_) == address(0) || maxStep_ == 0 || maxStep_ > MAX_STEP_BOUND
                || minInterval_ < MIN_INTERVAL_BOUND
        ) revert InvalidStewardConfig(maxStep_, minInterval_);
        riskAdmin = riskAdmin_;
        maxStep = maxStep_;
        minInterval = minInterval_;
        agent = agent_;
        emit AgentSet(agent_);
    }

    /// @notice Sets the agent (the risk admin's owner only); zero stops all proposals.
    function setAgent(address agent_) external {
        if (msg.sender != riskAdmin.owner()) revert NotGovernance(msg.sender);
        agent = agent_;
        emit AgentSet(agent_);
    }

    /// @notice Proposes LTV `ltv` and LT `lt` for `asset` in `market` through the risk admin (agent only), with the risk
    /// model's `inputs`. An expired pending change of this collateral is cleared first.
    function propose(address market, address asset, uint64 ltv, uint64 lt, StewardInputs calldata inputs)
        external
        returns (uint256 changeId)
    {
        if (msg.sender != agent) revert NotAgent(msg.sender);
        uint256 next = lastActionAt[market][asset] + minInterval;
        if (lastActionAt[market][asset] != 0 && block.timestamp < next) revert TooSoon(next);
        _clearPending(market, asset);
        CollateralInfo memory cur = IKeelMarket(market).collateralInfo(asset);
        if (ltv == cur.ltv && lt == cur.liquidationThreshold) revert NothingToChange();
        _checkStep(cur.ltv, ltv);
        _checkStep(cur.liquidationThreshold, lt);
        changeId = riskAdmin.proposeStewardCollateral(market, asset, ltv, lt);
        lastActionAt[market][asset] = block.timestamp;
        (uint64 eta, uint64 expiry) = _windowOf(changeId);
        _changes.push(
            StewardChange(
                changeId,
                market,
                asset,
                cur.ltv,
                cur.liquidationThreshold,
                ltv,
                lt,
                uint64(block.timestamp),
                eta,
                expiry,
                0,
                inputs
            )
        );
        _indexOf[changeId] = _changes.length;
        emit StewardProposed(changeId, market, asset, cur.ltv, cur.liquidationThreshold, ltv, lt, inputs);
    }

    /// @notice Executes the steward's change `changeId` once its wait is over (anyone). Refused when LTV or LT would now
    /// move by more than `maxStep` (the owner changed them since) or the max discount or supply cap moved.
    function execute(uint256 changeId) external {
        uint256 i = _indexOf[changeId];
        if (i == 0 || _changes[i - 1].executedAt != 0) revert UnknownStewardChange(changeId);
        StewardChange storage c = _changes[i - 1];
        CollateralInfo memory cur = IKeelMarket(c.market).collateralInfo(c.asset);
        _checkStep(cur.ltv, c.toLtv);
        _checkStep(cur.liquidationThreshold, c.toLt);
        uint256[4] memory values = _pendingValues(changeId);
        if (values[2] != cur.maxDiscount || values[3] != cur.supplyCap) revert CollateralChangedSince(changeId);
        riskAdmin.executeChange(changeId);
        c.executedAt = uint64(block.timestamp);
        lastActionAt[c.market][c.asset] = block.timestamp;
        emit StewardExecuted(changeId);
    }

    /// @notice Every change this steward proposed, oldest first (pending, executed, cancelled or expired: compare with
    /// the risk admin's `pendingChanges`).
    function changes() external view returns (StewardChange[] memory) {
        return _changes;
    }

    /// @notice When the steward may next act on `asset` in `market` (0: now).
    function nextActionAt(address market, address asset) external view returns (uint256) {
        uint256 last = lastActionAt[market][asset];
        return last == 0 ? 0 : last + minInterval;
    }

    /* INTERNAL */

    function _checkStep(uint256 current, uint256 proposed) internal view {
        uint256 d = proposed > current ? proposed - current : current - proposed;
        if (d > maxStep) revert StepTooLarge(current, proposed, maxStep);
    }

    /// @dev Reverts with ChangePending while a collateral change of (market, asset) is pending and not expired; an
    /// expired one is cancelled (anyone may).
    function _clearPending(address market, address asset) internal {
        PendingChange[] memory all = riskAdmin.pendingChanges();
        for (uint256 i; i < all.length; ++i) {
            PendingChange memory p = all[i];
            if (p.kind != ChangeKind.Collateral || p.market != market || p.asset != asset) continue;
            if (block.timestamp <= p.expiresAt) revert ChangePending(p.id);
            riskAdmin.cancelChange(p.id);
        }
    }

    function _windowOf(uint256 changeId) internal view returns (uint64, uint64) {
        PendingChange[] memory all = riskAdmin.pendingChanges();
        for (uint256 i = all.length; i > 0; --i) {
            if (all[i - 1].id == changeId) return (all[i - 1].executableAt, all[i - 1].expiresAt);
        }
        revert UnknownStewardChange(changeId);
    }

    function _pendingValues(uint256 changeId) internal view returns (uint256[4] memory) {
        PendingChange[] memory all = riskAdmin.pendingChanges();
        for (uint256 i; i < all.length; ++i) {
            if (all[i].id == changeId) return all[i].values;
        }
        revert UnknownStewardChange(changeId);
    }
}
