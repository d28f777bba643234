// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {UniswapV2Fixture} from "./UniswapV2Fixture.sol";
import {AaveFixture, AaveReserveSpec} from "./AaveFixture.sol";
import {ReentrantSwapAdapter} from "./ReentrantSwapAdapter.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {LeverageRouterBase} from "../../src/periphery/LeverageRouterBase.sol";
import {AaveLeverageRouter} from "../../src/periphery/AaveLeverageRouter.sol";
import {IPool} from "@aave/core-v3/contracts/interfaces/IPool.sol";

interface IAaveToken {
    function approve(address spender, uint256 amount) external returns (bool);
    function allowance(address owner, address spender) external view returns (uint256);
    function balanceOf(address who) external view returns (uint256);
    function approveDelegation(address delegatee, uint256 amount) external;
    function borrowAllowance(address from, address to) external view returns (uint256);
}

/// @notice The Aave leverage router against the real Aave v3.0 bytecode (AaveFixture: the npm artifacts the anvil
/// deploy uses; run `npx tsx scripts/lib/aave-forge.ts` first) and the real Uniswap V2 bytecode, to parity with
/// MorphoLeverageRouter.t.sol: open, raise, lower and close in one transaction each; only ever the caller's own
/// position; nothing held after any call; the swap's minimum and the oracle bound; the flash-loan callback refused from
/// anyone but the pool during the router's own call; Aave's two delegations (credit delegation on the variable debt
/// token, the aToken allowance) missing, too small or revoked → `DelegationTooLow` before anything moves.
contract AaveLeverageRouterTest is Test {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant LENDER = address(0x1E4D);
    uint256 internal constant BPS = 100; // 1 % oracle bound

    DevERC20 internal weth;
    DevERC20 internal usdc;
    DevPriceFeed internal ethFeed;
    DevPriceFeed internal usdFeed;
    IPool internal pool;
    UniswapV2Adapter internal adapter;
    AaveLeverageRouter internal router;
    IAaveToken internal aWeth;
    IAaveToken internal vdUsdc;

    function setUp() public {
        vm.warp(1_800_000_000);
        weth = new DevERC20("Wrapped Ether", "WETH", 18);
        usdc = new DevERC20("USD Coin", "USDC", 6);
        ethFeed = new DevPriceFeed(address(this), 8, "ETH / USD", 3_000e8);
        usdFeed = new DevPriceFeed(address(this), 8, "USDC / USD", 1e8);
        AaveReserveSpec[] memory r = new AaveReserveSpec[](2);
        r[0] = AaveReserveSpec(address(weth), address(ethFeed), 18, 8050, 8300, 10500, 1);
        r[1] = AaveReserveSpec(address(usdc), address(usdFeed), 6, 7500, 7800, 10450, 0);
        pool = IPool(AaveFixture.deploy(r).pool);
        aWeth = IAaveToken(pool.getReserveData(address(weth)).aTokenAddress);
        vdUsdc = IAaveToken(pool.getReserveData(address(usdc)).variableDebtTokenAddress);
        usdc.mint(LENDER, 3_000_000e6);
        vm.startPrank(LENDER);
        usdc.approve(address(pool), type(uint256).max);
        pool.supply(address(usdc), 3_000_000e6, LENDER, 0);
        vm.stopPrank();

        IUniswapV2Factory factory = UniswapV2Fixture.deployFactory();
        UniswapV2Fixture.seed(factory, weth, 1_000e18, usdc, 3_000_000e6); // the oracle's $3,000
        adapter = new UniswapV2Adapter(factory);
        router = new AaveLeverageRouter(pool, ISwapAdapter(address(adapter)));
        _grant(ALICE, router);
    }

    /* helpers */

    /// @dev Both of Aave's delegations to `r`, unlimited: credit on the variable USDC debt and the aWETH allowance.
    function _grant(address who, AaveLeverageRouter r) internal {
        vm.startPrank(who);
        vdUsdc.approveDelegation(address(r), type(uint256).max);
        aWeth.approve(address(r), type(uint256).max);
        vm.stopPrank();
    }

    /// @dev USDC to flash for `leverage` (WAD) on `deposit` WETH at the oracle's price.
    function _flashFor(uint256 deposit, uint256 leverage) internal pure returns (uint256) {
        return deposit * (leverage - 1e18) / 1e18 * 3_000 / 1e12;
    }

    /// @dev Aave's premium on a flash loan (PercentageMath.percentMul, half up), as the router computes it.
    function _premium(uint256 amount) internal view returns (uint256) {
        return (amount * pool.FLASHLOAN_PREMIUM_TOTAL() + 5_000) / 10_000;
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
        router.increase(address(weth), address(usdc), deposit, flash, minOut, bps);
        vm.stopPrank();
    }

    function _pos(address who) internal view returns (uint256 collateral, uint256 debt) {
        return (aWeth.balanceOf(who), vdUsdc.balanceOf(who));
    }

    function _assertRouterEmpty() internal view {
        _assertEmpty(router, adapter);
    }

    function _assertEmpty(AaveLeverageRouter r, UniswapV2Adapter a) internal view {
        assertEq(weth.balanceOf(address(r)), 0, "router holds WETH");
        assertEq(usdc.balanceOf(address(r)), 0, "router holds USDC");
        assertEq(aWeth.balanceOf(address(r)), 0, "router holds aWETH");
        assertEq(vdUsdc.balanceOf(address(r)), 0, "router owes USDC");
        assertEq(weth.balanceOf(address(a)), 0, "adapter holds WETH");
        assertEq(usdc.balanceOf(address(a)), 0, "adapter holds USDC");
        assertEq(weth.allowance(address(r), address(pool)), 0, "router left a WETH allowance to the pool");
        assertEq(usdc.allowance(address(r), address(pool)), 0, "router left a USDC allowance to the pool");
        assertEq(weth.allowance(address(r), address(a)), 0, "router left a WETH allowance to the adapter");
        assertEq(usdc.allowance(address(r), address(a)), 0, "router left a USDC allowance to the adapter");
    }

    /* open, raise, lower, close */

    function test_open3x_oneTransaction_borrowsTheLoanAndItsPremium() public {
        _open(ALICE, 10e18, 3e18);
        (uint256 col, uint256 debt) = _pos(ALICE);
        assertGt(col, 29.5e18, "about 20 bought with 60,000 USDC, less fee and impact");
        assertLt(col, 30e18, "below 3x: fee and impact");
        assertEq(debt, 60_000e6 + _premium(60_000e6), "borrowed exactly the flash loan and Aave's premium");
        assertEq(weth.balanceOf(ALICE), 0, "the whole deposit went in");
        _assertRouterEmpty();
    }

    function test_raiseThenLowerThenClose() public {
        _open(ALICE, 10e18, 2e18);
        (, uint256 debt0) = _pos(ALICE);
        // Raise to about 3x: no deposit, another 30,000 USDC (the pool, not arbitraged since the open, now sits ~6 %
        // above the oracle after this buy: the owner signs a wider oracle bound).
        vm.prank(ALICE);
        router.increase(address(weth), address(usdc), 0, 30_000e6, 9.5e18, 1_000);
        (uint256 col, uint256 debt) = _pos(ALICE);
        assertGt(col, 29.5e18, "about 30 WETH");
        assertApproxEqAbs(debt, debt0 + 30_000e6 + _premium(30_000e6), 1, "debt raised by the loan and its premium");
        _assertRouterEmpty();

        // Lower: sell 5 WETH, repay 14,000 with the flash, the surplus repays more.
        uint256 minOut = adapter.quoteExactIn(address(weth), address(usdc), 5e18) * 995 / 1_000;
        vm.prank(ALICE);
        router.decrease(address(weth), address(usdc), 5e18, 14_000e6, minOut, BPS);
        (uint256 col2, uint256 debt2) = _pos(ALICE);
        assertApproxEqAbs(col2, col - 5e18, 1, "5 WETH sold");
        assertLt(debt2, debt - 14_500e6, "everything the sale raised repaid debt");
        assertEq(usdc.balanceOf(ALICE), 0, "no surplus beyond the debt");
        _assertRouterEmpty();

        vm.prank(ALICE);
        router.close(address(weth), address(usdc), col2, BPS);
        (uint256 col3, uint256 debt3) = _pos(ALICE);
        assertEq(col3, 0, "no collateral left");
        assertEq(debt3, 0, "no debt");
        assertGt(weth.balanceOf(ALICE), 9.6e18, "the owner gets back the deposit less fees and impact");
        _assertRouterEmpty();
    }

    function test_close_afterInterest_repaysEverything() public {
        _open(ALICE, 10e18, 3e18);
        vm.warp(block.timestamp + 90 days);
        (, uint256 debt) = _pos(ALICE);
        assertGt(debt, 60_000e6 + _premium(60_000e6), "interest accrued");
        vm.prank(ALICE);
        router.close(address(weth), address(usdc), 30e18, BPS);
        (uint256 col, uint256 debt2) = _pos(ALICE);
        assertEq(col, 0, "no collateral left");
        assertEq(debt2, 0, "no debt left");
        _assertRouterEmpty();
    }

    function test_decrease_surplusBeyondDebt_goesToOwner() public {
        _open(ALICE, 10e18, 2e18); // ~30,015 debt
        // Sell 15 WETH (~44,000 USDC) with a 20,000 flash: all the debt repaid, ~14,000 paid out.
        vm.prank(ALICE);
        router.decrease(address(weth), address(usdc), 15e18, 20_000e6, 40_000e6, BPS);
        (, uint256 debt) = _pos(ALICE);
        assertEq(debt, 0, "all the debt repaid");
        assertGt(usdc.balanceOf(ALICE), 13_000e6, "the surplus went to the owner");
        _assertRouterEmpty();
    }

    function test_close_withoutDebt_returnsCollateral() public {
        weth.mint(ALICE, 1e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 1e18);
        router.increase(address(weth), address(usdc), 1e18, 0, 0, 0); // supply only
        assertEq(aWeth.balanceOf(ALICE), 1e18, "supplied for the owner");
        router.close(address(weth), address(usdc), 0, 0);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 1e18, "everything back");
        _assertRouterEmpty();
    }

    /* authority: only the owner's own position, on Aave's own delegations */

    function test_noCreditDelegation_refusedBeforeAnything() public {
        weth.mint(BOB, 10e18);
        vm.startPrank(BOB);
        weth.approve(address(router), 10e18);
        uint256 owed = 30_000e6 + _premium(30_000e6);
        vm.expectRevert(abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(vdUsdc), 0, owed));
        router.increase(address(weth), address(usdc), 10e18, 30_000e6, 0, BPS);
        vm.stopPrank();
        assertEq(weth.balanceOf(BOB), 10e18, "nothing taken");
        _assertRouterEmpty();
    }

    function test_creditDelegationShortOfTheLoanAndPremium_refused() public {
        weth.mint(BOB, 10e18);
        uint256 owed = 30_000e6 + _premium(30_000e6);
        vm.startPrank(BOB);
        weth.approve(address(router), 10e18);
        vdUsdc.approveDelegation(address(router), owed - 1); // one unit short of the loan and Aave's premium
        vm.expectRevert(
            abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(vdUsdc), owed - 1, owed)
        );
        router.increase(address(weth), address(usdc), 10e18, 30_000e6, 0, 300);
        vm.stopPrank();
        assertEq(weth.balanceOf(BOB), 10e18, "nothing taken");
    }

    function test_creditDelegation_isSpentByTheBorrow() public {
        weth.mint(BOB, 10e18);
        uint256 owed = 30_000e6 + _premium(30_000e6);
        vm.startPrank(BOB);
        weth.approve(address(router), 10e18);
        vdUsdc.approveDelegation(address(router), owed); // exactly what the open needs
        router.increase(address(weth), address(usdc), 10e18, 30_000e6, 0, 300);
        assertEq(vdUsdc.borrowAllowance(BOB, address(router)), 0, "the delegation was used up");
        // A second raise needs a new delegation.
        vm.expectRevert(abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(vdUsdc), 0, owed));
        router.increase(address(weth), address(usdc), 0, 30_000e6, 0, 1_000);
        vm.stopPrank();
        _assertRouterEmpty();
    }

    function test_revokedCreditDelegation_refused() public {
        _open(ALICE, 10e18, 2e18);
        vm.startPrank(ALICE);
        vdUsdc.approveDelegation(address(router), 0);
        uint256 owed = 10_000e6 + _premium(10_000e6);
        vm.expectRevert(abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(vdUsdc), 0, owed));
        router.increase(address(weth), address(usdc), 0, 10_000e6, 0, 1_000);
        vm.stopPrank();
    }

    function test_noATokenAllowance_lowerAndCloseRefused() public {
        _open(ALICE, 10e18, 2e18);
        (uint256 col, uint256 debt) = _pos(ALICE);
        vm.startPrank(ALICE);
        aWeth.approve(address(router), 0); // revoked (or never given)
        vm.expectRevert(abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(aWeth), 0, 5e18));
        router.decrease(address(weth), address(usdc), 5e18, 10_000e6, 0, BPS);
        vm.expectRevert(abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(aWeth), 0, col));
        router.close(address(weth), address(usdc), col, BPS);
        // An allowance short of the whole collateral cannot close either.
        aWeth.approve(address(router), col - 1);
        vm.expectRevert(
            abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(aWeth), col - 1, col)
        );
        router.close(address(weth), address(usdc), col, BPS);
        vm.stopPrank();
        (uint256 col2, uint256 debt2) = _pos(ALICE);
        assertEq(col2, col, "collateral untouched");
        assertEq(debt2, debt, "debt untouched");
        _assertRouterEmpty();
    }

    function test_thirdParty_cannotTouchAnotherPosition() public {
        _open(ALICE, 10e18, 2e18);
        (uint256 col, uint256 debt) = _pos(ALICE);
        // Alice's delegations are hers: whatever Bob signs acts on his own (empty) position, never on Alice's.
        vm.startPrank(BOB);
        vm.expectRevert(abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(aWeth), 0, 1e18));
        router.decrease(address(weth), address(usdc), 1e18, 1_000e6, 0, BPS);
        uint256 owed = 1_000e6 + _premium(1_000e6);
        vm.expectRevert(abi.encodeWithSelector(AaveLeverageRouter.DelegationTooLow.selector, address(vdUsdc), 0, owed));
        router.increase(address(weth), address(usdc), 0, 1_000e6, 0, BPS);
        vm.stopPrank();
        // With delegations of his own, Bob's close closes his empty position: nothing happens.
        _grant(BOB, router);
        vm.prank(BOB);
        router.close(address(weth), address(usdc), 20e18, BPS);
        (uint256 col2, uint256 debt2) = _pos(ALICE);
        assertEq(col2, col, "Alice's collateral untouched");
        assertEq(debt2, debt, "Alice's debt untouched");
        assertEq(weth.balanceOf(BOB) + usdc.balanceOf(BOB) + aWeth.balanceOf(BOB), 0, "Bob got nothing");
        _assertRouterEmpty();
    }

    /* the flash-loan callback */

    function _job(AaveLeverageRouter.Action action) internal pure returns (bytes memory) {
        return abi.encode(AaveLeverageRouter.Job(action, address(0), ALICE, 20e18, 0, BPS));
    }

    function test_callback_fromThirdParty_refused() public {
        _open(ALICE, 10e18, 2e18);
        // Bob calls it directly, naming the router as the initiator: not the pool.
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.UntrustedLender.selector, BOB, address(router)));
        router.executeOperation(address(usdc), 1e6, 0, address(router), _job(AaveLeverageRouter.Action.Close));
    }

    function test_callback_fromThePool_onAForeignFlashLoan_refused() public {
        _open(ALICE, 10e18, 2e18);
        (uint256 col, uint256 debt) = _pos(ALICE);
        // Bob asks the pool for a flash loan whose receiver is the router, with a job closing Alice's position: the pool
        // calls back with Bob as the initiator, and the router refuses.
        bytes memory job =
            abi.encode(AaveLeverageRouter.Job(AaveLeverageRouter.Action.Close, address(weth), ALICE, col, 0, 1_000));
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.UntrustedLender.selector, address(pool), BOB));
        pool.flashLoanSimple(address(router), address(usdc), debt, job, 0);
        (uint256 col2, uint256 debt2) = _pos(ALICE);
        assertEq(col2, col, "Alice's collateral untouched");
        assertEq(debt2, debt, "Alice's debt untouched");
    }

    function test_callback_fromThePoolOutsideACall_refused() public {
        _open(ALICE, 10e18, 2e18);
        usdc.mint(address(router), 30_000e6);
        vm.prank(address(pool));
        vm.expectRevert(
            abi.encodeWithSelector(LeverageRouterBase.UntrustedLender.selector, address(pool), address(router))
        );
        router.executeOperation(address(usdc), 30_000e6, 0, address(router), _job(AaveLeverageRouter.Action.Close));
    }

    /* a hostile swap venue */

    function _hostileRouter() internal returns (ReentrantSwapAdapter evil, AaveLeverageRouter r) {
        evil = new ReentrantSwapAdapter(ISwapAdapter(address(adapter)));
        r = new AaveLeverageRouter(pool, ISwapAdapter(address(evil)));
        _grant(ALICE, r);
        weth.mint(ALICE, 10e18);
        vm.prank(ALICE);
        weth.approve(address(r), 10e18);
    }

    function test_swapAdapter_reenteringTheRouter_refused() public {
        (ReentrantSwapAdapter evil, AaveLeverageRouter r) = _hostileRouter();
        evil.arm(address(r), abi.encodeCall(AaveLeverageRouter.close, (address(weth), address(usdc), 20e18, BPS)));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSignature("ReentrancyGuardReentrantCall()"));
        r.increase(address(weth), address(usdc), 10e18, 30_000e6, 0, BPS);
        assertEq(weth.balanceOf(ALICE), 10e18, "nothing taken");
    }

    function test_swapAdapter_callingTheCallback_refused() public {
        (ReentrantSwapAdapter evil, AaveLeverageRouter r) = _hostileRouter();
        evil.arm(
            address(r),
            abi.encodeCall(
                AaveLeverageRouter.executeOperation,
                (address(usdc), 30_000e6, 0, address(r), _job(AaveLeverageRouter.Action.Increase))
            )
        );
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.UntrustedLender.selector, address(evil), address(r)));
        r.increase(address(weth), address(usdc), 10e18, 30_000e6, 0, BPS);
    }

    /* amounts */

    function test_zeroAmounts_refused() public {
        vm.startPrank(ALICE);
        vm.expectRevert(LeverageRouterBase.ZeroAmount.selector);
        router.increase(address(weth), address(usdc), 0, 0, 0, BPS);
        vm.expectRevert(LeverageRouterBase.ZeroAmount.selector);
        router.decrease(address(weth), address(usdc), 0, 1e6, 0, BPS);
        vm.expectRevert(LeverageRouterBase.ZeroAmount.selector);
        router.decrease(address(weth), address(usdc), 1e18, 0, 0, BPS);
        vm.stopPrank();
    }

    function test_maxAmounts_refused_nothingLost() public {
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), type(uint256).max);
        vm.expectRevert();
        router.increase(address(weth), address(usdc), 10e18, type(uint256).max, 0, BPS);
        vm.expectRevert();
        router.increase(address(weth), address(usdc), type(uint256).max, 0, 0, BPS);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 10e18, "nothing taken");
        _assertRouterEmpty();
    }

    function test_aboveMaxLeverage_refusedByAave() public {
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 10e18);
        vm.expectRevert(bytes("36")); // COLLATERAL_CANNOT_COVER_NEW_BORROW: LTV 80.5 %, at most ~5.1x
        router.increase(address(weth), address(usdc), 10e18, _flashFor(10e18, 6e18), 0, 1_000);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 10e18, "nothing taken");
        _assertRouterEmpty();
    }

    /* slippage and the oracle bound */

    function test_minOutTooTight_refused() public {
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 10e18);
        uint256 quote = adapter.quoteExactIn(address(usdc), address(weth), 30_000e6);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.SlippageExceeded.selector, quote, quote + 1));
        router.increase(address(weth), address(usdc), 10e18, 30_000e6, quote + 1, BPS);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 10e18, "nothing taken");
    }

    function test_minDebtOutTooTight_onLower_refused() public {
        _open(ALICE, 10e18, 2e18);
        uint256 quote = adapter.quoteExactIn(address(weth), address(usdc), 5e18);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.SlippageExceeded.selector, quote, quote + 1));
        router.decrease(address(weth), address(usdc), 5e18, 10_000e6, quote + 1, BPS);
    }

    function test_closeCapTooLow_refused() public {
        _open(ALICE, 10e18, 2e18);
        // Buying back ~30,015 USDC takes ~10 WETH: a cap of 5 cannot.
        vm.prank(ALICE);
        vm.expectRevert();
        router.close(address(weth), address(usdc), 5e18, BPS);
        (uint256 col,) = _pos(ALICE);
        assertGt(col, 19e18, "still open");
        _assertRouterEmpty();
    }

    function test_boundWiderThanTenPercent_refused() public {
        vm.startPrank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.OracleBoundTooWide.selector, 1_001, 1_000));
        router.increase(address(weth), address(usdc), 0, 30_000e6, 0, 1_001);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.OracleBoundTooWide.selector, 1_001, 1_000));
        router.decrease(address(weth), address(usdc), 1e18, 1_000e6, 0, 1_001);
        vm.expectRevert(abi.encodeWithSelector(LeverageRouterBase.OracleBoundTooWide.selector, 1_001, 1_000));
        router.close(address(weth), address(usdc), 1e18, 1_001);
        vm.stopPrank();
    }

    function test_staleOracle_belowThePool_refusesBuying() public {
        // The feed lags at $2,700 while the pool trades at $3,000: buying WETH at the pool loses > 1 % to Aave's oracle.
        ethFeed.setAnswer(2_700e8);
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(router), 10e18);
        vm.expectPartialRevert(LeverageRouterBase.OracleBoundExceeded.selector);
        router.increase(address(weth), address(usdc), 10e18, 30_000e6, 0, BPS);
        vm.stopPrank();
        assertEq(weth.balanceOf(ALICE), 10e18, "nothing taken");
    }

    function test_staleOracle_aboveThePool_refusesSelling() public {
        _open(ALICE, 10e18, 2e18);
        ethFeed.setAnswer(3_300e8); // the pool still trades at ~$3,000
        vm.prank(ALICE);
        vm.expectPartialRevert(LeverageRouterBase.OracleBoundExceeded.selector);
        router.decrease(address(weth), address(usdc), 5e18, 10_000e6, 0, BPS);
        vm.prank(ALICE);
        vm.expectPartialRevert(LeverageRouterBase.OracleBoundExceeded.selector);
        router.close(address(weth), address(usdc), 20e18, BPS);
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
        router.close(address(weth), address(usdc), col, 1_000);
        _assertRouterEmpty();
        (uint256 col2, uint256 debt2) = _pos(ALICE);
        assertEq(col2 + debt2, 0, "nothing left on Aave");
        // Two swaps of (leverage - 1) x deposit: 0.3 % fee each, Aave's premium on both loans, price impact on a
        // 1,000 WETH pool, and rounding (one micro-USDC is ~3.3e8 wei of WETH).
        uint256 traded = deposit * (leverage - 1e18) / 1e18;
        uint256 maxLoss = traded * 6 / 1_000 + traded * 2 * pool.FLASHLOAN_PREMIUM_TOTAL() / 10_000 + traded * traded
            / 1_000e18 * 2 + 1e11;
        assertGe(weth.balanceOf(ALICE) + maxLoss, deposit, "lost no more than fees and impact");
    }
}
