// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {IKeelMarket, RateModel, CollateralParams, CollateralInfo, VaultData} from "../interfaces/IKeelMarket.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";
import {KeelMarketCore} from "./KeelMarketCore.sol";
import {KeelMarketModule} from "./KeelMarketModule.sol";

/// @title KeelMarket
/// @notice One market of the Keel margin engine. Lenders supply the base asset through ERC4626; borrowers open vaults,
/// post one or more listed collateral assets (cross-margin) and borrow the base asset within each collateral's LTV.
/// Vaults whose health factor falls below 1 are liquidated at a discount that grows as health falls; debt left without
/// collateral is written off against lenders. Risk parameters are set only by `riskAdmin` (a KeelRiskAdmin, which holds
/// the delay, the pending changes and the emergency pause) and only within hard bounds the market enforces itself.
/// @dev Accounting is internal (`cash`, borrows, reserves): donations and flash loans never move `totalAssets`.
/// Reentrancy: one transient lock guards every state-changing entry point. `flashLoan` releases it during the
/// borrower's callback, so the callback may use vault and ERC4626 functions (one-transaction leverage), but a second
/// flash loan is refused until the first is repaid. `multicall` defers LTV checks of the vaults it touches to its end.
/// Transfers in (collateral deposits, repayments, liquidations, lender deposits, flash repayments) are checked with one
/// balanceOf after the transfer: the market's balance must cover all it records for the token (`_pullIn`), which
/// refuses fee-on-transfer tokens unless donated tokens absorb the fee. Transfers out are not checked.
/// Liquidation, flash loans, vault transfers and the risk admin's setters live in a KeelMarketModule this market deploys in its constructor and calls by
/// delegatecall (same storage, same address, same ABI here): one deployment, under the 24 KB limit.
contract KeelMarket is KeelMarketCore, ERC4626, IERC3156FlashLender, IKeelMarket {
    using SafeERC20 for IERC20;
    using MathLib for uint256;
    using SharesLib for uint256;
    using SafeCast for uint256;

    /// @inheritdoc IKeelMarket
    address public immutable module;

    /// @param baseAsset The asset lent and borrowed (must have an oracle feed; no fee-on-transfer / rebasing token:
    /// every base transfer in is checked against `cash`, see `_pullIn`).
    /// @param name_ ERC20 name of the lender share token.
    /// @param symbol_ ERC20 symbol of the lender share token.
    /// @param oracle_ The price oracle.
    /// @param riskAdmin_ The only account allowed to set risk parameters (a KeelRiskAdmin).
    /// @param rateModel_ Initial interest rate model.
    /// @param reserveFactor_ Initial share of interest going to reserves (WAD).
    /// @param flashFeeBps_ Initial flash-loan fee in basis points.
    constructor(
        IERC20Metadata baseAsset,
        string memory name_,
        string memory symbol_,
        KeelOracle oracle_,
        address riskAdmin_,
        RateModel memory rateModel_,
        uint256 reserveFactor_,
        uint256 flashFeeBps_
    )
        KeelMarketCore(oracle_, address(baseAsset), baseAsset.decimals(), riskAdmin_)
        ERC20(name_, symbol_)
        ERC4626(baseAsset)
    {
        uint8 dec = _validateBase(oracle_, baseAsset, riskAdmin_);
        _setRateModel(rateModel_);
        _setFees(reserveFactor_, flashFeeBps_);
        _liq.lastAccrual = uint32(block.timestamp);
        _config.live = true;
        module = address(new KeelMarketModule(oracle_, address(baseAsset), dec, riskAdmin_));
    }

    /// @dev The constructor's checks, before anything else is set: the oracle and the risk admin are set, the base
    /// asset has at most 36 decimals (returned) and a live feed.
    function _validateBase(KeelOracle oracle_, IERC20Metadata baseAsset, address riskAdmin_)
        private
        view
        returns (uint8 dec)
    {
        if (address(oracle_) == address(0) || riskAdmin_ == address(0)) revert IKeelMarket.ZeroAddress();
        dec = baseAsset.decimals();
        if (dec > MAX_DECIMALS) revert IKeelMarket.InvalidDecimals(address(baseAsset), dec);
        oracle_.price(address(baseAsset)); // the base asset needs a live feed (reverts with the oracle's error)
    }

    /* VAULTS */

    /// @inheritdoc IKeelMarket
    function openVault() external nonReentrant returns (uint256 id) {
        id = ++_config.vaultCount;
        uint256[] storage list = _ownerVaults[msg.sender];
        Vault storage v = _vaults[id];
        v.owner = msg.sender;
        v.ownerPos = uint64(list.length);
        list.push(id);
        emit IKeelMarket.VaultOpened(id, msg.sender);
    }

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule, then, when the vault moved, the new owner's check (`_checkMoved`).
    function transferVault(
        uint256 id,
        address /* to */
    )
        external
    {
        address before = _vaults[id].owner;
        _callModule();
        if (_vaults[id].owner != before) _checkMoved(id);
    }

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule, then the new owner's check (`_checkMoved`).
    function acceptVault(uint256 id) external {
        _callModule();
        _checkMoved(id);
    }

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

    /// @inheritdoc IKeelMarket
    function pendingVaultOwner(uint256 id) external view returns (address) {
        return _pendingVaultOwner[id];
    }

    /// @inheritdoc IKeelMarket
    function setOperator(address operator, bool approved) external {
        isOperator[msg.sender][operator] = approved;
        emit IKeelMarket.OperatorSet(msg.sender, operator, approved);
    }

    /// @inheritdoc IKeelMarket
    /// @dev A vault already holding `asset` exists (collateral is only ever credited to an opened vault, and a vault's
    /// owner never becomes zero), so the owner slot is read only for a vault's first deposit of `asset`.
    function depositCollateral(uint256 id, address asset, uint256 amount) external nonReentrant {
        if (amount == 0) revert IKeelMarket.ZeroAmount();
        Collateral storage c = _collaterals[asset];
        // One slot, read once (all four fields together, before any branch).
        (bool listed, uint256 index, uint256 total, uint256 cap) = (c.listed, c.index, c.total, c.supplyCap);
        uint256 balance = listed ? _balanceOf(id, asset, index) : 0;
        Vault storage v = _vaults[id];
        if (balance == 0 && v.owner == address(0)) revert IKeelMarket.VaultNotFound(id);
        if (!listed) revert IKeelMarket.NotListed(asset);
        total += amount;
        if (cap > MAX_COLLATERAL_TOTAL) cap = MAX_COLLATERAL_TOTAL;
        if (total > cap) revert IKeelMarket.SupplyCapExceeded(asset, total, cap);
        c.total = uint112(total);
        if (balance == 0 && index != 0) v.heldMask |= uint32(1 << index);
        _setBalance(id, asset, index, balance + amount);
        _pullIn(asset, msg.sender, amount, total);
        emit IKeelMarket.CollateralDeposited(id, msg.sender, asset, amount);
    }

    /// @inheritdoc IKeelMarket
    function withdrawCollateral(uint256 id, address asset, uint256 amount, address receiver) external nonReentrant {
        if (amount == 0) revert IKeelMarket.ZeroAmount();
        if (receiver == address(0)) revert IKeelMarket.ZeroAddress();
        Vault storage v = _vaults[id];
        _authorize(v.owner, id);
        Collateral storage c = _collaterals[asset];
        (bool listed, uint256 index, uint256 total) = (c.listed, c.index, c.total);
        uint256 balance = listed ? _balanceOf(id, asset, index) : 0;
        if (amount > balance) revert IKeelMarket.InsufficientCollateral(id, asset, balance, amount);
        unchecked {
            balance -= amount;
        }
        _setBalance(id, asset, index, balance);
        c.total = uint112(total - amount);
        if (balance == 0 && index != 0) v.heldMask &= ~uint32(1 << index);
        // A withdrawal moves neither borrows nor cash, so the rate is unchanged and accrued interest need not be
        // written: the check values the debt with interest accrued to now in memory (`_accrued`).
        if (v.debtShares != 0 && !_deferCheck(id)) {
            (Totals memory t,) = _accrued();
            _checkLtv(id, t);
        }
        IERC20(asset).safeTransfer(receiver, amount);
        emit IKeelMarket.CollateralWithdrawn(id, msg.sender, asset, amount, receiver);
    }

    /// @inheritdoc IKeelMarket
    function borrow(uint256 id, uint256 amount, address receiver) external nonReentrant returns (uint256 shares) {
        if (amount == 0) revert IKeelMarket.ZeroAmount();
        if (receiver == address(0)) revert IKeelMarket.ZeroAddress();
        Vault storage v = _vaults[id];
        _authorize(v.owner, id);
        (Totals memory t, Liquidity memory l) = _accrueMem();
        if (l.borrowPaused) revert IKeelMarket.BorrowPaused();
        uint256 available = l.cash;
        if (amount > available) revert IKeelMarket.InsufficientLiquidity(amount, available);
        shares = amount.toSharesUp(t.borrowAssets, t.borrowShares);
        (t.borrowAssets, t.borrowShares) =
        ((t.borrowAssets + amount).toUint128(), (t.borrowShares + shares).toUint128());
        l.cash = uint128(available - amount);
        _store(t, l);
        v.debtShares += uint128(shares);
        if (!_deferCheck(id)) _checkLtv(id, t);
        IERC20(BASE).safeTransfer(receiver, amount);
        emit IKeelMarket.Borrowed(id, msg.sender, receiver, amount, shares);
    }

    /// @inheritdoc IKeelMarket
    function repay(uint256 id, uint256 amount) external nonReentrant returns (uint256 repaid, uint256 shares) {
        if (amount == 0) revert IKeelMarket.ZeroAmount();
        Vault storage v = _vaults[id];
        if (v.debtShares == 0) revert IKeelMarket.NothingToRepay(id);
        (Totals memory t, Liquidity memory l) = _accrueMem();
        (repaid, shares) = _reduceDebt(v, amount, t, l);
        _store(t, l);
        _pullBase(msg.sender, repaid);
        emit IKeelMarket.Repaid(id, msg.sender, repaid, shares);
    }

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule.
    function liquidate(
        uint256,
        /* id */
        address,
        /* asset */
        uint256,
        /* repayAmount */
        uint256 /* minSeized */
    )
        external
        returns (
            uint256, /* repaid */
            uint256 /* seized */
        )
    {
        _delegateToModule();
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

    /// @notice Base units available for a flash loan (the market's cash); zero for any other token.
    function maxFlashLoan(address token) external view returns (uint256) {
        return token == BASE ? _liq.cash : 0;
    }

    /// @notice Fee for flash-borrowing `amount` of `token` (base asset only), rounded up.
    function flashFee(address token, uint256 amount) public view returns (uint256) {
        return _flashFee(token, amount);
    }

    /// @notice ERC-3156 flash loan of the base asset; the fee goes to reserves. The callback may use this market's vault
    /// and ERC4626 functions, multicall included (the lock is released during it), but not take another flash loan.
    /// Refused inside a multicall batch (FlashLoanInBatch): a batch could otherwise borrow all cash against an empty
    /// vault, flash-loan nothing, use the cash in the callback and repay it before the batch's LTV check, fee-free.
    /// The amount lent sits in the flash transient slot (+1) so base transfers in during the callback are checked
    /// against cash minus it.
    /// Runs in KeelMarketModule.
    function flashLoan(
        IERC3156FlashBorrower,
        /* receiver */
        address,
        /* token */
        uint256,
        /* amount */
        bytes calldata /* data */
    )
        external
        returns (bool)
    {
        _delegateToModule();
    }

    /* RISK ADMIN SETTERS (riskAdmin only; run in KeelMarketModule, which enforces the hard bounds) */

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule.
    function setCollateral(
        address,
        /* asset */
        CollateralParams calldata /* params */
    )
        external
    {
        _delegateToModule();
    }

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule.
    function setRateModel(
        RateModel calldata /* model */
    )
        external
    {
        _delegateToModule();
    }

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule.
    function setFees(
        uint256,
        /* reserveFactor */
        uint256 /* flashFeeBps */
    )
        external
    {
        _delegateToModule();
    }

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule.
    function setBorrowPaused(
        bool /* paused */
    )
        external
    {
        _delegateToModule();
    }

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule.
    function setReputation(
        address /* source */
    )
        external
    {
        _delegateToModule();
    }

    /// @inheritdoc IKeelMarket
    /// @dev Runs in KeelMarketModule.
    function withdrawReserves(
        address,
        /* to */
        uint256 /* amount */
    )
        external
    {
        _delegateToModule();
    }

    /// @inheritdoc IKeelMarket
    function accrueInterest() external nonReentrant {
        _accrue();
    }

    /* ERC4626 */

    /// @notice Lenders' assets: cash + borrows − reserves, interest accrued to now.
    function totalAssets() public view override returns (uint256) {
        (Totals memory t, Liquidity memory l) = _accrued();
        return (uint256(l.cash) + t.borrowAssets).zeroFloorSub(l.reserves);
    }

    /// @notice Assets a deposit may add now: cash is stored in 128 bits, so up to 2^128 − 1 − cash.
    function maxDeposit(address) public view override returns (uint256) {
        return type(uint128).max - _liq.cash;
    }

    /// @notice Shares a mint may create now: `maxDeposit` converted to shares, rounded down.
    function maxMint(address) public view override returns (uint256) {
        return _convertToShares(type(uint128).max - _liq.cash, Math.Rounding.Floor);
    }

    /// @notice Assets `owner_` can withdraw now: its share of assets, limited by the cash on hand (a flash loan in
    /// progress has lent part of it out).
    function maxWithdraw(address owner_) public view override returns (uint256) {
        return _convertToAssets(balanceOf(owner_), Math.Rounding.Floor).min(_cashOnHand(_liq.cash));
    }

    /// @notice Shares `owner_` can redeem now: its balance, limited by the cash on hand.
    function maxRedeem(address owner_) public view override returns (uint256) {
        return balanceOf(owner_).min(_convertToShares(_cashOnHand(_liq.cash), Math.Rounding.Floor));
    }

    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override nonReentrant {
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
        _liq.cash = (_liq.cash + assets).toUint128();
        _pullBase(from, assets);
    }

    function _transferOut(address to, uint256 assets) internal override {
        _liq.cash -= uint128(assets);
        IERC20(BASE).safeTransfer(to, assets);
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return SHARE_DECIMALS_OFFSET;
    }

    /* VIEWS */

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
    function collateralInfo(address asset) external view returns (CollateralInfo memory) {
        Collateral storage c = _collaterals[asset];
        return CollateralInfo(asset, c.decimals, c.ltv, c.lt, c.maxDiscount, c.supplyCap, c.total);
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
    function collateralOf(uint256 id, address asset) external view returns (uint256) {
        return _heldOf(id, asset, _collaterals[asset]);
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
        Health memory h = _health(id, debtOf(id), address(0), type(uint256).max, _collaterals[address(0)]);
        return (
            h.collateralValue,
            h.borrowLimitValue,
            h.liquidationValue,
            h.debtValue,
            HealthLib.healthFactor(h.liquidationValue, h.debtValue)
        );
    }

    /* INTERNAL */

    /// @dev KeelMarketModule.limitWithBonus by delegatecall: the reputation-bonus path (reached only by a vault over
    /// its base limit) runs in the module, under the market's code-size limit.
    function _boostedLimit(uint256 id, address owner_, uint256 limit) internal override returns (uint256 boosted) {
        address m = module;
        bytes4 sel = KeelMarketModule.limitWithBonus.selector;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, sel)
            mstore(add(p, 4), id)
            mstore(add(p, 36), owner_)
            mstore(add(p, 68), limit)
            if iszero(delegatecall(gas(), m, p, 100, p, 32)) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
            boosted := mload(p)
        }
    }

    /// @dev Runs the current call in the module (delegatecall), reverting with its error; returns here (for a function
    /// of the module that returns nothing).
    function _callModule() internal {
        address m = module;
        assembly ("memory-safe") {
            let p := mload(0x40)
            calldatacopy(p, 0, calldatasize())
            if iszero(delegatecall(gas(), m, p, calldatasize(), 0, 0)) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
    }

    /// @dev Runs the current call in the module (delegatecall) and returns or reverts with its result.
    function _delegateToModule() internal {
        address m = module;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), m, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }
}
