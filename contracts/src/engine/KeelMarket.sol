// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {IKeelMarket, RateModel, CollateralParams, CollateralInfo, VaultData} from "../interfaces/IKeelMarket.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";
import {RiskBoundsLib} from "../libraries/RiskBoundsLib.sol";

/// @title KeelMarket
/// @notice One market of the Keel margin engine, in one contract with its storage (in the manner of Morpho Blue's
/// core). Lenders supply the base asset to a share ledger (directly, or through the market's KeelLenderVault, an
/// ERC-4626 token); borrowers open vaults, post one or more listed collateral assets (cross-margin) and borrow the base
/// asset within each collateral's LTV. Vaults whose health factor falls below 1 are liquidated at a discount that grows
/// as health falls; debt left without collateral is written off against lenders. Risk parameters are set only by
/// `riskAdmin` (a KeelRiskAdmin, which holds the delay, the pending changes and the emergency pause) and only within
/// hard bounds the market enforces itself. Every external function is documented once, in IKeelMarket.
/// @dev Accounting is internal (`cash`, borrows, reserves): donations and flash loans never move the supply share
/// price. Reentrancy: one transient lock guards every state-changing entry point. `flashLoan` releases it during the
/// borrower's callback, so the callback may use vault and supply functions (one-transaction leverage), but a second
/// flash loan is refused until the first is repaid. `multicall` defers LTV checks of the vaults it touches to its end.
/// Transfers in are checked against the market's balance (`_pullIn`): for the base asset (repayments, liquidations,
/// supply, flash repayments) one balanceOf after the transfer must cover all it records (`cash`), so fee-on-transfer
/// tokens are refused unless donated tokens absorb the fee; a collateral deposit, which has no recorded total, reads
/// the balance before (for the supply cap) and after, and must arrive whole. Transfers out are not checked.
/// Collaterals whose balance can change without a transfer (rebasing, slashable, issuer burns) are not supported:
/// list a non-rebasing wrapper (docs/engine.md).
contract KeelMarket is IKeelMarket {
    using SafeERC20 for IERC20;
    using MathLib for uint256;
    using SharesLib for uint256;
    using SafeCast for uint256;

    /* CONSTANTS */

    // The engine's bounds live in their libraries (RiskBoundsLib, HealthLib) and are read on-chain from KeelLens, not
    // from the market: every external function of a market costs each call to a function whose selector sorts after
    // it one comparison in the via-IR dispatcher (docs/performance.md, "Dispatch").
    uint256 internal constant BPS = 10_000;
    uint8 internal constant MAX_DECIMALS = 36;
    /// @dev Largest number of decimals of the base asset (see the constructor).
    uint8 internal constant MAX_BASE_DECIMALS = 18;
    bytes32 internal constant FLASH_CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @dev Transient slots: reentrancy lock, flash loan (0 = none, else 1 + the amount lent), batch (0 = none, else 1 +
    /// number of touched vaults; touched ids at BATCH_SLOT + 1.., a marker per id at keccak(id, BATCH_SLOT)).
    uint256 internal constant LOCK_SLOT = uint256(keccak256("keel.market.lock"));
    uint256 internal constant FLASH_SLOT = uint256(keccak256("keel.market.flash"));
    uint256 internal constant BATCH_SLOT = uint256(keccak256("keel.market.batch"));
    /// @dev Transient: per vault, 1 + its health factor at its first liquidation in this transaction (see liquidate).
    uint256 internal constant LIQ_SLOT = uint256(keccak256("keel.market.liquidation"));

    /* STORAGE */

    struct Totals {
        uint128 borrowAssets;
        uint128 borrowShares;
    }

    /// @dev `reserves` saturates at MAX_RESERVES (interest past it goes to lenders), so no accrual ever overflows it.
    /// `borrowPaused` (the risk admin's emergency switch) shares the slot every borrow reads and writes anyway.
    struct Liquidity {
        uint128 cash;
        uint88 reserves;
        uint32 lastAccrual;
        bool borrowPaused;
    }

    /// @dev Largest `Liquidity.reserves` (3.09e26 units: 309 million tokens of 18 decimals); reserves stop growing there
    /// until withdrawn.
    uint256 internal constant MAX_RESERVES = type(uint88).max;

    /// @dev The rate model and both fees in ONE slot, so an accrual reads one slot for all of them. Every field holds
    /// its validated range exactly: rates ≤ MAX_BORROW_RATE < 2^40, kink < WAD < 2^64, reserve factor ≤ 0.5 WAD,
    /// flash fee ≤ 100 bps.
    struct Rates {
        uint40 baseRate;
        uint40 slope1;
        uint40 slope2;
        uint64 kink;
        uint64 reserveFactor;
        uint8 flashFeeBps;
    }

    /// @dev `live` is set by the constructor so this slot is never zero: the first `openVault` then pays a 2,900-gas
    /// update rather than a 20,000-gas fresh write. `collateralCount` is the number of listed collaterals (≤ 32).
    /// `reputation` is the LTV-bonus source (zero: none), read only when a vault is over its base LTV (`_checkLtv`).
    struct Config {
        uint64 vaultCount;
        bool live;
        uint8 collateralCount;
        address reputation;
    }

    /// @dev Slot 0: the risk parameters, the index and `listed`: everything a liquidation or a withdrawal reads of
    /// its collateral, in one slot. Slot 1: the supply cap with copies of `index` and `listed` (`depositIndex`,
    /// `depositListed`, written with them at listing and never changed), so a deposit also reads one slot. No total
    /// is stored: the cap holds the market's balance of the asset (`depositCollateral`), which covers every vault's
    /// balance, so a deposit, a withdrawal and a liquidation write no collateral slot (issue #12: a liquidation's
    /// read and write of a total were 5,000 gas). Caps above MAX_COLLATERAL_TOTAL count as it.
    struct Collateral {
        uint64 ltv;
        uint64 lt;
        uint64 maxDiscount;
        uint8 decimals;
        uint8 index;
        bool listed;
        uint128 supplyCap;
        uint8 depositIndex;
        bool depositListed;
    }

    /// @dev Largest balance of a collateral the market takes (5.19e33 units), and of one vault: so `balance0` and
    /// every value computed from a balance fit (`_storePosition`, HealthLib).
    uint256 internal constant MAX_COLLATERAL_TOTAL = type(uint112).max;

    /// @dev One listed collateral by index, in ONE slot: what an LTV check needs besides the vault's balance.
    /// `ltv` mirrors `Collateral.ltv` (both written only by `_setCollateral`).
    struct Listed {
        address asset;
        uint8 decimals;
        uint64 ltv;
    }

    /// @dev Slot 0: owner, held mask, position in the owner's list. Slot 1: the debt AND the balance of the market's
    /// first-listed collateral (index 0), like a Morpho Blue position: borrowing, withdrawing and liquidating that
    /// collateral read one slot for both, and a first borrow updates a slot the deposit already wrote. Balances of the
    /// other collaterals live in `_balances`. A balance never exceeds MAX_COLLATERAL_TOTAL (`depositCollateral`), so
    /// `balance0` always fits. `heldMask` has bit i set while the vault holds collateral i, for i ≥ 1 only: whether it
    /// holds collateral 0 is `balance0 != 0`, so a first deposit of it writes no second slot (see `_heldMask`).
    struct Vault {
        address owner;
        uint32 heldMask;
        uint64 ownerPos;
        uint128 debtShares;
        uint128 balance0;
    }

    /// @dev Values of one vault at current prices (USD, WAD).
    struct Health {
        uint256 collateralValue;
        uint256 borrowLimitValue;
        uint256 liquidationValue;
        uint256 debtValue;
        uint256 basePrice; // 0 when the vault has no debt
        uint256 assetPrice; // price of the asset `_health` was asked about (0 when the vault holds none)
    }

    /// @dev What `_health` needs of one held collateral.
    struct Params {
        address asset;
        uint8 decimals;
        uint64 ltv;
        uint64 lt;
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
        uint256 startHf;
        uint256 index; // the seized collateral's index
        uint256 lt; // its liquidation threshold
    }

    /// @inheritdoc IKeelMarket
    KeelOracle public immutable oracle;
    /// @dev The only account allowed to change risk parameters (a KeelRiskAdmin, which holds the delay).
    address internal immutable RISK_ADMIN;
    address internal immutable BASE;
    uint256 internal immutable BASE_SCALE;

    Totals internal _totals;
    Liquidity internal _liq;
    Rates internal _rates;
    Config internal _config;
    uint256 internal _totalBadDebt;
    /// @dev Listed collaterals by index (0 ..< `_config.collateralCount`). A mapping, not an array: a held-mask bit
    /// is only ever set for a listed index, so the array's length check (one more cold SLOAD per LTV check) is moot.
    mapping(uint256 index => Listed) internal _listed;
    mapping(address asset => Collateral) internal _collaterals;
    mapping(uint256 id => Vault) internal _vaults;
    /// @dev Amount of `asset` held by vault `id`, for every collateral but index 0 (`Vault.balance0`): see `_balanceOf`.
    mapping(uint256 id => mapping(address asset => uint256)) internal _balances;
    mapping(address owner => uint256[]) internal _ownerVaults;
    /// @inheritdoc IKeelMarket
    mapping(address owner => mapping(address operator => bool)) public isOperator;
    /// @dev The account vault `id` is offered to (`transferVault`), until it calls `acceptVault` (zero: none).
    mapping(uint256 id => address) internal _pendingVaultOwner;
    /// @dev The supply ledger: shares per lender and their total (lenders' assets are cash + borrows − reserves).
    mapping(address account => uint256) internal _supplyShares;
    uint256 internal _totalSupplyShares;

    /* CONSTRUCTOR */

    /// @param baseAsset The asset lent and borrowed (must have an oracle feed, at most 36 decimals; no fee-on-transfer
    /// or rebasing token: every base transfer in is checked against `cash`, see `_pullIn`).
    /// @param oracle_ The price oracle.
    /// @param riskAdmin_ The only account allowed to set risk parameters (a KeelRiskAdmin).
    /// @param rateModel_ Initial interest rate model.
    /// @param reserveFactor_ Initial share of interest going to reserves (WAD).
    /// @param flashFeeBps_ Initial flash-loan fee in basis points.
    constructor(
        IERC20Metadata baseAsset,
        KeelOracle oracle_,
        address riskAdmin_,
        RateModel memory rateModel_,
        uint256 reserveFactor_,
        uint256 flashFeeBps_
    ) {
        if (address(oracle_) == address(0) || riskAdmin_ == address(0)) {
            revert ZeroAddress();
        }
        uint8 dec = baseAsset.decimals();
        // A base of more than 18 decimals would overflow the supply ledger's share conversions at a few whole tokens
        // (1e6 virtual shares per unit; audit5 L-1), locking a lender vault's deposits.
        if (dec > MAX_BASE_DECIMALS) revert InvalidDecimals(address(baseAsset), dec);
        oracle_.price(address(baseAsset)); // the base asset needs a live feed (reverts with the oracle's error)
        oracle = oracle_;
        RISK_ADMIN = riskAdmin_;
        BASE = address(baseAsset);
        BASE_SCALE = _scale(dec);
        _setRateModel(rateModel_);
        _setFees(reserveFactor_, flashFeeBps_);
        _liq.lastAccrual = uint32(block.timestamp);
        _config.live = true;
    }

    /* MODIFIERS */

    modifier nonReentrant() {
        _lock();
        _;
        _unlock();
    }

    /// @dev The market's risk admin (a KeelRiskAdmin).
    modifier onlyRiskAdmin() {
        if (msg.sender != RISK_ADMIN) revert NotRiskAdmin(msg.sender);
        _;
    }

    /* SUPPLY */

    /// @inheritdoc IKeelMarket
    function supply(uint256 assets, uint256 shares, address onBehalf) external nonReentrant returns (uint256, uint256) {
        if ((assets == 0) == (shares == 0)) revert InconsistentInput();
        if (onBehalf == address(0)) revert ZeroAddress();
        (Totals memory t, Liquidity memory l) = _accrueMem();
        uint256 totalShares = _totalSupplyShares;
        uint256 supplied = _supplyAssets(t, l);
        if (assets != 0) shares = assets.toSharesDown(supplied, totalShares);
        else assets = shares.toAssetsUp(supplied, totalShares);
        l.cash = (l.cash + assets).toUint128();
        _store(t, l);
        _totalSupplyShares = totalShares + shares;
        _supplyShares[onBehalf] += shares;
        _pullIn(BASE, msg.sender, assets, _cashOnHand(l.cash)); // `_pullBase` with the cash just stored
        emit Supplied(msg.sender, onBehalf, assets, shares);
        return (assets, shares);
    }

    /// @inheritdoc IKeelMarket
    function withdraw(uint256 assets, uint256 shares, address onBehalf, address receiver)
        external
        nonReentrant
        returns (uint256, uint256)
    {
        if ((assets == 0) == (shares == 0)) revert InconsistentInput();
        if (receiver == address(0)) revert ZeroAddress();
        // Only the lender itself: a vault operator (router, guard, gateway) was granted vaults, not supply (audit5 L-2).
        if (msg.sender != onBehalf) revert UnauthorizedLender(onBehalf, msg.sender);
        (Totals memory t, Liquidity memory l) = _accrueMem();
        uint256 totalShares = _totalSupplyShares;
        uint256 supplied = _supplyAssets(t, l);
        uint256 balance = _supplyShares[onBehalf];
        uint256 onHand = _cashOnHand(l.cash);
        // Each bound is checked before the conversion it limits, so an absurd amount gets its sentence, not a panic.
        if (assets != 0) {
            if (assets > onHand) revert InsufficientLiquidity(assets, onHand);
            shares = assets.toSharesUp(supplied, totalShares);
            if (shares > balance) revert InsufficientSupplyShares(onBehalf, balance, shares);
        } else {
            if (shares > balance) revert InsufficientSupplyShares(onBehalf, balance, shares);
            assets = shares.toAssetsDown(supplied, totalShares);
            if (assets > onHand) revert InsufficientLiquidity(assets, onHand);
        }
        l.cash = uint128(l.cash - assets);
        _store(t, l);
        unchecked {
            _supplyShares[onBehalf] = balance - shares;
            _totalSupplyShares = totalShares - shares; // every account's shares are part of the total
        }
        IERC20(BASE).safeTransfer(receiver, assets);
        emit Withdrawn(msg.sender, onBehalf, receiver, assets, shares);
        return (assets, shares);
    }

    /* VAULTS */

    /// @inheritdoc IKeelMarket
    /// @dev A new id's first slot is empty (ids are never reused): the owner and its position in the owner's list are
    /// written in one store, the held mask between them zero (the layout Solidity gives `Vault`'s first slot).
    function openVault() external nonReentrant returns (uint256 id) {
        id = ++_config.vaultCount;
        uint256[] storage list = _ownerVaults[msg.sender];
        uint256 pos = list.length;
        uint256 word = uint256(uint160(msg.sender)) | pos << 192;
        Vault storage v = _vaults[id];
        assembly ("memory-safe") {
            sstore(v.slot, word)
            // list.push(id), with the length already read: the length, then the element at keccak(slot) + pos.
            sstore(list.slot, add(pos, 1))
            mstore(0, list.slot)
            sstore(add(keccak256(0, 32), pos), id)
        }
        emit VaultOpened(id, msg.sender);
    }

    /// @inheritdoc IKeelMarket
    function transferVault(uint256 id, address to) external nonReentrant {
        Vault storage v = _vaults[id];
        address from = v.owner;
        if (from != msg.sender) revert Unauthorized(id, msg.sender);
        if (to == address(0)) revert ZeroAddress();
        if (to == from) {
            delete _pendingVaultOwner[id];
        } else if (isOperator[to][from]) {
            _moveVault(id, v, from, to);
            _checkMoved(id);
        } else {
            _pendingVaultOwner[id] = to;
            emit VaultTransferOffered(id, from, to);
        }
    }

    /// @inheritdoc IKeelMarket
    function acceptVault(uint256 id) external nonReentrant {
        if (_pendingVaultOwner[id] != msg.sender) revert NotOffered(id, msg.sender);
        Vault storage v = _vaults[id];
        _moveVault(id, v, v.owner, msg.sender);
        _checkMoved(id);
    }

    /// @inheritdoc IKeelMarket
    function pendingVaultOwner(uint256 id) external view returns (address) {
        return _pendingVaultOwner[id];
    }

    /// @inheritdoc IKeelMarket
    function setOperator(address operator, bool approved) external {
        isOperator[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
    }

    /// @inheritdoc IKeelMarket
    /// @dev A vault already holding `asset` exists (collateral is only ever credited to an opened vault, and a vault's
    /// owner never becomes zero), so the owner slot is read only for a vault's first deposit of `asset`.
    function depositCollateral(uint256 id, address asset_, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Collateral storage c = _collaterals[asset_];
        // One slot, read once (all three fields together, before any branch).
        (bool listed, uint256 index, uint256 cap) = (c.depositListed, c.depositIndex, c.supplyCap);
        Vault storage v = _vaults[id];
        // The first-listed collateral's balance shares the position slot with the debt shares: read once, written once.
        uint256 shares;
        uint256 balance;
        if (listed) {
            if (index == 0) (shares, balance) = (v.debtShares, v.balance0);
            else balance = _balances[id][asset_];
        }
        if (balance == 0 && v.owner == address(0)) revert VaultNotFound(id);
        if (!listed) revert NotListed(asset_);
        if (cap > MAX_COLLATERAL_TOTAL) cap = MAX_COLLATERAL_TOTAL;
        // The market's balance after the deposit: what the cap holds. `amount` is at most that balance (checked
        // after the transfer, `_pullIn`), and the vault's new balance is bounded by the cap's own ceiling too (a
        // token that lost some of the market's balance could leave the vaults' balances above it).
        uint256 held;
        unchecked {
            held = _selfBalance(asset_) + amount;
            if (held < amount) held = type(uint256).max; // saturates: a balance answered near 2^256 is over any cap
        }
        if (held > cap) revert SupplyCapExceeded(asset_, held, cap);
        balance += amount;
        if (balance > MAX_COLLATERAL_TOTAL) revert VaultCollateralTooLarge(id, asset_, balance, MAX_COLLATERAL_TOTAL);
        if (index == 0) {
            _storePosition(v, shares, balance);
        } else {
            if (balance == amount) v.heldMask |= uint32(1 << index);
            _balances[id][asset_] = balance;
        }
        _pullIn(asset_, msg.sender, amount, held);
        emit CollateralDeposited(id, msg.sender, asset_, amount);
    }

    /// @inheritdoc IKeelMarket
    function withdrawCollateral(uint256 id, address asset_, uint256 amount, address receiver) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        Vault storage v = _vaults[id];
        _authorize(v.owner, id);
        Collateral storage c = _collaterals[asset_];
        (bool listed, uint256 index) = (c.listed, c.index);
        // The position slot (debt shares, first-listed collateral's balance) is read once and, for that collateral,
        // written once.
        (uint256 shares, uint256 balance0) = (v.debtShares, v.balance0);
        uint256 balance = !listed ? 0 : index == 0 ? balance0 : _balances[id][asset_];
        if (amount > balance) revert InsufficientCollateral(id, asset_, balance, amount);
        unchecked {
            balance -= amount;
        }
        if (index == 0) {
            _storePosition(v, shares, balance);
        } else {
            _balances[id][asset_] = balance;
            if (balance == 0) v.heldMask &= ~uint32(1 << index);
        }
        // A withdrawal moves neither borrows nor cash, so the rate is unchanged and accrued interest need not be
        // written: the check values the debt with interest accrued to now in memory (`_accrued`).
        if (shares != 0 && !_deferCheck(id)) {
            (Totals memory t,) = _accrued();
            _checkLtv(id, t);
        }
        IERC20(asset_).safeTransfer(receiver, amount);
        emit CollateralWithdrawn(id, msg.sender, asset_, amount, receiver);
    }

    /// @inheritdoc IKeelMarket
    function borrow(uint256 id, uint256 amount, address receiver) external nonReentrant returns (uint256 shares) {
        if (amount == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        Vault storage v = _vaults[id];
        _authorize(v.owner, id);
        (Totals memory t, Liquidity memory l) = _accrueMem();
        if (l.borrowPaused) revert BorrowPaused();
        uint256 available = l.cash;
        if (amount > available) revert InsufficientLiquidity(amount, available);
        shares = amount.toSharesUp(t.borrowAssets, t.borrowShares);
        (t.borrowAssets, t.borrowShares) =
        ((t.borrowAssets + amount).toUint128(), (t.borrowShares + shares).toUint128());
        l.cash = uint128(available - amount);
        _store(t, l);
        v.debtShares += uint128(shares);
        if (!_deferCheck(id)) _checkLtv(id, t);
        IERC20(BASE).safeTransfer(receiver, amount);
        emit Borrowed(id, msg.sender, receiver, amount, shares);
    }

    /// @inheritdoc IKeelMarket
    function repay(uint256 id, uint256 amount) external nonReentrant returns (uint256 repaid, uint256 shares) {
        if (amount == 0) revert ZeroAmount();
        Vault storage v = _vaults[id];
        if (v.debtShares == 0) revert NothingToRepay(id);
        (Totals memory t, Liquidity memory l) = _accrueMem();
        (repaid, shares) = _reduceDebt(v, amount, t, l);
        _store(t, l);
        _pullBase(msg.sender, repaid);
        emit Repaid(id, msg.sender, repaid, shares);
    }

    /// @inheritdoc IKeelMarket
    /// @dev Each storage slot it needs is read once (the collateral's index, its parameters), and the totals are
    /// written back one word each (`_store`).
    function liquidate(uint256 id, address asset_, uint256 repayAmount, uint256 minSeized)
        external
        nonReentrant
        returns (uint256 repaid, uint256 seized)
    {
        if (_tload(_markSlot(id)) != 0) revert VaultCheckPending(id);
        if (repayAmount == 0) revert ZeroAmount();
        (Totals memory t, Liquidity memory l) = _accrueMem();
        Vault storage v = _vaults[id];
        Collateral storage c = _collaterals[asset_];
        Liq memory x;
        // The collateral's first slot and the vault's position slot, each read once (its fields together); the
        // position's debt shares and `balance0` serve the valuation and the writes below. `asset` is held, hence
        // listed at `index`: its Listed slot need not be read.
        (bool listed, uint256 dec, uint256 ltv, uint256 lt, uint256 maxDiscount) =
            (c.listed, c.decimals, c.ltv, c.lt, c.maxDiscount);
        x.index = c.index;
        (uint256 vShares, uint256 balance0) = (v.debtShares, v.balance0);
        x.balance = !listed ? 0 : x.index == 0 ? balance0 : _balances[id][asset_];
        if (x.balance == 0) revert InsufficientCollateral(id, asset_, 0, minSeized);
        x.debt = vShares.toAssetsUp(t.borrowAssets, t.borrowShares);
        Health memory h = _health(
            id,
            _heldMask(v.heldMask, balance0),
            x.debt,
            x.index,
            Params(asset_, uint8(dec), uint64(ltv), uint64(lt)),
            x.balance
        );
        x.hf = HealthLib.healthFactor(h.liquidationValue, h.debtValue);
        if (x.hf >= WAD) revert NotLiquidatable(id, x.hf);
        // The seized asset must be priced: this reverts with the oracle's own error when it is not.
        if (h.assetPrice == 0) h.assetPrice = oracle.price(asset_);
        (x.lt, x.colScale) = (lt, _scale(uint8(dec)));
        x.startHf = _startHealth(id, x.hf);
        x.discount = HealthLib.discount(x.startHf, maxDiscount, h.collateralValue, h.debtValue);
        // Both prices were read (guarded) by _health: the vault has debt and holds `asset`.
        x.basePrice = h.basePrice;
        x.colPrice = h.assetPrice;
        if (HealthLib.seizureLowersHealth(x.hf, x.lt, x.discount)) {
            // Seizing this asset lowers HF: refused while another collateral would raise it; otherwise only a
            // seizure of the whole balance is allowed.
            if (_anotherRaises(id, asset_, x, h)) revert LiquidationLowersHealth(id, asset_);
            x.seized = x.balance;
            x.repaid = _repayFor(x);
            if (x.repaid > x.debt) {
                x.repaid = x.debt;
                x.seized = _seizedFor(x);
            }
            if (repayAmount < x.repaid) revert RepayBelowRequired(repayAmount, x.repaid);
        } else {
            uint256 bonusLt = (WAD + x.discount).wMulUp(x.lt);
            uint256 maxRepay =
                HealthLib.maxRepayValue(h.liquidationValue, h.debtValue, bonusLt).mulDivUp(BASE_SCALE, x.basePrice);
            if (
                maxRepay >= x.debt || h.debtValue <= HealthLib.DUST_VALUE
                    || HealthLib.valueUp(x.debt - maxRepay, x.basePrice, BASE_SCALE) < HealthLib.DUST_VALUE
            ) maxRepay = x.debt;
            x.repaid = repayAmount.min(maxRepay);
            x.seized = _seizedFor(x);
            if (x.seized > x.balance) {
                x.seized = x.balance;
                x.repaid = _repayFor(x).min(x.debt);
            }
        }
        if (x.seized < minSeized) revert SeizedBelowMin(x.seized, minSeized);

        uint256 sharesLeft;
        (repaid, sharesLeft) = _burnDebt(vShares, x.debt, x.repaid, t, l);
        _store(t, l);
        seized = x.seized;
        uint256 left = x.balance - seized;
        if (x.index == 0) {
            // The debt and the first-listed collateral's balance share the position slot: one write for both.
            _storePosition(v, sharesLeft, left);
        } else {
            v.debtShares = uint128(sharesLeft);
            _balances[id][asset_] = left;
        }
        // A vault that still holds `asset` holds collateral: only a seizure of the whole balance can empty it.
        if (left == 0) {
            if (x.index != 0) v.heldMask &= ~uint32(1 << x.index);
            if (_heldMask(v) == 0 && v.debtShares != 0) _writeOff(id, v);
        }

        _pullIn(BASE, msg.sender, repaid, _cashOnHand(l.cash)); // `_pullBase` with the cash just stored
        IERC20(asset_).safeTransfer(msg.sender, seized);
        emit Liquidated(id, msg.sender, asset_, repaid, seized, x.discount);
    }

    /// @inheritdoc IKeelMarket
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
            if (n > 1) {
                (Totals memory t,) = _accrued();
                for (uint256 k = 1; k < n; ++k) {
                    uint256 id = _tload(BATCH_SLOT + k);
                    _tstore(_markSlot(id), 0);
                    _checkLtv(id, t);
                }
            }
        }
    }

    /* FLASH LOANS */

    /// @inheritdoc IKeelMarket
    function maxFlashLoan(address token) external view returns (uint256) {
        return token == BASE ? _liq.cash : 0;
    }

    /// @inheritdoc IKeelMarket
    function flashFee(address token, uint256 amount) external view returns (uint256) {
        return _flashFee(token, amount);
    }

    /// @inheritdoc IKeelMarket
    /// @dev The amount lent sits in the flash transient slot (+1), so base transfers in during the callback are checked
    /// against cash minus it and withdrawals see only the cash on hand.
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool)
    {
        if (_tload(FLASH_SLOT) != 0) revert FlashLoanActive();
        if (_tload(BATCH_SLOT) != 0) revert FlashLoanInBatch();
        _lock();
        uint256 fee = _flashFee(token, amount);
        uint256 available = _liq.cash;
        if (amount > available) revert InsufficientLiquidity(amount, available);
        _tstore(FLASH_SLOT, amount + 1);
        IERC20(BASE).safeTransfer(address(receiver), amount);
        _tstore(LOCK_SLOT, 0);
        if (receiver.onFlashLoan(msg.sender, token, amount, fee, data) != FLASH_CALLBACK_SUCCESS) {
            revert FlashCallbackFailed();
        }
        _lock();
        Liquidity storage l = _liq;
        l.cash = (l.cash + fee).toUint128();
        l.reserves = _addReserves(l.reserves, fee);
        _tstore(FLASH_SLOT, 0);
        _pullBase(address(receiver), amount + fee);
        _tstore(LOCK_SLOT, 0);
        emit FlashLoan(address(receiver), msg.sender, amount, fee);
        return true;
    }

    /* RISK ADMIN ONLY (every value is checked against the hard bounds here, whoever proposed it) */

    /// @inheritdoc IKeelMarket
    function setCollateral(address asset_, CollateralParams calldata params) external onlyRiskAdmin nonReentrant {
        _setCollateral(asset_, params);
    }

    /// @inheritdoc IKeelMarket
    function setRateModel(RateModel calldata model) external onlyRiskAdmin nonReentrant {
        _accrue();
        _setRateModel(model);
    }

    /// @inheritdoc IKeelMarket
    function setFees(uint256 reserveFactor_, uint256 flashFeeBps_) external onlyRiskAdmin nonReentrant {
        _accrue();
        _setFees(reserveFactor_, flashFeeBps_);
    }

    /// @inheritdoc IKeelMarket
    function setBorrowPaused(bool paused) external onlyRiskAdmin {
        _liq.borrowPaused = paused;
        emit BorrowPausedSet(paused);
    }

    /// @inheritdoc IKeelMarket
    function setReputation(address source) external onlyRiskAdmin {
        _config.reputation = source;
        emit ReputationSet(source);
    }

    /// @inheritdoc IKeelMarket
    function withdrawReserves(address to, uint256 amount) external onlyRiskAdmin nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        _accrue();
        Liquidity storage l = _liq;
        uint256 available = uint256(l.reserves).min(_cashOnHand(l.cash));
        if (amount > available) revert InsufficientReserves(amount, available);
        l.reserves -= uint88(amount);
        l.cash -= uint128(amount);
        IERC20(BASE).safeTransfer(to, amount);
        emit ReservesWithdrawn(to, amount);
    }

    /// @inheritdoc IKeelMarket
    function accrueInterest() external nonReentrant {
        _accrue();
    }

    /* VIEWS */

    /// @inheritdoc IKeelMarket
    function supplyShares(address account) external view returns (uint256) {
        return _supplyShares[account];
    }

    /// @inheritdoc IKeelMarket
    function totalSupplyShares() external view returns (uint256) {
        return _totalSupplyShares;
    }

    /// @inheritdoc IKeelMarket
    function totalSupplyAssets() external view returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        return _supplyAssets(t, l);
    }

    /// @inheritdoc IKeelMarket
    function asset() external view returns (address) {
        return BASE;
    }

    /// @inheritdoc IKeelMarket
    function cashOnHand() external view returns (uint256) {
        return _cashOnHand(_liq.cash);
    }

    /// @inheritdoc IKeelMarket
    function totalBorrows() external view returns (uint256) {
        (Totals memory t,) = _accrued();
        return t.borrowAssets;
    }

    /// @inheritdoc IKeelMarket
    function totalBadDebt() external view returns (uint256) {
        return _totalBadDebt;
    }

    /// @inheritdoc IKeelMarket
    function totalBorrowShares() external view returns (uint256) {
        return _totals.borrowShares;
    }

    /// @inheritdoc IKeelMarket
    function totalReserves() external view returns (uint256) {
        (, Liquidity memory l) = _accrued();
        return l.reserves;
    }

    /// @inheritdoc IKeelMarket
    function cash() external view returns (uint256) {
        return _liq.cash;
    }

    /// @inheritdoc IKeelMarket
    function utilization() external view returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        return _utilization(t, l);
    }

    /// @inheritdoc IKeelMarket
    function borrowRate() external view returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        return _borrowRate(_utilization(t, l));
    }

    /// @inheritdoc IKeelMarket
    function supplyRate() external view returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        uint256 u = _utilization(t, l);
        return _borrowRate(u).wMulDown(u).wMulDown(WAD - _rates.reserveFactor);
    }

    /// @inheritdoc IKeelMarket
    function rateModel() external view returns (RateModel memory) {
        Rates memory r = _rates;
        return RateModel(r.baseRate, r.slope1, r.slope2, r.kink);
    }

    /// @inheritdoc IKeelMarket
    function reserveFactor() external view returns (uint256) {
        return _rates.reserveFactor;
    }

    /// @inheritdoc IKeelMarket
    function flashFeeBps() external view returns (uint256) {
        return _rates.flashFeeBps;
    }

    /// @inheritdoc IKeelMarket
    function vaultCount() external view returns (uint256) {
        return _config.vaultCount;
    }

    /// @inheritdoc IKeelMarket
    function collateralAssets() external view returns (address[] memory) {
        uint256 n = _config.collateralCount;
        address[] memory list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = _listed[i].asset;
        }
        return list;
    }

    /// @inheritdoc IKeelMarket
    function collateralInfo(address asset_) external view returns (CollateralInfo memory) {
        Collateral storage c = _collaterals[asset_];
        return CollateralInfo(asset_, c.decimals, c.ltv, c.lt, c.maxDiscount, c.supplyCap);
    }

    /// @inheritdoc IKeelMarket
    function riskAdmin() external view returns (address) {
        return RISK_ADMIN;
    }

    /// @inheritdoc IKeelMarket
    function reputation() external view returns (address) {
        return _config.reputation;
    }

    /// @inheritdoc IKeelMarket
    function borrowPaused() external view returns (bool) {
        return _liq.borrowPaused;
    }

    /// @inheritdoc IKeelMarket
    function vaultsOf(address owner_) external view returns (uint256[] memory) {
        return _ownerVaults[owner_];
    }

    /// @inheritdoc IKeelMarket
    function collateralOf(uint256 id, address asset_) external view returns (uint256) {
        return _heldOf(id, asset_, _collaterals[asset_]);
    }

    /// @inheritdoc IKeelMarket
    function vaultOwner(uint256 id) external view returns (address) {
        return _vaults[id].owner;
    }

    /// @inheritdoc IKeelMarket
    function debtOf(uint256 id) public view returns (uint256) {
        (Totals memory t,) = _accrued();
        return uint256(_vaults[id].debtShares).toAssetsUp(t.borrowAssets, t.borrowShares);
    }

    /// @inheritdoc IKeelMarket
    function getVault(uint256 id) external view returns (VaultData memory d) {
        Vault storage v = _vaults[id];
        d.id = id;
        d.owner = v.owner;
        d.debtShares = v.debtShares;
        d.debt = debtOf(id);
        uint256 mask = _heldMask(v);
        uint256 n;
        for (uint256 m = mask; m != 0; m &= m - 1) {
            ++n;
        }
        d.assets = new address[](n);
        d.amounts = new uint256[](n);
        n = 0;
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                address a = _listed[i].asset;
                d.assets[n] = a;
                d.amounts[n++] = _balanceOf(id, a, i);
            }
            mask >>= 1;
        }
    }

    /// @inheritdoc IKeelMarket
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
        Health memory h = _health(
            id, _heldMask(_vaults[id]), debtOf(id), type(uint256).max, Params(address(0), 0, 0, 0), 0
        );
        return (
            h.collateralValue,
            h.borrowLimitValue,
            h.liquidationValue,
            h.debtValue,
            HealthLib.healthFactor(h.liquidationValue, h.debtValue)
        );
    }

    /* INTERNAL: VAULTS */

    /// @dev After vault `id` changed hands: with debt, it must be within its new owner's limit (its base LTV, or
    /// boosted by the new owner's own record), as if the new owner had borrowed it; otherwise an account's reputation
    /// bonus could be lent (take a vault, borrow on one's own bonus, hand it back). In a multicall, checked at its end
    /// against the final owner.
    function _checkMoved(uint256 id) internal {
        if (_vaults[id].debtShares != 0 && !_deferCheck(id)) {
            (Totals memory t,) = _accrued();
            _checkLtv(id, t);
        }
    }

    /// @dev Moves vault `id` from `from`'s list to `to`'s and clears any pending offer. The caller then checks the vault
    /// against `to`'s limit (`_checkMoved`).
    function _moveVault(uint256 id, Vault storage v, address from, address to) internal {
        delete _pendingVaultOwner[id];
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
        emit VaultTransferred(id, from, to);
    }

    /* INTERNAL: LIQUIDATION */

    /// @dev Health factor a liquidation of vault `id` prices its discount at: the vault's HF at its first liquidation
    /// in this transaction (recorded in transient storage), or `hf` when higher.
    function _startHealth(uint256 id, uint256 hf) internal returns (uint256) {
        uint256 slot = _slotOf(id, LIQ_SLOT);
        uint256 first = _tload(slot);
        if (first == 0) {
            _tstore(slot, hf + 1);
            return hf;
        }
        return first - 1 > hf ? first - 1 : hf;
    }

    /// @dev Whether vault `id` holds a collateral other than `asset`, priced and worth at least HealthLib.DUST_VALUE, whose
    /// seizure would not lower its health factor at that collateral's own discount. In a solvent vault (discount ≤
    /// margin) a seizure lowers HF only for an above-average LT, so such a collateral then exists. Dust and
    /// collateral that would lower HF too are ignored: neither can block a liquidation. Runs only when seizing
    /// `asset` would lower HF.
    function _anotherRaises(uint256 id, address asset_, Liq memory x, Health memory h) internal view returns (bool) {
        uint256 mask = _heldMask(_vaults[id]);
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                Listed memory e = _listed[i];
                if (e.asset != asset_) {
                    uint256 value =
                        HealthLib.valueDown(_balanceOf(id, e.asset, i), _priceOrZero(e.asset), _scale(e.decimals));
                    if (value >= HealthLib.DUST_VALUE) {
                        Collateral storage o = _collaterals[e.asset];
                        uint256 d = HealthLib.discount(x.startHf, o.maxDiscount, h.collateralValue, h.debtValue);
                        if (!HealthLib.seizureLowersHealth(x.hf, o.lt, d)) return true;
                    }
                }
            }
            mask >>= 1;
        }
        return false;
    }

    /* INTERNAL: ACCOUNTING */

    function _accrued() internal view returns (Totals memory t, Liquidity memory l) {
        t = _totals;
        l = _liq;
        (uint256 interest, uint256 toReserves,) = _pendingInterest(t, l);
        if (interest != 0) {
            t.borrowAssets = (t.borrowAssets + interest).toUint128();
            l.reserves = _addReserves(l.reserves, toReserves);
        }
    }

    /// @dev `reserves + amount`, saturating at MAX_RESERVES.
    function _addReserves(uint256 reserves, uint256 amount) internal pure returns (uint88) {
        return uint88((reserves + amount).min(MAX_RESERVES));
    }

    /// @dev Cash that is in the market's balance now: `cash` minus what a flash loan in progress has lent out.
    function _cashOnHand(uint256 cash_) internal view returns (uint256) {
        uint256 lent = _tload(FLASH_SLOT);
        return lent == 0 ? cash_ : cash_.zeroFloorSub(lent - 1);
    }

    function _pendingInterest(Totals memory t, Liquidity memory l)
        internal
        view
        returns (uint256 interest, uint256 toReserves, uint256 rate)
    {
        // Never negative: an eth_call may run in a block env older than the last accrual (a node whose clock lags its
        // newest block, as anvil after fast automining); such a read sees no new interest instead of reverting.
        uint256 elapsed = block.timestamp.zeroFloorSub(l.lastAccrual);
        if (elapsed == 0 || t.borrowAssets == 0) return (0, 0, 0);
        Rates memory r = _rates;
        rate = _rateAt(r, _utilization(t, l));
        interest = uint256(t.borrowAssets).wMulDown(rate.wTaylorCompounded(elapsed));
        toReserves = interest.wMulDown(r.reserveFactor);
    }

    /// @dev The totals and liquidity with interest accrued to now, in memory (emits InterestAccrued when there is
    /// interest). The caller writes both back: `_accrue` at once; borrow, repay and liquidate after changing them, so
    /// each slot is written once per operation.
    function _accrueMem() internal returns (Totals memory t, Liquidity memory l) {
        t = _totals;
        l = _liq;
        (uint256 interest, uint256 toReserves, uint256 rate) = _pendingInterest(t, l);
        if (interest != 0) {
            t.borrowAssets = (t.borrowAssets + interest).toUint128();
            l.reserves = _addReserves(l.reserves, toReserves);
            emit InterestAccrued(rate, interest, toReserves);
        }
        l.lastAccrual = uint32(block.timestamp);
    }

    function _accrue() internal {
        (Totals memory t, Liquidity memory l) = _accrueMem();
        _store(t, l);
    }

    /// @dev Writes `t` and `l` back to `_totals` and `_liq`, one word each. Solidity's `_totals = t` writes a packed
    /// struct field by field (a read and a write per field); the words here are the same, in the layout Solidity
    /// gives the two structs (first field in the lowest bits). Every field of `t` and `l` holds a value of its type.
    function _store(Totals memory t, Liquidity memory l) internal {
        uint256 totalsWord = uint256(t.borrowAssets) | uint256(t.borrowShares) << 128;
        uint256 liqWord = uint256(l.cash) | uint256(l.reserves) << 128 | uint256(l.lastAccrual) << 216
            | (l.borrowPaused ? uint256(1) << 248 : 0);
        assembly ("memory-safe") {
            sstore(_totals.slot, totalsWord)
            sstore(_liq.slot, liqWord)
        }
    }

    /// @dev Lenders' assets: cash + borrows − reserves (never negative: reserves never exceed what backs them).
    function _supplyAssets(Totals memory t, Liquidity memory l) internal pure returns (uint256) {
        return (uint256(l.cash) + t.borrowAssets).zeroFloorSub(l.reserves);
    }

    function _utilization(Totals memory t, Liquidity memory l) internal pure returns (uint256) {
        if (t.borrowAssets == 0) return 0;
        uint256 supplied = _supplyAssets(t, l);
        if (t.borrowAssets >= supplied) return WAD;
        return uint256(t.borrowAssets).wDivDown(supplied);
    }

    function _borrowRate(uint256 u) internal view returns (uint256) {
        return _rateAt(_rates, u);
    }

    function _rateAt(Rates memory m, uint256 u) internal pure returns (uint256) {
        if (u <= m.kink) return m.baseRate + uint256(m.slope1).mulDivDown(u, m.kink);
        return m.baseRate + m.slope1 + uint256(m.slope2).mulDivDown(u - m.kink, WAD - m.kink);
    }

    /// @dev Burns debt of `v` worth `assets` (all of it when `assets` ≥ debt). Shares burned round down. Updates the
    /// accrued totals `t` and liquidity `l` in memory only: the caller writes them back.
    function _reduceDebt(Vault storage v, uint256 assets, Totals memory t, Liquidity memory l)
        internal
        returns (uint256 repaid, uint256 shares)
    {
        uint256 vShares = v.debtShares;
        uint256 sharesLeft;
        (repaid, sharesLeft) = _burnDebt(vShares, vShares.toAssetsUp(t.borrowAssets, t.borrowShares), assets, t, l);
        v.debtShares = uint128(sharesLeft);
        shares = vShares - sharesLeft;
    }

    /// @dev `_reduceDebt` for a vault whose debt shares `vShares` and debt `debt` (their value at `t`, rounded up) the
    /// caller has read: returns what is repaid and the vault's shares left, for the caller to write.
    function _burnDebt(uint256 vShares, uint256 debt, uint256 assets, Totals memory t, Liquidity memory l)
        internal
        pure
        returns (uint256 repaid, uint256 sharesLeft)
    {
        uint256 shares;
        if (assets >= debt) (repaid, shares) = (debt, vShares);
        else (repaid, shares) = (assets, assets.toSharesDown(t.borrowAssets, t.borrowShares));
        sharesLeft = vShares - shares;
        uint256 newShares = t.borrowShares - shares;
        // With no shares left no debt is left: rounding dust never survives as phantom debt.
        uint256 newAssets = newShares == 0 ? 0 : uint256(t.borrowAssets).zeroFloorSub(repaid);
        (t.borrowAssets, t.borrowShares) = (uint128(newAssets), uint128(newShares));
        l.cash = (l.cash + repaid).toUint128();
    }

    /// @dev Writes vault `v`'s position slot (debt shares in the low 128 bits, `balance0` in the high 128, the layout
    /// Solidity gives `Vault`'s second slot) in one store. Both fit: shares left never exceed the vault's shares (a
    /// uint128) and a balance never exceeds MAX_COLLATERAL_TOTAL (< 2^112).
    function _storePosition(Vault storage v, uint256 debtShares, uint256 balance0) internal {
        uint256 word = debtShares | balance0 << 128;
        assembly ("memory-safe") {
            sstore(add(v.slot, 1), word)
        }
    }

    /// @dev Writes the debt of a vault without collateral off against lenders.
    function _writeOff(uint256 id, Vault storage v) internal {
        uint256 shares = v.debtShares;
        Totals memory t = _totals;
        uint256 newShares = t.borrowShares - shares;
        uint256 newAssets = newShares == 0
            ? 0
            : uint256(t.borrowAssets).zeroFloorSub(shares.toAssetsUp(t.borrowAssets, t.borrowShares));
        uint256 bad = t.borrowAssets - newAssets;
        _totals = Totals(uint128(newAssets), uint128(newShares));
        v.debtShares = 0;
        _totalBadDebt += bad;
        // Reserves never exceed what backs them, so lenders' assets (`_supplyAssets`) never underflow.
        Liquidity storage l = _liq;
        uint256 backing = uint256(l.cash) + newAssets;
        if (l.reserves > backing) l.reserves = uint88(backing);
        emit BadDebt(id, bad);
    }

    /* INTERNAL: BALANCES */

    /// @dev Bit i set for every collateral i vault `v` holds: `heldMask` (i ≥ 1) plus bit 0 when `balance0` is not 0.
    function _heldMask(Vault storage v) internal view returns (uint256) {
        return _heldMask(v.heldMask, v.balance0);
    }

    /// @dev `_heldMask` from the two fields, for a caller that has already read them.
    function _heldMask(uint256 heldMask, uint256 balance0) internal pure returns (uint256) {
        return balance0 != 0 ? heldMask | 1 : heldMask;
    }

    /// @dev Vault `id`'s balance of listed collateral `asset`, whose index is `index`.
    function _balanceOf(uint256 id, address asset_, uint256 index) internal view returns (uint256) {
        return index == 0 ? _vaults[id].balance0 : _balances[id][asset_];
    }

    /// @dev Vault `id`'s balance of `asset` (listed or not: an unlisted asset is never held).
    function _heldOf(uint256 id, address asset_, Collateral storage c) internal view returns (uint256) {
        return c.listed ? _balanceOf(id, asset_, c.index) : 0;
    }

    /* INTERNAL: HEALTH */

    /// @dev Values of vault `id` with debt `debt`. A collateral whose price cannot be read (stale, out of bounds,
    /// broken feed: see `_priceOrZero`) counts as zero — the conservative side —, so one failing feed never blocks
    /// the valuation of the others; the base asset's price must be fresh (reverts with the oracle's error otherwise).
    /// The prices read are returned too (base, and `asset`'s: zero when unpriced or not held), so a caller never reads
    /// a price twice. `held.asset` is listed at `index` with parameters `held` (liquidate has them in hand), or `index`
    /// is past every listed index (a view asking about no asset in particular): then `held` is never used.
    /// For the vault's first held collateral the base price comes in the same oracle call (`_pricesOrZero`), and the
    /// collateral at `index` is valued from `held` and `heldBalance` (the vault's balance of it) rather than from its
    /// `Listed` slot and balance slot. `mask` is the vault's `_heldMask`, read by the caller.
    function _health(uint256 id, uint256 mask, uint256 debt, uint256 index, Params memory held, uint256 heldBalance)
        internal
        view
        returns (Health memory h)
    {
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                Params memory e = i == index ? held : _listedParams(i);
                uint256 p;
                if (debt != 0 && h.basePrice == 0) (p, h.basePrice) = _pricesOrZero(e.asset);
                else p = _priceOrZero(e.asset);
                uint256 balance;
                if (i == index) (h.assetPrice, balance) = (p, heldBalance);
                else balance = _balanceOf(id, e.asset, i);
                uint256 value = HealthLib.valueDown(balance, p, _scale(e.decimals));
                h.collateralValue += value;
                h.borrowLimitValue += value.wMulDown(e.ltv);
                h.liquidationValue += value.wMulDown(e.lt);
            }
            mask >>= 1;
        }
        if (debt != 0) {
            if (h.basePrice == 0) h.basePrice = oracle.price(BASE);
            h.debtValue = HealthLib.valueUp(debt, h.basePrice, BASE_SCALE);
        }
    }

    /// @dev Asset, decimals, LTV and liquidation threshold of the collateral listed at `i`.
    function _listedParams(uint256 i) internal view returns (Params memory) {
        Listed memory e = _listed[i];
        return Params(e.asset, e.decimals, e.ltv, _collaterals[e.asset].lt);
    }

    /// @dev `oracle.price(asset)`, or zero when that call reverts (no valid price: stale, out of bounds, broken or
    /// missing feed). Deliberate: valuing an unpriceable collateral at zero is the conservative reading, and it keeps
    /// a stray deposit of such an asset (anyone may deposit into any vault) from blocking the vault's liquidation.
    function _priceOrZero(address asset_) internal view returns (uint256 p) {
        address o = address(oracle);
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0xaea91078)) // price(address)
            mstore(add(m, 4), asset_)
            let ok := staticcall(gas(), o, m, 36, m, 32)
            if and(ok, eq(returndatasize(), 32)) { p := mload(m) }
        }
    }

    /// @dev `oracle.prices(asset, BASE)` in one call; when it reverts, `asset` is unpriced (zero, as `_priceOrZero`)
    /// and the base price is read alone (reverting with the oracle's error if it, too, has no valid price).
    function _pricesOrZero(address asset_) internal view returns (uint256 p, uint256 basePrice) {
        address o = address(oracle);
        address base = BASE;
        bool ok;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x1f312404)) // prices(address,address)
            mstore(add(m, 4), asset_)
            mstore(add(m, 36), base)
            ok := staticcall(gas(), o, m, 68, m, 64)
            if and(ok, eq(returndatasize(), 64)) {
                p := mload(m)
                basePrice := mload(add(m, 32))
            }
        }
        if (basePrice == 0) basePrice = oracle.price(BASE);
    }

    /// @dev Reverts unless vault `id` is within LTV (a collateral without a valid price counts as zero, as in
    /// `_health`: a stray deposit of an unpriceable asset never blocks its owner), its debt valued with `t`: the market's totals with interest
    /// accrued to now (in storage or, when the caller need not write them, only in memory: see `_accrued`). A vault
    /// without debt always is. The same values as `_health` (borrow limit and debt value), from one slot per
    /// collateral (`Listed`).
    function _checkLtv(uint256 id, Totals memory t) internal view {
        Vault storage v = _vaults[id];
        (uint256 shares, uint256 balance0) = (v.debtShares, v.balance0); // one slot, read once
        if (shares == 0) return;
        uint256 debt = shares.toAssetsUp(t.borrowAssets, t.borrowShares);
        uint256 mask = _heldMask(v.heldMask, balance0);
        uint256 limit;
        uint256 basePrice;
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                Listed memory e = _listed[i];
                uint256 p;
                if (basePrice == 0) (p, basePrice) = _pricesOrZero(e.asset);
                else p = _priceOrZero(e.asset);
                limit += HealthLib.valueDown(_balanceOf(id, e.asset, i), p, _scale(e.decimals)).wMulDown(e.ltv);
            }
            mask >>= 1;
        }
        if (basePrice == 0) basePrice = oracle.price(BASE);
        uint256 debtValue = HealthLib.valueUp(debt, basePrice, BASE_SCALE);
        if (debtValue > limit) {
            limit = _limitWithBonus(id, v.owner, limit);
            if (debtValue > limit) revert ExceedsLtv(id, limit, debtValue);
        }
    }

    /// @dev Vault `id`'s borrow limit with its owner's reputation bonus (`limit`, the base one, when it has none). Only
    /// the collaterals that lend count (LTV above 0: an LTV of 0 is how governance stops borrowing against an asset, and
    /// the bonus must not undo it): the base limit plus bonus × their value, capped at halfway from the base limit to
    /// their liquidation value, so a vault at its boosted limit keeps a health factor of at least 2 × liquidation value
    /// ÷ (base limit + liquidation value) > 1. The bonus counts as at most MAX_LTV_BONUS, whatever the source answers.
    /// Only the borrow, withdraw and vault-transfer checks call it, and only for a vault over its base limit;
    /// liquidation and the health factor never do. A source that reverts, answers badly or needs more than
    /// RiskBoundsLib.REPUTATION_GAS counts as no bonus.
    function _limitWithBonus(uint256 id, address owner_, uint256 limit) internal view returns (uint256) {
        address source = _config.reputation;
        if (source == address(0)) return limit;
        uint256 bonus;
        uint256 gasAllowance = RiskBoundsLib.REPUTATION_GAS;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x0ef5c722)) // ltvBonus(address)
            mstore(add(m, 4), owner_)
            let ok := staticcall(gasAllowance, source, m, 36, m, 32)
            if and(ok, eq(returndatasize(), 32)) { bonus := mload(m) }
        }
        if (bonus == 0) return limit;
        uint256 value;
        uint256 base;
        uint256 liquidation;
        uint256 mask = _heldMask(_vaults[id]);
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                Params memory e = _listedParams(i);
                if (e.ltv != 0) {
                    uint256 v =
                        HealthLib.valueDown(_balanceOf(id, e.asset, i), _priceOrZero(e.asset), _scale(e.decimals));
                    value += v;
                    base += v.wMulDown(e.ltv);
                    liquidation += v.wMulDown(e.lt);
                }
            }
            mask >>= 1;
        }
        // lt > ltv for every listed collateral (RiskBoundsLib), so liquidation ≥ base.
        return limit + value.wMulDown(bonus.min(RiskBoundsLib.MAX_LTV_BONUS)).min((liquidation - base) / 2);
    }

    /// @dev Inside a multicall, records vault `id` for the end-of-batch LTV check and returns true; otherwise returns
    /// false and the caller checks it now (`_checkLtv`).
    function _deferCheck(uint256 id) internal returns (bool) {
        uint256 n = _tload(BATCH_SLOT);
        if (n == 0) return false;
        uint256 mark = _markSlot(id);
        if (_tload(mark) != 0) return true;
        _tstore(mark, 1);
        _tstore(BATCH_SLOT + n, id);
        _tstore(BATCH_SLOT, n + 1);
        return true;
    }

    function _seizedFor(Liq memory x) internal view returns (uint256) {
        return HealthLib.seizedForRepay(x.repaid, x.basePrice, BASE_SCALE, x.colPrice, x.colScale, x.discount);
    }

    function _repayFor(Liq memory x) internal view returns (uint256) {
        return HealthLib.repayForSeized(x.seized, x.basePrice, BASE_SCALE, x.colPrice, x.colScale, x.discount);
    }

    /// @dev Fee for flash-borrowing `amount` of `token` (base asset only), rounded up.
    function _flashFee(address token, uint256 amount) internal view returns (uint256) {
        if (token != BASE) revert UnsupportedToken(token);
        return amount.mulDivUp(_rates.flashFeeBps, BPS);
    }

    /// @dev 10 ** `decimals`, unchecked (a checked power costs ~1,000 gas): every listed token has ≤ MAX_DECIMALS (36).
    function _scale(uint8 decimals) internal pure returns (uint256) {
        unchecked {
            return 10 ** uint256(decimals);
        }
    }

    /* INTERNAL: ADMIN */

    /// @dev Whether `token` is a lender vault of this market (its `market()` is this contract): claims on the pool cannot
    /// back borrowing from the same pool (audit5 L-3; before the lender side moved out, the market refused itself).
    function _isOwnLenderVault(address token) internal view returns (bool) {
        (bool ok, bytes memory ret) = token.staticcall(abi.encodeWithSignature("market()"));
        return ok && ret.length == 32 && abi.decode(ret, (address)) == address(this);
    }

    function _setCollateral(address asset_, CollateralParams memory p) internal {
        RiskBoundsLib.validateCollateral(p);
        Collateral storage c = _collaterals[asset_];
        if (!c.listed) {
            if (asset_ == address(0) || asset_ == BASE || _isOwnLenderVault(asset_)) {
                revert InvalidCollateral(asset_);
            }
            uint256 n = _config.collateralCount;
            if (n >= RiskBoundsLib.MAX_COLLATERALS) revert TooManyCollaterals();
            oracle.price(asset_); // a listed collateral needs a live feed (reverts with the oracle's error)
            uint8 dec = IERC20Metadata(asset_).decimals();
            if (dec > MAX_DECIMALS) revert InvalidDecimals(asset_, dec);
            (c.listed, c.index) = (true, uint8(n));
            (c.depositListed, c.depositIndex) = (true, uint8(n));
            c.decimals = dec;
            _listed[n] = Listed(asset_, dec, 0);
            _config.collateralCount = uint8(n + 1);
            emit CollateralListed(asset_, p.ltv, p.liquidationThreshold, p.maxDiscount, p.supplyCap);
        } else {
            emit CollateralParamsSet(asset_, p.ltv, p.liquidationThreshold, p.maxDiscount, p.supplyCap);
        }
        c.ltv = p.ltv;
        _listed[c.index].ltv = p.ltv;
        c.lt = p.liquidationThreshold;
        c.maxDiscount = p.maxDiscount;
        c.supplyCap = p.supplyCap;
    }

    function _setRateModel(RateModel memory m) internal {
        RiskBoundsLib.validateRateModel(m);
        Rates storage r = _rates;
        // Fits: _validateRateModel bounds each rate by MAX_BORROW_RATE < 2^40 (kink stays a uint64).
        (r.baseRate, r.slope1, r.slope2, r.kink) = (uint40(m.baseRate), uint40(m.slope1), uint40(m.slope2), m.kink);
        emit RateModelSet(m.baseRate, m.slope1, m.slope2, m.kink);
    }

    function _setFees(uint256 reserveFactor_, uint256 flashFeeBps_) internal {
        RiskBoundsLib.validateFees(reserveFactor_, flashFeeBps_);
        _rates.reserveFactor = uint64(reserveFactor_);
        _rates.flashFeeBps = uint8(flashFeeBps_);
        emit FeesSet(reserveFactor_, flashFeeBps_);
    }

    /* INTERNAL: TOKENS, AUTH, TRANSIENT */

    /// @dev Pulls `amount` of `token` from `from`, then checks the market's balance still covers `recorded`: every
    /// unit of `token` it must hold (already including `amount`). This is the fee-on-transfer rule. For the base
    /// asset `recorded` is `cash` (minus a flash loan out): one balanceOf after the transfer, and a shortfall covered
    /// by tokens donated to the market is absorbed by the donor's tokens, so the market never records more than it
    /// holds. For a collateral, which has no recorded total, it is the market's balance before the transfer plus
    /// `amount`: the deposit must arrive whole. A token that delivers less (fee-on-transfer, rebasing down) is
    /// refused with TransferAmountMismatch.
    function _pullIn(address token, address from, uint256 amount, uint256 recorded) internal {
        IERC20(token).safeTransferFrom(from, address(this), amount);
        uint256 balance = _selfBalance(token);
        if (balance < recorded) {
            revert TransferAmountMismatch(token, amount, amount.zeroFloorSub(recorded - balance));
        }
    }

    /// @dev `token.balanceOf(this)`, in assembly: the same call as the high-level one (a revert bubbles up), without
    /// its memory encoding and decoding. An answer shorter than one word (a token without code answers nothing) is
    /// refused with SafeERC20FailedOperation(token), the error of a transfer the token fails.
    function _selfBalance(address token) internal view returns (uint256 b) {
        bool short;
        assembly ("memory-safe") {
            mstore(0, shl(224, 0x70a08231)) // balanceOf(address)
            mstore(4, address())
            let ok := staticcall(gas(), token, 0, 36, 0, 32)
            if iszero(ok) {
                // The token's revert data, bubbled from free memory: it may be longer than the scratch space
                // (audit 2026-12-02-e I-1).
                let p := mload(0x40)
                returndatacopy(p, 0, returndatasize())
                revert(p, returndatasize())
            }
            short := lt(returndatasize(), 32)
            b := mload(0)
        }
        if (short) revert SafeERC20.SafeERC20FailedOperation(token);
    }

    /// @dev `_pullIn` for the base asset, after `cash` has been credited: during a flash loan the lent amount is out
    /// of the balance, so it is taken off what must be covered.
    function _pullBase(address from, uint256 amount) internal {
        _pullIn(BASE, from, amount, _cashOnHand(_liq.cash));
    }

    function _authorize(address vaultOwner_, uint256 id) internal view {
        if (msg.sender != vaultOwner_ && !isOperator[vaultOwner_][msg.sender]) {
            revert Unauthorized(id, msg.sender);
        }
    }

    function _lock() internal {
        if (_tload(LOCK_SLOT) != 0) revert Reentrancy();
        _tstore(LOCK_SLOT, 1);
    }

    function _unlock() internal {
        _tstore(LOCK_SLOT, 0);
    }

    function _markSlot(uint256 id) internal pure returns (uint256) {
        return _slotOf(id, BATCH_SLOT);
    }

    /// @dev Transient slot of vault `id` under `seed`: keccak256(id, seed).
    function _slotOf(uint256 id, uint256 seed) internal pure returns (uint256 slot) {
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
