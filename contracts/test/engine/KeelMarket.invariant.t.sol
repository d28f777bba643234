// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "./EngineBase.sol";
import {Test} from "../utils/Test.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {KeelMarket} from "../../src/engine/KeelMarket.sol";

/// @dev Drives the market with random lenders, borrowers, liquidators, price moves, time and batches, and records
/// any breach of a per-action rule in a ghost flag the invariants read.
contract MarketHandler is Test {
    KeelMarket internal market;
    DevERC20 internal usdc;
    DevERC20[2] internal cols;
    DevPriceFeed[3] internal feeds; // usdc, weth, wbtc
    int256[3] internal minP;
    int256[3] internal maxP;
    address[3] internal actors = [address(0x1001), address(0x1002), address(0x1003)];
    address internal constant KEEPER = address(0x2001);

    uint256[] public vaultIds;
    uint256 public ltvBreaches;
    uint256 public liquidationHealthDrops;
    uint256 public liquidations;
    uint256 public lenderOverdraws;
    mapping(bytes32 => uint256) public calls;

    constructor(KeelMarket m, DevERC20 u, DevERC20 w, DevERC20 b, DevPriceFeed fu, DevPriceFeed fw, DevPriceFeed fb) {
        market = m;
        usdc = u;
        cols = [w, b];
        feeds = [fu, fw, fb];
        minP = [int256(0.95e8), 500e8, 10_000e8];
        maxP = [int256(1.05e8), 20_000e8, 300_000e8];
        for (uint256 i; i < 3; ++i) {
            vm.startPrank(actors[i]);
            usdc.approve(address(m), type(uint256).max);
            w.approve(address(m), type(uint256).max);
            b.approve(address(m), type(uint256).max);
            vm.stopPrank();
        }
        vm.prank(KEEPER);
        usdc.approve(address(m), type(uint256).max);
    }

    function vaultCount() external view returns (uint256) {
        return vaultIds.length;
    }

    function _actor(uint256 s) internal view returns (address) {
        return actors[s % 3];
    }

    function _vault(uint256 s) internal view returns (uint256 id, bool ok) {
        if (vaultIds.length == 0) return (0, false);
        return (vaultIds[s % vaultIds.length], true);
    }

    function _withinLtv(uint256 id) internal view returns (bool) {
        (, uint256 limit,, uint256 dv,) = market.vaultHealth(id);
        return dv <= limit;
    }

    function supply(uint256 s, uint256 amount) external {
        amount = bound(amount, 1, 1_000_000e6);
        address a = _actor(s);
        usdc.mint(a, amount);
        vm.prank(a);
        market.deposit(amount, a);
        calls["supply"]++;
    }

    function redeem(uint256 s, uint256 shares) external {
        address a = _actor(s);
        shares = bound(shares, 0, market.maxRedeem(a));
        if (shares == 0) return;
        uint256 expected = market.previewRedeem(shares);
        vm.prank(a);
        uint256 out = market.redeem(shares, a, a);
        if (out > expected) lenderOverdraws++;
        calls["redeem"]++;
    }

    function openAndDeposit(uint256 s, uint256 c, uint256 amount) external {
        address a = _actor(s);
        DevERC20 t = cols[c % 2];
        amount = bound(amount, 1, c % 2 == 0 ? 100e18 : 5e8);
        t.mint(a, amount);
        vm.startPrank(a);
        uint256 id = market.openVault();
        market.depositCollateral(id, address(t), amount);
        vm.stopPrank();
        vaultIds.push(id);
        calls["open"]++;
    }

    function depositCollateral(uint256 v, uint256 c, uint256 amount) external {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        DevERC20 t = cols[c % 2];
        amount = bound(amount, 1, c % 2 == 0 ? 100e18 : 5e8);
        address a = market.vaultOwner(id);
        t.mint(a, amount);
        vm.prank(a);
        market.depositCollateral(id, address(t), amount);
        calls["deposit"]++;
    }

    function withdrawCollateral(uint256 v, uint256 c, uint256 amount) external {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address t = address(cols[c % 2]);
        amount = bound(amount, 1, market.collateralOf(id, t) + 1);
        address a = market.vaultOwner(id);
        vm.prank(a);
        try market.withdrawCollateral(id, t, amount, a) {
            if (!_withinLtv(id)) ltvBreaches++;
            calls["withdraw"]++;
        } catch {}
    }

    function borrow(uint256 v, uint256 amount) external {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        (, uint256 limit,, uint256 dv,) = market.vaultHealth(id);
        if (limit <= dv + 1e12) return;
        // Mostly borrow near the limit so that price moves make vaults liquidatable.
        amount = bound(amount, (limit - dv) / 1e12 * 9 / 10, (limit - dv) / 1e12 + 1);
        if (amount == 0) return;
        address a = market.vaultOwner(id);
        vm.prank(a);
        try market.borrow(id, amount, a) {
            if (!_withinLtv(id)) ltvBreaches++;
            calls["borrow"]++;
        } catch {}
    }

    function repay(uint256 v, uint256 amount) external {
        (uint256 id, bool ok) = _vault(v);
        if (!ok || market.debtOf(id) == 0) return;
        amount = bound(amount, 1, market.debtOf(id) + 10);
        if (amount > market.debtOf(id)) amount = type(uint256).max;
        address a = market.vaultOwner(id);
        usdc.mint(a, market.debtOf(id) + 10);
        vm.prank(a);
        market.repay(id, amount);
        calls["repay"]++;
    }

    function batch(uint256 v, uint256 c, uint256 amount, uint256 borrowAmt) external {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        DevERC20 t = cols[c % 2];
        amount = bound(amount, 1, c % 2 == 0 ? 10e18 : 1e8);
        borrowAmt = bound(borrowAmt, 1, 100_000e6);
        address a = market.vaultOwner(id);
        t.mint(a, amount);
        bytes[] memory data = new bytes[](2);
        data[0] = abi.encodeCall(KeelMarket.borrow, (id, borrowAmt, a));
        data[1] = abi.encodeCall(KeelMarket.depositCollateral, (id, address(t), amount));
        vm.prank(a);
        try market.multicall(data) {
            if (!_withinLtv(id)) ltvBreaches++;
            calls["batch"]++;
        } catch {}
    }

    function movePrice(uint256 f, uint256 pctSeed) external {
        uint256 i = f % 3;
        (, int256 p,,,) = feeds[i].latestRoundData();
        int256 pct = int256(bound(pctSeed, 0, 40)) - 20; // -20% .. +20%
        p = p * (100 + pct) / 100;
        if (p < minP[i]) p = minP[i];
        if (p > maxP[i]) p = maxP[i];
        feeds[i].setAnswer(p);
        calls["price"]++;
    }

    function warp(uint256 dt) external {
        dt = bound(dt, 1, 3 days);
        vm.warp(block.timestamp + dt);
        for (uint256 i; i < 3; ++i) {
            (, int256 p,,,) = feeds[i].latestRoundData();
            feeds[i].setAnswer(p);
        }
        calls["warp"]++;
    }

    function liquidate(uint256 v, uint256 c, uint256 amount) external {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address t = address(cols[c % 2]);
        (,,,, uint256 hfBefore) = market.vaultHealth(id);
        if (hfBefore >= 1e18 || market.collateralOf(id, t) == 0) return;
        amount = bound(amount, 1, market.debtOf(id) + 1);
        if (amount % 3 == 0) amount = type(uint256).max;
        usdc.mint(KEEPER, market.debtOf(id) + 1);
        vm.prank(KEEPER);
        try market.liquidate(id, t, amount, 0) {
            liquidations++;
            if (market.collateralOf(id, t) != 0 && market.debtOf(id) != 0) {
                (,,,, uint256 hfAfter) = market.vaultHealth(id);
                if (hfAfter + hfBefore / 1e12 < hfBefore) liquidationHealthDrops++;
            }
        } catch {}
    }
}

contract KeelMarketInvariantTest is EngineBase {
    MarketHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new MarketHandler(market, usdc, weth, wbtc, usdcFeed, ethFeed, btcFeed);
        usdcFeed.transferOwnership(address(handler));
        ethFeed.transferOwnership(address(handler));
        btcFeed.transferOwnership(address(handler));
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    /// Base asset held == cash; lenders' claims + reserves are backed by cash + borrows.
    function invariant_baseConservation() public view {
        assertEq(usdc.balanceOf(address(market)), market.cash(), "base held == cash");
        uint256 backing = market.cash() + market.totalBorrows();
        assertEq(market.totalAssets() + market.totalReserves(), backing, "assets + reserves == cash + borrows");
        assertLe(market.convertToAssets(market.totalSupply()), market.totalAssets(), "share claims <= assets");
    }

    /// Each collateral held == market total == Σ vault balances.
    function invariant_collateralConservation() public view {
        address[2] memory cs = [address(weth), address(wbtc)];
        uint256 n = handler.vaultCount();
        for (uint256 c; c < 2; ++c) {
            uint256 sum;
            for (uint256 i; i < n; ++i) {
                sum += market.collateralOf(handler.vaultIds(i), cs[c]);
            }
            uint256 held = DevERC20(cs[c]).balanceOf(address(market));
            assertEq(held, market.collateralInfo(cs[c]).totalDeposited, "held == total");
            assertEq(held, sum, "held == sum of vaults");
        }
    }

    /// Total borrows == Σ vault debts within rounding; no phantom debt.
    function invariant_debtAccounting() public view {
        uint256 n = handler.vaultCount();
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            sum += market.debtOf(handler.vaultIds(i));
        }
        uint256 total = market.totalBorrows();
        assertLe(sum, total + n, "sum of debts <= total + rounding");
        assertGe(sum + n + 2 + total / 1e6, total, "total <= sum of debts + rounding");
        if (market.totalBorrowShares() == 0) assertEq(total, 0, "no phantom debt");
    }

    /// No user action left a vault outside LTV; no liquidation lowered health without exhausting the asset;
    /// no redemption paid more than its preview.
    function invariant_actionRules() public view {
        assertEq(handler.ltvBreaches(), 0, "LTV breached by an action");
        assertEq(handler.liquidationHealthDrops(), 0, "liquidation lowered HF");
        assertEq(handler.lenderOverdraws(), 0, "lender overdraw");
    }
}

