// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {KeelFlashBorrower} from "./KeelFlashBorrower.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";
import {IKeelMarket} from "../interfaces/IKeelMarket.sol";

/// @title KeelLiquidator
/// @notice A keeper's capital-free liquidation of many vaults at once. For each batch (one market, one collateral):
/// one flash loan of the base asset, every vault of the batch liquidated with it, one sale of all the seized collateral
/// through an ISwapAdapter, the loan and its fee repaid, the profit sent to the owner.
/// @dev Only the owner (the keeper's account) may call, and the contract holds no token after a call. Inside a batch a
/// vault that is no longer liquidatable — a competitor got it first: the market reverts `NotLiquidatable`, or
/// `InsufficientCollateral` with a zero balance (the asset was seized whole, or the vault was closed) — is skipped with a
/// `LiquidationSkipped` event. Every other revert (an oracle error, `RepayBelowRequired`, an out-of-gas with no data)
/// reverts the whole call: nothing is hidden by the try/catch. A batch may lose at most its `maxLoss` and at most
/// `maxLossBps` of what it repaid (the owner's on-chain bound), paid from the owner's balance: the fallback that clears
/// the last vaults when the pool has moved against the keeper.
contract KeelLiquidator is KeelFlashBorrower, Ownable {
    using SafeERC20 for IERC20;

    /// @notice One vault of a batch: repay at most `maxRepay` base units of vault `id`'s debt (the market repays what
    /// its rules require, so headroom above the expected repayment costs nothing and absorbs a front-run deposit).
    struct Target {
        uint256 id;
        uint256 maxRepay;
    }

    /// @notice One flash loan and one swap: liquidate every vault of `vaults` in `market`, seizing `collateral`.
    /// The batch must end with a profit of at least `minProfit` base units, or (fallback) a loss of at most `maxLoss`.
    struct Batch {
        IKeelMarket market;
        address collateral;
        Target[] vaults;
        uint256 minProfit;
        uint256 maxLoss;
    }

    /// @dev What a batch's liquidations and sale came to.
    struct Tally {
        uint256 repaid;
        uint256 seized;
        uint256 liquidated;
        uint256 proceeds;
    }

    /// @notice Hard ceiling of `maxLossBps`: 3 % of what a batch repays.
    uint256 public constant MAX_LOSS_BPS_LIMIT = 300;
    uint256 internal constant BPS = 10_000;

    /// @notice Largest loss a batch may take, in bps of what it repaid (owner-set, ≤ MAX_LOSS_BPS_LIMIT; 0 = never).
    uint256 public maxLossBps;

    /// @dev The running batch's result (profit > 0, loss < 0), handed from the callback to `liquidate`.
    int256 private transient _result;

    /// @notice Thrown when a batch earns less than its `minProfit`.
    error ProfitBelowMin(int256 result, uint256 minProfit);
    /// @notice Thrown when a batch loses more than its `maxLoss` or than `maxLossBps` of what it repaid (`bound`).
    error LossAboveBound(uint256 loss, uint256 bound);
    /// @notice Thrown when the owner sets `maxLossBps` above MAX_LOSS_BPS_LIMIT.
    error LossBpsAboveLimit(uint256 bps, uint256 limit);
    /// @notice Thrown when a batch asks for no repayment at all (no vault, or every `maxRepay` 0).
    error EmptyBatch();

    /// @notice Emitted for each batch: vaults liquidated and skipped, base repaid, collateral seized and sold, the sale's
    /// proceeds and the batch's result after the flash fee (profit > 0, loss < 0).
    event BatchLiquidated(
        address indexed market,
        address indexed collateral,
        uint256 liquidated,
        uint256 skipped,
        uint256 repaid,
        uint256 seized,
        uint256 proceeds,
        int256 result
    );
    /// @notice Emitted for each vault of a batch that was no longer liquidatable (the market's revert data attached).
    event LiquidationSkipped(address indexed market, uint256 indexed id, bytes reason);
    /// @notice Emitted when the owner changes the loss bound.
    event MaxLossBpsSet(uint256 bps);

    /// @param adapter_ The swap venue.
    /// @param owner_ The keeper account allowed to call, paid the profit and charged a fallback's loss.
    constructor(ISwapAdapter adapter_, address owner_) KeelFlashBorrower(adapter_) Ownable(owner_) {}

    /// @notice Sets the largest loss a fallback batch may take, in bps of what it repaid.
    function setMaxLossBps(uint256 bps) external onlyOwner {
        if (bps > MAX_LOSS_BPS_LIMIT) revert LossBpsAboveLimit(bps, MAX_LOSS_BPS_LIMIT);
        maxLossBps = bps;
        emit MaxLossBpsSet(bps);
    }

    /// @notice Runs every batch: one flash loan of Σ `maxRepay`, the liquidations, one swap, repayment. Reverts as a
    /// whole if any batch fails (see the contract's notes on what is skipped).
    /// @return results Per batch, the profit sent to the owner (> 0) or the loss taken from the owner (< 0), base units.
    function liquidate(Batch[] calldata batches) external onlyOwner nonReentrant returns (int256[] memory results) {
        results = new int256[](batches.length);
        for (uint256 i; i < batches.length; ++i) {
            Batch calldata b = batches[i];
            uint256 loan;
            for (uint256 j; j < b.vaults.length; ++j) {
                loan += b.vaults[j].maxRepay;
            }
            if (loan == 0) revert EmptyBatch();
            _flash(b.market, loan, abi.encode(b.collateral, b.vaults, b.minProfit, b.maxLoss));
            results[i] = _result;
            _sweep(IERC20(b.market.asset()), msg.sender);
        }
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data)
        external
        returns (bytes32)
    {
        _acceptLoan(initiator);
        (address collateral, Target[] memory vaults, uint256 minProfit, uint256 maxLoss) =
            abi.decode(data, (address, Target[], uint256, uint256));
        IERC20(token).forceApprove(msg.sender, amount);
        Tally memory t = _liquidateAll(IKeelMarket(msg.sender), collateral, vaults);
        if (t.seized != 0) {
            IERC20(collateral).forceApprove(address(adapter), t.seized);
            t.proceeds = adapter.swapExactIn(collateral, token, t.seized, 0, address(this));
        }
        _result = _settle(IERC20(token), amount + fee, t, minProfit, maxLoss);
        IERC20(token).forceApprove(msg.sender, amount + fee);
        emit BatchLiquidated(
            msg.sender, collateral, t.liquidated, vaults.length - t.liquidated, t.repaid, t.seized, t.proceeds, _result
        );
        return FLASH_CALLBACK_SUCCESS;
    }

    /// @dev Liquidates every vault of the batch, skipping those no longer liquidatable; totals what was repaid and seized.
    function _liquidateAll(IKeelMarket market, address collateral, Target[] memory vaults)
        internal
        returns (Tally memory t)
    {
        for (uint256 j; j < vaults.length; ++j) {
            try market.liquidate(vaults[j].id, collateral, vaults[j].maxRepay, 0) returns (uint256 r, uint256 s) {
                t.repaid += r;
                t.seized += s;
                ++t.liquidated;
            } catch (bytes memory reason) {
                _skipOrBubble(address(market), vaults[j].id, reason);
            }
        }
    }

    /// @dev The batch's result against `owed`; a loss within the bounds is taken from the owner. A batch whose every
    /// vault was skipped bought nothing: its only cost, the flash fee, is taken from the owner without a bound.
    function _settle(IERC20 base, uint256 owed, Tally memory t, uint256 minProfit, uint256 maxLoss)
        internal
        returns (int256 result)
    {
        uint256 held = base.balanceOf(address(this));
        if (held >= owed) {
            result = int256(held - owed);
            if (t.liquidated != 0 && held - owed < minProfit) revert ProfitBelowMin(result, minProfit);
            return result;
        }
        uint256 loss = owed - held;
        if (t.liquidated != 0) {
            uint256 bound = t.repaid * maxLossBps / BPS;
            if (maxLoss < bound) bound = maxLoss;
            if (loss > bound) revert LossAboveBound(loss, bound);
        }
        base.safeTransferFrom(owner(), address(this), loss);
        result = -int256(loss);
    }

    /// @dev Skips a vault the market says is no longer liquidatable (for this asset); re-raises anything else as is.
    function _skipOrBubble(address market, uint256 id, bytes memory reason) internal {
        bytes4 selector = reason.length >= 4 ? bytes4(reason) : bytes4(0);
        bool gone = selector == IKeelMarket.NotLiquidatable.selector;
        if (selector == IKeelMarket.InsufficientCollateral.selector && reason.length >= 4 + 4 * 32) {
            // InsufficientCollateral(id, asset, balance, amount): a zero balance means nothing is left to seize.
            uint256 held;
            assembly ("memory-safe") {
                held := mload(add(reason, 100)) // 32 (length) + 4 (selector) + 2 words (id, asset)
            }
            gone = held == 0;
        }
        if (!gone) {
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
        emit LiquidationSkipped(market, id, reason);
    }
}
