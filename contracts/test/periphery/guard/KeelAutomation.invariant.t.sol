// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../../engine/EngineBase.sol";
import {Test} from "../../utils/Test.sol";
import {UniswapV2Fixture} from "../UniswapV2Fixture.sol";
import {DevERC20} from "../../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../../src/dev/DevPriceFeed.sol";
import {IKeelMarket} from "../../../src/interfaces/IKeelMarket.sol";
import {ISwapAdapter} from "../../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Pair} from "../../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {IUniswapV2Factory} from "../../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {UniswapV2Adapter} from "../../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../../src/periphery/guard/KeelAutomation.sol";
import {KeelGuardAdapter, IKeelMarketRegistry} from "../../../src/periphery/guard/KeelGuardAdapter.sol";
import {Snapshot} from "../../../src/periphery/guard/IGuardAdapter.sol";

/// @dev Drives KeelAutomation on two Keel vaults (ALICE's and BOB's, the adapter authorised on both) with everything
/// that may happen around a rule: the ETH price up, down or left to go stale, time passing; rules set, paused, resumed
/// and removed by their owner (every kind, several on one vault); `execute` and `poke` by anyone with any fee; the
/// owner repaying, withdrawing, closing by hand and reopening. Each execution that moved a position is checked against
/// what the guard promises, each breach counted in a ghost the invariants read.
contract GuardHandler is Test {
    KeelAutomation internal guard;
    KeelGuardAdapter internal keel;
    IKeelMarket internal market;
    DevERC20 internal weth;
    DevERC20 internal usdc;
    DevPriceFeed internal ethFeed;
    DevPriceFeed internal usdcFeed;
    IUniswapV2Pair internal pool;

    address[2] internal owners = [address(0xA11CE), address(0xB0B)];
    address[3] internal executors = [address(0xE1), address(0xE2), address(0xE3)];
    uint256[2] internal ids;
    bytes[2] internal positions;
    uint256 public ethUsd = 3_000;

    /// @dev Ghosts: a movement whose rule's condition did not hold at the oracle before it; a fee above the rule's cap
    /// (or 1 %); an owner's loss beyond fee + flash fee + slippage bound on what was swapped; a token left in the guard
    /// or the adapter; a movement of the other vault, or by a rule missing, paused, expired or of another owner.
    uint256 public conditionBreaches;
    uint256 public feeBreaches;
    uint256 public lossBreaches;
    uint256 public leftovers;
    uint256 public wrongPositionMoves;
    /// @dev An owner who repaid everything found debt on her position before her withdrawal, could not withdraw, or
    /// got back less than she held (exitInTwoCalls).
    uint256 public exitBreaches;
    uint256 public moves;
    mapping(bytes32 => uint256) public calls;

    constructor(
        KeelAutomation g,
        KeelGuardAdapter k,
        IKeelMarket m,
        DevERC20 w,
        DevERC20 u,
        DevPriceFeed fe,
        DevPriceFeed fu,
        IUniswapV2Pair p
    ) {
        guard = g;
        keel = k;
        market = m;
        weth = w;
        usdc = u;
        ethFeed = fe;
        usdcFeed = fu;
        pool = p;
        for (uint256 i; i < 2; ++i) {
            address o = owners[i];
            vm.startPrank(o);
            weth.approve(address(market), type(uint256).max);
            usdc.approve(address(market), type(uint256).max);
            ids[i] = market.openVault();
            market.setOperator(address(keel), true);
            vm.stopPrank();
            positions[i] = abi.encode(address(market), ids[i], address(weth));
            _reopen(i, 10e18 + i * 5e18, 40 + i * 10);
        }
    }

    /* the world */

    /// @dev The oracle and the pool move together by up to ±15 %, within $500..$20,000.
    function movePrice(uint256 pct, bool up) external {
        pct = bound(pct, 0, 15);
        uint256 next = up ? ethUsd * (100 + pct) / 100 : ethUsd * (100 - pct) / 100;
        _setPrice(bound(next, 500, 20_000));
        vm.roll(block.number + 1);
        calls["movePrice"]++;
    }

    /// @dev Time passes (up to 3 days); the USD feed is kept fresh, the ETH feed only if `refresh` (else stale).
    function warp(uint256 secs, bool refresh) external {
        vm.warp(block.timestamp + bound(secs, 1, 3 days));
        vm.roll(block.number + 1);
        usdcFeed.setAnswer(1e8);
        if (refresh) ethFeed.setAnswer(int256(ethUsd * 1e8));
        calls["warp"]++;
    }

    /* the owner */

    function setRule(uint256 who, uint256 kindSeed, uint256 a, uint256 b, uint256 c, uint256 d) external {
        uint256 i = who % 2;
        KeelAutomation.Kind kind = KeelAutomation.Kind(kindSeed % 5);
        KeelAutomation.Params memory p;
        p.maxSlippageBps = bound(c, 50, 500);
        p.maxFeeBps = bound(d, 0, 100);
        p.minCollateral = bound(d >> 8, 0, 20e18) < 15e18 ? 0 : bound(d >> 8, 0, 20e18);
        p.validUntil = block.timestamp + bound(c >> 16, 1 hours, 30 days);
        uint256 price = ethUsd * 1e18;
        if (kind == KeelAutomation.Kind.Deleverage) {
            p.trigger = bound(a, 1.05e18, 2e18);
            p.target = p.trigger + bound(b, 0.05e18, 1e18);
        } else if (kind == KeelAutomation.Kind.Boost) {
            p.target = bound(a, 1.1e18, 2e18);
            p.trigger = p.target + bound(b, 0.1e18, 1.5e18);
        } else if (kind == KeelAutomation.Kind.StopLoss) {
            p.trigger = price * bound(a, 50, 99) / 100;
        } else if (kind == KeelAutomation.Kind.TakeProfit) {
            p.trigger = price * bound(a, 101, 150) / 100;
            p.target = b % 2 == 0 ? 0 : bound(b, 1.3e18, 3e18);
        } else {
            p.trailBps = bound(a, 100, 3000);
        }
        vm.prank(owners[i]);
        try guard.setRule(keel, positions[i], kind, p) {
            calls["setRule"]++;
        } catch {
            calls["setRuleRefused"]++;
        }
    }

    function pauseOrRemove(uint256 who, uint256 kindSeed, uint256 what) external {
        uint256 i = who % 2;
        KeelAutomation.Kind kind = KeelAutomation.Kind(kindSeed % 5);
        if (guard.getRule(keel, positions[i], kind).owner == address(0)) return;
        vm.startPrank(owners[i]);
        if (what % 3 == 0) guard.removeRule(keel, positions[i], kind);
        else guard.setPaused(keel, positions[i], kind, what % 3 == 1);
        vm.stopPrank();
        calls["pauseOrRemove"]++;
    }

    function repay(uint256 who, uint256 amount) external {
        uint256 i = who % 2;
        uint256 debt = market.debtOf(ids[i]);
        if (debt == 0) return;
        amount = bound(amount, 1, debt);
        usdc.mint(owners[i], amount);
        vm.prank(owners[i]);
        market.repay(ids[i], amount);
        calls["repay"]++;
    }

    function withdraw(uint256 who, uint256 amount) external {
        uint256 i = who % 2;
        uint256 have = market.collateralOf(ids[i], address(weth));
        if (have == 0) return;
        vm.prank(owners[i]);
        try market.withdrawCollateral(ids[i], address(weth), bound(amount, 1, have), owners[i]) {
            calls["withdraw"]++;
        } catch {}
    }

    /// @dev The owner unwinds by hand (the guard is not told) ...
    function closeByHand(uint256 who) external {
        uint256 i = who % 2;
        uint256 debt = market.debtOf(ids[i]);
        usdc.mint(owners[i], debt + 1e6);
        vm.startPrank(owners[i]);
        if (debt != 0) market.repay(ids[i], type(uint256).max);
        uint256 have = market.collateralOf(ids[i], address(weth));
        if (have != 0) market.withdrawCollateral(ids[i], address(weth), have, owners[i]);
        vm.stopPrank();
        calls["closeByHand"]++;
    }

    /// @dev ... and opens again at the same key: `col` WETH, borrowing `ltvPct` % of its value.
    function reopen(uint256 who, uint256 col, uint256 ltvPct) external {
        _reopen(who % 2, bound(col, 0.1e18, 30e18), bound(ltvPct, 0, 75));
        calls["reopen"]++;
    }

    /* anyone */

    function poke(uint256 who, uint256 execSeed) external {
        uint256 i = who % 2;
        vm.prank(executors[execSeed % 3]);
        try guard.poke(keel, positions[i]) {
            calls["poke"]++;
        } catch {}
    }

    /// @dev The state before an execution (storage: the checks need more of it than the stack holds).
    KeelAutomation.Rule internal _r;
    Snapshot internal _s;
    uint256 internal _walletBefore;
    uint256 internal _feeBefore;
    uint256 internal _otherCol;
    uint256 internal _otherDebt;

    function execute(uint256 who, uint256 kindSeed, uint256 feeBps, uint256 execSeed) external {
        uint256 i = who % 2;
        KeelAutomation.Kind kind = KeelAutomation.Kind(kindSeed % 5);
        // Mostly a kind that has a rule on this vault (else NoRule), and half the time a fee within its cap.
        for (uint256 k; k < 5 && kindSeed % 8 != 0; ++k) {
            KeelAutomation.Kind next = KeelAutomation.Kind((kindSeed % 5 + k) % 5);
            if (guard.getRule(keel, positions[i], next).owner != address(0)) {
                kind = next;
                break;
            }
        }
        _r = guard.getRule(keel, positions[i], kind);
        feeBps = feeBps % 2 == 0 ? bound(feeBps, 0, _r.maxFeeBps) : bound(feeBps, 0, 150);
        _execute(i, kind, feeBps, executors[execSeed % 3]);
    }

    /// @dev One `execute` by `executor`, checked against what the guard promises (`_r` already holds the rule).
    function _execute(uint256 i, KeelAutomation.Kind kind, uint256 feeBps, address executor) internal {
        delete _s;
        try keel.snapshot(positions[i]) returns (Snapshot memory x) {
            _s = x;
        } catch {
            // A stale price: nothing can run (execute reads the same oracle).
        }
        _otherCol = market.collateralOf(ids[1 - i], address(weth));
        _otherDebt = market.debtOf(ids[1 - i]);
        _walletBefore = _wallet(owners[i], _s);
        _feeBefore = usdc.balanceOf(executor);

        vm.prank(executor);
        try guard.execute(keel, positions[i], kind, feeBps) returns (KeelAutomation.Plan memory p) {
            calls["execute"]++;
            _checkMove(i, kind, feeBps, executor, p);
        } catch {}
        _checkEmpty();
    }

    /// @dev The owner exits in two calls — she repays all the debt, and withdraws her collateral in a later block —
    /// while an executor acts in between: every kind of rule with a fee within its cap, and a poke. Half the time she
    /// had armed a Boost first (the rule that once fired here: a debt-free health factor is infinite). Stated without
    /// the guard's conditions: once the owner has repaid everything, nobody but she may put debt on her position, and
    /// she gets back every unit of collateral she held at the repay, less nothing (a close of a debt-free position
    /// repays nothing, sells nothing and charges no fee, since a fee is a share of the debt).
    function exitInTwoCalls(uint256 who, uint256 feeSeed, uint256 execSeed, bool armBoost) external {
        uint256 i = who % 2;
        address o = owners[i];
        if (market.collateralOf(ids[i], address(weth)) == 0) return;
        if (armBoost && guard.getRule(keel, positions[i], KeelAutomation.Kind.Boost).owner == address(0)) {
            KeelAutomation.Params memory p;
            p.trigger = 2.5e18;
            p.target = 1.5e18;
            p.maxSlippageBps = 100;
            p.maxFeeBps = 100;
            p.validUntil = block.timestamp + 30 days;
            vm.prank(o);
            try guard.setRule(keel, positions[i], KeelAutomation.Kind.Boost, p) {} catch {}
        }

        // The first call: everything repaid.
        uint256 debt = market.debtOf(ids[i]);
        usdc.mint(o, debt + 1e6);
        vm.startPrank(o);
        if (debt != 0) market.repay(ids[i], type(uint256).max);
        vm.stopPrank();
        uint256 held = market.collateralOf(ids[i], address(weth));
        uint256 wethBefore = weth.balanceOf(o);
        uint256 usdcBefore = usdc.balanceOf(o);
        vm.roll(block.number + 1);

        _executeEveryKind(i, feeSeed, execSeed);
        if (market.debtOf(ids[i]) != 0) exitBreaches++;

        // The later call: she takes out whatever the vault still holds.
        uint256 left = market.collateralOf(ids[i], address(weth));
        if (left != 0) {
            vm.prank(o);
            try market.withdrawCollateral(ids[i], address(weth), left, o) {}
            catch {
                exitBreaches++;
            }
        }
        if (weth.balanceOf(o) < wethBefore + held || usdc.balanceOf(o) < usdcBefore) exitBreaches++;
        calls["exitInTwoCalls"]++;
    }

    /// @dev In between: an executor tries every kind, each in its own block, then pokes.
    function _executeEveryKind(uint256 i, uint256 feeSeed, uint256 execSeed) internal {
        for (uint256 k; k < 5; ++k) {
            KeelAutomation.Kind kind = KeelAutomation.Kind(k);
            _r = guard.getRule(keel, positions[i], kind);
            _execute(i, kind, bound(feeSeed >> (k * 8), 0, _r.maxFeeBps), executors[(execSeed % 3 + k) % 3]);
            vm.roll(block.number + 1);
        }
        vm.prank(executors[execSeed % 3]);
        try guard.poke(keel, positions[i]) {} catch {}
    }

    function _checkMove(
        uint256 i,
        KeelAutomation.Kind kind,
        uint256 feeBps,
        address executor,
        KeelAutomation.Plan memory p
    ) internal {
        // The other vault: its collateral untouched, its debt within the market's share rounding (a full repay of
        // this vault moves the others' rounded-up debt by a wei: seed of 2026-12-01, 12,000.001050 → 12,000.001049).
        uint256 otherDebt = market.debtOf(ids[1 - i]);
        uint256 drift = otherDebt > _otherDebt ? otherDebt - _otherDebt : _otherDebt - otherDebt;
        if (market.collateralOf(ids[1 - i], address(weth)) != _otherCol || drift > 2) wrongPositionMoves++;
        if (!p.close && p.repay == 0 && p.borrow == 0) return; // cleared an emptied position, or at target
        moves++;
        calls[kind == KeelAutomation.Kind.Boost ? bytes32("boost") : p.close ? bytes32("close") : bytes32("reduce")]++;
        KeelAutomation.Rule memory r = _r;
        Snapshot memory s = _s;
        if (
            r.owner != owners[i] || r.paused || block.timestamp > r.validUntil || s.owner != owners[i]
                || s.collateral < r.minCollateral
        ) wrongPositionMoves++;
        if (!_held(kind, r, s)) conditionBreaches++;
        uint256 fee = usdc.balanceOf(executor) - _feeBefore;
        uint256 base = p.close ? s.debt : kind == KeelAutomation.Kind.Boost ? p.borrow : p.repay;
        if (feeBps > r.maxFeeBps || fee > base * r.maxFeeBps / 10_000 || fee > base / 100) feeBreaches++;
        _checkLoss(i, kind, p, fee);
    }

    /* checks */

    /// @dev The rule's condition at the oracle before the movement, computed here from the position read.
    function _held(KeelAutomation.Kind kind, KeelAutomation.Rule memory r, Snapshot memory s)
        internal
        pure
        returns (bool)
    {
        uint256 hf = s.debtValue == 0 ? type(uint256).max : s.liqValue * 1e18 / s.debtValue;
        uint256 price = s.colPrice * 1e18 / s.debtPrice;
        if (kind == KeelAutomation.Kind.Deleverage) return hf < r.trigger;
        if (kind == KeelAutomation.Kind.Boost) return s.debt != 0 && hf > r.trigger;
        if (kind == KeelAutomation.Kind.StopLoss) return price <= r.trigger;
        if (kind == KeelAutomation.Kind.TakeProfit) return price >= r.trigger && (r.target == 0 || hf < r.target);
        uint256 high = price > r.high ? price : r.high;
        return price <= high * (10_000 - r.trailBps) / 10_000;
    }

    /// @dev The owner's value (the vault's collateral − debt, plus her wallet) at the prices before, fell by at most
    /// the fee paid, the flash fee and the slippage bound on what was swapped (+ the guard's own rounding allowance).
    function _checkLoss(uint256 i, KeelAutomation.Kind kind, KeelAutomation.Plan memory p, uint256 fee) internal {
        Snapshot memory s = _s;
        // (collateral + wallet − debt) before vs after, without underflow on an underwater vault.
        uint256 lhs;
        uint256 rhs;
        {
            (uint256 colValue,,, uint256 debtValue,) = market.vaultHealth(ids[i]);
            lhs = s.collateralValue + _walletBefore + debtValue;
            rhs = colValue + _wallet(owners[i], s) + s.debtValue;
        }
        if (rhs >= lhs) return;
        uint256 traded = kind == KeelAutomation.Kind.Boost
            ? p.borrow * s.debtPrice / s.debtScale
            : p.sell * s.colPrice / s.colScale + 1;
        uint256 allowed = (fee + p.flashFee + 1) * s.debtPrice / s.debtScale + traded * _r.maxSlippageBps / 10_000
            + s.collateralValue / 1e6 + 1e6;
        if (lhs - rhs > allowed) lossBreaches++;
    }

    function _checkEmpty() internal {
        address[2] memory holders = [address(guard), address(keel)];
        for (uint256 h; h < 2; ++h) {
            if (weth.balanceOf(holders[h]) != 0 || usdc.balanceOf(holders[h]) != 0) leftovers++;
        }
        if (usdc.allowance(address(keel), address(market)) != 0) leftovers++;
    }

    function _wallet(address who, Snapshot memory s) internal view returns (uint256) {
        if (s.colScale == 0) return 0;
        return weth.balanceOf(who) * s.colPrice / s.colScale + usdc.balanceOf(who) * s.debtPrice / s.debtScale;
    }

    /* helpers */

    function _reopen(uint256 i, uint256 col, uint256 ltvPct) internal {
        weth.mint(owners[i], col);
        vm.startPrank(owners[i]);
        market.depositCollateral(ids[i], address(weth), col);
        uint256 debt = col * ethUsd * ltvPct / 100 / 1e12;
        if (debt != 0) {
            try market.borrow(ids[i], debt, owners[i]) {} catch {}
        }
        vm.stopPrank();
    }

    function _setPrice(uint256 usd) internal {
        ethUsd = usd;
        ethFeed.setAnswer(int256(usd * 1e8));
        usdcFeed.setAnswer(1e8);
        (uint112 r0, uint112 r1,) = pool.getReserves();
        bool wethIs0 = pool.token0() == address(weth);
        (uint256 rw, uint256 ru) = wethIs0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 wantU = rw * usd / 1e12;
        uint256 wantW = ru * 1e12 / usd;
        if (wantU > ru) usdc.mint(address(pool), wantU - ru);
        else if (wantW > rw) weth.mint(address(pool), wantW - rw);
        pool.sync();
    }
}

/// @notice Stateful invariants of KeelAutomation through its Keel adapter (real KeelMarket, real Uniswap V2 bytecode).
/// Runs and depth: foundry.toml's [invariant] (256 × 100).
contract KeelAutomationInvariantTest is EngineBase {
    GuardHandler internal handler;
    KeelAutomation internal guard;
    KeelGuardAdapter internal keel;

    function setUp() public override {
        super.setUp();
        IUniswapV2Factory factory = UniswapV2Fixture.deployFactory();
        IUniswapV2Pair pool = UniswapV2Fixture.seed(factory, weth, 100_000e18, usdc, 300_000_000e6);
        guard = new KeelAutomation();
        keel = new KeelGuardAdapter(
            address(guard),
            ISwapAdapter(address(new UniswapV2Adapter(factory))),
            IKeelMarketRegistry(address(riskAdmin))
        );
        _supply(LENDER, 50_000_000e6);
        handler = new GuardHandler(guard, keel, market, weth, usdc, ethFeed, usdcFeed, pool);
        ethFeed.transferOwnership(address(handler));
        usdcFeed.transferOwnership(address(handler));
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    function invariant_movesOnlyWhenTheConditionHeldAtTheOracle() public view {
        assertEq(handler.conditionBreaches(), 0, "a movement without its condition");
    }

    function invariant_feeNeverAboveCap() public view {
        assertEq(handler.feeBreaches(), 0, "a fee above the cap");
    }

    function invariant_ownerLossBounded() public view {
        assertEq(handler.lossBreaches(), 0, "a loss beyond fee + flash fee + slippage bound");
    }

    function invariant_nothingLeftInGuardOrAdapter() public view {
        assertEq(handler.leftovers(), 0, "a token or allowance left behind");
        assertEq(weth.balanceOf(address(guard)) + weth.balanceOf(address(keel)), 0, "WETH held");
        assertEq(usdc.balanceOf(address(guard)) + usdc.balanceOf(address(keel)), 0, "USDC held");
    }

    function invariant_anOwnerWhoRepaidAllExitsWithEverything() public view {
        assertEq(handler.exitBreaches(), 0, "debt put on a repaid position, or collateral lost on the way out");
    }

    function invariant_ruleFiresOnlyOnItsOwnLivePosition() public view {
        assertEq(handler.wrongPositionMoves(), 0, "a movement of the wrong position or by a dead rule");
    }
}
