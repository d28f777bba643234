// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IMorpho, Id, MarketParams, Market} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";
import {IOracle} from "@morpho-org/morpho-blue/src/interfaces/IOracle.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";
import {LeverageRouterBase} from "./LeverageRouterBase.sol";

/// @title MorphoLeverageRouter
/// @notice Opens, raises, lowers and closes a leveraged Morpho Blue position in one transaction: a free Morpho flash
/// loan of the market's loan token, a swap through an ISwapAdapter, and the position's actions inside the callback.
/// @dev The owner authorises the router on Morpho (`setAuthorization(router, true)`) to borrow and withdraw collateral
/// for them; the router only ever acts `onBehalf` of `msg.sender`. Swaps are bounded by the owner's signed amounts and by
/// the market's own oracle (`bps` below its price at most).
contract MorphoLeverageRouter is LeverageRouterBase {
    using SafeERC20 for IERC20;

    uint256 internal constant ORACLE_PRICE_SCALE = 1e36;
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    uint256 internal constant VIRTUAL_ASSETS = 1;

    enum Action {
        Increase,
        Decrease,
        Close
    }

    /// @dev What the flash-loan callback is to do, encoded into the loan's `data`.
    struct Job {
        Action action;
        MarketParams params;
        address owner;
        uint256 amount; // Increase: collateral deposited; Decrease: collateral to sell; Close: max collateral to sell
        uint256 bound; // Increase: min collateral out; Decrease: min loan token out; Close: unused
        uint256 bps; // oracle bound
    }

    /// @notice Morpho Blue.
    IMorpho public immutable morpho;

    /// @dev The oracle and loan token of the market whose swap is in progress (set for the length of a call).
    address private transient _oracle;
    address private transient _loanToken;

    /// @notice Thrown when the owner has not authorised the router on Morpho (`setAuthorization`).
    error RouterNotAuthorized(address owner);

    constructor(IMorpho morpho_, ISwapAdapter adapter_) LeverageRouterBase(adapter_) {
        morpho = morpho_;
    }

    /// @notice Opens or raises the caller's position in `params`' market: pulls `deposit` collateral from the caller,
    /// flash-borrows `flashAmount` of the loan token, swaps it for at least `minCollateralOut` collateral (and at most
    /// `bps` below the oracle's price), supplies everything and borrows the loan back against it.
    /// @dev Morpho's health check on the borrow is the final word on leverage.
    function increase(
        MarketParams calldata params,
        uint256 deposit,
        uint256 flashAmount,
        uint256 minCollateralOut,
        uint256 bps
    ) external nonReentrant {
        _startIncrease(params.collateralToken, deposit, flashAmount, bps);
        if (flashAmount == 0) {
            _supplyCollateral(params, deposit, msg.sender);
            emit LeverageIncreased(msg.sender, params.collateralToken, params.loanToken, deposit, 0, 0);
        } else {
            _authorized();
            _flash(params, flashAmount, Job(Action.Increase, params, msg.sender, deposit, minCollateralOut, bps));
        }
        _sweepPair(params.collateralToken, params.loanToken);
    }

    /// @notice Lowers the caller's leverage: flash-borrows `repayAmount` of the loan token, repays that much debt (all
    /// of it if it covers the debt), withdraws `collateralToSell`, sells it for at least `minLoanOut` (and the oracle
    /// bound), repays the loan; the surplus repays more debt and what exceeds the debt goes to the owner.
    function decrease(
        MarketParams calldata params,
        uint256 collateralToSell,
        uint256 repayAmount,
        uint256 minLoanOut,
        uint256 bps
    ) external nonReentrant {
        _startDecrease(collateralToSell, repayAmount, bps);
        _authorized();
        _flash(params, repayAmount, Job(Action.Decrease, params, msg.sender, collateralToSell, minLoanOut, bps));
        _sweepPair(params.collateralToken, params.loanToken);
    }

    /// @notice Unwinds the caller's position: flash-borrows the whole debt, repays it by shares, withdraws all the
    /// collateral, sells at most `maxCollateralIn` of it for exactly the loan (and the oracle bound) and sends the
    /// owner everything left.
    function close(MarketParams calldata params, uint256 maxCollateralIn, uint256 bps) external nonReentrant {
        _checkBound(bps);
        _authorized();
        Id id = _id(params);
        morpho.accrueInterest(params);
        uint256 debt = _debt(id, msg.sender);
        if (debt == 0) {
            uint256 col = morpho.position(id, msg.sender).collateral;
            if (col != 0) morpho.withdrawCollateral(params, col, msg.sender, msg.sender);
            emit PositionClosed(msg.sender, params.collateralToken, params.loanToken, 0, 0);
        } else {
            _flash(params, debt, Job(Action.Close, params, msg.sender, maxCollateralIn, 0, bps));
        }
        _sweepPair(params.collateralToken, params.loanToken);
    }

    /// @notice Morpho's flash-loan callback; accepted only from Morpho during this router's own call.
    function onMorphoFlashLoan(uint256 assets, bytes calldata data) external {
        _acceptCallback(address(this));
        Job memory job = abi.decode(data, (Job));
        MarketParams memory p = job.params;
        if (job.action == Action.Increase) {
            uint256 bought = _swapExactIn(p.loanToken, p.collateralToken, assets, job.bound, job.bps);
            _supplyCollateral(p, job.amount + bought, job.owner);
            morpho.borrow(p, assets, 0, job.owner, address(this));
            emit LeverageIncreased(job.owner, p.collateralToken, p.loanToken, job.amount, assets, bought);
        } else if (job.action == Action.Decrease) {
            uint256 repaid = _repay(p, job.owner, assets);
            morpho.withdrawCollateral(p, job.amount, job.owner, address(this));
            _swapExactIn(p.collateralToken, p.loanToken, job.amount, job.bound, job.bps);
            uint256 surplus = _surplus(p.loanToken, assets);
            if (surplus != 0) repaid += _repay(p, job.owner, surplus);
            emit LeverageDecreased(job.owner, p.collateralToken, p.loanToken, job.amount, repaid);
        } else {
            Id id = _id(p);
            uint256 repaid = _repay(p, job.owner, type(uint256).max);
            uint256 col = morpho.position(id, job.owner).collateral;
            morpho.withdrawCollateral(p, col, job.owner, address(this));
            uint256 sold = _buyShortfall(p.collateralToken, p.loanToken, assets, Math.min(job.amount, col), job.bps);
            emit PositionClosed(job.owner, p.collateralToken, p.loanToken, sold, repaid);
        }
        IERC20(p.loanToken).forceApprove(address(morpho), assets);
    }

    /// @notice The owner's debt in `params`' market, in loan-token units rounded up, as of the last accrual.
    function debtOf(MarketParams calldata params, address owner) external view returns (uint256) {
        return _debt(_id(params), owner);
    }

    function _flash(MarketParams memory params, uint256 amount, Job memory job) internal {
        (_oracle, _loanToken) = (params.oracle, params.loanToken);
        _expectCallback(address(morpho));
        morpho.flashLoan(params.loanToken, amount, abi.encode(job));
        (_oracle, _loanToken) = (address(0), address(0));
    }

    function _authorized() internal view {
        if (!morpho.isAuthorized(msg.sender, address(this))) revert RouterNotAuthorized(msg.sender);
    }

    function _supplyCollateral(MarketParams memory p, uint256 amount, address owner) internal {
        IERC20(p.collateralToken).forceApprove(address(morpho), amount);
        morpho.supplyCollateral(p, amount, owner, "");
    }

    /// @dev Repays up to `amount` of the owner's debt; by shares when it covers the whole debt (no dust left).
    function _repay(MarketParams memory p, address owner, uint256 amount) internal returns (uint256 repaid) {
        Id id = _id(p);
        morpho.accrueInterest(p); // the debt below is what repay will see

        uint256 shares = morpho.position(id, owner).borrowShares;
        if (shares == 0) return 0;
        uint256 debt = _debt(id, owner);
        IERC20(p.loanToken).forceApprove(address(morpho), Math.min(amount, debt));
        if (amount >= debt) (repaid,) = morpho.repay(p, 0, shares, owner, "");
        else (repaid,) = morpho.repay(p, amount, 0, owner, "");
        IERC20(p.loanToken).forceApprove(address(morpho), 0);
    }

    /// @dev Borrow shares to assets rounded up (Morpho's SharesMathLib.toAssetsUp), at the market's last accrual.
    function _debt(Id id, address owner) internal view returns (uint256) {
        uint256 shares = morpho.position(id, owner).borrowShares;
        if (shares == 0) return 0;
        Market memory m = morpho.market(id);
        return Math.mulDiv(
            shares,
            uint256(m.totalBorrowAssets) + VIRTUAL_ASSETS,
            uint256(m.totalBorrowShares) + VIRTUAL_SHARES,
            Math.Rounding.Ceil
        );
    }

    function _id(MarketParams memory p) internal pure returns (Id) {
        return Id.wrap(keccak256(abi.encode(p)));
    }

    /// @inheritdoc LeverageRouterBase
    /// @dev The market oracle's price is collateral in loan token, scaled by 1e36.
    function _oracleValue(address tokenIn, address, uint256 amountIn) internal view override returns (uint256) {
        uint256 price = IOracle(_oracle).price();
        bool selling = tokenIn != _loanToken;
        return selling
            ? Math.mulDiv(amountIn, price, ORACLE_PRICE_SCALE)
            : (price == 0 ? type(uint256).max : Math.mulDiv(amountIn, ORACLE_PRICE_SCALE, price));
    }
}
