// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {UniswapV2Fixture} from "./UniswapV2Fixture.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {KeelGuard} from "../../src/periphery/KeelGuard.sol";
import {KeelFlashBorrower} from "../../src/periphery/KeelFlashBorrower.sol";

/// @notice KeelGuard against a real KeelMarket and the real Uniswap V2 bytecode: every bound an untrusted executor
/// could push against (trigger, slippage, fee, authorisation) and the target reached within rounding.
contract KeelGuardTest is EngineBase {
    address internal constant EXECUTOR = address(0xE7);
    IUniswapV2Factory internal factory;
    IUniswapV2Pair internal pool;
    UniswapV2Adapter internal adapter;
    KeelGuard internal guard;
    IKeelMarket internal vaults;

    KeelGuard.Kind internal constant DELEVERAGE = KeelGuard.Kind.Deleverage;
    KeelGuard.Kind internal constant STOP_LOSS = KeelGuard.Kind.StopLoss;

    function setUp() public override {
        super.setUp();
        factory = UniswapV2Fixture.deployFactory();
        // A deep pool at the oracle's $3,000: 100,000 WETH against 300,000,000 USDC.
        pool = UniswapV2Fixture.seed(factory, weth, 100_000e18, usdc, 300_000_000e6);
        adapter = new UniswapV2Adapter(factory);
        guard = new KeelGuard(ISwapAdapter(address(adapter)));
        vaults = IKeelMarket(address(market));
        _supply(LENDER, 5_000_000e6);
    }

    /* helpers */

    /// @dev ALICE's vault: `col` WETH, `debt` USDC borrowed; the guard her operator.
    function _vault(uint256 col, uint256 debt) internal returns (uint256 id) {
        id = _openWith(ALICE, weth, col);
        if (debt != 0) _borrow(ALICE, id, debt);
        vm.prank(ALICE);
        market.setOperator(address(guard), true);
    }

    function _deleverageRule(uint256 id, uint256 trigger, uint256 target) internal {
        vm.prank(ALICE);
        guard.setRule(vaults, id, DELEVERAGE, address(weth), trigger, target, 100, 50);
    }

    /// @dev Moves the oracle's ETH price and the pool with it (an arbitrageur trades the pool back to the oracle).
    function _ethPrice(uint256 usd) internal {
        ethFeed.setAnswer(int256(usd * 1e8));
        (uint112 r0, uint112 r1,) = pool.getReserves();
        bool wethIs0 = pool.token0() == address(weth);
        (uint256 rw, uint256 ru) = wethIs0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        // Keep the WETH reserve, set the USDC reserve to the new price: burn-free by minting USDC or skimming via sync.
        uint256 wantU = rw * usd / 1e12;
        if (wantU > ru) {
            usdc.mint(address(pool), wantU - ru);
        } else {
            // Add WETH instead so the price falls to `usd` with the USDC reserve fixed.
            weth.mint(address(pool), ru * 1e12 / usd - rw);
        }
        pool.sync();
    }

    function _assertGuardEmpty() internal view {
        assertEq(weth.balanceOf(address(guard)), 0, "guard holds WETH");
        assertEq(usdc.balanceOf(address(guard)), 0, "guard holds USDC");
        assertEq(wbtc.balanceOf(address(guard)), 0, "guard holds WBTC");
    }

    /* rules: who and what */

    function test_setRule_onlyVaultOwner() public {
        uint256 id = _vault(10e18, 20_000e6);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.NotVaultOwner.selector, id, BOB, ALICE));
        guard.setRule(vaults, id, DELEVERAGE, address(weth), 1.2e18, 1.4e18, 100, 50);
    }

    function test_setRule_bounds() public {
        uint256 id = _vault(10e18, 20_000e6);
        vm.startPrank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.InvalidRule.selector, "fee cap"));
        guard.setRule(vaults, id, DELEVERAGE, address(weth), 1.2e18, 1.4e18, 100, 101);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.InvalidRule.selector, "slippage bound"));
        guard.setRule(vaults, id, DELEVERAGE, address(weth), 1.2e18, 1.4e18, 501, 50);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.InvalidRule.selector, "trigger must be above 1"));
        guard.setRule(vaults, id, DELEVERAGE, address(weth), 1e18, 1.4e18, 100, 50);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.InvalidRule.selector, "target must be above trigger"));
        guard.setRule(vaults, id, DELEVERAGE, address(weth), 1.2e18, 1.2e18, 100, 50);
        // WETH: LT 85% / LTV 80% = 1.0625 — a lower target could not pass the market's LTV check on withdrawal.
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.InvalidRule.selector, "target below LT/LTV + 0.01"));
        guard.setRule(vaults, id, DELEVERAGE, address(weth), 1.01e18, 1.07e18, 100, 50);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.InvalidRule.selector, "collateral not listed"));
        guard.setRule(vaults, id, DELEVERAGE, address(usdc), 1.2e18, 1.4e18, 100, 50);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.InvalidRule.selector, "stop-loss has no target"));
        guard.setRule(vaults, id, STOP_LOSS, address(weth), 2500e18, 1, 100, 50);
        vm.stopPrank();
    }

    function test_pause_resume_remove() public {
        uint256 id = _vault(10e18, 20_000e6);
        _deleverageRule(id, 1.2e18, 1.4e18);
        _ethPrice(2800);
        vm.prank(ALICE);
        guard.setPaused(vaults, id, DELEVERAGE, true);
        vm.prank(EXECUTOR);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.RulePaused.selector, address(market), id, DELEVERAGE));
        guard.execute(vaults, id, DELEVERAGE, 0);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.NotVaultOwner.selector, id, BOB, ALICE));
        guard.setPaused(vaults, id, DELEVERAGE, false);
        vm.startPrank(ALICE);
        guard.setPaused(vaults, id, DELEVERAGE, false);
        guard.removeRule(vaults, id, DELEVERAGE);
        vm.stopPrank();
        assertEq(guard.getRule(address(market), id, DELEVERAGE).owner, address(0), "removed");
        vm.prank(EXECUTOR);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.NoRule.selector, address(market), id, DELEVERAGE));
        guard.execute(vaults, id, DELEVERAGE, 0);
    }

    /* execute: refusals */

    function test_execute_refusesAboveTrigger() public {
        uint256 id = _vault(10e18, 20_000e6); // HF 0.85 × 30,000 / 20,000 = 1.275
        _deleverageRule(id, 1.2e18, 1.4e18);
        vm.prank(EXECUTOR);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.NotTriggered.selector, _hf(id), 1.2e18));
        guard.execute(vaults, id, DELEVERAGE, 0);
    }

    function test_execute_refusesWithoutOperator() public {
        uint256 id = _vault(10e18, 20_000e6);
        _deleverageRule(id, 1.2e18, 1.4e18);
        vm.prank(ALICE);
        market.setOperator(address(guard), false);
        _ethPrice(2800);
        vm.prank(EXECUTOR);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.GuardNotOperator.selector, ALICE));
        guard.execute(vaults, id, DELEVERAGE, 0);
    }

    function test_execute_refusesFeeAboveCap() public {
        uint256 id = _vault(10e18, 20_000e6);
        _deleverageRule(id, 1.2e18, 1.4e18);
        _ethPrice(2800);
        vm.prank(EXECUTOR);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.FeeAboveCap.selector, 51, 50));
        guard.execute(vaults, id, DELEVERAGE, 51);
    }

    function test_execute_refusesBeyondSlippage() public {
        uint256 id = _vault(10e18, 20_000e6);
        _deleverageRule(id, 1.2e18, 1.4e18); // 1% slippage bound
        _ethPrice(2800);
        // Someone dumps WETH into the pool: it now pays ~2% under the oracle price.
        weth.mint(address(pool), 2_000e18);
        pool.sync();
        KeelGuard.Plan memory p = guard.plan(vaults, id, DELEVERAGE, 0);
        uint256 out = adapter.quoteExactIn(address(weth), address(usdc), p.sell);
        vm.prank(EXECUTOR);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.SlippageExceeded.selector, out, p.minOut));
        guard.execute(vaults, id, DELEVERAGE, 0);
    }

    function test_execute_ruleLapsesWhenVaultChangesHands() public {
        uint256 id = _vault(10e18, 20_000e6);
        _deleverageRule(id, 1.2e18, 1.4e18);
        vm.prank(ALICE);
        market.transferVault(id, BOB);
        vm.startPrank(BOB);
        market.acceptVault(id);
        market.setOperator(address(guard), true);
        vm.stopPrank();
        _ethPrice(2800);
        vm.prank(EXECUTOR);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.RuleOwnerChanged.selector, ALICE, BOB));
        guard.execute(vaults, id, DELEVERAGE, 0);
    }

    function test_onFlashLoan_untrusted_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(KeelFlashBorrower.UntrustedLender.selector, address(this), address(this))
        );
        guard.onFlashLoan(address(this), address(usdc), 1, 0, "");
    }

    /* execute: outcomes */

    function test_deleverage_reachesTargetExactly() public {
        uint256 id = _vault(10e18, 20_000e6);
        _deleverageRule(id, 1.2e18, 1.4e18);
        _ethPrice(2800); // HF 0.85 × 28,000 / 20,000 = 1.19
        uint256 debtBefore = market.debtOf(id);
        uint256 aliceUsdc = usdc.balanceOf(ALICE);
        vm.prank(EXECUTOR);
        KeelGuard.Plan memory p = guard.execute(vaults, id, DELEVERAGE, 50);
        assertApproxEqAbs(_hf(id), 1.4e18, 1e12, "health factor at the target within rounding");
        assertGe(_hf(id), 1.4e18 - 1e12, "not under the target");
        assertEq(market.debtOf(id), debtBefore - p.repay, "repaid");
        assertEq(usdc.balanceOf(EXECUTOR), p.repay * 50 / 10_000, "fee = 50 bps of the debt repaid");
        assertEq(market.collateralOf(id, address(weth)), 10e18 - p.sell, "sold exactly the planned amount");
        assertGe(usdc.balanceOf(ALICE), aliceUsdc, "a better price than the bound goes to the owner");
        _assertGuardEmpty();
    }

    function test_deleverage_multiCollateral_reachesTarget() public {
        uint256 id = _vault(10e18, 0);
        wbtc.mint(ALICE, 0.2e8);
        vm.startPrank(ALICE);
        wbtc.approve(address(market), 0.2e8);
        market.depositCollateral(id, address(wbtc), 0.2e8);
        vm.stopPrank();
        _borrow(ALICE, id, 30_000e6);
        _deleverageRule(id, 1.2e18, 1.5e18);
        _ethPrice(2800); // HF (23,800 + 9,600) / 30,000 ≈ 1.113
        vm.prank(EXECUTOR);
        guard.execute(vaults, id, DELEVERAGE, 0);
        assertApproxEqAbs(_hf(id), 1.5e18, 1e12, "target");
        assertEq(market.collateralOf(id, address(wbtc)), 0.2e8, "other collateral untouched");
        _assertGuardEmpty();
    }

    function test_stopLoss_refusesAbovePrice() public {
        uint256 id = _vault(10e18, 20_000e6);
        vm.prank(ALICE);
        guard.setRule(vaults, id, STOP_LOSS, address(weth), 2500e18, 0, 100, 30);
        _ethPrice(2600);
        vm.prank(EXECUTOR);
        vm.expectRevert(abi.encodeWithSelector(KeelGuard.NotTriggered.selector, 2600e18, 2500e18));
        guard.execute(vaults, id, STOP_LOSS, 0);
    }

    function test_stopLoss_closesVault() public {
        uint256 id = _vault(10e18, 20_000e6);
        _deleverageRule(id, 1.2e18, 1.4e18);
        vm.prank(ALICE);
        guard.setRule(vaults, id, STOP_LOSS, address(weth), 2500e18, 0, 100, 30);
        _ethPrice(2450);
        uint256 debt = market.debtOf(id);
        uint256 aliceWeth = weth.balanceOf(ALICE);
        vm.prank(EXECUTOR);
        KeelGuard.Plan memory p = guard.execute(vaults, id, STOP_LOSS, 30);
        assertEq(market.debtOf(id), 0, "debt repaid");
        assertEq(market.collateralOf(id, address(weth)), 0, "vault emptied");
        assertEq(usdc.balanceOf(EXECUTOR), debt * 30 / 10_000, "fee");
        // Sold ≈ (debt + fee + flash fee) / 2,450, never more than the 1% bound allows.
        uint256 maxSold = (debt + debt * 30 / 10_000 + market.flashFee(address(usdc), debt)) * 1e12 * 1e18 / 2450e18
            * 10_000 / 9_900 + 1;
        assertLe(p.sell, maxSold, "sold within the slippage bound");
        assertEq(weth.balanceOf(ALICE), aliceWeth + 10e18 - p.sell, "the rest back to the owner");
        assertEq(guard.getRule(address(market), id, STOP_LOSS).owner, address(0), "rules cleared");
        assertEq(guard.getRule(address(market), id, DELEVERAGE).owner, address(0), "rules cleared");
        _assertGuardEmpty();
    }

    /* fuzz */

    /// @dev Any price drop and any valid rule: execution either refuses (not triggered / unreachable) or lands on the
    /// target within rounding, pays at most the fee cap, sells within the oracle bound and leaves the guard empty.
    function testFuzz_deleverage(uint256 price, uint256 borrow, uint256 trigger, uint256 gap, uint256 feeBps) public {
        borrow = bound(borrow, 5_000e6, 23_000e6); // HF at $3,000 from 5.1 down to 1.11
        trigger = bound(trigger, 1.01e18, 2e18);
        uint256 target = bound(gap, 0.01e18, 1e18) + trigger;
        if (target < 1.0725e18) target = 1.0725e18; // LT / LTV + the guard's margin
        feeBps = bound(feeBps, 0, 100);
        price = bound(price, 2_000, 3_000);
        uint256 id = _vault(10e18, borrow);
        vm.prank(ALICE);
        guard.setRule(vaults, id, DELEVERAGE, address(weth), trigger, target, 100, 100);
        _ethPrice(price);
        uint256 hf = _hf(id);
        vm.assume(hf >= 1e18); // a liquidatable vault is the keeper's
        if (hf >= trigger) {
            vm.prank(EXECUTOR);
            vm.expectRevert(abi.encodeWithSelector(KeelGuard.NotTriggered.selector, hf, trigger));
            guard.execute(vaults, id, DELEVERAGE, feeBps);
            return;
        }
        KeelGuard.Plan memory planned = guard.plan(vaults, id, DELEVERAGE, feeBps);
        vm.prank(EXECUTOR);
        KeelGuard.Plan memory p = guard.execute(vaults, id, DELEVERAGE, feeBps);
        assertEq(p.sell, planned.sell, "plan = execution");
        if (market.debtOf(id) != 0) {
            assertApproxEqAbs(_hf(id), target, 1e12, "target within rounding");
        }
        assertLe(usdc.balanceOf(EXECUTOR), p.repay * 100 / 10_000, "fee within the hard cap");
        // The owner never sold collateral for less than the oracle value less the bound.
        uint256 soldValue = p.sell * price / 1e12; // USDC units
        assertGe(p.minOut, soldValue * 9_900 / 10_000 - 1, "bound at the oracle price");
        _assertGuardEmpty();
    }
}
