// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "./interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "./interfaces/IUniswapV2Pair.sol";

/// @title UniswapV2Adapter
/// @notice ISwapAdapter over one Uniswap V2 factory's direct pools (0.3% fee, constant product). Pays the pool straight
/// from the caller and has the pool pay the receiver, so the adapter never holds a token.
contract UniswapV2Adapter is ISwapAdapter {
    using SafeERC20 for IERC20;

    /// @notice The Uniswap V2 factory whose pairs this adapter trades on.
    IUniswapV2Factory public immutable factory;

    constructor(IUniswapV2Factory factory_) {
        factory = factory_;
    }

    /// @inheritdoc ISwapAdapter
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address receiver)
        external
        returns (uint256 amountOut)
    {
        (IUniswapV2Pair pair, uint256 reserveIn, uint256 reserveOut, bool zeroForOne) = _pool(tokenIn, tokenOut);
        amountOut = _getAmountOut(amountIn, reserveIn, reserveOut);
        if (amountOut == 0 || amountOut < minAmountOut) revert SlippageExceeded(amountOut, minAmountOut);
        _swap(pair, tokenIn, amountIn, amountOut, zeroForOne, receiver);
    }

    /// @inheritdoc ISwapAdapter
    function swapExactOut(address tokenIn, address tokenOut, uint256 amountOut, uint256 maxAmountIn, address receiver)
        external
        returns (uint256 amountIn)
    {
        (IUniswapV2Pair pair, uint256 reserveIn, uint256 reserveOut, bool zeroForOne) = _pool(tokenIn, tokenOut);
        amountIn = _getAmountIn(amountOut, reserveIn, reserveOut);
        if (amountIn > maxAmountIn) revert MaxInputExceeded(amountIn, maxAmountIn);
        _swap(pair, tokenIn, amountIn, amountOut, zeroForOne, receiver);
    }

    /// @inheritdoc ISwapAdapter
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256) {
        (, uint256 reserveIn, uint256 reserveOut,) = _pool(tokenIn, tokenOut);
        return _getAmountOut(amountIn, reserveIn, reserveOut);
    }

    /// @inheritdoc ISwapAdapter
    function quoteExactOut(address tokenIn, address tokenOut, uint256 amountOut) external view returns (uint256) {
        (, uint256 reserveIn, uint256 reserveOut,) = _pool(tokenIn, tokenOut);
        return _getAmountIn(amountOut, reserveIn, reserveOut);
    }

    function _pool(address tokenIn, address tokenOut)
        internal
        view
        returns (IUniswapV2Pair pair, uint256 reserveIn, uint256 reserveOut, bool zeroForOne)
    {
        pair = IUniswapV2Pair(factory.getPair(tokenIn, tokenOut));
        if (address(pair) == address(0)) revert NoPool(tokenIn, tokenOut);
        (uint256 r0, uint256 r1,) = pair.getReserves();
        zeroForOne = tokenIn < tokenOut;
        (reserveIn, reserveOut) = zeroForOne ? (r0, r1) : (r1, r0);
    }

    function _swap(
        IUniswapV2Pair pair,
        address tokenIn,
        uint256 amountIn,
        uint256 amountOut,
        bool zeroForOne,
        address receiver
    ) internal {
        IERC20(tokenIn).safeTransferFrom(msg.sender, address(pair), amountIn);
        (uint256 out0, uint256 out1) = zeroForOne ? (uint256(0), amountOut) : (amountOut, uint256(0));
        pair.swap(out0, out1, receiver, "");
    }

    /// @dev Uniswap V2's getAmountOut: 0.3% fee taken from the input, rounded down (in the pool's favour).
    function _getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) internal pure returns (uint256) {
        if (amountIn == 0) return 0;
        uint256 inWithFee = amountIn * 997;
        return (inWithFee * reserveOut) / (reserveIn * 1000 + inWithFee);
    }

    /// @dev Uniswap V2's getAmountIn, rounded up; refuses an output the pool cannot pay.
    function _getAmountIn(uint256 amountOut, uint256 reserveIn, uint256 reserveOut) internal pure returns (uint256) {
        if (amountOut >= reserveOut) revert InsufficientPoolLiquidity(amountOut, reserveOut);
        if (amountOut == 0) return 0;
        return (reserveIn * amountOut * 1000) / ((reserveOut - amountOut) * 997) + 1;
    }
}
