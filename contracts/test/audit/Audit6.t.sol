// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {EngineBase} from "../engine/EngineBase.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {IKeelMarket, CollateralParams} from "../../src/interfaces/IKeelMarket.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @dev The cheatcodes this file needs beyond test/utils/Test.sol's.
interface Vm6 {
    function etch(address target, bytes calldata newRuntimeBytecode) external;
}

/// @dev A hook the token below calls from its `balanceOf` (declared view there, so the call is a STATICCALL).
interface IPoke {
    function poke() external view;
}

/// @dev A collateral whose `balanceOf` calls back into a hook that tries to withdraw from the market (re-entry).
contract PokingToken is DevERC20 {
    address public hook;

    constructor() DevERC20("Poke", "POKE", 18) {}

    function setHook(address h) external {
        hook = h;
    }

    function balanceOf(address a) public view override returns (uint256) {
        if (hook != address(0)) {
            try IPoke(hook).poke() {} catch {}
        }
        return super.balanceOf(a);
    }
}

/// @dev Owns a vault of PokingToken and, when poked, tries to withdraw all of it (allowed to it as the owner).
contract PokeHook {
    IKeelMarket internal immutable market;
    address internal immutable token;
    uint256 public id;

    constructor(IKeelMarket m, address t) {
        market = m;
        token = t;
    }

    function open(uint256 amount) external {
        id = market.openVault();
        DevERC20(token).approve(address(market), amount);
        market.depositCollateral(id, token, amount);
    }

    function poke() external {
        market.withdrawCollateral(id, token, market.collateralOf(id, token), address(this));
    }
}

/// @notice Audit 2026-12-02-e (audit6, docs/audit-2026-12-02-e.md) of the gas12 engine change: `_pullIn`'s balanceOf as
/// one assembly staticcall (`_selfBalance`), and `liquidate` handing the seized collateral's parameters to `_health`.
/// No finding above Info: every test here passes on the audited code and pins the behaviour that was checked.
contract Audit6Test is EngineBase {
    Vm6 internal constant vm6 = Vm6(address(uint160(uint256(keccak256("hevm cheat code")))));

    error LongError(uint256 a, uint256 b, uint256 c, uint256 d, uint256 e, uint256 f, uint256 g);

    /// I-1 (the revert path copies the token's revert data to memory offset 0, past the 64-byte scratch space, inside a
    /// block marked memory-safe): a balanceOf revert of 228 bytes, which overwrites the free memory pointer and the zero
    /// slot before the market reverts, is still bubbled byte for byte and credits nothing.
    function test_selfBalance_longRevertDataBubbledIntact() public {
        vm.prank(ALICE);
        uint256 id = market.openVault();
        _fund(ALICE, weth, 1e18);
        bytes memory err = abi.encodeWithSelector(LongError.selector, 1, 2, 3, 4, 5, 6, type(uint256).max);
        vm.mockCallRevert(address(weth), abi.encodeWithSignature("balanceOf(address)", address(market)), err);
        vm.prank(ALICE);
        vm.expectRevert(err);
        market.depositCollateral(id, address(weth), 1e18);
        vm.clearMockedCalls();
        assertEq(market.collateralOf(id, address(weth)), 0, "nothing credited");
        assertEq(IERC20(address(weth)).balanceOf(address(market)), 0, "total untouched");
    }

    /// A token answering 2^256 - 1 for the market's balance: the deposit is refused as over the supply cap (the cap
    /// holds the market's balance, read before the pull; the sum saturates instead of overflowing) and nothing is
    /// credited. (Before collateral totals left the market, issue #12, the balance check passed and the amount was
    /// credited.)
    function test_selfBalance_hugeAnswerRefusedAsOverTheCap() public {
        vm.prank(ALICE);
        uint256 id = market.openVault();
        _fund(ALICE, weth, 1e18);
        vm.mockCall(
            address(weth), abi.encodeWithSignature("balanceOf(address)", address(market)), abi.encode(type(uint256).max)
        );
        uint256 cap = market.collateralInfo(address(weth)).supplyCap;
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.SupplyCapExceeded.selector, address(weth), type(uint256).max, cap)
        );
        market.depositCollateral(id, address(weth), 1e18);
        vm.clearMockedCalls();
        assertEq(market.collateralOf(id, address(weth)), 0, "nothing credited");
        assertEq(weth.balanceOf(address(market)), 0, "nothing held");
    }

    /// A listed collateral whose code is gone (code size 0): the balance read before the pull gets an empty answer and
    /// refuses it with SafeERC20's error for a failed token call; nothing is credited.
    function test_selfBalance_codelessTokenRefused() public {
        vm.prank(ALICE);
        uint256 id = market.openVault();
        _fund(ALICE, weth, 1e18);
        vm6.etch(address(weth), "");
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(weth)));
        market.depositCollateral(id, address(weth), 1e18);
        assertEq(market.collateralOf(id, address(weth)), 0, "nothing credited");
    }

    /// A balanceOf that re-enters the market (a withdrawal by a vault owner) runs in a static context: the re-entry
    /// cannot write (nor take the transient lock), the token swallows its failure, the deposit completes and the
    /// hook's collateral is untouched.
    function test_selfBalance_reentryFromBalanceOfCannotWrite() public {
        PokingToken t = new PokingToken();
        _listCollateral(address(t), "POKE", 1e8, 1e20, CollateralParams(0.5e18, 0.6e18, 0.1e18, type(uint128).max));
        PokeHook hook = new PokeHook(market, address(t));
        t.mint(address(hook), 5e18);
        hook.open(5e18);
        t.setHook(address(hook));

        vm.prank(ALICE);
        uint256 id = market.openVault();
        t.mint(ALICE, 1e18);
        vm.startPrank(ALICE);
        t.approve(address(market), 1e18);
        market.depositCollateral(id, address(t), 1e18);
        vm.stopPrank();
        assertEq(market.collateralOf(id, address(t)), 1e18, "deposit credited");
        assertEq(market.collateralOf(hook.id(), address(t)), 5e18, "re-entry withdrew nothing");
        assertEq(t.balanceOf(address(market)), 6e18, "market holds both");
        assertEq(IERC20(address(t)).balanceOf(address(market)), 6e18, "total");
    }

    /// `liquidate` values the seized collateral from its Collateral slot (`held`) and the other from the Listed slot;
    /// `vaultHealth` values both from the Listed slot. After parameter changes of either collateral (both slots are
    /// written by setCollateral), the health factor liquidate computes equals the view's, through either asset: a
    /// healthy vault is refused with NotLiquidatable carrying exactly the view's HF.
    function test_liquidate_heldParamsAgreeWithListedAfterChanges() public {
        uint256 id = _openWith(ALICE, weth, 10e18); // index 0
        wbtc.mint(ALICE, 1e8); // index 1
        vm.startPrank(ALICE);
        wbtc.approve(address(market), 1e8);
        market.depositCollateral(id, address(wbtc), 1e8);
        vm.stopPrank();
        _borrow(ALICE, id, 60_000e6);
        _fund(BOB, usdc, 100_000e6);

        uint64[3] memory lts = [uint64(0.88e18), 0.9e18, 0.86e18];
        for (uint256 k; k < lts.length; ++k) {
            _setCollateral(address(weth), CollateralParams(lts[k] - 0.05e18, lts[k], 0.1e18, 1_000_000e18));
            _setCollateral(address(wbtc), CollateralParams(lts[k] - 0.1e18, lts[k] - 0.05e18, 0.12e18, 1_000e8));
            uint256 hf = _hf(id);
            assertGe(hf, 1e18, "healthy at these parameters");
            for (uint256 a; a < 2; ++a) {
                address asset = a == 0 ? address(weth) : address(wbtc);
                vm.prank(BOB);
                vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotLiquidatable.selector, id, hf));
                market.liquidate(id, asset, 1_000e6, 0);
            }
        }
    }

    /// The same after a price move that makes the vault liquidatable, with an LT change executed in the same block
    /// before the liquidation: the liquidation uses the new parameters (it succeeds through WBTC only because WETH's LT
    /// was lowered in that block) and the seized WBTC is paid at most (1 + maxDiscount) of the debt repaid.
    function test_liquidate_usesParametersChangedInTheSameBlock() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        wbtc.mint(ALICE, 1e8);
        vm.startPrank(ALICE);
        wbtc.approve(address(market), 1e8);
        market.depositCollateral(id, address(wbtc), 1e8);
        vm.stopPrank();
        _borrow(ALICE, id, 60_000e6);
        _fund(BOB, usdc, 100_000e6);
        assertGe(_hf(id), 1e18, "healthy first");

        _setCollateral(address(weth), CollateralParams(0.3e18, 0.35e18, 0.1e18, 1_000_000e18));
        uint256 hf = _hf(id);
        assertLt(hf, 1e18, "liquidatable after the LT cut");
        (,,, uint256 dv,) = market.vaultHealth(id);
        vm.prank(BOB);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(wbtc), 5_000e6, 0);
        assertGt(seized, 0, "seized through WBTC");
        uint256 seizedValue = seized * 60_000e18 / 1e8;
        uint256 repaidValue = repaid * 1e18 / 1e6;
        assertLe(seizedValue, repaidValue * 1.1e18 / 1e18 + 1e13, "at most the max discount");
        assertLe(repaid, dv, "repaid within the debt");
    }
}
