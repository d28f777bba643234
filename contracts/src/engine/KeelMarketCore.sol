// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";
import {IKeelMarket, RateModel, CollateralParams} from "../interfaces/IKeelMarket.sol";
import {RiskBoundsLib} from "../libraries/RiskBoundsLib.sol";

/// @title KeelMarketCore
/// @notice Constants, storage layout and internal logic shared by KeelMarket and its KeelMarketModule. The module
/// runs by delegatecall in the market's context, so both inherit this contract first and see the same storage.
/// @dev Must stay the first base of both contracts (its storage starts at slot 0) and declare all engine storage.
abstract contract KeelMarketCore {
    using SafeERC20 for IERC20;
    using MathLib for uint256;
    using SharesLib for uint256;
    using SafeCast for uint256;

    /* CONSTANTS */

    /// @notice Highest liquidation threshold a collateral may have.
    uint256 public constant MAX_LT = RiskBoundsLib.MAX_LT;
    /// @notice Highest maximum liquidation discount a collateral may have.
    uint256 public constant MAX_DISCOUNT = RiskBoundsLib.MAX_DISCOUNT;
    /// @notice Smallest liquidation discount (see HealthLib).
    uint256 public constant MIN_DISCOUNT = HealthLib.MIN_DISCOUNT;
    /// @notice Health factor a liquidation restores a vault to at most (see HealthLib).
    uint256 public constant TARGET_HEALTH = HealthLib.TARGET_HEALTH;
    /// @notice Highest share of interest that may go to reserves.
    uint256 public constant MAX_RESERVE_FACTOR = RiskBoundsLib.MAX_RESERVE_FACTOR;
    /// @notice Highest flash-loan fee, in basis points.
    uint256 public constant MAX_FLASH_FEE_BPS = RiskBoundsLib.MAX_FLASH_FEE_BPS;
    /// @notice Highest borrow rate the model may reach at 100% utilisation: 1000% a year, per second.
    uint256 public constant MAX_BORROW_RATE = RiskBoundsLib.MAX_BORROW_RATE;
    /// @notice Debt value (USD, WAD) under which a position may be liquidated whole.
    uint256 public constant DUST_VALUE = 10 * WAD;
    /// @notice Most collateral assets a market may list (one bit each in a vault's held mask).
    uint256 public constant MAX_COLLATERALS = 32;
    uint256 internal constant BPS = 10_000;
    uint8 internal constant MAX_DECIMALS = 36;
    uint8 internal constant SHARE_DECIMALS_OFFSET = 6;
    bytes32 internal constant FLASH_CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @dev Transient slots: reentrancy lock, flash loan (0 = none, else 1 + the amount lent), batch (0 = none, else 1 + number of touched vaults;
    /// touched ids at BATCH_SLOT + 1.., a marker per id at keccak(id, BATCH_SLOT)).
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

    /// @dev Slot 0: risk parameters (liquidation, views). Slot 1: everything a deposit or withdrawal touches, so
    /// those read and write one slot. `total` is a uint112 (≤ 5.19e33 units): deposits past it are refused as over
    /// the cap (SupplyCapExceeded), whatever `supplyCap` says.
    struct Collateral {
        uint64 ltv;
        uint64 lt;
        uint64 maxDiscount;
        uint8 decimals;
        uint128 supplyCap;
        uint112 total;
        uint8 index;
        bool listed;
    }

    /// @dev Largest `Collateral.total`.
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
    /// other collaterals live in `_balances`. A balance never exceeds its collateral's total (≤ type(uint112).max), so
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

    /// @notice The oracle every price comes from (base asset and collaterals).
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
    /// @notice Whether `operator` may borrow and withdraw on all of `owner`'s vaults.
    mapping(address owner => mapping(address operator => bool)) public isOperator;
    /// @dev The account vault `id` is offered to (`transferVault`), until it calls `acceptVault` (zero: none).
    mapping(uint256 id => address) internal _pendingVaultOwner;

    /* CONSTRUCTOR */

    /// @dev Only stores: KeelMarket's constructor validates these (`_validateBase`) and passes the same values to
    /// the module it deploys, so the validation code is not paid for twice in the market's initcode.
    /// @param oracle_ The price oracle.
    /// @param baseAsset The market's base asset.
    /// @param baseDecimals The base asset's decimals.
    /// @param riskAdmin_ The risk admin.
    constructor(KeelOracle oracle_, address baseAsset, uint8 baseDecimals, address riskAdmin_) {
        oracle = oracle_;
        RISK_ADMIN = riskAdmin_;
        BASE = baseAsset;
        BASE_SCALE = _scale(baseDecimals);
    }

    /* MODIFIERS */

    modifier nonReentrant() {
        _lock();
        _;
        _unlock();
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
            emit IKeelMarket.InterestAccrued(rate, interest, toReserves);
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

    function _utilization(Totals memory t, Liquidity memory l) internal pure returns (uint256) {
        if (t.borrowAssets == 0) return 0;
        uint256 supplied = (uint256(l.cash) + t.borrowAssets).zeroFloorSub(l.reserves);
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
        uint256 debt = vShares.toAssetsUp(t.borrowAssets, t.borrowShares);
        if (assets >= debt) (repaid, shares) = (debt, vShares);
        else (repaid, shares) = (assets, assets.toSharesDown(t.borrowAssets, t.borrowShares));
        v.debtShares = uint128(vShares - shares);
        uint256 newShares = t.borrowShares - shares;
        // With no shares left no debt is left: rounding dust never survives as phantom debt.
        uint256 newAssets = newShares == 0 ? 0 : uint256(t.borrowAssets).zeroFloorSub(repaid);
        (t.borrowAssets, t.borrowShares) = (uint128(newAssets), uint128(newShares));
        l.cash = (l.cash + repaid).toUint128();
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
        // Reserves never exceed what backs them, so totalAssets never underflows.
        Liquidity storage l = _liq;
        uint256 backing = uint256(l.cash) + newAssets;
        if (l.reserves > backing) l.reserves = uint88(backing);
        emit IKeelMarket.BadDebt(id, bad);
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
    function _balanceOf(uint256 id, address asset, uint256 index) internal view returns (uint256) {
        return index == 0 ? _vaults[id].balance0 : _balances[id][asset];
    }

    /// @dev Vault `id`'s balance of `asset` (listed or not: an unlisted asset is never held).
    function _heldOf(uint256 id, address asset, Collateral storage c) internal view returns (uint256) {
        return c.listed ? _balanceOf(id, asset, c.index) : 0;
    }

    /// @dev Sets vault `id`'s balance of listed collateral `asset` (index `index`) to `amount` (≤ its total, so it fits).
    function _setBalance(uint256 id, address asset, uint256 index, uint256 amount) internal {
        if (index == 0) _vaults[id].balance0 = uint128(amount);
        else _balances[id][asset] = amount;
    }

    /* INTERNAL: HEALTH */

    /// @dev Values of vault `id` with debt `debt`. A collateral whose price cannot be read (stale, out of bounds,
    /// broken feed: see `_priceOrZero`) counts as zero — the conservative side —, so one failing feed never blocks
    /// the valuation of the others; the base asset's price must be fresh (reverts with the oracle's error otherwise).
    /// The prices read are returned too (base, and `asset`'s: zero when unpriced or not held), so a caller never reads
    /// a price twice. `asset` is listed at `index` with parameters `c` (liquidate has them in hand), or `asset` is zero
    /// and `index` is past every listed index (a view asking about no asset in particular): then `c` is never read.
    /// For the vault's first held collateral the base price comes in the same oracle call (`_pricesOrZero`), and the
    /// collateral at `index` is valued from `c` rather than from its `Listed` slot.
    function _health(uint256 id, uint256 debt, address asset, uint256 index, Collateral storage c)
        internal
        view
        returns (Health memory h)
    {
        uint256 mask = _heldMask(_vaults[id]);
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                Params memory e = i == index ? Params(asset, c.decimals, c.ltv, c.lt) : _listedParams(i);
                uint256 p;
                if (debt != 0 && h.basePrice == 0) (p, h.basePrice) = _pricesOrZero(e.asset);
                else p = _priceOrZero(e.asset);
                if (i == index) h.assetPrice = p;
                uint256 value = HealthLib.valueDown(_balanceOf(id, e.asset, i), p, _scale(e.decimals));
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
    function _priceOrZero(address asset) internal view returns (uint256 p) {
        address o = address(oracle);
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0xaea91078)) // price(address)
            mstore(add(m, 4), asset)
            let ok := staticcall(gas(), o, m, 36, m, 32)
            if and(ok, eq(returndatasize(), 32)) { p := mload(m) }
        }
    }

    /// @dev `oracle.prices(asset, BASE)` in one call; when it reverts, `asset` is unpriced (zero, as `_priceOrZero`)
    /// and the base price is read alone (reverting with the oracle's error if it, too, has no valid price).
    function _pricesOrZero(address asset) internal view returns (uint256 p, uint256 basePrice) {
        address o = address(oracle);
        address base = BASE;
        bool ok;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x1f312404)) // prices(address,address)
            mstore(add(m, 4), asset)
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
    function _checkLtv(uint256 id, Totals memory t) internal {
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
            limit = _boostedLimit(id, v.owner, limit);
            if (debtValue > limit) revert IKeelMarket.ExceedsLtv(id, limit, debtValue);
        }
    }

    /// @dev `_limitWithBonus`, wherever it runs: the module runs it, the market delegates it to the module (its code
    /// stays out of the market, under the code-size limit).
    function _boostedLimit(uint256 id, address owner_, uint256 limit) internal virtual returns (uint256);

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
        if (token != BASE) revert IKeelMarket.UnsupportedToken(token);
        return amount.mulDivUp(_rates.flashFeeBps, BPS);
    }

    /// @dev 10 ** `decimals`, unchecked (a checked power costs ~1,000 gas): every listed token has ≤ MAX_DECIMALS (36).
    function _scale(uint8 decimals) internal pure returns (uint256) {
        unchecked {
            return 10 ** uint256(decimals);
        }
    }

    /* INTERNAL: ADMIN */

    function _setCollateral(address asset, CollateralParams memory p) internal {
        RiskBoundsLib.validateCollateral(p);
        Collateral storage c = _collaterals[asset];
        if (!c.listed) {
            if (asset == address(0) || asset == BASE || asset == address(this)) {
                revert IKeelMarket.InvalidCollateral(asset);
            }
            uint256 n = _config.collateralCount;
            if (n >= MAX_COLLATERALS) revert IKeelMarket.TooManyCollaterals();
            oracle.price(asset); // a listed collateral needs a live feed (reverts with the oracle's error)
            uint8 dec = IERC20Metadata(asset).decimals();
            if (dec > MAX_DECIMALS) revert IKeelMarket.InvalidDecimals(asset, dec);
            c.listed = true;
            c.index = uint8(n);
            c.decimals = dec;
            _listed[n] = Listed(asset, dec, 0);
            _config.collateralCount = uint8(n + 1);
            emit IKeelMarket.CollateralListed(asset, p.ltv, p.liquidationThreshold, p.maxDiscount, p.supplyCap);
        } else {
            emit IKeelMarket.CollateralParamsSet(asset, p.ltv, p.liquidationThreshold, p.maxDiscount, p.supplyCap);
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
        emit IKeelMarket.RateModelSet(m.baseRate, m.slope1, m.slope2, m.kink);
    }

    function _setFees(uint256 reserveFactor_, uint256 flashFeeBps_) internal {
        RiskBoundsLib.validateFees(reserveFactor_, flashFeeBps_);
        _rates.reserveFactor = uint64(reserveFactor_);
        _rates.flashFeeBps = uint8(flashFeeBps_);
        emit IKeelMarket.FeesSet(reserveFactor_, flashFeeBps_);
    }

    /* INTERNAL: TOKENS, AUTH, TRANSIENT */

    /// @dev Pulls `amount` of `token` from `from`, then checks the market's balance still covers `recorded`: every
    /// unit of `token` its accounting says it holds (already including `amount`). This is the fee-on-transfer rule:
    /// one balanceOf after the transfer instead of one before and one after. A token that delivers less than
    /// `amount` (fee-on-transfer, rebasing down) is refused with TransferAmountMismatch whenever the shortfall is
    /// not covered by tokens donated to the market; when it is covered, the donor's tokens absorb it, so the market
    /// never records more than it holds. `recorded` is `Collateral.total` for a collateral and `cash` (minus a
    /// flash loan out) for the base asset.
    function _pullIn(address token, address from, uint256 amount, uint256 recorded) internal {
        IERC20(token).safeTransferFrom(from, address(this), amount);
        uint256 balance = IERC20(token).balanceOf(address(this));
        if (balance < recorded) {
            revert IKeelMarket.TransferAmountMismatch(token, amount, amount.zeroFloorSub(recorded - balance));
        }
    }

    /// @dev `_pullIn` for the base asset, after `cash` has been credited: during a flash loan the lent amount is out
    /// of the balance, so it is taken off what must be covered.
    function _pullBase(address from, uint256 amount) internal {
        _pullIn(BASE, from, amount, _cashOnHand(_liq.cash));
    }

    function _authorize(address vaultOwner_, uint256 id) internal view {
        if (msg.sender != vaultOwner_ && !isOperator[vaultOwner_][msg.sender]) {
            revert IKeelMarket.Unauthorized(id, msg.sender);
        }
    }

    function _lock() internal {
        if (_tload(LOCK_SLOT) != 0) revert IKeelMarket.Reentrancy();
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
