// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IGuardAdapter, Snapshot} from "./IGuardAdapter.sol";
import {MathLib, WAD} from "../../libraries/MathLib.sol";
import {HealthLib} from "../../libraries/HealthLib.sol";

/// @title KeelAutomation
/// @notice One guard for positions on every protocol (Keel, Aave v3, Morpho Blue), each behind an `IGuardAdapter`.
/// A position's owner authorises the protocol's adapter and sets rules; anyone may execute a rule whose condition holds
/// at the protocol's own oracle prices, for a fee the owner capped.
/// - Deleverage: health factor below `trigger` → sell collateral and repay until the health factor is `target`.
/// - StopLoss: collateral price (in the debt asset) at or below `trigger` → repay all the debt, return the rest.
/// - TakeProfit: collateral price at or above `trigger` → close (`target` 0) or sell and repay to health `target`.
/// - Boost: health factor above `trigger` → borrow, buy collateral and supply it until the health factor is `target`
///   (never on a position without debt: its owner is exiting, not levered).
/// - TrailingStop: price at or below the highest price recorded less `trailBps` → close. The high-water mark is
///   recorded only from the adapter's oracle read (`poke`, by anyone, and every `execute`), never from a caller.
/// No rule fires while the position holds less than its `minCollateral` of the collateral, nor after its `validUntil`.
/// @dev A rule is bound to the position's key, which a position closed and reopened by hand keeps (Aave and Morpho keys
/// are the owner's; a Keel vault can be reused). The guard clears the rules of an empty position it sees (`poke`,
/// `execute`), but nothing on chain tells it about an unwind and reopen between two looks, and the protocols expose no
/// position nonce to bind to. So every rule carries an owner-set expiry (at most `MAX_RULE_LIFETIME`): a forgotten rule
/// stops firing on its own, the window of the residual case is bounded by the owner's choice, and the app shows it.
/// @dev Trust model: executors are untrusted. The guard checks the condition at oracle prices, computes every amount
/// from oracle prices and the protocol's liquidation thresholds, bounds each swap against the oracle price with the
/// owner's slippage bound, caps the fee, and after the movement re-reads the position: the target health factor is
/// reached (within TARGET_TOLERANCE), a close leaves no debt and no collateral, and the owner's value (collateral −
/// debt + what was returned) fell by at most the fee, the flash fee and the slippage bound on what was swapped.
contract KeelAutomation is ReentrancyGuardTransient {
    using MathLib for uint256;

    enum Kind {
        Deleverage,
        StopLoss,
        TakeProfit,
        Boost,
        TrailingStop
    }

    /// @notice What the owner chooses. `trigger`: health factor (Deleverage, Boost) or price of one collateral token in
    /// debt tokens (StopLoss, TakeProfit), WAD; TrailingStop: 0. `target`: health factor to reach (Deleverage, Boost,
    /// TakeProfit reduce) or 0 (close). `trailBps`: TrailingStop's distance below the high. `minCollateral`: collateral
    /// units under which the rule cannot fire. `validUntil`: the last second (unix time) the rule may fire; after it the
    /// rule stays stored (so it can be read, paused, removed or set again) but never fires.
    struct Params {
        uint256 trigger;
        uint256 target;
        uint256 trailBps;
        uint256 minCollateral;
        uint256 maxSlippageBps;
        uint256 maxFeeBps;
        uint256 validUntil;
    }

    struct Rule {
        address owner; // the position's owner when set; the rule lapses if it changes
        uint16 maxSlippageBps;
        uint16 maxFeeBps;
        uint16 trailBps;
        bool paused;
        uint40 setAt; // when the rule was set (block timestamp)
        uint128 trigger;
        uint128 target;
        uint128 minCollateral;
        uint128 high; // TrailingStop: highest oracle price recorded (WAD)
        uint40 validUntil; // the last second the rule may fire
    }

    /// @notice Why a rule whose condition holds could not fire now (None: it can).
    enum Blocker {
        None,
        Paused,
        OwnerChanged,
        NotAuthorised,
        BelowMinimum,
        Expired
    }

    /// @notice What executing a rule would do now, at the protocol's oracle prices.
    struct Plan {
        bool triggered; // the condition holds now
        Blocker blocker; // what would stop it even so
        uint256 observed; // health factor or price (WAD)
        uint256 level; // the level it is compared with (TrailingStop: the stop price from the high)
        bool close; // repays everything and returns the rest
        uint256 sell; // collateral sold (close: at most)
        uint256 repay; // debt repaid
        uint256 borrow; // Boost: flash-borrowed and swapped into collateral
        uint256 fee; // executor fee, debt units
        uint256 minOut; // least the swap must return (debt units; Boost: collateral units)
        uint256 flashFee; // the lender's fee (rounded up)
    }

    /// @notice Highest executor fee any rule may allow: 1% of the debt repaid (Boost: of the amount borrowed).
    uint256 public constant MAX_FEE_BPS = 100;
    /// @notice Widest slippage bound any rule may allow: 5% below the oracle price.
    uint256 public constant MAX_SLIPPAGE_BPS = 500;
    /// @notice Widest trailing distance: 50% below the high.
    uint256 public constant MAX_TRAIL_BPS = 5000;
    /// @notice Highest target health factor.
    uint256 public constant MAX_TARGET = 5e18;
    /// @notice Lowest health factor a Boost may aim for.
    uint256 public constant MIN_BOOST_TARGET = 1.05e18;
    /// @notice Relative rounding allowed on the target health factor after a movement (1e-4).
    uint256 public constant TARGET_TOLERANCE = 1e14;
    /// @notice Margin between the health factors of a position's rules that move it in opposite directions (5%):
    /// a Boost's trigger must exceed the Deleverage target and a reducing TakeProfit's target by this much, and its
    /// target must exceed the Deleverage trigger by this much, so neither rule can re-arm the other.
    uint256 public constant RULE_GAP = 1.05e18;
    /// @notice Longest a rule may stay valid after it is set: 365 days.
    uint256 public constant MAX_RULE_LIFETIME = 365 days;
    uint256 internal constant BPS = 10_000;

    mapping(bytes32 key => Rule) internal _rules;
    /// @notice Block in which the guard last moved a position (key: `keccak256(abi.encode(adapter, position))`).
    mapping(bytes32 positionKey => uint256) public lastMoved;

    /// @notice Thrown when the caller does not own the position.
    error NotPositionOwner(address owner, address caller);
    /// @notice Thrown when the position has no such rule.
    error NoRule(bytes32 key);
    /// @notice Thrown when executing a paused rule.
    error RulePaused(bytes32 key);
    /// @notice Thrown when the position changed hands since its rule was set.
    error RuleOwnerChanged(address ruleOwner, address owner);
    /// @notice Thrown when the owner has not authorised (or has revoked) the protocol's adapter.
    error NotAuthorised(address owner, address adapter);
    /// @notice Thrown when the rule's condition does not hold: `observed` vs `level`.
    error NotTriggered(uint256 observed, uint256 level);
    /// @notice Thrown when the position holds less collateral than the rule's minimum.
    error BelowMinimum(uint256 collateral, uint256 minimum);
    /// @notice Thrown when the executor asks for a fee above the rule's cap.
    error FeeAboveCap(uint256 feeBps, uint256 maxFeeBps);
    /// @notice Thrown when rule parameters are out of bounds (the message names which).
    error InvalidRule(string reason);
    /// @notice Thrown when the position holds too little collateral to reach the target (`have` < `need`).
    error TargetUnreachable(uint256 have, uint256 need);
    /// @notice Thrown when, after the movement, the health factor is not the target (protocol rounding beyond bounds).
    error TargetMissed(uint256 healthFactor, uint256 target);
    /// @notice Thrown when a close left debt or collateral in the position.
    error PositionNotClosed(uint256 debt, uint256 collateral);
    /// @notice Thrown when the owner's value fell by more than the fee, flash fee and slippage bound allow.
    error ValueLost(uint256 loss, uint256 allowed);
    /// @notice Thrown when executing a rule after its `validUntil`.
    error RuleExpired(bytes32 key, uint256 validUntil);
    /// @notice Thrown when the guard already moved this position in this block (at most one movement per block).
    error AlreadyMovedThisBlock(uint256 blockNumber);

    /// @notice Emitted when a rule is set or replaced (`position` is the adapter's key).
    event RuleSet(
        bytes32 indexed key,
        address indexed adapter,
        address indexed owner,
        Kind kind,
        bytes position,
        uint256 trigger,
        uint256 target,
        uint256 trailBps,
        uint256 minCollateral,
        uint256 maxSlippageBps,
        uint256 maxFeeBps
    );
    /// @notice Emitted when a rule is paused or resumed.
    event RulePausedSet(bytes32 indexed key, bool paused);
    /// @notice Emitted when a rule is removed (by its owner, or when a close fired on its position).
    event RuleRemoved(bytes32 indexed key);
    /// @notice Emitted when a trailing stop's high-water mark rises.
    event HighRecorded(bytes32 indexed key, uint256 high);
    /// @notice Emitted when a rule runs.
    event RuleExecuted(
        bytes32 indexed key,
        address indexed executor,
        Kind kind,
        uint256 observed,
        uint256 sold,
        uint256 repaid,
        uint256 borrowed,
        uint256 fee
    );

    /* OWNER */

    /// @notice The storage key of a rule.
    function ruleKey(IGuardAdapter adapter, bytes calldata position, Kind kind) public pure returns (bytes32) {
        return keccak256(abi.encode(adapter, position, kind));
    }

    /// @notice Sets (or replaces) the `kind` rule of `position` on `adapter`'s protocol. Position owner only; the rule
    /// starts active. A TrailingStop's high starts at the oracle price now.
    function setRule(IGuardAdapter adapter, bytes calldata position, Kind kind, Params calldata p) external {
        Snapshot memory s = adapter.snapshot(position);
        if (s.owner != msg.sender) revert NotPositionOwner(s.owner, msg.sender);
        if (p.maxSlippageBps == 0 || p.maxSlippageBps > MAX_SLIPPAGE_BPS) revert InvalidRule("slippage bound");
        if (p.maxFeeBps > MAX_FEE_BPS) revert InvalidRule("fee cap");
        if (p.minCollateral > type(uint128).max) revert InvalidRule("minimum size");
        if (p.validUntil <= block.timestamp || p.validUntil > block.timestamp + MAX_RULE_LIFETIME) {
            revert InvalidRule("expiry");
        }
        uint256 high;
        if (kind == Kind.Deleverage) {
            if (p.trigger <= WAD) revert InvalidRule("trigger must be above 1");
            if (p.target <= p.trigger || p.target > MAX_TARGET) revert InvalidRule("target must be above trigger");
        } else if (kind == Kind.Boost) {
            if (p.target < MIN_BOOST_TARGET) revert InvalidRule("target below 1.05");
            if (p.trigger <= p.target || p.trigger > MAX_TARGET) revert InvalidRule("trigger must be above target");
        } else if (kind == Kind.TrailingStop) {
            if (p.trailBps == 0 || p.trailBps > MAX_TRAIL_BPS) revert InvalidRule("trail");
            if (p.trigger != 0 || p.target != 0) revert InvalidRule("trailing stop has no trigger or target");
            high = _price(s);
        } else {
            if (p.trigger == 0 || p.trigger > type(uint128).max) revert InvalidRule("trigger price");
            if (kind == Kind.StopLoss && p.target != 0) revert InvalidRule("stop-loss has no target");
            if (p.target != 0 && (p.target <= WAD || p.target > MAX_TARGET)) revert InvalidRule("target");
        }
        if (kind != Kind.TrailingStop && p.trailBps != 0) revert InvalidRule("trail");
        _checkNoLoop(adapter, position, kind, p);
        bytes32 key = ruleKey(adapter, position, kind);
        _rules[key] = Rule({
            owner: msg.sender,
            maxSlippageBps: uint16(p.maxSlippageBps),
            maxFeeBps: uint16(p.maxFeeBps),
            trailBps: uint16(p.trailBps),
            paused: false,
            setAt: uint40(block.timestamp),
            trigger: uint128(p.trigger),
            target: uint128(p.target),
            minCollateral: uint128(p.minCollateral),
            high: uint128(high),
            validUntil: uint40(p.validUntil)
        });
        emit RuleSet(
            key,
            address(adapter),
            msg.sender,
            kind,
            position,
            p.trigger,
            p.target,
            p.trailBps,
            p.minCollateral,
            p.maxSlippageBps,
            p.maxFeeBps
        );
        if (high != 0) emit HighRecorded(key, high);
    }

    /// @notice Pauses or resumes a rule. The rule's owner only.
    function setPaused(IGuardAdapter adapter, bytes calldata position, Kind kind, bool paused) external {
        bytes32 key = _ownedRule(adapter, position, kind);
        _rules[key].paused = paused;
        emit RulePausedSet(key, paused);
    }

    /// @notice Removes a rule. The rule's owner only.
    function removeRule(IGuardAdapter adapter, bytes calldata position, Kind kind) external {
        bytes32 key = _ownedRule(adapter, position, kind);
        delete _rules[key];
        emit RuleRemoved(key);
    }

    /* ANYONE */

    /// @notice Records the oracle price now as the trailing stop's high if it is higher. Anyone may call: the price
    /// comes from the protocol's oracle through the adapter, never from the caller. A position that holds no
    /// collateral (its owner unwound it) loses all its rules (returns 0); one that holds less than
    /// max(minCollateral, 1) has its high reset to the price now, so a high recorded on an earlier position never
    /// applies to the next one.
    function poke(IGuardAdapter adapter, bytes calldata position) public returns (uint256 high) {
        bytes32 key = ruleKey(adapter, position, Kind.TrailingStop);
        Rule storage r = _rules[key];
        if (r.owner == address(0)) revert NoRule(key);
        Snapshot memory s = adapter.snapshot(position);
        if (s.collateral == 0) {
            _clearRules(adapter, position);
            return 0;
        }
        uint256 price = _price(s);
        high = r.high;
        if (s.collateral < r.minCollateral && price != high) {
            high = price;
            r.high = uint128(price);
            emit HighRecorded(key, price);
        } else if (price > high) {
            high = price;
            r.high = uint128(price);
            emit HighRecorded(key, price);
        }
    }

    /// @notice Executes a rule whose condition holds, paying the caller `feeBps` (≤ the rule's cap). Anyone may call;
    /// every bound is enforced here and re-checked on the position afterwards.
    function execute(IGuardAdapter adapter, bytes calldata position, Kind kind, uint256 feeBps)
        external
        nonReentrant
        returns (Plan memory p)
    {
        bytes32 key = ruleKey(adapter, position, kind);
        Rule memory r = _rules[key];
        if (r.owner == address(0)) revert NoRule(key);
        if (r.paused) revert RulePaused(key);
        if (block.timestamp > r.validUntil) revert RuleExpired(key, r.validUntil);
        if (feeBps > r.maxFeeBps) revert FeeAboveCap(feeBps, r.maxFeeBps);
        adapter.accrue(position);
        Snapshot memory s = adapter.snapshot(position);
        if (s.collateral == 0) {
            // Unwound outside the guard: its rules lapse instead of firing on the next position at this key.
            _clearRules(adapter, position);
            return p;
        }
        if (kind == Kind.TrailingStop) r.high = uint128(poke(adapter, position));
        if (s.owner != r.owner) revert RuleOwnerChanged(r.owner, s.owner);
        p = _plan(r, kind, s, feeBps);
        if (!p.triggered) revert NotTriggered(p.observed, p.level);
        if (s.collateral < r.minCollateral || s.collateral == 0) revert BelowMinimum(s.collateral, r.minCollateral);
        if (kind == Kind.Boost ? !s.mayBorrow : !s.mayWithdraw) revert NotAuthorised(s.owner, address(adapter));
        bytes32 moved = keccak256(abi.encode(adapter, position));
        if (lastMoved[moved] == block.number) revert AlreadyMovedThisBlock(block.number);
        lastMoved[moved] = block.number;

        (uint256 returned, uint256 traded) = _move(adapter, position, kind, s, p);
        _checkAfter(adapter.snapshot(position), kind, r, s, p, returned, traded);
        emit RuleExecuted(key, msg.sender, kind, p.observed, p.sell, p.repay, p.borrow, p.fee);
    }

    /// @dev Orders the adapter's movement. Returns the value handed to the owner outside the position and the oracle
    /// value of what was swapped. A close removes every rule of the position first.
    function _move(IGuardAdapter adapter, bytes calldata position, Kind kind, Snapshot memory s, Plan memory p)
        internal
        returns (uint256 returned, uint256 traded)
    {
        if (p.close) {
            _clearRules(adapter, position);
            (uint256 sold, uint256 colBack, uint256 debtBack) = adapter.close(position, p.sell, p.fee, msg.sender);
            p.sell = sold;
            returned = HealthLib.valueDown(colBack, s.colPrice, s.colScale)
                + HealthLib.valueDown(debtBack, s.debtPrice, s.debtScale);
            traded = HealthLib.valueUp(sold, s.colPrice, s.colScale);
        } else if (kind == Kind.Boost) {
            adapter.boost(position, p.borrow, p.minOut, p.fee, msg.sender);
            traded = HealthLib.valueUp(p.borrow, s.debtPrice, s.debtScale);
        } else {
            uint256 back = adapter.deleverage(position, p.repay, p.sell, p.minOut, p.fee, msg.sender);
            returned = HealthLib.valueDown(back, s.debtPrice, s.debtScale);
            traded = HealthLib.valueUp(p.sell, s.colPrice, s.colScale);
        }
    }

    /// @dev Rules that move a position in opposite directions must not re-arm each other (whichever is set second):
    /// Boost.trigger ≥ Deleverage.target·GAP, Boost.target ≥ Deleverage.trigger·GAP, and Boost.trigger ≥
    /// TakeProfit.target·GAP for a reducing TakeProfit. All are health factors, so the margin is relative.
    /// StopLoss, TrailingStop and a closing TakeProfit end the position (and clear its rules): they cannot loop.
    function _checkNoLoop(IGuardAdapter adapter, bytes calldata position, Kind kind, Params calldata p) internal view {
        if (kind == Kind.Boost) {
            Rule storage d = _rules[ruleKey(adapter, position, Kind.Deleverage)];
            if (d.owner != address(0)) _checkPair(p.trigger, p.target, d.trigger, d.target);
            Rule storage t = _rules[ruleKey(adapter, position, Kind.TakeProfit)];
            if (t.owner != address(0) && t.target != 0 && p.trigger < uint256(t.target).wMulUp(RULE_GAP)) {
                revert InvalidRule("boost trigger must be 5% above the take-profit target");
            }
        } else if (kind == Kind.Deleverage || (kind == Kind.TakeProfit && p.target != 0)) {
            Rule storage b = _rules[ruleKey(adapter, position, Kind.Boost)];
            if (b.owner == address(0)) return;
            if (kind == Kind.Deleverage) {
                _checkPair(b.trigger, b.target, p.trigger, p.target);
            } else if (b.trigger < p.target.wMulUp(RULE_GAP)) {
                revert InvalidRule("boost trigger must be 5% above the take-profit target");
            }
        }
    }

    function _checkPair(uint256 boostTrigger, uint256 boostTarget, uint256 delTrigger, uint256 delTarget)
        internal
        pure
    {
        if (boostTrigger < delTarget.wMulUp(RULE_GAP)) {
            revert InvalidRule("boost trigger must be 5% above the deleverage target");
        }
        if (boostTarget < delTrigger.wMulUp(RULE_GAP)) {
            revert InvalidRule("boost target must be 5% above the deleverage trigger");
        }
    }

    function _clearRules(IGuardAdapter adapter, bytes calldata position) internal {
        for (uint256 k; k <= uint256(type(Kind).max); ++k) {
            bytes32 other = ruleKey(adapter, position, Kind(k));
            if (_rules[other].owner != address(0)) {
                delete _rules[other];
                emit RuleRemoved(other);
            }
        }
    }

    /* VIEWS */

    /// @notice A rule (owner zero: none).
    function getRule(IGuardAdapter adapter, bytes calldata position, Kind kind) external view returns (Rule memory) {
        return _rules[ruleKey(adapter, position, kind)];
    }

    /// @notice What executing a rule with a fee of `feeBps` would do now (reverts with the oracle's error on a bad
    /// price). A TrailingStop is planned with the high it would record now.
    function plan(IGuardAdapter adapter, bytes calldata position, Kind kind, uint256 feeBps)
        external
        view
        returns (Plan memory p)
    {
        bytes32 key = ruleKey(adapter, position, kind);
        Rule memory r = _rules[key];
        if (r.owner == address(0)) revert NoRule(key);
        Snapshot memory s = adapter.snapshot(position);
        if (kind == Kind.TrailingStop) {
            uint256 price = _price(s);
            if (price > r.high) r.high = uint128(price);
        }
        p = _plan(r, kind, s, feeBps);
        if (r.paused) p.blocker = Blocker.Paused;
        else if (block.timestamp > r.validUntil) p.blocker = Blocker.Expired;
        else if (s.owner != r.owner) p.blocker = Blocker.OwnerChanged;
        else if (kind == Kind.Boost ? !s.mayBorrow : !s.mayWithdraw) p.blocker = Blocker.NotAuthorised;
        else if (s.collateral < r.minCollateral || s.collateral == 0) p.blocker = Blocker.BelowMinimum;
    }

    /* INTERNAL */

    /// @dev One collateral token in debt tokens (WAD), at the protocol's oracle.
    function _price(Snapshot memory s) internal pure returns (uint256) {
        return s.colPrice.mulDivDown(WAD, s.debtPrice);
    }

    function _health(Snapshot memory s) internal pure returns (uint256) {
        return HealthLib.healthFactor(s.liqValue, s.debtValue);
    }

    function _plan(Rule memory r, Kind kind, Snapshot memory s, uint256 feeBps) internal pure returns (Plan memory p) {
        uint256 keep = WAD - uint256(r.maxSlippageBps) * 1e14;
        if (kind == Kind.Deleverage || kind == Kind.Boost) {
            p.observed = _health(s);
            p.level = r.trigger;
            if (kind == Kind.Deleverage) {
                p.triggered = p.observed < r.trigger;
                if (p.triggered) _planReduce(s, r.target, feeBps, keep, p);
            } else {
                // No debt, no leverage to raise back: the owner has exited (a Boost between her repay and her
                // withdrawal would borrow against what she is taking out).
                p.triggered = s.debt != 0 && p.observed > r.trigger;
                if (p.triggered) _planBoost(s, r.target, feeBps, keep, p);
            }
            return p;
        }
        p.observed = _price(s);
        if (kind == Kind.TrailingStop) {
            p.level = uint256(r.high).mulDivDown(BPS - r.trailBps, BPS);
            p.triggered = p.observed <= p.level;
        } else if (kind == Kind.StopLoss) {
            p.level = r.trigger;
            p.triggered = p.observed <= p.level;
        } else {
            p.level = r.trigger;
            p.triggered = p.observed >= p.level;
            if (r.target != 0) {
                // Reduce: nothing to do once the health factor is at the target.
                if (_health(s) >= r.target) p.triggered = false;
                else if (p.triggered) _planReduce(s, r.target, feeBps, keep, p);
                return p;
            }
        }
        p.close = true;
        p.repay = s.debt;
        p.fee = s.debt * feeBps / BPS;
        p.flashFee = _flashFee(s, s.debt);
        p.minOut = s.debt + p.fee + p.flashFee;
        p.sell = _sellFor(s, p.minOut, keep);
    }

    /// @dev Selling value X to repay value R, X = R·k with k = (1 + fee + flash fee) / keep, so that
    /// (L − X·lt) / (D − R) = T gives R = (T·D − L) / (T − k·lt).
    function _planReduce(Snapshot memory s, uint256 target, uint256 feeBps, uint256 keep, Plan memory p) internal pure {
        uint256 targetLiq = s.debtValue.wMulUp(target);
        if (targetLiq <= s.liqValue) return;
        {
            uint256 kLt = (WAD + (feeBps + s.flashFeeBps) * 1e14).wDivUp(keep).wMulUp(s.lt);
            if (kLt >= target) revert TargetUnreachable(0, type(uint256).max);
            p.repay = (targetLiq - s.liqValue).wDivUp(target - kLt).mulDivUp(s.debtScale, s.debtPrice);
        }
        if (p.repay > s.debt) p.repay = s.debt;
        p.fee = p.repay * feeBps / BPS;
        p.flashFee = _flashFee(s, p.repay);
        p.minOut = p.repay + p.fee + p.flashFee;
        p.sell = _sellFor(s, p.minOut, keep);
        if (p.sell > s.collateral) revert TargetUnreachable(s.collateral, p.sell);
        uint256 worst = _worstOut(s, p.sell, keep);
        if (worst > p.minOut) p.minOut = worst;
    }

    /// @dev Borrowing value B (plus fee and flash fee, k' = 1 + both) buys at least B·keep of collateral, so that
    /// (L + B·keep·lt) / (D + B·k') = T gives B = (L − T·D) / (T·k' − keep·lt).
    function _planBoost(Snapshot memory s, uint256 target, uint256 feeBps, uint256 keep, Plan memory p) internal pure {
        uint256 targetLiq = s.debtValue.wMulUp(target);
        if (s.liqValue <= targetLiq) return;
        uint256 kp = WAD + (feeBps + s.flashFeeBps) * 1e14;
        uint256 den = target.wMulUp(kp) - keep.wMulDown(s.lt);
        p.borrow = (s.liqValue - targetLiq).wDivDown(den).mulDivDown(s.debtScale, s.debtPrice);
        p.fee = p.borrow * feeBps / BPS;
        p.flashFee = _flashFee(s, p.borrow);
        p.minOut =
            HealthLib.valueDown(p.borrow, s.debtPrice, s.debtScale).wMulDown(keep).mulDivDown(s.colScale, s.colPrice);
    }

    /// @dev Debt units the sale of `sell` collateral returns at the oracle price less the slippage bound (rounded down).
    function _worstOut(Snapshot memory s, uint256 sell, uint256 keep) internal pure returns (uint256) {
        return HealthLib.valueDown(sell, s.colPrice, s.colScale).wMulDown(keep).mulDivDown(s.debtScale, s.debtPrice);
    }

    /// @dev Collateral units whose oracle value less the slippage bound covers `debtOut` (rounded up).
    function _sellFor(Snapshot memory s, uint256 debtOut, uint256 keep) internal pure returns (uint256) {
        return HealthLib.valueUp(debtOut, s.debtPrice, s.debtScale).wDivUp(keep).mulDivUp(s.colScale, s.colPrice);
    }

    function _flashFee(Snapshot memory s, uint256 amount) internal pure returns (uint256) {
        return amount.mulDivUp(s.flashFeeBps, BPS);
    }

    /// @dev On the position re-read after the movement (`a`): target reached, close complete, and the owner's value
    /// within fee + flash fee + slippage bound on what was swapped.
    function _checkAfter(
        Snapshot memory a,
        Kind kind,
        Rule memory r,
        Snapshot memory s,
        Plan memory p,
        uint256 returned,
        uint256 traded
    ) internal pure {
        if (p.close) {
            if (a.debt != 0 || a.collateral != 0) revert PositionNotClosed(a.debt, a.collateral);
        } else if (p.repay != 0 || p.borrow != 0) {
            uint256 hf = _health(a);
            if (hf < uint256(r.target).wMulDown(WAD - TARGET_TOLERANCE)) revert TargetMissed(hf, r.target);
            if (kind == Kind.Boost && hf > _health(s)) revert TargetMissed(hf, r.target);
        }
        _checkValue(a, s, p, r.maxSlippageBps, returned, traded);
    }

    /// @dev Position value (collateral − debt) plus what went to the owner, before vs after, at the same prices.
    function _checkValue(
        Snapshot memory a,
        Snapshot memory s,
        Plan memory p,
        uint256 slippageBps,
        uint256 returned,
        uint256 traded
    ) internal pure {
        uint256 loss = s.collateralValue.zeroFloorSub(s.debtValue)
            .zeroFloorSub(a.collateralValue.zeroFloorSub(a.debtValue) + returned);
        uint256 allowed = HealthLib.valueUp(p.fee + p.flashFee, s.debtPrice, s.debtScale)
            + traded.mulDivUp(slippageBps, BPS) + s.collateralValue / 1e6 + 1e6;
        if (loss > allowed) revert ValueLost(loss, allowed);
    }

    /// @dev The rule's own owner may always pause or remove it, whatever the oracle says.
    function _ownedRule(IGuardAdapter adapter, bytes calldata position, Kind kind) internal view returns (bytes32 key) {
        key = ruleKey(adapter, position, kind);
        address owner = _rules[key].owner;
        if (owner == address(0)) revert NoRule(key);
        if (owner != msg.sender) revert NotPositionOwner(owner, msg.sender);
    }
}
