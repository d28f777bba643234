// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";
import {IKeelMarket, VaultData} from "../interfaces/IKeelMarket.sol";

/// @title KeelFlashBorrower
/// @notice What Keel's periphery contracts (leverage router, guard, liquidator) share: a swap venue, ERC-3156 flash
/// loans from a Keel market that only that market may call back, and holding no token between transactions.
abstract contract KeelFlashBorrower is IERC3156FlashBorrower, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 internal constant FLASH_CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @notice The swap venue.
    ISwapAdapter public immutable adapter;

    /// @dev The market a flash loan was asked from during the current call; the only allowed callback caller.
    address private transient _lender;

    /// @notice Thrown when `onFlashLoan` is called by anyone but the market being borrowed from, or for a loan this
    /// contract did not initiate.
    error UntrustedLender(address caller, address initiator);

    constructor(ISwapAdapter adapter_) {
        adapter = adapter_;
    }

    /// @dev Flash-borrows `amount` of `market`'s base asset with `data` for the callback.
    function _flash(IKeelMarket market, uint256 amount, bytes memory data) internal {
        _lender = address(market);
        market.flashLoan(this, market.asset(), amount, data);
        _lender = address(0);
    }

    /// @dev First line of `onFlashLoan`: only the market being borrowed from, for a loan this contract initiated.
    function _acceptLoan(address initiator) internal {
        if (msg.sender != _lender || initiator != address(this)) revert UntrustedLender(msg.sender, initiator);
        _lender = address(0);
    }

    /// @dev Withdraws every collateral of vault `id` to `to`.
    function _withdrawAll(IKeelMarket market, uint256 id, address to) internal {
        VaultData memory v = market.getVault(id);
        for (uint256 i; i < v.assets.length; ++i) {
            if (v.amounts[i] != 0) market.withdrawCollateral(id, v.assets[i], v.amounts[i], to);
        }
    }

    /// @dev Sends this contract's whole balance of `token` to `to`.
    function _sweep(IERC20 token, address to) internal {
        uint256 bal = token.balanceOf(address(this));
        if (bal != 0) token.safeTransfer(to, bal);
    }
}
