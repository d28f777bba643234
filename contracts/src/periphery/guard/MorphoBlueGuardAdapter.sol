// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {IGuardAdapter, Snapshot} from "./IGuardAdapter.sol";
import {GuardAdapterBase} from "./GuardAdapterBase.sol";
import {MathLib, WAD} from "../../libraries/MathLib.sol";

/// @notice Morpho Blue 1.0's market parameters.
struct MorphoMarketParams {
    address loanToken;
    address collateralToken;
    address oracle;
    address irm;
    uint256 lltv;
}

/// @notice The part of Morpho Blue 1.0 the adapter uses.
interface IGuardMorpho {
    function idToMarketParams(bytes32 id) external view returns (MorphoMarketParams memory);
    function position(bytes32 id, address user)
        external
        view
        returns (uint256 supplyShares, uint128 borrowShares, uint128 collateral);
    function market(bytes32 id)
        external
        view
        returns (
            uint128 totalSupplyAssets,
            uint128 totalSupplyShares,
            uint128 totalBorrowAssets,
            uint128 totalBorrowShares,
            uint128 lastUpdate,
            uint128 fee
        );
    function isAuthorized(address authorizer, address authorized) external view returns (bool);
    /// @dev The owner's call that authorises (or revokes) the adapter.
    function setAuthorization(address authorized, bool newIsAuthorized) external;
    function accrueInterest(MorphoMarketParams memory marketParams) external;
    function flashLoan(address token, uint256 assets, bytes calldata data) external;
    function repay(MorphoMarketParams memory p, uint256 assets, uint256 shares, address onBehalf, bytes memory data)
        external
        returns (uint256, uint256);
    function withdrawCollateral(MorphoMarketParams memory p, uint256 assets, address onBehalf, address receiver)
        external;
    function supplyCollateral(MorphoMarketParams memory p, uint256 assets, address onBehalf, bytes memory data) external;
    function borrow(MorphoMarketParams memory p, uint256 assets, uint256 shares, address onBehalf, address receiver)
        external
        returns (uint256, uint256);
}

/// @notice Morpho's oracle: the price of one collateral unit in loan units, scaled by 1e36.
interface IGuardMorphoOracle {
    function price() external view returns (uint256);
}

/// @notice The Chainlink feeds behind a Morpho oracle, in either shape the adapter can check: Keel's
/// ChainlinkMorphoOracle (`COLLATERAL_FEED`, `LOAN_FEED`) or Morpho's ChainlinkOracleV2 (`BASE_FEED_1/2`,
/// `QUOTE_FEED_1/2`, zero where unused).
interface IGuardMorphoChainlinkOracle {
    function COLLATERAL_FEED() external view returns (address);
    function LOAN_FEED() external view returns (address);
}

interface IGuardMorphoChainlinkOracleV2 {
    function BASE_FEED_1() external view returns (address);
    function BASE_FEED_2() external view returns (address);
    function QUOTE_FEED_1() external view returns (address);
    function QUOTE_FEED_2() external view returns (address);
}

interface IGuardMorphoFeed {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256 updatedAt, uint80);
}

/// @title MorphoBlueGuardAdapter
/// @notice Morpho Blue behind `IGuardAdapter`. Position `(owner, marketId)`; the owner authorises this adapter with
/// `setAuthorization`. Prices are the market's own oracle, values in the loan token (WAD); the liquidation threshold is
/// the market's LLTV; flash loans are Morpho's own (free). Debt is read with Morpho's share rounding (up), after
/// `accrue` brings the market's interest to now. Morpho oracles do not check staleness, so the adapter reads the
/// oracle's Chainlink feeds itself and refuses a price when any is older than `maxPriceAge` or not positive; a market
/// whose oracle exposes no feeds it knows is refused (`UncheckableOracle`): no rule can be set on it or fire.
contract MorphoBlueGuardAdapter is GuardAdapterBase {
    using SafeERC20 for IERC20;
    using MathLib for uint256;

    uint256 internal constant ORACLE_PRICE_SCALE = 1e36;
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    uint256 internal constant VIRTUAL_ASSETS = 1;

    IGuardMorpho public immutable morpho;
    /// @notice Oldest Chainlink answer a price may come from, seconds.
    uint256 public immutable maxPriceAge;

    /// @notice Thrown when a market's oracle exposes no Chainlink feed the adapter can check for staleness.
    error UncheckableOracle(address oracle);

    constructor(address guard_, ISwapAdapter swapper_, IGuardMorpho morpho_, uint256 maxPriceAge_)
        GuardAdapterBase(guard_, swapper_)
    {
        morpho = morpho_;
        maxPriceAge = maxPriceAge_;
    }

    /// @dev Every Chainlink feed behind `oracle` answered positively within `maxPriceAge`.
    function _checkFeeds(address oracle) internal view {
        try IGuardMorphoChainlinkOracle(oracle).COLLATERAL_FEED() returns (address col) {
            _checkFeed(col);
            _checkFeed(IGuardMorphoChainlinkOracle(oracle).LOAN_FEED());
            return;
        } catch {}
        try IGuardMorphoChainlinkOracleV2(oracle).BASE_FEED_1() returns (address b1) {
            IGuardMorphoChainlinkOracleV2 o = IGuardMorphoChainlinkOracleV2(oracle);
            (address b2, address q1, address q2) = (o.BASE_FEED_2(), o.QUOTE_FEED_1(), o.QUOTE_FEED_2());
            if (b1 == address(0) && b2 == address(0) && q1 == address(0) && q2 == address(0)) {
                revert UncheckableOracle(oracle);
            }
            _checkFeed(b1);
            _checkFeed(b2);
            _checkFeed(q1);
            _checkFeed(q2);
        } catch {
            revert UncheckableOracle(oracle);
        }
    }

    function _checkFeed(address feed) internal view {
        if (feed == address(0)) return;
        (, int256 answer,, uint256 updatedAt,) = IGuardMorphoFeed(feed).latestRoundData();
        if (answer <= 0) revert NoProtocolPrice(feed);
        if (updatedAt + maxPriceAge < block.timestamp) revert StaleProtocolPrice(feed, updatedAt);
    }

    function _decode(bytes calldata position)
        internal
        view
        returns (address owner, bytes32 id, MorphoMarketParams memory p)
    {
        _canonical(position, 2);
        (owner, id) = abi.decode(position, (address, bytes32));
        p = morpho.idToMarketParams(id);
    }

    /// @inheritdoc IGuardAdapter
    function snapshot(bytes calldata position) external view returns (Snapshot memory s) {
        (address owner, bytes32 id, MorphoMarketParams memory p) = _decode(position);
        s.owner = owner;
        s.mayWithdraw = s.mayBorrow = morpho.isAuthorized(owner, address(this));
        (,, uint128 collateral) = morpho.position(id, owner);
        s.collateral = collateral;
        s.debt = _debt(id, owner);
        s.colScale = 10 ** IERC20Metadata(p.collateralToken).decimals();
        s.debtScale = 10 ** IERC20Metadata(p.loanToken).decimals();
        _checkFeeds(p.oracle);
        uint256 price = IGuardMorphoOracle(p.oracle).price();
        if (price == 0) revert NoProtocolPrice(p.collateralToken);
        // One whole collateral token in whole loan tokens, WAD.
        s.colPrice = price.mulDivDown(s.colScale * WAD, ORACLE_PRICE_SCALE * s.debtScale);
        s.debtPrice = WAD;
        s.lt = p.lltv;
        s.collateralValue = s.collateral.mulDivDown(s.colPrice, s.colScale);
        s.liqValue = s.collateralValue.wMulDown(p.lltv);
        s.debtValue = s.debt.mulDivUp(WAD, s.debtScale);
        s.flashFeeBps = 0;
    }

    /// @inheritdoc IGuardAdapter
    function accrue(bytes calldata position) external {
        (,, MorphoMarketParams memory p) = _decode(position);
        morpho.accrueInterest(p);
    }

    /// @dev The owner's debt in assets, Morpho's share rounding (up), at the market's last accrual.
    function _debt(bytes32 id, address owner) internal view returns (uint256) {
        (, uint128 borrowShares,) = morpho.position(id, owner);
        (,, uint128 totalBorrowAssets, uint128 totalBorrowShares,,) = morpho.market(id);
        return uint256(borrowShares)
            .mulDivUp(uint256(totalBorrowAssets) + VIRTUAL_ASSETS, uint256(totalBorrowShares) + VIRTUAL_SHARES);
    }

    function _job(Op op, bytes calldata position, uint256 amount, uint256 minOut, uint256 fee)
        internal
        view
        override
        returns (Job memory job)
    {
        (address owner,, MorphoMarketParams memory p) = _decode(position);
        job = Job(op, owner, p.collateralToken, p.loanToken, amount, minOut, fee, position);
    }

    /// @dev The job's market (the position was checked by `_job`).
    function _market(Job memory job) internal view returns (bytes32 id, MorphoMarketParams memory p) {
        (, id) = abi.decode(job.position, (address, bytes32));
        p = morpho.idToMarketParams(id);
    }

    function _debtOf(Job memory job) internal view override returns (uint256) {
        (, bytes32 id) = abi.decode(job.position, (address, bytes32));
        return _debt(id, job.owner);
    }

    /// @dev Covering the whole debt: repays by shares (by assets, Morpho's toSharesDown of the rounded-up debt could
    /// exceed the owner's shares and revert), as MorphoLeverageRouter._repay does.
    function _repay(Job memory job, uint256 amount) internal override {
        (bytes32 id, MorphoMarketParams memory p) = _market(job);
        if (amount >= _debt(id, job.owner)) {
            (, uint128 borrowShares,) = morpho.position(id, job.owner);
            morpho.repay(p, 0, borrowShares, job.owner, "");
        } else {
            morpho.repay(p, amount, 0, job.owner, "");
        }
    }

    function _withdraw(Job memory job, uint256 amount) internal override returns (uint256) {
        (, MorphoMarketParams memory p) = _market(job);
        morpho.withdrawCollateral(p, amount, job.owner, address(this));
        return amount;
    }

    function _withdrawAll(Job memory job) internal override returns (uint256 collateral) {
        (bytes32 id, MorphoMarketParams memory p) = _market(job);
        (,, uint128 c) = morpho.position(id, job.owner);
        collateral = c;
        if (collateral != 0) morpho.withdrawCollateral(p, collateral, job.owner, address(this));
    }

    function _supply(Job memory job, uint256 amount) internal override {
        (, MorphoMarketParams memory p) = _market(job);
        IERC20(job.collateral).forceApprove(address(morpho), amount);
        morpho.supplyCollateral(p, amount, job.owner, "");
    }

    function _borrow(Job memory job, uint256 amount) internal override {
        (, MorphoMarketParams memory p) = _market(job);
        morpho.borrow(p, amount, 0, job.owner, address(this));
    }

    function _flash(Job memory job, uint256 amount) internal override {
        _expect(address(morpho));
        morpho.flashLoan(job.debtAsset, amount, abi.encode(job));
    }

    /// @notice Morpho's flash-loan callback; only Morpho, during a loan this adapter asked for. Morpho pulls the loan
    /// back (free).
    function onMorphoFlashLoan(uint256 assets, bytes calldata data) external {
        _accept(address(this));
        _run(abi.decode(data, (Job)), address(morpho), assets, 0);
    }
}
