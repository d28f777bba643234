// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../../engine/EngineBase.sol";
import {UniswapV2Fixture} from "../UniswapV2Fixture.sol";
import {ISwapAdapter} from "../../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../../src/periphery/guard/KeelAutomation.sol";
import {KeelGuardAdapter, IKeelMarketRegistry} from "../../../src/periphery/guard/KeelGuardAdapter.sol";
import {IGuardAdapter, Snapshot} from "../../../src/periphery/guard/IGuardAdapter.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A swap venue that tries to re-enter the guard and the adapter while it swaps, then swaps honestly.
contract ReentrantSwapper is ISwapAdapter {
    ISwapAdapter internal immutable inner;
    KeelAutomation public guard;
    IGuardAdapter public target;
    bytes public position;
    bool public reentered;
    bytes public guardError;
    bytes public adapterError;

    constructor(ISwapAdapter inner_) {
        inner = inner_;
    }

    function arm(KeelAutomation g, IGuardAdapter t, bytes calldata pos) external {
        (guard, target, position) = (g, t, pos);
    }

    function _attack() internal {
        if (address(guard) == address(0)) return;
        reentered = true;
        try guard.execute(target, position, KeelAutomation.Kind.Deleverage, 0) {}
        catch (bytes memory e) {
            guardError = e;
        }
        try target.deleverage(position, 1, 1, 0, 0, address(this)) {}
        catch (bytes memory e) {
            adapterError = e;
        }
    }

    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minOut, address receiver)
        external
        returns (uint256)
    {
        _attack();
        IERC20(tokenIn).transferFrom(msg.sender, address(this), amountIn);
        IERC20(tokenIn).approve(address(inner), amountIn);
        return inner.swapExactIn(tokenIn, tokenOut, amountIn, minOut, receiver);
    }

    function swapExactOut(address tokenIn, address tokenOut, uint256 amountOut, uint256 maxIn, address receiver)
        external
        returns (uint256 used)
    {
        _attack();
        IERC20(tokenIn).transferFrom(msg.sender, address(this), maxIn);
        IERC20(tokenIn).approve(address(inner), maxIn);
        used = inner.swapExactOut(tokenIn, tokenOut, amountOut, maxIn, receiver);
        IERC20(tokenIn).transfer(msg.sender, maxIn - used);
    }

    function quoteExactIn(address a, address b, uint256 x) external view returns (uint256) {
        return inner.quoteExactIn(a, b, x);
    }

    function quoteExactOut(address a, address b, uint256 x) external view returns (uint256) {
        return inner.quoteExactOut(a, b, x);
    }
}

/// @notice KeelAutomation (the guard for every protocol) through its Keel adapter, against a real KeelMarket and the
/// real Uniswap V2 bytecode: every rule kind fires exactly at its condition and reaches its target; every bound an
/// untrusted executor could push against refuses. Aave v3 and Morpho Blue run the same guard against their real
/// bytecode in AaveV3GuardAdapter.t.sol and GuardAdapterReads.t.sol, and on anvil in agents/automation.chain.test.ts.
contract KeelAutomationTest is EngineBase {
    address internal constant EXECUTOR = address(0xE7);
    IUniswapV2Factory internal factory;
    IUniswapV2Pair internal pool;
    UniswapV2Adapter internal swapper;
    KeelAutomation internal guard;
    KeelGuardAdapter internal keel;

    KeelAutomation.Kind internal constant DELEVERAGE = KeelAutomation.Kind.Deleverage;
    KeelAutomation.Kind internal constant STOP_LOSS = KeelAutomation.Kind.StopLoss;
    KeelAutomation.Kind internal constant TAKE_PROFIT = KeelAutomation.Kind.TakeProfit;
    KeelAutomation.Kind internal constant BOOST = KeelAutomation.Kind.Boost;
    KeelAutomation.Kind internal constant TRAILING = KeelAutomation.Kind.TrailingStop;

    function setUp() public override {
        super.setUp();
        factory = UniswapV2Fixture.deployFactory();
        pool = UniswapV2Fixture.seed(factory, weth, 100_000e18, usdc, 300_000_000e6);
        swapper = new UniswapV2Adapter(factory);
        guard = new KeelAutomation();
        keel = new KeelGuardAdapter(
            address(guard), ISwapAdapter(address(swapper)), IKeelMarketRegistry(address(riskAdmin))
        );
        _supply(LENDER, 5_000_000e6);
    }

    /* helpers */

    /// @dev ALICE's vault: `col` WETH, `debt` USDC; the Keel adapter her operator. Returns the adapter's position key.
    function _vault(uint256 col, uint256 debt) internal returns (uint256 id, bytes memory pos) {
        id = _openWith(ALICE, weth, col);
        if (debt != 0) _borrow(ALICE, id, debt);
        vm.prank(ALICE);
        market.setOperator(address(keel), true);
        pos = abi.encode(address(market), id, address(weth));
    }

    function _params(uint256 trigger, uint256 target) internal view returns (KeelAutomation.Params memory) {
        return KeelAutomation.Params(trigger, target, 0, 0, 100, 100, block.timestamp + 30 days);
    }

    function _set(bytes memory pos, KeelAutomation.Kind kind, KeelAutomation.Params memory p) internal {
        vm.prank(ALICE);
        guard.setRule(keel, pos, kind, p);
    }

    function _exec(bytes memory pos, KeelAutomation.Kind kind, uint256 feeBps)
        internal
        returns (KeelAutomation.Plan memory)
    {
        vm.prank(EXECUTOR);
        return guard.execute(keel, pos, kind, feeBps);
    }

    /// @dev Moves the oracle's ETH price and the pool with it.
    function _ethPrice(uint256 usd) internal {
        ethFeed.setAnswer(int256(usd * 1e8));
        (uint112 r0, uint112 r1,) = pool.getReserves();
        bool wethIs0 = pool.token0() == address(weth);
        (uint256 rw, uint256 ru) = wethIs0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 wantU = rw * usd / 1e12;
        // Already at the price (the same price twice): the rounding of ru × 1e12 ÷ usd may fall a wei under rw.
        uint256 wantW = ru * 1e12 / usd;
        if (wantU > ru) usdc.mint(address(pool), wantU - ru);
        else if (wantW > rw) weth.mint(address(pool), wantW - rw);
        pool.sync();
    }

    /// @dev Owner's value: the vault's collateral − debt (USD, WAD) plus her wallet's WETH and USDC at the oracle.
    function _ownerValue(uint256 id, uint256 ethUsd) internal view returns (uint256) {
        (uint256 colValue,,, uint256 debtValue,) = market.vaultHealth(id);
        return colValue + weth.balanceOf(ALICE) * ethUsd + usdc.balanceOf(ALICE) * 1e12 - debtValue;
    }

    function _assertEmpty() internal view {
        address[2] memory holders = [address(guard), address(keel)];
        for (uint256 i; i < 2; ++i) {
            assertEq(weth.balanceOf(holders[i]), 0, "holds WETH");
            assertEq(usdc.balanceOf(holders[i]), 0, "holds USDC");
        }
    }

    /* setting rules */

    function test_setRule_onlyOwner_andBounds() public {
        (, bytes memory pos) = _vault(10e18, 20_000e6);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotPositionOwner.selector, ALICE, BOB));
        guard.setRule(keel, pos, DELEVERAGE, _params(1.2e18, 1.4e18));
        vm.startPrank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "trigger must be above 1"));
        guard.setRule(keel, pos, DELEVERAGE, _params(1e18, 1.4e18));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "target must be above trigger"));
        guard.setRule(keel, pos, DELEVERAGE, _params(1.2e18, 1.2e18));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "trigger must be above target"));
        guard.setRule(keel, pos, BOOST, _params(1.4e18, 1.5e18));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "target below 1.05"));
        guard.setRule(keel, pos, BOOST, _params(1.4e18, 1.04e18));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "trigger price"));
        guard.setRule(keel, pos, STOP_LOSS, _params(0, 0));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "stop-loss has no target"));
        guard.setRule(keel, pos, STOP_LOSS, _params(2500e18, 1.5e18));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "trail"));
        guard.setRule(keel, pos, TRAILING, KeelAutomation.Params(0, 0, 0, 0, 100, 50, block.timestamp + 30 days));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "trail"));
        guard.setRule(keel, pos, TRAILING, KeelAutomation.Params(0, 0, 5001, 0, 100, 50, block.timestamp + 30 days));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "slippage bound"));
        guard.setRule(
            keel, pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.4e18, 0, 0, 0, 50, block.timestamp + 30 days)
        );
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "slippage bound"));
        guard.setRule(
            keel, pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.4e18, 0, 0, 501, 50, block.timestamp + 30 days)
        );
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "fee cap"));
        guard.setRule(
            keel, pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.4e18, 0, 0, 100, 101, block.timestamp + 30 days)
        );
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "minimum size"));
        guard.setRule(
            keel,
            pos,
            DELEVERAGE,
            KeelAutomation.Params(1.2e18, 1.4e18, 0, type(uint256).max, 100, 50, block.timestamp + 30 days)
        );
        vm.stopPrank();
    }

    function test_pause_remove_onlyRuleOwner_evenWhenThePriceIsStale() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 20_000e6);
        _set(pos, DELEVERAGE, _params(1.2e18, 1.4e18));
        bytes32 key = guard.ruleKey(keel, pos, DELEVERAGE);
        vm.warp(block.timestamp + 2 hours); // the ETH feed is stale: the owner can still pause and remove
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotPositionOwner.selector, ALICE, BOB));
        guard.setPaused(keel, pos, DELEVERAGE, true);
        vm.prank(ALICE);
        guard.setPaused(keel, pos, DELEVERAGE, true);
        ethFeed.setAnswer(2800e8);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.RulePaused.selector, key));
        _exec(pos, DELEVERAGE, 0);
        assertEq(uint256(guard.plan(keel, pos, DELEVERAGE, 0).blocker), uint256(KeelAutomation.Blocker.Paused), "why");
        vm.prank(ALICE);
        guard.removeRule(keel, pos, DELEVERAGE);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NoRule.selector, key));
        _exec(pos, DELEVERAGE, 0);
        id;
    }

    /* refusals */

    function test_refuses_notTriggered_feeAboveCap_revoked_belowMinimum_ownerChanged_stale() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 20_000e6); // HF 0.85 × 30,000 / 20,000 = 1.275
        _set(pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.4e18, 0, 5e18, 100, 50, block.timestamp + 30 days));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, _hf(id), 1.2e18));
        _exec(pos, DELEVERAGE, 0);
        _ethPrice(2800);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.FeeAboveCap.selector, 51, 50));
        _exec(pos, DELEVERAGE, 51);
        vm.prank(ALICE);
        market.setOperator(address(keel), false);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotAuthorised.selector, ALICE, address(keel)));
        _exec(pos, DELEVERAGE, 0);
        assertEq(
            uint256(guard.plan(keel, pos, DELEVERAGE, 0).blocker), uint256(KeelAutomation.Blocker.NotAuthorised), "why"
        );
        vm.prank(ALICE);
        market.setOperator(address(keel), true);
        // Minimum size 11 WETH: the vault holds 10.
        _set(pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.4e18, 0, 11e18, 100, 50, block.timestamp + 30 days));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.BelowMinimum.selector, 10e18, 11e18));
        _exec(pos, DELEVERAGE, 0);
        assertEq(
            uint256(guard.plan(keel, pos, DELEVERAGE, 0).blocker), uint256(KeelAutomation.Blocker.BelowMinimum), "why"
        );
        _set(pos, DELEVERAGE, _params(1.2e18, 1.4e18));
        // A stale feed: nothing runs.
        vm.warp(block.timestamp + 2 hours);
        vm.expectRevert();
        _exec(pos, DELEVERAGE, 0);
        ethFeed.setAnswer(2800e8);
        // The vault changes hands: the rule lapses.
        vm.prank(ALICE);
        market.transferVault(id, BOB);
        vm.startPrank(BOB);
        market.acceptVault(id);
        market.setOperator(address(keel), true);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.RuleOwnerChanged.selector, ALICE, BOB));
        _exec(pos, DELEVERAGE, 0);
    }

    function test_refuses_sandwichedPool() public {
        (, bytes memory pos) = _vault(10e18, 20_000e6);
        _set(pos, DELEVERAGE, _params(1.2e18, 1.4e18)); // 1% slippage bound
        _ethPrice(2800);
        // Someone dumps WETH into the pool just before: it pays ~2% under the oracle.
        weth.mint(address(pool), 2_000e18);
        pool.sync();
        KeelAutomation.Plan memory p = guard.plan(keel, pos, DELEVERAGE, 0);
        uint256 out = swapper.quoteExactIn(address(weth), address(usdc), p.sell);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.SlippageExceeded.selector, out, p.minOut));
        _exec(pos, DELEVERAGE, 0);
    }

    function test_callbacksAndMovements_refuseThirdParties() public {
        (, bytes memory pos) = _vault(10e18, 20_000e6);
        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.UntrustedCallback.selector, address(this), address(keel)));
        keel.onFlashLoan(address(keel), address(usdc), 1, 0, "");
        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.NotGuard.selector, address(this)));
        keel.deleverage(pos, 1, 1, 0, 0, address(this));
        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.NotGuard.selector, address(this)));
        keel.close(pos, 1, 0, address(this));
        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.NotGuard.selector, address(this)));
        keel.boost(pos, 1, 0, 0, address(this));
        // The market itself calling back for a loan the adapter did not ask for.
        vm.prank(address(market));
        vm.expectRevert(
            abi.encodeWithSelector(IGuardAdapter.UntrustedCallback.selector, address(market), address(this))
        );
        keel.onFlashLoan(address(this), address(usdc), 1, 0, "");
    }

    function test_reentrancyThroughTheSwapAdapter_isRefused() public {
        ReentrantSwapper evil = new ReentrantSwapper(ISwapAdapter(address(swapper)));
        KeelGuardAdapter k2 =
            new KeelGuardAdapter(address(guard), ISwapAdapter(address(evil)), IKeelMarketRegistry(address(riskAdmin)));
        uint256 id = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, id, 20_000e6);
        vm.prank(ALICE);
        market.setOperator(address(k2), true);
        bytes memory pos = abi.encode(address(market), id, address(weth));
        vm.prank(ALICE);
        guard.setRule(k2, pos, DELEVERAGE, _params(1.2e18, 1.4e18));
        evil.arm(guard, k2, pos);
        _ethPrice(2800);
        vm.prank(EXECUTOR);
        guard.execute(k2, pos, DELEVERAGE, 0);
        assertTrue(evil.reentered(), "the swap tried");
        assertTrue(bytes4(evil.guardError()) == bytes4(keccak256("ReentrancyGuardReentrantCall()")), "guard locked");
        assertTrue(bytes4(evil.adapterError()) == IGuardAdapter.NotGuard.selector, "adapter refuses the swapper");
        assertApproxEqAbs(_hf(id), 1.4e18, 1e12, "executed once, at the target");
    }

    /* outcomes */

    function test_deleverage_reachesTarget_once() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 20_000e6);
        _set(pos, DELEVERAGE, _params(1.2e18, 1.4e18));
        _ethPrice(2800); // HF 1.19
        uint256 before = _ownerValue(id, 2800);
        KeelAutomation.Plan memory p = _exec(pos, DELEVERAGE, 50);
        assertApproxEqAbs(_hf(id), 1.4e18, 1e12, "target within rounding");
        assertEq(usdc.balanceOf(EXECUTOR), p.repay * 50 / 10_000, "fee = 50 bps of the debt repaid");
        assertLe(before - _ownerValue(id, 2800), (p.fee + p.flashFee) * 1e12 + p.sell * 2800 / 100 + 1e12, "loss bound");
        _assertEmpty();
        // Firing twice: the health factor is at the target now.
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, _hf(id), 1.2e18));
        _exec(pos, DELEVERAGE, 50);
    }

    function test_stopLoss_closes_andClearsEveryRule() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 20_000e6);
        _set(pos, DELEVERAGE, _params(1.2e18, 1.4e18));
        _set(pos, STOP_LOSS, _params(2500e18, 0));
        _ethPrice(2501);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, 2501e18, 2500e18));
        _exec(pos, STOP_LOSS, 0);
        _ethPrice(2500); // exactly at the level
        uint256 debt = market.debtOf(id);
        uint256 aliceWeth = weth.balanceOf(ALICE);
        KeelAutomation.Plan memory p = _exec(pos, STOP_LOSS, 30);
        assertEq(market.debtOf(id), 0, "debt repaid");
        assertEq(market.collateralOf(id, address(weth)), 0, "collateral out");
        assertEq(usdc.balanceOf(EXECUTOR), debt * 30 / 10_000, "fee");
        assertEq(weth.balanceOf(ALICE), aliceWeth + 10e18 - p.sell, "the rest back to the owner");
        assertEq(guard.getRule(keel, pos, DELEVERAGE).owner, address(0), "rules cleared");
        _assertEmpty();
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NoRule.selector, guard.ruleKey(keel, pos, STOP_LOSS)));
        _exec(pos, STOP_LOSS, 0);
    }

    function test_takeProfit_close_and_reduce() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 20_000e6);
        // Reduce to HF 2 when ETH reaches $3,500.
        _set(pos, TAKE_PROFIT, _params(3500e18, 2e18));
        _ethPrice(3499);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, 3499e18, 3500e18));
        _exec(pos, TAKE_PROFIT, 0);
        _ethPrice(3500);
        _exec(pos, TAKE_PROFIT, 0);
        assertApproxEqAbs(_hf(id), 2e18, 1e12, "reduced to the target");
        vm.expectRevert(); // at the target: nothing left to take
        _exec(pos, TAKE_PROFIT, 0);
        // Close when ETH reaches $4,000.
        _set(pos, TAKE_PROFIT, _params(4000e18, 0));
        _ethPrice(4000);
        vm.roll(block.number + 1); // one movement of a position per block
        _exec(pos, TAKE_PROFIT, 100);
        assertEq(market.debtOf(id), 0, "closed");
        assertEq(market.collateralOf(id, address(weth)), 0, "closed");
        _assertEmpty();
    }

    function test_boost_reachesTarget_once() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 12_000e6); // HF 2.125
        _set(pos, BOOST, _params(2.2e18, 1.6e18));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, _hf(id), 2.2e18));
        _exec(pos, BOOST, 0);
        _ethPrice(3300); // HF 2.34
        uint256 before = _ownerValue(id, 3300);
        KeelAutomation.Plan memory p = _exec(pos, BOOST, 100);
        assertGe(_hf(id), 1.6e18 - 1.6e14, "not under the target");
        assertApproxEqAbs(_hf(id), 1.6e18, 0.01e18, "at the target (a better swap than the bound lands a bit above)");
        assertEq(usdc.balanceOf(EXECUTOR), p.borrow / 100, "fee = 1% of the amount borrowed");
        assertGt(market.collateralOf(id, address(weth)), 10e18, "more collateral");
        assertLe(
            before - _ownerValue(id, 3300), (p.fee + p.flashFee) * 1e12 + p.borrow * 1e12 / 100 + 1e12, "loss bound"
        );
        _assertEmpty();
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, _hf(id), 2.2e18));
        _exec(pos, BOOST, 0);
    }

    function test_trailingStop_followsTheOracleHigh_thenFires() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 15_000e6);
        _set(pos, TRAILING, KeelAutomation.Params(0, 0, 1000, 1e18, 100, 50, block.timestamp + 30 days)); // 10% under the high
        assertEq(guard.getRule(keel, pos, TRAILING).high, 3000e18, "starts at the oracle price");
        _ethPrice(4000);
        vm.prank(BOB); // anyone may poke; the price is the oracle's
        guard.poke(keel, pos);
        assertEq(guard.getRule(keel, pos, TRAILING).high, 4000e18, "high follows the oracle");
        _ethPrice(3601);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, 3601e18, 3600e18));
        _exec(pos, TRAILING, 0);
        guard.poke(keel, pos);
        assertEq(guard.getRule(keel, pos, TRAILING).high, 4000e18, "a lower price never lowers the high");
        _ethPrice(3600);
        _exec(pos, TRAILING, 50);
        assertEq(market.debtOf(id), 0, "closed at the trailing level");
        _assertEmpty();
    }

    function test_trailingStop_highOnlyFromOracleReads() public {
        (, bytes memory pos) = _vault(10e18, 15_000e6);
        _set(pos, TRAILING, KeelAutomation.Params(0, 0, 1000, 0, 100, 50, block.timestamp + 30 days));
        // A spike nobody recorded is not a high: the executor cannot claim one.
        _ethPrice(5000);
        _ethPrice(3000);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, 3000e18, 2700e18));
        _exec(pos, TRAILING, 0);
    }

    /* fuzz */

    /// @dev Any price, size and rule: a deleverage either refuses (not triggered) or lands on the target, pays at most
    /// the fee cap and costs the owner at most fee + flash fee + the slippage bound on what was sold.
    function testFuzz_deleverage(uint256 price, uint256 borrow, uint256 trigger, uint256 gap, uint256 feeBps) public {
        borrow = bound(borrow, 5_000e6, 23_000e6);
        trigger = bound(trigger, 1.01e18, 2e18);
        uint256 target = bound(gap, 0.01e18, 1e18) + trigger;
        if (target < 1.0725e18) target = 1.0725e18; // within the market's LTV after withdrawal
        feeBps = bound(feeBps, 0, 100);
        price = bound(price, 2_000, 3_000);
        (uint256 id, bytes memory pos) = _vault(10e18, borrow);
        _set(pos, DELEVERAGE, KeelAutomation.Params(trigger, target, 0, 0, 100, 100, block.timestamp + 30 days));
        _ethPrice(price);
        uint256 hf = _hf(id);
        vm.assume(hf >= 1e18);
        if (hf >= trigger) {
            vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, hf, trigger));
            _exec(pos, DELEVERAGE, feeBps);
            return;
        }
        uint256 before = _ownerValue(id, price);
        KeelAutomation.Plan memory p = _exec(pos, DELEVERAGE, feeBps);
        if (market.debtOf(id) != 0) assertApproxEqAbs(_hf(id), target, 1e12, "target within rounding");
        assertLe(usdc.balanceOf(EXECUTOR), p.repay * feeBps / 10_000, "fee within the cap");
        assertLe(
            before - _ownerValue(id, price), (p.fee + p.flashFee) * 1e12 + p.sell * price / 100 + 1e12, "loss bound"
        );
        _assertEmpty();
    }

    /// @dev Any price path: a stop-loss or take-profit fires exactly when its condition holds at the oracle price.
    function testFuzz_priceRules_fireOnlyAtTheirCondition(uint256 level, uint256 price, bool stop) public {
        level = bound(level, 2_000, 4_000);
        price = bound(price, 2_000, 4_000);
        (uint256 id, bytes memory pos) = _vault(10e18, 10_000e6);
        KeelAutomation.Kind kind = stop ? STOP_LOSS : TAKE_PROFIT;
        _set(pos, kind, _params(level * 1e18, 0));
        _ethPrice(price);
        bool holds = stop ? price <= level : price >= level;
        if (!holds) {
            vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, price * 1e18, level * 1e18));
            _exec(pos, kind, 0);
            return;
        }
        uint256 before = _ownerValue(id, price);
        KeelAutomation.Plan memory p = _exec(pos, kind, 100);
        assertEq(market.debtOf(id), 0, "closed");
        assertLe(
            before - _ownerValue(id, price), (p.fee + p.flashFee) * 1e12 + p.sell * price / 100 + 1e12, "loss bound"
        );
        _assertEmpty();
    }

    /// @dev Any rally and boost rule: a boost either refuses (not triggered) or lands at or above its target (never
    /// under it beyond rounding), lowers the health factor, and costs the owner at most fee + flash fee + the slippage
    /// bound on what was bought.
    function testFuzz_boost(uint256 price, uint256 borrow, uint256 target, uint256 gap, uint256 feeBps) public {
        borrow = bound(borrow, 1_000e6, 15_000e6);
        target = bound(target, 1.1e18, 2.5e18);
        uint256 trigger = target + bound(gap, 0.05e18, 1e18);
        feeBps = bound(feeBps, 0, 100);
        price = bound(price, 3_000, 4_500);
        (uint256 id, bytes memory pos) = _vault(10e18, borrow);
        _set(pos, BOOST, KeelAutomation.Params(trigger, target, 0, 0, 100, 100, block.timestamp + 30 days));
        _ethPrice(price);
        uint256 hf = _hf(id);
        if (hf <= trigger) {
            vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, hf, trigger));
            _exec(pos, BOOST, feeBps);
            return;
        }
        uint256 before = _ownerValue(id, price);
        KeelAutomation.Plan memory p = _exec(pos, BOOST, feeBps);
        assertGe(_hf(id), target * (1e18 - 1e14) / 1e18, "not under the target");
        assertLt(_hf(id), hf, "leverage went up");
        assertLe(
            before - _ownerValue(id, price), (p.fee + p.flashFee) * 1e12 + p.borrow * 1e12 / 100 + 1e12, "loss bound"
        );
        _assertEmpty();
    }

    /// @dev Any path of three oracle prices, each poked: the trailing stop fires exactly when the last price is at or
    /// under the highest recorded price less the trail, and never otherwise.
    function testFuzz_trailingStop_firesOnlyUnderTheRecordedHigh(uint256 a, uint256 b, uint256 c, uint256 trail)
        public
    {
        uint256[3] memory path = [bound(a, 2_500, 4_500), bound(b, 2_500, 4_500), bound(c, 2_500, 4_500)];
        trail = bound(trail, 100, 2_000);
        (uint256 id, bytes memory pos) = _vault(10e18, 8_000e6);
        _set(pos, TRAILING, KeelAutomation.Params(0, 0, trail, 0, 100, 100, block.timestamp + 30 days));
        uint256 high = 3_000e18;
        for (uint256 i; i < 2; ++i) {
            _ethPrice(path[i]);
            guard.poke(keel, pos);
            if (path[i] * 1e18 > high) high = path[i] * 1e18;
        }
        _ethPrice(path[2]);
        if (path[2] * 1e18 > high) high = path[2] * 1e18;
        assertEq(
            guard.plan(keel, pos, TRAILING, 0).level,
            high * (10_000 - trail) / 10_000,
            "stop level from the recorded high"
        );
        if (path[2] * 1e18 > high * (10_000 - trail) / 10_000) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    KeelAutomation.NotTriggered.selector, path[2] * 1e18, high * (10_000 - trail) / 10_000
                )
            );
            _exec(pos, TRAILING, 0);
            return;
        }
        _exec(pos, TRAILING, 100);
        assertEq(market.debtOf(id), 0, "closed");
        _assertEmpty();
    }
}
