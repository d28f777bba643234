// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {
    IKeelMarket,
    RateModel,
    CollateralParams,
    CollateralInfo,
    ChangeKind,
    PendingChange,
    VaultData
} from "../interfaces/IKeelMarket.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";
import {ErrorsLib} from "../libraries/ErrorsLib.sol";
import {EventsLib} from "../libraries/EventsLib.sol";

/// @title KeelMarket
/// @notice One market of the Keel margin engine. Lenders supply the base asset through ERC4626; borrowers open vaults,
/// post one or more listed collateral assets (cross-margin) and borrow the base asset within each collateral's LTV.
/// Vaults whose health factor falls below 1 are liquidated at a discount that grows as health falls; debt left without
/// collateral is written off against lenders. Risk parameters change only within hard bounds and after `riskDelay`.
/// @dev Accounting is internal (`cash`, borrows, reserves): donations and flash loans never move `totalAssets`.
/// Reentrancy: one transient lock guards every state-changing entry point. `flashLoan` releases it during the
/// borrower's callback, so the callback may use vault and ERC4626 functions (one-transaction leverage), but a second
/// flash loan is refused until the first is repaid. `multicall` defers LTV checks of the vaults it touches to its end.
contract KeelMarket is ERC4626, Ownable2Step, IERC3156FlashLender, IKeelMarket {
    using SafeERC20 for IERC20;
    using MathLib for uint256;
    using SharesLib for uint256;
    using SafeCast for uint256;

    /* CONSTANTS */

    /// @notice Highest liquidation threshold a collateral may have.
    uint256 public constant MAX_LT = 0.95e18;
    /// @notice Highest maximum liquidation discount a collateral may have.
    uint256 public constant MAX_DISCOUNT = 0.25e18;
    /// @notice Smallest liquidation discount (see HealthLib).
    uint256 public constant MIN_DISCOUNT = HealthLib.MIN_DISCOUNT;
    /// @notice Health factor a liquidation restores a vault to at most (see HealthLib).
    uint256 public constant TARGET_HEALTH = HealthLib.TARGET_HEALTH;
    /// @notice Highest share of interest that may go to reserves.
    uint256 public constant MAX_RESERVE_FACTOR = 0.5e18;
    /// @notice Highest flash-loan fee, in basis points.
    uint256 public constant MAX_FLASH_FEE_BPS = 100;
    /// @notice Highest borrow rate the model may reach at 100% utilisation: 1000% a year, per second.
    uint256 public constant MAX_BORROW_RATE = 10 * WAD / 365 days;
    /// @notice Debt value (USD, WAD) under which a position may be liquidated whole.
    uint256 public constant DUST_VALUE = 10 * WAD;
    /// @notice Shortest allowed risk delay.
    uint256 public constant MIN_RISK_DELAY = 1 days;
    /// @notice Longest allowed risk delay.
    uint256 public constant MAX_RISK_DELAY = 30 days;
    /// @notice Most collateral assets a market may list (one bit each in a vault's held mask).
    uint256 public constant MAX_COLLATERALS = 32;
    uint256 internal constant BPS = 10_000;
    uint8 internal constant MAX_DECIMALS = 36;
    uint8 internal constant SHARE_DECIMALS_OFFSET = 6;
    bytes32 internal constant FLASH_CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @dev Transient slots: reentrancy lock, flash-loan flag, batch (0 = none, else 1 + number of touched vaults;
    /// touched ids at BATCH_SLOT + 1.., a marker per id at keccak(id, BATCH_SLOT)).
    uint256 internal constant LOCK_SLOT = uint256(keccak256("keel.market.lock"));
    uint256 internal constant FLASH_SLOT = uint256(keccak256("keel.market.flash"));
    uint256 internal constant BATCH_SLOT = uint256(keccak256("keel.market.batch"));

    /* STORAGE */

    struct Totals {
        uint128 borrowAssets;
        uint128 borrowShares;
    }

    struct Liquidity {
        uint128 cash;
        uint96 reserves;
        uint32 lastAccrual;
    }

    struct Config {
        uint64 reserveFactor;
        uint16 flashFeeBps;
        uint64 vaultCount;
    }

    struct Collateral {
        uint64 ltv;
        uint64 lt;
        uint64 maxDiscount;
        uint8 decimals;
        uint8 index;
        bool listed;
        uint128 supplyCap;
        uint128 total;
    }

    struct Vault {
        address owner;
        uint32 heldMask;
        uint64 ownerPos;
        uint128 debtShares;
    }

    /// @dev Values of one vault at current prices (USD, WAD).
    struct Health {
        uint256 collateralValue;
        uint256 borrowLimitValue;
        uint256 liquidationValue;
        uint256 debtValue;
    }

    /// @dev Working values of one liquidation.
    struct Liq {
        uint256 debt;
        uint256 balance;
        uint256 hf;
        uint256 discount;
        uint256 basePrice;
        uint256 colPrice;
        uint256 colScale;
        uint256 repaid;
        uint256 seized;
    }

    /// @notice The oracle every price comes from (base asset and collaterals).
    KeelOracle public immutable oracle;
    /// @notice Delay between proposing and executing a risk change.
    uint256 public immutable riskDelay;
    address internal immutable BASE;
    uint256 internal immutable BASE_SCALE;

    Totals internal _totals;
    Liquidity internal _liq;
    RateModel internal _rateModel;
    Config internal _config;
    /// @notice Cumulative debt written off against lenders, in base units.
    uint256 public totalBadDebt;
    uint256 internal _lastChangeId;
    PendingChange[] internal _pending;
    address[] internal _collateralList;
    mapping(address asset => Collateral) internal _collaterals;
    mapping(uint256 id => Vault) internal _vaults;
    /// @notice Amount of `asset` held by vault `id`.
    mapping(uint256 id => mapping(address asset => uint256)) public collateralOf;
    mapping(address owner => uint256[]) internal _ownerVaults;
    /// @notice Whether `operator` may borrow and withdraw on all of `owner`'s vaults.
    mapping(address owner => mapping(address operator => bool)) public isOperator;

    /* CONSTRUCTOR */

    /// @param baseAsset The asset lent and borrowed (must have an oracle feed; no fee-on-transfer / rebasing token).
    /// @param name_ ERC20 name of the lender share token.
    /// @param symbol_ ERC20 symbol of the lender share token.
    /// @param oracle_ The price oracle.
    /// @param riskAdmin Owner (two-step) allowed to list collateral and propose/execute risk changes.
    /// @param riskDelay_ Delay of every risk change, in [MIN_RISK_DELAY, MAX_RISK_DELAY].
    /// @param rateModel_ Initial interest rate model.
    /// @param reserveFactor_ Initial share of interest going to reserves (WAD).
    /// @param flashFeeBps_ Initial flash-loan fee in basis points.
    constructor(
        IERC20Metadata baseAsset,
        string memory name_,
        string memory symbol_,
        KeelOracle oracle_,
        address riskAdmin,
        uint256 riskDelay_,
        RateModel memory rateModel_,
        uint256 reserveFactor_,
        uint256 flashFeeBps_
    ) ERC20(name_, symbol_) ERC4626(baseAsset) Ownable(riskAdmin) {
        if (address(oracle_) == address(0)) revert ErrorsLib.ZeroAddress();
        if (riskDelay_ < MIN_RISK_DELAY || riskDelay_ > MAX_RISK_DELAY) revert ErrorsLib.InvalidRiskDelay(riskDelay_);
        uint8 dec = baseAsset.decimals();
        if (dec > MAX_DECIMALS) revert ErrorsLib.InvalidDecimals(address(baseAsset), dec);
        if (address(oracle_.feedConfig(address(baseAsset)).feed) == address(0)) {
            revert ErrorsLib.MissingFeed(address(baseAsset));
        }
        oracle = oracle_;
        riskDelay = riskDelay_;
        BASE = address(baseAsset);
        BASE_SCALE = 10 ** dec;
        _setRateModel(rateModel_);
        _setFees(reserveFactor_, flashFeeBps_);
        _liq.lastAccrual = uint32(block.timestamp);
    }

    /* MODIFIERS */

    modifier nonReentrant() {
        _lock();
        _;
        _tstore(LOCK_SLOT, 0);
    }

    /* VAULTS */

    /// @notice Opens an empty vault owned by the caller and returns its id (sequential, from 1).
    function openVault() external nonReentrant returns (uint256 id) {
        id = ++_config.vaultCount;
        uint256[] storage list = _ownerVaults[msg.sender];
        Vault storage v = _vaults[id];
        v.owner = msg.sender;
        v.ownerPos = uint64(list.length);
        list.push(id);
        emit EventsLib.VaultOpened(id, msg.sender);
    }

    /// @notice Transfers vault `id` (collateral and debt) to `to`. Owner only; operators of the old owner lose access.
    function transferVault(uint256 id, address to) external nonReentrant {
        Vault storage v = _vaults[id];
        address from = v.owner;
        if (from != msg.sender) revert ErrorsLib.Unauthorized(id, msg.sender);
        if (to == address(0)) revert ErrorsLib.ZeroAddress();
        uint256[] storage fromList = _ownerVaults[from];
        uint256 pos = v.ownerPos;
        uint256 lastId = fromList[fromList.length - 1];
        fromList[pos] = lastId;
        _vaults[lastId].ownerPos = uint64(pos);
        fromList.pop();
        uint256[] storage toList = _ownerVaults[to];
        v.ownerPos = uint64(toList.length);
        v.owner = to;
        toList.push(id);
        emit EventsLib.VaultTransferred(id, from, to);
    }

    /// @notice Lets `operator` borrow and withdraw collateral on all of the caller's vaults in this market (or not).
    function setOperator(address operator, bool approved) external {
        isOperator[msg.sender][operator] = approved;
        emit EventsLib.OperatorSet(msg.sender, operator, approved);
    }

    /// @notice Adds `amount` of listed collateral `asset` to vault `id`, pulled from the caller. Anyone may deposit;
    /// needs no price, so it works while the oracle is down.
    function depositCollateral(uint256 id, address asset, uint256 amount) external nonReentrant {
        if (amount == 0) revert ErrorsLib.ZeroAmount();
        Vault storage v = _vaults[id];
        if (v.owner == address(0)) revert ErrorsLib.VaultNotFound(id);
        Collateral storage c = _collaterals[asset];
        if (!c.listed) revert ErrorsLib.NotListed(asset);
        uint256 total = c.total + amount;
        if (total > c.supplyCap) revert ErrorsLib.SupplyCapExceeded(asset, total, c.supplyCap);
        c.total = uint128(total);
        uint256 balance = collateralOf[id][asset];
        if (balance == 0) v.heldMask |= uint32(1 << c.index);
        collateralOf[id][asset] = balance + amount;
        _pullExact(asset, msg.sender, amount);
        emit EventsLib.CollateralDeposited(id, msg.sender, asset, amount);
    }

    /// @notice Sends `amount` of `asset` from vault `id` to `receiver`. Owner or operator; if the vault has debt it
    /// must stay within LTV at fresh prices afterwards (deferred to the end of a multicall).
    function withdrawCollateral(uint256 id, address asset, uint256 amount, address receiver) external nonReentrant {
        if (amount == 0) revert ErrorsLib.ZeroAmount();
        if (receiver == address(0)) revert ErrorsLib.ZeroAddress();
        Vault storage v = _vaults[id];
        _authorize(v.owner, id);
        uint256 balance = collateralOf[id][asset];
        if (amount > balance) revert ErrorsLib.InsufficientCollateral(id, asset, balance, amount);
        unchecked {
            balance -= amount;
        }
        collateralOf[id][asset] = balance;
        Collateral storage c = _collaterals[asset];
        c.total -= uint128(amount);
        if (balance == 0) v.heldMask &= ~uint32(1 << c.index);
        if (v.debtShares != 0) {
            _accrue();
            _afterRiskIncrease(id);
        }
        IERC20(asset).safeTransfer(receiver, amount);
        emit EventsLib.CollateralWithdrawn(id, msg.sender, asset, amount, receiver);
    }

    /// @notice Borrows `amount` base units against vault `id`, sent to `receiver`. Owner or operator; the vault must
    /// be within LTV at fresh prices afterwards (deferred to the end of a multicall).
    function borrow(uint256 id, uint256 amount, address receiver) external nonReentrant returns (uint256 shares) {
        if (amount == 0) revert ErrorsLib.ZeroAmount();
        if (receiver == address(0)) revert ErrorsLib.ZeroAddress();
        Vault storage v = _vaults[id];
        _authorize(v.owner, id);
        _accrue();
        Liquidity storage l = _liq;
        uint256 available = l.cash;
        if (amount > available) revert ErrorsLib.InsufficientLiquidity(amount, available);
        Totals memory t = _totals;
        shares = amount.toSharesUp(t.borrowAssets, t.borrowShares);
        _totals = Totals((t.borrowAssets + amount).toUint128(), (t.borrowShares + shares).toUint128());
        v.debtShares += uint128(shares);
        l.cash = uint128(available - amount);
        _afterRiskIncrease(id);
        IERC20(BASE).safeTransfer(receiver, amount);
        emit EventsLib.Borrowed(id, msg.sender, receiver, amount, shares);
    }

    /// @notice Repays up to `amount` of vault `id`'s debt from the caller (anyone); `type(uint256).max` (or any amount
    /// at least the debt) repays exactly all accrued debt. Needs no price.
    function repay(uint256 id, uint256 amount) external nonReentrant returns (uint256 repaid, uint256 shares) {
        if (amount == 0) revert ErrorsLib.ZeroAmount();
        Vault storage v = _vaults[id];
        if (v.debtShares == 0) revert ErrorsLib.NothingToRepay(id);
        _accrue();
        (repaid, shares) = _reduceDebt(v, amount);
        _pullExact(BASE, msg.sender, repaid);
        emit EventsLib.Repaid(id, msg.sender, repaid, shares);
    }

    /// @notice Liquidates vault `id` (health factor < 1 at fresh prices): repays up to `repayAmount` of its debt from
    /// the caller and sends the caller `asset` collateral worth the repayment plus the discount.
    /// @dev Discount = clamp(1 − HF, MIN_DISCOUNT, maxDiscount). Repayment is capped to what brings HF to
    /// TARGET_HEALTH, unless the debt is dust. A vault so deep that seizing `asset` cannot raise its HF must have its
    /// whole balance of `asset` seized (reverts RepayBelowRequired if `repayAmount` is short). If no collateral is
    /// left, the remaining debt is written off (BadDebt).
    /// @return repaid Base units paid by the liquidator.
    /// @return seized Collateral units sent to the liquidator (at least `minSeized`).
    function liquidate(uint256 id, address asset, uint256 repayAmount, uint256 minSeized)
        external
        nonReentrant
        returns (uint256 repaid, uint256 seized)
    {
        if (_tload(_markSlot(id)) != 0) revert ErrorsLib.VaultCheckPending(id);
        if (repayAmount == 0) revert ErrorsLib.ZeroAmount();
        _accrue();
        Vault storage v = _vaults[id];
        Collateral storage c = _collaterals[asset];
        Liq memory x;
        x.balance = collateralOf[id][asset];
        if (x.balance == 0) revert ErrorsLib.InsufficientCollateral(id, asset, 0, minSeized);
        Totals memory t = _totals;
        x.debt = uint256(v.debtShares).toAssetsUp(t.borrowAssets, t.borrowShares);
        Health memory h = _health(id, x.debt);
        x.hf = HealthLib.healthFactor(h.liquidationValue, h.debtValue);
        if (x.hf >= WAD) revert ErrorsLib.NotLiquidatable(id, x.hf);
        x.discount = HealthLib.discount(x.hf, c.maxDiscount);
        x.basePrice = oracle.price(BASE);
        x.colPrice = oracle.price(asset);
        x.colScale = 10 ** c.decimals;
        uint256 bonusLt = (WAD + x.discount).wMulUp(c.lt);
        if (x.hf < bonusLt) {
            // Seizing this asset lowers HF: only a seizure of the whole balance is allowed.
            x.seized = x.balance;
            x.repaid = _repayFor(x);
            if (x.repaid > x.debt) {
                x.repaid = x.debt;
                x.seized = _seizedFor(x);
            }
            if (repayAmount < x.repaid) revert ErrorsLib.RepayBelowRequired(repayAmount, x.repaid);
        } else {
            uint256 maxRepay =
                HealthLib.maxRepayValue(h.liquidationValue, h.debtValue, bonusLt).mulDivUp(BASE_SCALE, x.basePrice);
            if (
                maxRepay >= x.debt || h.debtValue <= DUST_VALUE
                    || HealthLib.valueUp(x.debt - maxRepay, x.basePrice, BASE_SCALE) < DUST_VALUE
            ) maxRepay = x.debt;
            x.repaid = repayAmount.min(maxRepay);
            x.seized = _seizedFor(x);
            if (x.seized > x.balance) {
                x.seized = x.balance;
                x.repaid = _repayFor(x).min(x.debt);
            }
        }
        if (x.seized < minSeized) revert ErrorsLib.SeizedBelowMin(x.seized, minSeized);

        (repaid,) = _reduceDebt(v, x.repaid);
        seized = x.seized;
        uint256 left = x.balance - seized;
        collateralOf[id][asset] = left;
        c.total -= uint128(seized);
        if (left == 0) v.heldMask &= ~uint32(1 << c.index);
        if (v.heldMask == 0 && v.debtShares != 0) _writeOff(id, v);

        _pullExact(BASE, msg.sender, repaid);
        IERC20(asset).safeTransfer(msg.sender, seized);
        emit EventsLib.Liquidated(id, msg.sender, asset, repaid, seized, x.discount);
    }

    /// @notice Runs each call on this market in order (delegatecall to itself, same msg.sender) and returns their
    /// results. LTV checks of vaults that borrowed or withdrew during the batch run once each, at the end.
    function multicall(bytes[] calldata data) external returns (bytes[] memory results) {
        bool outer = _tload(BATCH_SLOT) == 0;
        if (outer) _tstore(BATCH_SLOT, 1);
        results = new bytes[](data.length);
        for (uint256 i; i < data.length; ++i) {
            (bool ok, bytes memory r) = address(this).delegatecall(data[i]);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(r, 32), mload(r))
                }
            }
            results[i] = r;
        }
        if (outer) {
            uint256 n = _tload(BATCH_SLOT);
            _tstore(BATCH_SLOT, 0);
            if (n > 1) _accrue();
            for (uint256 k = 1; k < n; ++k) {
                uint256 id = _tload(BATCH_SLOT + k);
                _tstore(_markSlot(id), 0);
                _checkLtv(id);
            }
        }
    }

    /* FLASH LOANS */

    /// @notice Base units available for a flash loan (the market's cash); zero for any other token.
    function maxFlashLoan(address token) external view returns (uint256) {
        return token == BASE ? _liq.cash : 0;
    }

    /// @notice Fee for flash-borrowing `amount` of `token` (base asset only), rounded up.
    function flashFee(address token, uint256 amount) public view returns (uint256) {
        if (token != BASE) revert ErrorsLib.UnsupportedToken(token);
        return amount.mulDivUp(_config.flashFeeBps, BPS);
    }

    /// @notice ERC-3156 flash loan of the base asset; the fee goes to reserves. The callback may use this market's
    /// vault and ERC4626 functions but not take another flash loan.
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool)
    {
        if (_tload(FLASH_SLOT) != 0) revert ErrorsLib.FlashLoanActive();
        _lock();
        uint256 fee = flashFee(token, amount);
        uint256 available = _liq.cash;
        if (amount > available) revert ErrorsLib.InsufficientLiquidity(amount, available);
        _tstore(FLASH_SLOT, 1);
        IERC20(BASE).safeTransfer(address(receiver), amount);
        _tstore(LOCK_SLOT, 0);
        if (receiver.onFlashLoan(msg.sender, token, amount, fee, data) != FLASH_CALLBACK_SUCCESS) {
            revert ErrorsLib.FlashCallbackFailed();
        }
        _lock();
        _pullExact(BASE, address(receiver), amount + fee);
        Liquidity storage l = _liq;
        l.cash = (l.cash + fee).toUint128();
        l.reserves = (l.reserves + fee).toUint96();
        _tstore(FLASH_SLOT, 0);
        _tstore(LOCK_SLOT, 0);
        emit EventsLib.FlashLoan(address(receiver), msg.sender, amount, fee);
        return true;
    }

    /* RISK ADMIN */

    /// @notice Lists `asset` as collateral, or changes its parameters, immediately. Only while the market has no debt
    /// (set-up); afterwards every change goes through `proposeCollateral` and the risk delay.
    function listCollateral(address asset, CollateralParams calldata params) external onlyOwner {
        if (_totals.borrowShares != 0) revert ErrorsLib.MarketHasDebt();
        _setCollateral(asset, params);
    }

    /// @notice Proposes listing `asset` or changing its parameters; executable after `riskDelay`.
    function proposeCollateral(address asset, CollateralParams calldata params)
        external
        onlyOwner
        returns (uint256 changeId)
    {
        _validateCollateral(params);
        changeId = _propose(
            ChangeKind.Collateral,
            asset,
            [uint256(params.ltv), params.liquidationThreshold, params.maxDiscount, params.supplyCap]
        );
    }

    /// @notice Proposes a new rate model; executable after `riskDelay`.
    function proposeRateModel(RateModel calldata model) external onlyOwner returns (uint256 changeId) {
        _validateRateModel(model);
        changeId = _propose(
            ChangeKind.RateModel, address(0), [uint256(model.baseRate), model.slope1, model.slope2, model.kink]
        );
    }

    /// @notice Proposes a new reserve factor (WAD) and flash fee (bps); executable after `riskDelay`.
    function proposeFees(uint256 reserveFactor_, uint256 flashFeeBps_) external onlyOwner returns (uint256 changeId) {
        _validateFees(reserveFactor_, flashFeeBps_);
        changeId = _propose(ChangeKind.Fees, address(0), [reserveFactor_, flashFeeBps_, 0, 0]);
    }

    /// @notice Applies pending change `changeId` once its delay has passed.
    function executeChange(uint256 changeId) external onlyOwner {
        PendingChange memory ch = _takeChange(changeId, true);
        uint256[4] memory x = ch.values;
        if (ch.kind == ChangeKind.Collateral) {
            _setCollateral(ch.asset, CollateralParams(uint64(x[0]), uint64(x[1]), uint64(x[2]), uint128(x[3])));
        } else {
            _accrue();
            if (ch.kind == ChangeKind.RateModel) {
                _setRateModel(RateModel(uint64(x[0]), uint64(x[1]), uint64(x[2]), uint64(x[3])));
            } else {
                _setFees(x[0], x[1]);
            }
        }
        emit EventsLib.ChangeExecuted(changeId);
    }

    /// @notice Drops pending change `changeId`.
    function cancelChange(uint256 changeId) external onlyOwner {
        _takeChange(changeId, false);
        emit EventsLib.ChangeCancelled(changeId);
    }

    /// @notice Sends `amount` of protocol reserves to `to` (limited by reserves and by cash).
    function withdrawReserves(address to, uint256 amount) external onlyOwner nonReentrant {
        if (to == address(0)) revert ErrorsLib.ZeroAddress();
        _accrue();
        Liquidity storage l = _liq;
        uint256 available = uint256(l.reserves).min(l.cash);
        if (amount > available) revert ErrorsLib.InsufficientReserves(amount, available);
        l.reserves -= uint96(amount);
        l.cash -= uint128(amount);
        IERC20(BASE).safeTransfer(to, amount);
        emit EventsLib.ReservesWithdrawn(to, amount);
    }

    /// @notice Accrues interest up to now (anyone).
    function accrueInterest() external nonReentrant {
        _accrue();
    }

    /* ERC4626 */

    /// @notice Lenders' assets: cash + borrows − reserves, interest accrued to now.
    function totalAssets() public view override returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        return (uint256(l.cash) + t.borrowAssets).zeroFloorSub(l.reserves);
    }

    /// @notice Assets `owner_` can withdraw now: its share of assets, limited by cash.
    function maxWithdraw(address owner_) public view override returns (uint256) {
        return _convertToAssets(balanceOf(owner_), Math.Rounding.Floor).min(_liq.cash);
    }

    /// @notice Shares `owner_` can redeem now: its balance, limited by cash.
    function maxRedeem(address owner_) public view override returns (uint256) {
        return balanceOf(owner_).min(_convertToShares(_liq.cash, Math.Rounding.Floor));
    }

    function _deposit(address caller, address receiver, uint256 assets, uint256 shares)
        internal
        override
        nonReentrant
    {
        _accrue();
        super._deposit(caller, receiver, assets, shares);
    }

    function _withdraw(address caller, address receiver, address owner_, uint256 assets, uint256 shares)
        internal
        override
        nonReentrant
    {
        _accrue();
        super._withdraw(caller, receiver, owner_, assets, shares);
    }

    function _transferIn(address from, uint256 assets) internal override {
        _pullExact(BASE, from, assets);
        _liq.cash = (_liq.cash + assets).toUint128();
    }

    function _transferOut(address to, uint256 assets) internal override {
        _liq.cash -= uint128(assets);
        IERC20(BASE).safeTransfer(to, assets);
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return SHARE_DECIMALS_OFFSET;
    }

    /* VIEWS */

    /// @notice Total debt of all vaults, interest accrued to now.
    function totalBorrows() external view returns (uint256) {
        (Totals memory t,) = _accrued();
        return t.borrowAssets;
    }

    /// @notice Total debt shares of all vaults.
    function totalBorrowShares() external view returns (uint256) {
        return _totals.borrowShares;
    }

    /// @notice Protocol reserves, interest accrued to now.
    function totalReserves() external view returns (uint256) {
        (, Liquidity memory l) = _accrued();
        return l.reserves;
    }

    /// @notice Base units held for lenders, borrowers and reserves (excludes donations).
    function cash() external view returns (uint256) {
        return _liq.cash;
    }

    /// @notice Borrows / (cash + borrows − reserves), WAD, capped at 1.
    function utilization() external view returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        return _utilization(t, l);
    }

    /// @notice Current borrow rate per second (WAD).
    function borrowRate() external view returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        return _borrowRate(_utilization(t, l));
    }

    /// @notice Current supply rate per second (WAD): borrow rate × utilisation × (1 − reserve factor).
    function supplyRate() external view returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        uint256 u = _utilization(t, l);
        return _borrowRate(u).wMulDown(u).wMulDown(WAD - _config.reserveFactor);
    }

    /// @notice The interest rate model.
    function rateModel() external view returns (RateModel memory) {
        return _rateModel;
    }

    /// @notice Share of interest going to reserves (WAD).
    function reserveFactor() external view returns (uint256) {
        return _config.reserveFactor;
    }

    /// @notice Flash-loan fee in basis points.
    function flashFeeBps() external view returns (uint256) {
        return _config.flashFeeBps;
    }

    /// @notice Number of vaults ever opened (ids are 1..vaultCount).
    function vaultCount() external view returns (uint256) {
        return _config.vaultCount;
    }

    /// @notice Listed collateral assets, in listing order.
    function collateralAssets() external view returns (address[] memory) {
        return _collateralList;
    }

    /// @notice Parameters and market total of collateral `asset` (zero values when not listed).
    function collateralInfo(address asset) external view returns (CollateralInfo memory) {
        Collateral memory c = _collaterals[asset];
        return CollateralInfo(asset, c.decimals, c.ltv, c.lt, c.maxDiscount, c.supplyCap, c.total);
    }

    /// @notice Risk changes waiting for their delay.
    function pendingChanges() external view returns (PendingChange[] memory) {
        return _pending;
    }

    /// @notice Ids of the vaults `owner_` holds in this market.
    function vaultsOf(address owner_) external view returns (uint256[] memory) {
        return _ownerVaults[owner_];
    }

    /// @notice Owner of vault `id` (zero if none).
    function vaultOwner(uint256 id) external view returns (address) {
        return _vaults[id].owner;
    }

    /// @notice Debt of vault `id` in base units, interest accrued to now, rounded up.
    function debtOf(uint256 id) public view returns (uint256) {
        (Totals memory t,) = _accrued();
        return uint256(_vaults[id].debtShares).toAssetsUp(t.borrowAssets, t.borrowShares);
    }

    /// @notice Owner, debt (accrued to now) and held collateral of vault `id`.
    function getVault(uint256 id) external view returns (VaultData memory d) {
        Vault memory v = _vaults[id];
        d.id = id;
        d.owner = v.owner;
        d.debtShares = v.debtShares;
        d.debt = debtOf(id);
        uint256 n;
        for (uint256 m = v.heldMask; m != 0; m &= m - 1) ++n;
        d.assets = new address[](n);
        d.amounts = new uint256[](n);
        n = 0;
        uint256 mask = v.heldMask;
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                address a = _collateralList[i];
                d.assets[n] = a;
                d.amounts[n++] = collateralOf[id][a];
            }
            mask >>= 1;
        }
    }

    /// @notice Values of vault `id` at current prices (USD, WAD) and its health factor. Reverts with the oracle's
    /// error if a price is not fresh.
    function vaultHealth(uint256 id)
        external
        view
        returns (
            uint256 collateralValue,
            uint256 borrowLimitValue,
            uint256 liquidationValue,
            uint256 debtValue,
            uint256 healthFactor
        )
    {
        Health memory h = _health(id, debtOf(id));
        return (
            h.collateralValue,
            h.borrowLimitValue,
            h.liquidationValue,
            h.debtValue,
            HealthLib.healthFactor(h.liquidationValue, h.debtValue)
        );
    }

    /* INTERNAL: ACCOUNTING */

    function _accrued() internal view returns (Totals memory t, Liquidity memory l) {
        t = _totals;
        l = _liq;
        (uint256 interest, uint256 toReserves,) = _pendingInterest(t, l);
        if (interest != 0) {
            t.borrowAssets = (t.borrowAssets + interest).toUint128();
            l.reserves = (l.reserves + toReserves).toUint96();
        }
    }

    function _pendingInterest(Totals memory t, Liquidity memory l)
        internal
        view
        returns (uint256 interest, uint256 toReserves, uint256 rate)
    {
        uint256 elapsed = block.timestamp - l.lastAccrual;
        if (elapsed == 0 || t.borrowAssets == 0) return (0, 0, 0);
        rate = _borrowRate(_utilization(t, l));
        interest = uint256(t.borrowAssets).wMulDown(rate.wTaylorCompounded(elapsed));
        toReserves = interest.wMulDown(_config.reserveFactor);
    }

    function _accrue() internal {
        Liquidity memory l = _liq;
        if (l.lastAccrual == block.timestamp) return;
        Totals memory t = _totals;
        (uint256 interest, uint256 toReserves, uint256 rate) = _pendingInterest(t, l);
        if (interest != 0) {
            _totals.borrowAssets = (t.borrowAssets + interest).toUint128();
            l.reserves = (l.reserves + toReserves).toUint96();
            emit EventsLib.InterestAccrued(rate, interest, toReserves);
        }
        l.lastAccrual = uint32(block.timestamp);
        _liq = l;
    }

    function _utilization(Totals memory t, Liquidity memory l) internal pure returns (uint256) {
        if (t.borrowAssets == 0) return 0;
        uint256 supplied = (uint256(l.cash) + t.borrowAssets).zeroFloorSub(l.reserves);
        if (t.borrowAssets >= supplied) return WAD;
        return uint256(t.borrowAssets).wDivDown(supplied);
    }

    function _borrowRate(uint256 u) internal view returns (uint256) {
        RateModel memory m = _rateModel;
        if (u <= m.kink) return m.baseRate + uint256(m.slope1).mulDivDown(u, m.kink);
        return m.baseRate + m.slope1 + uint256(m.slope2).mulDivDown(u - m.kink, WAD - m.kink);
    }

    /// @dev Burns debt of `v` worth `assets` (all of it when `assets` ≥ debt). Shares burned round down.
    function _reduceDebt(Vault storage v, uint256 assets) internal returns (uint256 repaid, uint256 shares) {
        uint256 vShares = v.debtShares;
        Totals memory t = _totals;
        uint256 debt = vShares.toAssetsUp(t.borrowAssets, t.borrowShares);
        if (assets >= debt) (repaid, shares) = (debt, vShares);
        else (repaid, shares) = (assets, assets.toSharesDown(t.borrowAssets, t.borrowShares));
        v.debtShares = uint128(vShares - shares);
        uint256 newShares = t.borrowShares - shares;
        // With no shares left no debt is left: rounding dust never survives as phantom debt.
        uint256 newAssets = newShares == 0 ? 0 : uint256(t.borrowAssets).zeroFloorSub(repaid);
        _totals = Totals(uint128(newAssets), uint128(newShares));
        _liq.cash = (_liq.cash + repaid).toUint128();
    }

    /// @dev Writes the debt of a vault without collateral off against lenders.
    function _writeOff(uint256 id, Vault storage v) internal {
        uint256 shares = v.debtShares;
        Totals memory t = _totals;
        uint256 newShares = t.borrowShares - shares;
        uint256 newAssets =
            newShares == 0 ? 0 : uint256(t.borrowAssets).zeroFloorSub(shares.toAssetsUp(t.borrowAssets, t.borrowShares));
        uint256 bad = t.borrowAssets - newAssets;
        _totals = Totals(uint128(newAssets), uint128(newShares));
        v.debtShares = 0;
        totalBadDebt += bad;
        // Reserves never exceed what backs them, so totalAssets never underflows.
        Liquidity storage l = _liq;
        uint256 backing = uint256(l.cash) + newAssets;
        if (l.reserves > backing) l.reserves = uint96(backing);
        emit EventsLib.BadDebt(id, bad);
    }

    /* INTERNAL: HEALTH */

    /// @dev Values of vault `id` with debt `debt`, at fresh prices (reverts with the oracle's error otherwise).
    function _health(uint256 id, uint256 debt) internal view returns (Health memory h) {
        uint256 mask = _vaults[id].heldMask;
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                address a = _collateralList[i];
                Collateral storage c = _collaterals[a];
                uint256 value = HealthLib.valueDown(collateralOf[id][a], oracle.price(a), 10 ** c.decimals);
                h.collateralValue += value;
                h.borrowLimitValue += value.wMulDown(c.ltv);
                h.liquidationValue += value.wMulDown(c.lt);
            }
            mask >>= 1;
        }
        if (debt != 0) h.debtValue = HealthLib.valueUp(debt, oracle.price(BASE), BASE_SCALE);
    }

    /// @dev Reverts unless vault `id` (interest accrued this block) is within LTV. A vault without debt always is.
    function _checkLtv(uint256 id) internal view {
        uint256 shares = _vaults[id].debtShares;
        if (shares == 0) return;
        Totals memory t = _totals;
        Health memory h = _health(id, shares.toAssetsUp(t.borrowAssets, t.borrowShares));
        if (h.debtValue > h.borrowLimitValue) revert ErrorsLib.ExceedsLtv(id, h.borrowLimitValue, h.debtValue);
    }

    /// @dev Checks vault `id` now, or records it for the end-of-batch check inside a multicall.
    function _afterRiskIncrease(uint256 id) internal {
        uint256 n = _tload(BATCH_SLOT);
        if (n == 0) return _checkLtv(id);
        uint256 mark = _markSlot(id);
        if (_tload(mark) != 0) return;
        _tstore(mark, 1);
        _tstore(BATCH_SLOT + n, id);
        _tstore(BATCH_SLOT, n + 1);
    }

    function _seizedFor(Liq memory x) internal view returns (uint256) {
        return HealthLib.seizedForRepay(x.repaid, x.basePrice, BASE_SCALE, x.colPrice, x.colScale, x.discount);
    }

    function _repayFor(Liq memory x) internal view returns (uint256) {
        return HealthLib.repayForSeized(x.seized, x.basePrice, BASE_SCALE, x.colPrice, x.colScale, x.discount);
    }

    /* INTERNAL: ADMIN */

    function _setCollateral(address asset, CollateralParams memory p) internal {
        _validateCollateral(p);
        Collateral storage c = _collaterals[asset];
        if (!c.listed) {
            if (asset == address(0) || asset == BASE || asset == address(this)) revert ErrorsLib.InvalidCollateral(asset);
            uint256 n = _collateralList.length;
            if (n >= MAX_COLLATERALS) revert ErrorsLib.TooManyCollaterals();
            if (address(oracle.feedConfig(asset).feed) == address(0)) revert ErrorsLib.MissingFeed(asset);
            uint8 dec = IERC20Metadata(asset).decimals();
            if (dec > MAX_DECIMALS) revert ErrorsLib.InvalidDecimals(asset, dec);
            c.listed = true;
            c.index = uint8(n);
            c.decimals = dec;
            _collateralList.push(asset);
            emit EventsLib.CollateralListed(asset, p.ltv, p.liquidationThreshold, p.maxDiscount, p.supplyCap);
        } else {
            emit EventsLib.CollateralParamsSet(asset, p.ltv, p.liquidationThreshold, p.maxDiscount, p.supplyCap);
        }
        c.ltv = p.ltv;
        c.lt = p.liquidationThreshold;
        c.maxDiscount = p.maxDiscount;
        c.supplyCap = p.supplyCap;
    }

    function _validateCollateral(CollateralParams memory p) internal pure {
        if (
            p.liquidationThreshold > MAX_LT || p.ltv >= p.liquidationThreshold || p.maxDiscount < MIN_DISCOUNT
                || p.maxDiscount > MAX_DISCOUNT
        ) revert ErrorsLib.InvalidCollateralParams(p.ltv, p.liquidationThreshold, p.maxDiscount);
    }

    function _setRateModel(RateModel memory m) internal {
        _validateRateModel(m);
        _rateModel = m;
        emit EventsLib.RateModelSet(m.baseRate, m.slope1, m.slope2, m.kink);
    }

    function _validateRateModel(RateModel memory m) internal pure {
        if (m.kink == 0 || m.kink >= WAD || uint256(m.baseRate) + m.slope1 + m.slope2 > MAX_BORROW_RATE) {
            revert ErrorsLib.InvalidRateModel();
        }
    }

    function _setFees(uint256 reserveFactor_, uint256 flashFeeBps_) internal {
        _validateFees(reserveFactor_, flashFeeBps_);
        _config.reserveFactor = uint64(reserveFactor_);
        _config.flashFeeBps = uint16(flashFeeBps_);
        emit EventsLib.FeesSet(reserveFactor_, flashFeeBps_);
    }

    function _validateFees(uint256 reserveFactor_, uint256 flashFeeBps_) internal pure {
        if (reserveFactor_ > MAX_RESERVE_FACTOR || flashFeeBps_ > MAX_FLASH_FEE_BPS) {
            revert ErrorsLib.InvalidFees(reserveFactor_, flashFeeBps_);
        }
    }

    function _propose(ChangeKind kind, address asset, uint256[4] memory values) internal returns (uint256 id) {
        id = ++_lastChangeId;
        uint64 eta = uint64(block.timestamp + riskDelay);
        _pending.push(PendingChange(id, kind, asset, eta, values));
        emit EventsLib.ChangeProposed(id, kind, asset, values, eta);
    }

    /// @dev Removes pending change `changeId` and returns it; `ready` requires its delay to have passed.
    function _takeChange(uint256 changeId, bool ready) internal returns (PendingChange memory ch) {
        uint256 n = _pending.length;
        for (uint256 i; i < n; ++i) {
            if (_pending[i].id == changeId) {
                ch = _pending[i];
                if (ready && block.timestamp < ch.executableAt) {
                    revert ErrorsLib.ChangeNotReady(changeId, ch.executableAt);
                }
                _pending[i] = _pending[n - 1];
                _pending.pop();
                return ch;
            }
        }
        revert ErrorsLib.ChangeNotFound(changeId);
    }

    /* INTERNAL: TOKENS, AUTH, TRANSIENT */

    /// @dev Pulls exactly `amount` of `token`; a fee-on-transfer or rebasing token is refused here.
    function _pullExact(address token, address from, uint256 amount) internal {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(from, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)).zeroFloorSub(before);
        if (received != amount) revert ErrorsLib.TransferAmountMismatch(token, amount, received);
    }

    function _authorize(address vaultOwner_, uint256 id) internal view {
        if (msg.sender != vaultOwner_ && !isOperator[vaultOwner_][msg.sender]) {
            revert ErrorsLib.Unauthorized(id, msg.sender);
        }
    }

    function _lock() internal {
        if (_tload(LOCK_SLOT) != 0) revert ErrorsLib.Reentrancy();
        _tstore(LOCK_SLOT, 1);
    }

    function _markSlot(uint256 id) internal pure returns (uint256 slot) {
        uint256 seed = BATCH_SLOT;
        assembly ("memory-safe") {
            mstore(0, id)
            mstore(32, seed)
            slot := keccak256(0, 64)
        }
    }

    function _tload(uint256 slot) internal view returns (uint256 v) {
        assembly ("memory-safe") {
            v := tload(slot)
        }
    }

    function _tstore(uint256 slot, uint256 v) internal {
        assembly ("memory-safe") {
            tstore(slot, v)
        }
    }
}
