// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {IGuardAdapter, Snapshot} from "./IGuardAdapter.sol";
import {GuardAdapterBase} from "./GuardAdapterBase.sol";
import {MathLib} from "../../libraries/MathLib.sol";

/// @notice Aave v3.0's reserve data (as `Pool.getReserveData` returns it).
struct AaveReserveData {
    uint256 configuration;
    uint128 liquidityIndex;
    uint128 currentLiquidityRate;
    uint128 variableBorrowIndex;
    uint128 currentVariableBorrowRate;
    uint128 currentStableBorrowRate;
    uint40 lastUpdateTimestamp;
    uint16 id;
    address aTokenAddress;
    address stableDebtTokenAddress;
    address variableDebtTokenAddress;
    address interestRateStrategyAddress;
    uint128 accruedToTreasury;
    uint128 unbacked;
    uint128 isolationModeTotalDebt;
}

/// @notice Aave v3.0's e-mode category.
struct AaveEModeCategory {
    uint16 ltv;
    uint16 liquidationThreshold;
    uint16 liquidationBonus;
    address priceSource;
    string label;
}

/// @notice The part of Aave v3.0's Pool the adapter uses.
interface IGuardAavePool {
    function getUserAccountData(address user)
        external
        view
        returns (
            uint256 totalCollateralBase,
            uint256 totalDebtBase,
            uint256,
            uint256 liquidationThreshold,
            uint256,
            uint256
        );
    function getReserveData(address asset) external view returns (AaveReserveData memory);
    function getUserEMode(address user) external view returns (uint256);
    function getEModeCategoryData(uint8 id) external view returns (AaveEModeCategory memory);
    function FLASHLOAN_PREMIUM_TOTAL() external view returns (uint128);
    function flashLoanSimple(address receiver, address asset, uint256 amount, bytes calldata params, uint16 referral)
        external;
    function supply(address asset, uint256 amount, address onBehalfOf, uint16 referral) external;
    function withdraw(address asset, uint256 amount, address to) external returns (uint256);
    function borrow(address asset, uint256 amount, uint256 rateMode, uint16 referral, address onBehalfOf) external;
    function repay(address asset, uint256 amount, uint256 rateMode, address onBehalfOf) external returns (uint256);
}

/// @notice AaveOracle: prices in the base currency (USD, 8 decimals on every v3 market).
interface IGuardAaveOracle {
    function getAssetPrice(address asset) external view returns (uint256);
    function getSourceOfAsset(address asset) external view returns (address);
    function BASE_CURRENCY_UNIT() external view returns (uint256);
}

interface IGuardChainlinkSource {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256 updatedAt, uint80);
}

interface IGuardCreditDelegation {
    function borrowAllowance(address fromUser, address toUser) external view returns (uint256);
    /// @dev The owner's call that delegates (or, with 0, revokes) credit to the adapter.
    function approveDelegation(address delegatee, uint256 amount) external;
}

/// @title AaveV3GuardAdapter
/// @notice Aave v3 behind `IGuardAdapter`. Position `(owner, collateral, debtAsset)`; the owner approves this adapter
/// for its aTokens (to withdraw after repaying) and delegates credit on the variable debt token (to boost). Prices are
/// the AaveOracle's, refused when its Chainlink source is older than `maxPriceAge`; values are in the oracle's base
/// currency (WAD); the health factor is the pool's account-wide one, the liquidation threshold the collateral's own
/// (e-mode's when the account and the asset share a category); flash loans are `flashLoanSimple` at the pool's premium.
/// As the pool's health factor does (GenericLogic), an asset in the account's e-mode category is priced from the
/// category's `priceSource` when it has one, so the planned amounts and the pool agree.
contract AaveV3GuardAdapter is GuardAdapterBase {
    using SafeERC20 for IERC20;
    using MathLib for uint256;

    uint256 internal constant VARIABLE = 2;

    IGuardAavePool public immutable pool;
    IGuardAaveOracle public immutable oracle;
    /// @notice Oldest Chainlink answer a price may come from, seconds.
    uint256 public immutable maxPriceAge;

    constructor(
        address guard_,
        ISwapAdapter swapper_,
        IGuardAavePool pool_,
        IGuardAaveOracle oracle_,
        uint256 maxPriceAge_
    ) GuardAdapterBase(guard_, swapper_) {
        pool = pool_;
        oracle = oracle_;
        maxPriceAge = maxPriceAge_;
    }

    function _decode(bytes calldata position) internal pure returns (address owner, address col, address debt) {
        _canonical(position, 3);
        return abi.decode(position, (address, address, address));
    }

    /// @dev Price in base units scaled to WAD, refused when zero or stale.
    function _price(address asset, uint256 toWad) internal view returns (uint256 p) {
        p = oracle.getAssetPrice(asset);
        if (p == 0) revert NoProtocolPrice(asset);
        address source = oracle.getSourceOfAsset(asset);
        if (source != address(0)) {
            (,,, uint256 updatedAt,) = IGuardChainlinkSource(source).latestRoundData();
            if (updatedAt + maxPriceAge < block.timestamp) revert StaleProtocolPrice(asset, updatedAt);
        }
        p *= toWad;
    }

    /// @inheritdoc IGuardAdapter
    function snapshot(bytes calldata position) external view returns (Snapshot memory s) {
        (address owner, address col, address debt) = _decode(position);
        s.owner = owner;
        AaveReserveData memory rc = pool.getReserveData(col);
        AaveReserveData memory rd = pool.getReserveData(debt);
        s.collateral = IERC20(rc.aTokenAddress).balanceOf(owner);
        s.debt = IERC20(rd.variableDebtTokenAddress).balanceOf(owner);
        s.mayWithdraw = IERC20(rc.aTokenAddress).allowance(owner, address(this)) >= s.collateral;
        s.mayBorrow = IGuardCreditDelegation(rd.variableDebtTokenAddress).borrowAllowance(owner, address(this)) != 0;
        uint256 toWad = 1e18 / oracle.BASE_CURRENCY_UNIT();
        s.colScale = 10 ** ((rc.configuration >> 48) & 0xff);
        s.debtScale = 10 ** ((rd.configuration >> 48) & 0xff);
        uint256 ltBps = (rc.configuration >> 16) & 0xffff;
        uint256 eMode = pool.getUserEMode(owner);
        address colSource = col;
        address debtSource = debt;
        if (eMode != 0) {
            AaveEModeCategory memory cat = pool.getEModeCategoryData(uint8(eMode));
            bool colIn = ((rc.configuration >> 168) & 0xff) == eMode;
            if (colIn) ltBps = cat.liquidationThreshold;
            if (cat.priceSource != address(0)) {
                if (colIn) colSource = cat.priceSource;
                if (((rd.configuration >> 168) & 0xff) == eMode) debtSource = cat.priceSource;
            }
        }
        s.colPrice = _price(colSource, toWad);
        s.debtPrice = _price(debtSource, toWad);
        s.lt = ltBps * 1e14;
        (uint256 totalCol, uint256 totalDebt,, uint256 accLt,,) = pool.getUserAccountData(owner);
        s.collateralValue = totalCol * toWad;
        s.liqValue = totalCol * toWad * accLt / 1e4;
        s.debtValue = totalDebt * toWad;
        s.flashFeeBps = pool.FLASHLOAN_PREMIUM_TOTAL();
    }

    /// @inheritdoc IGuardAdapter
    function accrue(bytes calldata) external {}

    function _job(Op op, bytes calldata position, uint256 amount, uint256 minOut, uint256 fee)
        internal
        pure
        override
        returns (Job memory job)
    {
        (address owner, address col, address debt) = _decode(position);
        job = Job(op, owner, col, debt, amount, minOut, fee, position);
    }

    function _debtOf(Job memory job) internal view override returns (uint256) {
        return IERC20(pool.getReserveData(job.debtAsset).variableDebtTokenAddress).balanceOf(job.owner);
    }

    function _repay(Job memory job, uint256 amount) internal override {
        pool.repay(job.debtAsset, amount, VARIABLE, job.owner);
    }

    /// @dev aTokens move in scaled units, so what arrives may differ from `amount` by a unit of rounding; the
    /// adapter holds no aToken otherwise, so it withdraws all it has. @return got Underlying withdrawn.
    function _withdraw(Job memory job, uint256 amount) internal override returns (uint256 got) {
        IERC20(pool.getReserveData(job.collateral).aTokenAddress).safeTransferFrom(job.owner, address(this), amount);
        got = pool.withdraw(job.collateral, type(uint256).max, address(this));
    }

    /// @dev Moves the owner's whole aToken balance of the collateral here and withdraws the underlying.
    function _withdrawAll(Job memory job) internal override returns (uint256 got) {
        uint256 amount = IERC20(pool.getReserveData(job.collateral).aTokenAddress).balanceOf(job.owner);
        if (amount != 0) got = _withdraw(job, amount);
    }

    function _supply(Job memory job, uint256 amount) internal override {
        IERC20(job.collateral).forceApprove(address(pool), amount);
        pool.supply(job.collateral, amount, job.owner, 0);
    }

    function _borrow(Job memory job, uint256 amount) internal override {
        pool.borrow(job.debtAsset, amount, VARIABLE, 0, job.owner);
    }

    function _flash(Job memory job, uint256 amount) internal override {
        _expect(address(pool));
        pool.flashLoanSimple(address(this), job.debtAsset, amount, abi.encode(job), 0);
    }

    /// @notice Aave's `flashLoanSimple` callback; only the pool, during a loan this adapter asked for (`initiator` this
    /// adapter). The pool pulls the loan and its premium back.
    function executeOperation(address, uint256 amount, uint256 premium, address initiator, bytes calldata params)
        external
        returns (bool)
    {
        _accept(initiator);
        _run(abi.decode(params, (Job)), address(pool), amount, premium);
        return true;
    }
}
