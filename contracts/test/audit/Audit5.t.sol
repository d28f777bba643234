// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {IKeelMarket, CollateralParams} from "../../src/interfaces/IKeelMarket.sol";

/// @notice Audit 2026-12-02-d (audit5, docs/audit-2026-12-02-d.md): regression tests for its Low findings on the one-file
/// engine's supply ledger and lender vault. Each was a proof of concept that passed while the issue existed (the auditor's
/// scenario is kept); each now asserts the fix.
contract Audit5Test is EngineBase {
    address internal constant CAROL = address(0xC0);

    /// @dev Deploys a market on `base` and returns its address (0 if the constructor reverted) and the revert data.
    function _tryDeployMarket(DevERC20 base) internal returns (address a, bytes memory reason) {
        bytes memory init = abi.encodePacked(
            vm.getCode("KeelMarket.sol:KeelMarket"),
            abi.encode(
                IERC20Metadata(address(base)), oracle, address(riskAdmin), _usdcRateModel(), uint256(0), uint256(0)
            )
        );
        assembly ("memory-safe") {
            a := create(0, add(init, 32), mload(init))
            let n := returndatasize()
            reason := mload(0x40)
            mstore(reason, n)
            returndatacopy(add(reason, 32), 0, n)
            mstore(0x40, add(add(reason, 32), and(add(n, 31), not(31))))
        }
    }

    function _pricedToken(uint8 decimals) internal returns (DevERC20 base) {
        base = new DevERC20("Big", "BIG", decimals);
        vm.prank(ADMIN);
        riskAdmin.setFeed(address(base), usdcFeed, 1 days, 0.5e8, 2e8);
    }

    /// L-1: the ledger's share conversions are 256-bit (1e6 virtual shares per unit); on a 36-decimal base one whole token
    /// deposited through the lender vault overflowed totalAssets / maxWithdraw / redeem and locked the deposit. A base of
    /// more than 18 decimals is now refused at deployment; 18 is accepted.
    function test_L1_baseAbove18DecimalsRefused() public {
        DevERC20 big = _pricedToken(36);
        (address a, bytes memory reason) = _tryDeployMarket(big);
        assertEq(a, address(0), "a 36-decimal base is refused");
        assertTrue(
            keccak256(reason)
                == keccak256(abi.encodeWithSelector(IKeelMarket.InvalidDecimals.selector, address(big), uint8(36))),
            "InvalidDecimals(base, 36)"
        );
        DevERC20 nineteen = _pricedToken(19);
        (a, reason) = _tryDeployMarket(nineteen);
        assertEq(a, address(0), "19 decimals are refused");
        (a,) = _tryDeployMarket(_pricedToken(18));
        assertTrue(a != address(0), "18 decimals are accepted");
    }

    /// L-2: a vault operator (router, guard, gateway) could withdraw the lender's direct supply to itself.
    function test_L2_vaultOperatorCannotWithdrawSupply() public {
        address routerLike = address(0x707e4);
        _fund(BOB, usdc, 10_000e6);
        vm.startPrank(BOB);
        market.supply(10_000e6, 0, BOB);
        market.setOperator(routerLike, true);
        vm.stopPrank();

        uint256 shares = market.supplyShares(BOB);
        vm.prank(routerLike);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnauthorizedLender.selector, BOB, routerLike));
        market.withdraw(0, shares, BOB, routerLike);
        assertEq(market.supplyShares(BOB), shares, "supply kept");
    }

    /// L-3: the market's own lender token could be listed as its collateral (claims on the pool backing loans from it).
    function test_L3_ownLenderTokenRefusedAsCollateral() public {
        DevPriceFeed kFeed = new DevPriceFeed(address(this), 8, "kUSDC / USD", 1e8);
        vm.prank(ADMIN);
        riskAdmin.setFeed(address(lenderVault), kFeed, 1 days, 0.5e8, 2e8);
        vm.prank(address(riskAdmin));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidCollateral.selector, address(lenderVault)));
        market.setCollateral(address(lenderVault), CollateralParams(0.8e18, 0.85e18, 0.05e18, type(uint128).max));
    }
}
