// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "./EngineBase.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {VaultView, MarketView, FeedRound} from "../../src/lens/KeelLens.sol";
import {DevRiskSeeder} from "../../src/dev/DevRiskSeeder.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {IKeelMarket, CollateralParams} from "../../src/interfaces/IKeelMarket.sol";

interface VmEtch {
    function etch(address target, bytes calldata code) external;
}

/// @dev A token turned hostile: every call burns all the gas it is given.
contract GasBurner {
    fallback() external {
        while (true) {}
    }
}

/// @dev A token turned hostile: every call answers a megabyte.
contract AnswerBomb {
    fallback() external {
        assembly {
            return(0, 1000000)
        }
    }
}

contract KeelLensTest is EngineBase {
    VmEtch internal constant VM_ETCH = VmEtch(address(uint160(uint256(keccak256("hevm cheat code")))));

    function _markets() internal view returns (address[] memory m) {
        m = new address[](1);
        m[0] = address(market);
    }

    /// @dev A listed collateral whose balanceOf reverts or answers short (a paused or broken proxy) must not take the
    /// market's views with it (audit of 9809972, L-3): the market's own reads are storage only, and the lens reports
    /// that one balance as unknown. The keeper reads every market in one getMarkets and then getVaults.
    function test_brokenCollateralBalanceOf_leavesTheBookReadable() public {
        uint256 id = _openWith(ALICE, weth, 1e18); // a WETH-only vault
        bytes memory query = abi.encodeWithSignature("balanceOf(address)", address(market));
        vm.mockCallRevert(address(wbtc), query, bytes("paused"));
        MarketView[] memory ms = lens.getMarkets(_markets());
        assertEq(ms[0].collaterals[1].info.asset, address(wbtc), "wbtc listed second");
        assertFalse(ms[0].collaterals[1].heldOk, "wbtc balance unknown");
        assertEq(ms[0].collaterals[1].held, 0, "reported as 0");
        assertTrue(ms[0].collaterals[0].heldOk, "weth balance read");
        assertEq(ms[0].collaterals[0].held, 1e18, "weth held");
        (VaultView[] memory vs,) = lens.getVaults(address(market), 0, 10);
        assertEq(vs.length, 1, "vaults readable");
        assertEq(lens.getVault(address(market), id).id, id, "vault readable");
        assertEq(market.collateralInfo(address(wbtc)).ltv, 0.7e18, "params from storage");
        vm.mockCall(address(wbtc), query, abi.encodePacked(bytes31(0)));
        assertFalse(lens.getMarkets(_markets())[0].collaterals[1].heldOk, "a short answer: unknown");
        vm.clearMockedCalls();
    }

    /// @dev A collateral whose balanceOf burns all its gas or answers a megabyte (review of c9fb4bb, L-4): the lens gives
    /// the call a fixed allowance and copies one word, so the market's view still reads, with that balance unknown.
    function test_hostileCollateralBalanceOf_cannotBurnTheLensGas() public {
        _openWith(ALICE, weth, 1e18);
        address[] memory twice = new address[](2);
        (twice[0], twice[1]) = (address(market), address(market));
        VM_ETCH.etch(address(wbtc), address(new GasBurner()).code);
        MarketView[] memory ms = lens.getMarkets{gas: 3_000_000}(twice);
        assertFalse(ms[0].collaterals[1].heldOk, "burner: unknown");
        assertFalse(ms[1].collaterals[1].heldOk, "burner, listed twice: unknown");
        assertEq(ms[1].collaterals[0].held, 1e18, "weth still read");
        VM_ETCH.etch(address(wbtc), address(new AnswerBomb()).code);
        ms = lens.getMarkets{gas: 3_000_000}(twice);
        assertFalse(ms[0].collaterals[1].heldOk, "bomb: unknown");
        assertEq(ms[0].collaterals[0].held, 1e18, "weth still read");
    }

    function test_getAccount_matchesMarket() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _fund(ALICE, wbtc, 0.1e8);
        vm.prank(ALICE);
        market.depositCollateral(id, address(wbtc), 0.1e8);
        _borrow(ALICE, id, 5000e6);
        vm.prank(ALICE);
        market.openVault(); // empty second vault
        vm.warp(block.timestamp + 10 days);
        ethFeed.setAnswer(3000e8);
        btcFeed.setAnswer(60_000e8);
        usdcFeed.setAnswer(1e8);

        VaultView[] memory vs = lens.getAccount(_markets(), ALICE);
        assertEq(vs.length, 2, "two vaults");
        VaultView memory v = vs[0];
        (uint256 cv, uint256 limit, uint256 liq, uint256 dv, uint256 hf) = market.vaultHealth(id);
        assertEq(v.id, id, "id");
        assertEq(v.owner, ALICE, "owner");
        assertEq(v.baseAsset, address(usdc), "base");
        assertEq(v.debt, market.debtOf(id), "debt with interest");
        assertGt(v.debt, 5000e6, "interest to now");
        assertEq(v.collateralValue, cv, "cv");
        assertEq(v.borrowLimitValue, limit, "limit");
        assertEq(v.liquidationValue, liq, "liq");
        assertEq(v.debtValue, dv, "dv");
        assertEq(v.healthFactor, hf, "hf");
        assertTrue(v.pricesOk, "prices ok");
        assertFalse(v.liquidatable, "healthy");
        assertEq(v.borrowCapacity, (limit - dv) / 1e12, "capacity");
        assertEq(v.collaterals.length, 2, "two collaterals");
        assertEq(v.collaterals[0].asset, address(weth), "weth first");
        assertEq(v.collaterals[0].price, 3000e18, "price");
        assertEq(v.collaterals[0].ltv, 0.8e18, "ltv");
        assertEq(vs[1].healthFactor, type(uint256).max, "no debt: infinite HF");
        assertEq(vs[1].collaterals.length, 0, "empty");

        // Setting ETH to its liquidation price brings HF to 1.
        uint256 lp = v.collaterals[0].liquidationPrice;
        assertGt(lp, 0, "has a liquidation price");
        ethFeed.setAnswer(int256(lp / 1e10));
        assertApproxEqAbs(_hf(id), 1e18, 1e14, "HF at liquidation price");
        ethFeed.setAnswer(int256(lp / 1e10) - 100e8);
        assertTrue(lens.getVault(address(market), id).liquidatable, "liquidatable below");
    }

    /// @dev getAccount's reads are bounded either way: at most MAX_ACCOUNT_VAULTS vaults per market (the first ones).
    function test_getAccount_readsAtMostTheBound() public {
        vm.startPrank(ALICE);
        for (uint256 i; i < 201; ++i) {
            market.openVault();
        }
        vm.stopPrank();
        VaultView[] memory vs = lens.getAccount(_markets(), ALICE);
        assertEq(vs.length, lens.MAX_ACCOUNT_VAULTS(), "bounded");
        assertEq(vs[0].id, 1, "the first ones");
        assertEq(vs[199].id, 200, "in order");
    }

    function test_getAccount_stalePriceFlagged() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 1000e6);
        vm.warp(block.timestamp + 2 hours);
        VaultView memory v = lens.getVault(address(market), id);
        assertFalse(v.pricesOk, "stale");
        assertFalse(v.liquidatable, "nothing priced to seize");
        assertEq(uint256(v.collaterals[0].status), uint256(KeelOracle.Status.Stale), "status");
        assertEq(v.healthFactor, 0, "the stale collateral counts as zero, as in the market");
        (,,,, uint256 hf) = market.vaultHealth(id);
        assertEq(hf, 0, "market agrees");
    }

    /// A node may answer an eth_call in a block env older than the market's last accrual (anvil after fast automining:
    /// its clock lags its newest block). Reads must not revert then; they see no new interest.
    function test_reads_whenCallTimeLagsLastAccrual() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 1000e6);
        vm.warp(block.timestamp + 60);
        market.accrueInterest();
        uint256 debt = market.debtOf(id);
        vm.warp(block.timestamp - 30); // the call's env is 30 s behind the last accrual
        address[] memory ms = new address[](1);
        ms[0] = address(market);
        lens.getMarkets(ms);
        (VaultView[] memory page,) = lens.getVaults(address(market), 0, 10);
        assertEq(page[0].debt, debt, "no new interest, no revert");
        assertEq(lenderVault.totalAssets(), market.totalSupplyAssets(), "totalAssets reads");
    }

    function test_getVaults_paginates() public {
        for (uint256 i; i < 5; ++i) {
            _openWith(i % 2 == 0 ? ALICE : BOB, weth, 1e18);
        }
        (VaultView[] memory page, uint256 count) = lens.getVaults(address(market), 2, 2);
        assertEq(count, 5, "count");
        assertEq(page.length, 2, "page");
        assertEq(page[0].id, 3, "offset");
        assertEq(page[1].id, 4, "next");
        (page,) = lens.getVaults(address(market), 4, 10);
        assertEq(page.length, 1, "last page");
        (page,) = lens.getVaults(address(market), 5, 10);
        assertEq(page.length, 0, "past the end");
    }

    function test_getVaults_gasPerVault() public {
        for (uint256 i; i < 50; ++i) {
            uint256 id = _openWith(ALICE, weth, 1e18);
            _borrow(ALICE, id, 1000e6);
        }
        uint256 g = gasleft();
        lens.getVaults(address(market), 0, 50);
        uint256 used = g - gasleft();
        assertLt(used / 50, 60_000, "per-vault gas");
    }

    function test_getMarket() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, id, 10_000e6);
        vm.startPrank(ADMIN);
        riskAdmin.proposeFees(address(market), 0.2e18, 3);
        riskAdmin.proposeFeed(address(weth), ethFeed, 2 hours, 1e8, 1_000_000e8); // one of its collaterals: shown
        riskAdmin.proposeFeed(address(0xF00D), ethFeed, 2 hours, 1e8, 1_000_000e8); // an asset it does not use: not shown
        riskAdmin.setGuardian(BOB);
        riskAdmin.pauseBorrowing(address(market));
        vm.stopPrank();
        address[] memory ms = _markets();
        MarketView memory m = lens.getMarkets(ms)[0];
        assertEq(m.baseAsset, address(usdc), "base");
        assertEq(m.baseDecimals, 6, "dec");
        assertEq(m.totalSupplyAssets, 1_000_000e6, "supplied");
        assertEq(m.totalBorrows, 10_000e6, "borrowed");
        assertEq(m.cash, 990_000e6, "cash");
        assertEq(m.utilization, 0.01e18, "util");
        assertEq(m.borrowRate, market.borrowRate(), "rate");
        assertEq(m.rateModel.kink, 0.9e18, "kink");
        assertEq(m.riskAdmin, address(riskAdmin), "admin");
        assertEq(m.governor, ADMIN, "governor");
        assertEq(m.guardian, BOB, "guardian");
        assertTrue(m.borrowPaused, "paused");
        assertEq(m.riskDelay, 1 days, "delay");
        assertEq(m.collaterals.length, 2, "collaterals");
        assertEq(m.collaterals[0].held, 10e18, "held");
        assertTrue(m.collaterals[0].heldOk, "held read");
        assertEq(m.collaterals[0].feed.price, 3000e18, "feed");
        assertEq(m.pendingChanges.length, 2, "pending: fees and the WETH feed");
        assertEq(m.pendingChanges[1].asset, address(weth), "feed change");
        assertEq(m.pendingChanges[0].expiresAt, block.timestamp + 15 days, "expiry");
        assertEq(m.flashFeeBps, 5, "flash fee");
        assertEq(m.vaultCount, 1, "vaults");
    }

    /* RISK DASHBOARD VIEWS */

    function test_getVaultBook_matchesGetVaults() public {
        uint256 a = _openWith(ALICE, weth, 2e18);
        _borrow(ALICE, a, 3000e6);
        uint256 b = _openWith(BOB, wbtc, 0.5e8);
        _fund(BOB, weth, 1e18);
        vm.startPrank(BOB);
        weth.approve(address(market), 1e18);
        market.depositCollateral(b, address(weth), 1e18);
        vm.stopPrank();
        _borrow(BOB, b, 10_000e6);
        vm.prank(ALICE);
        market.openVault();
        vm.warp(block.timestamp + 30 days);
        ethFeed.setAnswer(3000e8);
        btcFeed.setAnswer(60_000e8);
        usdcFeed.setAnswer(1e8);

        (address[] memory owners, uint256[] memory debts, uint256[] memory amounts, uint256 count) =
            lens.getVaultBook(address(market), 0, 10);
        (VaultView[] memory full,) = lens.getVaults(address(market), 0, 10);
        address[] memory assets = market.collateralAssets();
        assertEq(count, 3, "count");
        assertEq(owners.length, 3, "three vaults");
        assertEq(amounts.length, 3 * assets.length, "row-major amounts");
        for (uint256 i; i < 3; ++i) {
            assertEq(owners[i], full[i].owner, "owner");
            assertEq(debts[i], full[i].debt, "debt with interest");
            for (uint256 k; k < assets.length; ++k) {
                assertEq(amounts[i * assets.length + k], market.collateralOf(i + 1, assets[k]), "amount");
            }
        }
        assertGt(debts[0], 3000e6, "interest accrued");
        assertEq(debts[2], 0, "empty vault");

        (owners,,, count) = lens.getVaultBook(address(market), 2, 10);
        assertEq(owners.length, 1, "last page");
        (owners,,, count) = lens.getVaultBook(address(market), 5, 10);
        assertEq(owners.length, 0, "past the end");
        assertEq(count, 3, "count past the end");
    }

    function test_getFeedHistory_newestFirst() public {
        ethFeed.setAnswer(3100e8);
        vm.warp(block.timestamp + 60);
        ethFeed.setAnswer(3050e8);
        address[] memory feeds = new address[](3);
        feeds[0] = address(ethFeed);
        feeds[1] = address(btcFeed);
        feeds[2] = address(0xdead); // not a feed: an empty history, no revert
        FeedRound[][] memory r = lens.getFeedHistory(feeds, 10);
        assertEq(r[0].length, 3, "initial + two updates");
        assertEq(r[0][0].answer, int256(3050e8), "newest first");
        assertEq(r[0][0].roundId, 3, "round id");
        assertEq(r[0][0].updatedAt, block.timestamp, "time");
        assertEq(r[0][2].answer, int256(3000e8), "oldest last");
        assertEq(r[1].length, 1, "btc: one round");
        assertEq(r[2].length, 0, "no feed");
        r = lens.getFeedHistory(feeds, 2);
        assertEq(r[0].length, 2, "count caps");
    }

    function test_devRiskSeeder_createsOwnedVaults() public {
        DevRiskSeeder seeder = new DevRiskSeeder();
        address[] memory assets = new address[](2);
        assets[0] = address(weth);
        assets[1] = address(wbtc);
        DevRiskSeeder.SeedVault[] memory vs = new DevRiskSeeder.SeedVault[](2);
        uint256[] memory a0 = new uint256[](2);
        a0[0] = 1e18;
        vs[0] = DevRiskSeeder.SeedVault(ALICE, a0, 2000e6);
        uint256[] memory a1 = new uint256[](2);
        a1[0] = 0.5e18;
        a1[1] = 0.1e8;
        vs[1] = DevRiskSeeder.SeedVault(BOB, a1, 0);
        vm.prank(ALICE);
        market.setOperator(address(seeder), true); // the owners consent to receiving the vaults
        vm.prank(BOB);
        market.setOperator(address(seeder), true);
        uint256 first = seeder.seed(market, assets, vs);
        assertEq(first, 1, "first id");
        assertEq(market.vaultsOf(ALICE).length, 1, "alice owns one");
        assertEq(market.vaultsOf(address(seeder)).length, 0, "seeder keeps none");
        assertEq(market.debtOf(1), 2000e6, "debt");
        assertEq(usdc.balanceOf(ALICE), 2000e6, "borrowed to the owner");
        assertEq(market.collateralOf(2, address(wbtc)), 0.1e8, "second collateral");

        // LTV still applies.
        uint256[] memory a2 = new uint256[](2);
        a2[0] = 1e18;
        DevRiskSeeder.SeedVault[] memory bad = new DevRiskSeeder.SeedVault[](1);
        bad[0] = DevRiskSeeder.SeedVault(ALICE, a2, 2500e6);
        vm.expectRevert();
        seeder.seed(market, assets, bad);
    }
}
