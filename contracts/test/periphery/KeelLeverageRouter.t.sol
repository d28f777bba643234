// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {UniswapV2Fixture} from "./UniswapV2Fixture.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {IKeelMarket, VaultData} from "../../src/interfaces/IKeelMarket.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {KeelLeverageRouter} from "../../src/periphery/KeelLeverageRouter.sol";
import {KeelFlashBorrower} from "../../src/periphery/KeelFlashBorrower.sol";

/// @notice The leverage router against a real KeelMarket and the real Uniswap V2 bytecode from npm.
contract KeelLeverageRouterTest is EngineBase {
    IUniswapV2Factory internal factory;
    IUniswapV2Pair internal pool;
    UniswapV2Adapter internal adapter;
    KeelLeverageRouter internal router;
    IKeelMarket internal vaults;

    function setUp() public override {
        super.setUp();
        factory = UniswapV2Fixture.deployFactory();
        // 1,000 WETH against 3,000,000 USDC: the oracle's $3,000.
        pool = UniswapV2Fixture.seed(factory, weth, 1_000e18, usdc, 3_000_000e6);
        adapter = new UniswapV2Adapter(factory);
        router = new KeelLeverageRouter(ISwapAdapter(address(adapter)));
        vaults = IKeelMarket(address(market));
        _supply(LENDER, 5_000_000e6);
        // Traders authorise the router once per market: it hands new vaults over only to an owner that trusts it.
        for (uint256 i; i < 2; ++i) {
            vm.prank(i == 0 ? ALICE : BOB);
            market.setOperator(address(router), true);
        }
    }

    /* helpers */

    /// @dev Base to flash-borrow for `leverage` (WAD, collateral value / equity) on `deposit` WETH at the oracle price.
    function _flashFor(uint256 deposit, uint256 leverage) internal view returns (uint256) {
        (, int256 p,,,) = ethFeed.latestRoundData();
        return (deposit * (leverage - 1e18) / 1e18) * uint256(p) / 1e8 / 1e12;
    }

    function _open(address who, uint256 deposit, uint256 leverage, uint256 slippageBps) internal returns (uint256 id) {
        uint256 flash = _flashFor(deposit, leverage);
        uint256 minOut = adapter.quoteExactIn(address(usdc), address(weth), flash) * (10_000 - slippageBps) / 10_000;
        weth.mint(who, deposit);
        vm.startPrank(who);
        weth.approve(address(router), deposit);
        id = router.increase(vaults, 0, address(weth), deposit, flash, minOut);
        vm.stopPrank();
    }

    function _assertRouterEmpty() internal view {
        assertEq(weth.balanceOf(address(router)), 0, "router holds WETH");
        assertEq(usdc.balanceOf(address(router)), 0, "router holds USDC");
        assertEq(wbtc.balanceOf(address(router)), 0, "router holds WBTC");
        assertEq(weth.balanceOf(address(adapter)), 0, "adapter holds WETH");
        assertEq(usdc.balanceOf(address(adapter)), 0, "adapter holds USDC");
    }

    function _collateral(uint256 id, address asset) internal view returns (uint256) {
        return market.collateralOf(id, asset);
    }

    /* open */

    function test_open3x_oneTransaction() public {
        uint256 id = _open(ALICE, 10e18, 3e18, 50);
        assertEq(market.vaultOwner(id), ALICE, "vault belongs to the caller");
        uint256 col = _collateral(id, address(weth));
        // 10 deposited + ~20 bought for 60,000 USDC, less the 0.3% fee and price impact (~2%).
        assertGt(col, 29e18, "collateral");
        assertLt(col, 30e18, "collateral below 3x: fee and impact");
        uint256 flash = 60_000e6;
        uint256 fee = market.flashFee(address(usdc), flash);
        assertEq(market.debtOf(id), flash + fee, "debt = loan + flash fee");
        uint256 hf = _hf(id);
        // HF = 0.85 * col * 3000 / 60,030 ≈ 1.27
        assertGt(hf, 1.25e18, "hf");
        assertLt(hf, 1.28e18, "hf");
        _assertRouterEmpty();
        assertEq(weth.balanceOf(ALICE), 0, "deposit taken");
        assertEq(usdc.balanceOf(ALICE), 0, "nothing else moved to the owner");
    }

    function test_open_depositOnly() public {
        weth.mint(ALICE, 1e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 1e18);
        uint256 id = router.increase(vaults, 0, address(weth), 1e18, 0, 0);
        vm.stopPrank();
        assertEq(_collateral(id, address(weth)), 1e18, "deposited");
        assertEq(market.debtOf(id), 0, "no debt");
    }

    function test_open_withoutAuthorisingTheRouter_reverts() public {
        address carol = address(0xCA401);
        weth.mint(carol, 1e18);
        vm.startPrank(carol);
        weth.approve(address(router), 1e18);
        vm.expectRevert(abi.encodeWithSelector(KeelLeverageRouter.RouterNotOperator.selector, carol));
        router.increase(vaults, 0, address(weth), 1e18, 0, 0);
        vm.stopPrank();
        assertEq(weth.balanceOf(carol), 1e18, "nothing taken");
    }

    function test_open_zeroAmounts_reverts() public {
        vm.prank(ALICE);
        vm.expectRevert(KeelLeverageRouter.ZeroAmount.selector);
        router.increase(vaults, 0, address(weth), 0, 0, 0);
    }

    function test_open_beyondLtv_reverts() public {
        // 6x needs debt / collateral ≈ 83% > LTV 80%: the market's LTV check refuses the borrow.
        uint256 deposit = 10e18;
        uint256 flash = _flashFor(deposit, 6e18);
        weth.mint(ALICE, deposit);
        vm.startPrank(ALICE);
        weth.approve(address(router), deposit);
        vm.expectRevert();
        router.increase(vaults, 0, address(weth), deposit, flash, 0);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), deposit, "nothing lost");
    }

    function test_open_slippageBeyondBound_reverts() public {
        uint256 deposit = 10e18;
        uint256 flash = _flashFor(deposit, 3e18);
        uint256 quote = adapter.quoteExactIn(address(usdc), address(weth), flash);
        weth.mint(ALICE, deposit);
        vm.startPrank(ALICE);
        weth.approve(address(router), deposit);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.SlippageExceeded.selector, quote, quote + 1));
        router.increase(vaults, 0, address(weth), deposit, flash, quote + 1);
        vm.stopPrank();
    }

    function test_open_poolMovedBeforeInclusion_reverts() public {
        uint256 deposit = 10e18;
        uint256 flash = _flashFor(deposit, 3e18);
        uint256 minOut = adapter.quoteExactIn(address(usdc), address(weth), flash) * 9_950 / 10_000;
        // Someone buys 50 WETH first: the price rises ~10%, past the 0.5% bound.
        usdc.mint(BOB, 200_000e6);
        vm.startPrank(BOB);
        usdc.approve(address(adapter), 200_000e6);
        adapter.swapExactIn(address(usdc), address(weth), 200_000e6, 0, BOB);
        vm.stopPrank();
        weth.mint(ALICE, deposit);
        vm.startPrank(ALICE);
        weth.approve(address(router), deposit);
        vm.expectRevert();
        router.increase(vaults, 0, address(weth), deposit, flash, minOut);
        vm.stopPrank();
    }

    function test_open_noPool_reverts() public {
        wbtc.mint(ALICE, 1e8);
        vm.startPrank(ALICE);
        wbtc.approve(address(router), 1e8);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.NoPool.selector, address(usdc), address(wbtc)));
        router.increase(vaults, 0, address(wbtc), 1e8, 10_000e6, 0);
        vm.stopPrank();
    }

    /* increase an existing vault */

    function test_increase_needsOwnerAndOperator() public {
        uint256 id = _open(ALICE, 10e18, 2e18, 50);
        uint256 flash = 10_000e6;
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(KeelLeverageRouter.NotVaultOwner.selector, id, BOB, ALICE));
        router.increase(vaults, id, address(weth), 0, flash, 0);
        vm.prank(ALICE);
        market.setOperator(address(router), false);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(KeelLeverageRouter.RouterNotOperator.selector, ALICE));
        router.increase(vaults, id, address(weth), 0, flash, 0);

        vm.startPrank(ALICE);
        market.setOperator(address(router), true);
        uint256 before = _collateral(id, address(weth));
        uint256 debtBefore = market.debtOf(id);
        router.increase(vaults, id, address(weth), 0, flash, 1);
        vm.stopPrank();
        assertGt(_collateral(id, address(weth)), before + 3.2e18, "bought ~3.3 WETH");
        assertEq(market.debtOf(id), debtBefore + flash + market.flashFee(address(usdc), flash), "debt grew by loan+fee");
        _assertRouterEmpty();
    }

    function test_operatorOfOwner_cannotUseRouterOnOwnersVault() public {
        uint256 id = _open(ALICE, 10e18, 2e18, 50);
        vm.prank(ALICE);
        market.setOperator(address(router), true);
        // BOB is not the owner: even with the router authorised by ALICE he cannot act on her vault through it.
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(KeelLeverageRouter.NotVaultOwner.selector, id, BOB, ALICE));
        router.decrease(vaults, id, address(weth), 1e18, 1_000e6, 1_000e6);
    }

    function test_onFlashLoan_untrusted_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(KeelFlashBorrower.UntrustedLender.selector, address(this), address(this))
        );
        router.onFlashLoan(address(this), address(usdc), 1, 0, "");
        // A flash loan someone else initiates towards the router is refused too.
        vm.expectRevert();
        market.flashLoan(router, address(usdc), 1_000e6, "");
    }

    /* decrease */

    function test_decrease_raisesHealth() public {
        uint256 id = _open(ALICE, 10e18, 3e18, 50);
        vm.prank(ALICE);
        market.setOperator(address(router), true);
        uint256 hfBefore = _hf(id);
        uint256 debtBefore = market.debtOf(id);
        uint256 sell = 5e18;
        uint256 quote = adapter.quoteExactIn(address(weth), address(usdc), sell);
        uint256 minOut = quote * 9_950 / 10_000;
        uint256 repay = minOut - market.flashFee(address(usdc), minOut) - 1;
        vm.prank(ALICE);
        router.decrease(vaults, id, address(weth), sell, repay, minOut);
        assertGt(_hf(id), hfBefore, "healthier");
        // All of the swap's proceeds went to debt: loan repaid, surplus repaid more.
        assertApproxEqAbs(
            debtBefore - market.debtOf(id), quote - market.flashFee(address(usdc), repay), 2, "debt fell by proceeds"
        );
        _assertRouterEmpty();
        assertEq(usdc.balanceOf(ALICE), 0, "no surplus while debt remains");
    }

    function test_decrease_beyondDebt_sendsSurplusToOwner() public {
        uint256 id = _open(ALICE, 10e18, 1.2e18, 50); // ~6,000 USDC of debt against ~12 WETH
        vm.prank(ALICE);
        market.setOperator(address(router), true);
        uint256 debt = market.debtOf(id);
        // Sell 5 WETH (~14,900 USDC): repays all the debt, the rest comes back in USDC.
        uint256 minOut = adapter.quoteExactIn(address(weth), address(usdc), 5e18) * 9_950 / 10_000;
        vm.prank(ALICE);
        router.decrease(vaults, id, address(weth), 5e18, debt, minOut);
        assertEq(market.debtOf(id), 0, "debt gone");
        assertGt(
            usdc.balanceOf(ALICE), minOut - debt - market.flashFee(address(usdc), debt) - 1, "surplus to the owner"
        );
        _assertRouterEmpty();
    }

    function test_decrease_shortfall_reverts() public {
        uint256 id = _open(ALICE, 10e18, 3e18, 50);
        vm.startPrank(ALICE);
        market.setOperator(address(router), true);
        // Asking to repay more than the sold collateral brings in.
        vm.expectRevert();
        router.decrease(vaults, id, address(weth), 1e18, 10_000e6, 1);
        vm.stopPrank();
    }

    /* close */

    function test_close_returnsCollateralMinusCosts() public {
        uint256 id = _open(ALICE, 10e18, 3e18, 50);
        vm.warp(block.timestamp + 7 days);
        ethFeed.setAnswer(3000e8); // keep the feed fresh
        vm.startPrank(ALICE);
        market.setOperator(address(router), true);
        router.close(vaults, id, address(weth), type(uint256).max);
        vm.stopPrank();
        assertEq(market.debtOf(id), 0, "no debt");
        assertEq(_collateral(id, address(weth)), 0, "no collateral");
        uint256 back = weth.balanceOf(ALICE);
        // Two swaps of ~60k at 0.3% each plus impact both ways, a week of interest, 2 flash fees: under 5% of equity.
        assertGt(back, 9.5e18, "most of the deposit back");
        assertLt(back, 10e18, "costs were paid");
        assertEq(market.vaultOwner(id), ALICE, "the empty vault stays the owner's");
        _assertRouterEmpty();
    }

    function test_close_crossMargin_returnsEveryAsset() public {
        uint256 id = _open(ALICE, 10e18, 2e18, 50);
        wbtc.mint(ALICE, 1e8);
        vm.startPrank(ALICE);
        wbtc.approve(address(market), 1e8);
        market.depositCollateral(id, address(wbtc), 1e8);
        market.setOperator(address(router), true);
        router.close(vaults, id, address(weth), type(uint256).max);
        vm.stopPrank();
        assertEq(wbtc.balanceOf(ALICE), 1e8, "WBTC returned untouched");
        assertGt(weth.balanceOf(ALICE), 9.7e18, "WETH back minus costs");
        _assertRouterEmpty();
    }

    function test_close_maxInBound_reverts() public {
        uint256 id = _open(ALICE, 10e18, 3e18, 50);
        vm.startPrank(ALICE);
        market.setOperator(address(router), true);
        vm.expectRevert();
        router.close(vaults, id, address(weth), 1e18);
        vm.stopPrank();
        assertGt(market.debtOf(id), 0, "untouched");
    }

    function test_close_noDebt_withdrawsEverything() public {
        weth.mint(ALICE, 1e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 1e18);
        uint256 id = router.increase(vaults, 0, address(weth), 1e18, 0, 0);
        market.setOperator(address(router), true);
        router.close(vaults, id, address(weth), 0);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 1e18, "all back");
    }

    /* fuzz: deposit, leverage and price */

    function testFuzz_openAndClose(uint256 deposit, uint256 leverage, uint256 price) public {
        deposit = bound(deposit, 0.01e18, 20e18);
        leverage = bound(leverage, 1.05e18, 5.5e18);
        price = bound(price, 500e8, 20_000e8);
        _setPoolAndOracle(price);
        uint256 flash = _flashFor(deposit, leverage);
        uint256 bought = adapter.quoteExactIn(address(usdc), address(weth), flash);
        uint256 owed = flash + market.flashFee(address(usdc), flash);
        // The market's LTV (80%) decides: value of everything deposited × LTV against the debt, at the oracle price.
        bool fits = (deposit + bought) * price / 1e8 * 0.8e18 / 1e18 >= owed * 1e12;
        weth.mint(ALICE, deposit);
        vm.startPrank(ALICE);
        weth.approve(address(router), deposit);
        if (!fits) {
            vm.expectRevert();
            router.increase(vaults, 0, address(weth), deposit, flash, bought);
            vm.stopPrank();
            assertEq(weth.balanceOf(ALICE), deposit, "refused: nothing lost");
            return;
        }
        uint256 id = router.increase(vaults, 0, address(weth), deposit, flash, bought);
        vm.stopPrank();
        _assertRouterEmpty();
        assertEq(_collateral(id, address(weth)), deposit + bought, "deposit + exactly what was quoted");
        assertGe(_hf(id), 1e18, "opened healthy");

        vm.startPrank(ALICE);
        market.setOperator(address(router), true);
        router.close(vaults, id, address(weth), type(uint256).max);
        vm.stopPrank();
        _assertRouterEmpty();
        assertEq(market.debtOf(id), 0, "closed");
        uint256 back = weth.balanceOf(ALICE);
        assertLe(back, deposit, "never more than deposited");
        // A round trip of `bought` through a constant-product pool of reserve R loses at most 2 × (0.3% + bought/R) of
        // it; the two 5 bps flash fees add 0.1% (0.8% with margin for fees on fees); rounding (fees rounded up, swaps rounded in the pool's favour) costs a
        // few base units at most.
        uint256 r = _wethReserve();
        uint256 lossBound = bought * 8 / 1000 + bought * 21 * bought / (10 * r) + 20 * 1e12 * 1e8 / price;
        assertGe(back + lossBound, deposit, "lost no more than fees and price impact");
    }

    /// @dev Oracle and pool at the same price: the pool is rebalanced to it by minting its short side.
    function _setPoolAndOracle(uint256 price) internal {
        ethFeed.setAnswer(int256(price));
        uint256 rWeth = _wethReserve();
        (uint112 r0, uint112 r1,) = pool.getReserves();
        uint256 rUsdc = address(weth) < address(usdc) ? r1 : r0;
        uint256 wantUsdc = rWeth * price / 1e8 / 1e12;
        if (wantUsdc > rUsdc) usdc.mint(address(pool), wantUsdc - rUsdc);
        else weth.mint(address(pool), rUsdc * 1e12 * 1e8 / price - rWeth);
        pool.sync();
    }

    function _wethReserve() internal view returns (uint256) {
        (uint112 r0, uint112 r1,) = pool.getReserves();
        return address(weth) < address(usdc) ? r0 : r1;
    }
}
