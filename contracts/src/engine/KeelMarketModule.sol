// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {RateModel, CollateralParams, ChangeKind, PendingChange} from "../interfaces/IKeelMarket.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";
import {ErrorsLib} from "../libraries/ErrorsLib.sol";
import {EventsLib} from "../libraries/EventsLib.sol";
import {KeelMarketCore} from "./KeelMarketCore.sol";

/// @title KeelMarketModule
/// @notice The cold half of a KeelMarket: liquidation and risk administration. Each market has its own module,
/// deployed just before it with the same parameters, and reaches it only by delegatecall (from stubs with the same signatures), so the code runs on the
/// market's storage, balances and address; this keeps the market under the 24 KB code-size limit in one deployment.
/// @dev Called directly, the module sees empty storage and no owner: every function reverts or does nothing useful.
contract KeelMarketModule is KeelMarketCore {
    using SafeERC20 for IERC20;
    using MathLib for uint256;
    using SharesLib for uint256;
    using SafeCast for uint256;

    /// @param oracle_ The market's oracle.
    /// @param baseAsset_ The market's base asset.
    /// @param baseDecimals The base asset's decimals.
    /// @param riskDelay_ The market's risk delay.
    /// @dev The market validates all four against its own (see KeelMarket's constructor).
    constructor(KeelOracle oracle_, address baseAsset_, uint8 baseDecimals, uint256 riskDelay_)
        KeelMarketCore(oracle_, baseAsset_, baseDecimals, riskDelay_)
    {}

    /// @notice The base asset of the market this module serves (checked by the market's constructor).
    function baseAsset() external view returns (address) {
        return BASE;
    }

    /// @notice 10 ** the base asset's decimals (checked by the market's constructor).
    function baseScale() external view returns (uint256) {
        return BASE_SCALE;
    }

    /// @dev The market's owner (read from the market itself, whose context this code runs in).
    modifier onlyOwner() {
        if (msg.sender != Ownable(address(this)).owner()) revert Ownable.OwnableUnauthorizedAccount(msg.sender);
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
    ///   while the vault holds a priced collateral of lower LT: the liquidator must take that one first. In a solvent
    ///   vault such a collateral always raises HF, so every liquidation of a solvent vault raises (or keeps) its HF
    ///   and its margin, and none pays more than liquidating the vault at its starting health would.
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
        Health memory h = _health(id, x.debt, asset);
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
            if (_lowerLtHeld(id, asset, c.lt)) revert ErrorsLib.LiquidationLowersHealth(id, asset);
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


    /// @dev Whether vault `id` holds a priced collateral with a lower liquidation threshold than `lt`. Seizing the
    /// lowest-LT collateral lowers HF least; in a solvent vault (discount ≤ margin) any seizure that lowers HF is of
    /// an above-average LT, so a priced lower-LT collateral exists and raises HF. Runs only when a seizure would
    /// lower HF.
    function _lowerLtHeld(uint256 id, address asset, uint256 lt) internal view returns (bool) {
        uint256 mask = _heldMask(_vaults[id]);
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                address a = _listed[i].asset;
                if (a != asset && _collaterals[a].lt < lt && _priceOrZero(a) != 0) return true;
            }
            mask >>= 1;
        }
        return false;
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

    /// @notice ERC-3156 flash loan of the base asset; the fee goes to reserves. The callback may use the market's vault
    /// and ERC4626 functions (the lock is released during it) but not take another flash loan. The amount lent sits in
    /// the flash transient slot (+1) so base transfers in during the callback are checked against cash minus it.
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool)
    {
        if (_tload(FLASH_SLOT) != 0) revert ErrorsLib.FlashLoanActive();
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
        l.reserves = (l.reserves + fee).toUint96();
        _tstore(FLASH_SLOT, 0);
        _pullBase(address(receiver), amount + fee);
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

}
