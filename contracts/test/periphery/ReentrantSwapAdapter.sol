// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";

/// @notice A hostile swap venue for tests: forwards to a real adapter, but first makes the call it was told to (into
/// the router that is swapping through it) and remembers whether that call reverted.
contract ReentrantSwapAdapter is ISwapAdapter {
    ISwapAdapter public immutable inner;
    address public target;
    bytes public payload;
    bool public attempted;
    bytes public revertData;

    constructor(ISwapAdapter inner_) {
        inner = inner_;
    }

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    function _attack() internal {
        if (target == address(0) || attempted) return;
        attempted = true;
        (bool ok, bytes memory data) = target.call(payload);
        // The attack must fail; bubble its revert so the test sees which guard stopped it.
        if (ok) revert("reentrant call succeeded");
        revertData = data;
        assembly ("memory-safe") {
            revert(add(data, 0x20), mload(data))
        }
    }

    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address receiver)
        external
        returns (uint256)
    {
        _attack();
        IERC20(tokenIn).transferFrom(msg.sender, address(this), amountIn);
        IERC20(tokenIn).approve(address(inner), amountIn);
        return inner.swapExactIn(tokenIn, tokenOut, amountIn, minAmountOut, receiver);
    }

    function swapExactOut(address tokenIn, address tokenOut, uint256 amountOut, uint256 maxAmountIn, address receiver)
        external
        returns (uint256 amountIn)
    {
        _attack();
        amountIn = inner.quoteExactOut(tokenIn, tokenOut, amountOut);
        IERC20(tokenIn).transferFrom(msg.sender, address(this), amountIn);
        IERC20(tokenIn).approve(address(inner), amountIn);
        inner.swapExactOut(tokenIn, tokenOut, amountOut, maxAmountIn, receiver);
    }

    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256) {
        return inner.quoteExactIn(tokenIn, tokenOut, amountIn);
    }

    function quoteExactOut(address tokenIn, address tokenOut, uint256 amountOut) external view returns (uint256) {
        return inner.quoteExactOut(tokenIn, tokenOut, amountOut);
    }
}
