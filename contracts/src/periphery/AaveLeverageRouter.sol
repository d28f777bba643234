// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPool} from "@aave/core-v3/contracts/interfaces/IPool.sol";
import {IPriceOracleGetter} from "@aave/core-v3/contracts/interfaces/IPriceOracleGetter.sol";
import {ICreditDelegationToken} from "@aave/core-v3/contracts/interfaces/ICreditDelegationToken.sol";
import {DataTypes} from "@aave/core-v3/contracts/protocol/libraries/types/DataTypes.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";
import {LeverageRouterBase} from "./LeverageRouterBase.sol";

/// @title AaveLeverageRouter
/// @notice Opens, raises, lowers and closes a leveraged Aave v3 position (one collateral reserve, one variable-rate debt
/// reserve) in one transaction: an Aave flash loan (`flashLoanSimple`) of the debt asset, a swap through an
/// ISwapAdapter, and the position's actions inside `executeOperation`.
/// @dev The owner grants the router Aave's own delegations: credit delegation on the debt reserve's variable debt
/// token (`approveDelegation`) to borrow for them, and an aToken allowance (`approve`) to take collateral out when
/// lowering or closing. The router only ever acts `onBehalfOf` `msg.sender`; swaps are bounded by the owner's signed
/// amounts and by the AaveOracle (`bps` below its price at most).
contract AaveLeverageRouter is LeverageRouterBase {
    using SafeERC20 for IERC20;

    uint256 internal constant VARIABLE_RATE = 2;

    enum Action {
        Increase,
        Decrease,
        Close
    }

    /// @dev What the flash-loan callback is to do, encoded into the loan's `params`.
    struct Job {
        Action action;
        address collateral;
        address owner;
        uint256 amount; // Increase: collateral deposited; Decrease: collateral to sell; Close: max collateral to sell
        uint256 bound; // Increase: min collateral out; Decrease: min debt asset out; Close: unused
        uint256 bps; // oracle bound
    }

    /// @notice The Aave v3 pool.
    IPool public immutable pool;

    /// @notice Thrown when the owner's delegation to the router (`token`: the variable debt token's credit delegation
    /// or the aToken's allowance) is below what the call needs.
    error DelegationTooLow(address token, uint256 allowance, uint256 needed);

    constructor(IPool pool_, ISwapAdapter adapter_) LeverageRouterBase(adapter_) {
        pool = pool_;
    }

    /// @notice Opens or raises the caller's leverage: pulls `deposit` of `collateral`, flash-borrows `flashAmount` of
    /// `debtAsset`, swaps it for at least `minCollateralOut` collateral (and the oracle bound), supplies everything for
    /// the caller and borrows the loan plus Aave's premium at the variable rate on the caller's credit delegation.
    /// @dev Aave's own LTV check on the borrow is the final word on leverage.
    function increase(
        address collateral,
        address debtAsset,
        uint256 deposit,
        uint256 flashAmount,
        uint256 minCollateralOut,
        uint256 bps
    ) external nonReentrant {
        _startIncrease(collateral, deposit, flashAmount, bps);
        if (flashAmount == 0) {
            _supply(collateral, deposit, msg.sender);
            emit LeverageIncreased(msg.sender, collateral, debtAsset, deposit, 0, 0);
        } else {
            address vdt = pool.getReserveData(debtAsset).variableDebtTokenAddress;
            uint256 owed = flashAmount + _premium(flashAmount);
            uint256 allowance = ICreditDelegationToken(vdt).borrowAllowance(msg.sender, address(this));
            if (allowance < owed) revert DelegationTooLow(vdt, allowance, owed);
            _flash(debtAsset, flashAmount, Job(Action.Increase, collateral, msg.sender, deposit, minCollateralOut, bps));
        }
        _sweepPair(collateral, debtAsset);
    }

    /// @notice Lowers the caller's leverage: flash-borrows `repayAmount` of `debtAsset`, repays that much variable debt
    /// (at most all of it), takes `collateralToSell` aTokens on the caller's allowance, withdraws and sells them for at
    /// least `minDebtOut` (and the oracle bound), repays the loan and premium; the surplus repays more debt and what
    /// exceeds the debt goes to the owner.
    function decrease(
        address collateral,
        address debtAsset,
        uint256 collateralToSell,
        uint256 repayAmount,
        uint256 minDebtOut,
        uint256 bps
    ) external nonReentrant {
        _startDecrease(collateralToSell, repayAmount, bps);
        _checkATokenAllowance(collateral, collateralToSell);
        _flash(debtAsset, repayAmount, Job(Action.Decrease, collateral, msg.sender, collateralToSell, minDebtOut, bps));
        _sweepPair(collateral, debtAsset);
    }

    /// @notice Unwinds the caller's `collateral` / `debtAsset` position: flash-borrows the whole variable debt, repays
    /// it, takes every aToken of `collateral` on the caller's allowance, withdraws, sells at most `maxCollateralIn` for
    /// exactly the loan and premium (and the oracle bound), and sends the owner everything left.
    function close(address collateral, address debtAsset, uint256 maxCollateralIn, uint256 bps) external nonReentrant {
        _checkBound(bps);
        uint256 col = IERC20(pool.getReserveData(collateral).aTokenAddress).balanceOf(msg.sender);
        _checkATokenAllowance(collateral, col);
        uint256 debt = IERC20(pool.getReserveData(debtAsset).variableDebtTokenAddress).balanceOf(msg.sender);
        if (debt == 0) {
            _withdrawFrom(collateral, msg.sender, col, msg.sender);
            emit PositionClosed(msg.sender, collateral, debtAsset, 0, 0);
        } else {
            _flash(debtAsset, debt, Job(Action.Close, collateral, msg.sender, maxCollateralIn, 0, bps));
        }
        _sweepPair(collateral, debtAsset);
    }

    /// @notice Aave's flash-loan callback; accepted only from the pool, for a loan this router initiated during its own
    /// call.
    function executeOperation(address asset, uint256 amount, uint256 premium, address initiator, bytes calldata params)
        external
        returns (bool)
    {
        _acceptCallback(initiator);
        Job memory job = abi.decode(params, (Job));
        uint256 owed = amount + premium;
        if (job.action == Action.Increase) {
            uint256 bought = _swapExactIn(asset, job.collateral, amount, job.bound, job.bps);
            _supply(job.collateral, job.amount + bought, job.owner);
            pool.borrow(asset, owed, VARIABLE_RATE, 0, job.owner);
            emit LeverageIncreased(job.owner, job.collateral, asset, job.amount, owed, bought);
        } else if (job.action == Action.Decrease) {
            uint256 repaid = _repay(asset, job.owner, amount);
            uint256 got = _withdrawFrom(job.collateral, job.owner, job.amount, address(this));
            _swapExactIn(job.collateral, asset, Math.min(got, job.amount), job.bound, job.bps);
            uint256 surplus = _surplus(asset, owed);
            if (surplus != 0) repaid += _repay(asset, job.owner, surplus);
            emit LeverageDecreased(job.owner, job.collateral, asset, job.amount, repaid);
        } else {
            uint256 repaid = _repay(asset, job.owner, amount);
            uint256 col = IERC20(pool.getReserveData(job.collateral).aTokenAddress).balanceOf(job.owner);
            uint256 got = _withdrawFrom(job.collateral, job.owner, col, address(this));
            uint256 sold = _buyShortfall(job.collateral, asset, owed, Math.min(job.amount, got), job.bps);
            emit PositionClosed(job.owner, job.collateral, asset, sold, repaid);
        }
        IERC20(asset).forceApprove(address(pool), owed);
        return true;
    }

    function _flash(address asset, uint256 amount, Job memory job) internal {
        _expectCallback(address(pool));
        pool.flashLoanSimple(address(this), asset, amount, abi.encode(job), 0);
    }

    /// @dev Aave's premium on a flash loan of `amount` (PercentageMath.percentMul, half up).
    function _premium(uint256 amount) internal view returns (uint256) {
        return (amount * pool.FLASHLOAN_PREMIUM_TOTAL() + 5_000) / BPS;
    }

    function _checkATokenAllowance(address collateral, uint256 needed) internal view {
        address aToken = pool.getReserveData(collateral).aTokenAddress;
        uint256 allowance = IERC20(aToken).allowance(msg.sender, address(this));
        if (allowance < needed) revert DelegationTooLow(aToken, allowance, needed);
    }

    function _supply(address asset, uint256 amount, address owner) internal {
        IERC20(asset).forceApprove(address(pool), amount);
        pool.supply(asset, amount, owner, 0);
    }

    /// @dev Repays up to `amount` of the owner's variable debt in `asset` (Aave refuses `max` on behalf of another).
    function _repay(address asset, address owner, uint256 amount) internal returns (uint256 repaid) {
        uint256 debt = IERC20(pool.getReserveData(asset).variableDebtTokenAddress).balanceOf(owner);
        amount = Math.min(amount, debt);
        if (amount == 0) return 0;
        IERC20(asset).forceApprove(address(pool), amount);
        repaid = pool.repay(asset, amount, VARIABLE_RATE, owner);
        IERC20(asset).forceApprove(address(pool), 0);
    }

    /// @dev Moves `amount` aTokens from `owner` to the router on its allowance and withdraws all of them to `to`.
    function _withdrawFrom(address asset, address owner, uint256 amount, address to) internal returns (uint256) {
        if (amount == 0) return 0;
        IERC20(pool.getReserveData(asset).aTokenAddress).safeTransferFrom(owner, address(this), amount);
        return pool.withdraw(asset, type(uint256).max, to);
    }

    /// @inheritdoc LeverageRouterBase
    /// @dev AaveOracle prices both assets in the market's base currency.
    function _oracleValue(address tokenIn, address tokenOut, uint256 amountIn)
        internal
        view
        override
        returns (uint256)
    {
        IPriceOracleGetter oracle = IPriceOracleGetter(pool.ADDRESSES_PROVIDER().getPriceOracle());
        uint256 pIn = oracle.getAssetPrice(tokenIn);
        uint256 pOut = oracle.getAssetPrice(tokenOut);
        if (pOut == 0) return type(uint256).max;
        return Math.mulDiv(
            amountIn * pIn, 10 ** IERC20Metadata(tokenOut).decimals(), pOut * 10 ** IERC20Metadata(tokenIn).decimals()
        );
    }
}
