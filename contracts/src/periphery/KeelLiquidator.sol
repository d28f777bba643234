// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {KeelFlashBorrower} from "./KeelFlashBorrower.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";
import {IKeelVaults} from "./interfaces/IKeelVaults.sol";

/// @title KeelLiquidator
/// @notice A keeper's capital-free liquidation: flash-borrows the market's base asset, liquidates a vault with it, sells
/// the seized collateral for the base asset through an ISwapAdapter, repays the loan and sends the profit to the owner.
/// @dev Only the owner (the keeper's account) may call. A batch runs each liquidation in its own sub-call, so one vault
/// taken by a competitor first (or gone unprofitable) is skipped without undoing the others. The contract holds no
/// token between transactions.
contract KeelLiquidator is KeelFlashBorrower, Ownable {
    using SafeERC20 for IERC20;

    /// @notice One liquidation: repay up to `repayAmount` of vault `id`'s debt in `market`, seize `collateral`, and
    /// require at least `minProfit` base units of profit after the swap and the flash fee.
    struct Job {
        IKeelVaults market;
        uint256 id;
        address collateral;
        uint256 repayAmount;
        uint256 minProfit;
    }

    /// @notice Gas a batch must have left before each job (a liquidation with its flash loan and swap needs ~250k).
    uint256 public constant MIN_JOB_GAS = 400_000;

    /// @notice Thrown when the sale of the seized collateral does not repay the loan and the fee.
    error Unprofitable(uint256 proceeds, uint256 owed);
    /// @notice Thrown when the profit is below the job's `minProfit`.
    error ProfitBelowMin(uint256 profit, uint256 minProfit);
    /// @notice Thrown when a batch runs out of gas inside a job (rather than skipping it).
    error OutOfGas();
    /// @notice Thrown when a self-only entry point is called from outside.
    error OnlySelf();

    /// @notice Emitted for each liquidation carried out.
    event LiquidationExecuted(
        address indexed market,
        uint256 indexed id,
        address indexed collateral,
        uint256 repaid,
        uint256 seized,
        uint256 profit
    );
    /// @notice Emitted for each job of a batch that reverted (its revert data attached); the batch goes on.
    event LiquidationSkipped(address indexed market, uint256 indexed id, bytes reason);

    /// @param adapter_ The swap venue.
    /// @param owner_ The keeper account allowed to call and paid the profit.
    constructor(ISwapAdapter adapter_, address owner_) KeelFlashBorrower(adapter_) Ownable(owner_) {}

    /// @notice Runs one liquidation; reverts if it fails or earns less than `job.minProfit`.
    /// @return profit Base units sent to the owner.
    function liquidate(Job calldata job) external onlyOwner nonReentrant returns (uint256 profit) {
        profit = _run(job);
    }

    /// @notice Runs every job that succeeds; a job that reverts is skipped with a LiquidationSkipped event.
    /// @return profits Base units sent to the owner per job (0 for skipped jobs).
    function liquidateBatch(Job[] calldata jobs) external onlyOwner nonReentrant returns (uint256[] memory profits) {
        profits = new uint256[](jobs.length);
        for (uint256 i; i < jobs.length; ++i) {
            uint256 gasBefore = gasleft();
            if (gasBefore < MIN_JOB_GAS) revert OutOfGas();
            try this.runOne(jobs[i]) returns (uint256 p) {
                profits[i] = p;
            } catch (bytes memory reason) {
                // A job that ran out of gas reverts without data and leaves only the 1/64 reserves of its call
                // frames: the batch was sent with too little gas (an estimate must not settle on "skip
                // everything"), so fail it rather than skip.
                if (reason.length == 0 && gasleft() < gasBefore / 8) revert OutOfGas();
                emit LiquidationSkipped(address(jobs[i].market), jobs[i].id, reason);
            }
        }
    }

    /// @notice One job of a batch, in its own call frame so its revert unwinds only itself. Callable only by this
    /// contract (from `liquidateBatch`).
    function runOne(Job calldata job) external returns (uint256) {
        if (msg.sender != address(this)) revert OnlySelf();
        return _run(job);
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data)
        external
        returns (bytes32)
    {
        _acceptLoan(initiator);
        IKeelVaults market = IKeelVaults(msg.sender);
        (uint256 id, address collateral) = abi.decode(data, (uint256, address));
        IERC20 base = IERC20(token);
        base.forceApprove(address(market), amount);
        (uint256 repaid, uint256 seized) = market.liquidate(id, collateral, amount, 0);
        base.forceApprove(address(market), 0);
        IERC20(collateral).forceApprove(address(adapter), seized);
        adapter.swapExactIn(collateral, token, seized, 0, address(this));
        IERC20(collateral).forceApprove(address(adapter), 0);
        uint256 held = base.balanceOf(address(this));
        uint256 owed = amount + fee;
        if (held < owed) revert Unprofitable(held, owed);
        base.forceApprove(address(market), owed);
        emit LiquidationExecuted(address(market), id, collateral, repaid, seized, held - owed);
        return FLASH_CALLBACK_SUCCESS;
    }

    function _run(Job calldata job) internal returns (uint256 profit) {
        IERC20 base = IERC20(job.market.asset());
        _flash(job.market, job.repayAmount, abi.encode(job.id, job.collateral));
        profit = base.balanceOf(address(this));
        if (profit < job.minProfit) revert ProfitBelowMin(profit, job.minProfit);
        if (profit != 0) base.safeTransfer(owner(), profit);
    }
}
