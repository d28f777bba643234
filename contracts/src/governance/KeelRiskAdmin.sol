// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {IKeelMarket, RateModel, CollateralParams, CollateralInfo} from "../interfaces/IKeelMarket.sol";
import {ChangeKind, PendingChange} from "../interfaces/IKeelRiskAdmin.sol";
import {RiskBoundsLib} from "../libraries/RiskBoundsLib.sol";

/// @title KeelRiskAdmin
/// @notice The one home of Keel's risk administration. It owns the oracle (it deploys it) and is every market's
/// `riskAdmin`, so listings, collateral parameters, rate models, fees, price feeds, reserves, the delay and the guardian
/// change only through here.
/// Rules. Every change that can move a price or weaken a market is proposed, waits `delay`, and is executable for
/// GRACE_PERIOD after that, then expires; pending changes are public (`pendingChanges`). Immediate actions are only
/// those that move no price and weaken nothing lenders rely on: a feed for an asset that has none, a listing in a
/// market nobody has supplied to yet, the first guardian, reserve withdrawals (reserves are not lenders' assets), and
/// the emergency pause of borrowing. The markets enforce the hard bounds of every parameter themselves.
/// Emergency: the owner or the guardian can pause borrowing in a market at once and cancel any pending change; only the
/// owner can resume borrowing (at once: resuming restores the state the delayed parameters define and moves no price).
contract KeelRiskAdmin is Ownable2Step {
    /// @notice Shortest allowed delay.
    uint256 public constant MIN_DELAY = 1 days;
    /// @notice Longest allowed delay.
    uint256 public constant MAX_DELAY = 30 days;
    /// @notice How long a change stays executable after its delay; past it the change expires (ChangeExpired).
    uint256 public constant GRACE_PERIOD = 14 days;
    /// @notice The wait of a steward change that only lowers LTV and/or LT (it makes the market safer).
    uint256 public constant SAFER_DELAY = 6 hours;
    /// @notice Largest move of LTV or LT in one steward change (5 points), whoever holds the role: the steward's own
    /// contract may bound itself tighter, but the role is never wider than this.
    uint256 public constant STEWARD_MAX_STEP = 0.05e18;

    /// @notice The oracle every market administered here prices with; deployed by, and owned by, this contract.
    KeelOracle public immutable oracle;
    /// @notice Delay between proposing and executing a change.
    uint256 public delay;
    /// @notice Account that may pause borrowing and cancel pending changes (zero: none).
    address public guardian;
    /// @notice Whether `market` is administered here (added by `addMarket`).
    mapping(address market => bool) public isMarket;

    /// @notice Account that may propose LTV/LT changes of listed collaterals and execute its own (zero: none); its step
    /// and rate bounds are KeelRiskSteward's.
    address public steward;
    /// @notice When the steward's authority starts: `delay` after its appointment once a market is in use.
    uint256 public stewardActiveAt;
    /// @notice The steward that proposed pending or past change `changeId` (zero: not a steward change). Only that
    /// steward, while it is the steward, or the owner may execute it.
    mapping(uint256 changeId => address) public stewardChangeBy;
    /// @notice Whether steward change `changeId` was proposed as safer (neither LTV nor LT rises) and so waits only
    /// SAFER_DELAY: it must still be safer against the values in force when it executes.
    mapping(uint256 changeId => bool) public stewardChangeSafer;

    address[] internal _markets;
    uint256 internal _lastChangeId;
    PendingChange[] internal _pending;

    /// @notice Thrown when the caller is neither the owner nor the guardian.
    error NotOwnerOrGuardian(address caller);
    /// @notice Thrown when a delay is outside [MIN_DELAY, MAX_DELAY].
    error InvalidDelay(uint256 delay);
    /// @notice Thrown when an address that must be set is zero.
    error ZeroAddress();
    /// @notice Thrown when `market` is not administered here.
    error UnknownMarket(address market);
    /// @notice Thrown by `addMarket` when the market's risk admin is not this contract or its oracle is not ours.
    error MarketNotOurs(address market);
    /// @notice Thrown by `addMarket` when the market is already administered here.
    error MarketAlreadyAdded(address market);
    /// @notice Thrown by `listCollateral` once anyone has supplied to (or borrowed from) the market: use the delay.
    error MarketInUse(address market);
    /// @notice Thrown by `setFeed` when the asset already has a feed: replacing it goes through `proposeFeed`.
    error FeedAlreadySet(address asset);
    /// @notice Thrown by `setGuardian` when a guardian is already set: replacing it goes through `proposeGuardian`.
    error GuardianAlreadySet(address guardian);
    /// @notice Thrown when no pending change has this id.
    error ChangeNotFound(uint256 changeId);
    /// @notice Thrown when the change's delay has not elapsed.
    error ChangeNotReady(uint256 changeId, uint256 executableAt);
    /// @notice Thrown when the change's execution window has passed; it can only be cancelled.
    error ChangeExpired(uint256 changeId, uint256 expiresAt);
    /// @notice Thrown when the caller is not the steward, or its authority has not started yet (`activeAt`).
    error NotSteward(address caller, uint256 activeAt);
    /// @notice Thrown when a steward change would move LTV or LT from `current` to `proposed`, more than `maxStep`.
    error StewardStepTooLarge(uint256 current, uint256 proposed, uint256 maxStep);
    /// @notice Thrown when steward change `changeId`, proposed as safer (shorter wait), would now raise LTV or LT.
    error StewardChangeNoLongerSafer(uint256 changeId);

    /// @notice A market was put under this risk admin.
    event MarketAdded(address indexed market);
    /// @notice A change was proposed; executable from `executableAt` to `expiresAt`.
    event ChangeProposed(
        uint256 indexed changeId,
        ChangeKind kind,
        address indexed market,
        address indexed asset,
        uint256[4] values,
        uint256 executableAt,
        uint256 expiresAt
    );
    /// @notice A pending change was applied.
    event ChangeExecuted(uint256 indexed changeId);
    /// @notice A pending change was dropped (by the owner, the guardian, or anyone once expired).
    event ChangeCancelled(uint256 indexed changeId, address indexed by);
    /// @notice The guardian changed.
    event GuardianSet(address indexed guardian);
    /// @notice The delay changed (for changes proposed from now on).
    event DelaySet(uint256 delay);
    /// @notice The steward changed (zero: removed); it may act from `activeAt`.
    event StewardSet(address indexed steward, uint256 activeAt);
    /// @notice Borrowing in `market` was paused or resumed by `by`.
    event BorrowPauseSet(address indexed market, bool paused, address indexed by);

    /// @param owner_ The governance account (two-step ownership).
    /// @param delay_ The delay of every change, in [MIN_DELAY, MAX_DELAY].
    constructor(address owner_, uint256 delay_) Ownable(owner_) {
        _checkDelay(delay_);
        delay = delay_;
        oracle = new KeelOracle(address(this));
        emit DelaySet(delay_);
    }

    modifier onlyOwnerOrGuardian() {
        if (msg.sender != owner() && msg.sender != guardian) {
            revert NotOwnerOrGuardian(msg.sender);
        }
        _;
    }

    modifier knownMarket(address market) {
        if (!isMarket[market]) revert UnknownMarket(market);
        _;
    }

    /* MARKETS */

    /// @notice Puts `market` (deployed with this contract as its `riskAdmin` and our oracle) under this risk admin.
    /// Immediate: a market only becomes usable once it lists collateral, which follows the rules below.
    function addMarket(address market) external onlyOwner {
        if (isMarket[market]) revert MarketAlreadyAdded(market);
        if (IKeelMarket(market).riskAdmin() != address(this) || address(_oracleOf(market)) != address(oracle)) {
            revert MarketNotOurs(market);
        }
        isMarket[market] = true;
        _markets.push(market);
        emit MarketAdded(market);
    }

    /// @notice The markets administered here, in the order they were added.
    function markets() external view returns (address[] memory) {
        return _markets;
    }

    /* IMMEDIATE ACTIONS (none can move a price or weaken a market lenders are in) */

    /// @notice Lists `asset` in `market` or changes its parameters at once: only while nobody has supplied to the
    /// market and it has no debt (its set-up). Afterwards every collateral change goes through `proposeCollateral`.
    function listCollateral(address market, address asset, CollateralParams calldata params)
        external
        onlyOwner
        knownMarket(market)
    {
        if (IKeelMarket(market).totalSupplyShares() != 0 || IKeelMarket(market).totalBorrowShares() != 0) {
            revert MarketInUse(market);
        }
        IKeelMarket(market).setCollateral(asset, params);
    }

    /// @notice Sets the feed of `asset` at once, when it has none yet (it moves no existing price). Replacing a feed or
    /// its bounds goes through `proposeFeed`. The oracle validates the feed (KeelOracle.setFeed).
    function setFeed(address asset, AggregatorV3Interface feed, uint32 heartbeat, int256 minAnswer, int256 maxAnswer)
        external
        onlyOwner
    {
        if (address(oracle.feedConfig(asset).feed) != address(0)) revert FeedAlreadySet(asset);
        oracle.setFeed(asset, feed, heartbeat, minAnswer, maxAnswer);
    }

    /// @notice Sets the first guardian at once. Replacing or removing a guardian goes through `proposeGuardian`, so a
    /// stolen owner key cannot silence the guardian before its own changes mature.
    function setGuardian(address guardian_) external onlyOwner {
        if (guardian != address(0)) revert GuardianAlreadySet(guardian);
        if (guardian_ == address(0)) revert ZeroAddress();
        guardian = guardian_;
        emit GuardianSet(guardian_);
    }

    /// @notice Appoints `steward_`. Its authority starts at once while no market is in use (set-up), otherwise after
    /// `delay`, so a stolen owner key cannot use the steward's shorter wait before the guardian can remove it.
    function setSteward(address steward_) external onlyOwner {
        if (steward_ == address(0)) revert ZeroAddress();
        uint256 activeAt = block.timestamp;
        for (uint256 i; i < _markets.length; ++i) {
            IKeelMarket m = IKeelMarket(_markets[i]);
            if (m.totalSupplyShares() != 0 || m.totalBorrowShares() != 0) {
                activeAt += delay;
                break;
            }
        }
        steward = steward_;
        stewardActiveAt = activeAt;
        emit StewardSet(steward_, activeAt);
    }

    /// @notice Removes the steward at once (owner or guardian): it only takes authority away. Its pending changes stay
    /// pending (the owner may execute them or anyone with the right cancel them).
    function removeSteward() external onlyOwnerOrGuardian {
        steward = address(0);
        stewardActiveAt = 0;
        emit StewardSet(address(0), 0);
    }

    /// @notice Sends `amount` of `market`'s protocol reserves to `to` (reserves are the protocol's, not lenders').
    function withdrawReserves(address market, address to, uint256 amount) external onlyOwner knownMarket(market) {
        IKeelMarket(market).withdrawReserves(to, amount);
    }

    /* EMERGENCY */

    /// @notice Pauses new borrows in `market` at once (owner or guardian). Moves no price and touches no collateral:
    /// repay, deposits, withdrawals within LTV and liquidation keep working.
    function pauseBorrowing(address market) external onlyOwnerOrGuardian knownMarket(market) {
        IKeelMarket(market).setBorrowPaused(true);
        emit BorrowPauseSet(market, true, msg.sender);
    }

    /// @notice Resumes borrowing in `market` (owner only, at once).
    function unpauseBorrowing(address market) external onlyOwner knownMarket(market) {
        IKeelMarket(market).setBorrowPaused(false);
        emit BorrowPauseSet(market, false, msg.sender);
    }

    /* DELAYED CHANGES */

    /// @notice Proposes listing `asset` in `market` or changing its parameters (checked against the hard bounds now).
    function proposeCollateral(address market, address asset, CollateralParams calldata params)
        external
        onlyOwner
        knownMarket(market)
        returns (uint256 changeId)
    {
        RiskBoundsLib.validateCollateral(params);
        changeId = _propose(
            ChangeKind.Collateral,
            market,
            asset,
            [uint256(params.ltv), params.liquidationThreshold, params.maxDiscount, params.supplyCap]
        );
    }

    /// @notice The steward proposes new LTV and LT for `asset`, already listed in `market` (its max discount and supply
    /// cap kept; checked against the hard bounds now). It waits SAFER_DELAY when neither rises, `delay` otherwise.
    function proposeStewardCollateral(address market, address asset, uint64 ltv, uint64 liquidationThreshold)
        external
        knownMarket(market)
        returns (uint256 changeId)
    {
        if (msg.sender != steward || block.timestamp < stewardActiveAt) {
            revert NotSteward(msg.sender, stewardActiveAt);
        }
        CollateralInfo memory cur = IKeelMarket(market).collateralInfo(asset);
        if (cur.liquidationThreshold == 0) revert IKeelMarket.NotListed(asset);
        _stewardStep(cur.ltv, ltv);
        _stewardStep(cur.liquidationThreshold, liquidationThreshold);
        CollateralParams memory p = CollateralParams(ltv, liquidationThreshold, cur.maxDiscount, cur.supplyCap);
        RiskBoundsLib.validateCollateral(p);
        bool safer = ltv <= cur.ltv && liquidationThreshold <= cur.liquidationThreshold;
        changeId = _proposeAfter(
            ChangeKind.Collateral,
            market,
            asset,
            [uint256(ltv), liquidationThreshold, cur.maxDiscount, cur.supplyCap],
            safer ? SAFER_DELAY : delay
        );
        stewardChangeBy[changeId] = msg.sender;
        stewardChangeSafer[changeId] = safer;
    }

    /// @dev Refuses a steward move of one parameter from `current` to `proposed` larger than STEWARD_MAX_STEP.
    function _stewardStep(uint256 current, uint256 proposed) internal pure {
        uint256 step = proposed > current ? proposed - current : current - proposed;
        if (step > STEWARD_MAX_STEP) revert StewardStepTooLarge(current, proposed, STEWARD_MAX_STEP);
    }

    /// @notice Proposes a new rate model for `market`.
    function proposeRateModel(address market, RateModel calldata model)
        external
        onlyOwner
        knownMarket(market)
        returns (uint256 changeId)
    {
        RiskBoundsLib.validateRateModel(model);
        changeId = _propose(
            ChangeKind.RateModel, market, address(0), [uint256(model.baseRate), model.slope1, model.slope2, model.kink]
        );
    }

    /// @notice Proposes a new reserve factor (WAD) and flash fee (bps) for `market`.
    function proposeFees(address market, uint256 reserveFactor, uint256 flashFeeBps)
        external
        onlyOwner
        knownMarket(market)
        returns (uint256 changeId)
    {
        RiskBoundsLib.validateFees(reserveFactor, flashFeeBps);
        changeId = _propose(ChangeKind.Fees, market, address(0), [reserveFactor, flashFeeBps, 0, 0]);
    }

    /// @notice Proposes setting or replacing the feed of `asset` with its heartbeat and bounds (feed units). The oracle
    /// validates it when the change is executed.
    function proposeFeed(
        address asset,
        AggregatorV3Interface feed,
        uint32 heartbeat,
        int256 minAnswer,
        int256 maxAnswer
    ) external onlyOwner returns (uint256 changeId) {
        if (address(feed) == address(0) || asset == address(0)) revert ZeroAddress();
        if (minAnswer <= 0 || maxAnswer <= minAnswer) revert KeelOracle.InvalidBounds(minAnswer, maxAnswer);
        changeId = _propose(
            ChangeKind.Feed,
            address(0),
            asset,
            [uint256(uint160(address(feed))), heartbeat, uint256(minAnswer), uint256(maxAnswer)]
        );
    }

    /// @notice Proposes a new guardian (zero removes it).
    /// @notice Points `market` at reputation source `source` at once, while nobody uses the market (no supply, no
    /// borrows): there is nobody to protect yet, as for `listCollateral`. Once in use, `proposeReputation`.
    function setReputation(address market, address source) external onlyOwner knownMarket(market) {
        if (IKeelMarket(market).totalSupplyShares() != 0 || IKeelMarket(market).totalBorrowShares() != 0) {
            revert MarketInUse(market);
        }
        IKeelMarket(market).setReputation(source);
    }

    /// @notice Proposes pointing `market` at reputation source `source` (an IKeelReputation: its attester, schema,
    /// expiry and cap decide each account's LTV bonus), after the delay. Removing one is immediate
    /// (`removeReputation`).
    function proposeReputation(address market, address source)
        external
        onlyOwner
        knownMarket(market)
        returns (uint256 changeId)
    {
        if (source == address(0)) revert ZeroAddress();
        changeId = _propose(ChangeKind.Reputation, market, source, [uint256(0), 0, 0, 0]);
    }

    /// @notice Unhooks `market`'s reputation source at once (owner or guardian): safer only, every vault back to its
    /// base LTV for new borrows and withdrawals (the response to a compromised attester).
    function removeReputation(address market) external onlyOwnerOrGuardian knownMarket(market) {
        IKeelMarket(market).setReputation(address(0));
    }

    function proposeGuardian(address guardian_) external onlyOwner returns (uint256 changeId) {
        changeId = _propose(ChangeKind.Guardian, address(0), guardian_, [uint256(0), 0, 0, 0]);
    }

    /// @notice Proposes a new delay (for changes proposed after it is executed).
    function proposeDelay(uint256 delay_) external onlyOwner returns (uint256 changeId) {
        _checkDelay(delay_);
        changeId = _propose(ChangeKind.Delay, address(0), address(0), [delay_, 0, 0, 0]);
    }

    /// @notice Applies pending change `changeId` once its delay has passed and before it expires (the owner, or the
    /// steward for its own changes). The market or the oracle checks the values again against its own hard bounds.
    function executeChange(uint256 changeId) external {
        address by = stewardChangeBy[changeId];
        if (msg.sender != owner() && (msg.sender != steward || by != msg.sender)) {
            revert OwnableUnauthorizedAccount(msg.sender);
        }
        PendingChange memory ch = _take(changeId);
        if (block.timestamp < ch.executableAt) revert ChangeNotReady(changeId, ch.executableAt);
        if (block.timestamp > ch.expiresAt) revert ChangeExpired(changeId, ch.expiresAt);
        uint256[4] memory x = ch.values;
        if (ch.kind == ChangeKind.Collateral) {
            // A steward change is bounded against the values in force now, not only those it was proposed against.
            if (by != address(0)) {
                CollateralInfo memory cur = IKeelMarket(ch.market).collateralInfo(ch.asset);
                if (stewardChangeSafer[changeId] && (x[0] > cur.ltv || x[1] > cur.liquidationThreshold)) {
                    revert StewardChangeNoLongerSafer(changeId);
                }
                _stewardStep(cur.ltv, x[0]);
                _stewardStep(cur.liquidationThreshold, x[1]);
            }
            IKeelMarket(ch.market)
                .setCollateral(ch.asset, CollateralParams(uint64(x[0]), uint64(x[1]), uint64(x[2]), uint128(x[3])));
        } else if (ch.kind == ChangeKind.RateModel) {
            IKeelMarket(ch.market).setRateModel(RateModel(uint64(x[0]), uint64(x[1]), uint64(x[2]), uint64(x[3])));
        } else if (ch.kind == ChangeKind.Fees) {
            IKeelMarket(ch.market).setFees(x[0], x[1]);
        } else if (ch.kind == ChangeKind.Feed) {
            oracle.setFeed(
                ch.asset, AggregatorV3Interface(address(uint160(x[0]))), uint32(x[1]), int256(x[2]), int256(x[3])
            );
        } else if (ch.kind == ChangeKind.Reputation) {
            IKeelMarket(ch.market).setReputation(ch.asset);
        } else if (ch.kind == ChangeKind.Guardian) {
            guardian = ch.asset;
            emit GuardianSet(ch.asset);
        } else {
            delay = x[0];
            emit DelaySet(x[0]);
        }
        emit ChangeExecuted(changeId);
    }

    /// @notice Drops pending change `changeId`: the owner or the guardian at any time, anyone once it has expired.
    function cancelChange(uint256 changeId) external {
        PendingChange memory ch = _take(changeId);
        bool expired = block.timestamp > ch.expiresAt;
        if (!expired && msg.sender != owner() && msg.sender != guardian) {
            revert NotOwnerOrGuardian(msg.sender);
        }
        emit ChangeCancelled(changeId, msg.sender);
    }

    /// @notice Every pending change (expired ones included until cancelled), with its window.
    function pendingChanges() external view returns (PendingChange[] memory) {
        return _pending;
    }

    /* INTERNAL */

    function _propose(ChangeKind kind, address market, address asset, uint256[4] memory values)
        internal
        returns (uint256 id)
    {
        id = _proposeAfter(kind, market, asset, values, delay);
    }

    function _proposeAfter(ChangeKind kind, address market, address asset, uint256[4] memory values, uint256 wait)
        internal
        returns (uint256 id)
    {
        id = ++_lastChangeId;
        uint64 eta = uint64(block.timestamp + wait);
        uint64 expiry = uint64(eta + GRACE_PERIOD);
        _pending.push(PendingChange(id, kind, market, asset, eta, expiry, values));
        emit ChangeProposed(id, kind, market, asset, values, eta, expiry);
    }

    /// @dev Removes pending change `changeId` and returns it (a caller that reverts afterwards restores it).
    function _take(uint256 changeId) internal returns (PendingChange memory ch) {
        uint256 n = _pending.length;
        for (uint256 i; i < n; ++i) {
            if (_pending[i].id == changeId) {
                ch = _pending[i];
                _pending[i] = _pending[n - 1];
                _pending.pop();
                return ch;
            }
        }
        revert ChangeNotFound(changeId);
    }

    function _checkDelay(uint256 delay_) internal pure {
        if (delay_ < MIN_DELAY || delay_ > MAX_DELAY) revert InvalidDelay(delay_);
    }

    function _oracleOf(address market) internal view returns (address) {
        return IOracleOf(market).oracle();
    }
}

/// @dev The market's `oracle()` getter, read as an address.
interface IOracleOf {
    function oracle() external view returns (address);
}
