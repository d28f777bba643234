// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {IGuardAdapter} from "./IGuardAdapter.sol";

/// @title GuardAdapterBase
/// @notice What every protocol adapter shares: the three movements (deleverage, close, boost) and what the flash-loan
/// callback does for each — only its guard may order a movement, a callback is accepted only from the lender being
/// borrowed from during that call, swaps go through the swap adapter with exact approvals, and nothing is held between
/// transactions. A protocol adapter supplies its reads and the protocol's own calls (`_job`, `_flash`, `_debtOf`,
/// `_repay`, `_withdraw`, `_withdrawAll`, `_supply`, `_borrow`).
abstract contract GuardAdapterBase is IGuardAdapter, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The one guard allowed to order movements.
    address public immutable guard;
    /// @notice The swap venue.
    ISwapAdapter public immutable swapper;

    /// @dev The lender of the flash loan in progress; the only accepted callback caller.
    address private transient _lender;

    /// @dev The movement in progress, decoded by the callback.
    enum Op {
        Deleverage,
        Close,
        Boost
    }

    struct Job {
        Op op;
        address owner;
        address collateral;
        address debtAsset;
        uint256 amount; // Deleverage: collateral sold; Close: most collateral sold; Boost: least collateral bought
        uint256 minOut; // Deleverage: least debt tokens the sale returns
        uint256 fee; // executor fee, debt tokens
        bytes position;
    }

    /// @dev Results of the callback for the outer call.
    uint256 internal transient _out1;
    uint256 internal transient _out2;

    constructor(address guard_, ISwapAdapter swapper_) {
        guard = guard_;
        swapper = swapper_;
    }

    modifier onlyGuard() {
        if (msg.sender != guard) revert NotGuard(msg.sender);
        _;
    }

    /* MOVEMENTS */

    /// @inheritdoc IGuardAdapter
    function deleverage(
        bytes calldata position,
        uint256 repay,
        uint256 sell,
        uint256 minOut,
        uint256 fee,
        address feeTo
    ) external onlyGuard nonReentrant returns (uint256 toOwner) {
        Job memory job = _job(Op.Deleverage, position, sell, minOut, fee);
        _flash(job, repay);
        toOwner = _payOut(job.debtAsset, fee, feeTo, job.owner);
        _sweep(job.collateral, job.owner); // a unit of protocol rounding (Aave's aTokens), if any
    }

    /// @inheritdoc IGuardAdapter
    function close(bytes calldata position, uint256 maxSell, uint256 fee, address feeTo)
        external
        onlyGuard
        nonReentrant
        returns (uint256 sold, uint256 colToOwner, uint256 debtToOwner)
    {
        Job memory job = _job(Op.Close, position, maxSell, 0, fee);
        uint256 debt = _debtOf(job);
        if (debt == 0) {
            _withdrawAll(job);
        } else {
            _flash(job, debt);
            sold = _out1;
        }
        colToOwner = _sweep(job.collateral, job.owner);
        debtToOwner = _payOut(job.debtAsset, fee, feeTo, job.owner);
    }

    /// @inheritdoc IGuardAdapter
    function boost(bytes calldata position, uint256 amount, uint256 minColOut, uint256 fee, address feeTo)
        external
        onlyGuard
        nonReentrant
        returns (uint256 bought)
    {
        Job memory job = _job(Op.Boost, position, minColOut, 0, fee);
        _flash(job, amount);
        bought = _out1;
        _payOut(job.debtAsset, fee, feeTo, job.owner);
    }

    /// @dev Inside the flash loan of `amount` (the lender's fee `premium`), after the callback accepted the lender:
    /// Boost buys collateral with the loan, supplies it and borrows the loan + fees back for the owner; Deleverage
    /// repays, withdraws `job.amount` and sells it for at least `job.minOut`; Close repays everything, withdraws
    /// everything and sells just enough to repay the loan, its fee and the executor's. The lender pulls its loan back
    /// afterwards from the allowance this sets.
    function _run(Job memory job, address lender, uint256 amount, uint256 premium) internal {
        if (job.op == Op.Boost) {
            uint256 bought = _sellExactIn(job.debtAsset, job.collateral, amount, job.amount);
            _supply(job, bought);
            _borrow(job, amount + premium + job.fee);
            _out1 = bought;
        } else {
            IERC20(job.debtAsset).forceApprove(lender, amount);
            _repay(job, amount);
            if (job.op == Op.Close) {
                uint256 got = _withdrawAll(job);
                _out1 = _sellExactOut(
                    job.collateral, job.debtAsset, amount + premium + job.fee, job.amount < got ? job.amount : got
                );
            } else {
                uint256 got = _withdraw(job, job.amount);
                _sellExactIn(job.collateral, job.debtAsset, got < job.amount ? got : job.amount, job.minOut);
            }
        }
        IERC20(job.debtAsset).forceApprove(lender, amount + premium);
    }

    /* PROTOCOL */

    /// @dev The movement's job: the position's owner, collateral and debt asset, and the movement's amounts.
    function _job(Op op, bytes calldata position, uint256 amount, uint256 minOut, uint256 fee)
        internal
        view
        virtual
        returns (Job memory);

    /// @dev Borrows `amount` of `job.debtAsset` from the protocol's flash lender, which calls back into `_run`.
    function _flash(Job memory job, uint256 amount) internal virtual;

    /// @dev The owner's debt in `job.debtAsset` now (rounded up as the protocol rounds it).
    function _debtOf(Job memory job) internal view virtual returns (uint256);

    /// @dev Repays `amount` of the owner's debt (all of it when `amount` covers it); the allowance to the lender is set.
    function _repay(Job memory job, uint256 amount) internal virtual;

    /// @dev Withdraws `amount` of the owner's collateral here. @return got What arrived.
    function _withdraw(Job memory job, uint256 amount) internal virtual returns (uint256 got);

    /// @dev Withdraws all of the owner's collateral here. @return got What arrived.
    function _withdrawAll(Job memory job) internal virtual returns (uint256 got);

    /// @dev Supplies `amount` of collateral (held here) for the owner.
    function _supply(Job memory job, uint256 amount) internal virtual;

    /// @dev Borrows `amount` of the debt asset on the owner's behalf, to this contract.
    function _borrow(Job memory job, uint256 amount) internal virtual;

    /* SHARED */

    /// @dev Refuses any spelling of a position but the exact ABI encoding of its `words` static fields (abi.decode
    /// already refuses dirty address bits; this refuses trailing bytes).
    function _canonical(bytes calldata position, uint256 words) internal pure {
        if (position.length != words * 32) revert NonCanonicalPosition(position.length, words * 32);
    }

    /// @dev Marks `lender` as the only callback caller until the callback accepts.
    function _expect(address lender) internal {
        _lender = lender;
    }

    /// @dev First line of every callback.
    function _accept(address initiator) internal {
        if (msg.sender != _lender || _lender == address(0) || initiator != address(this)) {
            revert UntrustedCallback(msg.sender, initiator);
        }
        _lender = address(0);
    }

    function _sellExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minOut)
        internal
        returns (uint256 out)
    {
        IERC20(tokenIn).forceApprove(address(swapper), amountIn);
        out = swapper.swapExactIn(tokenIn, tokenOut, amountIn, minOut, address(this));
        IERC20(tokenIn).forceApprove(address(swapper), 0);
    }

    function _sellExactOut(address tokenIn, address tokenOut, uint256 amountOut, uint256 maxIn)
        internal
        returns (uint256 used)
    {
        IERC20(tokenIn).forceApprove(address(swapper), maxIn);
        used = swapper.swapExactOut(tokenIn, tokenOut, amountOut, maxIn, address(this));
        IERC20(tokenIn).forceApprove(address(swapper), 0);
    }

    /// @dev After the loan is repaid: `fee` to the executor, every other token of `token` to `owner`.
    function _payOut(address token, uint256 fee, address feeTo, address owner) internal returns (uint256 toOwner) {
        if (fee != 0) IERC20(token).safeTransfer(feeTo, fee);
        toOwner = IERC20(token).balanceOf(address(this));
        if (toOwner != 0) IERC20(token).safeTransfer(owner, toOwner);
    }

    /// @dev Every token of `token` this contract holds, to `to`.
    function _sweep(address token, address to) internal returns (uint256 bal) {
        bal = IERC20(token).balanceOf(address(this));
        if (bal != 0) IERC20(token).safeTransfer(to, bal);
    }
}
