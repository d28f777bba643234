// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {UniswapV2Fixture} from "./UniswapV2Fixture.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";

/// @notice The adapter against the real Uniswap V2 factory and pair bytecode from npm.
contract UniswapV2AdapterTest is Test {
    address internal constant ME = address(0xA1);
    DevERC20 internal weth;
    DevERC20 internal usdc;
    DevERC20 internal wbtc;
    IUniswapV2Factory internal factory;
    UniswapV2Adapter internal adapter;

    function setUp() public {
        weth = new DevERC20("Wrapped Ether", "WETH", 18);
        usdc = new DevERC20("USD Coin", "USDC", 6);
        wbtc = new DevERC20("Wrapped BTC", "WBTC", 8);
        factory = UniswapV2Fixture.deployFactory();
        UniswapV2Fixture.seed(factory, weth, 1_000e18, usdc, 3_000_000e6);
        adapter = new UniswapV2Adapter(factory);
        weth.mint(ME, 100_000e18);
        usdc.mint(ME, 10_000_000e6);
        vm.startPrank(ME);
        weth.approve(address(adapter), type(uint256).max);
        usdc.approve(address(adapter), type(uint256).max);
        vm.stopPrank();
    }

    function testFuzz_exactIn_paysTheQuote(uint256 amountIn, bool ethIn) public {
        amountIn = bound(amountIn, ethIn ? 1e13 : 1, ethIn ? 500e18 : 1_500_000e6);
        (DevERC20 tin, DevERC20 tout) = ethIn ? (weth, usdc) : (usdc, weth);
        uint256 quote = adapter.quoteExactIn(address(tin), address(tout), amountIn);
        uint256 before = tout.balanceOf(address(0xB0));
        vm.prank(ME);
        uint256 out = adapter.swapExactIn(address(tin), address(tout), amountIn, quote, address(0xB0));
        assertEq(out, quote, "returns the quote");
        assertEq(tout.balanceOf(address(0xB0)) - before, quote, "receiver paid the quote");
        assertEq(tin.balanceOf(address(adapter)) + tout.balanceOf(address(adapter)), 0, "adapter holds nothing");
    }

    function testFuzz_exactOut_takesTheQuote(uint256 amountOut) public {
        amountOut = bound(amountOut, 1, 2_000_000e6);
        uint256 quote = adapter.quoteExactOut(address(weth), address(usdc), amountOut);
        uint256 wethBefore = weth.balanceOf(ME);
        vm.prank(ME);
        uint256 amountIn = adapter.swapExactOut(address(weth), address(usdc), amountOut, quote, ME);
        assertEq(amountIn, quote, "takes the quote");
        assertEq(wethBefore - weth.balanceOf(ME), quote, "pulled exactly the quote");
        // The quote is the least input: one unit less would not buy amountOut.
        assertLt(adapter.quoteExactIn(address(weth), address(usdc), quote - 1), amountOut + 1, "least input");
    }

    function test_exactIn_belowMin_reverts() public {
        uint256 quote = adapter.quoteExactIn(address(weth), address(usdc), 1e18);
        vm.prank(ME);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.SlippageExceeded.selector, quote, quote + 1));
        adapter.swapExactIn(address(weth), address(usdc), 1e18, quote + 1, ME);
    }

    function test_exactIn_dust_reverts() public {
        vm.prank(ME);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.SlippageExceeded.selector, uint256(0), uint256(0)));
        adapter.swapExactIn(address(usdc), address(weth), 0, 0, ME);
    }

    function test_exactOut_aboveMax_reverts() public {
        uint256 quote = adapter.quoteExactOut(address(weth), address(usdc), 3_000e6);
        vm.prank(ME);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.MaxInputExceeded.selector, quote, quote - 1));
        adapter.swapExactOut(address(weth), address(usdc), 3_000e6, quote - 1, ME);
    }

    function test_exactOut_morethanPool_reverts() public {
        vm.prank(ME);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISwapAdapter.InsufficientPoolLiquidity.selector, uint256(3_000_000e6), uint256(3_000_000e6)
            )
        );
        adapter.swapExactOut(address(weth), address(usdc), 3_000_000e6, type(uint256).max, ME);
    }

    function test_noPool_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.NoPool.selector, address(wbtc), address(usdc)));
        adapter.quoteExactIn(address(wbtc), address(usdc), 1e8);
    }
}
