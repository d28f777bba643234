// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../../utils/Test.sol";
import {UniswapV2Fixture} from "../UniswapV2Fixture.sol";
import {AaveFixture, AaveReserveSpec} from "../AaveFixture.sol";
import {DevERC20} from "../../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../../src/dev/DevPriceFeed.sol";
import {ISwapAdapter} from "../../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../../src/periphery/guard/KeelAutomation.sol";
import {Snapshot} from "../../../src/periphery/guard/IGuardAdapter.sol";
import {
    AaveV3GuardAdapter,
    IGuardAavePool,
    IGuardAaveOracle,
    IGuardCreditDelegation
} from "../../../src/periphery/guard/AaveV3GuardAdapter.sol";
import {AaveLeverageRouter} from "../../../src/periphery/AaveLeverageRouter.sol";
import {IPool} from "@aave/core-v3/contracts/interfaces/IPool.sol";

interface IAaveUser {
    function supply(address asset, uint256 amount, address onBehalfOf, uint16 referral) external;
    function borrow(address asset, uint256 amount, uint256 rateMode, uint16 referral, address onBehalfOf) external;
    function setUserEMode(uint8 categoryId) external;
    function getUserAccountData(address user)
        external
        view
        returns (uint256, uint256, uint256, uint256, uint256, uint256 healthFactor);
}

/// @notice KeelAutomation's Aave v3 adapter and the Aave leverage router against the real Aave v3.0 bytecode (the npm
/// artifacts the anvil deploy uses, through AaveFixture) and the real Uniswap V2 bytecode: rules fire at their
/// condition on Aave's own oracle and health factor (every kind: stop-loss, deleverage, take-profit, boost, trailing
/// stop), reach their target, refuse without authorisation and below their minimum, and nothing stays in the guard,
/// the adapter or the router. Run `npx tsx scripts/lib/aave-forge.ts` first.
contract AaveV3GuardAdapterTest is Test {
    address internal constant ALICE = address(0xA11CE);
    address internal constant LENDER = address(0x1E4D);
    address internal constant EXECUTOR = address(0xE7);

    DevERC20 internal weth;
    DevERC20 internal usdc;
    DevPriceFeed internal ethFeed;
    DevPriceFeed internal usdFeed;
    IAaveUser internal pool;
    address internal oracle;
    IUniswapV2Pair internal pair;
    UniswapV2Adapter internal swapper;
    KeelAutomation internal guard;
    AaveV3GuardAdapter internal adapter;
    bytes internal pos;

    function setUp() public {
        vm.warp(1_800_000_000);
        weth = new DevERC20("Wrapped Ether", "WETH", 18);
        usdc = new DevERC20("USD Coin", "USDC", 6);
        ethFeed = new DevPriceFeed(address(this), 8, "ETH / USD", 3_000e8);
        usdFeed = new DevPriceFeed(address(this), 8, "USDC / USD", 1e8);
        AaveReserveSpec[] memory r = new AaveReserveSpec[](2);
        r[0] = AaveReserveSpec(address(weth), address(ethFeed), 18, 8050, 8300, 10500, 1);
        r[1] = AaveReserveSpec(address(usdc), address(usdFeed), 6, 7500, 7800, 10450, 0);
        AaveFixture.Deployment memory d = AaveFixture.deploy(r);
        pool = IAaveUser(d.pool);
        oracle = d.oracle;
        usdc.mint(LENDER, 5_000_000e6);
        vm.startPrank(LENDER);
        usdc.approve(address(pool), type(uint256).max);
        pool.supply(address(usdc), 5_000_000e6, LENDER, 0);
        vm.stopPrank();

        IUniswapV2Factory factory = UniswapV2Fixture.deployFactory();
        pair = UniswapV2Fixture.seed(factory, weth, 100_000e18, usdc, 300_000_000e6);
        swapper = new UniswapV2Adapter(factory);
        guard = new KeelAutomation();
        adapter = new AaveV3GuardAdapter(
            address(guard),
            ISwapAdapter(address(swapper)),
            IGuardAavePool(address(pool)),
            IGuardAaveOracle(oracle),
            1 days
        );
        pos = abi.encode(ALICE, address(weth), address(usdc));
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(pool), type(uint256).max);
        pool.supply(address(weth), 10e18, ALICE, 0);
        pool.borrow(address(usdc), 15_000e6, 2, 0, ALICE); // HF 10 × 3,000 × 0.83 / 15,000 = 1.66
        IERC20Like(_aToken(address(weth))).approve(address(adapter), type(uint256).max);
        IGuardCreditDelegation(_vDebt(address(usdc))).approveDelegation(address(adapter), type(uint256).max);
        vm.stopPrank();
    }

    /* helpers */

    function _aToken(address asset) internal view returns (address) {
        return IGuardAavePool(address(pool)).getReserveData(asset).aTokenAddress;
    }

    function _vDebt(address asset) internal view returns (address) {
        return IGuardAavePool(address(pool)).getReserveData(asset).variableDebtTokenAddress;
    }

    function _hf() internal view returns (uint256 hf) {
        (,,,,, hf) = pool.getUserAccountData(ALICE);
    }

    function _set(KeelAutomation.Kind kind, uint256 trigger, uint256 target) internal {
        vm.prank(ALICE);
        guard.setRule(
            adapter, pos, kind, KeelAutomation.Params(trigger, target, 0, 0, 100, 50, block.timestamp + 30 days)
        );
    }

    function _exec(KeelAutomation.Kind kind) internal {
        vm.prank(EXECUTOR);
        guard.execute(adapter, pos, kind, 50);
    }

    /// @dev Moves the oracle's ETH price and the pool with it.
    function _ethPrice(uint256 usd) internal {
        ethFeed.setAnswer(int256(usd * 1e8));
        usdFeed.setAnswer(1e8);
        (uint112 r0, uint112 r1,) = pair.getReserves();
        bool wethIs0 = pair.token0() == address(weth);
        (uint256 rw, uint256 ru) = wethIs0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 wantU = rw * usd / 1e12;
        uint256 wantW = ru * 1e12 / usd;
        if (wantU > ru) usdc.mint(address(pair), wantU - ru);
        else if (wantW > rw) weth.mint(address(pair), wantW - rw);
        pair.sync();
    }

    /// @dev |a − b| ≤ b × rel / 1e18.
    function _assertNear(uint256 a, uint256 b, uint256 rel, string memory message) internal pure {
        uint256 diff = a > b ? a - b : b - a;
        assertLe(diff, b * rel / 1e18, message);
    }

    function _assertEmpty(address who) internal view {
        assertEq(weth.balanceOf(who) + usdc.balanceOf(who), 0, "holds a token");
        assertEq(IERC20Like(_aToken(address(weth))).balanceOf(who), 0, "holds aTokens");
    }

    /* the guard on Aave */

    function test_aave_stopLoss_closesAtItsTrigger_onAavesOracle() public {
        _set(KeelAutomation.Kind.StopLoss, 2_500e18, 0);
        _ethPrice(2_501);
        vm.expectRevert();
        _exec(KeelAutomation.Kind.StopLoss);
        _ethPrice(2_500);
        _exec(KeelAutomation.Kind.StopLoss);
        assertEq(IERC20Like(_vDebt(address(usdc))).balanceOf(ALICE), 0, "no debt");
        assertEq(IERC20Like(_aToken(address(weth))).balanceOf(ALICE), 0, "no collateral");
        assertGt(weth.balanceOf(ALICE), 3e18, "the rest of the collateral returned");
        assertEq(usdc.balanceOf(EXECUTOR), 75e6, "fee: 0.5 % of the 15,000 repaid");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
    }

    function test_aave_deleverage_reachesItsTarget() public {
        _set(KeelAutomation.Kind.Deleverage, 1.5e18, 1.8e18);
        vm.expectRevert();
        _exec(KeelAutomation.Kind.Deleverage);
        _ethPrice(2_700); // HF 1.494
        _exec(KeelAutomation.Kind.Deleverage);
        _assertNear(_hf(), 1.8e18, 1e14, "the pool's own health factor at the target");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
    }

    function test_aave_boost_reachesItsTarget() public {
        _set(KeelAutomation.Kind.Boost, 2e18, 1.6e18);
        _ethPrice(3_700); // HF 2.047
        _exec(KeelAutomation.Kind.Boost);
        // At the target, or above it by what the swap beat its slippage bound (1 %) by: never below.
        assertGe(_hf(), 1.6e18 * (1e18 - 1e14) / 1e18, "the pool's own health factor at the target");
        assertLe(_hf(), 1.6e18 * 101 / 100, "within the slippage bound of it");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
    }

    function test_aave_revokedAuthorisation_isRefused() public {
        _set(KeelAutomation.Kind.StopLoss, 2_500e18, 0);
        IERC20Like aWeth = IERC20Like(_aToken(address(weth)));
        vm.prank(ALICE);
        aWeth.approve(address(adapter), 0);
        _ethPrice(2_400);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotAuthorised.selector, ALICE, address(adapter)));
        _exec(KeelAutomation.Kind.StopLoss);
    }

    function test_aave_takeProfit_reduce_thenClose() public {
        _set(KeelAutomation.Kind.TakeProfit, 3_500e18, 2.5e18);
        _ethPrice(3_499);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, 3_499e18, 3_500e18));
        _exec(KeelAutomation.Kind.TakeProfit);
        _ethPrice(3_500); // HF 1.937
        _exec(KeelAutomation.Kind.TakeProfit);
        _assertNear(_hf(), 2.5e18, 1e14, "the pool's own health factor at the target");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
        _set(KeelAutomation.Kind.TakeProfit, 4_000e18, 0);
        _ethPrice(4_000);
        vm.roll(block.number + 1); // one movement of a position per block
        _exec(KeelAutomation.Kind.TakeProfit);
        assertEq(IERC20Like(_vDebt(address(usdc))).balanceOf(ALICE), 0, "no debt");
        assertEq(IERC20Like(_aToken(address(weth))).balanceOf(ALICE), 0, "no collateral");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
    }

    function test_aave_trailingStop_followsTheOracleHigh_thenFires() public {
        vm.prank(ALICE);
        guard.setRule(
            adapter,
            pos,
            KeelAutomation.Kind.TrailingStop,
            KeelAutomation.Params(0, 0, 1000, 1e18, 100, 50, block.timestamp + 30 days)
        );
        assertEq(guard.getRule(adapter, pos, KeelAutomation.Kind.TrailingStop).high, 3_000e18, "starts at the price");
        _ethPrice(4_000);
        vm.prank(EXECUTOR); // anyone may poke: the high is Aave's oracle's
        guard.poke(adapter, pos);
        assertEq(guard.getRule(adapter, pos, KeelAutomation.Kind.TrailingStop).high, 4_000e18, "follows the oracle");
        _ethPrice(3_601);
        guard.poke(adapter, pos);
        assertEq(guard.getRule(adapter, pos, KeelAutomation.Kind.TrailingStop).high, 4_000e18, "never lowered");
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, 3_601e18, 3_600e18));
        _exec(KeelAutomation.Kind.TrailingStop);
        _ethPrice(3_600);
        _exec(KeelAutomation.Kind.TrailingStop);
        assertEq(IERC20Like(_vDebt(address(usdc))).balanceOf(ALICE), 0, "no debt");
        assertEq(IERC20Like(_aToken(address(weth))).balanceOf(ALICE), 0, "no collateral");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
    }

    function test_aave_boost_withoutCreditDelegation_isRefused() public {
        _set(KeelAutomation.Kind.Boost, 2e18, 1.6e18);
        IGuardCreditDelegation vDebt = IGuardCreditDelegation(_vDebt(address(usdc))); // read before the prank
        vm.prank(ALICE);
        vDebt.approveDelegation(address(adapter), 0);
        _ethPrice(3_700);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotAuthorised.selector, ALICE, address(adapter)));
        _exec(KeelAutomation.Kind.Boost);
    }

    function test_aave_belowMinimum_isRefused() public {
        vm.prank(ALICE);
        guard.setRule(
            adapter,
            pos,
            KeelAutomation.Kind.StopLoss,
            KeelAutomation.Params(2_500e18, 0, 0, 10e18 + 1, 100, 50, block.timestamp + 30 days)
        );
        _ethPrice(2_400);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.BelowMinimum.selector, 10e18, 10e18 + 1));
        _exec(KeelAutomation.Kind.StopLoss);
    }

    /// @dev Any price, stop level and debt: the stop-loss fires if and only if Aave's oracle is at or under its level,
    /// closes the position when it does, pays at most the fee cap, and leaves no token in the guard or the adapter.
    function testFuzz_aave_stopLoss_firesOnlyAtItsCondition(uint256 price, uint256 trigger, uint256 repay) public {
        price = bound(price, 2_000, 4_000);
        trigger = bound(trigger, 2_000, 3_000);
        repay = bound(repay, 0, 13_000e6);
        if (repay > 0) {
            vm.startPrank(ALICE);
            usdc.approve(address(pool), repay);
            IPool(address(pool)).repay(address(usdc), repay, 2, ALICE);
            vm.stopPrank();
        }
        _set(KeelAutomation.Kind.StopLoss, trigger * 1e18, 0);
        _ethPrice(price);
        if (price > trigger) {
            vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, price * 1e18, trigger * 1e18));
            _exec(KeelAutomation.Kind.StopLoss);
            return;
        }
        _exec(KeelAutomation.Kind.StopLoss);
        assertEq(IERC20Like(_vDebt(address(usdc))).balanceOf(ALICE), 0, "no debt");
        assertEq(IERC20Like(_aToken(address(weth))).balanceOf(ALICE), 0, "no collateral");
        assertLe(usdc.balanceOf(EXECUTOR), (15_000e6 - repay) * 50 / 1e4 + 1, "fee within the cap");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
    }

    /// @dev Any price, trigger and target: the deleverage fires if and only if Aave's own health factor is under its
    /// trigger, lands on the target by the pool's own reckoning, and leaves no token in the guard or the adapter.
    function testFuzz_aave_deleverage_firesOnlyUnderItsTrigger_reachesItsTarget(
        uint256 price,
        uint256 trigger,
        uint256 target
    ) public {
        price = bound(price, 2_000, 3_000); // HF 1.107 … 1.66
        trigger = bound(trigger, 1.15e18, 1.6e18);
        target = bound(target, trigger + 0.1e18, 2.5e18);
        _set(KeelAutomation.Kind.Deleverage, trigger, target);
        _ethPrice(price);
        uint256 hf = _hf();
        if (hf >= trigger) {
            // NotTriggered(the guard's health factor: Aave's within a wei of rounding, the trigger)
            vm.expectPartialRevert(KeelAutomation.NotTriggered.selector);
            _exec(KeelAutomation.Kind.Deleverage);
            return;
        }
        _exec(KeelAutomation.Kind.Deleverage);
        _assertNear(_hf(), target, 1e14, "the pool's own health factor at the target");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
    }

    /// @dev Any rise, trail and fall: the boost lands on its target after the rise; the trailing stop's high is the
    /// oracle's, and it closes the position if and only if the fall reaches the trailing level.
    function testFuzz_aave_boost_and_trailingStop(uint256 rise, uint256 trailBps, uint256 fall) public {
        rise = bound(rise, 3_600, 5_000); // HF ≥ 1.99 at the rise
        trailBps = bound(trailBps, 100, 3_000);
        vm.prank(ALICE);
        guard.setRule(
            adapter,
            pos,
            KeelAutomation.Kind.TrailingStop,
            KeelAutomation.Params(0, 0, trailBps, 0, 100, 50, block.timestamp + 30 days)
        );
        _set(KeelAutomation.Kind.Boost, 1.95e18, 1.6e18);
        _ethPrice(rise);
        guard.poke(adapter, pos);
        assertEq(guard.getRule(adapter, pos, KeelAutomation.Kind.TrailingStop).high, rise * 1e18, "the oracle's high");
        _exec(KeelAutomation.Kind.Boost);
        assertGe(_hf(), 1.6e18 * (1e18 - 1e14) / 1e18, "boost: not under the target");
        assertLe(_hf(), 1.6e18 * 101 / 100, "boost: within the slippage bound of it");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
        uint256 level = rise * (10_000 - trailBps) / 10_000;
        fall = bound(fall, level - 50, rise); // HF stays above 1: 1.6 × 0.7 at the widest trail
        vm.roll(block.number + 1); // one movement of a position per block
        _ethPrice(fall);
        if (fall * 10_000 > rise * (10_000 - trailBps)) {
            vm.expectRevert(); // NotTriggered: above the trailing level
            _exec(KeelAutomation.Kind.TrailingStop);
            return;
        }
        _exec(KeelAutomation.Kind.TrailingStop);
        assertEq(IERC20Like(_vDebt(address(usdc))).balanceOf(ALICE), 0, "no debt");
        assertEq(IERC20Like(_aToken(address(weth))).balanceOf(ALICE), 0, "no collateral");
        _assertEmpty(address(guard));
        _assertEmpty(address(adapter));
    }

    /// @notice In e-mode (ETH correlated) the adapter reads the category's LT for WETH, as the pool's health factor.
    function test_aave_eMode_usesTheCategorysLt() public {
        address carol = address(0xCA401);
        weth.mint(carol, 5e18);
        vm.startPrank(carol);
        weth.approve(address(pool), 5e18);
        pool.supply(address(weth), 5e18, carol, 0);
        pool.setUserEMode(1); // Aave v3.0 refuses it with a USDC debt (outside the category): none yet
        vm.stopPrank();
        Snapshot memory s = adapter.snapshot(abi.encode(carol, address(weth), address(usdc)));
        assertEq(s.lt, 0.95e18, "the category's LT");
        assertEq(s.liqValue, s.collateralValue * 9500 / 1e4, "the pool's account LT, the category's");
    }

    /* the leverage router on Aave */

    function test_aaveRouter_open3x_thenClose_holdsNothing() public {
        AaveLeverageRouter router = new AaveLeverageRouter(IPool(address(pool)), ISwapAdapter(address(swapper)));
        address bob = address(0xB0B);
        weth.mint(bob, 10e18);
        vm.startPrank(bob);
        weth.approve(address(router), 10e18);
        IGuardCreditDelegation(_vDebt(address(usdc))).approveDelegation(address(router), type(uint256).max);
        IERC20Like(_aToken(address(weth))).approve(address(router), type(uint256).max);
        uint256 flash = 60_000e6; // 3× on 10 WETH at $3,000
        router.increase(
            address(weth),
            address(usdc),
            10e18,
            flash,
            swapper.quoteExactIn(address(usdc), address(weth), flash) * 99 / 100,
            100
        );
        uint256 col = IERC20Like(_aToken(address(weth))).balanceOf(bob);
        assertGt(col, 29.5e18, "about 30 WETH supplied");
        assertGe(IERC20Like(_vDebt(address(usdc))).balanceOf(bob), flash, "the flash loan and its premium borrowed");
        router.close(address(weth), address(usdc), col, 100);
        vm.stopPrank();
        assertEq(IERC20Like(_vDebt(address(usdc))).balanceOf(bob), 0, "no debt");
        assertEq(IERC20Like(_aToken(address(weth))).balanceOf(bob), 0, "no collateral");
        assertGt(weth.balanceOf(bob), 9.5e18, "the equity back, less pool fees");
        _assertEmpty(address(router));
    }
}

interface IERC20Like {
    function approve(address spender, uint256 amount) external returns (bool);
    function balanceOf(address who) external view returns (uint256);
}
