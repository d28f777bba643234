// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";
import {IKeelMarket, RateModel, CollateralParams} from "../interfaces/IKeelMarket.sol";
import {KeelMarketCore} from "./KeelMarketCore.sol";

/// @title KeelMarketModule
/// @notice The cold half of a KeelMarket: liquidation, flash loans, vault transfers and the risk admin's setters. Each market deploys its own module in
/// its constructor and reaches it only by delegatecall (from stubs with the same signatures), so the code runs on the
/// market's storage, balances and address; this keeps the market under the 24 KB code-size limit in one deployment.
/// @dev Called directly, the module sees empty storage and no owner: every function reverts or does nothing useful.
contract KeelMarketModule is KeelMarketCore {
    using SafeERC20 for IERC20;
    using MathLib for uint256;
    using SharesLib for uint256;
    using SafeCast for uint256;

    /// @param oracle_ The market's oracle.
    /// @param baseAsset The market's base asset.
    /// @param baseDecimals The base asset's decimals.
    /// @param riskAdmin_ The market's risk admin.
    /// @dev The deploying market has validated all four (see KeelMarket's constructor).
    constructor(KeelOracle oracle_, address baseAsset, uint8 baseDecimals, address riskAdmin_)
        KeelMarketCore(oracle_, baseAsset, baseDecimals, riskAdmin_)
    {}

    /// @dev The market's risk admin (an immutable: the same in the market and in its module).
    modifier onlyRiskAdmin() {
        if (msg.sender != RISK_ADMIN) revert IKeelMarket.NotRiskAdmin(msg.sender);
        _;
    }

    /// @dev KeelMarket.liquidate, run here by delegatecall (documented in IKeelMarket). Each storage slot it needs is
    /// read once (the collateral's index, its parameters), and the totals are
    /// written back one word each (`_store`).
    function liquidate(uint256 id, address asset, uint256 repayAmount, uint256 minSeized)
        external
        nonReentrant
        returns (uint256 repaid, uint256 seized)
    {
        if (_tload(_markSlot(id)) != 0) revert IKeelMarket.VaultCheckPending(id);
        if (repayAmount == 0) revert IKeelMarket.ZeroAmount();
        (Totals memory t, Liquidity memory l) = _accrueMem();
        Vault storage v = _vaults[id];
        Collateral storage c = _collaterals[asset];
        Liq memory x;
        x.index = c.index;
        x.balance = c.listed ? _balanceOf(id, asset, x.index) : 0;
        if (x.balance == 0) revert IKeelMarket.InsufficientCollateral(id, asset, 0, minSeized);
        x.debt = uint256(v.debtShares).toAssetsUp(t.borrowAssets, t.borrowShares);
        // `asset` is held, hence listed at `index`: its Listed slot need not be read.
        Health memory h = _health(id, x.debt, asset, x.index, c);
        x.hf = HealthLib.healthFactor(h.liquidationValue, h.debtValue);
        if (x.hf >= WAD) revert IKeelMarket.NotLiquidatable(id, x.hf);
        // The seized asset must be priced: this reverts with the oracle's own error when it is not.
        if (h.assetPrice == 0) h.assetPrice = oracle.price(asset);
        uint256 maxDiscount;
        (x.lt, maxDiscount, x.colScale) = (c.lt, c.maxDiscount, _scale(c.decimals)); // one slot
        x.startHf = _startHealth(id, x.hf);
        x.discount = HealthLib.discount(x.startHf, maxDiscount, h.collateralValue, h.debtValue);
        // Both prices were read (guarded) by _health: the vault has debt and holds `asset`.
        x.basePrice = h.basePrice;
        x.colPrice = h.assetPrice;
        if (HealthLib.seizureLowersHealth(x.hf, x.lt, x.discount)) {
            // Seizing this asset lowers HF: refused while another collateral would raise it; otherwise only a
            // seizure of the whole balance is allowed.
            if (_anotherRaises(id, asset, x, h)) revert IKeelMarket.LiquidationLowersHealth(id, asset);
            x.seized = x.balance;
            x.repaid = _repayFor(x);
            if (x.repaid > x.debt) {
                x.repaid = x.debt;
                x.seized = _seizedFor(x);
            }
            if (repayAmount < x.repaid) revert IKeelMarket.RepayBelowRequired(repayAmount, x.repaid);
        } else {
            uint256 bonusLt = (WAD + x.discount).wMulUp(x.lt);
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
        if (x.seized < minSeized) revert IKeelMarket.SeizedBelowMin(x.seized, minSeized);

        (repaid,) = _reduceDebt(v, x.repaid, t, l);
        _store(t, l);
        seized = x.seized;
        uint256 left = x.balance - seized;
        _setBalance(id, asset, x.index, left);
        c.total -= uint112(seized);
        // A vault that still holds `asset` holds collateral: only a seizure of the whole balance can empty it.
        if (left == 0) {
            if (x.index != 0) v.heldMask &= ~uint32(1 << x.index);
            if (_heldMask(v) == 0 && v.debtShares != 0) _writeOff(id, v);
        }

        _pullIn(BASE, msg.sender, repaid, _cashOnHand(l.cash)); // `_pullBase` with the cash just stored
        IERC20(asset).safeTransfer(msg.sender, seized);
        emit IKeelMarket.Liquidated(id, msg.sender, asset, repaid, seized, x.discount);
    }

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

    /// @dev Whether vault `id` holds a collateral other than `asset`, priced and worth at least DUST_VALUE, whose
    /// seizure would not lower its health factor at that collateral's own discount. In a solvent vault (discount ≤
    /// margin) a seizure lowers HF only for an above-average LT, so such a collateral then exists. Dust and
    /// collateral that would lower HF too are ignored: neither can block a liquidation. Runs only when seizing
    /// `asset` would lower HF.
    function _anotherRaises(uint256 id, address asset, Liq memory x, Health memory h) internal view returns (bool) {
        uint256 mask = _heldMask(_vaults[id]);
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                Listed memory e = _listed[i];
                if (e.asset != asset) {
                    uint256 value =
                        HealthLib.valueDown(_balanceOf(id, e.asset, i), _priceOrZero(e.asset), _scale(e.decimals));
                    if (value >= DUST_VALUE) {
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

    /// @dev KeelMarket.transferVault, run here by delegatecall (documented in IKeelMarket).
    function transferVault(uint256 id, address to) external nonReentrant {
        Vault storage v = _vaults[id];
        address from = v.owner;
        if (from != msg.sender) revert IKeelMarket.Unauthorized(id, msg.sender);
        if (to == address(0)) revert IKeelMarket.ZeroAddress();
        if (to == from) {
            delete _pendingVaultOwner[id];
        } else if (isOperator[to][from]) {
            _moveVault(id, v, from, to);
        } else {
            _pendingVaultOwner[id] = to;
            emit IKeelMarket.VaultTransferOffered(id, from, to);
        }
    }

    /// @dev KeelMarket.acceptVault, run here by delegatecall (documented in IKeelMarket).
    function acceptVault(uint256 id) external nonReentrant {
        if (_pendingVaultOwner[id] != msg.sender) revert IKeelMarket.NotOffered(id, msg.sender);
        Vault storage v = _vaults[id];
        _moveVault(id, v, v.owner, msg.sender);
    }

    /// @dev Moves vault `id` from `from`'s list to `to`'s and clears any pending offer. The market then checks the vault
    /// against `to`'s limit (KeelMarket `_checkMoved`).
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
        emit IKeelMarket.VaultTransferred(id, from, to);
    }

    /// @dev KeelMarket's `_boostedLimit`, run here by delegatecall (see `_limitWithBonus`): the bonus path lives in the
    /// module for the market's code-size limit. Not in the market's interface; called directly, the module has no
    /// source and returns `limit`.
    function limitWithBonus(uint256 id, address owner_, uint256 limit) external view returns (uint256) {
        return _limitWithBonus(id, owner_, limit);
    }

    function _boostedLimit(uint256 id, address owner_, uint256 limit) internal view override returns (uint256) {
        return _limitWithBonus(id, owner_, limit);
    }

    /// @dev KeelMarket.flashLoan, run here by delegatecall (documented in KeelMarket).
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool)
    {
        if (_tload(FLASH_SLOT) != 0) revert IKeelMarket.FlashLoanActive();
        if (_tload(BATCH_SLOT) != 0) revert IKeelMarket.FlashLoanInBatch();
        _lock();
        uint256 fee = _flashFee(token, amount);
        uint256 available = _liq.cash;
        if (amount > available) revert IKeelMarket.InsufficientLiquidity(amount, available);
        _tstore(FLASH_SLOT, amount + 1);
        IERC20(BASE).safeTransfer(address(receiver), amount);
        _tstore(LOCK_SLOT, 0);
        if (receiver.onFlashLoan(msg.sender, token, amount, fee, data) != FLASH_CALLBACK_SUCCESS) {
            revert IKeelMarket.FlashCallbackFailed();
        }
        _lock();
        Liquidity storage l = _liq;
        l.cash = (l.cash + fee).toUint128();
        l.reserves = _addReserves(l.reserves, fee);
        _tstore(FLASH_SLOT, 0);
        _pullBase(address(receiver), amount + fee);
        _tstore(LOCK_SLOT, 0);
        emit IKeelMarket.FlashLoan(address(receiver), msg.sender, amount, fee);
        return true;
    }

    /* RISK ADMIN (KeelRiskAdmin only; every value is checked against the hard bounds here, whoever proposed it) */

    /// @dev KeelMarket.setCollateral, run here by delegatecall (documented in IKeelMarket).
    function setCollateral(address asset, CollateralParams calldata params) external onlyRiskAdmin nonReentrant {
        _setCollateral(asset, params);
    }

    /// @dev KeelMarket.setRateModel, run here by delegatecall (documented in IKeelMarket).
    function setRateModel(RateModel calldata model) external onlyRiskAdmin nonReentrant {
        _accrue();
        _setRateModel(model);
    }

    /// @dev KeelMarket.setFees, run here by delegatecall (documented in IKeelMarket).
    function setFees(uint256 reserveFactor_, uint256 flashFeeBps_) external onlyRiskAdmin nonReentrant {
        _accrue();
        _setFees(reserveFactor_, flashFeeBps_);
    }

    /// @dev KeelMarket.setBorrowPaused, run here by delegatecall (documented in IKeelMarket).
    function setBorrowPaused(bool paused) external onlyRiskAdmin {
        _liq.borrowPaused = paused;
        emit IKeelMarket.BorrowPausedSet(paused);
    }

    /// @dev KeelMarket.setReputation, run here by delegatecall (documented in IKeelMarket).
    function setReputation(address source) external onlyRiskAdmin {
        _config.reputation = source;
        emit IKeelMarket.ReputationSet(source);
    }

    /// @dev KeelMarket.withdrawReserves, run here by delegatecall (documented in IKeelMarket).
    function withdrawReserves(address to, uint256 amount) external onlyRiskAdmin nonReentrant {
        if (to == address(0)) revert IKeelMarket.ZeroAddress();
        _accrue();
        Liquidity storage l = _liq;
        uint256 available = uint256(l.reserves).min(_cashOnHand(l.cash));
        if (amount > available) revert IKeelMarket.InsufficientReserves(amount, available);
        l.reserves -= uint88(amount);
        l.cash -= uint128(amount);
        IERC20(BASE).safeTransfer(to, amount);
        emit IKeelMarket.ReservesWithdrawn(to, amount);
    }
}
