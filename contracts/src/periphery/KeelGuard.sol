// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {KeelFlashBorrower} from "./KeelFlashBorrower.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";
import {IKeelMarket, CollateralInfo} from "../interfaces/IKeelMarket.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";

/// @title KeelGuard
/// @notice Vault protection enforced on-chain. A vault owner makes the guard its operator on a market and sets rules for
/// a vault; anyone may then execute a rule whose condition holds, and is paid a bounded fee.
/// - Deleverage: when the vault's health factor is below `trigger`, sell the rule's collateral and repay debt so the
///   health factor returns to `target`.
/// - Stop-loss: when the oracle price of the rule's collateral is at or below `trigger`, repay all the debt, sell just
///   enough collateral to do so, and return everything left to the owner.
/// @dev Trust model: executors are untrusted. The guard itself checks the condition at oracle prices, computes how much
/// to sell and repay from oracle prices and the market's liquidation threshold, bounds the swap against the oracle
/// price (never a caller-supplied minimum) with the owner's slippage bound, and caps the executor's fee (bps of the
/// debt repaid) by the owner's cap and by MAX_FEE_BPS. Flash loans of the market's base asset fund the repayment, so
/// the vault's collateral is withdrawn only after its debt is lower. A better swap than the bound leaves base tokens
/// over; they go to the owner. The guard holds no token between transactions.
///
/// Why `target` ≥ LT / LTV of the collateral (plus TARGET_MARGIN for rounding): the market checks a vault that withdraws collateral against its LTV, so
/// a deleverage must end within LTV. For a single-collateral vault that is HF (by LT) ≥ LT / LTV; a vault with other
/// collateral may need more, in which case the market's check reverts the execution and nothing moves.
contract KeelGuard is KeelFlashBorrower {
    using SafeERC20 for IERC20;
    using MathLib for uint256;

    enum Kind {
        Deleverage,
        StopLoss
    }

    /// @notice A rule of one vault. `trigger`: Deleverage — health factor (WAD) under which it may run; StopLoss —
    /// collateral price (USD per whole token, WAD) at or under which it may run. `target`: Deleverage — health factor
    /// (WAD) to restore; StopLoss — unused (0).
    struct Rule {
        address owner; // the vault owner who set it; the rule lapses if the vault changes hands
        address collateral; // the collateral sold
        uint128 trigger;
        uint128 target;
        uint16 maxSlippageBps; // worst swap price accepted, below the oracle price
        uint16 maxFeeBps; // highest executor fee, bps of the debt repaid
        bool paused;
    }

    /// @notice What executing a rule would do at current oracle prices.
    struct Plan {
        bool triggered; // the rule's condition holds now
        uint256 observed; // Deleverage: health factor (WAD); StopLoss: collateral price (WAD)
        uint256 sell; // collateral units sold (StopLoss: at most)
        uint256 repay; // base units repaid
        uint256 fee; // executor fee, base units
        uint256 minOut; // StopLoss: exact base bought; Deleverage: least base the swap must return
    }

    /// @dev The flash loan's job.
    struct Job {
        Kind kind;
        uint256 id;
        address owner;
        address collateral;
        uint256 sell;
        uint256 minOut;
    }

    /// @notice Highest executor fee any rule may allow: 1% of the debt repaid.
    uint256 public constant MAX_FEE_BPS = 100;
    /// @notice Widest slippage bound any rule may allow: 5% below the oracle price.
    uint256 public constant MAX_SLIPPAGE_BPS = 500;
    /// @notice Highest deleverage target health factor.
    uint256 public constant MAX_TARGET = 5e18;
    /// @notice How far above LT / LTV a deleverage target must be, so the market's rounding on the LTV check at the
    /// end of a deleverage can never refuse it.
    uint256 public constant TARGET_MARGIN = 0.01e18;
    uint256 internal constant BPS = 10_000;

    mapping(address market => mapping(uint256 id => mapping(Kind kind => Rule))) internal _rules;

    /// @notice Thrown when the caller does not own vault `id`.
    error NotVaultOwner(uint256 id, address caller, address owner);
    /// @notice Thrown when the vault has no such rule.
    error NoRule(address market, uint256 id, Kind kind);
    /// @notice Thrown when executing a paused rule.
    error RulePaused(address market, uint256 id, Kind kind);
    /// @notice Thrown when the vault changed hands since its rule was set (the new owner must set their own).
    error RuleOwnerChanged(address ruleOwner, address vaultOwner);
    /// @notice Thrown when the vault's owner has not made the guard its operator on the market.
    error GuardNotOperator(address owner);
    /// @notice Thrown when the rule's condition does not hold: `observed` (health factor or price) vs `trigger`.
    error NotTriggered(uint256 observed, uint256 trigger);
    /// @notice Thrown when the executor asks for a fee above the rule's cap.
    error FeeAboveCap(uint256 feeBps, uint256 maxFeeBps);
    /// @notice Thrown when rule parameters are out of bounds (the message names which).
    error InvalidRule(string reason);
    /// @notice Thrown when the vault holds too little of the collateral to reach the target (`have` < `need`).
    error TargetUnreachable(uint256 have, uint256 need);

    /// @notice Emitted when a rule is set or replaced.
    event RuleSet(
        address indexed market,
        uint256 indexed id,
        Kind indexed kind,
        address owner,
        address collateral,
        uint256 trigger,
        uint256 target,
        uint256 maxSlippageBps,
        uint256 maxFeeBps
    );
    /// @notice Emitted when a rule is paused or resumed.
    event RulePausedSet(address indexed market, uint256 indexed id, Kind indexed kind, bool paused);
    /// @notice Emitted when a rule is removed (by its owner, or after a stop-loss closed the vault).
    event RuleRemoved(address indexed market, uint256 indexed id, Kind indexed kind);
    /// @notice Emitted when a rule runs.
    event RuleExecuted(
        address indexed market,
        uint256 indexed id,
        Kind indexed kind,
        address executor,
        address collateral,
        uint256 observed,
        uint256 sold,
        uint256 repaid,
        uint256 fee,
        uint256 toOwner
    );

    constructor(ISwapAdapter adapter_) KeelFlashBorrower(adapter_) {}

    /* OWNER */

    /// @notice Sets (or replaces) the `kind` rule of vault `id` in `market`. Vault owner only; the rule starts active.
    /// @param collateral The collateral the rule sells (listed in the market).
    /// @param trigger Deleverage: health factor (WAD, > 1) under which it runs; StopLoss: price (WAD) at or under which.
    /// @param target Deleverage: health factor (WAD) to restore, above `trigger` and ≥ LT / LTV + TARGET_MARGIN; StopLoss: 0.
    /// @param maxSlippageBps Worst swap price accepted below the oracle price (1 … MAX_SLIPPAGE_BPS).
    /// @param maxFeeBps Highest executor fee, bps of debt repaid (≤ MAX_FEE_BPS).
    function setRule(
        IKeelMarket market,
        uint256 id,
        Kind kind,
        address collateral,
        uint256 trigger,
        uint256 target,
        uint256 maxSlippageBps,
        uint256 maxFeeBps
    ) external {
        _checkOwner(market, id);
        CollateralInfo memory info = market.collateralInfo(collateral);
        if (info.asset == address(0) || info.ltv == 0) revert InvalidRule("collateral not listed");
        if (maxSlippageBps == 0 || maxSlippageBps > MAX_SLIPPAGE_BPS) revert InvalidRule("slippage bound");
        if (maxFeeBps > MAX_FEE_BPS) revert InvalidRule("fee cap");
        if (kind == Kind.Deleverage) {
            if (trigger <= WAD) revert InvalidRule("trigger must be above 1");
            if (target <= trigger || target > MAX_TARGET) revert InvalidRule("target must be above trigger");
            if (target < uint256(info.liquidationThreshold).wDivUp(info.ltv) + TARGET_MARGIN) {
                revert InvalidRule("target below LT/LTV + 0.01");
            }
        } else {
            if (trigger == 0 || trigger > type(uint128).max) revert InvalidRule("trigger price");
            if (target != 0) revert InvalidRule("stop-loss has no target");
        }
        _rules[address(market)][id][kind] = Rule({
            owner: msg.sender,
            collateral: collateral,
            trigger: uint128(trigger),
            target: uint128(target),
            maxSlippageBps: uint16(maxSlippageBps),
            maxFeeBps: uint16(maxFeeBps),
            paused: false
        });
        emit RuleSet(address(market), id, kind, msg.sender, collateral, trigger, target, maxSlippageBps, maxFeeBps);
    }

    /// @notice Pauses or resumes the `kind` rule of vault `id`. Vault owner only.
    function setPaused(IKeelMarket market, uint256 id, Kind kind, bool paused) external {
        _checkOwner(market, id);
        Rule storage r = _rules[address(market)][id][kind];
        if (r.owner == address(0)) revert NoRule(address(market), id, kind);
        r.paused = paused;
        emit RulePausedSet(address(market), id, kind, paused);
    }

    /// @notice Removes the `kind` rule of vault `id`. Vault owner only.
    function removeRule(IKeelMarket market, uint256 id, Kind kind) external {
        _checkOwner(market, id);
        if (_rules[address(market)][id][kind].owner == address(0)) revert NoRule(address(market), id, kind);
        delete _rules[address(market)][id][kind];
        emit RuleRemoved(address(market), id, kind);
    }

    /* VIEWS */

    /// @notice The `kind` rule of vault `id` (owner zero: none).
    function getRule(address market, uint256 id, Kind kind) external view returns (Rule memory) {
        return _rules[market][id][kind];
    }

    /// @notice What executing the `kind` rule of vault `id` with an executor fee of `feeBps` would do at current oracle
    /// prices (reverts with the oracle's error if a price is not fresh). `triggered` false: execute would revert.
    function plan(IKeelMarket market, uint256 id, Kind kind, uint256 feeBps) public view returns (Plan memory p) {
        Rule memory r = _rules[address(market)][id][kind];
        if (r.owner == address(0)) revert NoRule(address(market), id, kind);
        Px memory x = _prices(market, r.collateral);
        x.keep = WAD - uint256(r.maxSlippageBps) * 1e14; // share of the oracle value the swap must at least return
        x.feeBps = feeBps;
        x.debt = market.debtOf(id);
        if (kind == Kind.Deleverage) {
            (,, uint256 liqValue, uint256 debtValue, uint256 hf) = market.vaultHealth(id);
            p.observed = hf;
            p.triggered = hf < r.trigger;
            uint256 targetLiq = debtValue.wMulUp(r.target);
            if (targetLiq <= liqValue) return p; // already at or above the target
            _planDeleverage(market, x, targetLiq - liqValue, r.target, p);
        } else {
            p.observed = x.colPrice;
            p.triggered = x.colPrice <= r.trigger;
            p.repay = x.debt;
            p.fee = x.debt * feeBps / BPS;
            p.minOut = x.debt == 0 ? 0 : x.debt + p.fee + market.flashFee(market.asset(), x.debt);
            p.sell = _sellFor(x, p.minOut);
        }
    }

    /// @dev Selling value X of the collateral to repay value R: X = R·k, k = (1 + fee + flash fee) / keep, so
    /// (L − X·lt) / (D − R) = T gives R = (T·D − L) / (T − k·lt). `gap` = T·D − L.
    function _planDeleverage(IKeelMarket market, Px memory x, uint256 gap, uint256 target, Plan memory p)
        internal
        view
    {
        uint256 k = (WAD + (x.feeBps + market.flashFeeBps()) * 1e14).wDivUp(x.keep);
        uint256 kLt = k.wMulUp(x.lt);
        if (kLt >= target) revert TargetUnreachable(0, type(uint256).max);
        p.repay = gap.wDivUp(target - kLt).mulDivUp(x.baseScale, x.basePrice);
        if (p.repay > x.debt) p.repay = x.debt;
        p.fee = p.repay * x.feeBps / BPS;
        uint256 need = p.repay + p.fee + market.flashFee(market.asset(), p.repay);
        p.sell = _sellFor(x, need);
        uint256 worst =
            HealthLib.valueDown(p.sell, x.colPrice, x.colScale).wMulDown(x.keep).mulDivDown(x.baseScale, x.basePrice);
        p.minOut = worst > need ? worst : need;
    }

    /// @dev Collateral units whose oracle value less the slippage bound covers `baseOut` (rounded up).
    function _sellFor(Px memory x, uint256 baseOut) internal pure returns (uint256) {
        return HealthLib.valueUp(baseOut, x.basePrice, x.baseScale).wDivUp(x.keep).mulDivUp(x.colScale, x.colPrice);
    }

    /* EXECUTOR */

    /// @notice Executes the `kind` rule of vault `id` when its condition holds, paying the caller `feeBps` of the debt
    /// repaid (≤ the rule's cap). Anyone may call; every bound is enforced here.
    /// @return p What was done (`sell` is the exact amount sold).
    function execute(IKeelMarket market, uint256 id, Kind kind, uint256 feeBps)
        external
        nonReentrant
        returns (Plan memory p)
    {
        Rule memory r = _rules[address(market)][id][kind];
        if (r.owner == address(0)) revert NoRule(address(market), id, kind);
        if (r.paused) revert RulePaused(address(market), id, kind);
        if (feeBps > r.maxFeeBps) revert FeeAboveCap(feeBps, r.maxFeeBps);
        address owner = market.vaultOwner(id);
        if (owner != r.owner) revert RuleOwnerChanged(r.owner, owner);
        if (!market.isOperator(owner, address(this))) revert GuardNotOperator(owner);
        p = plan(market, id, kind, feeBps);
        if (!p.triggered) revert NotTriggered(p.observed, r.trigger);
        IERC20 base = IERC20(market.asset());
        address[] memory held;
        if (kind == Kind.Deleverage) {
            uint256 have = market.collateralOf(id, r.collateral);
            if (p.sell > have) revert TargetUnreachable(have, p.sell);
        } else {
            held = market.getVault(id).assets;
            delete _rules[address(market)][id][Kind.Deleverage];
            delete _rules[address(market)][id][Kind.StopLoss];
            emit RuleRemoved(address(market), id, Kind.Deleverage);
            emit RuleRemoved(address(market), id, Kind.StopLoss);
        }
        uint256 sold = p.sell;
        if (p.repay != 0) {
            _flash(market, p.repay, abi.encode(Job(kind, id, owner, r.collateral, p.sell, p.minOut)));
            if (kind == Kind.StopLoss) sold = _soldInStopLoss;
        } else if (kind == Kind.StopLoss) {
            sold = 0;
            _withdrawAll(market, id, address(this));
        }
        if (p.fee != 0) base.safeTransfer(msg.sender, p.fee);
        uint256 toOwner = base.balanceOf(address(this));
        if (toOwner != 0) base.safeTransfer(owner, toOwner);
        for (uint256 i; i < held.length; ++i) {
            _sweep(IERC20(held[i]), owner);
        }
        emit RuleExecuted(
            address(market), id, kind, msg.sender, r.collateral, p.observed, sold, p.repay, p.fee, toOwner
        );
        p.sell = sold;
    }

    /// @dev Collateral sold by the stop-loss swap of the current call (exact-output swap).
    uint256 private transient _soldInStopLoss;

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data)
        external
        returns (bytes32)
    {
        _acceptLoan(initiator);
        IKeelMarket market = IKeelMarket(msg.sender);
        Job memory job = abi.decode(data, (Job));
        IERC20 base = IERC20(token);
        uint256 debt = market.debtOf(job.id);
        base.forceApprove(address(market), amount);
        market.repay(job.id, amount >= debt ? type(uint256).max : amount);
        base.forceApprove(address(market), 0);
        IERC20 col = IERC20(job.collateral);
        col.forceApprove(address(adapter), job.sell);
        if (job.kind == Kind.Deleverage) {
            market.withdrawCollateral(job.id, job.collateral, job.sell, address(this));
            // The bound is the oracle's price less the owner's slippage, computed by `plan`, never the caller's.
            adapter.swapExactIn(job.collateral, token, job.sell, job.minOut, address(this));
        } else {
            _withdrawAll(market, job.id, address(this));
            uint256 have = col.balanceOf(address(this));
            uint256 maxIn = job.sell < have ? job.sell : have;
            col.forceApprove(address(adapter), maxIn);
            _soldInStopLoss = adapter.swapExactOut(job.collateral, token, job.minOut, maxIn, address(this));
        }
        col.forceApprove(address(adapter), 0);
        base.forceApprove(address(market), amount + fee);
        return FLASH_CALLBACK_SUCCESS;
    }

    /* INTERNAL */

    struct Px {
        uint256 colPrice;
        uint256 colScale;
        uint256 lt;
        uint256 basePrice;
        uint256 baseScale;
        uint256 keep;
        uint256 feeBps;
        uint256 debt;
    }

    function _prices(IKeelMarket market, address collateral) internal view returns (Px memory x) {
        CollateralInfo memory info = market.collateralInfo(collateral);
        address base = market.asset();
        (x.colPrice, x.basePrice) = market.oracle().prices(collateral, base);
        x.colScale = 10 ** info.decimals;
        x.lt = info.liquidationThreshold;
        x.baseScale = 10 ** IERC20Metadata(base).decimals();
    }

    function _checkOwner(IKeelMarket market, uint256 id) internal view {
        address owner = market.vaultOwner(id);
        if (owner != msg.sender) revert NotVaultOwner(id, msg.sender, owner);
    }
}
