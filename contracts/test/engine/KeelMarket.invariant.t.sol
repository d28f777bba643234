// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {EngineBase} from "./EngineBase.sol";
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
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {CollateralFlashActor, FlashActor, IVaultList, MarketHandlerBase} from "./InvariantActors.sol";

/// @dev The borrowers' side: vaults opened, deposited into (by owners and by strangers, 1 wei included), borrowed
/// against (by owners, by operators, toward a reputation-boosted limit), repaid, withdrawn, batched, transferred in two
/// steps, liquidated (one asset, both in one multicall, any; and by a keeper that comes every KEEPER_EVERY actions and
/// takes a vault under water itself when none is, so that every run liquidates); price moves, crashes, feeds that go
/// stale or out of bounds mid-run, time; flash loans that repay; reserve withdrawals; delayed risk changes (WETH's LT
/// lowered, WBTC's LTV to 0 and back) executed through the governance contract after their delay. Every call is
/// expected to succeed unless a rule refuses it, and then only with that rule's error (`ExpectedReverts`); breaches of
/// per-action rules go to ghost counters the invariants read.
contract MarketHandler is MarketHandlerBase, IVaultList {
    DevERC20[2] internal cols;
    DevPriceFeed[3] internal feeds; // usdc, weth, wbtc
    int256[3] internal minP;
    int256[3] internal maxP;
    address internal constant KEEPER = address(0x2001);

    uint256[] public vaultIds;
    uint256 public ltvBreaches;
    uint256 public liquidationHealthDrops;
    uint256 public liquidations;
    /// @dev Liquidation attempts refused for a reason the rules give (the vault healthy or emptied, a seizure that
    /// lowers health, an unpriced asset, a repayment below what a whole-balance seizure requires).
    uint256 public liquidationRefusals;
    /// @dev Ghosts for the liquidation rules (issue #12): bad debt written off while collateral covered the debt; a
    /// liquidatable vault (HF < 1, something priced to seize) that no liquidation could clear; a liquidation that
    /// reverted for a reason the rules do not give; a liquidator paid beyond the discount at the vault's starting
    /// health.
    uint256 public solventWriteOffs;
    uint256 public unliquidatable;
    uint256 public unexpectedLiquidationReverts;
    uint256 public overpaidLiquidations;
    /// @dev Ghosts for the reputation bonus (audit 2026-12-01-b R-5): the market's reported limit or liquidation value
    /// moved by the bonus; a vault left after an action with a health factor under 2 × LV ÷ (BL + LV of the lending
    /// collaterals); a borrow that panicked on the source's answer; a liquidation whose outcome depended on the source.
    uint256 public healthTouched;
    uint256 public hfUnderBound;
    uint256 public bonusPanics;
    uint256 public bonusChangedLiquidation;

    KeelOracle internal oracle;
    KeelRiskAdmin internal riskAdmin;
    address internal admin;
    FlashBorrower internal flashBorrower;
    /// @dev The flash borrower's own vault (`flashRefinance`), zero before the first.
    uint256 internal fbVault;
    /// @dev A pending delayed change (its id) and when it was proposed.
    uint256 internal pendingLtChange;
    uint256 internal pendingLtAt;
    uint256 internal pendingFreeze;
    uint256 internal pendingFreezeAt;
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
        DevERC20 w,
        DevERC20 b,
        DevPriceFeed fu,
        DevPriceFeed fw,
        DevPriceFeed fb,
        KeelRiskAdmin ra,
        address admin_,
        MockReputation rep_,
        KeelLenderVault lv_
    ) MarketHandlerBase(m, lv_) {
        rep = rep_;
        oracle = ra.oracle();
        riskAdmin = ra;
        admin = admin_;
        flashBorrower = new FlashBorrower(m);
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
        _approveFlashBorrower();
        colFlash = new CollateralFlashActor(m, [address(w), address(b)]);
    }

    function vaultCount() external view returns (uint256) {
        return vaultIds.length;
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
            uint256 v = bal * _priceOrZero(t) / 10 ** cols[k].decimals();
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

    /// @dev `asset`'s oracle price, zero when it has none (stale, out of bounds).
    function _priceOrZero(address asset) internal view returns (uint256 p) {
        try oracle.price(asset) returns (uint256 p_) {
            p = p_;
        } catch {}
    }

    /// @dev Base units vault `id` can surely still borrow within its base limit: (limit − debt value) at the base
    /// price, less 3 units for the rounding of new debt shares (up) and of the debt value (up).
    function _room(uint256 id) internal view returns (uint256) {
        (, uint256 limit,, uint256 dv,) = market.vaultHealth(id);
        if (limit <= dv) return 0;
        uint256 r = (limit - dv) * 1e6 / oracle.price(address(usdc));
        return r > 3 ? r - 3 : 0;
    }

    /// @dev `who` borrows `amount` from vault `id`: it must succeed within the vault's base limit and the cash; past
    /// the cash it is refused with InsufficientLiquidity; past the base limit it may be refused with ExceedsLtv (the
    /// owner's bonus may allow it) and, if not, the vault must be within the owner's boosted limit.
    function _borrow(string memory action, uint256 id, uint256 amount, address who) internal returns (bool ok) {
        uint256 room = _room(id);
        uint256 cash = market.cash();
        vm.prank(who);
        try market.borrow(id, amount, who) {
            if (amount > cash) _unexpected(string.concat(action, ": borrowed past the cash"), "");
            if (!_withinLtv(id)) ltvBreaches++;
            _count(action);
            return true;
        } catch (bytes memory err) {
            if (_isPanic(err)) bonusPanics++;
            if (amount > cash) _only(action, err, IKeelMarket.InsufficientLiquidity.selector);
            else if (amount <= room) _only(action, err);
            else _only(action, err, IKeelMarket.ExceedsLtv.selector);
        }
    }

    /// @dev Whether `err` is a panic (0x4e487b71: overflow and the like).
    function _isPanic(bytes memory err) internal pure returns (bool) {
        return err.length >= 4 && bytes4(err) == 0x4e487b71;
    }

    /// @dev `who` deposits `amount` of `t` into vault `id`: refused only past the collateral's supply cap.
    function _deposit(string memory action, address who, uint256 id, DevERC20 t, uint256 amount)
        internal
        returns (bool ok)
    {
        t.mint(who, amount);
        uint256 pre = t.balanceOf(address(market));
        bool over = pre + amount > _effectiveCap(t) || market.collateralOf(id, address(t)) + amount > type(uint112).max;
        vm.prank(who);
        try market.depositCollateral(id, address(t), amount) {
            if (over) ++capBreaches; // taken past the cap
            if (t.balanceOf(address(market)) != pre + amount) ++capBreaches; // not received whole
            _count(action);
            return true;
        } catch (bytes memory err) {
            if (!over) {
                _unexpected(action, err); // refused under the cap
            } else {
                _only(action, err, IKeelMarket.SupplyCapExceeded.selector, IKeelMarket.VaultCollateralTooLarge.selector);
            }
        }
    }

    /// @dev The cap a deposit is held to: the supply cap, at most 2^112 - 1.
    function _effectiveCap(DevERC20 t) internal view returns (uint256 cap) {
        cap = market.collateralInfo(address(t)).supplyCap;
        if (cap > type(uint112).max) cap = type(uint112).max;
    }

    /// @dev Ghosts for the supply-cap rule (issue #12): deposits taken past min(cap, 2^112 - 1) or not received whole;
    /// collateral sent to the market directly, per collateral.
    uint256 public capBreaches;
    uint256[2] public donated;

    /// @dev A stranger sends collateral to the market directly: it takes cap room and is nobody's.
    function donate(uint256 c, uint256 amount) external tracked {
        amount = bound(amount, 1, c % 2 == 0 ? 5e18 : 2e8);
        cols[c % 2].mint(address(0xD0D0), amount);
        vm.prank(address(0xD0D0));
        cols[c % 2].transfer(address(market), amount);
        donated[c % 2] += amount;
        _count("donate");
    }

    function _open(address a) internal returns (uint256 id) {
        vm.prank(a);
        id = market.openVault();
        vaultIds.push(id);
    }

    function openAndDeposit(uint256 s, uint256 c, uint256 amount) external tracked {
        address a = _actor(s);
        amount = bound(amount, 1, c % 2 == 0 ? 100e18 : 5e8);
        _deposit("open and deposit", a, _open(a), cols[c % 2], amount);
    }

    /// @dev Opens a vault with both collaterals (so cross-margin rules are exercised) and borrows 85-100 % of what it
    /// can surely borrow (which must succeed).
    function openBorrowed(uint256 s, uint256 amount, uint256 pct) external tracked {
        address a = _actor(s);
        uint256 id = _open(a);
        if (!_deposit("open borrowed: deposit", a, id, cols[0], bound(amount, 0.1e18, 50e18))) return;
        if (pct % 2 == 0 && !_deposit("open borrowed: deposit", a, id, cols[1], bound(amount >> 128, 1e5, 2e8))) {
            return;
        }
        uint256 amt = _room(id) * bound(pct, 85, 100) / 100;
        if (amt == 0 || amt > market.cash()) return;
        _borrow("openBorrowed", id, amt, a);
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
        amount = bound(amount, 1, c % 2 == 0 ? 100e18 : 5e8);
        _deposit("deposit", market.vaultOwner(id), id, cols[c % 2], amount);
    }

    /// @dev Anyone may deposit into any vault (a stranger's 1 wei included).
    function depositForOther(uint256 s, uint256 v, uint256 c, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        amount = bound(amount, 1, c % 2 == 0 ? 1e18 : 1e6);
        _deposit("deposit for another", _actor(s), id, cols[c % 2], amount);
    }

    /// @dev A stranger's 1-wei deposit of either collateral (the griefing the audit tried): it must never make a
    /// liquidatable vault unliquidatable (checked by `liquidateAny`).
    function dustDeposit(uint256 s, uint256 v, uint256 c) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        _deposit("dust deposit", _actor(s), id, cols[c % 2], 1);
    }

    /// @dev A withdrawal of up to the balance + 1: past the balance refused with InsufficientCollateral; without debt it
    /// must succeed; with debt it may be refused with ExceedsLtv, and if not the vault must be within its limit.
    function withdrawCollateral(uint256 v, uint256 c, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address t = address(cols[c % 2]);
        uint256 bal = market.collateralOf(id, t);
        amount = bound(amount, 1, bal + 1);
        address a = market.vaultOwner(id);
        bool debt = market.debtOf(id) != 0;
        vm.prank(a);
        try market.withdrawCollateral(id, t, amount, a) {
            if (amount > bal) _unexpected("withdrawCollateral past the balance", "");
            if (!_withinLtv(id)) ltvBreaches++;
            _count("withdraw");
        } catch (bytes memory err) {
            if (amount > bal) _only("withdrawCollateral", err, IKeelMarket.InsufficientCollateral.selector);
            else if (!debt) _only("withdrawCollateral", err);
            else _only("withdrawCollateral", err, IKeelMarket.ExceedsLtv.selector);
        }
    }

    /// @dev Mostly near the limit (so price moves make vaults liquidatable), at times a little past it.
    function borrow(uint256 v, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        uint256 room = _room(id);
        if (room == 0) return;
        amount = bound(amount, room * 9 / 10, room + room / 50 + 3);
        if (amount == 0) return;
        _borrow("borrow", id, amount, market.vaultOwner(id));
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
        _borrow("boostedBorrow", id, amount, market.vaultOwner(id));
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
        _count("setBonus");
    }

    function revokeBonus(uint256 s) external tracked {
        rep.revoke(_actor(s));
        _count("revokeBonus");
    }

    /// @dev The owner borrows and hands the vault to another actor (who made it its operator, so the move is direct) in
    /// ONE multicall: the lent-bonus pattern, checked at the batch's end against the final owner.
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
            if (market.vaultOwner(id) != to) _unexpected("borrowAndTransferBatch: not moved", "");
            if (!_withinLtv(id)) ltvBreaches++;
            _count("borrowAndTransferBatch");
        } catch (bytes memory err) {
            if (_isPanic(err)) bonusPanics++;
            _only(
                "borrowAndTransferBatch",
                err,
                IKeelMarket.ExceedsLtv.selector,
                IKeelMarket.InsufficientLiquidity.selector
            );
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
            (pendingFreeze, pendingFreezeAt) = _propose(
                "propose freeze",
                address(cols[1]),
                CollateralParams(ltv, info.liquidationThreshold, info.maxDiscount, info.supplyCap)
            );
        } else {
            _execute("execute freeze", pendingFreeze, pendingFreezeAt);
            pendingFreeze = 0;
        }
    }

    /// @dev A delayed risk change: WETH's LT (and LTV) lowered by 1-3 points, proposed, then executed after the delay.
    function lowerWethLt(uint256 pts) external tracked {
        if (pendingLtChange == 0) {
            CollateralInfo memory info = market.collateralInfo(address(cols[0]));
            uint64 step = uint64(bound(pts, 1, 3)) * 0.01e18;
            if (info.liquidationThreshold < 0.6e18) return;
            (pendingLtChange, pendingLtAt) = _propose(
                "propose LT cut",
                address(cols[0]),
                CollateralParams(info.ltv - step, info.liquidationThreshold - step, info.maxDiscount, info.supplyCap)
            );
        } else {
            _execute("execute LT cut", pendingLtChange, pendingLtAt);
            pendingLtChange = 0;
        }
    }

    /// @dev Proposes new parameters for `asset` through the risk admin (valid values: must succeed).
    function _propose(string memory action, address asset, CollateralParams memory p)
        internal
        returns (uint256 id, uint256 proposedAt)
    {
        vm.prank(admin);
        try riskAdmin.proposeCollateral(address(market), asset, p) returns (uint256 id_) {
            _count(action);
            return (id_, block.timestamp);
        } catch (bytes memory err) {
            _only(action, err);
        }
    }

    /// @dev Waits out the delay and executes change `id` (proposed at `at`): it must succeed within its grace period;
    /// past it, it is refused with ChangeExpired and then cancelled (which must succeed).
    function _execute(string memory action, uint256 id, uint256 proposedAt) internal {
        vm.warp(block.timestamp + riskAdmin.delay());
        _refreshFeeds();
        bool expired = block.timestamp > proposedAt + riskAdmin.delay() + riskAdmin.GRACE_PERIOD();
        vm.prank(admin);
        try riskAdmin.executeChange(id) {
            if (expired) _unexpected(string.concat(action, ": executed after expiry"), "");
            _count(action);
        } catch (bytes memory err) {
            if (!expired) {
                _only(action, err);
                return;
            }
            _only(action, err, KeelRiskAdmin.ChangeExpired.selector);
            vm.prank(admin);
            try riskAdmin.cancelChange(id) {}
            catch (bytes memory e) {
                _only("cancel an expired change", e);
            }
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
        try market.repay(id, amount) {
            _count("repay");
        } catch (bytes memory err) {
            _only("repay", err);
        }
    }

    /// @dev The owner borrows and deposits in one multicall (deferred LTV check).
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
        uint256 pre = t.balanceOf(address(market));
        bool over = pre + amount > _effectiveCap(t);
        vm.prank(a);
        try market.multicall(data) {
            if (!_withinLtv(id)) ltvBreaches++;
            if (over || t.balanceOf(address(market)) != pre + amount) ++capBreaches; // past the cap, or not whole
            _count("batch");
        } catch (bytes memory err) {
            if (_is(err, IKeelMarket.SupplyCapExceeded.selector) && !over) _unexpected("batch", err);
            _only(
                "batch",
                err,
                IKeelMarket.ExceedsLtv.selector,
                IKeelMarket.InsufficientLiquidity.selector,
                IKeelMarket.SupplyCapExceeded.selector
            );
        }
    }

    function movePrice(uint256 f, uint256 pctSeed) external tracked {
        uint256 i = f % 3;
        (, int256 p,,,) = feeds[i].latestRoundData();
        int256 pct = int256(bound(pctSeed, 0, 40)) - 20; // -20% .. +20%
        _setClamped(i, p * (100 + pct) / 100);
        _count("price");
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
        _count("crash");
    }

    function warp(uint256 dt) external tracked {
        dt = bound(dt, 1, 3 days);
        vm.warp(block.timestamp + dt);
        _refreshFeeds();
        _count("warp");
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
        _count("breakFeed");
    }

    /// @dev The owner lets another actor operate its vaults; the operator borrows (as the owner would be treated),
    /// withdraws a unit of collateral without debt; once revoked, the operator is refused with Unauthorized.
    function operatorBorrow(uint256 v, uint256 s, uint256 amount) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address owner_ = market.vaultOwner(id);
        address op = _actor(s);
        if (op == owner_) return;
        vm.prank(owner_);
        market.setOperator(op, true);
        amount = bound(amount, 1, 50_000e6);
        _borrow("operator borrow", id, amount, op);
        vm.prank(owner_);
        market.setOperator(op, false);
        vm.prank(op);
        try market.borrow(id, 1, op) {
            _unexpected("a revoked operator borrowed", "");
        } catch (bytes memory err) {
            _only("revoked operator borrow", err, IKeelMarket.Unauthorized.selector);
        }
    }

    /// @dev Two-step transfer: the owner offers the vault (no checks at the offer), a stranger's accept is refused with
    /// NotOffered, then the new owner accepts (refused with ExceedsLtv only when the vault has debt beyond its limit;
    /// otherwise the vault must be within it) or the owner withdraws the offer (a later accept is refused).
    function transferVault(uint256 v, uint256 s, bool cancel) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        address from = market.vaultOwner(id);
        address to = _actor(s);
        if (to == from || market.isOperator(to, from)) return;
        address stranger = _actorAfter(s, 1) == from ? _actorAfter(s, 2) : _actorAfter(s, 1);
        vm.prank(from);
        try market.transferVault(id, to) {}
        catch (bytes memory err) {
            _only("transferVault offer", err);
            return;
        }
        if (market.pendingVaultOwner(id) != to || market.vaultOwner(id) != from) _unexpected("offer not recorded", "");
        _acceptRefused(id, stranger);
        if (cancel) {
            vm.prank(from);
            try market.transferVault(id, from) {}
            catch (bytes memory err) {
                _only("withdraw a vault offer", err);
                return;
            }
            _acceptRefused(id, to);
            _count("transferVaultCancelled");
            return;
        }
        bool debt = market.debtOf(id) != 0;
        vm.prank(to);
        try market.acceptVault(id) {
            if (market.vaultOwner(id) != to || market.pendingVaultOwner(id) != address(0)) {
                _unexpected("accepted vault not moved", "");
            }
            // A vault with debt changes hands only within its new owner's limit (no lent bonus).
            if (!_withinLtv(id)) ltvBreaches++;
            _count("transferVault");
        } catch (bytes memory err) {
            if (debt) _only("acceptVault", err, IKeelMarket.ExceedsLtv.selector);
            else _only("acceptVault", err);
        }
    }

    /// @dev `who` accepting vault `id` is refused with NotOffered.
    function _acceptRefused(uint256 id, address who) internal {
        vm.prank(who);
        try market.acceptVault(id) {
            _unexpected("accepted a vault not offered to it", "");
        } catch (bytes memory err) {
            _only("acceptVault not offered", err, IKeelMarket.NotOffered.selector);
        }
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
            _count("withdrawRepayBatch");
        } catch (bytes memory err) {
            _only("withdrawRepayBatch", err, IKeelMarket.ExceedsLtv.selector);
        }
    }

    /// @dev A flash loan whose callback repays part of a vault's debt (anyone may repay): must succeed.
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
        try market.flashLoan(flashBorrower, address(usdc), amount, "") {
            _count("flashRepay");
        } catch (bytes memory err) {
            _only("flashRepay", err);
        }
        _approveFlashBorrower();
    }

    /// @dev The flash borrower's own vault (WETH, topped up by a stranger's deposit): a flash loan whose callback
    /// borrows against it (within what it can surely borrow and the cash on hand: must succeed), or one whose callback
    /// repays all its debt and withdraws all its collateral (the unwinding a leverage router does: must succeed).
    function flashRefinance(uint256 wAmt, uint256 seed, bool unwind) external tracked {
        if (fbVault == 0 || market.vaultOwner(fbVault) != address(flashBorrower)) {
            fbVault = flashBorrower.openVault();
            vaultIds.push(fbVault);
        }
        _deposit("deposit into the flash borrower's vault", _actor(seed), fbVault, cols[0], bound(wAmt, 0.1e18, 10e18));
        uint256 debt = market.debtOf(fbVault);
        uint256 cash = market.cash();
        bytes[] memory inner;
        uint256 loan;
        if (unwind && debt != 0) {
            loan = debt + 1;
            if (loan > cash) return;
            inner = new bytes[](2);
            inner[0] = abi.encodeCall(IKeelMarket.repay, (fbVault, type(uint256).max));
            inner[1] = abi.encodeCall(
                IKeelMarket.withdrawCollateral,
                (fbVault, address(cols[0]), market.collateralOf(fbVault, address(cols[0])), address(flashBorrower))
            );
        } else {
            uint256 b = _room(fbVault) / 2;
            if (b == 0 || b >= cash) return;
            loan = bound(seed, 1, cash - b); // the borrow comes out of the cash on hand
            inner = new bytes[](1);
            inner[0] = abi.encodeCall(IKeelMarket.borrow, (fbVault, b, address(flashBorrower)));
        }
        // What a swap of the seized or borrowed assets would bring back, to repay the loan and its fee.
        usdc.mint(address(flashBorrower), loan + market.flashFee(address(usdc), loan));
        flashBorrower.setCalls(inner);
        try market.flashLoan(flashBorrower, address(usdc), loan, "") {
            if (
                unwind && debt != 0
                    && (market.debtOf(fbVault) != 0 || market.collateralOf(fbVault, address(cols[0])) != 0)
            ) {
                _unexpected("flash unwind left debt or collateral", "");
            }
            if (!_withinLtv(fbVault)) ltvBreaches++;
            _count(unwind && debt != 0 ? "flashUnwind" : "flashBorrow");
        } catch (bytes memory err) {
            _only(unwind && debt != 0 ? "flash: repay all, withdraw all" : "flash: borrow", err);
        }
        _approveFlashBorrower();
    }

    /// @dev The flash borrower approves the market for every token again (a loan leaves its base allowance at zero),
    /// so the owner actions other handlers run on its vault can pay.
    function _approveFlashBorrower() internal {
        flashBorrower.approve(address(usdc), address(market), type(uint256).max);
        flashBorrower.approve(address(cols[0]), address(market), type(uint256).max);
        flashBorrower.approve(address(cols[1]), address(market), type(uint256).max);
    }

    /* COLLATERAL INSIDE A FLASH LOAN'S CALLBACK AND IN BATCHES: every deposit there is held to the cap model */

    /// @dev The collateral flash borrower (its mid-loan cap check: CollateralFlashActor) and its own vault (zero
    /// before the first; a new one when a transfer took it away).
    CollateralFlashActor public colFlash;
    uint256 internal cfVault;

    uint8 internal constant DEPOSIT = 1;
    uint8 internal constant WITHDRAW = 2; // a withdrawal, or a seizure (`debt` false: no LTV check)
    uint8 internal constant FLASH = 3; // a flash loan, refused in a batch

    /// @dev One collateral call, for the cap model (`_model`).
    struct Op {
        uint8 kind;
        uint256 amount;
    }

    /// @dev One list of collateral calls: the collateral; the vault deposited into and the actor's vault withdrawn
    /// from (may be one); the market's balance before and the cap; both vaults' balances before; the deposit and the
    /// withdrawal (zero: none); whether the vault withdrawn from has debt when the withdrawal runs.
    struct ColCall {
        DevERC20 t;
        uint256 into;
        uint256 mine;
        uint256 pre;
        uint256 cap;
        uint256 intoBefore;
        uint256 mineBefore;
        uint256 amount;
        uint256 w;
        bool debt;
    }

    /// @dev What `ops` on one collateral must do, from the market's balance `pre` under `cap`: `must`, the error they
    /// must be refused with (zero: none forced) — FlashLoanInBatch at a flash loan, SupplyCapExceeded at the first
    /// deposit that takes the balance past the cap; `ltvMay`, whether ExceedsLtv may refuse them instead (a withdrawal
    /// with `debt`, checked when it runs or, `deferred` in a batch, at its end, which a forced error comes before);
    /// `post`, the balance after them all. The flash loan's base never moves a collateral balance.
    function _model(Op[] memory ops, uint256 pre, uint256 cap, bool debt, bool deferred)
        internal
        pure
        returns (bytes4 must, bool ltvMay, uint256 post)
    {
        post = pre;
        bool atEnd;
        for (uint256 i; i < ops.length; ++i) {
            Op memory o = ops[i];
            if (o.kind == FLASH) return (IKeelMarket.FlashLoanInBatch.selector, ltvMay, post);
            if (o.kind == DEPOSIT) {
                if (post + o.amount > cap) return (IKeelMarket.SupplyCapExceeded.selector, ltvMay, post);
                post += o.amount;
            } else {
                if (debt && deferred) atEnd = true;
                else if (debt) ltvMay = true;
                post -= o.amount;
            }
        }
        ltvMay = ltvMay || atEnd;
    }

    /// @dev Sets `k.amount`, a deposit into `k.into`, and `k.w`, a withdrawal from `k.mine` (zero: none; only when
    /// `withdraws`) before the deposit (`withdrawFirst`) or after it. The deposit, by `seed`'s mode: 0, the cap's
    /// boundary — exactly the room left, then a withdrawal from the same vault at least as large, or exactly what a
    /// withdrawal before it freed; 1, a unit past the room left at its turn (refused); 2, a little within that room;
    /// 3, 1 to 100 WETH or 5 WBTC. Where a mode does not fit (no room, no withdrawal), mode 1's. The boundary is
    /// reached but not kept: a balance left at the cap would refuse every other deposit of the run (the keeper's own
    /// included).
    function _amounts(ColCall memory k, bool withdraws, bool withdrawFirst, uint256 seed, uint256 w) internal view {
        uint256 max = k.t == cols[0] ? 100e18 : 5e8;
        uint256 mode = seed % 4;
        k.w = withdrawFirst ? bound(w, 0, k.mineBefore) : 0;
        uint256 held = k.pre - k.w;
        uint256 room = k.cap > held ? k.cap - held : 0;
        uint256 little = _min(room / 4, max / 10);
        if (mode == 0 && withdrawFirst) k.amount = k.w;
        else if (mode == 0 && withdraws && k.into == k.mine) k.amount = room;
        else if (mode == 2 && little != 0) k.amount = bound(seed >> 2, 1, little);
        else if (mode == 3) k.amount = bound(seed >> 2, 1, max);
        if (k.amount == 0) k.amount = room + 1;
        if (withdraws && !withdrawFirst) {
            uint256 avail = k.mineBefore + (k.into == k.mine ? k.amount : 0);
            k.w = bound(w, mode == 0 ? _min(k.amount, avail) : 0, avail);
        }
    }

    /// @dev Calls on collateral `cols[c % 2]` that withdraw from vault `mine` and deposit into it or, with `toOther`,
    /// into the vault `v` picks (if any): the market's balance, the cap and both vaults' balances, read now.
    function _colCall(uint256 c, uint256 mine, uint256 v, bool toOther) internal view returns (ColCall memory k) {
        k.t = cols[c % 2];
        k.mine = mine;
        (uint256 other, bool ok) = _vault(v);
        k.into = ok && toOther ? other : mine;
        (k.pre, k.cap) = (k.t.balanceOf(address(market)), _effectiveCap(k.t));
        (k.intoBefore, k.mineBefore) =
        (market.collateralOf(k.into, address(k.t)), market.collateralOf(mine, address(k.t)));
    }

    /// @dev The collateral flash borrower's vault, opened (and listed) when it has none.
    function _cfVault() internal returns (uint256) {
        if (cfVault == 0 || market.vaultOwner(cfVault) != address(colFlash)) {
            cfVault = colFlash.openVault();
            vaultIds.push(cfVault);
        }
        return cfVault;
    }

    /// @dev Checks a refusal against the model: `must` if forced, ExceedsLtv if `ltvMay`, nothing else.
    function _onlyModel(string memory action, bytes memory err, bytes4 must, bool ltvMay) internal {
        if (must == 0 && !ltvMay) _only(action, err);
        else if (must == 0) _only(action, err, IKeelMarket.ExceedsLtv.selector);
        else if (!ltvMay) _only(action, err, must);
        else _only(action, err, must, IKeelMarket.ExceedsLtv.selector);
    }

    /// @dev After `k`'s calls succeeded: a forced refusal must not have been skipped (past the cap: a cap breach), the
    /// market's balance is the model's `post`, the vault deposited into gained the deposit and the vault withdrawn from
    /// lost the withdrawal (both, when they are one).
    function _checkColCall(string memory action, ColCall memory k, bytes4 must, uint256 post) internal {
        if (must == IKeelMarket.SupplyCapExceeded.selector) ++capBreaches;
        if (must != 0) _unexpected(string.concat(action, ": refused call succeeded"), "");
        address a = address(k.t);
        if (k.t.balanceOf(address(market)) != post) ++capBreaches;
        if (k.into == k.mine) {
            if (market.collateralOf(k.mine, a) != k.mineBefore + k.amount - k.w) ++capBreaches;
        } else {
            if (market.collateralOf(k.into, a) != k.intoBefore + k.amount) ++capBreaches;
            if (market.collateralOf(k.mine, a) != k.mineBefore - k.w) ++capBreaches;
        }
    }

    /// @dev Collateral moves inside a flash loan's callback (a base loan of 1 to the whole cash), by the collateral
    /// flash borrower: a deposit (into its vault or, as anyone may, another), a deposit then a withdrawal from its
    /// vault, a withdrawal then a deposit, or either pair as a multicall inside the callback; one time in three it
    /// first borrows against its vault (half of what it surely can, within the cash on hand). The amounts reach the cap
    /// exactly, pass it by a unit, or fall within it (`_amounts`): refused as the model says, and checked mid-loan by
    /// the actor; after the loan, the balances moved exactly as the calls say.
    function flashCollateral(uint256 v, uint256 c, uint256 amount, uint256 w, uint256 seed) external tracked {
        uint256 cash = market.cash();
        if (cash == 0) return;
        ColCall memory k = _colCall(c, _cfVault(), v, (seed >> 8) % 2 == 1);
        // 0: a deposit; 1: a deposit, a withdrawal; 2: a withdrawal, a deposit; 3: 1 or 2 as a multicall
        uint256 seq = seed % 4;
        bool withdrawFirst = seq == 2 || (seq == 3 && (seed >> 24) % 2 == 0);
        _amounts(k, seq != 0, withdrawFirst, amount, w);
        uint256 loan = bound(seed >> 32, 1, cash);
        uint256 b;
        if ((seed >> 16) % 3 == 0) b = _min(_room(k.mine) / 2, cash - loan);
        k.debt = b != 0 || market.debtOf(k.mine) != 0;
        _runColFlash(k, seq == 3, withdrawFirst, b, loan);
    }

    /// @dev The loan of `flashCollateral`: its calls as one multicall (`batched`) or not, a borrow of `b` first (zero:
    /// none).
    function _runColFlash(ColCall memory k, bool batched, bool withdrawFirst, uint256 b, uint256 loan) internal {
        (address[] memory t, bytes[] memory d, address[] memory watch, Op[] memory ops) =
            _flashColCalls(k, batched, withdrawFirst, b);
        (bytes4 must, bool ltvMay, uint256 post) = _model(ops, k.pre, k.cap, k.debt, batched);
        k.t.mint(address(colFlash), k.amount);
        usdc.mint(address(colFlash), market.flashFee(address(usdc), loan));
        colFlash.setCalls(t, d);
        colFlash.setWatch(watch);
        string memory action = batched
            ? "flash: collateral multicall"
            : k.w == 0 ? "flash: deposit" : withdrawFirst ? "flash: withdraw, deposit" : "flash: deposit, withdraw";
        try market.flashLoan(colFlash, address(usdc), loan, "") {
            _checkColCall(action, k, must, post);
            // Checked only after what the engine checks (a deposit alone leaves a vault a price move took over it).
            if ((k.w != 0 || b != 0) && !_withinLtv(k.mine)) ltvBreaches++;
            _count(action);
        } catch (bytes memory err) {
            _onlyModel(action, err, must, ltvMay);
        }
    }

    /// @dev The collateral flash borrower's calls for `flashCollateral` (its borrow of `b` first, when not zero), the
    /// collateral each deposits (for the actor's mid-loan check) and the model's list.
    function _flashColCalls(ColCall memory k, bool batched, bool withdrawFirst, uint256 b)
        internal
        view
        returns (address[] memory t, bytes[] memory d, address[] memory watch, Op[] memory ops)
    {
        ops = new Op[](k.w == 0 ? 1 : 2);
        if (k.w == 0) ops[0] = Op(DEPOSIT, k.amount);
        else if (withdrawFirst) (ops[0], ops[1]) = (Op(WITHDRAW, k.w), Op(DEPOSIT, k.amount));
        else (ops[0], ops[1]) = (Op(DEPOSIT, k.amount), Op(WITHDRAW, k.w));
        bytes[] memory inner = new bytes[](ops.length);
        for (uint256 i; i < ops.length; ++i) {
            inner[i] = ops[i].kind == DEPOSIT
                ? abi.encodeCall(IKeelMarket.depositCollateral, (k.into, address(k.t), k.amount))
                : abi.encodeCall(IKeelMarket.withdrawCollateral, (k.mine, address(k.t), k.w, address(colFlash)));
        }
        uint256 n = (b != 0 ? 1 : 0) + (batched ? 1 : ops.length);
        (t, d, watch) = (new address[](n), new bytes[](n), new address[](n));
        uint256 j;
        if (b != 0) {
            (t[0], d[0]) = (address(market), abi.encodeCall(IKeelMarket.borrow, (k.mine, b, address(colFlash))));
            ++j;
        }
        if (batched) {
            // Only a withdrawal may follow the deposit in the batch: nothing adds to the balance after it.
            (t[j], d[j], watch[j]) = (address(market), abi.encodeCall(IKeelMarket.multicall, (inner)), address(k.t));
            return (t, d, watch, ops);
        }
        for (uint256 i; i < ops.length; ++i) {
            (t[j], d[j]) = (address(market), inner[i]);
            if (ops[i].kind == DEPOSIT) watch[j] = address(k.t);
            ++j;
        }
    }

    /// @dev A vault's owner moves its collateral in ONE multicall: a withdrawal and a deposit in either order and,
    /// one time in two, a flash loan first or last, which a batch refuses (FlashLoanInBatch), undoing the deposit with
    /// it. The amounts reach the cap exactly, pass it by a unit, or fall within it (`_amounts`); refused as the model
    /// says (the withdrawal's LTV check is deferred to the batch's end). A refused batch leaves the balance.
    function batchCollateral(uint256 v, uint256 c, uint256 amount, uint256 w, uint256 seed) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (!ok) return;
        ColCall memory k = _colCall(c, id, 0, false);
        bool withdrawFirst = seed % 2 == 0;
        uint256 flashAt = (seed >> 8) % 4; // 0: first, 1: last, else none
        _amounts(k, true, withdrawFirst, amount, w);
        k.debt = market.debtOf(id) != 0;
        _runColBatch(k, withdrawFirst, flashAt);
    }

    /// @dev The multicall of `batchCollateral`, by the vault's owner.
    function _runColBatch(ColCall memory k, bool withdrawFirst, uint256 flashAt) internal {
        (bytes[] memory data, Op[] memory ops) = _colBatch(k, withdrawFirst, flashAt);
        (bytes4 must, bool ltvMay, uint256 post) = _model(ops, k.pre, k.cap, k.debt, true);
        address a = market.vaultOwner(k.mine);
        k.t.mint(a, k.amount);
        string memory action = flashAt < 2 ? "collateral batch with a flash loan" : "collateral batch";
        vm.prank(a);
        try market.multicall(data) {
            _checkColCall(action, k, must, post);
            if (k.debt && k.w != 0 && !_withinLtv(k.mine)) ltvBreaches++;
            _count(action);
        } catch (bytes memory err) {
            if (k.t.balanceOf(address(market)) != k.pre) ++capBreaches; // a refused batch moved the balance
            _onlyModel(action, err, must, ltvMay);
        }
    }

    /// @dev The batch of `batchCollateral` and the model's list.
    function _colBatch(ColCall memory k, bool withdrawFirst, uint256 flashAt)
        internal
        view
        returns (bytes[] memory data, Op[] memory ops)
    {
        uint256 n = 1 + (k.w != 0 ? 1 : 0) + (flashAt < 2 ? 1 : 0);
        (data, ops) = (new bytes[](n), new Op[](n));
        uint256 j;
        if (flashAt == 0) ops[j++] = Op(FLASH, 0);
        if (k.w != 0 && withdrawFirst) ops[j++] = Op(WITHDRAW, k.w);
        ops[j++] = Op(DEPOSIT, k.amount);
        if (k.w != 0 && !withdrawFirst) ops[j++] = Op(WITHDRAW, k.w);
        if (flashAt == 1) ops[j++] = Op(FLASH, 0);
        address owner_ = market.vaultOwner(k.mine);
        for (uint256 i; i < n; ++i) {
            uint8 kind = ops[i].kind;
            if (kind == FLASH) {
                data[i] = abi.encodeCall(IKeelMarket.flashLoan, (colFlash, address(usdc), 1, ""));
            } else if (kind == DEPOSIT) {
                data[i] = abi.encodeCall(IKeelMarket.depositCollateral, (k.mine, address(k.t), k.amount));
            } else {
                data[i] = abi.encodeCall(IKeelMarket.withdrawCollateral, (k.mine, address(k.t), k.w, owner_));
            }
        }
    }

    /// @dev A flash liquidation: inside the callback the collateral flash borrower repays a liquidatable vault's debt
    /// with the loan, which takes the seized collateral out of the market (its balance falls mid-loan), and deposits
    /// it — one time in three a unit more — into its own vault. The seizure is measured first on a copy of the state.
    /// The room the seizure freed is the seized amount only: the balance ends where it began (a unit more), and the
    /// extra unit must be refused (SupplyCapExceeded) exactly when it would take the balance past the cap. The vault
    /// is one under water from `v` on, or one the keeper's crash takes under (`_takeUnderwater`).
    function flashLiquidateRedeposit(uint256 v, uint256 c, uint256 pct) external tracked {
        uint256 id = _liquidatableFrom(v);
        if (id == 0) id = _takeUnderwater(v, pct);
        if (id == 0 || !_liquidatable(id)) return;
        ColCall memory k;
        k.t = cols[c % 2];
        if (market.collateralOf(id, address(k.t)) == 0 || _priceOrZero(address(k.t)) == 0) k.t = cols[1 - c % 2];
        if (market.collateralOf(id, address(k.t)) == 0 || _priceOrZero(address(k.t)) == 0) return;
        uint256 loan = market.debtOf(id) + 1;
        if (loan > market.cash()) return;
        usdc.mint(address(colFlash), loan + market.flashFee(address(usdc), loan)); // what selling the seizure brings
        (bool done, uint256 seized, bytes memory err) = _seizure(id, address(k.t));
        if (!done) {
            if (_allowedRefusal(err)) {
                ++liquidationRefusals;
            } else {
                unexpectedLiquidationReverts++;
                _unexpected("flash: liquidate, redeposit", err);
            }
            return;
        }
        (k.into, k.mine) = (_cfVault(), id); // `mine`: the vault the seizure (a withdrawal for the model) debits
        k.amount = seized + (pct % 3 == 0 ? 1 : 0);
        if (k.amount == 0) return;
        k.w = seized;
        (k.pre, k.cap) = (k.t.balanceOf(address(market)), _effectiveCap(k.t));
        (k.intoBefore, k.mineBefore) =
        (market.collateralOf(k.into, address(k.t)), market.collateralOf(id, address(k.t)));
        _flashLiquidate(k, loan);
    }

    /// @dev `liquidate(id, asset, everything, 0)` by the collateral flash borrower on a copy of the state: whether it
    /// liquidated, what it seized, or its error.
    function _seizure(uint256 id, address asset) internal returns (bool done, uint256 seized, bytes memory err) {
        uint256 snap = vm.snapshotState();
        vm.prank(address(colFlash));
        try market.liquidate(id, asset, type(uint256).max, 0) returns (uint256, uint256 s_) {
            (done, seized) = (true, s_);
        } catch (bytes memory e) {
            err = e;
        }
        vm.revertToState(snap);
    }

    /// @dev The loan of `flashLiquidateRedeposit`: liquidate vault `k.mine`, deposit `k.amount` into `k.into`.
    function _flashLiquidate(ColCall memory k, uint256 loan) internal {
        Op[] memory ops = new Op[](2);
        (ops[0], ops[1]) = (Op(WITHDRAW, k.w), Op(DEPOSIT, k.amount));
        (bytes4 must,, uint256 post) = _model(ops, k.pre, k.cap, false, false);
        address[] memory t = new address[](2);
        bytes[] memory d = new bytes[](2);
        address[] memory watch = new address[](2);
        (t[0], t[1]) = (address(market), address(market));
        d[0] = abi.encodeCall(IKeelMarket.liquidate, (k.mine, address(k.t), type(uint256).max, 0));
        d[1] = abi.encodeCall(IKeelMarket.depositCollateral, (k.into, address(k.t), k.amount));
        watch[1] = address(k.t);
        k.t.mint(address(colFlash), k.amount - k.w);
        colFlash.setCalls(t, d);
        colFlash.setWatch(watch);
        (uint256 cv,,, uint256 dv,) = market.vaultHealth(k.mine);
        uint256 bad = market.totalBadDebt();
        string memory action = "flash: liquidate, redeposit";
        try market.flashLoan(colFlash, address(usdc), loan, "") {
            liquidations++;
            if (market.totalBadDebt() > bad && cv >= dv) solventWriteOffs++;
            _checkColCall(action, k, must, post);
            _count(action);
        } catch (bytes memory err) {
            _onlyModel(action, err, must, false);
        }
    }

    /// @dev The first vault from `v` on that is liquidatable (`_liquidatable`), zero when none is.
    function _liquidatableFrom(uint256 v) internal view returns (uint256) {
        uint256 n = vaultIds.length;
        for (uint256 k; k < n; ++k) {
            uint256 id = vaultIds[(v % n + k) % n];
            if (_liquidatable(id)) return id;
        }
        return 0;
    }

    /// @dev The governance contract withdraws reserves within what is there and on hand: must succeed; past the
    /// reserves, refused with InsufficientReserves.
    function withdrawReserves(uint256 amount, bool past) external tracked {
        uint256 r = market.totalReserves();
        uint256 avail = _min(r, market.cashOnHand());
        if (past) {
            if (r >= market.cashOnHand()) return;
            amount = r + 1;
        } else {
            if (avail == 0) return;
            amount = bound(amount, 1, avail);
        }
        uint256 before = usdc.balanceOf(admin);
        vm.prank(admin);
        try riskAdmin.withdrawReserves(address(market), admin, amount) {
            if (past || usdc.balanceOf(admin) != before + amount) _unexpected("withdrawReserves", "");
            _count("withdrawReserves");
        } catch (bytes memory err) {
            if (past) _only("withdrawReserves past the reserves", err, IKeelMarket.InsufficientReserves.selector);
            else _only("withdrawReserves", err);
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
        (uint256 cv,,, uint256 dv, uint256 hf0) = market.vaultHealth(id);
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
        _liquidateChecked(id, address(cols[c % 2]), amount);
    }

    /// @dev One liquidation of vault `id`'s `t`, offering an amount drawn from `amount` (at times the maximum), if the
    /// vault is liquidatable and holds `t`: a refusal must be one the rules give, and a partial liquidation must not
    /// lower the vault's health. Returns whether it liquidated.
    function _liquidateChecked(uint256 id, address t, uint256 amount) internal returns (bool done) {
        (,,, uint256 dvBefore, uint256 hfBefore) = market.vaultHealth(id);
        if (hfBefore >= 1e18 || market.collateralOf(id, t) == 0) return false;
        amount = bound(amount, 1, market.debtOf(id) + 1);
        if (amount % 3 == 0) amount = type(uint256).max;
        bytes memory err;
        (done, err) = _liquidateOnce(id, t, amount);
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
        } else if (!_allowedRefusal(err) && !_is(err, IKeelMarket.RepayBelowRequired.selector)) {
            unexpectedLiquidationReverts++;
            _unexpected("liquidate", err);
        } else {
            ++liquidationRefusals;
        }
    }

    /// @dev Both collaterals of a vault liquidated in ONE transaction (a multicall): the total the liquidator gains is
    /// bounded by each asset's discount at the vault's health when the transaction started.
    function liquidatePair(uint256 v, uint256 first) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (ok) _liquidatePairOf(id, first);
    }

    /// @dev `liquidatePair` on vault `id`, if it is liquidatable and holds both collaterals, both priced; returns
    /// whether the multicall liquidated.
    function _liquidatePairOf(uint256 id, uint256 first) internal returns (bool) {
        if (market.debtOf(id) == 0) return false;
        (uint256 cv,,, uint256 dv, uint256 hf0) = market.vaultHealth(id);
        if (hf0 >= 1e18 || cv == 0) return false;
        address a0 = address(cols[first % 2]);
        address a1 = address(cols[(first % 2 + 1) % 2]);
        if (market.collateralOf(id, a0) == 0 || market.collateralOf(id, a1) == 0) return false;
        uint256[2] memory d = [
            HealthLib.discount(hf0, market.collateralInfo(a0).maxDiscount, cv, dv),
            HealthLib.discount(hf0, market.collateralInfo(a1).maxDiscount, cv, dv)
        ];
        uint256[2] memory p = [_priceOrZero(a0), _priceOrZero(a1)];
        uint256 basePrice = oracle.price(address(usdc));
        // An unpriced asset cannot be seized (the oracle's error): `liquidateAny` covers a vault with one.
        if (p[0] == 0 || p[1] == 0) return false;
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
            _count("liquidatePair");
            return true;
        } catch (bytes memory err) {
            // Either call may be refused by the rules (the first lowers HF while the second would raise it; the
            // second finds the vault healthy or emptied) — never anything else.
            bytes4 sel = bytes4(err);
            if (!_allowedRefusal(err) && sel != IKeelMarket.NotLiquidatable.selector) {
                unexpectedLiquidationReverts++;
                _unexpected("liquidatePair", err);
            } else {
                ++liquidationRefusals;
            }
        }
        return false;
    }

    /// @dev Every vault with HF < 1 and something priced to seize can be liquidated through one of its collaterals.
    function liquidateAny(uint256 v) external tracked {
        (uint256 id, bool ok) = _vault(v);
        if (ok) _liquidateAnyOf(id);
    }

    /// @dev If vault `id` is liquidatable (debt, HF < 1, some collateral value), it must be liquidated through one of
    /// its collaterals, the whole debt offered; a collateral refused must be refused for a reason the rules give.
    function _liquidateAnyOf(uint256 id) internal returns (bool anyDone) {
        if (market.debtOf(id) == 0) return false;
        (uint256 cv,,,, uint256 hf) = market.vaultHealth(id);
        if (hf >= 1e18 || cv == 0) return false;
        for (uint256 k; k < 2 && !anyDone; ++k) {
            address t = address(cols[k]);
            if (market.collateralOf(id, t) == 0) continue;
            (bool done, bytes memory err) = _liquidateOnce(id, t, type(uint256).max);
            if (done) {
                anyDone = true;
            } else if (!_allowedRefusal(err)) {
                unexpectedLiquidationReverts++;
                _unexpected("liquidateAny", err);
            } else {
                ++liquidationRefusals;
            }
        }
        if (!anyDone) unliquidatable++;
        _count("liquidateAny");
    }

    /// @dev Actions of this run so far (every tracked call, nested ones included): the keeper comes every KEEPER_EVERY.
    uint256 internal actions;
    uint256 internal constant KEEPER_EVERY = 15;

    /// @dev The keeper's turn, every KEEPER_EVERY actions: a keeper that watches the market, not one the fuzzer has to
    /// pick (a handler among some forty is picked about twice in a hundred calls, so a run often had none and
    /// liquidated nothing: audit 2026-12-02-e I-2). Its inputs come from the run's state.
    function _afterAction() internal override {
        if (++actions % KEEPER_EVERY != 0) return;
        uint256 seed = uint256(keccak256(abi.encode(actions, block.timestamp, vaultIds.length, market.totalBorrows())));
        _keep(seed, seed >> 64, seed >> 128);
    }

    /// @dev The keeper, also as a handler of its own (`_keep`).
    function keep(uint256 v, uint256 pct, uint256 amount) external tracked {
        _keep(v, pct, amount);
    }

    /// @dev The keeper liquidates the first liquidatable vault from `v` on (an amount drawn from `amount`; the whole
    /// debt if that is refused); when there is none and this run has had no liquidation yet — or one turn in four — it
    /// first takes a borrowed vault under HF 1 itself (`_takeUnderwater`: a crash of its collateral, at times with its
    /// other collateral's feed gone stale) and liquidates it, one turn in three both collaterals in one multicall
    /// (`_liquidatePairOf`). So every run liquidates (the floor in `afterInvariant`), and each liquidation checks the
    /// rules.
    function _keep(uint256 v, uint256 pct, uint256 amount) internal {
        _count("keeper");
        uint256 n = vaultIds.length;
        for (uint256 k; k < n; ++k) {
            uint256 id = vaultIds[(v % n + k) % n];
            if (_liquidatable(id)) {
                _keeperLiquidate(id, amount);
                return;
            }
        }
        if (liquidations != 0 && pct % 4 != 0) return;
        uint256 target = _takeUnderwater(v, pct);
        if (target == 0) _count("keeper: none taken under");
        // One turn in three, both collaterals seized in one multicall when the vault holds both, priced.
        else if (pct % 3 != 1 || !_liquidatePairOf(target, amount)) _keeperLiquidate(target, amount);
    }

    /// @dev Whether vault `id` has debt, HF < 1 and a collateral with a price to seize.
    function _liquidatable(uint256 id) internal view returns (bool) {
        if (market.debtOf(id) == 0) return false;
        (,,,, uint256 hf) = market.vaultHealth(id);
        if (hf >= 1e18) return false;
        for (uint256 k; k < 2; ++k) {
            address t = address(cols[k]);
            if (market.collateralOf(id, t) != 0 && _priceOrZero(t) != 0) return true;
        }
        return false;
    }

    /// @dev The keeper's liquidation of vault `id`: a partial one of the collateral `amount` picks, then, if that was
    /// refused (as the rules may: a partial repayment below what a whole-balance seizure requires, a seizure that
    /// lowers health), the whole debt offered against each collateral (`_liquidateAnyOf`, which must succeed).
    function _keeperLiquidate(uint256 id, uint256 amount) internal {
        if (_liquidateChecked(id, address(cols[amount % 2]), amount)) return;
        if (_liquidatable(id)) _liquidateAnyOf(id);
    }

    /// @dev Takes a borrowed vault under HF 1 and returns its id (zero when it cannot): the borrowed vault from `v` on
    /// with the lowest health, or, when no price within the run's range takes that one under (or there is none), a
    /// new vault holding both collaterals borrowed to 90 % of its limit, after lifting any collateral price near its
    /// floor. Then every collateral it holds falls by the same factor, to a health factor drawn from 0.5-0.99 (one
    /// call in three, with two collaterals: the second's feed goes stale instead, so it counts as zero).
    function _takeUnderwater(uint256 v, uint256 pct) internal returns (uint256 id) {
        _refreshFeeds();
        uint256 target = bound(pct, 0.5e18, 0.99e18);
        id = _lowestBorrowed(v);
        if (id != 0 && _crashTo(id, target, pct)) return id;
        for (uint256 i = 1; i < 3; ++i) {
            (, int256 p,,,) = feeds[i].latestRoundData();
            if (p < minP[i] * 3) _setClamped(i, minP[i] * 3);
        }
        address a = _actor(v);
        id = _open(a);
        if (!_deposit("keeper: deposit", a, id, cols[0], 2e18)) return 0;
        if (!_deposit("keeper: deposit", a, id, cols[1], 1e7)) return 0;
        uint256 amt = _min(_room(id) * 9 / 10, market.cash());
        if (amt == 0 || !_borrow("keeper: borrow", id, amt, a)) return 0;
        if (!_crashTo(id, target, pct)) return 0;
    }

    /// @dev Among the vaults from `v` on, the one with debt and the lowest health factor (zero when none has debt).
    function _lowestBorrowed(uint256 v) internal view returns (uint256 id) {
        uint256 n = vaultIds.length;
        uint256 lowest = type(uint256).max;
        for (uint256 k; k < n; ++k) {
            uint256 cand = vaultIds[(v % n + k) % n];
            if (market.debtOf(cand) == 0) continue;
            (,,,, uint256 hf) = market.vaultHealth(cand);
            if (hf < lowest) (id, lowest) = (cand, hf);
        }
    }

    /// @dev Moves the prices of vault `id`'s collaterals so its health factor falls to about `target` (prices held
    /// within the run's range); with two collaterals and `pct % 3 == 0`, WBTC's feed goes stale instead of falling.
    /// Returns whether the vault ended liquidatable.
    function _crashTo(uint256 id, uint256 target, uint256 pct) internal returns (bool) {
        (,,,, uint256 hf) = market.vaultHealth(id);
        if (hf == type(uint256).max || hf == 0) return false;
        bool both = market.collateralOf(id, address(cols[0])) != 0 && market.collateralOf(id, address(cols[1])) != 0;
        if (both && pct % 3 == 0 && block.timestamp > 2 hours) {
            (, int256 p,,,) = feeds[2].latestRoundData();
            feeds[2].setAnswerAt(p, block.timestamp - 2 hours);
            _count("keeper: stale feed");
            (,,,, hf) = market.vaultHealth(id);
            if (hf == type(uint256).max || hf == 0) return false;
        }
        if (hf >= target) {
            for (uint256 i = 1; i < 3; ++i) {
                if (market.collateralOf(id, address(cols[i - 1])) == 0 || _priceOrZero(address(cols[i - 1])) == 0) {
                    continue;
                }
                (, int256 p,,,) = feeds[i].latestRoundData();
                _setClamped(i, p * int256(target) / int256(hf));
            }
        }
        return _liquidatable(id);
    }
}

/// @dev The lenders' side (audit 2026-12-02-d I-1): the lender vault's deposit, mint, withdraw and redeem up to its max
/// views; the supply ledger by assets and by shares, for oneself and for others; a stranger's and an operator's
/// refused withdrawal; and the same ledger and vault calls inside a flash loan's callback and inside multicalls (with
/// repayments, a nested flash loan and a flash loan in a batch, both refused). Every call is expected to succeed unless
/// a rule refuses it, and then only with that rule's error (`ExpectedReverts`).
contract LenderHandler is MarketHandlerBase {
    FlashActor public flashActor;
    IVaultList internal vaults;
    /// @dev A lender paid more, or charged fewer shares, than the previews promised.
    uint256 public lenderOverdraws;

    constructor(IKeelMarket market_, KeelLenderVault vault_, IVaultList vaults_) MarketHandlerBase(market_, vault_) {
        vaults = vaults_;
        flashActor = new FlashActor(market_, vault_);
        for (uint256 i; i < 3; ++i) {
            vm.startPrank(actors[i]);
            usdc.approve(address(market_), type(uint256).max);
            usdc.approve(address(vault_), type(uint256).max);
            vm.stopPrank();
        }
    }

    /// @dev Every account that may hold supply shares (the invariant sums them).
    function suppliers() external view returns (address[5] memory s) {
        s = [actors[0], actors[1], actors[2], address(vault), address(flashActor)];
    }

    /* THE LENDER VAULT (ERC-4626), UP TO ITS MAX VIEWS: A REFUSAL THERE IS A BREACH */

    function deposit(uint256 s, uint256 amount) external tracked {
        amount = bound(amount, 1, 1_000_000e6);
        address a = _actor(s);
        usdc.mint(a, amount);
        uint256 expected = vault.previewDeposit(amount);
        vm.prank(a);
        try vault.deposit(amount, a) returns (uint256 shares) {
            if (shares != expected) ++lenderOverdraws;
            _count("deposit");
        } catch (bytes memory e) {
            _only("vault.deposit", e);
        }
    }

    function mint(uint256 s, uint256 shares) external tracked {
        address a = _actor(s);
        shares = bound(shares, 1, 1_000_000e12);
        uint256 assets = vault.previewMint(shares);
        usdc.mint(a, assets);
        vm.prank(a);
        try vault.mint(shares, a) returns (uint256 paid) {
            if (paid != assets) ++lenderOverdraws;
            _count("mint");
        } catch (bytes memory e) {
            _only("vault.mint", e);
        }
    }

    function withdraw(uint256 s, uint256 assets) external tracked {
        address a = _actor(s);
        assets = bound(assets, 0, vault.maxWithdraw(a));
        if (assets == 0) return;
        uint256 expected = vault.previewWithdraw(assets);
        vm.prank(a);
        try vault.withdraw(assets, a, a) returns (uint256 burned) {
            if (burned < expected) ++lenderOverdraws;
            _count("withdraw");
        } catch (bytes memory e) {
            _only("vault.withdraw", e);
        }
    }

    function redeem(uint256 s, uint256 shares) external tracked {
        address a = _actor(s);
        shares = bound(shares, 0, vault.maxRedeem(a));
        if (shares == 0) return;
        uint256 expected = vault.previewRedeem(shares);
        vm.prank(a);
        try vault.redeem(shares, a, a) returns (uint256 out) {
            if (out > expected) ++lenderOverdraws;
            _count("redeem");
        } catch (bytes memory e) {
            _only("vault.redeem", e);
        }
    }

    /* THE SUPPLY LEDGER */

    /// @dev By assets or by shares, for the caller or for another actor (anyone may supply for anyone), now and then
    /// for the lender vault (a donation of supply shares that must not move its price).
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
        try market.supply(byShares ? 0 : assets, shares, onBehalf) returns (uint256 paid, uint256 got) {
            if (paid != assets || got != expected || market.supplyShares(onBehalf) != before + got) ++lenderOverdraws;
            _count(byShares ? "ledgerSupplyShares" : "ledgerSupplyAssets");
        } catch (bytes memory e) {
            _only("ledger.supply", e);
        }
    }

    /// @dev The lender withdraws by assets or by shares, within its shares and the cash on hand: never more assets than
    /// its shares are worth (rounded down), never fewer shares than the preview.
    function ledgerWithdraw(uint256 s, uint256 amount, bool byShares) external tracked {
        address a = _actor(s);
        (uint256 assets, uint256 shares) = _ledgerAmounts(a, amount, byShares);
        if (assets == 0 && shares == 0) return;
        uint256 expectedAssets = byShares ? vault.previewRedeem(shares) : assets;
        uint256 expectedShares = byShares ? shares : vault.previewWithdraw(assets);
        vm.prank(a);
        try market.withdraw(assets, shares, a, a) returns (uint256 out, uint256 burned) {
            if (out > expectedAssets || burned < expectedShares) ++lenderOverdraws;
            _count(byShares ? "ledgerWithdrawShares" : "ledgerWithdrawAssets");
        } catch (bytes memory e) {
            _only("ledger.withdraw", e);
        }
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

    /// @dev Nobody but the lender may withdraw its supply: neither a stranger nor one of its vault operators (audit5
    /// L-2). Refused with UnauthorizedLender, nothing else.
    function strangerWithdraw(uint256 s, uint256 amount, bool operator) external tracked {
        address a = _actor(s);
        address other = _actorAfter(s, operator ? 1 : 2);
        if (market.supplyShares(a) == 0) return;
        amount = bound(amount, 1, market.supplyShares(a));
        if (operator) {
            vm.prank(a);
            market.setOperator(other, true);
        }
        vm.prank(other);
        try market.withdraw(0, amount, a, other) {
            ++lenderOverdraws;
        } catch (bytes memory e) {
            _only("withdraw by a stranger or operator", e, IKeelMarket.UnauthorizedLender.selector);
        }
        if (operator) {
            vm.prank(a);
            market.setOperator(other, false);
        }
        _count(operator ? "operatorWithdraw" : "strangerWithdraw");
    }

    /* INSIDE A FLASH LOAN'S CALLBACK (the borrower is `flashActor`; its mid-loan checks are in FlashActor) */

    /// @dev Borrows `loan` of the cash and, inside the callback, supplies `x` to the ledger (by assets) or through the
    /// lender vault, withdraws by shares or redeems up to what that bought (the cash on hand covers it), and repays
    /// part of a vault's debt; optionally the supply and withdrawal run as one multicall. All must succeed.
    function flashSupplyWithdraw(uint256 loan, uint256 x, uint256 part, uint256 v, uint256 mode) external tracked {
        loan = _loan(loan);
        if (loan == 0) return;
        x = bound(x, 1, 1_000_000e6);
        // The shares x buys, inside the callback too (same block, same totals); what they buy back is at most x
        // (rounding favours the market), and the cash on hand in the callback is at least x.
        part = bound(part, 0, vault.previewDeposit(x));
        mode %= 3; // 0: the ledger, 1: the lender vault, 2: the ledger in one multicall
        (address[] memory t, bytes[] memory d, uint256 n, uint256 repayAmt) = _supplyCalls(mode, x, part, v);
        usdc.mint(address(flashActor), x + repayAmt + market.flashFee(address(usdc), loan));
        _flash(
            mode == 0
                ? string("flash: supply, withdraw, repay")
                : mode == 1 ? string("flash: vault deposit, redeem, repay") : string("flash: multicall, repay"),
            loan,
            t,
            d,
            n,
            0
        );
    }

    /// @dev A loan of 1 to the whole cash, from `seed`; zero when there is no cash.
    function _loan(uint256 seed) internal view returns (uint256) {
        uint256 cash = market.cash();
        return cash == 0 ? 0 : bound(seed, 1, cash);
    }

    /// @dev The flash actor's calls for `flashSupplyWithdraw`: supply `x` (ledger or lender vault), take back `part`
    /// shares, and repay part of a vault's debt (`repayAmt`, zero for none).
    function _supplyCalls(uint256 mode, uint256 x, uint256 part, uint256 v)
        internal
        view
        returns (address[] memory t, bytes[] memory d, uint256 n, uint256 repayAmt)
    {
        t = new address[](3);
        d = new bytes[](3);
        address me = address(flashActor);
        if (mode == 2) {
            bytes[] memory inner = new bytes[](part == 0 ? 1 : 2);
            inner[0] = abi.encodeCall(IKeelMarket.supply, (x, 0, me));
            if (part != 0) inner[1] = abi.encodeCall(IKeelMarket.withdraw, (0, part, me, me));
            n = _push(t, d, n, address(market), abi.encodeCall(IKeelMarket.multicall, (inner)));
        } else if (mode == 0) {
            n = _push(t, d, n, address(market), abi.encodeCall(IKeelMarket.supply, (x, 0, me)));
            if (part != 0) {
                n = _push(t, d, n, address(market), abi.encodeCall(IKeelMarket.withdraw, (0, part, me, me)));
            }
        } else {
            n = _push(t, d, n, address(vault), abi.encodeCall(ERC4626.deposit, (x, me)));
            if (part != 0) n = _push(t, d, n, address(vault), abi.encodeCall(ERC4626.redeem, (part, me, me)));
        }
        uint256 id;
        (id, repayAmt) = _someDebt(v, part);
        if (repayAmt != 0) n = _push(t, d, n, address(market), abi.encodeCall(IKeelMarket.repay, (id, repayAmt)));
    }

    /// @dev Inside the callback, withdraws (ledger, by assets) or redeems (lender vault) the flash actor's earlier
    /// supply up to the cash on hand — cash minus the loan — which must succeed; or one unit past it, which must be
    /// refused with InsufficientLiquidity (the ledger) or ERC4626ExceededMaxWithdraw (the vault).
    function flashWithdrawOnHand(uint256 loan, uint256 amount, bool viaVault, bool past) external tracked {
        loan = _loan(loan);
        if (loan == 0) return;
        bytes4 refusal;
        (amount, refusal) = _onHandAmount(market.cash() - loan, amount, viaVault, past);
        if (amount == 0) return;
        address[] memory t = new address[](1);
        bytes[] memory d = new bytes[](1);
        address me = address(flashActor);
        if (viaVault) _push(t, d, 0, address(vault), abi.encodeCall(ERC4626.withdraw, (amount, me, me)));
        else _push(t, d, 0, address(market), abi.encodeCall(IKeelMarket.withdraw, (amount, 0, me, me)));
        usdc.mint(me, market.flashFee(address(usdc), loan));
        _flash(
            viaVault ? string("flash: vault withdraw on hand") : "flash: ledger withdraw on hand",
            loan,
            t,
            d,
            1,
            refusal
        );
    }

    /// @dev For `flashWithdrawOnHand`, with `onHand` the cash the loan leaves: an amount within the flash actor's
    /// supply and `onHand` (no refusal), or `onHand` + 1 within its supply and the refusal it must meet (zero amount:
    /// nothing to ask for).
    function _onHandAmount(uint256 onHand, uint256 seed, bool viaVault, bool past)
        internal
        view
        returns (uint256 amount, bytes4 refusal)
    {
        address me = address(flashActor);
        uint256 held = viaVault ? vault.maxWithdraw(me) : vault.convertToAssets(market.supplyShares(me));
        if (!past) return (bound(seed, 0, _min(held, onHand)), 0);
        if (held <= onHand) return (0, 0); // its supply is all on hand: nothing past it to ask for
        refusal = viaVault ? ERC4626.ERC4626ExceededMaxWithdraw.selector : IKeelMarket.InsufficientLiquidity.selector;
        amount = onHand + 1;
    }

    /// @dev A flash loan inside a flash loan's callback: refused with FlashLoanActive (the outer one with it).
    function flashInFlash(uint256 loan) external tracked {
        loan = _loan(loan);
        if (loan == 0) return;
        address[] memory t = new address[](1);
        bytes[] memory d = new bytes[](1);
        _push(t, d, 0, address(market), abi.encodeCall(IKeelMarket.flashLoan, (flashActor, address(usdc), 1, "")));
        usdc.mint(address(flashActor), market.flashFee(address(usdc), loan) + 1);
        _flash("flash in flash", loan, t, d, 1, IKeelMarket.FlashLoanActive.selector);
    }

    /// @dev Runs `flashActor`'s first `n` calls in a loan of `loan`; `refusal` zero means it must succeed, otherwise it
    /// must be refused with exactly that error.
    function _flash(string memory action, uint256 loan, address[] memory t, bytes[] memory d, uint256 n, bytes4 refusal)
        internal
    {
        assembly ("memory-safe") {
            mstore(t, n)
            mstore(d, n)
        }
        flashActor.setCalls(t, d);
        try market.flashLoan(flashActor, address(usdc), loan, "") {
            if (refusal != 0) _unexpected(string.concat(action, " succeeded"), "");
            else _count(action);
        } catch (bytes memory e) {
            if (refusal == 0) _only(action, e);
            else _only(action, e, refusal);
        }
    }

    /// @dev Sets call `n` of the list to (`target`, `data`); returns n + 1.
    function _push(address[] memory t, bytes[] memory d, uint256 n, address target, bytes memory data)
        internal
        pure
        returns (uint256)
    {
        (t[n], d[n]) = (target, data);
        return n + 1;
    }

    /// @dev A vault with debt and an amount to repay of it (half, plus a unit), or none.
    function _someDebt(uint256 v, uint256 seed) internal view returns (uint256 id, uint256 amount) {
        uint256 n = vaults.vaultCount();
        if (n == 0 || seed % 2 == 0) return (0, 0);
        id = vaults.vaultIds(v % n);
        uint256 debt = market.debtOf(id);
        if (debt != 0) amount = debt / 2 + 1;
    }

    /* MULTICALLS */

    /// @dev A lender's multicall: supply, withdraw by shares up to what it bought, repay part of a vault's debt — must
    /// succeed; with a flash loan added, refused with FlashLoanInBatch; with a withdrawal of another lender's supply,
    /// refused with UnauthorizedLender.
    function multicallLedger(uint256 s, uint256 x, uint256 part, uint256 v, uint256 mode) external tracked {
        address a = _actor(s);
        x = bound(x, 1, 1_000_000e6);
        part = bound(part, 1, vault.previewDeposit(x) + 1) - 1;
        (bytes[] memory data, uint256 repayAmt, bytes4 refusal) = _ledgerBatch(s, x, part, v, mode % 3);
        usdc.mint(a, x + repayAmt);
        vm.prank(a);
        try market.multicall(data) {
            if (refusal != 0) _unexpected("multicall: refused call succeeded", "");
            else _count("multicallLedger");
        } catch (bytes memory e) {
            if (refusal == 0) _only("multicall: supply, withdraw, repay", e);
            else _only("multicall: refused call", e, refusal);
        }
    }

    /// @dev `_actor(s)`'s batch for `multicallLedger`: supply `x`, withdraw `part` shares, repay part of a vault's debt
    /// (`repayAmt`); mode 1 adds a flash loan, mode 2 a withdrawal of another lender's supply (`refusal`: the error).
    function _ledgerBatch(uint256 s, uint256 x, uint256 part, uint256 v, uint256 mode)
        internal
        view
        returns (bytes[] memory data, uint256 repayAmt, bytes4 refusal)
    {
        address a = _actor(s);
        uint256 id;
        (id, repayAmt) = _someDebt(v, part + 1);
        data = new bytes[](4);
        uint256 n;
        data[n++] = abi.encodeCall(IKeelMarket.supply, (x, 0, a));
        if (part != 0) data[n++] = abi.encodeCall(IKeelMarket.withdraw, (0, part, a, a));
        if (repayAmt != 0) data[n++] = abi.encodeCall(IKeelMarket.repay, (id, repayAmt));
        if (mode == 1) {
            data[n++] = abi.encodeCall(IKeelMarket.flashLoan, (flashActor, address(usdc), 1, ""));
            refusal = IKeelMarket.FlashLoanInBatch.selector;
        } else if (mode == 2) {
            data[n++] = abi.encodeCall(IKeelMarket.withdraw, (0, 1, _actorAfter(s, 1), a));
            refusal = IKeelMarket.UnauthorizedLender.selector;
        }
        assembly ("memory-safe") {
            mstore(data, n)
        }
    }
}

interface VmInv {
    function load(address target, bytes32 slot) external view returns (bytes32);
}

/// @dev 256 runs × depth 100, and a revert anywhere in a handler fails the run: the handlers catch only to tell a
/// refusal the rules give (matched by selector) from a breach, which they count in `unexpectedReverts`. (This block
/// once sat on `VmInv`, where forge does not read it: fail-on-revert was off.)
/// forge-config: default.invariant.runs = 256
/// forge-config: default.invariant.depth = 100
/// forge-config: default.invariant.fail-on-revert = true
contract KeelMarketInvariantTest is EngineBase {
    VmInv internal constant VMI = VmInv(address(uint160(uint256(keccak256("hevm cheat code")))));
    MarketHandler internal handler;
    LenderHandler internal lenders;

    function setUp() public override {
        super.setUp();
        MockReputation rep = new MockReputation();
        vm.prank(address(riskAdmin));
        market.setReputation(address(rep));
        // Caps a run reaches (deposits of up to 100 WETH or 5 WBTC), so the cap rule is exercised on both collaterals,
        // the first-listed one (its balance in the position slot) included.
        _setCollateral(address(weth), CollateralParams(0.8e18, 0.85e18, 0.1e18, 250e18));
        _setCollateral(address(wbtc), CollateralParams(0.7e18, 0.8e18, 0.1e18, 3e8));
        handler = new MarketHandler(market, weth, wbtc, usdcFeed, ethFeed, btcFeed, riskAdmin, ADMIN, rep, lenderVault);
        lenders = new LenderHandler(market, lenderVault, handler);
        usdcFeed.transferOwnership(address(handler));
        ethFeed.transferOwnership(address(handler));
        btcFeed.transferOwnership(address(handler));
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](2);
        t[0] = address(handler);
        t[1] = address(lenders);
    }

    /// Coverage floor (audit 2026-12-02-e I-2), after each run: the run liquidated at least once (so the liquidation
    /// rules below were checked on every run, not on a minority), and its keeper came by.
    function afterInvariant() public view virtual {
        // A run shrunk to a few calls (forge replaying a failure) is not held to the floor: the real failure is reported.
        if (handler.trackedCalls() + lenders.trackedCalls() < 50) return;
        assertGt(
            handler.liquidations(),
            0,
            string.concat(
                "no liquidation in this run (keeper calls ",
                vm.toString(handler.callCount("keeper")),
                ", none taken under ",
                vm.toString(handler.callCount("keeper: none taken under")),
                ", vaults ",
                vm.toString(handler.vaultCount()),
                ")"
            )
        );
        assertGt(handler.callCount("keeper"), 0, "the keeper never came in this run");
    }

    event log_named_uint(string key, uint256 val);

    /// The collateral paths inside a flash loan's callback and in batches are not dead code: driven with fixed seeds
    /// (as the fuzzer would, a few vaults opened along the way), each sequence completes, the cap model's forced
    /// refusals (a deposit a unit past the cap, a flash loan in a batch) are met, and the flash borrower checked
    /// deposits mid-loan; nothing breached or reverted unexpectedly. `forge test -vv` prints the counts.
    function test_collateralFlashAndBatchPathsRun() public {
        string[6] memory done = [
            "flash: deposit",
            "flash: deposit, withdraw",
            "flash: withdraw, deposit",
            "flash: collateral multicall",
            "collateral batch",
            "flash: liquidate, redeposit"
        ];
        string[4] memory refusedNames =
            ["flash: deposit", "flash: collateral multicall", "collateral batch", "collateral batch with a flash loan"];
        for (uint256 i; i < 48; ++i) {
            uint256 r = uint256(keccak256(abi.encode("paths", i)));
            if (i % 8 == 0) handler.openBorrowed(r, r >> 64, r >> 128);
            handler.flashCollateral(r, r >> 8, r >> 16, r >> 80, r >> 160);
            handler.batchCollateral(r >> 4, r >> 12, r >> 20, r >> 90, r >> 170);
            if (i % 4 == 0) handler.flashLiquidateRedeposit(r, r >> 8, r >> 16);
        }
        for (uint256 k; k < done.length; ++k) {
            emit log_named_uint(done[k], handler.callCount(done[k]));
            assertGt(handler.callCount(done[k]), 0, string.concat("never completed: ", done[k]));
        }
        for (uint256 k; k < refusedNames.length; ++k) {
            uint256 n = handler.refused(keccak256(bytes(refusedNames[k])));
            emit log_named_uint(string.concat("refused: ", refusedNames[k]), n);
            assertGt(n, 0, string.concat("never refused: ", refusedNames[k]));
        }
        emit log_named_uint("deposits checked mid-loan", handler.colFlash().depositsChecked());
        assertGt(handler.colFlash().depositsChecked(), 0, "no deposit checked mid-loan");
        invariant_noUnexpectedRevert();
        invariant_supplyCapRule();
        invariant_collateralConservation();
        invariant_actionRules();
    }

    /// No handler call was refused but for a reason the rules give (matched by selector), and no refusal the rules
    /// give was skipped; mid-loan, the market's base balance was the cash on hand and the lender vault's max views
    /// counted only it.
    function invariant_noUnexpectedRevert() public view {
        assertEq(handler.unexpectedReverts(), 0, string.concat("borrower side: ", handler.firstUnexpected()));
        assertEq(lenders.unexpectedReverts(), 0, string.concat("lender side: ", lenders.firstUnexpected()));
        assertEq(lenders.flashActor().midLoanBreaches(), 0, "mid-loan cash on hand");
        assertEq(handler.colFlash().midLoanCashBreaches(), 0, "mid-loan cash on hand (collateral flash borrower)");
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

    /// The market's token balances cover what it owes out of them: the base balance covers the cash (which holds the
    /// reserves that are on hand: reserves ≤ cash + borrows), and each collateral's balance covers every vault's.
    function invariant_balancesCover() public view {
        assertGe(usdc.balanceOf(address(market)), market.cash(), "base balance covers cash");
        assertLe(market.totalReserves(), market.cash() + market.totalBorrows(), "reserves backed");
        assertEq(market.cashOnHand(), market.cash(), "no loan outstanding between calls");
        // Each collateral's balance against the vaults' claims: invariant_collateralConservation.
    }

    /// The supply ledger adds up (every holder's shares make the total) and the lender vault's shares are backed one
    /// for one by the market supply shares it holds (more only by donated supply shares); it holds no base asset but
    /// what was sent to it; its assets are the market's price times its shares.
    function invariant_supplyLedger() public view {
        uint256 sum = market.supplyShares(LENDER);
        address[5] memory s = lenders.suppliers();
        for (uint256 i; i < s.length; ++i) {
            sum += market.supplyShares(s[i]);
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
            assertEq(held, sum + handler.donated(c), "held == sum of vaults + donations");
            uint256 cap = market.collateralInfo(cs[c]).supplyCap;
            // Only a donation, or a lowered cap, can put the balance above the cap.
            if (handler.donated(c) == 0) assertLe(held, cap, "held <= cap without donations");
        }
    }

    /// Supply caps: no deposit was taken past min(cap, 2^112 - 1) or without arriving whole — outside a flash loan,
    /// inside one's callback (checked there after each deposit, and against the handler's model after the loan) and
    /// in batches, a batch with a flash loan refused and undone; the deposit-side copies of
    /// each collateral's index and listed flag equal the originals (raw slots of `_collaterals`, mapping slot 6).
    function invariant_supplyCapRule() public view {
        assertEq(handler.capBreaches(), 0, "deposit past the cap or not received whole");
        assertEq(
            handler.colFlash().midLoanCapBreaches(), 0, "deposit in a flash callback left the balance past the cap"
        );
        address[2] memory cs = [address(weth), address(wbtc)];
        for (uint256 c; c < 2; ++c) {
            uint256 base = uint256(keccak256(abi.encode(cs[c], uint256(6))));
            uint256 w0 = uint256(VMI.load(address(market), bytes32(base)));
            uint256 w1 = uint256(VMI.load(address(market), bytes32(base + 1)));
            assertEq((w0 >> 200) & 0xffff, (w1 >> 128) & 0xffff, "index/listed == depositIndex/depositListed");
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
    /// liquidation lowered health without exhausting the asset; no lender was paid more (or charged fewer shares)
    /// than the previews promised.
    function invariant_actionRules() public view {
        assertEq(handler.ltvBreaches(), 0, "boosted limit breached by an action");
        assertEq(handler.liquidationHealthDrops(), 0, "liquidation lowered HF");
        assertEq(lenders.lenderOverdraws(), 0, "lender overdraw");
    }

    /// The liquidation rules of issue #12: no debt written off while a vault's collateral value covered its debt;
    /// every vault with HF < 1 and a priced collateral could be liquidated, and no liquidation reverted for a reason the
    /// rules do not give; no liquidator was paid beyond the discount at the vault's starting health; lenders' share
    /// price (the lender vault's and the ledger's) fell only by realised bad debt, across every action of both sides.
    function invariant_liquidationRules() public view {
        assertEq(handler.solventWriteOffs(), 0, "bad debt written off while solvent");
        assertEq(handler.unliquidatable(), 0, "a liquidatable vault could not be liquidated");
        assertEq(handler.unexpectedLiquidationReverts(), 0, "a liquidation reverted unexpectedly");
        assertEq(handler.overpaidLiquidations(), 0, "liquidator paid beyond the starting discount");
        assertEq(handler.sharePriceDrops(), 0, "share price fell by more than bad debt (borrower side)");
        assertEq(lenders.sharePriceDrops(), 0, "share price fell by more than bad debt (lender side)");
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
