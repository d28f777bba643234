// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {UniswapV2Fixture} from "../periphery/UniswapV2Fixture.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../src/periphery/guard/KeelAutomation.sol";
import {KeelGuardAdapter, IKeelMarketRegistry} from "../../src/periphery/guard/KeelGuardAdapter.sol";

/// @notice Audit 2026-12-01 proofs of concept on KeelAutomation's rule state (Keel market fixture, the same as
/// test/periphery/guard/KeelAutomation.t.sol). Each test was a proof of concept that passed while its weakness existed; each now expects the safe outcome.
contract GuardRuleStateAudit is EngineBase {
    address internal constant EXECUTOR = address(0xE7);
    IUniswapV2Factory internal factory;
    IUniswapV2Pair internal pool;
    UniswapV2Adapter internal swapper;
    KeelAutomation internal guard;
    KeelGuardAdapter internal keel;

    /// @dev Figures of each proof, in the trace (`forge test -vvvv`).
    event Measured(string what, uint256 value);

    KeelAutomation.Kind internal constant DELEVERAGE = KeelAutomation.Kind.Deleverage;
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

    function _vault(uint256 col, uint256 debt) internal returns (uint256 id, bytes memory pos) {
        id = _openWith(ALICE, weth, col);
        if (debt != 0) _borrow(ALICE, id, debt);
        vm.prank(ALICE);
        market.setOperator(address(keel), true);
        pos = abi.encode(address(market), id, address(weth));
    }

    function _set(bytes memory pos, KeelAutomation.Kind kind, KeelAutomation.Params memory p) internal {
        vm.prank(ALICE);
        guard.setRule(keel, pos, kind, p);
    }

    function _exec(bytes memory pos, KeelAutomation.Kind kind, uint256 feeBps) internal {
        vm.prank(EXECUTOR);
        guard.execute(keel, pos, kind, feeBps);
    }

    /// @dev Moves the oracle's ETH price and the pool with it.
    function _ethPrice(uint256 usd) internal {
        ethFeed.setAnswer(int256(usd * 1e8));
        (uint112 r0, uint112 r1,) = pool.getReserves();
        bool wethIs0 = pool.token0() == address(weth);
        (uint256 rw, uint256 ru) = wethIs0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 wantU = rw * usd / 1e12;
        if (wantU > ru) usdc.mint(address(pool), wantU - ru);
        else weth.mint(address(pool), ru * 1e12 / usd - rw);
        pool.sync();
    }

    /// @dev Owner's value (USD, WAD): the vault's collateral − debt plus her wallet's WETH and USDC at the oracle.
    function _ownerValue(uint256 id, uint256 ethUsd) internal view returns (uint256) {
        (uint256 colValue,,, uint256 debtValue,) = market.vaultHealth(id);
        return colValue + weth.balanceOf(ALICE) * ethUsd + usdc.balanceOf(ALICE) * 1e12 - debtValue;
    }

    /// @notice FINDING 1 (High), fixed: a Boost whose trigger is not 5% above a reducing TakeProfit's target is
    /// refused, whichever of the two is set second (the PoC's pair ping-ponged without end in one block).
    function test_boostAndTakeProfitReduce_overlap_isRefused() public {
        (, bytes memory pos) = _vault(10e18, 12_000e6);
        _set(pos, TAKE_PROFIT, KeelAutomation.Params(3400e18, 2.4e18, 0, 0, 100, 100, block.timestamp + 30 days));
        vm.expectRevert(
            abi.encodeWithSelector(
                KeelAutomation.InvalidRule.selector, "boost trigger must be 5% above the take-profit target"
            )
        );
        _set(pos, BOOST, KeelAutomation.Params(2.3e18, 1.6e18, 0, 0, 100, 100, block.timestamp + 30 days));
        // The other order: the Boost first, then the TakeProfit.
        vm.prank(ALICE);
        guard.removeRule(keel, pos, TAKE_PROFIT);
        _set(pos, BOOST, KeelAutomation.Params(2.3e18, 1.6e18, 0, 0, 100, 100, block.timestamp + 30 days));
        vm.expectRevert(
            abi.encodeWithSelector(
                KeelAutomation.InvalidRule.selector, "boost trigger must be 5% above the take-profit target"
            )
        );
        _set(pos, TAKE_PROFIT, KeelAutomation.Params(3400e18, 2.4e18, 0, 0, 100, 100, block.timestamp + 30 days));
        // A closing TakeProfit (target 0) cannot loop, and a reducing one 5% under the Boost trigger is accepted.
        _set(pos, TAKE_PROFIT, KeelAutomation.Params(3400e18, 0, 0, 0, 100, 100, block.timestamp + 30 days));
        _set(pos, TAKE_PROFIT, KeelAutomation.Params(3400e18, 2.19e18, 0, 0, 100, 100, block.timestamp + 30 days));
    }

    /// @notice FINDING 1b (Medium), fixed: overlapping Deleverage and Boost bands are refused in either order.
    function test_boostAndDeleverage_overlap_isRefused() public {
        (, bytes memory pos) = _vault(10e18, 12_000e6);
        _set(pos, DELEVERAGE, KeelAutomation.Params(1.6e18, 2.0e18, 0, 0, 100, 100, block.timestamp + 30 days));
        vm.expectRevert(
            abi.encodeWithSelector(
                KeelAutomation.InvalidRule.selector, "boost trigger must be 5% above the deleverage target"
            )
        );
        _set(pos, BOOST, KeelAutomation.Params(1.8e18, 1.4e18, 0, 0, 100, 100, block.timestamp + 30 days));
        vm.expectRevert(
            abi.encodeWithSelector(
                KeelAutomation.InvalidRule.selector, "boost target must be 5% above the deleverage trigger"
            )
        );
        _set(pos, BOOST, KeelAutomation.Params(2.3e18, 1.6e18, 0, 0, 100, 100, block.timestamp + 30 days));
        vm.prank(ALICE);
        guard.removeRule(keel, pos, DELEVERAGE);
        _set(pos, BOOST, KeelAutomation.Params(1.8e18, 1.4e18, 0, 0, 100, 100, block.timestamp + 30 days));
        vm.expectRevert(
            abi.encodeWithSelector(
                KeelAutomation.InvalidRule.selector, "boost trigger must be 5% above the deleverage target"
            )
        );
        _set(pos, DELEVERAGE, KeelAutomation.Params(1.6e18, 2.0e18, 0, 0, 100, 100, block.timestamp + 30 days));
        // Separated bands are accepted: Deleverage 1.3 → 1.5, Boost 2.3 → 1.6.
        _set(pos, BOOST, KeelAutomation.Params(2.3e18, 1.6e18, 0, 0, 100, 100, block.timestamp + 30 days));
        _set(pos, DELEVERAGE, KeelAutomation.Params(1.3e18, 1.5e18, 0, 0, 100, 100, block.timestamp + 30 days));
    }

    /// @notice FINDING 1 defence in depth: the guard moves a position at most once per block, so even rules that
    /// could re-arm each other (here a Boost and a reducing TakeProfit that are both due) take one leg per block.
    function test_secondMoveOfAPositionInOneBlock_isRefused() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 12_000e6);
        _set(pos, TAKE_PROFIT, KeelAutomation.Params(3400e18, 2.0e18, 0, 0, 100, 100, block.timestamp + 30 days));
        _set(pos, BOOST, KeelAutomation.Params(2.3e18, 1.6e18, 0, 0, 100, 100, block.timestamp + 30 days));
        _ethPrice(3500); // HF 2.48: the Boost is due
        _exec(pos, BOOST, 100); // HF → 1.6, below the TakeProfit target
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.AlreadyMovedThisBlock.selector, block.number));
        _exec(pos, TAKE_PROFIT, 100);
        vm.roll(block.number + 1);
        _exec(pos, TAKE_PROFIT, 100); // HF → 2.0, still under the Boost trigger: the pair stops there
        assertLt(_hf(id), 2.3e18, "the Boost is not armed again");
        vm.roll(block.number + 1);
        vm.expectRevert();
        _exec(pos, BOOST, 100);
    }

    /// @notice FINDING 2 (Medium), fixed: once the owner unwinds by hand, a poke (the executor pokes every trailing
    /// stop) finds the position empty and removes its rules, so the old high can no longer close the next position.
    function test_manualUnwind_thenPoke_clearsRules_andTheNextPositionIsSafe() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 15_000e6);
        _set(pos, TRAILING, KeelAutomation.Params(0, 0, 1000, 0, 100, 100, block.timestamp + 30 days)); // 10% under the high
        _set(pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.5e18, 0, 0, 100, 100, block.timestamp + 30 days));
        _ethPrice(4000);
        guard.poke(keel, pos); // high $4,000
        _unwind(id);
        assertEq(guard.poke(keel, pos), 0, "empty: no high");
        assertEq(guard.getRule(keel, pos, TRAILING).owner, address(0), "the trailing stop is gone");
        assertEq(guard.getRule(keel, pos, DELEVERAGE).owner, address(0), "and every other rule of the position");
        _reopen(id);
        bytes32 key = guard.ruleKey(keel, pos, TRAILING);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NoRule.selector, key));
        _exec(pos, TRAILING, 100);
        assertEq(market.collateralOf(id, address(weth)), 10e18, "the new position is untouched");
    }

    /// @notice FINDING 2: an execute on an emptied position clears its rules instead of firing (and pays nothing).
    function test_executeOnEmptyPosition_clearsRules() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 15_000e6);
        _set(pos, TRAILING, KeelAutomation.Params(0, 0, 1000, 0, 100, 100, block.timestamp + 30 days));
        _ethPrice(4000);
        guard.poke(keel, pos);
        _unwind(id);
        _exec(pos, TRAILING, 100);
        assertEq(guard.getRule(keel, pos, TRAILING).owner, address(0), "rule removed");
        assertEq(usdc.balanceOf(EXECUTOR), 0, "no fee");
    }

    /// @notice FINDING 2: below the rule's minimum size the high follows the price now (down as well as up), so a
    /// high recorded while the position was (nearly) empty never applies to a position built later.
    function test_belowMinimum_pokeResetsTheHigh() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 15_000e6);
        _set(pos, TRAILING, KeelAutomation.Params(0, 0, 1000, 5e18, 100, 100, block.timestamp + 30 days));
        _ethPrice(4000);
        guard.poke(keel, pos);
        vm.startPrank(ALICE);
        usdc.mint(ALICE, 1_000e6);
        usdc.approve(address(market), type(uint256).max);
        market.repay(id, type(uint256).max);
        market.withdrawCollateral(id, address(weth), 9e18, ALICE);
        vm.stopPrank();
        _ethPrice(3000);
        assertEq(guard.poke(keel, pos), 3000e18, "high reset to the price now");
        assertEq(guard.getRule(keel, pos, TRAILING).high, 3000e18, "stored");
        assertEq(guard.getRule(keel, pos, TRAILING).setAt, block.timestamp, "set date stored");
    }

    /// @notice Found by the chain test's race (CI, 2026-12-01): an owner who repays all her debt, then withdraws in the
    /// next transaction, had a Boost fire in between — an executor front-ran her exit, borrowed against the collateral
    /// she was taking out and took a fee. A position without debt has no leverage to raise back: a Boost never fires on
    /// it, and neither `plan` nor `execute` treats it as triggered.
    function test_boost_neverFiresOnADebtFreePosition() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 10_000e6);
        _set(pos, BOOST, KeelAutomation.Params(2.7e18, 2e18, 0, 1e18, 100, 50, block.timestamp + 30 days));
        usdc.mint(ALICE, 1_000e6);
        vm.startPrank(ALICE);
        usdc.approve(address(market), type(uint256).max);
        market.repay(id, type(uint256).max);
        vm.stopPrank();
        assertEq(market.debtOf(id), 0, "repaid");
        KeelAutomation.Plan memory p = guard.plan(keel, pos, BOOST, 50);
        assertFalse(p.triggered, "not triggered without debt");
        assertEq(p.borrow, 0, "nothing planned");
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.NotTriggered.selector, type(uint256).max, 2.7e18));
        _exec(pos, BOOST, 50);
        // Her exit goes through untouched.
        vm.prank(ALICE);
        market.withdrawCollateral(id, address(weth), 10e18, ALICE);
        assertEq(weth.balanceOf(ALICE) >= 10e18, true, "collateral back");
    }

    /// @notice FINDING 2 residual, fixed by an owner-set expiry: unwound and reopened between two looks (no poke, no
    /// execute while empty), the old TrailingStop keeps its $4,000 high, but once past its `validUntil` it cannot
    /// fire on the new position (and `plan` says why).
    function test_unwoundAndReopenedUnseen_expiredRule_neverFires() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 15_000e6);
        _set(pos, TRAILING, KeelAutomation.Params(0, 0, 1000, 0, 100, 100, block.timestamp + 7 days));
        _ethPrice(4000);
        guard.poke(keel, pos); // high $4,000
        uint256 validUntil = block.timestamp + 7 days;
        _unwind(id);
        vm.warp(validUntil);
        usdcFeed.setAnswer(1e8);
        _reopen(id); // $3,000 ≤ 90% of $4,000, nobody looked while the vault was empty
        assertEq(guard.getRule(keel, pos, TRAILING).high, 4000e18, "the old high is still stored");
        // Until its expiry the old rule would still fire (the window the owner chose).
        KeelAutomation.Plan memory p = guard.plan(keel, pos, TRAILING, 100);
        assertTrue(p.triggered && p.blocker == KeelAutomation.Blocker.None, "valid through validUntil");
        vm.warp(validUntil + 1);
        usdcFeed.setAnswer(1e8);
        ethFeed.setAnswer(3000e8);
        bytes32 key = guard.ruleKey(keel, pos, TRAILING);
        assertEq(uint256(guard.plan(keel, pos, TRAILING, 100).blocker), uint256(KeelAutomation.Blocker.Expired), "why");
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.RuleExpired.selector, key, validUntil));
        _exec(pos, TRAILING, 100);
        assertEq(market.collateralOf(id, address(weth)), 10e18, "the new position is untouched");
    }

    /// @notice Every rule expires: `validUntil` must be in the future and at most MAX_RULE_LIFETIME ahead.
    function test_setRule_refusesAnExpiryNowOrBeyondTheLifetime() public {
        (, bytes memory pos) = _vault(10e18, 15_000e6);
        vm.startPrank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "expiry"));
        guard.setRule(keel, pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.5e18, 0, 0, 100, 100, block.timestamp));
        vm.expectRevert(abi.encodeWithSelector(KeelAutomation.InvalidRule.selector, "expiry"));
        guard.setRule(
            keel, pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.5e18, 0, 0, 100, 100, block.timestamp + 365 days + 1)
        );
        guard.setRule(
            keel, pos, DELEVERAGE, KeelAutomation.Params(1.2e18, 1.5e18, 0, 0, 100, 100, block.timestamp + 365 days)
        );
        vm.stopPrank();
        assertEq(guard.getRule(keel, pos, DELEVERAGE).validUntil, block.timestamp + 365 days, "stored");
    }

    /// @notice FINDING 7, fixed: the adapter accepts only the exact ABI encoding of a position, so the same vault cannot
    /// carry a second rule of one kind under a longer spelling (which `_checkNoLoop` and `_clearRules` would miss).
    function test_nonCanonicalPosition_isRefused() public {
        (, bytes memory pos) = _vault(10e18, 15_000e6);
        _set(pos, BOOST, KeelAutomation.Params(2.2e18, 1.6e18, 0, 0, 100, 100, block.timestamp + 30 days));
        bytes memory longer = abi.encodePacked(pos, bytes32(0));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSignature("NonCanonicalPosition(uint256,uint256)", 128, 96));
        guard.setRule(
            keel, longer, TAKE_PROFIT, KeelAutomation.Params(3400e18, 2.4e18, 0, 0, 100, 100, block.timestamp + 30 days)
        );
        bytes memory shorter = new bytes(64);
        vm.expectRevert(abi.encodeWithSignature("NonCanonicalPosition(uint256,uint256)", 64, 96));
        keel.snapshot(shorter);
    }

    function _unwind(uint256 id) internal {
        usdc.mint(ALICE, 1_000e6);
        vm.startPrank(ALICE);
        usdc.approve(address(market), type(uint256).max);
        market.repay(id, type(uint256).max);
        market.withdrawCollateral(id, address(weth), 10e18, ALICE);
        vm.stopPrank();
    }

    function _reopen(uint256 id) internal {
        _ethPrice(3000);
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(market), 10e18);
        market.depositCollateral(id, address(weth), 10e18);
        market.borrow(id, 15_000e6, ALICE);
        vm.stopPrank();
    }
}
