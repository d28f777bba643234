// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../../utils/Test.sol";
import {UniswapV2Fixture} from "../UniswapV2Fixture.sol";
import {MorphoFixture} from "../MorphoFixture.sol";
import {DevERC20} from "../../../src/dev/DevERC20.sol";
import {DevPriceFeed} from "../../../src/dev/DevPriceFeed.sol";
import {KinkedIrm} from "../../../src/dev/KinkedIrm.sol";
import {ChainlinkMorphoOracle} from "../../../src/dev/ChainlinkMorphoOracle.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IMorpho, Id, MarketParams} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";
import {ISwapAdapter} from "../../../src/periphery/interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory} from "../../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {UniswapV2Adapter} from "../../../src/periphery/UniswapV2Adapter.sol";
import {KeelAutomation} from "../../../src/periphery/guard/KeelAutomation.sol";
import {IGuardAdapter, Snapshot} from "../../../src/periphery/guard/IGuardAdapter.sol";
import {MorphoBlueGuardAdapter, IGuardMorpho} from "../../../src/periphery/guard/MorphoBlueGuardAdapter.sol";
import {
    AaveV3GuardAdapter,
    AaveReserveData,
    AaveEModeCategory,
    IGuardAavePool,
    IGuardAaveOracle
} from "../../../src/periphery/guard/AaveV3GuardAdapter.sol";

/// @notice A Morpho oracle with a price and no feed the adapter could check.
contract BareMorphoOracle {
    function price() external pure returns (uint256) {
        return 3_000e24; // 3,000 USDC (6) per WETH (18), Morpho's 1e36 scale
    }
}

/// @notice The reads `AaveV3GuardAdapter.snapshot` makes, answered from what the test sets: one account, two reserves
/// (Aave's own bytecode is deployed on anvil only; audit 2026-12-01 #6 is about what the adapter reads, not the pool).
contract AaveReadsStub {
    mapping(address => AaveReserveData) internal _reserves;
    mapping(address => uint256) public getAssetPrice;
    mapping(address => mapping(address => uint256)) public balance; // token → owner → balance
    uint256 public eMode;
    AaveEModeCategory internal _cat;
    uint256[2] internal _account; // totalCollateralBase, totalDebtBase
    uint256 internal _accountLt;

    function setReserve(address asset, uint256 decimals, uint256 ltBps, uint256 category) external {
        AaveReserveData storage r = _reserves[asset];
        r.configuration = (ltBps << 16) | (decimals << 48) | (category << 168);
        r.aTokenAddress = address(this);
        r.variableDebtTokenAddress = address(this);
    }

    function setPrice(address asset, uint256 p) external {
        getAssetPrice[asset] = p;
    }

    function setEMode(uint256 id, uint16 lt, address source) external {
        eMode = id;
        _cat = AaveEModeCategory(lt - 100, lt, 10_100, source, "stub");
    }

    function setAccount(uint256 colBase, uint256 debtBase, uint256 ltBps) external {
        _account = [colBase, debtBase];
        _accountLt = ltBps;
    }

    // Pool
    function getReserveData(address asset) external view returns (AaveReserveData memory) {
        return _reserves[asset];
    }

    function getUserEMode(address) external view returns (uint256) {
        return eMode;
    }

    function getEModeCategoryData(uint8) external view returns (AaveEModeCategory memory) {
        return _cat;
    }

    function getUserAccountData(address) external view returns (uint256, uint256, uint256, uint256, uint256, uint256) {
        return (_account[0], _account[1], 0, _accountLt, 0, 0);
    }

    function FLASHLOAN_PREMIUM_TOTAL() external pure returns (uint128) {
        return 5;
    }

    // aToken / variable debt token (one stub for both: balances are not what this test is about)
    function balanceOf(address) external pure returns (uint256) {
        return 1e18;
    }

    function allowance(address, address) external pure returns (uint256) {
        return type(uint256).max;
    }

    function borrowAllowance(address, address) external pure returns (uint256) {
        return type(uint256).max;
    }

    // AaveOracle
    function getSourceOfAsset(address) external pure returns (address) {
        return address(0);
    }

    function BASE_CURRENCY_UNIT() external pure returns (uint256) {
        return 1e8;
    }
}

/// @notice What each adapter reads before any rule may be set or fire: the Morpho adapter against the real Morpho Blue
/// bytecode (oracle staleness, audit 2026-12-01 #5; canonical position bytes, #7), the Aave adapter's e-mode prices
/// (#6) against the pool's own reads.
contract GuardAdapterReadsTest is Test {
    address internal constant ALICE = address(0xA11CE);
    address internal constant LENDER = address(0x1E4D);
    address internal constant EXECUTOR = address(0xE7);

    DevERC20 internal weth;
    DevERC20 internal usdc;
    DevPriceFeed internal ethFeed;
    DevPriceFeed internal usdFeed;
    IMorpho internal morpho;
    KinkedIrm internal irm;
    MarketParams internal params;
    KeelAutomation internal guard;
    MorphoBlueGuardAdapter internal adapter;
    bytes internal pos;

    function setUp() public {
        vm.warp(1_800_000_000);
        weth = new DevERC20("Wrapped Ether", "WETH", 18);
        usdc = new DevERC20("USD Coin", "USDC", 6);
        ethFeed = new DevPriceFeed(address(this), 8, "ETH / USD", 3_000e8);
        usdFeed = new DevPriceFeed(address(this), 8, "USDC / USD", 1e8);
        morpho = MorphoFixture.deploy(address(this));
        irm = new KinkedIrm(0, uint256(0.04e18) / 365 days, uint256(0.6e18) / 365 days, 0.9e18);
        ChainlinkMorphoOracle oracle = new ChainlinkMorphoOracle(
            AggregatorV3Interface(address(ethFeed)), AggregatorV3Interface(address(usdFeed)), 18, 6
        );
        morpho.enableIrm(address(irm));
        morpho.enableLltv(0.86e18);
        params = MarketParams(address(usdc), address(weth), address(oracle), address(irm), 0.86e18);
        morpho.createMarket(params);
        usdc.mint(LENDER, 3_000_000e6);
        vm.startPrank(LENDER);
        usdc.approve(address(morpho), type(uint256).max);
        morpho.supply(params, 3_000_000e6, 0, LENDER, "");
        vm.stopPrank();

        IUniswapV2Factory factory = UniswapV2Fixture.deployFactory();
        UniswapV2Fixture.seed(factory, weth, 1_000e18, usdc, 3_000_000e6);
        guard = new KeelAutomation();
        adapter = new MorphoBlueGuardAdapter(
            address(guard), ISwapAdapter(address(new UniswapV2Adapter(factory))), IGuardMorpho(address(morpho)), 1 days
        );
        pos = _open(params);
    }

    function _open(MarketParams memory p) internal returns (bytes memory) {
        weth.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        weth.approve(address(morpho), 10e18);
        morpho.supplyCollateral(p, 10e18, ALICE, "");
        morpho.borrow(p, 15_000e6, 0, ALICE, ALICE);
        if (!morpho.isAuthorized(ALICE, address(adapter))) morpho.setAuthorization(address(adapter), true);
        vm.stopPrank();
        return abi.encode(ALICE, keccak256(abi.encode(p)));
    }

    function _stop(uint256 trigger) internal view returns (KeelAutomation.Params memory) {
        return KeelAutomation.Params(trigger, 0, 0, 0, 200, 50, block.timestamp + 30 days);
    }

    /* Morpho: audit #5 */

    /// @notice A fresh price: the stop-loss fires on the real Morpho, exactly at its trigger, and nothing stays behind.
    function test_morpho_stopLoss_firesOnAFreshPrice() public {
        vm.prank(ALICE);
        guard.setRule(adapter, pos, KeelAutomation.Kind.StopLoss, _stop(2_500e18));
        ethFeed.setAnswer(2_501e8);
        vm.expectRevert();
        vm.prank(EXECUTOR);
        guard.execute(adapter, pos, KeelAutomation.Kind.StopLoss, 50);
        ethFeed.setAnswer(2_500e8);
        vm.prank(EXECUTOR);
        guard.execute(adapter, pos, KeelAutomation.Kind.StopLoss, 50);
        (, uint128 borrowShares, uint128 collateral) = _position();
        assertEq(uint256(borrowShares) + collateral, 0, "closed");
        assertGt(weth.balanceOf(ALICE), 0, "the rest of the collateral went to the owner");
        assertEq(weth.balanceOf(address(adapter)) + usdc.balanceOf(address(adapter)), 0, "adapter holds nothing");
    }

    /// @notice A feed stuck below the market (no update for longer than maxPriceAge): no rule can be set or fire.
    function test_morpho_stalePrice_isRefused() public {
        vm.prank(ALICE);
        guard.setRule(adapter, pos, KeelAutomation.Kind.StopLoss, _stop(2_500e18));
        uint256 at = block.timestamp;
        ethFeed.setAnswer(2_400e8); // the stop level, then the feed stops
        vm.warp(at + 1 days + 1);
        usdFeed.setAnswer(1e8);
        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.StaleProtocolPrice.selector, address(ethFeed), at));
        vm.prank(EXECUTOR);
        guard.execute(adapter, pos, KeelAutomation.Kind.StopLoss, 50);
        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.StaleProtocolPrice.selector, address(ethFeed), at));
        vm.prank(ALICE);
        guard.setRule(adapter, pos, KeelAutomation.Kind.StopLoss, _stop(2_000e18));
        // The loan token's feed is checked too.
        ethFeed.setAnswer(2_400e8);
        vm.warp(block.timestamp + 1 days + 1);
        ethFeed.setAnswer(2_400e8);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardAdapter.StaleProtocolPrice.selector, address(usdFeed), at + 1 days + 1)
        );
        adapter.snapshot(pos);
        (, uint128 borrowShares, uint128 collateral) = _position();
        assertEq(collateral, 10e18, "untouched");
        assertGt(borrowShares, 0, "untouched");
    }

    /// @notice A zero or negative answer is no price.
    function test_morpho_nonPositiveAnswer_isRefused() public {
        ethFeed.setAnswer(0);
        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.NoProtocolPrice.selector, address(ethFeed)));
        adapter.snapshot(pos);
    }

    /// @notice A market whose oracle exposes no feed the adapter can check is refused outright.
    function test_morpho_uncheckableOracle_isRefused() public {
        address bare = address(new BareMorphoOracle());
        MarketParams memory p = MarketParams(address(usdc), address(weth), bare, address(irm), 0.86e18);
        morpho.createMarket(p);
        usdc.mint(LENDER, 100_000e6);
        vm.prank(LENDER);
        morpho.supply(p, 100_000e6, 0, LENDER, "");
        bytes memory other = _open(p);
        vm.expectRevert(abi.encodeWithSelector(MorphoBlueGuardAdapter.UncheckableOracle.selector, bare));
        vm.prank(ALICE);
        guard.setRule(adapter, other, KeelAutomation.Kind.StopLoss, _stop(2_500e18));
    }

    /* Morpho: audit #7 */

    function test_morpho_nonCanonicalPosition_isRefused() public {
        bytes memory longer = abi.encodePacked(pos, uint256(1));
        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.NonCanonicalPosition.selector, 96, 64));
        vm.prank(ALICE);
        guard.setRule(adapter, longer, KeelAutomation.Kind.StopLoss, _stop(2_500e18));
    }

    function _position() internal view returns (uint256, uint128, uint128) {
        (uint256 a, uint128 b, uint128 c) = IGuardMorpho(address(morpho)).position(keccak256(abi.encode(params)), ALICE);
        return (a, b, c);
    }

    /* Aave: audit #6 */

    /// @notice An account in an e-mode category with its own price source: both assets of the category are priced from
    /// that source and the category's LT applies, as the pool's health factor does; outside the category, the asset's
    /// own price. A category without a price source keeps each asset's own price.
    function test_aave_eModePriceSource_pricesTheCategoryLikeThePool() public {
        AaveReadsStub stub = new AaveReadsStub();
        AaveV3GuardAdapter aave = new AaveV3GuardAdapter(
            address(guard),
            ISwapAdapter(address(0)),
            IGuardAavePool(address(stub)),
            IGuardAaveOracle(address(stub)),
            1 days
        );
        address wsteth = address(0x5713);
        address source = address(0x50C);
        stub.setReserve(wsteth, 18, 7_900, 1);
        stub.setReserve(address(weth), 18, 8_250, 1);
        stub.setReserve(address(usdc), 6, 8_700, 0);
        stub.setPrice(wsteth, 3_500e8);
        stub.setPrice(address(weth), 3_000e8);
        stub.setPrice(address(usdc), 1e8);
        stub.setPrice(source, 3_010e8);
        stub.setAccount(3_010e8, 2_000e8, 9_300);
        bytes memory inCategory = abi.encode(ALICE, wsteth, address(weth));

        Snapshot memory s = aave.snapshot(inCategory); // not in e-mode: the assets' own prices and LT
        assertEq(s.colPrice, 3_500e18, "own price");
        assertEq(s.lt, 0.79e18, "own LT");

        stub.setEMode(1, 9_300, address(0)); // a category without price source
        s = aave.snapshot(inCategory);
        assertEq(s.colPrice, 3_500e18, "own price");
        assertEq(s.debtPrice, 3_000e18, "own price");
        assertEq(s.lt, 0.93e18, "the category's LT");

        stub.setEMode(1, 9_300, source);
        s = aave.snapshot(inCategory);
        assertEq(s.colPrice, 3_010e18, "the category's price source");
        assertEq(s.debtPrice, 3_010e18, "the category's price source");
        assertEq(s.lt, 0.93e18, "the category's LT");

        s = aave.snapshot(abi.encode(ALICE, wsteth, address(usdc))); // the debt is outside the category
        assertEq(s.colPrice, 3_010e18, "in the category");
        assertEq(s.debtPrice, 1e18, "own price");
        s = aave.snapshot(abi.encode(ALICE, address(usdc), address(weth))); // the collateral is outside
        assertEq(s.colPrice, 1e18, "own price");
        assertEq(s.lt, 0.87e18, "own LT");
        assertEq(s.debtPrice, 3_010e18, "in the category");

        vm.expectRevert(abi.encodeWithSelector(IGuardAdapter.NonCanonicalPosition.selector, 128, 96));
        aave.snapshot(abi.encodePacked(inCategory, uint256(0)));
    }
}
