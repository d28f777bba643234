// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {KeelFlashBorrower} from "./KeelFlashBorrower.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";
import {IKeelMarket} from "../interfaces/IKeelMarket.sol";

/// @title KeelLeverageRouter
/// @notice Opens, adjusts and closes leveraged Keel vaults in one transaction: a flash loan of the market's base asset,
/// a swap through an ISwapAdapter, and the vault actions, with the market's LTV check as the final word.
/// @dev Trust model. The router acts only for the vault's owner (`msg.sender` must own the vault; to borrow or withdraw
/// on an existing vault the owner must have made the router its operator with `setOperator`), only with the amounts
/// and bounds the owner signed, and holds no token between transactions: whatever is left at the end of a call goes
/// back to the owner. A new vault is opened by the router and transferred to the caller in the same transaction (the
/// caller must have made the router its operator: the market moves a vault only to an owner that consents).
contract KeelLeverageRouter is KeelFlashBorrower {
    using SafeERC20 for IERC20;

    enum Action {
        Increase,
        Decrease,
        Close
    }

    /// @dev What the flash-loan callback is to do, encoded into the loan's `data`.
    struct Job {
        Action action;
        uint256 id;
        address collateral;
        address owner;
        uint256 amount; // Increase: collateral deposited by the owner; Decrease: collateral to sell; Close: max collateral to sell
        uint256 bound; // Increase: min collateral out; Decrease: min base out; Close: unused
    }

    /// @notice Thrown when the caller does not own vault `id`.
    error NotVaultOwner(uint256 id, address caller, address owner);
    /// @notice Thrown when the vault's owner has not made the router its operator in this market (`setOperator`).
    error RouterNotOperator(address owner);
    /// @notice Thrown when a swap's output cannot repay the flash loan.
    error SwapShortfall(uint256 received, uint256 needed);
    /// @notice Thrown when an amount that must be positive is zero.
    error ZeroAmount();

    /// @notice Emitted when a vault's leverage is raised (or a vault is opened with leverage).
    event LeverageIncreased(
        address indexed market,
        uint256 indexed id,
        address indexed owner,
        address collateral,
        uint256 deposited,
        uint256 borrowed,
        uint256 collateralBought
    );
    /// @notice Emitted when collateral is sold to repay debt.
    event LeverageDecreased(
        address indexed market,
        uint256 indexed id,
        address indexed owner,
        address collateral,
        uint256 sold,
        uint256 repaid
    );
    /// @notice Emitted when a vault is unwound completely and everything left is returned to its owner.
    event PositionClosed(
        address indexed market,
        uint256 indexed id,
        address indexed owner,
        address collateral,
        uint256 sold,
        uint256 repaid
    );

    constructor(ISwapAdapter adapter_) KeelFlashBorrower(adapter_) {}

    /// @notice Opens a leveraged vault (`id` = 0) or raises the leverage of the caller's vault `id`: pulls `deposit` of
    /// `collateral` from the caller, flash-borrows `flashAmount` of the base asset, swaps it for at least
    /// `minCollateralOut` collateral, deposits everything and borrows the loan plus its fee against it.
    /// @dev The market's LTV check on the borrow is the health bound. A new vault is transferred to the caller.
    /// @return vaultId The vault (new or `id`).
    function increase(
        IKeelMarket market,
        uint256 id,
        address collateral,
        uint256 deposit,
        uint256 flashAmount,
        uint256 minCollateralOut
    ) external nonReentrant returns (uint256 vaultId) {
        if (deposit == 0 && flashAmount == 0) revert ZeroAmount();
        bool opening = id == 0;
        // Opening hands the new vault over at the end, which is immediate only for an owner that trusts the router as
        // its operator (the market refuses to push a vault onto anyone else): checked first, so nothing is half-done.
        if (opening && !market.isOperator(msg.sender, address(this))) revert RouterNotOperator(msg.sender);
        vaultId = opening ? market.openVault() : id;
        if (!opening) _checkOwner(market, id);
        if (deposit != 0) IERC20(collateral).safeTransferFrom(msg.sender, address(this), deposit);
        if (flashAmount == 0) {
            _deposit(market, vaultId, collateral, deposit);
            emit LeverageIncreased(address(market), vaultId, msg.sender, collateral, deposit, 0, 0);
        } else {
            _flash(
                market,
                flashAmount,
                abi.encode(Job(Action.Increase, vaultId, collateral, msg.sender, deposit, minCollateralOut))
            );
        }
        if (opening) market.transferVault(vaultId, msg.sender);
        _sweep(IERC20(collateral), msg.sender);
        _sweep(IERC20(market.asset()), msg.sender);
    }

    /// @notice Lowers the leverage of the caller's vault `id`: flash-borrows `repayAmount` of the base asset, repays that
    /// much debt, withdraws `collateralToSell`, swaps it for at least `minBaseOut` (which must cover the loan and fee),
    /// repays the loan; any surplus repays more debt, and what is left after all debt goes to the owner.
    function decrease(
        IKeelMarket market,
        uint256 id,
        address collateral,
        uint256 collateralToSell,
        uint256 repayAmount,
        uint256 minBaseOut
    ) external nonReentrant {
        if (collateralToSell == 0 || repayAmount == 0) revert ZeroAmount();
        _checkOwner(market, id);
        _flash(
            market,
            repayAmount,
            abi.encode(Job(Action.Decrease, id, collateral, msg.sender, collateralToSell, minBaseOut))
        );
        _sweep(IERC20(market.asset()), msg.sender);
    }

    /// @notice Unwinds the caller's vault `id` completely: flash-borrows its whole debt, repays it, withdraws every
    /// collateral, sells at most `maxCollateralIn` of `collateral` for exactly the loan and fee, and sends the owner all
    /// the collateral left (every asset the vault held).
    function close(IKeelMarket market, uint256 id, address collateral, uint256 maxCollateralIn) external nonReentrant {
        _checkOwner(market, id);
        address[] memory held = market.getVault(id).assets; // read before the vault is emptied
        uint256 debt = market.debtOf(id);
        if (debt == 0) {
            _withdrawAll(market, id, msg.sender);
            emit PositionClosed(address(market), id, msg.sender, collateral, 0, 0);
        } else {
            _flash(market, debt, abi.encode(Job(Action.Close, id, collateral, msg.sender, maxCollateralIn, 0)));
        }
        for (uint256 i; i < held.length; ++i) {
            _sweep(IERC20(held[i]), msg.sender);
        }
        _sweep(IERC20(collateral), msg.sender);
        _sweep(IERC20(market.asset()), msg.sender);
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data)
        external
        returns (bytes32)
    {
        _acceptLoan(initiator);
        IKeelMarket market = IKeelMarket(msg.sender);
        Job memory job = abi.decode(data, (Job));
        uint256 owed = amount + fee;
        if (job.action == Action.Increase) {
            uint256 bought = _swapExactIn(token, job.collateral, amount, job.bound);
            _deposit(market, job.id, job.collateral, job.amount + bought);
            market.borrow(job.id, owed, address(this));
            emit LeverageIncreased(address(market), job.id, job.owner, job.collateral, job.amount, owed, bought);
        } else if (job.action == Action.Decrease) {
            (uint256 repaid,) = _repay(market, job.id, amount);
            market.withdrawCollateral(job.id, job.collateral, job.amount, address(this));
            _swapExactIn(job.collateral, token, job.amount, job.bound);
            uint256 held = IERC20(token).balanceOf(address(this));
            if (held < owed) revert SwapShortfall(held, owed);
            // The surplus repays more debt; what exceeds the debt goes to the owner after the loan is repaid.
            uint256 surplus = held - owed;
            if (surplus != 0 && market.debtOf(job.id) != 0) {
                (uint256 more,) = _repay(market, job.id, surplus);
                repaid += more;
            }
            emit LeverageDecreased(address(market), job.id, job.owner, job.collateral, job.amount, repaid);
        } else {
            _repay(market, job.id, type(uint256).max);
            _withdrawAll(market, job.id, address(this));
            uint256 held = IERC20(token).balanceOf(address(this));
            uint256 sold;
            if (held < owed) {
                // Sell no more than the owner allowed, and no more than the vault held.
                uint256 maxIn = job.amount;
                uint256 have = IERC20(job.collateral).balanceOf(address(this));
                if (have < maxIn) maxIn = have;
                IERC20(job.collateral).forceApprove(address(adapter), maxIn);
                sold = adapter.swapExactOut(job.collateral, token, owed - held, maxIn, address(this));
                IERC20(job.collateral).forceApprove(address(adapter), 0);
            }
            emit PositionClosed(address(market), job.id, job.owner, job.collateral, sold, amount);
        }
        IERC20(token).forceApprove(msg.sender, owed);
        return FLASH_CALLBACK_SUCCESS;
    }

    function _checkOwner(IKeelMarket market, uint256 id) internal view {
        address owner = market.vaultOwner(id);
        if (owner != msg.sender) revert NotVaultOwner(id, msg.sender, owner);
        if (!market.isOperator(owner, address(this))) revert RouterNotOperator(owner);
    }

    function _deposit(IKeelMarket market, uint256 id, address collateral, uint256 amount) internal {
        IERC20(collateral).forceApprove(address(market), amount);
        market.depositCollateral(id, collateral, amount);
    }

    /// @dev Repays up to `amount` (all the debt if `amount` covers it), approving exactly what the market may pull.
    function _repay(IKeelMarket market, uint256 id, uint256 amount) internal returns (uint256 repaid, uint256 shares) {
        uint256 debt = market.debtOf(id);
        if (debt == 0) return (0, 0);
        if (amount >= debt) amount = type(uint256).max;
        IERC20 base = IERC20(market.asset());
        base.forceApprove(address(market), amount == type(uint256).max ? debt : amount);
        (repaid, shares) = market.repay(id, amount);
        base.forceApprove(address(market), 0);
    }

    function _swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minOut)
        internal
        returns (uint256 out)
    {
        uint256 before = IERC20(tokenOut).balanceOf(address(this));
        IERC20(tokenIn).forceApprove(address(adapter), amountIn);
        adapter.swapExactIn(tokenIn, tokenOut, amountIn, minOut, address(this));
        IERC20(tokenIn).forceApprove(address(adapter), 0);
        out = IERC20(tokenOut).balanceOf(address(this)) - before;
        if (out < minOut) revert ISwapAdapter.SlippageExceeded(out, minOut);
    }
}
