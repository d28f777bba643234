// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {RateModel, CollateralParams} from "../interfaces/IKeelMarket.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";
import {ErrorsLib} from "../libraries/ErrorsLib.sol";
import {EventsLib} from "../libraries/EventsLib.sol";
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
        if (msg.sender != RISK_ADMIN) revert ErrorsLib.NotRiskAdmin(msg.sender);
        _;
    }

    /// @notice Liquidates vault `id` (health factor < 1): repays at most `repayAmount` of its debt from the caller and
    /// sends the caller `asset` collateral worth the repayment plus the discount.
    /// @dev The rules, each there so that no liquidation is unfair or can be blocked:
    /// - Valuation: a collateral without a valid price counts as zero (`_health`), so a failing feed never blocks the
    ///   liquidation of the priced assets; the seized asset itself must be priced (reverts with the oracle's error).
    /// - Discount = clamp(1 − HF, MIN_DISCOUNT, maxDiscount), capped at the vault's margin (collateral value ÷ debt
    ///   value − 1) while collateral value covers debt value: seizing everything then repays all of the debt, so a
    ///   solvent vault is never written off. HF is the vault's health at the first liquidation of it in this
    ///   transaction, or now if higher (transient), so splitting or ordering liquidations within one transaction never
    ///   raises the discount.
    /// - A seizure that would lower HF ((1 + discount) × LT of the asset above HF) is refused (LiquidationLowersHealth)
    ///   while the vault holds another collateral, priced and worth at least DUST_VALUE, whose seizure would raise
    ///   it: the liquidator must take that one. In a solvent vault such a collateral always exists when a seizure
    ///   would lower HF, so every liquidation of a solvent vault raises (or keeps) its HF and its margin, and none pays
    ///   more than liquidating the vault at its starting health would. Dust cannot block a liquidation.
    /// - Repayment is min(`repayAmount`, what brings HF to TARGET_HEALTH), or the whole debt when it or the rest is
    ///   dust; when seizing this asset still lowers HF (no other collateral can do better), its whole balance must be
    ///   seized and `repayAmount` must cover it (RepayBelowRequired). `repayAmount` is a maximum: pass headroom, and a
    ///   front-running deposit cannot make the call revert.
    /// - When no collateral is left, the remaining debt is written off (BadDebt).
    /// @return repaid Base units paid by the liquidator.
    /// @return seized Collateral units sent to the liquidator (at least `minSeized`).
    function liquidate(uint256 id, address asset, uint256 repayAmount, uint256 minSeized)
        external
        nonReentrant
        returns (uint256 repaid, uint256 seized)
    {
        if (_tload(_markSlot(id)) != 0) revert ErrorsLib.VaultCheckPending(id);
        if (repayAmount == 0) revert ErrorsLib.ZeroAmount();
        (Totals memory t, Liquidity memory l) = _accrueMem();
        Vault storage v = _vaults[id];
        Collateral storage c = _collaterals[asset];
        Liq memory x;
        x.balance = _heldOf(id, asset, c);
        if (x.balance == 0) revert ErrorsLib.InsufficientCollateral(id, asset, 0, minSeized);
        x.debt = uint256(v.debtShares).toAssetsUp(t.borrowAssets, t.borrowShares);
        // `asset` is held, hence listed at `c.index`: its Listed slot need not be read.
        Health memory h = _health(id, x.debt, asset, c.index, c);
        x.hf = HealthLib.healthFactor(h.liquidationValue, h.debtValue);
        if (x.hf >= WAD) revert ErrorsLib.NotLiquidatable(id, x.hf);
        // The seized asset must be priced: this reverts with the oracle's own error when it is not.
        if (h.assetPrice == 0) h.assetPrice = oracle.price(asset);
        x.startHf = _startHealth(id, x.hf);
        x.discount = HealthLib.discount(x.startHf, c.maxDiscount, h.collateralValue, h.debtValue);
        // Both prices were read (guarded) by _health: the vault has debt and holds `asset`.
        x.basePrice = h.basePrice;
        x.colPrice = h.assetPrice;
        x.colScale = _scale(c.decimals);
        uint256 bonusLt = (WAD + x.discount).wMulUp(c.lt);
        if (HealthLib.seizureLowersHealth(x.hf, c.lt, x.discount)) {
            // Seizing this asset lowers HF: refused while another collateral would raise it; otherwise only a
            // seizure of the whole balance is allowed.
            if (_anotherRaises(id, asset, x, h)) revert ErrorsLib.LiquidationLowersHealth(id, asset);
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

        (repaid,) = _reduceDebt(v, x.repaid, t, l);
        _totals = t;
        _liq = l;
        seized = x.seized;
        uint256 left = x.balance - seized;
        _setBalance(id, asset, c.index, left);
        c.total -= uint112(seized);
        if (left == 0 && c.index != 0) v.heldMask &= ~uint32(1 << c.index);
        if (_heldMask(v) == 0 && v.debtShares != 0) _writeOff(id, v);

        _pullBase(msg.sender, repaid);
        IERC20(asset).safeTransfer(msg.sender, seized);
        emit EventsLib.Liquidated(id, msg.sender, asset, repaid, seized, x.discount);
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
                    uint256 value = HealthLib.valueDown(_balanceOf(id, e.asset, i), _priceOrZero(e.asset), _scale(e.decimals));
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

    /// @notice Offers vault `id` (collateral and debt) to `to`; `to` becomes its owner by calling `acceptVault`. Owner
    /// only. The transfer is immediate when `to` has made the caller its operator (`setOperator`): it already trusts
    /// the caller with all its vaults. Offering the vault to its owner withdraws a pending offer. Nobody can push a
    /// vault onto an address that did not consent, so an owner's list grows only by its own doing.
    function transferVault(uint256 id, address to) external nonReentrant {
        Vault storage v = _vaults[id];
        address from = v.owner;
        if (from != msg.sender) revert ErrorsLib.Unauthorized(id, msg.sender);
        if (to == address(0)) revert ErrorsLib.ZeroAddress();
        if (to == from) {
            delete _pendingVaultOwner[id];
        } else if (isOperator[to][from]) {
            _moveVault(id, v, from, to);
        } else {
            _pendingVaultOwner[id] = to;
            emit EventsLib.VaultTransferOffered(id, from, to);
        }
    }

    /// @notice Accepts vault `id` offered to the caller by `transferVault`; operators of the old owner lose access.
    function acceptVault(uint256 id) external nonReentrant {
        if (_pendingVaultOwner[id] != msg.sender) revert ErrorsLib.NotOffered(id, msg.sender);
        Vault storage v = _vaults[id];
        _moveVault(id, v, v.owner, msg.sender);
    }

    /// @dev Moves vault `id` from `from`'s list to `to`'s and clears any pending offer.
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
        emit EventsLib.VaultTransferred(id, from, to);
    }

    /// @notice ERC-3156 flash loan of the base asset; the fee goes to reserves. The callback may use the market's vault
    /// and ERC4626 functions, multicall included (the lock is released during it), but not take another flash loan.
    /// Refused inside a multicall batch (FlashLoanInBatch): a batch could otherwise borrow all cash against an empty
    /// vault, flash-loan nothing, use the cash in the callback and repay it before the batch's LTV check, fee-free.
    /// The amount lent sits in the flash transient slot (+1) so base transfers in during the callback are checked
    /// against cash minus it.
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool)
    {
        if (_tload(FLASH_SLOT) != 0) revert ErrorsLib.FlashLoanActive();
        if (_tload(BATCH_SLOT) != 0) revert ErrorsLib.FlashLoanInBatch();
        _lock();
        uint256 fee = _flashFee(token, amount);
        uint256 available = _liq.cash;
        if (amount > available) revert ErrorsLib.InsufficientLiquidity(amount, available);
        _tstore(FLASH_SLOT, amount + 1);
        IERC20(BASE).safeTransfer(address(receiver), amount);
        _tstore(LOCK_SLOT, 0);
        if (receiver.onFlashLoan(msg.sender, token, amount, fee, data) != FLASH_CALLBACK_SUCCESS) {
            revert ErrorsLib.FlashCallbackFailed();
        }
        _lock();
        Liquidity storage l = _liq;
        l.cash = (l.cash + fee).toUint128();
        l.reserves = _addReserves(l.reserves, fee);
        _tstore(FLASH_SLOT, 0);
        _pullBase(address(receiver), amount + fee);
        _tstore(LOCK_SLOT, 0);
        emit EventsLib.FlashLoan(address(receiver), msg.sender, amount, fee);
        return true;
    }

    /* RISK ADMIN (KeelRiskAdmin only; every value is checked against the hard bounds here, whoever proposed it) */

    /// @notice Lists `asset` as collateral, or changes its parameters, at once. The risk admin decides when (its delay);
    /// the bounds are enforced here (RiskBoundsLib.validateCollateral).
    function setCollateral(address asset, CollateralParams calldata params) external onlyRiskAdmin nonReentrant {
        _setCollateral(asset, params);
    }

    /// @notice Accrues interest at the old rates, then sets the rate model.
    function setRateModel(RateModel calldata model) external onlyRiskAdmin nonReentrant {
        _accrue();
        _setRateModel(model);
    }

    /// @notice Accrues interest at the old reserve factor, then sets the reserve factor (WAD) and flash fee (bps).
    function setFees(uint256 reserveFactor_, uint256 flashFeeBps_) external onlyRiskAdmin nonReentrant {
        _accrue();
        _setFees(reserveFactor_, flashFeeBps_);
    }

    /// @notice Pauses (or resumes) new borrows. Nothing else stops: repay, deposits, withdrawals and liquidation.
    function setBorrowPaused(bool paused) external onlyRiskAdmin {
        _liq.borrowPaused = paused;
        emit EventsLib.BorrowPausedSet(paused);
    }

    /// @notice Sends `amount` of protocol reserves to `to` (limited by reserves and by cash on hand).
    function withdrawReserves(address to, uint256 amount) external onlyRiskAdmin nonReentrant {
        if (to == address(0)) revert ErrorsLib.ZeroAddress();
        _accrue();
        Liquidity storage l = _liq;
        uint256 available = uint256(l.reserves).min(_cashOnHand(l.cash));
        if (amount > available) revert ErrorsLib.InsufficientReserves(amount, available);
        l.reserves -= uint88(amount);
        l.cash -= uint128(amount);
        IERC20(BASE).safeTransfer(to, amount);
        emit EventsLib.ReservesWithdrawn(to, amount);
    }
}
