// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {IGuardAdapter} from "./IGuardAdapter.sol";

/// @title GuardAdapterBase
/// @notice What every protocol adapter shares: only its guard may order a movement, a flash-loan callback is accepted
/// only from the lender being borrowed from during that call, swaps go through the swap adapter with exact approvals,
/// and nothing is held between transactions.
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
