// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {IInterchainSecurityModule} from "@hyperlane-xyz/core/contracts/interfaces/IInterchainSecurityModule.sol";
import {HyperlaneRouter} from "./HyperlaneRouter.sol";
import {CrossChainMessage} from "./CrossChainMessage.sol";

/// @title CollateralOutpost
/// @notice Holds collateral on its own chain for Keel vaults on another chain. A deposit locks WETH or WBTC here and
/// dispatches a Credit to the enrolled CollateralGateway, which mints claims on it into the vault. A Release from the
/// gateway (sent only after it burned the claims) sends the tokens to their recipient. Tokens leave this contract only
/// on a Release delivered by the Mailbox from the enrolled gateway, once per message.
contract CollateralOutpost is HyperlaneRouter, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Tokens accepted for deposit (owner-listed). Unlisting stops deposits, never releases.
    mapping(address token => bool) public supported;
    /// @notice Tokens held for the remote chain's claims (deposited − released).
    mapping(address token => uint256) public locked;
    /// @notice Total ever deposited / released, per token (for reconciliation with the gateway's credited / redeemed).
    mapping(address token => uint256) public deposited;
    mapping(address token => uint256) public released;
    /// @notice Number of deposits so far (the last Credit's nonce).
    uint256 public depositNonce;

    /// @notice Thrown when depositing a token that is not listed.
    error UnsupportedAsset(address token);
    /// @notice Thrown when the outpost received less than `amount` (fee-on-transfer or rebasing token).
    error TransferAmountMismatch(address token, uint256 expected, uint256 received);
    /// @notice Thrown when a Release asks for more of `token` than is locked (cannot happen while the gateway only
    /// releases what it credited; checked so that a fault there cannot take another token's or a later deposit's).
    error ReleaseExceedsLocked(address token, uint256 amount, uint256 locked);

    /// @notice A token was listed or unlisted.
    event SupportedSet(address indexed token, bool supported);
    /// @notice `amount` of `token` locked; Credit message `messageId` dispatched for vault `vaultId` of `market`.
    event Deposited(
        bytes32 indexed messageId,
        uint256 indexed nonce,
        address indexed from,
        address token,
        uint256 amount,
        address market,
        uint256 vaultId,
        address account
    );
    /// @notice The gateway's Release `nonce` was delivered: `amount` of `token` sent to `recipient`.
    event Released(uint256 indexed nonce, address indexed recipient, address token, uint256 amount);

    constructor(IMailbox mailbox_, uint32 remoteDomain_, IInterchainSecurityModule ism_, address owner_)
        HyperlaneRouter(mailbox_, remoteDomain_, ism_, owner_)
    {}

    /// @notice Lists or unlists `token` for deposits. Owner only. A listed token must answer `decimals()` (every
    /// Credit carries them).
    function setSupported(address token, bool ok) external onlyOwner {
        if (token == address(0)) revert ZeroValue();
        if (ok) IERC20Metadata(token).decimals();
        supported[token] = ok;
        emit SupportedSet(token, ok);
    }

    /// @notice Native fee (msg.value) the Mailbox's hooks take to dispatch a deposit's Credit (paid for
    /// `CrossChainMessage.CREDIT_GAS_LIMIT` of gas on the remote chain). Paying more is fine: the excess is refunded.
    function quoteDeposit(address token, uint256 amount, address market, uint256 vaultId, address account)
        external
        view
        returns (uint256)
    {
        CrossChainMessage.Body memory body = _credit(token, amount, market, vaultId, account, depositNonce + 1);
        return _quote(CrossChainMessage.encode(body), CrossChainMessage.CREDIT_GAS_LIMIT);
    }

    /// @notice Locks `amount` of `token` from the caller and dispatches a Credit of vault `vaultId` of `market` on the
    /// remote chain. If the gateway cannot add it to that vault (market not Keel's, vault missing, supply cap), it
    /// mints the claims to `account` there instead, redeemable back to this chain. Pay the hooks' fee as msg.value
    /// (at least `quoteDeposit`; the hooks refund any excess to the caller).
    /// @return messageId The Hyperlane message id of the Credit.
    function deposit(address token, uint256 amount, address market, uint256 vaultId, address account)
        external
        payable
        nonReentrant
        returns (bytes32 messageId)
    {
        if (amount == 0 || account == address(0) || market == address(0)) revert ZeroValue();
        if (!supported[token]) revert UnsupportedAsset(token);
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received != amount) revert TransferAmountMismatch(token, amount, received);
        locked[token] += amount;
        deposited[token] += amount;
        uint256 nonce = ++depositNonce;
        messageId = _dispatch(
            CrossChainMessage.encode(_credit(token, amount, market, vaultId, account, nonce)),
            CrossChainMessage.CREDIT_GAS_LIMIT
        );
        emit Deposited(messageId, nonce, msg.sender, token, amount, market, vaultId, account);
    }

    /// @dev A Credit carries the token's own decimals, so the gateway can refuse to mint claims of other decimals.
    function _credit(address token, uint256 amount, address market, uint256 vaultId, address account, uint256 nonce)
        private
        view
        returns (CrossChainMessage.Body memory)
    {
        uint8 decimals = IERC20Metadata(token).decimals();
        return
            CrossChainMessage.Body(CrossChainMessage.CREDIT, token, amount, account, market, vaultId, nonce, decimals);
    }

    /// @dev A Release from the gateway: its claims were burned there; send the tokens.
    function _handle(bytes calldata data) internal override nonReentrant {
        CrossChainMessage.Body memory b = CrossChainMessage.decode(data);
        if (b.kind != CrossChainMessage.RELEASE) revert CrossChainMessage.UnknownMessageKind(b.kind);
        uint256 held = locked[b.token];
        if (b.amount > held) revert ReleaseExceedsLocked(b.token, b.amount, held);
        locked[b.token] = held - b.amount;
        released[b.token] += b.amount;
        IERC20(b.token).safeTransfer(b.account, b.amount);
        emit Released(b.nonce, b.account, b.token, b.amount);
    }
}
