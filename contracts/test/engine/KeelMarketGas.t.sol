// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "./EngineBase.sol";

/// @dev Gas of the hot paths with one collateral (each measured on its own cold-ish transaction via a fresh test).
contract KeelMarketGasTest is EngineBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = _openWith(ALICE, weth, 1e18);
        _fund(ALICE, weth, 10e18);
        _fund(ALICE, usdc, 10_000e6);
        _borrow(ALICE, id, 1000e6);
        vm.warp(block.timestamp + 1 hours);
        ethFeed.setAnswer(3000e8);
        usdcFeed.setAnswer(1e8);
    }

    function test_gas_depositCollateral() public {
        vm.prank(ALICE);
        market.depositCollateral(id, address(weth), 1e18);
    }

    function test_gas_borrow() public {
        vm.prank(ALICE);
        market.borrow(id, 100e6, ALICE);
    }

    function test_gas_repay() public {
        vm.prank(ALICE);
        market.repay(id, 100e6);
    }

    function test_gas_withdrawCollateral() public {
        vm.prank(ALICE);
        market.withdrawCollateral(id, address(weth), 0.1e18, ALICE);
    }

    function test_gas_supply() public {
        _fund(BOB, usdc, 1000e6);
        vm.prank(BOB);
        market.supply(1000e6, 0, BOB);
    }

    function test_gas_withdrawSupply() public {
        vm.prank(address(lenderVault)); // the vault's own supply, withdrawn as it does
        market.withdraw(1000e6, 0, address(lenderVault), LENDER);
    }

    function test_gas_lenderVaultDeposit() public {
        usdc.mint(BOB, 1000e6);
        vm.startPrank(BOB);
        usdc.approve(address(lenderVault), 1000e6);
        lenderVault.deposit(1000e6, BOB);
        vm.stopPrank();
    }

    function test_gas_lenderVaultRedeem() public {
        vm.prank(LENDER);
        lenderVault.redeem(1000e12, LENDER, LENDER);
    }

    /// @dev The bench's liquidation: a vault on one collateral, under water after a price drop, partly liquidated.
    function test_gas_liquidate() public {
        uint256 bob = _openWith(BOB, weth, 10e18);
        _borrow(BOB, bob, 23_000e6);
        vm.warp(block.timestamp + 12);
        ethFeed.setAnswer(2600e8);
        usdcFeed.setAnswer(1e8);
        _fund(LIQUIDATOR, usdc, 10_000e6);
        vm.prank(LIQUIDATOR);
        market.liquidate(bob, address(weth), 5000e6, 0);
    }
}
