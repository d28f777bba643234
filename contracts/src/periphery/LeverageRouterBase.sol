// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";

/// @title LeverageRouterBase
/// @notice What the Aave v3 and Morpho Blue leverage routers share: a swap venue, a flash-loan callback accepted only
/// from the lender this router called during its own call, the checks that open `increase` and `decrease`, swaps
/// bounded both by the owner's signed amounts and by the lending protocol's own oracle price, the flash loan's
/// settlement (what a decrease has beyond the loan, what a close still must buy), and holding no token after a call.
/// @dev Every entry point acts for `msg.sender` only (the position's owner): the protocols are called `onBehalf` of the
/// caller, never of an address taken from the arguments.
abstract contract LeverageRouterBase is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The widest oracle bound an owner may sign: 10 % from the protocol's oracle price.
    uint256 public constant MAX_ORACLE_SLIPPAGE_BPS = 1_000;
    uint256 internal constant BPS = 10_000;

    /// @notice The swap venue.
    ISwapAdapter public immutable adapter;

    /// @dev The lender a flash loan was asked from during the current call; the only allowed callback caller, once.
    address private transient _lender;

    /// @notice Thrown when a flash-loan callback comes from anyone but the lender this router is borrowing from during
    /// its own call, or for a loan it did not initiate.
    error UntrustedLender(address caller, address initiator);
    /// @notice Thrown when a swap's output cannot repay the flash loan.
    error SwapShortfall(uint256 received, uint256 needed);
    /// @notice Thrown when an amount that must be positive is zero.
    error ZeroAmount();
    /// @notice Thrown when the signed oracle bound is wider than MAX_ORACLE_SLIPPAGE_BPS.
    error OracleBoundTooWide(uint256 bps, uint256 maxBps);
    /// @notice Thrown when a swap paid `amountOut`, less than `minOut`: the protocol's oracle price less the signed bound.
    error OracleBoundExceeded(uint256 amountOut, uint256 minOut);

    /// @notice Emitted when a position's leverage is raised (or a position is opened with leverage).
    event LeverageIncreased(
        address indexed owner,
        address indexed collateral,
        address indexed debtAsset,
        uint256 deposited,
        uint256 borrowed,
        uint256 collateralBought
    );
    /// @notice Emitted when collateral is sold to repay debt.
    event LeverageDecreased(
        address indexed owner, address indexed collateral, address indexed debtAsset, uint256 sold, uint256 repaid
    );
    /// @notice Emitted when a position is unwound and what is left is returned to its owner.
    event PositionClosed(
        address indexed owner, address indexed collateral, address indexed debtAsset, uint256 sold, uint256 repaid
    );

    constructor(ISwapAdapter adapter_) {
        adapter = adapter_;
    }

    /// @dev Marks `lender` as the one allowed callback caller until its callback arrives.
    function _expectCallback(address lender) internal {
        _lender = lender;
    }

    /// @dev First line of a flash-loan callback: only the expected lender, once, for a loan this router initiated.
    function _acceptCallback(address initiator) internal {
        if (msg.sender != _lender || _lender == address(0) || initiator != address(this)) {
            revert UntrustedLender(msg.sender, initiator);
        }
        _lender = address(0);
    }

    function _checkBound(uint256 bps) internal pure {
        if (bps > MAX_ORACLE_SLIPPAGE_BPS) revert OracleBoundTooWide(bps, MAX_ORACLE_SLIPPAGE_BPS);
    }

    /// @dev The start of every `increase`: something to do, a bound within MAX_ORACLE_SLIPPAGE_BPS, then the caller's
    /// `deposit` of `collateral` pulled in.
    function _startIncrease(address collateral, uint256 deposit, uint256 flashAmount, uint256 bps) internal {
        if (deposit == 0 && flashAmount == 0) revert ZeroAmount();
        _checkBound(bps);
        if (deposit != 0) IERC20(collateral).safeTransferFrom(msg.sender, address(this), deposit);
    }

    /// @dev The start of every `decrease`: both amounts positive, a bound within MAX_ORACLE_SLIPPAGE_BPS.
    function _startDecrease(uint256 collateralToSell, uint256 repayAmount, uint256 bps) internal pure {
        if (collateralToSell == 0 || repayAmount == 0) revert ZeroAmount();
        _checkBound(bps);
    }

    /// @dev In a decrease's callback, after the sale: what this router holds of `asset` beyond the `owed` flash loan
    /// (reverts `SwapShortfall` when it cannot repay the loan).
    function _surplus(address asset, uint256 owed) internal view returns (uint256) {
        uint256 held = IERC20(asset).balanceOf(address(this));
        if (held < owed) revert SwapShortfall(held, owed);
        return held - owed;
    }

    /// @dev In a close's callback, after the debt is repaid and the collateral withdrawn: buys with at most `maxIn` of
    /// `collateral` what the router still lacks of `asset` to repay the `owed` flash loan; returns what it sold.
    function _buyShortfall(address collateral, address asset, uint256 owed, uint256 maxIn, uint256 bps)
        internal
        returns (uint256 sold)
    {
        uint256 held = IERC20(asset).balanceOf(address(this));
        if (held < owed) sold = _swapExactOut(collateral, asset, owed - held, maxIn, bps);
    }

    /// @dev What `amountIn` of `tokenIn` is worth in `tokenOut` at the protocol's oracle price (rounded down).
    function _oracleValue(address tokenIn, address tokenOut, uint256 amountIn) internal view virtual returns (uint256);

    /// @dev Reverts unless `amountOut` is at least the oracle value of `amountIn` less `bps`.
    function _checkOracle(address tokenIn, address tokenOut, uint256 amountIn, uint256 amountOut, uint256 bps)
        internal
        view
    {
        uint256 minOut = _oracleValue(tokenIn, tokenOut, amountIn) * (BPS - bps) / BPS;
        if (amountOut < minOut) revert OracleBoundExceeded(amountOut, minOut);
    }

    /// @dev Swaps exactly `amountIn` for at least `minOut` and the oracle bound; returns what this router received.
    function _swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minOut, uint256 bps)
        internal
        returns (uint256 out)
    {
        uint256 before = IERC20(tokenOut).balanceOf(address(this));
        IERC20(tokenIn).forceApprove(address(adapter), amountIn);
        adapter.swapExactIn(tokenIn, tokenOut, amountIn, minOut, address(this));
        IERC20(tokenIn).forceApprove(address(adapter), 0);
        out = IERC20(tokenOut).balanceOf(address(this)) - before;
        if (out < minOut) revert ISwapAdapter.SlippageExceeded(out, minOut);
        _checkOracle(tokenIn, tokenOut, amountIn, out, bps);
    }

    /// @dev Buys exactly `amountOut` for at most `maxIn` and the oracle bound; returns what this router spent.
    function _swapExactOut(address tokenIn, address tokenOut, uint256 amountOut, uint256 maxIn, uint256 bps)
        internal
        returns (uint256 spent)
    {
        uint256 before = IERC20(tokenIn).balanceOf(address(this));
        uint256 outBefore = IERC20(tokenOut).balanceOf(address(this));
        IERC20(tokenIn).forceApprove(address(adapter), maxIn);
        adapter.swapExactOut(tokenIn, tokenOut, amountOut, maxIn, address(this));
        IERC20(tokenIn).forceApprove(address(adapter), 0);
        spent = before - IERC20(tokenIn).balanceOf(address(this));
        if (spent > maxIn) revert ISwapAdapter.MaxInputExceeded(spent, maxIn);
        uint256 got = IERC20(tokenOut).balanceOf(address(this)) - outBefore;
        if (got < amountOut) revert SwapShortfall(got, amountOut);
        _checkOracle(tokenIn, tokenOut, spent, got, bps);
    }

    /// @dev Sends this router's whole balance of `token` to `to`.
    function _sweep(address token, address to) internal {
        uint256 bal = IERC20(token).balanceOf(address(this));
        if (bal != 0) IERC20(token).safeTransfer(to, bal);
    }

    /// @dev The end of every entry point: the caller gets whatever is left of the position's two tokens.
    function _sweepPair(address collateral, address debtAsset) internal {
        _sweep(collateral, msg.sender);
        _sweep(debtAsset, msg.sender);
    }
}
