// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ISwapAdapter
/// @notice One swap venue behind one interface, so Keel's periphery (leverage router, guard, liquidator) can be pointed at
/// another venue on another network. The adapter pulls `tokenIn` from the caller (`transferFrom`, the caller approves
/// the adapter for exactly what it may spend), sends `tokenOut` to `receiver`, and keeps nothing.
interface ISwapAdapter {
    /// @notice Thrown when a swap would pay out less than `minAmountOut`.
    error SlippageExceeded(uint256 amountOut, uint256 minAmountOut);
    /// @notice Thrown when a swap would need more than `maxAmountIn`.
    error MaxInputExceeded(uint256 amountIn, uint256 maxAmountIn);
    /// @notice Thrown when the venue has no pool for the pair.
    error NoPool(address tokenIn, address tokenOut);
    /// @notice Thrown when the pool cannot pay `amountOut` (it holds `reserveOut`).
    error InsufficientPoolLiquidity(uint256 amountOut, uint256 reserveOut);

    /// @notice Swaps exactly `amountIn` of `tokenIn` for at least `minAmountOut` of `tokenOut`, paid to `receiver`.
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address receiver)
        external
        returns (uint256 amountOut);

    /// @notice Swaps at most `maxAmountIn` of `tokenIn` for exactly `amountOut` of `tokenOut`, paid to `receiver`.
    function swapExactOut(address tokenIn, address tokenOut, uint256 amountOut, uint256 maxAmountIn, address receiver)
        external
        returns (uint256 amountIn);

    /// @notice What `swapExactIn` would pay out now.
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256 amountOut);

    /// @notice What `swapExactOut` would take now.
    function quoteExactOut(address tokenIn, address tokenOut, uint256 amountOut)
        external
        view
        returns (uint256 amountIn);
}
