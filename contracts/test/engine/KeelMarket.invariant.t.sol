// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "./EngineBase.sol";
import {Test} from "../utils/Test.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {HealthLib} from "../../src/libraries/HealthLib.sol";
import {IKeelMarket, CollateralParams, CollateralInfo} from "../../src/interfaces/IKeelMarket.sol";
import {FlashBorrower} from "./EngineBase.sol";
import {KeelRiskAdmin} from "../../src/governance/KeelRiskAdmin.sol";
import {RiskBoundsLib} from "../../src/libraries/RiskBoundsLib.sol";
import {MockReputation} from "../reputation/MockReputation.sol";
import {KeelLenderVault} from "../../src/engine/KeelLenderVault.sol";

/// @dev Drives the market with random lenders (through the lender vault and straight through the supply ledger, by
/// assets and by shares, for themselves, for others and through an operator), borrowers, liquidators, price moves, broken feeds, time, batches,
/// flash loans, operators, vault transfers, reserve withdrawals, delayed risk changes and reputation bonuses (a mock
/// source answering per account, expiring, revoked, absurd), and records any breach of a per-action rule in a ghost
/// counter the invariants read. Every handler action is wrapped in `tracked`, which checks
/// that the lenders' share price falls only by realised bad debt.
contract MarketHandler is Test {
    IKeelMarket internal market;
    KeelLenderVault internal vault;
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
    /// @dev Ghosts for the liquidation rules (issue #12): bad debt written off while collateral covered the debt; a
    /// liquidatable vault (HF < 1, something priced to seize) that no liquidation could clear; a liquidation that
    /// reverted for a reason the rules do not give; a liquidator paid beyond the discount at the vault's starting
    /// health; the lenders' share price falling by more than realised bad debt.
    uint256 public solventWriteOffs;
    uint256 public unliquidatable;
    uint256 public unexpectedLiquidationReverts;
    uint256 public overpaidLiquidations;
    uint256 public sharePriceDrops;
    /// @dev Ghosts for the reputation bonus (audit 2026-12-01-b R-5): the market's reported limit or liquidation value
    /// moved by the bonus; a vault left after an action with a health factor under 2 × LV ÷ (BL + LV of the lending
    /// collaterals); a borrow that panicked on the source's answer; a liquidation whose outcome depended on the source.
    uint256 public healthTouched;
    uint256 public hfUnderBound;
    uint256 public bonusPanics;
    uint256 public bonusChangedLiquidation;
    mapping(bytes32 => uint256) public calls;

    KeelOracle internal oracle;
    KeelRiskAdmin internal riskAdmin;
    address internal admin;
    FlashBorrower internal flashBorrower;
    uint256 internal pendingLtChange;
    uint256 internal pendingFreeze;
    MockReputation public rep;

    /// @dev A liquidation's outcome (see `_liquidateWithoutBonus`).
    struct Outcome {
        bool ok;
        uint256 repaid;
        uint256 seized;
    }

    Outcome internal off;

    constructor(
        IKeelMarket m,
        DevERC20 u,
        DevERC20 w,
        DevERC20 b,
        DevPriceFeed fu,
        DevPriceFeed fw,
        DevPriceFeed fb,
        KeelOracle o,
        KeelRiskAdmin ra,
        address admin_,
        MockReputation rep_,
        KeelLenderVault lv_
    ) {
        market = m;
        vault = lv_;
        rep = rep_;
        oracle = o;
        riskAdmin = ra;
        admin = admin_;
        flashBorrower = new FlashBorrower(m);
        usdc = u;
        cols = [w, b];
        feeds = [fu, fw, fb];
        minP = [int256(0.95e8), 500e8, 10_000e8];
        maxP = [int256(1.05e8), 20_000e8, 300_000e8];
        for (uint256 i; i < 3; ++i) {
            vm.startPrank(actors[i]);
            usdc.approve(address(m), type(uint256).max);
            usdc.approve(address(lv_), type(uint256).max);
            w.approve(address(m), type(uint256).max);
            b.approve(address(m), type(uint256).max);
            vm.stopPrank();
        }
        vm.prank(KEEPER);
        usdc.approve(address(m), type(uint256).max);
    }

    /// @dev Lenders' share price (assets per 1e18 shares) may fall only by realised bad debt (plus rounding).
    modifier tracked() {
        uint256 shares = market.totalSupplyShares();
        uint256 price = vault.convertToAssets(1e18);
        uint256 bad = market.totalBadDebt();
        _;
        uint256 after_ = vault.convertToAssets(1e18);
        if (after_ < price && shares != 0) {
            uint256 loss = (price - after_) * shares / 1e18;
            uint256 realised = market.totalBadDebt() - bad;
            if (loss > realised + shares / 1e18 + 2) sharePriceDrops++;
        }
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

    /// @dev Whether vault `id` is within its owner's boosted limit (`_boostedLimit`); also checks that the bonus never
    /// shows in `vaultHealth` and the health-factor bound it promises.
    function _withinLtv(uint256 id) internal returns (bool) {
        (uint256 bl, uint256 lv,,) = _values(id);
        (, uint256 mbl, uint256 mlv, uint256 dv, uint256 hf) = market.vaultHealth(id);
        if (mbl != bl || mlv != lv) healthTouched++;
        (uint256 limit, uint256 sum) = _boostedLimit(id);
        // HF ≥ 2 × LV ÷ (BL + lending LV), less the rounding of HF itself.
        if (dv != 0 && dv <= limit && hf + 1 < lv * 2e18 / sum) hfUnderBound++;
        return dv <= limit;
    }

    /// @dev Vault `id`'s boosted limit computed here from the rule, not from the engine's code: base limit Σ value ×
    /// LTV; bonus min(the source's answer, MAX_LTV_BONUS) × value of the collaterals with LTV > 0, capped at half of
    /// (their liquidation value − base limit). `sum` is base limit + their liquidation value.
    function _boostedLimit(uint256 id) internal view returns (uint256 limit, uint256 sum) {
        (uint256 bl,, uint256 value, uint256 lendingLv) = _values(id);
        uint256 bonus = rep.ltvBonus(market.vaultOwner(id));
        if (bonus > RiskBoundsLib.MAX_LTV_BONUS) bonus = RiskBoundsLib.MAX_LTV_BONUS;
        uint256 extra = value * bonus / 1e18;
        uint256 half = (lendingLv - bl) / 2;
        limit = bl + (extra < half ? extra : half);
        sum = bl + lendingLv;
    }

    /// @dev Base limit, liquidation value, and the value and liquidation value of the collaterals with LTV > 0, each
    /// collateral valued at its oracle price (zero when unpriced) and rounded down, as the engine values it.
    function _values(uint256 id) internal view returns (uint256 bl, uint256 lv, uint256 value, uint256 lendingLv) {
        for (uint256 k; k < 2; ++k) {
            address t = address(cols[k]);
            uint256 bal = market.collateralOf(id, t);
            if (bal == 0) continue;
            uint256 p;
            try oracle.price(t) returns (uint256 p_) {
                p = p_;
            } catch {}
            uint256 v = bal * p / 10 ** cols[k].decimals();
            CollateralInfo memory info = market.collateralInfo(t);
            bl += v * info.ltv / 1e18;
            uint256 l = v * info.liquidationThreshold / 1e18;
            lv += l;
            if (info.ltv != 0) {
                value += v;
                lendingLv += l;
            }
        }
    }

    /// @dev Whether `err` is a panic (0x4e487b71: overflow and the like).
    function _isPanic(bytes memory err) internal pure returns (bool) {
        return bytes4(err) == 0x4e487b71;
    }

    function supply(uint256 s, uint256 amount) external tracked {
        amount = bound(amount, 1, 1_000_000e6);
        address a = _actor(s);
        usdc.mint(a, amount);
        vm.prank(a);
        vault.deposit(amount, a);
        calls["supply"]++;
    }

    function redeem(uint256 s, uint256 shares) external tracked {
        address a = _actor(s);
        shares = bound(shares, 0, vault.maxRedeem(a));
        if (shares == 0) return;
        uint256 expected = vault.previewRedeem(shares);
        vm.prank(a);
        uint256 out = vault.redeem(shares, a, a);
        if (out > expected) lenderOverdraws++;
        calls["redeem"]++;
    }

    /// @dev The lender vault's other two actions: mint exact shares, withdraw exact assets (up to the max views, which
    /// must be accepted: a refusal there is a breach).
    function vaultMint(uint256 s, uint256 shares) external tracked {
        address a = _actor(s);
        shares = bound(shares, 1, 1_000_000e12);
        uint256 assets = vault.previewMint(shares);
        usdc.mint(a, assets);
        vm.prank(a);
        uint256 paid = vault.mint(shares, a);
        if (paid != assets) lenderOverdraws++;
        calls["vaultMint"]++;
    }

    function vaultWithdraw(uint256 s, uint256 assets) external tracked {
        address a = _actor(s);
        assets = bound(assets, 0, vault.maxWithdraw(a));
        if (assets == 0) return;
        uint256 expected = vault.previewWithdraw(assets);
        vm.prank(a);
        uint256 burned = vault.withdraw(assets, a, a);
        if (burned < expected) lenderOverdraws++;
        calls["vaultWithdraw"]++;
    }

    /// @dev The supply ledger itself: by assets or by shares, for the caller or for another actor (anyone may supply
    /// for anyone), now and then for the lender vault (a donation of supply shares that must not move its price).
    function ledgerSupply(uint256 s, uint256 to, uint256 amount, bool byShares) external tracked {
        address a = _actor(s);
        address onBehalf = to % 4 == 3 ? address(vault) : _actor(to);
        uint256 assets;
        uint256 shares;
        if (byShares) {
            shares = bound(amount, 1, 1_000_000e12);
            assets = vault.previewMint(shares);
        } else {
            assets = bound(amount, 1, 1_000_000e6);
        }
        uint256 expected = byShares ? shares : vault.previewDeposit(assets);
        usdc.mint(a, assets);
        uint256 before = market.supplyShares(onBehalf);
        vm.prank(a);
        (uint256 paid, uint256 got) = market.supply(byShares ? 0 : assets, shares, onBehalf);
        if (paid != assets || got != expected || market.supplyShares(onBehalf) != before + got) lenderOverdraws++;
        calls[byShares ? bytes32("ledgerSupplyShares") : bytes32("ledgerSupplyAssets")]++;
    }

    /// @dev Withdraws from the ledger by assets or by shares, as the lender or as its operator; never more than the
    /// lender's shares or the cash on hand, and never more assets than its shares are worth (rounded down).
    function ledgerWithdraw(uint256 s, uint256 amount, bool byShares, bool viaOperator) external tracked {
        address a = _actor(s);
        address caller = viaOperator ? _actor(s + 1) : a;
        if (viaOperator) {
            vm.prank(a);
            market.setOperator(caller, true);
        }
        (uint256 assets, uint256 shares) = _ledgerAmounts(a, amount, byShares);
        if (assets == 0 && shares == 0) return;
        uint256 expectedAssets = byShares ? vault.previewRedeem(shares) : assets;
        uint256 expectedShares = byShares ? shares : vault.previewWithdraw(assets);
        vm.prank(caller);
        (uint256 out, uint256 burned) = market.withdraw(assets, shares, a, caller);
        if (out > expectedAssets || burned < expectedShares) lenderOverdraws++;
        if (viaOperator) {
            vm.prank(a);
            market.setOperator(caller, false);
        }
        calls[byShares ? bytes32("ledgerWithdrawShares") : bytes32("ledgerWithdrawAssets")]++;
    }

    /// @dev A withdrawal of `a`'s supply within its shares and the cash on hand: by shares or by assets (one is zero).
    function _ledgerAmounts(address a, uint256 amount, bool byShares)
        internal
        view
        returns (uint256 assets, uint256 shares)
    {
        uint256 held = market.supplyShares(a);
        uint256 onHand = market.cashOnHand();
        if (byShares) shares = bound(amount, 0, _min(held, vault.convertToShares(onHand)));
        else assets = bound(amount, 0, _min(vault.convertToAssets(held), onHand));
    }

    function _min(uint256 x, uint256 y) internal pure returns (uint256) {
        return x < y ? x : y;
    }

    /// @dev Nobody but the lender may withdraw its supply, not even one of its vault operators (audit5 L-2).
    function strangerWithdraw(uint256 s, uint256 amount) external tracked {
        address a = _actor(s);
        address stranger = _actor(s + 2);
        if (stranger == a || market.supplyShares(a) == 0) return;
        amount = bound(amount, 1, market.supplyShares(a));
        vm.prank(stranger);
        try market.withdraw(0, amount, a, stranger) {
            lenderOverdraws++;
        } catch {}
        calls["strangerWithdraw"]++;
    }

    function openAndDeposit(uint256 s, uint256 c, uint256 amount) external tracked {
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

    /// @dev Opens a vault with both collaterals (so cross-margin rules are exercised) and borrows 85-100 % of its limit.
    function openBorrowed(uint256 s, uint256 amount, uint256 pct) external tracked {
        address a = _actor(s);
        uint256 wAmt = bound(amount, 0.1e18, 50e18);
        uint256 bAmt = bound(amount >> 128, 1e5, 2e8);
        cols[0].mint(a, wAmt);
        cols[1].mint(a, bAmt);
        vm.startPrank(a);
        uint256 id = market.openVault();
        market.depositCollateral(id, address(cols[0]), wAmt);
        if (pct % 2 == 0) market.depositCollateral(id, address(cols[1]), bAmt);
        vm.stopPrank();
        vaultIds.push(id);
        (, uint256 limit,,,) = market.vaultHealth(id);
        uint256 amt = limit / 1e12 * bound(pct, 85, 100) / 100;
        if (amt == 0 || amt > market.cash()) return;
        vm.prank(a);
        market.borrow(id, amt, a);
        calls["openBorrowed"]++;
    }

    /// @dev The same action once more, so that borrowed vaults are common in every run.
    function openBorrowedAgain(uint256 s, uint256 amount, uint256 pct) external {
        this.openBorrowed(s, amount, pct);
    }

    /// @dev A second entry for `liquidateAny`, so that liquidatable vaults are tried often.
    function liquidateAnyAgain(uint256 v) external {
        this.liquidateAny(v);
    }

    function depositCollateral(uint256 v, uint256 c, uint256 amount) external tracked {
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

    function withdrawCollateral(uint256 v, uint256 c, uint256 amount) external tracked {
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

    function borrow(uint256 v, uint256 amount) external tracked {
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
        } catch (bytes memory err) {
            if (_isPanic(err)) bonusPanics++;
        }
    }

    /// @dev A borrow toward the owner's boosted limit (as the rule computes it), a unit past it at times.
    function boostedBorrow(uint256 v, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        (uint256 limit,) = _boostedLimit(id);
        (,,, uint256 dv,) = market.vaultHealth(id);
        if (limit <= dv + 1e12) return;
        amount = bound(amount, (limit - dv) / 1e12 * 9 / 10, (limit - dv) / 1e12 + 1);
        if (amount == 0 || amount > market.cash()) return;
        address a = market.vaultOwner(id);
        vm.prank(a);
        try market.borrow(id, amount, a) {
            if (!_withinLtv(id)) ltvBreaches++;
            calls["boostedBorrow"]++;
        } catch (bytes memory err) {
            if (_isPanic(err)) bonusPanics++;
        }
    }

    /// @dev The source's answer for an actor: within MAX_LTV_BONUS mostly, at times 1 wei or absurd (2^128, 2^256 −
    /// 1), valid for 0 (already expired) to 3 days; or revoked.
    function setBonus(uint256 s, uint256 bonus, uint256 ttl) external tracked {
        address a = _actor(s);
        uint256 mode = bonus % 8;
        if (mode == 0) bonus = type(uint256).max;
        else if (mode == 1) bonus = 1 << 128;
        else if (mode == 2) bonus = 1;
        else bonus = bound(bonus, 0, RiskBoundsLib.MAX_LTV_BONUS);
        rep.set(a, bonus, block.timestamp + bound(ttl, 0, 3 days));
        calls["setBonus"]++;
    }

    function revokeBonus(uint256 s) external tracked {
        rep.revoke(_actor(s));
        calls["revokeBonus"]++;
    }

    /// @dev The owner borrows and hands the vault to another actor (who made it its operator) in ONE multicall: the
    /// lent-bonus pattern, checked at the batch's end against the final owner.
    function borrowAndTransferBatch(uint256 v, uint256 s, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address from = market.vaultOwner(id);
        address to = _actor(s);
        if (to == from) return;
        amount = bound(amount, 1, 50_000e6);
        vm.prank(to);
        market.setOperator(from, true);
        bytes[] memory data = new bytes[](2);
        data[0] = abi.encodeCall(IKeelMarket.borrow, (id, amount, from));
        data[1] = abi.encodeCall(IKeelMarket.transferVault, (id, to));
        vm.prank(from);
        try market.multicall(data) {
            if (!_withinLtv(id)) ltvBreaches++;
            calls["borrowAndTransferBatch"]++;
        } catch (bytes memory err) {
            if (_isPanic(err)) bonusPanics++;
        }
        vm.prank(to);
        market.setOperator(from, false);
    }

    /// @dev Governance winds WBTC down: its LTV to 0 (and back to 70 %), through the delay, so vaults hold an LTV-0
    /// collateral the bonus must not lend against.
    function freezeWbtc() external tracked {
        if (pendingFreeze == 0) {
            CollateralInfo memory info = market.collateralInfo(address(cols[1]));
            uint64 ltv = info.ltv == 0 ? 0.7e18 : 0;
            if (ltv >= info.liquidationThreshold) return;
            CollateralParams memory p =
                CollateralParams(ltv, info.liquidationThreshold, info.maxDiscount, info.supplyCap);
            vm.prank(admin);
            pendingFreeze = riskAdmin.proposeCollateral(address(market), address(cols[1]), p);
            calls["proposeFreeze"]++;
        } else {
            vm.warp(block.timestamp + riskAdmin.delay());
            _refreshFeeds();
            vm.prank(admin);
            riskAdmin.executeChange(pendingFreeze);
            pendingFreeze = 0;
            calls["executeFreeze"]++;
        }
    }

    function repay(uint256 v, uint256 amount) external tracked {
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

    function batch(uint256 v, uint256 c, uint256 amount, uint256 borrowAmt) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        DevERC20 t = cols[c % 2];
        amount = bound(amount, 1, c % 2 == 0 ? 10e18 : 1e8);
        borrowAmt = bound(borrowAmt, 1, 100_000e6);
        address a = market.vaultOwner(id);
        t.mint(a, amount);
        bytes[] memory data = new bytes[](2);
        data[0] = abi.encodeCall(IKeelMarket.borrow, (id, borrowAmt, a));
        data[1] = abi.encodeCall(IKeelMarket.depositCollateral, (id, address(t), amount));
        vm.prank(a);
        try market.multicall(data) {
            if (!_withinLtv(id)) ltvBreaches++;
            calls["batch"]++;
        } catch {}
    }

    function movePrice(uint256 f, uint256 pctSeed) external tracked {
        uint256 i = f % 3;
        (, int256 p,,,) = feeds[i].latestRoundData();
        int256 pct = int256(bound(pctSeed, 0, 40)) - 20; // -20% .. +20%
        _setClamped(i, p * (100 + pct) / 100);
        calls["price"]++;
    }

    /// @dev Publishes `p` on feed `i`, held within the run's price range.
    function _setClamped(uint256 i, int256 p) internal {
        if (p < minP[i]) p = minP[i];
        if (p > maxP[i]) p = maxP[i];
        feeds[i].setAnswer(p);
    }

    /// @dev A fresh round on every feed at its last answer, back within range: a broken feed recovers.
    function _refreshFeeds() internal {
        for (uint256 i; i < 3; ++i) {
            (, int256 p,,,) = feeds[i].latestRoundData();
            _setClamped(i, p);
        }
    }

    /// @dev A crash of one collateral by 10-45 % (liquidations at every depth: barely under, deep but solvent,
    /// insolvent).
    function crash(uint256 c, uint256 pctSeed) external tracked {
        uint256 i = 1 + c % 2;
        (, int256 p,,,) = feeds[i].latestRoundData();
        p = p * (90 - int256(bound(pctSeed, 0, 35))) / 100;
        if (p < minP[i]) p = minP[i];
        feeds[i].setAnswer(p);
        calls["crash"]++;
    }

    function warp(uint256 dt) external tracked {
        dt = bound(dt, 1, 3 days);
        vm.warp(block.timestamp + dt);
        _refreshFeeds();
        calls["warp"]++;
    }

    /// @dev A collateral feed breaks mid-run: stale (last update 2 h ago, heartbeat 1 h) or out of its bounds. The
    /// base feed never breaks (nothing can be valued without it). `warp` heals it.
    function breakFeed(uint256 c, uint256 mode) external tracked {
        uint256 i = 1 + c % 2;
        (, int256 p,,,) = feeds[i].latestRoundData();
        if (mode % 2 == 0) {
            if (block.timestamp <= 2 hours) return;
            feeds[i].setAnswerAt(p, block.timestamp - 2 hours);
        } else {
            feeds[i].setAnswer(i == 1 ? int256(2_000_000e8) : int256(20_000_000e8)); // above maxAnswer
        }
        calls["breakFeed"]++;
    }

    /// @dev Anyone may deposit into any vault (a stranger's 1 wei included).
    function depositForOther(uint256 s, uint256 v, uint256 c, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        DevERC20 t = cols[c % 2];
        amount = bound(amount, 1, c % 2 == 0 ? 1e18 : 1e6);
        address a = _actor(s);
        t.mint(a, amount);
        vm.prank(a);
        market.depositCollateral(id, address(t), amount);
        calls["depositOther"]++;
    }

    /// @dev The owner lets another actor operate its vaults; the operator borrows.
    function operatorBorrow(uint256 v, uint256 s, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address owner_ = market.vaultOwner(id);
        address op = _actor(s);
        vm.prank(owner_);
        market.setOperator(op, true);
        amount = bound(amount, 1, 50_000e6);
        vm.prank(op);
        try market.borrow(id, amount, op) {
            if (!_withinLtv(id)) ltvBreaches++;
            calls["operatorBorrow"]++;
        } catch {}
    }

    function transferVault(uint256 v, uint256 s) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address from = market.vaultOwner(id);
        address to = _actor(s);
        if (to == from) return;
        vm.prank(from);
        try market.transferVault(id, to) {}
        catch {
            return; // a direct move beyond `to`'s limit
        }
        if (market.vaultOwner(id) != to) {
            vm.prank(to);
            try market.acceptVault(id) {}
            catch {
                return; // beyond `to`'s limit
            }
        }
        // A vault with debt changes hands only within its new owner's limit (no lent bonus).
        if (!_withinLtv(id)) ltvBreaches++;
        calls["transferVault"]++;
    }

    /// @dev The owner withdraws and repays in one multicall (deferred LTV check).
    function withdrawRepayBatch(uint256 v, uint256 c, uint256 amount, uint256 repayAmt) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok || market.debtOf(id) == 0) return;
        address t = address(cols[c % 2]);
        uint256 bal = market.collateralOf(id, t);
        if (bal == 0) return;
        amount = bound(amount, 1, bal);
        repayAmt = bound(repayAmt, 1, market.debtOf(id));
        address a = market.vaultOwner(id);
        usdc.mint(a, repayAmt);
        bytes[] memory data = new bytes[](2);
        data[0] = abi.encodeCall(IKeelMarket.withdrawCollateral, (id, t, amount, a));
        data[1] = abi.encodeCall(IKeelMarket.repay, (id, repayAmt));
        vm.prank(a);
        try market.multicall(data) {
            if (!_withinLtv(id)) ltvBreaches++;
            calls["withdrawRepayBatch"]++;
        } catch {}
    }

    /// @dev A flash loan whose callback repays part of a vault's debt (anyone may repay).
    function flashRepay(uint256 v, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok || market.debtOf(id) == 0) return;
        amount = bound(amount, 1, market.maxFlashLoan(address(usdc)));
        if (amount == 0) return;
        uint256 repayAmt = market.debtOf(id) / 2 + 1;
        uint256 fee = market.flashFee(address(usdc), amount);
        usdc.mint(address(flashBorrower), repayAmt + fee);
        flashBorrower.approve(address(usdc), address(market), type(uint256).max);
        bytes[] memory inner = new bytes[](1);
        inner[0] = abi.encodeCall(IKeelMarket.repay, (id, repayAmt));
        flashBorrower.setCalls(inner);
        market.flashLoan(flashBorrower, address(usdc), amount, "");
        calls["flashRepay"]++;
    }

    function withdrawReserves(uint256 amount) external tracked {
        uint256 r = market.totalReserves();
        uint256 avail = r < market.cash() ? r : market.cash();
        if (avail == 0) return;
        amount = bound(amount, 1, avail);
        vm.prank(admin);
        riskAdmin.withdrawReserves(address(market), admin, amount);
        calls["withdrawReserves"]++;
    }

    /// @dev A delayed risk change: WETH's LT (and LTV) lowered by 1-3 points, proposed, then executed after the delay.
    function lowerWethLt(uint256 pts) external tracked {
        if (pendingLtChange == 0) {
            CollateralInfo memory info = market.collateralInfo(address(cols[0]));
            uint64 step = uint64(bound(pts, 1, 3)) * 0.01e18;
            if (info.liquidationThreshold < 0.6e18) return;
            CollateralParams memory p =
                CollateralParams(info.ltv - step, info.liquidationThreshold - step, info.maxDiscount, info.supplyCap);
            vm.prank(admin);
            pendingLtChange = riskAdmin.proposeCollateral(address(market), address(cols[0]), p);
            calls["proposeLt"]++;
        } else {
            vm.warp(block.timestamp + riskAdmin.delay());
            _refreshFeeds();
            vm.prank(admin);
            riskAdmin.executeChange(pendingLtChange);
            pendingLtChange = 0;
            calls["executeLt"]++;
        }
    }

    /// @dev Whether `err` is a reason the liquidation rules give for refusing to seize `asset` of vault `id`.
    function _allowedRefusal(bytes memory err) internal pure returns (bool) {
        bytes4 sel = bytes4(err);
        return sel == IKeelMarket.LiquidationLowersHealth.selector || sel == KeelOracle.StalePrice.selector
            || sel == KeelOracle.PriceOutOfBounds.selector || sel == IKeelMarket.InsufficientCollateral.selector;
    }

    /// @dev One liquidation of `asset`, offering `amount`; checks the rules that hold for every single call.
    function _liquidateOnce(uint256 id, address asset, uint256 amount) internal returns (bool done, bytes memory err) {
        (uint256 cv,, uint256 lv, uint256 dv, uint256 hf0) = market.vaultHealth(id);
        uint256 bad = market.totalBadDebt();
        usdc.mint(KEEPER, market.debtOf(id) + 1);
        // The same call with the source answering zero for everyone: the outcome must not differ.
        _liquidateWithoutBonus(id, asset, amount);
        vm.prank(KEEPER);
        try market.liquidate(id, asset, amount, 0) returns (uint256 repaid, uint256 seized) {
            if (!off.ok || repaid != off.repaid || seized != off.seized) bonusChangedLiquidation++;
            liquidations++;
            // No write-off while the collateral (as the engine values it) covered the debt.
            if (market.totalBadDebt() > bad && cv >= dv) solventWriteOffs++;
            // Paid at most the discount at the vault's health when the call started.
            uint256 d = HealthLib.discount(hf0, market.collateralInfo(asset).maxDiscount, cv, dv);
            uint256 seizedValue = seized * oracle.price(asset) / 10 ** DevERC20(asset).decimals();
            uint256 repaidValue = repaid * oracle.price(address(usdc)) / 1e6;
            if (seizedValue > repaidValue * (1e18 + d) / 1e18 + 1e13) overpaidLiquidations++;
            lv; // (kept for readability of the tuple)
            return (true, "");
        } catch (bytes memory e) {
            if (off.ok) bonusChangedLiquidation++;
            return (false, e);
        }
    }

    /// @dev `liquidate(id, asset, amount, 0)` by the keeper with every bonus off, then the state put back; its
    /// outcome in `off` (written after the state is restored).
    function _liquidateWithoutBonus(uint256 id, address asset, uint256 amount) internal {
        uint256 snap = vm.snapshotState();
        rep.setOff(true);
        Outcome memory o;
        vm.prank(KEEPER);
        try market.liquidate(id, asset, amount, 0) returns (uint256 r, uint256 s_) {
            o = Outcome(true, r, s_);
        } catch {}
        vm.revertToState(snap);
        off = o;
    }

    /// @dev Random liquidation attempts: a refusal must be one the rules give.
    function liquidate(uint256 v, uint256 c, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address t = address(cols[c % 2]);
        (,,, uint256 dvBefore, uint256 hfBefore) = market.vaultHealth(id);
        if (hfBefore >= 1e18 || market.collateralOf(id, t) == 0) return;
        amount = bound(amount, 1, market.debtOf(id) + 1);
        if (amount % 3 == 0) amount = type(uint256).max;
        (bool done, bytes memory err) = _liquidateOnce(id, t, amount);
        if (done) {
            if (market.collateralOf(id, t) != 0 && market.debtOf(id) != 0) {
                (,,, uint256 dvAfter, uint256 hfAfter) = market.vaultHealth(id);
                // Tolerance: relative rounding; the HF weight of one base unit (repaying `repaid` assets burns the
                // shares they buy rounded down, lenders' favour, so the debt may fall one unit less than was paid and
                // seized: seen at $0.01 repayments, seed 0xa4c6…); and the engine's own HEALTH_TOLERANCE, amplified
                // by repaid ÷ remaining debt: a seizure whose (1 + d) × LT exceeds HF by less than HEALTH_TOLERANCE
                // (e.g. 1 sat of WBTC dust lifting the margin cap) is partial, and each unit of debt value repaid
                // moves HF by that excess ÷ what remains (seed 0xc6de…: 1.3e-8 relative, $106k of $109k repaid).
                uint256 unitValue = oracle.price(address(usdc)) / 1e6;
                uint256 tolerance = hfBefore / 1e12 + hfBefore * 2 * unitValue / dvAfter + 1
                    + (dvBefore > dvAfter ? HealthLib.HEALTH_TOLERANCE * (dvBefore - dvAfter) / dvAfter : 0);
                if (hfAfter + tolerance < hfBefore) liquidationHealthDrops++;
            }
        } else if (!_allowedRefusal(err) && bytes4(err) != IKeelMarket.RepayBelowRequired.selector) {
            unexpectedLiquidationReverts++;
        }
    }

    /// @dev A stranger's 1-wei deposit of either collateral (the griefing the audit tried): it must never make a
    /// liquidatable vault unliquidatable (checked by `liquidateAny`).
    function dustDeposit(uint256 s, uint256 v, uint256 c) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        DevERC20 t = cols[c % 2];
        address a = _actor(s);
        t.mint(a, 1);
        vm.prank(a);
        market.depositCollateral(id, address(t), 1);
        calls["dust"]++;
    }

    /// @dev Both collaterals of a vault liquidated in ONE transaction (a multicall): the total the liquidator gains is
    /// bounded by each asset's discount at the vault's health when the transaction started.
    function liquidatePair(uint256 v, uint256 first) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok || market.debtOf(id) == 0) return;
        (uint256 cv,,, uint256 dv, uint256 hf0) = market.vaultHealth(id);
        if (hf0 >= 1e18 || cv == 0) return;
        address a0 = address(cols[first % 2]);
        address a1 = address(cols[(first + 1) % 2]);
        if (market.collateralOf(id, a0) == 0 || market.collateralOf(id, a1) == 0) return;
        uint256[2] memory d = [
            HealthLib.discount(hf0, market.collateralInfo(a0).maxDiscount, cv, dv),
            HealthLib.discount(hf0, market.collateralInfo(a1).maxDiscount, cv, dv)
        ];
        uint256[2] memory p = [oracle.price(a0), oracle.price(a1)];
        uint256 basePrice = oracle.price(address(usdc));
        usdc.mint(KEEPER, market.debtOf(id) * 2 + 2);
        bytes[] memory data = new bytes[](2);
        data[0] = abi.encodeCall(IKeelMarket.liquidate, (id, a0, type(uint256).max, 0));
        data[1] = abi.encodeCall(IKeelMarket.liquidate, (id, a1, type(uint256).max, 0));
        uint256 bad = market.totalBadDebt();
        vm.prank(KEEPER);
        try market.multicall(data) returns (bytes[] memory out) {
            uint256 gained;
            uint256 allowed;
            for (uint256 k; k < 2; ++k) {
                (uint256 repaid, uint256 seized) = abi.decode(out[k], (uint256, uint256));
                address a = k == 0 ? a0 : a1;
                gained += seized * p[k] / 10 ** DevERC20(a).decimals();
                allowed += repaid * basePrice / 1e6 * (1e18 + d[k]) / 1e18;
            }
            if (gained > allowed + 1e13) overpaidLiquidations++;
            if (market.totalBadDebt() > bad && cv >= dv) solventWriteOffs++;
            liquidations += 2;
            calls["liquidatePair"]++;
        } catch (bytes memory err) {
            // Either call may be refused by the rules (the first lowers HF while the second would raise it; the
            // second finds the vault healthy or emptied) — never anything else.
            bytes4 sel = bytes4(err);
            if (!_allowedRefusal(err) && sel != IKeelMarket.NotLiquidatable.selector) unexpectedLiquidationReverts++;
        }
    }

    /// @dev Every vault with HF < 1 and something priced to seize can be liquidated through one of its collaterals.
    function liquidateAny(uint256 v) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok || market.debtOf(id) == 0) return;
        (uint256 cv,,,, uint256 hf) = market.vaultHealth(id);
        if (hf >= 1e18 || cv == 0) return;
        bool anyDone;
        for (uint256 k; k < 2 && !anyDone; ++k) {
            address t = address(cols[k]);
            if (market.collateralOf(id, t) == 0) continue;
            (bool done, bytes memory err) = _liquidateOnce(id, t, type(uint256).max);
            if (done) anyDone = true;
            else if (!_allowedRefusal(err)) unexpectedLiquidationReverts++;
        }
        if (!anyDone) unliquidatable++;
        calls["liquidateAny"]++;
    }
}

contract KeelMarketInvariantTest is EngineBase {
    MarketHandler internal handler;

    function setUp() public override {
        super.setUp();
        MockReputation rep = new MockReputation();
        vm.prank(address(riskAdmin));
        market.setReputation(address(rep));
        handler = new MarketHandler(
            market, usdc, weth, wbtc, usdcFeed, ethFeed, btcFeed, oracle, riskAdmin, ADMIN, rep, lenderVault
        );
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
        assertEq(market.totalSupplyAssets() + market.totalReserves(), backing, "assets + reserves == cash + borrows");
        assertLe(
            lenderVault.convertToAssets(market.totalSupplyShares()),
            market.totalSupplyAssets(),
            "share claims <= assets"
        );
    }

    /// The supply ledger adds up (every holder's shares make the total) and the lender vault's shares are backed one
    /// for one by the market supply shares it holds (more only by donated supply shares); it holds no base asset but
    /// what was sent to it; its assets are the market's price times its shares.
    function invariant_supplyLedger() public view {
        uint256 sum = market.supplyShares(address(lenderVault)) + market.supplyShares(LENDER);
        for (uint256 i; i < 3; ++i) {
            sum += market.supplyShares(address(uint160(0x1001 + i)));
        }
        assertEq(sum, market.totalSupplyShares(), "sum of supply shares == total");
        assertLe(lenderVault.totalSupply(), market.supplyShares(address(lenderVault)), "vault shares backed 1:1");
        assertEq(usdc.balanceOf(address(lenderVault)), 0, "vault holds no base");
        assertEq(
            lenderVault.totalAssets(), lenderVault.convertToAssets(lenderVault.totalSupply()), "vault assets at price"
        );
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

    /// No user action (borrow, withdrawal, batch, vault transfer) left a vault outside its owner's boosted limit; no
    /// liquidation lowered health without exhausting the asset; no redemption paid more than its preview.
    function invariant_actionRules() public view {
        assertEq(handler.ltvBreaches(), 0, "boosted limit breached by an action");
        assertEq(handler.liquidationHealthDrops(), 0, "liquidation lowered HF");
        assertEq(handler.lenderOverdraws(), 0, "lender overdraw");
    }

    /// The liquidation rules of issue #12: no debt written off while a vault's collateral value covered its debt;
    /// every vault with HF < 1 and a priced collateral could be liquidated, and no liquidation reverted for a reason the
    /// rules do not give; no liquidator was paid beyond the discount at the vault's starting health; lenders' share
    /// price fell only by realised bad debt.
    function invariant_liquidationRules() public view {
        assertEq(handler.solventWriteOffs(), 0, "bad debt written off while solvent");
        assertEq(handler.unliquidatable(), 0, "a liquidatable vault could not be liquidated");
        assertEq(handler.unexpectedLiquidationReverts(), 0, "a liquidation reverted unexpectedly");
        assertEq(handler.overpaidLiquidations(), 0, "liquidator paid beyond the starting discount");
        assertEq(handler.sharePriceDrops(), 0, "share price fell by more than bad debt");
    }

    /// The reputation bonus (audit 2026-12-01-b R-5): it never shows in the reported borrow limit, liquidation value or
    /// health factor, never changes a liquidation's outcome, never makes a borrow panic whatever the source answers,
    /// and a vault at its boosted limit keeps HF ≥ 2 × LV ÷ (BL + lending LV) > 1.
    function invariant_reputationBonus() public view {
        assertEq(handler.healthTouched(), 0, "the bonus showed in vaultHealth");
        assertEq(handler.bonusChangedLiquidation(), 0, "a liquidation depended on the source");
        assertEq(handler.bonusPanics(), 0, "a borrow panicked on the source's answer");
        assertEq(handler.hfUnderBound(), 0, "HF under the bonus's bound");
    }
}

