// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {UniswapV2Fixture} from "./UniswapV2Fixture.sol";
import {MorphoFixture} from "./MorphoFixture.sol";
import {ReentrantSwapAdapter} from "./ReentrantSwapAdapter.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {KinkedIrm} from "../../src/dev/KinkedIrm.sol";
import {ChainlinkMorphoOracle} from "../../src/dev/ChainlinkMorphoOracle.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IMorpho, Id, MarketParams, Position} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {LeverageRouterBase} from "../../src/periphery/LeverageRouterBase.sol";
import {MorphoLeverageRouter} from "../../src/periphery/MorphoLeverageRouter.sol";

/// @notice The Morpho leverage router against the real Morpho Blue and Uniswap V2 bytecode.
contract MorphoLeverageRouterTest is Test {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant LENDER = address(0x1E4D);
    uint256 internal constant BPS = 100; // 1 % oracle bound

    DevERC20 internal weth;
    DevERC20 internal usdc;
    DevPriceFeed internal ethFeed;
    DevPriceFeed internal usdFeed;
    IMorpho internal morpho;
    MarketParams internal params;
    Id internal id;
    IUniswapV2Factory internal factory;
    UniswapV2Adapter internal adapter;
    MorphoLeverageRouter internal router;

    function setUp() public {
        weth = new DevERC20("Wrapped Ether", "WETH", 18);
        usdc = new DevERC20("USD Coin", "USDC", 6);
        ethFeed = new DevPriceFeed(address(this), 8, "ETH / USD", 3_000e8);
        usdFeed = new DevPriceFeed(address(this), 8, "USDC / USD", 1e8);
        morpho = MorphoFixture.deploy(address(this));
        KinkedIrm irm = new KinkedIrm(0, uint256(0.04e18) / 365 days, uint256(0.6e18) / 365 days, 0.9e18);
        ChainlinkMorphoOracle oracle = new ChainlinkMorphoOracle(
            AggregatorV3Interface(address(ethFeed)), AggregatorV3Interface(address(usdFeed)), 18, 6
        );
        morpho.enableIrm(address(irm));
        morpho.enableLltv(0.86e18);
        params = MarketParams(address(usdc), address(weth), address(oracle), address(irm), 0.86e18);
        morpho.createMarket(params);
        id = Id.wrap(keccak256(abi.encode(params)));
        usdc.mint(LENDER, 3_000_000e6);
        vm.startPrank(LENDER);
        usdc.approve(address(morpho), type(uint256).max);
        morpho.supply(params, 3_000_000e6, 0, LENDER, "");
        vm.stopPrank();

        factory = UniswapV2Fixture.deployFactory();
        UniswapV2Fixture.seed(factory, weth, 1_000e18, usdc, 3_000_000e6); // the oracle's $3,000
        adapter = new UniswapV2Adapter(factory);
        router = new MorphoLeverageRouter(morpho, ISwapAdapter(address(adapter)));
        vm.prank(ALICE);
        morpho.setAuthorization(address(router), true);
    }

    /* helpers */

    /// @dev USDC to flash for `leverage` (WAD) on `deposit` WETH at the oracle's price.
    function _flashFor(uint256 deposit, uint256 leverage) internal pure returns (uint256) {
        return deposit * (leverage - 1e18) / 1e18 * 3_000 / 1e12;
    }

    function _open(address who, uint256 deposit, uint256 leverage) internal {
        _open(who, deposit, leverage, 300);
    }

    function _open(address who, uint256 deposit, uint256 leverage, uint256 bps) internal {
        uint256 flash = _flashFor(deposit, leverage);
        uint256 minOut = adapter.quoteExactIn(address(usdc), address(weth), flash) * 995 / 1_000;
        weth.mint(who, deposit);
        vm.startPrank(who);
        weth.approve(address(router), deposit);
        router.increase(params, deposit, flash, minOut, bps);
        vm.stopPrank();
    }

    function _pos(address who) internal view returns (uint256 collateral, uint256 debt) {
        Position memory p = morpho.position(id, who);
        return (p.collateral, router.debtOf(params, who));
    }

    function _assertRouterEmpty() internal view {
        assertEq(weth.balanceOf(address(router)), 0, "router holds WETH");
        assertEq(usdc.balanceOf(address(router)), 0, "router holds USDC");
        assertEq(weth.balanceOf(address(adapter)), 0, "adapter holds WETH");
        assertEq(usdc.balanceOf(address(adapter)), 0, "adapter holds USDC");
        assertEq(weth.allowance(address(router), address(morpho)), 0, "router left a WETH allowance");
        assertEq(usdc.allowance(address(router), address(adapter)), 0, "router left a USDC allowance to the adapter");
    }

    /* open, raise, lower, close */

    function test_open2x_oneTransaction() public {
        _open(ALICE, 10e18, 2e18);
        (uint256 col, uint256 debt) = _pos(ALICE);
        assertGt(col, 19.8e18, "about 10 bought with 30,000 USDC, less fee and impact");
        assertLt(col, 20e18, "below 2x: fee and impact");
        assertEq(debt, 30_000e6, "borrowed exactly the flash loan (Morpho's loans are free)");
        assertEq(weth.balanceOf(ALICE), 0, "the whole deposit went in");
        _assertRouterEmpty();
    }

    function test_raiseThenLowerThenClose() public {
        _open(ALICE, 10e18, 2e18);
        // Raise to about 3x: no deposit, another 30,000 USDC (the pool, not arbitraged since the open, now sits ~6 %
        // above the oracle after this buy: the owner signs a wider oracle bound).
        vm.prank(ALICE);
        router.increase(params, 0, 30_000e6, 9.5e18, 1_000);
        (uint256 col, uint256 debt) = _pos(ALICE);
        assertGt(col, 29.5e18, "about 30 WETH");
        assertEq(debt, 60_000e6, "debt doubled");
        _assertRouterEmpty();

        // Lower: sell 5 WETH, repay 14,000 with the flash, the surplus repays more.
        uint256 minOut = adapter.quoteExactIn(address(weth), address(usdc), 5e18) * 995 / 1_000;
        vm.prank(ALICE);
        router.decrease(params, 5e18, 14_000e6, minOut, BPS);
        (uint256 col2, uint256 debt2) = _pos(ALICE);
        assertEq(col2, col - 5e18, "5 WETH sold");
        assertLt(debt2, 60_000e6 - 14_500e6, "everything the sale raised repaid debt");
        assertEq(usdc.balanceOf(ALICE), 0, "no surplus beyond the debt");
        _assertRouterEmpty();

        vm.prank(ALICE);
        router.close(params, col2, BPS);
        (uint256 col3, uint256 debt3) = _pos(ALICE);
        assertEq(col3, 0, "no collateral left");
        assertEq(morpho.position(id, ALICE).borrowShares, 0, "no debt shares left (repaid by shares)");
        assertEq(debt3, 0, "no debt");
        assertGt(weth.balanceOf(ALICE), 9.6e18, "the owner gets back the deposit less fees and impact");
        _assertRouterEmpty();
    }

    function test_close_afterInterest_repaysEveryShare() public {
        _open(ALICE, 10e18, 3e18);
        vm.warp(block.timestamp + 90 days);
        vm.prank(ALICE);
        router.close(params, 30e18, BPS);
        assertEq(morpho.position(id, ALICE).borrowShares, 0, "no debt shares left");
        assertEq(morpho.position(id, ALICE).collateral, 0, "no collateral left");
        _assertRouterEmpty();
    }

    function test_decrease_surplusBeyondDebt_goesToOwner() public {
        _open(ALICE, 10e18, 2e18); // 30,000 debt
        // Sell 15 WETH (~44,000 USDC) with a 20,000 flash: 30,000 repaid in all, ~14,000 paid out.
        vm.prank(ALICE);
        router.decrease(params, 15e18, 20_000e6, 40_000e6, BPS);
        (, uint256 debt) = _pos(ALICE);
        assertEq(debt, 0, "all the debt repaid");
        assertGt(usdc.balanceOf(ALICE), 13_000e6, "the surplus went to the owner");
        _assertRouterEmpty();
    }

    function test_close_withoutDebt_returnsCollateral() public {
        weth.mint(ALICE, 1e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 1e18);
        router.increase(params, 1e18, 0, 0, 0); // supply only
        router.close(params, 0, 0);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 1e18, "everything back");
        _assertRouterEmpty();
    }

    /* authority: only the owner's own position */

    function test_unauthorised_refusedBeforeAnything() public {
        weth.mint(BOB, 10e18);
        vm.startPrank(BOB);
        weth.approve(address(router), 10e18);
        vm.expectRevert(abi.encodeWithSelector(MorphoLeverageRouter.RouterNotAuthorized.selector, BOB));
        router.increase(params, 10e18, 30_000e6, 0, BPS);
        vm.stopPrank();
        assertEq(weth.balanceOf(BOB), 10e18, "nothing taken");
    }

    function test_revokedAuthorisation_refused() public {
        _open(ALICE, 10e18, 2e18);
        vm.startPrank(ALICE);
        morpho.setAuthorization(address(router), false);
        vm.expectRevert(abi.encodeWithSelector(MorphoLeverageRouter.RouterNotAuthorized.selector, ALICE));
        router.close(params, 20e18, BPS);
        vm.stopPrank();
    }

    function test_thirdParty_cannotTouchAnotherPosition() public {
        _open(ALICE, 10e18, 2e18);
        (uint256 col, uint256 debt) = _pos(ALICE);
        // Bob authorises the router for himself: every call acts on his own (empty) position, never on Alice's.
        vm.startPrank(BOB);
        morpho.setAuthorization(address(router), true);
        vm.expectRevert();
        router.decrease(params, 1e18, 1_000e6, 0, BPS);
        router.close(params, 20e18, BPS); // closes Bob's empty position: nothing happens
        vm.stopPrank();
        (uint256 col2, uint256 debt2) = _pos(ALICE);
        assertEq(col2, col, "Alice's collateral untouched");
        assertEq(debt2, debt, "Alice's debt untouched");
        assertEq(weth.balanceOf(BOB), 0, "Bob got nothing");
        _assertRouterEmpty();
    }

    function test_callback_fromThirdParty_refused() public {
        MorphoLeverageRouter.Job memory job =
            MorphoLeverageRouter.Job(MorphoLeverageRouter.Action.Close, params, ALICE, 20e18, 0, BPS);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.UntrustedLender.selector, BOB, address(router)));
        router.onMorphoFlashLoan(1e6, abi.encode(job));
    }

    function test_callback_fromMorphoOutsideACall_refused() public {
        _open(ALICE, 10e18, 2e18);
        MorphoLeverageRouter.Job memory job =
            MorphoLeverageRouter.Job(MorphoLeverageRouter.Action.Close, params, ALICE, 20e18, 0, BPS);
        usdc.mint(address(router), 30_000e6);
        vm.prank(address(morpho));
        vm.expectRevert(
            abi.encodeWithSelector(LeverageRouterBase.UntrustedLender.selector, address(morpho), address(router))
        );
        router.onMorphoFlashLoan(30_000e6, abi.encode(job));
    }

    /* a hostile swap venue */

    function _hostileRouter() internal returns (ReentrantSwapAdapter evil, MorphoLeverageRouter r) {
        evil = new ReentrantSwapAdapter(ISwapAdapter(address(adapter)));
        r = new MorphoLeverageRouter(morpho, ISwapAdapter(address(evil)));
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        morpho.setAuthorization(address(r), true);
        weth.approve(address(r), 10e18);
        vm.stopPrank();
    }

    function test_swapAdapter_reenteringTheRouter_refused() public {
        (ReentrantSwapAdapter evil, MorphoLeverageRouter r) = _hostileRouter();
        evil.arm(address(r), abi.encodeCall(MorphoLeverageRouter.close, (params, 20e18, BPS)));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSignature("ReentrancyGuardReentrantCall()"));
        r.increase(params, 10e18, 30_000e6, 0, BPS);
        assertEq(weth.balanceOf(ALICE), 10e18, "nothing taken");
    }

    function test_swapAdapter_callingTheCallback_refused() public {
        (ReentrantSwapAdapter evil, MorphoLeverageRouter r) = _hostileRouter();
        MorphoLeverageRouter.Job memory job =
            MorphoLeverageRouter.Job(MorphoLeverageRouter.Action.Increase, params, ALICE, 0, 0, BPS);
        evil.arm(address(r), abi.encodeCall(MorphoLeverageRouter.onMorphoFlashLoan, (30_000e6, abi.encode(job))));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.UntrustedLender.selector, address(evil), address(r)));
        r.increase(params, 10e18, 30_000e6, 0, BPS);
    }

    /* amounts */

    function test_zeroAmounts_refused() public {
        vm.startPrank(ALICE);
        vm.expectRevert(LeverageRouterBase.ZeroAmount.selector);
        router.increase(params, 0, 0, 0, BPS);
        vm.expectRevert(LeverageRouterBase.ZeroAmount.selector);
        router.decrease(params, 0, 1e6, 0, BPS);
        vm.expectRevert(LeverageRouterBase.ZeroAmount.selector);
        router.decrease(params, 1e18, 0, 0, BPS);
        vm.stopPrank();
    }

    function test_oneWei_depositOnly() public {
        weth.mint(ALICE, 1);
        vm.startPrank(ALICE);
        weth.approve(address(router), 1);
        router.increase(params, 1, 0, 0, BPS);
        vm.stopPrank();
        (uint256 col,) = _pos(ALICE);
        assertEq(col, 1, "1 wei supplied");
        _assertRouterEmpty();
    }

    function test_oneUnit_flash_works_andLeavesNothing() public {
        // 1 micro-USDC flash-borrowed buys ~3.3e8 wei of WETH at the pool: a real (tiny) trade, within the oracle bound.
        weth.mint(ALICE, 1e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 1e18);
        router.increase(params, 1e18, 1, 0, BPS);
        vm.stopPrank();
        (uint256 col, uint256 debt) = _pos(ALICE);
        assertGt(col, 1e18, "bought a little");
        assertEq(debt, 1, "one unit of debt");
        _assertRouterEmpty();
    }

    function test_maxAmounts_refused_nothingLost() public {
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), type(uint256).max);
        vm.expectRevert();
        router.increase(params, 10e18, type(uint256).max, 0, BPS);
        vm.expectRevert();
        router.increase(params, type(uint256).max, 0, 0, BPS);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 10e18, "nothing taken");
        _assertRouterEmpty();
    }

    function test_aboveMaxLeverage_refusedByMorpho() public {
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 10e18);
        vm.expectRevert(bytes("insufficient collateral"));
        router.increase(params, 10e18, _flashFor(10e18, 8e18), 0, 1_000); // LLTV 86 %: at most ~7.1x
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 10e18, "nothing taken");
    }

    /* slippage and the oracle bound */

    function test_minOutTooTight_refused() public {
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 10e18);
        uint256 quote = adapter.quoteExactIn(address(usdc), address(weth), 30_000e6);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.SlippageExceeded.selector, quote, quote + 1));
        router.increase(params, 10e18, 30_000e6, quote + 1, BPS);
        vm.stopPrank();
    }

    function test_boundWiderThanTenPercent_refused() public {
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.OracleBoundTooWide.selector, 1_001, 1_000));
        router.increase(params, 0, 30_000e6, 0, 1_001);
    }

    function test_staleOracle_belowThePool_refusesBuying() public {
        // The feed lags at $2,700 while the pool trades at $3,000: buying WETH at the pool loses > 1 % to the oracle.
        ethFeed.setAnswer(2_700e8);
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 10e18);
        vm.expectPartialRevert(LeverageRouterBase.OracleBoundExceeded.selector);
        router.increase(params, 10e18, 30_000e6, 0, BPS);
        vm.stopPrank();
    }

    function test_staleOracle_abovethePool_refusesSelling() public {
        _open(ALICE, 10e18, 2e18);
        ethFeed.setAnswer(3_300e8); // the pool still trades at ~$3,000
        vm.prank(ALICE);
        vm.expectPartialRevert(LeverageRouterBase.OracleBoundExceeded.selector);
        router.decrease(params, 5e18, 10_000e6, 0, BPS);
        vm.prank(ALICE);
        vm.expectPartialRevert(LeverageRouterBase.OracleBoundExceeded.selector);
        router.close(params, 20e18, BPS);
    }

    function test_brokenOracle_refused() public {
        _open(ALICE, 10e18, 2e18);
        ethFeed.setAnswer(0);
        vm.prank(ALICE);
        vm.expectPartialRevert(ChainlinkMorphoOracle.NonPositiveAnswer.selector);
        router.close(params, 20e18, BPS);
    }

    /* fuzz */

    function testFuzz_openClose_holdsNothing_losesOnlyFees(uint256 deposit, uint256 leverage) public {
        // Up to 40 WETH traded against a 1,000 WETH pool: impact within the widest oracle bound.
        deposit = bound(deposit, 0.01e18, 20e18);
        leverage = bound(leverage, 1.1e18, 3e18);
        _open(ALICE, deposit, leverage, 1_000);
        _assertRouterEmpty();
        (uint256 col,) = _pos(ALICE);
        vm.prank(ALICE);
        router.close(params, col, 1_000);
        _assertRouterEmpty();
        assertEq(morpho.position(id, ALICE).borrowShares, 0, "no debt left");
        // Two swaps of (leverage - 1) x deposit: 0.3 % fee each plus price impact on a 1,000 WETH pool.
        uint256 traded = deposit * (leverage - 1e18) / 1e18;
        // Plus rounding: USDC has 6 decimals (one micro-USDC is ~3.3e8 wei of WETH), a few roundings per swap.
        uint256 maxLoss = traded * 6 / 1_000 + traded * traded / 1_000e18 * 2 + 1e11;
        assertGe(weth.balanceOf(ALICE) + maxLoss, deposit, "lost no more than fees and impact");
    }
}
