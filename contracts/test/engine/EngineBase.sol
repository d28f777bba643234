// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {KeelLens} from "../../src/lens/KeelLens.sol";
import {KeelLenderVault} from "../../src/engine/KeelLenderVault.sol";
import {KeelRiskAdmin} from "../../src/governance/KeelRiskAdmin.sol";
import {IKeelMarket, RateModel, CollateralParams} from "../../src/interfaces/IKeelMarket.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";

/// @dev A token that burns 1% of every transfer (fee-on-transfer).
contract FeeToken is ERC20 {
    constructor() ERC20("Fee", "FEE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 fee = value / 100;
            super._update(from, address(0), fee);
            value -= fee;
        }
        super._update(from, to, value);
    }
}

/// @dev Flash borrower that runs a list of market calls inside its callback, then approves repayment.
contract FlashBorrower is IERC3156FlashBorrower {
    IKeelMarket internal immutable market;
    bytes[] internal calls;
    bool public badReturn;

    constructor(IKeelMarket market_) {
        market = market_;
    }

    function setCalls(bytes[] memory c) external {
        delete calls;
        for (uint256 i; i < c.length; ++i) {
            calls.push(c[i]);
        }
    }

    function setBadReturn(bool b) external {
        badReturn = b;
    }

    function approve(address token, address spender, uint256 amount) external {
        DevERC20(token).approve(spender, amount);
    }

    function openVault() external returns (uint256) {
        return market.openVault();
    }

    function onFlashLoan(address, address token, uint256 amount, uint256 fee, bytes calldata)
        external
        returns (bytes32)
    {
        for (uint256 i; i < calls.length; ++i) {
            (bool ok, bytes memory r) = address(market).call(calls[i]);
            if (!ok) {
                assembly {
                    revert(add(r, 32), mload(r))
                }
            }
        }
        DevERC20(token).approve(address(market), amount + fee);
        if (badReturn) return bytes32(0);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}

abstract contract EngineBase is Test {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant T0 = 1_700_000_000;
    address internal constant ADMIN = address(0xAD);
    address internal constant LENDER = address(0x1E);
    address internal constant ALICE = address(0xA1);
    address internal constant BOB = address(0xB0);
    address internal constant LIQUIDATOR = address(0x11D);

    KeelRiskAdmin internal riskAdmin;
    KeelOracle internal oracle;
    DevERC20 internal usdc;
    DevERC20 internal weth;
    DevERC20 internal wbtc;
    DevPriceFeed internal usdcFeed;
    DevPriceFeed internal ethFeed;
    DevPriceFeed internal btcFeed;
    IKeelMarket internal market;
    /// @dev `market`'s ERC-4626 lender token (lenders in these tests supply through it).
    KeelLenderVault internal lenderVault;
    KeelLens internal lens;

    // ~4% APR at the kink (90%), +60% APR above it; 10% reserve factor; 5 bps flash fee.
    function _usdcRateModel() internal pure returns (RateModel memory) {
        return
            RateModel({
                baseRate: 0, slope1: uint64(0.04e18) / 365 days, slope2: uint64(0.6e18) / 365 days, kink: 0.9e18
            });
    }

    function setUp() public virtual {
        vm.warp(T0);
        riskAdmin = new KeelRiskAdmin(ADMIN, 1 days);
        oracle = riskAdmin.oracle();
        usdc = new DevERC20("USD Coin", "USDC", 6);
        weth = new DevERC20("Wrapped Ether", "WETH", 18);
        wbtc = new DevERC20("Wrapped BTC", "WBTC", 8);
        usdcFeed = new DevPriceFeed(address(this), 8, "USDC / USD", 1e8);
        ethFeed = new DevPriceFeed(address(this), 8, "ETH / USD", 3000e8);
        btcFeed = new DevPriceFeed(address(this), 8, "BTC / USD", 60_000e8);
        vm.startPrank(ADMIN);
        riskAdmin.setFeed(address(usdc), usdcFeed, 1 days, 0.5e8, 2e8);
        riskAdmin.setFeed(address(weth), ethFeed, 1 hours, 1e8, 1_000_000e8);
        riskAdmin.setFeed(address(wbtc), btcFeed, 1 hours, 1e8, 10_000_000e8);
        vm.stopPrank();

        market = _newMarket(usdc, _usdcRateModel(), 0.1e18, 5);
        lenderVault = new KeelLenderVault(market, "Keel USDC", "kUSDC");
        vm.startPrank(ADMIN);
        riskAdmin.listCollateral(
            address(market), address(weth), CollateralParams(0.8e18, 0.85e18, 0.1e18, 1_000_000e18)
        );
        riskAdmin.listCollateral(address(market), address(wbtc), CollateralParams(0.7e18, 0.8e18, 0.1e18, 1_000e8));
        vm.stopPrank();
        lens = new KeelLens();

        _supply(LENDER, 1_000_000e6);
    }

    /// @dev A market on `base` administered by `riskAdmin` (added to it).
    function _newMarket(DevERC20 base, RateModel memory m, uint256 rf, uint256 fee) internal returns (IKeelMarket mk) {
        mk = _deployMarket(IERC20Metadata(address(base)), oracle, address(riskAdmin), m, rf, fee);
        vm.prank(ADMIN);
        riskAdmin.addMarket(address(mk));
    }

    /// @dev Deploys KeelMarket from its build artifact, reverting with the constructor's error as `new` would. Nothing
    /// in the tests imports KeelMarket.sol, so it is compiled once, with its own settings (foundry.toml's
    /// compilation_restrictions): the tests run the bytecode that is deployed.
    function _deployMarket(
        IERC20Metadata base,
        KeelOracle oracle_,
        address riskAdmin_,
        RateModel memory m,
        uint256 rf,
        uint256 fee
    ) internal returns (IKeelMarket) {
        bytes memory init = abi.encodePacked(
            vm.getCode("KeelMarket.sol:KeelMarket"), abi.encode(base, oracle_, riskAdmin_, m, rf, fee)
        );
        address a;
        assembly ("memory-safe") {
            a := create(0, add(init, 32), mload(init))
            if iszero(a) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
        return IKeelMarket(a);
    }

    /// @dev Sets a collateral of `market` at once, as the risk admin contract does when a change executes (tests of
    /// the market's own behaviour; the delay is KeelRiskAdmin's and is tested there).
    function _setCollateral(address asset, CollateralParams memory p) internal {
        vm.prank(address(riskAdmin));
        market.setCollateral(asset, p);
    }

    function _supply(address who, uint256 amount) internal returns (uint256 shares) {
        usdc.mint(who, amount);
        vm.startPrank(who);
        usdc.approve(address(lenderVault), amount);
        shares = lenderVault.deposit(amount, who);
        vm.stopPrank();
    }

    function _openWith(address who, DevERC20 token, uint256 amount) internal returns (uint256 id) {
        token.mint(who, amount);
        vm.startPrank(who);
        id = market.openVault();
        token.approve(address(market), amount);
        market.depositCollateral(id, address(token), amount);
        vm.stopPrank();
    }

    function _borrow(address who, uint256 id, uint256 amount) internal {
        vm.prank(who);
        market.borrow(id, amount, who);
    }

    function _fund(address who, DevERC20 token, uint256 amount) internal {
        token.mint(who, amount);
        vm.prank(who);
        token.approve(address(market), type(uint256).max);
    }

    /// @dev A new 18-decimal collateral priced at `price` (8-decimal feed, 1 h heartbeat), listed with these
    /// parameters. Risk-admin plumbing lives here only, so tests do not depend on how listing is governed.
    function _newCollateral(string memory symbol, int256 price, uint64 ltv, uint64 lt, uint64 maxDiscount)
        internal
        returns (DevERC20 token, DevPriceFeed feed)
    {
        token = new DevERC20(symbol, symbol, 18);
        feed = _listCollateral(
            address(token), symbol, price, 1e20, CollateralParams(ltv, lt, maxDiscount, type(uint128).max)
        );
    }

    /// @dev Lists `token` (a test's own kind of token) with a new 8-decimal feed at `price` (1 h heartbeat, answers
    /// 1 ..= `maxAnswer`) and parameters `p`.
    function _listCollateral(
        address token,
        string memory symbol,
        int256 price,
        int256 maxAnswer,
        CollateralParams memory p
    ) internal returns (DevPriceFeed feed) {
        feed = new DevPriceFeed(address(this), 8, symbol, price);
        vm.prank(ADMIN);
        riskAdmin.setFeed(token, feed, 1 hours, 1, maxAnswer); // a first feed: immediate
        _setCollateral(token, p);
    }

    function _hf(uint256 id) internal view returns (uint256 hf) {
        (,,,, hf) = market.vaultHealth(id);
    }
}
