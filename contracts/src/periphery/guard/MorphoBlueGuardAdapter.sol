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

    /// @inheritdoc IGuardAdapter
    function deleverage(
        bytes calldata position,
        uint256 repay,
        uint256 sell,
        uint256 minOut,
        uint256 fee,
        address feeTo
    ) external onlyGuard nonReentrant returns (uint256 toOwner) {
        Job memory job = _job(Op.Deleverage, position, sell, minOut, fee);
        _flash(job, repay);
        toOwner = _payOut(job.debtAsset, fee, feeTo, job.owner);
    }

    /// @inheritdoc IGuardAdapter
    function close(bytes calldata position, uint256 maxSell, uint256 fee, address feeTo)
        external
        onlyGuard
        nonReentrant
        returns (uint256 sold, uint256 colToOwner, uint256 debtToOwner)
    {
        sold = _close(position, maxSell, fee);
        (address owner,, MorphoMarketParams memory p) = _decode(position);
        colToOwner = _sweep(p.collateralToken, owner);
        debtToOwner = _payOut(p.loanToken, fee, feeTo, owner);
    }

    function _close(bytes calldata position, uint256 maxSell, uint256 fee) internal returns (uint256 sold) {
        (address owner, bytes32 id, MorphoMarketParams memory p) = _decode(position);
        uint256 debt = _debt(id, owner);
        if (debt == 0) {
            (,, uint128 collateral) = morpho.position(id, owner);
            if (collateral != 0) morpho.withdrawCollateral(p, collateral, owner, address(this));
            return 0;
        }
        _flash(_job(Op.Close, position, maxSell, 0, fee), debt);
        sold = _out1;
    }

    /// @dev The owner's debt in assets, Morpho's share rounding (up), at the market's last accrual.
    function _debt(bytes32 id, address owner) internal view returns (uint256) {
        (, uint128 borrowShares,) = morpho.position(id, owner);
        (,, uint128 totalBorrowAssets, uint128 totalBorrowShares,,) = morpho.market(id);
        return uint256(borrowShares)
            .mulDivUp(uint256(totalBorrowAssets) + VIRTUAL_ASSETS, uint256(totalBorrowShares) + VIRTUAL_SHARES);
    }

    /// @inheritdoc IGuardAdapter
    function boost(bytes calldata position, uint256 amount, uint256 minColOut, uint256 fee, address feeTo)
        external
        onlyGuard
        nonReentrant
        returns (uint256 bought)
    {
        Job memory job = _job(Op.Boost, position, minColOut, 0, fee);
        _flash(job, amount);
        bought = _out1;
        _payOut(job.debtAsset, fee, feeTo, job.owner);
    }

    function _job(Op op, bytes calldata position, uint256 amount, uint256 minOut, uint256 fee)
        internal
        view
        returns (Job memory job)
    {
        (address owner,, MorphoMarketParams memory p) = _decode(position);
        job = Job(op, owner, p.collateralToken, p.loanToken, amount, minOut, fee, position);
    }

    function _flash(Job memory job, uint256 amount) internal {
        _expect(address(morpho));
        morpho.flashLoan(job.debtAsset, amount, abi.encode(job));
    }

    /// @notice Morpho's flash-loan callback; only Morpho, during a loan this adapter asked for.
    function onMorphoFlashLoan(uint256 assets, bytes calldata data) external {
        _accept(address(this));
        Job memory job = abi.decode(data, (Job));
        (, bytes32 id) = abi.decode(job.position, (address, bytes32));
        MorphoMarketParams memory p = morpho.idToMarketParams(id);
        IERC20 loan = IERC20(job.debtAsset);
        if (job.op == Op.Boost) {
            uint256 bought = _sellExactIn(job.debtAsset, job.collateral, assets, job.amount);
            IERC20(job.collateral).forceApprove(address(morpho), bought);
            morpho.supplyCollateral(p, bought, job.owner, "");
            morpho.borrow(p, assets + job.fee, 0, job.owner, address(this));
            _out1 = bought;
        } else {
            loan.forceApprove(address(morpho), assets);
            if (job.op == Op.Close) {
                (, uint128 borrowShares, uint128 collateral) = morpho.position(id, job.owner);
                morpho.repay(p, 0, borrowShares, job.owner, "");
                morpho.withdrawCollateral(p, collateral, job.owner, address(this));
                uint256 maxIn = job.amount < collateral ? job.amount : collateral;
                _out1 = _sellExactOut(job.collateral, job.debtAsset, assets + job.fee, maxIn);
            } else {
                // Covering the whole debt: repay by shares (by assets, Morpho's toSharesDown of the rounded-up debt
                // could exceed the owner's shares and revert), as MorphoLeverageRouter._repay does.
                if (assets >= _debt(id, job.owner)) {
                    (, uint128 borrowShares,) = morpho.position(id, job.owner);
                    morpho.repay(p, 0, borrowShares, job.owner, "");
                } else {
                    morpho.repay(p, assets, 0, job.owner, "");
                }
                morpho.withdrawCollateral(p, job.amount, job.owner, address(this));
                _sellExactIn(job.collateral, job.debtAsset, job.amount, job.minOut);
            }
        }
        // Morpho pulls the loan back (free).
        loan.forceApprove(address(morpho), assets);
    }
}
