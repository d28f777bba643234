// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {KeelRiskAdmin} from "../governance/KeelRiskAdmin.sol";
import {IKeelMarket, RateModel, CollateralInfo, VaultData} from "../interfaces/IKeelMarket.sol";
import {ChangeKind, PendingChange} from "../interfaces/IKeelRiskAdmin.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {HealthLib} from "../libraries/HealthLib.sol";
import {RiskBoundsLib} from "../libraries/RiskBoundsLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";

/// @notice One collateral of one vault, valued at the oracle's current price.
struct CollateralPosition {
    address asset;
    uint8 decimals;
    uint256 amount; // token units
    uint256 price; // USD per whole token, WAD; 0 unless status is Ok
    uint256 updatedAt; // feed timestamp
    KeelOracle.Status status;
    uint256 value; // USD, WAD (0 unless status is Ok)
    uint256 ltv; // WAD
    uint256 liquidationThreshold; // WAD
    uint256 liquidationPrice; // USD per whole token (WAD) at which HF = 1, others fixed; 0 if none / no debt
}

/// @notice One vault with everything the app and keepers show.
struct VaultView {
    uint256 id;
    address market;
    address owner;
    address baseAsset;
    CollateralPosition[] collaterals;
    uint256 debt; // base units, interest to now
    uint256 debtShares;
    uint256 debtValue; // USD, WAD
    uint256 collateralValue; // USD, WAD
    uint256 borrowLimitValue; // Σ value × LTV, USD, WAD
    uint256 liquidationValue; // Σ value × LT, USD, WAD
    uint256 healthFactor; // WAD; type(uint256).max without debt; 0 when a needed price is unavailable
    uint256 borrowCapacity; // extra base units borrowable within LTV (not capped by market cash)
    bool pricesOk; // every price this vault needs is fresh (else unpriced collateral counts as zero; no base price: HF 0)
    bool liquidatable; // healthFactor < 1 (unpriced collateral counted as zero, as the market does) and some priced collateral to seize
}

/// @notice A listed collateral with its parameters, live feed state and the market's balance of it.
struct CollateralMarketView {
    CollateralInfo info;
    KeelOracle.FeedState feed;
    uint256 held; // the token's balanceOf(market): every vault's collateral plus tokens sent directly (the supply cap holds it)
    bool heldOk; // false when that balanceOf reverted or answered less than a word (`held` is then 0)
}

/// @notice A market with everything the app's market page shows.
struct MarketView {
    address market;
    address baseAsset;
    uint8 baseDecimals;
    uint8 decimals; // supply share decimals (the base asset's + 6)
    KeelOracle.FeedState baseFeed;
    uint256 totalSupplyAssets; // lenders' assets: cash + borrows − reserves, accrued
    uint256 totalSupplyShares;
    uint256 totalBorrows;
    uint256 totalBorrowShares;
    uint256 totalReserves;
    uint256 totalBadDebt;
    uint256 cash;
    uint256 utilization; // WAD
    uint256 borrowRate; // per second, WAD
    uint256 supplyRate; // per second, WAD
    RateModel rateModel;
    uint256 reserveFactor; // WAD
    uint256 flashFeeBps;
    uint256 vaultCount;
    address riskAdmin; // the KeelRiskAdmin contract
    address governor; // its owner
    address pendingGovernor; // its pending owner (two-step), zero if none
    address guardian; // zero if none
    uint256 riskDelay; // the risk admin's delay
    bool borrowPaused;
    CollateralMarketView[] collaterals;
    PendingChange[] pendingChanges; // this market's changes, feed changes of its assets, guardian and delay changes
}

/// @notice One past round of a Chainlink-style feed (raw answer, in the feed's own decimals).
struct FeedRound {
    uint80 roundId;
    int256 answer;
    uint256 updatedAt;
}

/// @title KeelLens
/// @notice Read-only aggregation of Keel markets for the app, risk dashboards and liquidation keepers: one call
/// returns accounts, markets or pages of vaults. Never reverts on a bad price: it reports the feed status instead.
/// @dev Every value and health formula comes from HealthLib, the same library KeelMarket uses; prices come from the
/// market's own oracle (`peek`, identical to `price` when the status is Ok). Prices are read once per market call.
contract KeelLens {
    using MathLib for uint256;

    /// @dev Prices and parameters of one market, read once and reused for every vault.
    struct Ctx {
        IKeelMarket market;
        address base;
        uint256 baseScale;
        uint256 basePrice;
        bool baseOk;
        address[] assets;
        CollateralInfo[] infos;
        KeelOracle.FeedState[] feeds;
    }

    /* THE ENGINE'S BOUNDS (from their libraries; a market does not expose them: see KeelMarket) */

    /// @notice Highest liquidation threshold a collateral may have (RiskBoundsLib).
    uint256 public constant MAX_LT = RiskBoundsLib.MAX_LT;
    /// @notice Highest maximum liquidation discount a collateral may have (RiskBoundsLib).
    uint256 public constant MAX_DISCOUNT = RiskBoundsLib.MAX_DISCOUNT;
    /// @notice Smallest liquidation discount (HealthLib).
    uint256 public constant MIN_DISCOUNT = HealthLib.MIN_DISCOUNT;
    /// @notice Health factor a liquidation restores a vault to at most (HealthLib).
    uint256 public constant TARGET_HEALTH = HealthLib.TARGET_HEALTH;
    /// @notice Highest share of interest that may go to reserves (RiskBoundsLib).
    uint256 public constant MAX_RESERVE_FACTOR = RiskBoundsLib.MAX_RESERVE_FACTOR;
    /// @notice Highest flash-loan fee, in basis points (RiskBoundsLib).
    uint256 public constant MAX_FLASH_FEE_BPS = RiskBoundsLib.MAX_FLASH_FEE_BPS;
    /// @notice Highest borrow rate the model may reach at 100% utilisation, per second (RiskBoundsLib).
    uint256 public constant MAX_BORROW_RATE = RiskBoundsLib.MAX_BORROW_RATE;
    /// @notice Debt value (USD, WAD) under which a position may be liquidated whole (HealthLib).
    uint256 public constant DUST_VALUE = HealthLib.DUST_VALUE;
    /// @notice Most collateral assets a market may list (RiskBoundsLib).
    uint256 public constant MAX_COLLATERALS = RiskBoundsLib.MAX_COLLATERALS;

    /// @notice Most vaults `getAccount` reads per market (the first ones of the owner's list), so one call's gas is
    /// bounded. A market only adds a vault to a list by the owner's own doing (openVault, or acceptVault of a transfer),
    /// so nobody else can fill an account's list; an owner with more reads the rest with `getVault`.
    uint256 public constant MAX_ACCOUNT_VAULTS = 200;

    /// @notice Every vault `owner` holds in each of `markets` (at most MAX_ACCOUNT_VAULTS per market), in market order
    /// then vault order.
    function getAccount(address[] calldata markets, address owner) external view returns (VaultView[] memory vaults) {
        uint256[][] memory ids = new uint256[][](markets.length);
        uint256 total;
        for (uint256 i; i < markets.length; ++i) {
            uint256[] memory list = IKeelMarket(markets[i]).vaultsOf(owner);
            if (list.length > MAX_ACCOUNT_VAULTS) {
                uint256 cap = MAX_ACCOUNT_VAULTS;
                assembly ("memory-safe") {
                    mstore(list, cap) // keep the first ones
                }
            }
            ids[i] = list;
            total += list.length;
        }
        vaults = new VaultView[](total);
        uint256 k;
        for (uint256 i; i < markets.length; ++i) {
            if (ids[i].length == 0) continue;
            Ctx memory ctx = _context(IKeelMarket(markets[i]));
            for (uint256 j; j < ids[i].length; ++j) {
                vaults[k++] = _vault(ctx, ids[i][j]);
            }
        }
    }

    /// @notice Vaults `offset + 1` .. `offset + limit` of `market` (ids are sequential from 1), and the vault count.
    function getVaults(address market, uint256 offset, uint256 limit)
        external
        view
        returns (VaultView[] memory vaults, uint256 vaultCount)
    {
        IKeelMarket m = IKeelMarket(market);
        vaultCount = m.vaultCount();
        uint256 end = offset + limit;
        if (end > vaultCount) end = vaultCount;
        if (offset >= end) return (new VaultView[](0), vaultCount);
        vaults = new VaultView[](end - offset);
        Ctx memory ctx = _context(m);
        for (uint256 i; i < vaults.length; ++i) {
            vaults[i] = _vault(ctx, offset + 1 + i);
        }
    }

    /// @notice Vaults `offset + 1` .. `offset + limit` of `market` in the compact form a risk dashboard reads by the
    /// thousand: each vault's owner and debt (base units, interest to now), and its amount of every listed collateral,
    /// row-major in `market.collateralAssets()` order (`amounts[i * n + k]` is vault i's amount of asset k). Values and
    /// health are left to the reader, who has the market's prices and parameters from `getMarket`.
    function getVaultBook(address market, uint256 offset, uint256 limit)
        external
        view
        returns (address[] memory owners, uint256[] memory debts, uint256[] memory amounts, uint256 vaultCount)
    {
        IKeelMarket m = IKeelMarket(market);
        vaultCount = m.vaultCount();
        uint256 end = offset + limit;
        if (end > vaultCount) end = vaultCount;
        uint256 count = offset >= end ? 0 : end - offset;
        address[] memory assets = m.collateralAssets();
        uint256 n = assets.length;
        owners = new address[](count);
        debts = new uint256[](count);
        amounts = new uint256[](count * n);
        for (uint256 i; i < count; ++i) {
            VaultData memory d = m.getVault(offset + 1 + i);
            owners[i] = d.owner;
            debts[i] = d.debt;
            for (uint256 j; j < d.assets.length; ++j) {
                amounts[i * n + _indexOf(assets, d.assets[j])] = d.amounts[j];
            }
        }
    }

    /// @notice The latest `count` rounds of each of `feeds`, newest first (for realised volatility). A feed's list stops
    /// early at the first round it cannot return (its history is shorter, or a Chainlink proxy's phase begins there).
    function getFeedHistory(address[] calldata feeds, uint256 count)
        external
        view
        returns (FeedRound[][] memory rounds)
    {
        rounds = new FeedRound[][](feeds.length);
        for (uint256 f; f < feeds.length; ++f) {
            AggregatorV3Interface feed = AggregatorV3Interface(feeds[f]);
            // Not a contract: nothing to read (a call would return nothing to decode).
            FeedRound[] memory list = new FeedRound[](address(feed).code.length == 0 ? 0 : count);
            uint256 k;
            if (list.length != 0) {
                try feed.latestRoundData() returns (uint80 latest, int256, uint256, uint256, uint80) {
                    while (k < list.length && uint64(latest) > k) {
                        uint80 id = latest - uint80(k);
                        try feed.getRoundData(id) returns (uint80, int256 answer, uint256, uint256 updatedAt, uint80) {
                            if (updatedAt == 0) break;
                            list[k++] = FeedRound(id, answer, updatedAt);
                        } catch {
                            break;
                        }
                    }
                } catch {}
            }
            assembly ("memory-safe") {
                mstore(list, k)
            }
            rounds[f] = list;
        }
    }

    /// @notice One vault of `market`.
    function getVault(address market, uint256 id) external view returns (VaultView memory) {
        return _vault(_context(IKeelMarket(market)), id);
    }

    /// @notice Everything about `market`.
    function getMarket(address market) public view returns (MarketView memory v) {
        IKeelMarket m = IKeelMarket(market);
        KeelOracle oracle = m.oracle();
        v.market = market;
        v.baseAsset = m.asset();
        v.baseDecimals = IERC20Metadata(v.baseAsset).decimals();
        v.decimals = v.baseDecimals + SharesLib.DECIMALS_OFFSET; // the supply shares' decimals
        v.baseFeed = oracle.peek(v.baseAsset);
        v.totalSupplyAssets = m.totalSupplyAssets();
        v.totalSupplyShares = m.totalSupplyShares();
        v.totalBorrows = m.totalBorrows();
        v.totalBorrowShares = m.totalBorrowShares();
        v.totalReserves = m.totalReserves();
        v.totalBadDebt = m.totalBadDebt();
        v.cash = m.cash();
        v.utilization = m.utilization();
        v.borrowRate = m.borrowRate();
        v.supplyRate = m.supplyRate();
        v.rateModel = m.rateModel();
        v.reserveFactor = m.reserveFactor();
        v.flashFeeBps = m.flashFeeBps();
        v.vaultCount = m.vaultCount();
        v.borrowPaused = m.borrowPaused();
        address[] memory assets = m.collateralAssets();
        v.collaterals = new CollateralMarketView[](assets.length);
        for (uint256 i; i < assets.length; ++i) {
            (bool ok, uint256 held) = _balanceOf(assets[i], market);
            v.collaterals[i] = CollateralMarketView(m.collateralInfo(assets[i]), oracle.peek(assets[i]), held, ok);
        }
        v.riskAdmin = m.riskAdmin();
        if (v.riskAdmin.code.length == 0) return v;
        KeelRiskAdmin admin = KeelRiskAdmin(v.riskAdmin);
        v.governor = admin.owner();
        v.pendingGovernor = admin.pendingOwner();
        v.guardian = admin.guardian();
        v.riskDelay = admin.delay();
        v.pendingChanges = _changesFor(admin.pendingChanges(), market, v.baseAsset, assets);
    }

    /// @dev The changes of `all` that concern `market`: its own, feed changes of its base asset or of an asset it lists
    /// (or may list: a pending collateral change), and the admin-wide ones (guardian, delay).
    function _changesFor(PendingChange[] memory all, address market, address base, address[] memory assets)
        internal
        pure
        returns (PendingChange[] memory out)
    {
        bool[] memory keep = new bool[](all.length);
        uint256 n;
        for (uint256 i; i < all.length; ++i) {
            PendingChange memory c = all[i];
            bool k = c.market == market || c.kind == ChangeKind.Guardian || c.kind == ChangeKind.Delay;
            if (c.kind == ChangeKind.Feed) {
                k = c.asset == base || _contains(assets, c.asset);
                for (uint256 j; !k && j < all.length; ++j) {
                    k = all[j].kind == ChangeKind.Collateral && all[j].market == market && all[j].asset == c.asset;
                }
            }
            if (k) {
                keep[i] = true;
                ++n;
            }
        }
        out = new PendingChange[](n);
        n = 0;
        for (uint256 i; i < all.length; ++i) {
            if (keep[i]) out[n++] = all[i];
        }
    }

    function _contains(address[] memory list, address a) internal pure returns (bool) {
        for (uint256 i; i < list.length; ++i) {
            if (list[i] == a) return true;
        }
        return false;
    }

    /// @notice `getMarket` for each of `markets`.
    function getMarkets(address[] calldata markets) external view returns (MarketView[] memory views) {
        views = new MarketView[](markets.length);
        for (uint256 i; i < markets.length; ++i) {
            views[i] = getMarket(markets[i]);
        }
    }

    function _context(IKeelMarket m) internal view returns (Ctx memory ctx) {
        KeelOracle oracle = m.oracle();
        ctx.market = m;
        ctx.base = m.asset();
        ctx.baseScale = 10 ** IERC20Metadata(ctx.base).decimals();
        KeelOracle.FeedState memory bf = oracle.peek(ctx.base);
        ctx.baseOk = bf.status == KeelOracle.Status.Ok;
        ctx.basePrice = bf.price;
        ctx.assets = m.collateralAssets();
        uint256 n = ctx.assets.length;
        ctx.infos = new CollateralInfo[](n);
        ctx.feeds = new KeelOracle.FeedState[](n);
        for (uint256 i; i < n; ++i) {
            ctx.infos[i] = m.collateralInfo(ctx.assets[i]);
            ctx.feeds[i] = oracle.peek(ctx.assets[i]);
        }
    }

    function _vault(Ctx memory ctx, uint256 id) internal view returns (VaultView memory v) {
        VaultData memory d = ctx.market.getVault(id);
        v.id = id;
        v.market = address(ctx.market);
        v.owner = d.owner;
        v.baseAsset = ctx.base;
        v.debt = d.debt;
        v.debtShares = d.debtShares;
        v.pricesOk = d.debt == 0 || ctx.baseOk;
        if (d.debt != 0 && ctx.baseOk) v.debtValue = HealthLib.valueUp(d.debt, ctx.basePrice, ctx.baseScale);

        uint256 n = d.assets.length;
        v.collaterals = new CollateralPosition[](n);
        for (uint256 j; j < n; ++j) {
            CollateralPosition memory p = v.collaterals[j];
            uint256 k = _indexOf(ctx.assets, d.assets[j]);
            CollateralInfo memory info = ctx.infos[k];
            KeelOracle.FeedState memory f = ctx.feeds[k];
            p.asset = d.assets[j];
            p.decimals = info.decimals;
            p.amount = d.amounts[j];
            p.price = f.price;
            p.updatedAt = f.updatedAt;
            p.status = f.status;
            p.ltv = info.ltv;
            p.liquidationThreshold = info.liquidationThreshold;
            if (f.status == KeelOracle.Status.Ok) {
                p.value = HealthLib.valueDown(p.amount, f.price, 10 ** info.decimals);
                v.collateralValue += p.value;
                v.borrowLimitValue += p.value.wMulDown(info.ltv);
                v.liquidationValue += p.value.wMulDown(info.liquidationThreshold);
            } else if (d.debt != 0) {
                v.pricesOk = false;
            }
        }

        if (d.debt == 0) {
            v.healthFactor = type(uint256).max;
            if (ctx.baseOk) {
                v.borrowCapacity = HealthLib.borrowCapacity(v.borrowLimitValue, 0, ctx.basePrice, ctx.baseScale);
            }
            return v;
        }
        // A collateral without a valid price counts as zero, exactly as the market values it for LTV checks and
        // liquidation (`pricesOk` stays false to say so); only a missing base price leaves health unknown.
        if (!ctx.baseOk) return v;
        v.healthFactor = HealthLib.healthFactor(v.liquidationValue, v.debtValue);
        v.borrowCapacity = HealthLib.borrowCapacity(v.borrowLimitValue, v.debtValue, ctx.basePrice, ctx.baseScale);
        // Liquidatable: below 1 with something priced to seize (an unpriced collateral cannot be seized).
        v.liquidatable = v.healthFactor < WAD && v.collateralValue != 0;
        for (uint256 j; j < n; ++j) {
            CollateralPosition memory p = v.collaterals[j];
            uint256 own = p.value.wMulDown(p.liquidationThreshold);
            p.liquidationPrice = HealthLib.liquidationPrice(
                v.debtValue, v.liquidationValue - own, p.amount, p.liquidationThreshold, 10 ** p.decimals
            );
        }
    }

    function _indexOf(address[] memory list, address a) internal pure returns (uint256 i) {
        while (list[i] != a) ++i;
    }

    /// @dev Gas a collateral's balanceOf may use in the lens (a token's is a few thousand).
    uint256 internal constant BALANCE_OF_GAS = 100_000;

    /// @dev `token.balanceOf(account)` without reverting: a token whose balanceOf reverts or answers less than a word
    /// (a paused or broken proxy) leaves one figure unknown instead of failing the whole market's view. The call gets
    /// BALANCE_OF_GAS and only its first word is copied, so a hostile token can neither burn the view's gas nor make
    /// it copy a huge answer (review of c9fb4bb, L-4): every other figure of every market still reads.
    function _balanceOf(address token, address account) internal view returns (bool ok, uint256 b) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, shl(224, 0x70a08231)) // balanceOf(address)
            mstore(add(p, 4), account)
            ok := staticcall(BALANCE_OF_GAS, token, p, 36, p, 32)
            // After the call (Yul evaluates arguments right to left: in one `and` the size would be the last call's).
            ok := and(ok, gt(returndatasize(), 31))
            if ok { b := mload(p) }
        }
    }
}
