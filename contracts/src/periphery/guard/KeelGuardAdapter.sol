// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {IKeelMarket, CollateralInfo} from "../../interfaces/IKeelMarket.sol";
import {IGuardAdapter, Snapshot} from "./IGuardAdapter.sol";
import {GuardAdapterBase} from "./GuardAdapterBase.sol";

/// @notice The registry of Keel markets (KeelRiskAdmin).
interface IKeelMarketRegistry {
    function isMarket(address market) external view returns (bool);
}

/// @title KeelGuardAdapter
/// @notice Keel behind `IGuardAdapter`. Position `(market, vaultId, collateral)`; the vault owner makes this adapter
/// its operator on the market. Prices are KeelOracle's (a stale feed reverts), values in USD (WAD), the health factor
/// the market's `vaultHealth`; flash loans are the market's ERC-3156 loans of its base asset at its flash fee.
/// Only markets of `registry` (the KeelRiskAdmin) are accepted: a position naming any other address is refused, so no
/// contract of an attacker's can become the adapter's flash lender.
contract KeelGuardAdapter is GuardAdapterBase, IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    bytes32 internal constant FLASH_CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @notice The registry whose markets this adapter serves (KeelRiskAdmin.isMarket).
    IKeelMarketRegistry public immutable registry;
    /// @dev The amount `_flash` asked for, checked in `onFlashLoan`.
    uint256 private transient _asked;

    /// @notice Thrown when a position names a market the registry does not know.
    error UnknownMarket(address market);
    /// @notice Thrown when a flash-loan callback carries another token or amount than the adapter asked for.
    error UnexpectedLoan(address token, uint256 amount);

    constructor(address guard_, ISwapAdapter swapper_, IKeelMarketRegistry registry_)
        GuardAdapterBase(guard_, swapper_)
    {
        registry = registry_;
    }

    function _decode(bytes calldata position) internal view returns (IKeelMarket market, uint256 id, address col) {
        _canonical(position, 3);
        (market, id, col) = abi.decode(position, (IKeelMarket, uint256, address));
        if (!registry.isMarket(address(market))) revert UnknownMarket(address(market));
    }

    /// @inheritdoc IGuardAdapter
    function snapshot(bytes calldata position) external view returns (Snapshot memory s) {
        (IKeelMarket market, uint256 id, address col) = _decode(position);
        address base = market.asset();
        s.owner = market.vaultOwner(id);
        s.mayWithdraw = s.mayBorrow = market.isOperator(s.owner, address(this));
        s.collateral = market.collateralOf(id, col);
        s.debt = market.debtOf(id);
        (s.colPrice, s.debtPrice) = market.oracle().prices(col, base);
        if (s.colPrice == 0) revert NoProtocolPrice(col);
        CollateralInfo memory info = market.collateralInfo(col);
        s.colScale = 10 ** info.decimals;
        s.debtScale = 10 ** IERC20Metadata(base).decimals();
        s.lt = info.liquidationThreshold;
        (s.collateralValue,, s.liqValue, s.debtValue,) = market.vaultHealth(id);
        s.flashFeeBps = market.flashFeeBps();
    }

    /// @inheritdoc IGuardAdapter
    function accrue(bytes calldata) external {}

    function _job(Op op, bytes calldata position, uint256 amount, uint256 minOut, uint256 fee)
        internal
        view
        override
        returns (Job memory job)
    {
        (IKeelMarket market, uint256 id, address col) = _decode(position);
        job = Job(op, market.vaultOwner(id), col, market.asset(), amount, minOut, fee, position);
    }

    /// @dev The job's market and vault (the position was checked by `_job`).
    function _vault(Job memory job) internal pure returns (IKeelMarket market, uint256 id) {
        (market, id,) = abi.decode(job.position, (IKeelMarket, uint256, address));
    }

    function _debtOf(Job memory job) internal view override returns (uint256) {
        (IKeelMarket market, uint256 id) = _vault(job);
        return market.debtOf(id);
    }

    function _repay(Job memory job, uint256 amount) internal override {
        (IKeelMarket market, uint256 id) = _vault(job);
        market.repay(id, amount >= market.debtOf(id) ? type(uint256).max : amount);
    }

    function _withdraw(Job memory job, uint256 amount) internal override returns (uint256) {
        (IKeelMarket market, uint256 id) = _vault(job);
        market.withdrawCollateral(id, job.collateral, amount, address(this));
        return amount;
    }

    function _withdrawAll(Job memory job) internal override returns (uint256 have) {
        (IKeelMarket market, uint256 id) = _vault(job);
        have = market.collateralOf(id, job.collateral);
        if (have != 0) market.withdrawCollateral(id, job.collateral, have, address(this));
    }

    function _supply(Job memory job, uint256 amount) internal override {
        (IKeelMarket market, uint256 id) = _vault(job);
        IERC20(job.collateral).forceApprove(address(market), amount);
        market.depositCollateral(id, job.collateral, amount);
    }

    function _borrow(Job memory job, uint256 amount) internal override {
        (IKeelMarket market, uint256 id) = _vault(job);
        market.borrow(id, amount, address(this));
    }

    function _flash(Job memory job, uint256 amount) internal override {
        (IKeelMarket market,,) = abi.decode(job.position, (IKeelMarket, uint256, address));
        if (!registry.isMarket(address(market))) revert UnknownMarket(address(market));
        _expect(address(market));
        _asked = amount;
        market.flashLoan(this, job.debtAsset, amount, abi.encode(job));
        _asked = 0;
        // No standing allowance: the market has pulled the loan back.
        IERC20(job.debtAsset).forceApprove(address(market), 0);
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 flashFee, bytes calldata data)
        external
        returns (bytes32)
    {
        _accept(initiator);
        IKeelMarket market = IKeelMarket(msg.sender);
        if (token != market.asset() || amount != _asked) revert UnexpectedLoan(token, amount);
        // The market pulls the loan and its fee back.
        _run(abi.decode(data, (Job)), address(market), amount, flashFee);
        return FLASH_CALLBACK_SUCCESS;
    }
}
