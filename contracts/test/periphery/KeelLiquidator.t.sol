// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {UniswapV2Fixture} from "./UniswapV2Fixture.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {ISwapAdapter} from "../../src/periphery/interfaces/ISwapAdapter.sol";
import {IKeelVaults} from "../../src/periphery/interfaces/IKeelVaults.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../src/periphery/interfaces/IUniswapV2Pair.sol";
import {UniswapV2Adapter} from "../../src/periphery/UniswapV2Adapter.sol";
import {KeelLiquidator} from "../../src/periphery/KeelLiquidator.sol";
import {KeelFlashBorrower} from "../../src/periphery/KeelFlashBorrower.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice KeelLiquidator: capital-free liquidation (flash loan → liquidate → swap → repay) on a real market and pool.
contract KeelLiquidatorTest is EngineBase {
    address internal constant KEEPER = address(0xCEE9);
    IUniswapV2Factory internal factory;
    IUniswapV2Pair internal pool;
    UniswapV2Adapter internal adapter;
    KeelLiquidator internal liquidator;
    IKeelVaults internal vaults;

    function setUp() public override {
        super.setUp();
        factory = UniswapV2Fixture.deployFactory();
        pool = UniswapV2Fixture.seed(factory, weth, 10_000e18, usdc, 27_000_000e6); // $2,700
        adapter = new UniswapV2Adapter(factory);
        liquidator = new KeelLiquidator(ISwapAdapter(address(adapter)), KEEPER);
        vaults = IKeelVaults(address(market));
        _supply(LENDER, 5_000_000e6);
    }

    /// @dev A vault at HF 1.0625 at $3,000, then ETH falls to $2,700 (HF ≈ 0.956).
    function _underwater(address who) internal returns (uint256 id) {
        id = _openWith(who, weth, 10e18);
        _borrow(who, id, 24_000e6);
    }

    function _job(uint256 id, uint256 minProfit) internal view returns (KeelLiquidator.Job memory) {
        return KeelLiquidator.Job(vaults, id, address(weth), market.debtOf(id), minProfit);
    }

    function test_liquidate_profitWithoutCapital() public {
        uint256 id = _underwater(ALICE);
        ethFeed.setAnswer(2700e8);
        assertLt(_hf(id), 1e18, "liquidatable");
        KeelLiquidator.Job memory job = _job(id, 1);
        vm.prank(KEEPER);
        uint256 profit = liquidator.liquidate(job);
        assertGt(profit, 0, "profit");
        assertEq(usdc.balanceOf(KEEPER), profit, "profit paid to the keeper");
        assertGe(_hf(id), 1e18, "vault healthy again");
        assertEq(usdc.balanceOf(address(liquidator)), 0, "holds no USDC");
        assertEq(weth.balanceOf(address(liquidator)), 0, "holds no WETH");
    }

    function test_liquidate_onlyOwner() public {
        uint256 id = _underwater(ALICE);
        ethFeed.setAnswer(2700e8);
        KeelLiquidator.Job memory job = _job(id, 0);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        liquidator.liquidate(job);
    }

    function test_liquidate_minProfit() public {
        uint256 id = _underwater(ALICE);
        ethFeed.setAnswer(2700e8);
        KeelLiquidator.Job memory job = _job(id, 1_000_000e6);
        vm.prank(KEEPER);
        vm.expectRevert();
        liquidator.liquidate(job);
    }

    function test_liquidate_healthyVault_reverts() public {
        uint256 id = _underwater(ALICE);
        KeelLiquidator.Job memory job = _job(id, 0);
        uint256 hf = _hf(id);
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotLiquidatable.selector, id, hf));
        liquidator.liquidate(job);
    }

    function test_batch_skipsVaultsTakenByACompetitor() public {
        uint256 a = _underwater(ALICE);
        uint256 b = _underwater(BOB);
        ethFeed.setAnswer(2700e8);
        KeelLiquidator.Job[] memory jobs = new KeelLiquidator.Job[](2);
        jobs[0] = _job(a, 0);
        jobs[1] = _job(b, 0);
        // A competitor liquidates `a` first.
        _fund(LIQUIDATOR, usdc, 100_000e6);
        vm.prank(LIQUIDATOR);
        market.liquidate(a, address(weth), type(uint256).max, 0);
        vm.prank(KEEPER);
        uint256[] memory profits = liquidator.liquidateBatch(jobs);
        assertEq(profits[0], 0, "taken by the competitor: skipped");
        assertGt(profits[1], 0, "the other liquidated");
        assertGe(_hf(b), 1e18, "b healthy");
        assertEq(usdc.balanceOf(address(liquidator)), 0, "holds no USDC");
    }

    /// @dev A batch sent with too little gas fails as a whole (so a gas estimate cannot settle on "skip every job").
    function test_batch_tooLittleGas_reverts() public {
        uint256 id = _underwater(ALICE);
        ethFeed.setAnswer(2700e8);
        KeelLiquidator.Job[] memory jobs = new KeelLiquidator.Job[](1);
        jobs[0] = _job(id, 0);
        vm.prank(KEEPER);
        vm.expectRevert(KeelLiquidator.OutOfGas.selector);
        liquidator.liquidateBatch{gas: 300_000}(jobs);
        assertLt(_hf(id), 1e18, "nothing liquidated");
    }

    function test_runOne_onlySelf() public {
        uint256 id = _underwater(ALICE);
        KeelLiquidator.Job memory job = _job(id, 0);
        vm.expectRevert(KeelLiquidator.OnlySelf.selector);
        liquidator.runOne(job);
    }

    function test_onFlashLoan_untrusted_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(KeelFlashBorrower.UntrustedLender.selector, address(this), address(this))
        );
        liquidator.onFlashLoan(address(this), address(usdc), 1, 0, "");
    }
}
