// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {IInterchainSecurityModule} from "@hyperlane-xyz/core/contracts/interfaces/IInterchainSecurityModule.sol";
import {IKeelMarket} from "../interfaces/IKeelMarket.sol";
import {HyperlaneRouter} from "./HyperlaneRouter.sol";
import {CrossChainMessage} from "./CrossChainMessage.sol";
import {ClaimToken, IClaimGateway} from "./ClaimToken.sol";

/// @title CollateralGateway
/// @notice The Keel side of cross-chain collateral. A Credit from the enrolled CollateralOutpost mints claims
/// (ClaimToken, one per remote token, listed in Keel markets by the risk admin as a collateral of its own) and deposits
/// them into the named vault, so the market's LTV checks and liquidations apply to them unchanged. `withdraw` takes
/// claims out of a vault (the market's LTV check decides), burns them and dispatches a Release; `redeem` does the same
/// for claims a holder already has (a liquidator's seizure). Claims are burned before the Release is dispatched, so
/// the outpost never releases what is still counted here.
contract CollateralGateway is HyperlaneRouter, ReentrancyGuard, IClaimGateway {
    /// @notice The claim token of each remote token (zero: not added).
    mapping(address remoteToken => ClaimToken) public claimOf;
    /// @notice The remote token each claim stands for (zero: not bound yet).
    mapping(address claim => address remoteToken) public remoteTokenOf;
    /// @notice Claim tokens created by this gateway.
    mapping(address claim => bool) public isClaim;
    /// @notice Each market's standing: `Listed` markets take credits and deposits of claims; a `Removed` market takes
    /// no more, but the claims inside it can still leave (withdrawal, seizure).
    mapping(address market => MarketStatus) public marketStatus;
    /// @notice Total ever minted / burned for release, per claim (for reconciliation with the outpost's deposited /
    /// released).
    mapping(address claim => uint256) public credited;
    mapping(address claim => uint256) public redeemed;
    /// @notice Remote tokens whose Credit was refused (their decimals differ from the claim's), per account: not
    /// minted here, returnable to chain B with `returnRefused`.
    mapping(address account => mapping(address remoteToken => uint256)) public refused;
    /// @notice Total ever refused / returned with `returnRefused`, per remote token: with them both chains reconcile,
    /// token by token, `outpost.deposited == credited[claim] + refusedTotal` and
    /// `outpost.released == redeemed[claim] + returnedTotal`.
    mapping(address remoteToken => uint256) public refusedTotal;
    mapping(address remoteToken => uint256) public returnedTotal;
    /// @notice Number of Releases so far (the last one's nonce).
    uint256 public releaseNonce;

    enum MarketStatus {
        None,
        Listed,
        Removed
    }

    /// @notice Thrown when a Credit names a remote token without a claim token (the message fails; it can be
    /// delivered again once the owner adds the claim).
    error UnknownRemoteAsset(address remoteToken);
    /// @notice Thrown when `token` is not one of this gateway's claim tokens.
    error NotAClaim(address token);
    /// @notice Thrown when `market` is not a market the gateway lists.
    error UnknownMarket(address market);
    /// @notice Thrown when binding a claim or a remote token that is bound already.
    error ClaimExists(address remoteToken);
    /// @notice Thrown when `withdraw` is called by someone other than the vault's owner.
    error NotVaultOwner(uint256 vaultId, address caller);
    /// @notice Thrown when returning more refused tokens than the caller has refused.
    error ExceedsRefused(address remoteToken, uint256 amount, uint256 refused);

    /// @notice A claim token was created.
    event ClaimAdded(address indexed claim, string name, string symbol);
    /// @notice `claim` was bound to `remoteToken` on the remote chain.
    event RemoteTokenBound(address indexed claim, address indexed remoteToken);
    /// @notice A market was added.
    event MarketAdded(address indexed market);
    /// @notice A market was removed: no more credits or deposits of claims; claims inside it can still leave.
    event MarketRemoved(address indexed market);
    /// @notice Credit `nonce` refused: the remote token has `decimals`, the claim others; nothing minted, `amount`
    /// returnable by `account` (`returnRefused`).
    event CreditRefused(
        uint256 indexed nonce, address indexed account, address remoteToken, uint256 amount, uint8 decimals
    );
    /// @notice Credit `nonce` delivered: `amount` claims deposited in vault `vaultId` of `market`.
    event Credited(
        uint256 indexed nonce, address indexed market, uint256 indexed vaultId, address claim, uint256 amount
    );
    /// @notice Credit `nonce` delivered, but the vault could not take it: `amount` claims sent to `account` instead.
    event CreditedToAccount(
        uint256 indexed nonce, address indexed account, address claim, uint256 amount, bytes reason
    );
    /// @notice Claims burned (or, with `claim` zero, refused tokens returned) and Release `messageId` dispatched to
    /// send `amount` of the remote token to `recipient`.
    event ReleaseDispatched(
        bytes32 indexed messageId,
        uint256 indexed nonce,
        address indexed from,
        address claim,
        uint256 amount,
        address recipient
    );

    constructor(IMailbox mailbox_, uint32 remoteDomain_, IInterchainSecurityModule ism_, address owner_)
        HyperlaneRouter(mailbox_, remoteDomain_, ism_, owner_)
    {}

    /// @notice Creates a claim token (`decimals` those of the remote token it will stand for). Owner only. The risk
    /// admin then gives it a feed and lists it in markets like any collateral; `bindRemoteToken` names its token.
    function addClaim(string calldata name, string calldata symbol, uint8 decimals)
        external
        onlyOwner
        returns (ClaimToken claim)
    {
        claim = new ClaimToken(name, symbol, decimals, remoteDomain);
        isClaim[address(claim)] = true;
        emit ClaimAdded(address(claim), name, symbol);
    }

    /// @notice Binds `claim` to `remoteToken` on `remoteDomain`, once (the token the outpost locks for it). Owner only.
    /// Credits of `remoteToken` fail (and can be delivered again) until it is bound.
    function bindRemoteToken(address claim, address remoteToken) external onlyOwner {
        if (!isClaim[claim]) revert NotAClaim(claim);
        if (remoteToken == address(0)) revert ZeroValue();
        if (remoteTokenOf[claim] != address(0) || address(claimOf[remoteToken]) != address(0)) {
            revert ClaimExists(remoteToken);
        }
        claimOf[remoteToken] = ClaimToken(claim);
        remoteTokenOf[claim] = remoteToken;
        emit RemoteTokenBound(claim, remoteToken);
    }

    /// @notice Lets claims be deposited in `market` and move through it. Owner only.
    function addMarket(address market) external onlyOwner {
        if (market == address(0)) revert ZeroValue();
        marketStatus[market] = MarketStatus.Listed;
        emit MarketAdded(market);
    }

    /// @notice Stops credits and deposits of claims into `market`; claims inside it can still leave (withdrawal,
    /// seizure) and be redeemed. Owner only.
    function removeMarket(address market) external onlyOwner {
        if (marketStatus[market] != MarketStatus.Listed) revert UnknownMarket(market);
        marketStatus[market] = MarketStatus.Removed;
        emit MarketRemoved(market);
    }

    /// @inheritdoc IClaimGateway
    function isMarket(address market) public view returns (bool) {
        return marketStatus[market] == MarketStatus.Listed;
    }

    /// @inheritdoc IClaimGateway
    function wasMarket(address market) public view returns (bool) {
        return marketStatus[market] != MarketStatus.None;
    }

    /// @notice Native fee (msg.value) the Mailbox's hooks take to dispatch a Release (paid for
    /// `CrossChainMessage.RELEASE_GAS_LIMIT` of gas on the remote chain). Paying more is fine: the excess is refunded.
    function quoteRelease(address claim, uint256 amount, address recipient) external view returns (uint256) {
        CrossChainMessage.Body memory body = _release(_remoteTokenOf(claim), amount, recipient, releaseNonce + 1);
        return _quote(CrossChainMessage.encode(body), CrossChainMessage.RELEASE_GAS_LIMIT);
    }

    /// @notice Takes `amount` claims out of vault `vaultId` of `market` (caller must own it and have made this gateway
    /// its operator in the market: `setOperator(gateway, true)`), burns them and dispatches their Release to
    /// `recipient` on the remote chain. The market refuses if the vault would leave its LTV. Pay the hooks' fee as
    /// msg.value (at least `quoteRelease`; the hooks refund any excess to the caller). Works for removed markets too.
    /// @return messageId The Hyperlane message id of the Release.
    function withdraw(address market, uint256 vaultId, address claim, uint256 amount, address recipient)
        external
        payable
        nonReentrant
        returns (bytes32 messageId)
    {
        if (!wasMarket(market)) revert UnknownMarket(market);
        if (IKeelMarket(market).vaultOwner(vaultId) != msg.sender) revert NotVaultOwner(vaultId, msg.sender);
        address remoteToken = _remoteTokenOf(claim);
        IKeelMarket(market).withdrawCollateral(vaultId, claim, amount, address(this));
        messageId = _burnAndRelease(address(this), claim, remoteToken, amount, recipient);
    }

    /// @notice Burns `amount` of the caller's claims and dispatches their Release to `recipient` on the remote chain.
    /// @return messageId The Hyperlane message id of the Release.
    function redeem(address claim, uint256 amount, address recipient)
        external
        payable
        nonReentrant
        returns (bytes32 messageId)
    {
        messageId = _burnAndRelease(msg.sender, claim, _remoteTokenOf(claim), amount, recipient);
    }

    /// @notice Sends `amount` of the caller's refused `remoteToken` (a Credit whose decimals differed from the
    /// claim's) back to `recipient` on the remote chain. Pay the hooks' fee as msg.value (`quoteRelease` of any claim).
    /// @return messageId The Hyperlane message id of the Release.
    function returnRefused(address remoteToken, uint256 amount, address recipient)
        external
        payable
        nonReentrant
        returns (bytes32 messageId)
    {
        if (amount == 0 || recipient == address(0)) revert ZeroValue();
        uint256 held = refused[msg.sender][remoteToken];
        if (amount > held) revert ExceedsRefused(remoteToken, amount, held);
        refused[msg.sender][remoteToken] = held - amount;
        returnedTotal[remoteToken] += amount;
        messageId = _sendRelease(address(0), remoteToken, amount, recipient);
    }

    function _burnAndRelease(address holder, address claim, address remoteToken, uint256 amount, address recipient)
        private
        returns (bytes32 messageId)
    {
        if (amount == 0 || recipient == address(0)) revert ZeroValue();
        ClaimToken(claim).burn(holder, amount);
        redeemed[claim] += amount;
        messageId = _sendRelease(claim, remoteToken, amount, recipient);
    }

    function _sendRelease(address claim, address remoteToken, uint256 amount, address recipient)
        private
        returns (bytes32 messageId)
    {
        uint256 nonce = ++releaseNonce;
        messageId = _dispatch(
            CrossChainMessage.encode(_release(remoteToken, amount, recipient, nonce)),
            CrossChainMessage.RELEASE_GAS_LIMIT
        );
        emit ReleaseDispatched(messageId, nonce, msg.sender, claim, amount, recipient);
    }

    function _release(address remoteToken, uint256 amount, address recipient, uint256 nonce)
        private
        pure
        returns (CrossChainMessage.Body memory)
    {
        return
            CrossChainMessage.Body(CrossChainMessage.RELEASE, remoteToken, amount, recipient, address(0), 0, nonce, 0);
    }

    function _remoteTokenOf(address claim) private view returns (address remoteToken) {
        remoteToken = remoteTokenOf[claim];
        if (remoteToken == address(0)) revert NotAClaim(claim);
    }

    /// @dev A Credit from the outpost: mint the claims and put them in the vault, or in the account's hands if the
    /// vault cannot take them (a message must never be stuck: its tokens are locked on the other chain).
    function _handle(bytes calldata data) internal override nonReentrant {
        CrossChainMessage.Body memory b = CrossChainMessage.decode(data);
        if (b.kind != CrossChainMessage.CREDIT) revert CrossChainMessage.UnknownMessageKind(b.kind);
        ClaimToken claim = claimOf[b.token];
        if (address(claim) == address(0)) revert UnknownRemoteAsset(b.token);
        if (b.decimals != claim.decimals()) {
            // Minting would misprice the collateral by 10^(difference): hold the amount for return instead.
            refused[b.account][b.token] += b.amount;
            refusedTotal[b.token] += b.amount;
            emit CreditRefused(b.nonce, b.account, b.token, b.amount, b.decimals);
            return;
        }
        credited[address(claim)] += b.amount;
        claim.mint(address(this), b.amount);
        bytes memory reason;
        if (isMarket(b.market)) {
            claim.approve(b.market, b.amount);
            try IKeelMarket(b.market).depositCollateral(b.vaultId, address(claim), b.amount) {
                emit Credited(b.nonce, b.market, b.vaultId, address(claim), b.amount);
                return;
            } catch (bytes memory err) {
                claim.approve(b.market, 0);
                reason = err;
            }
        } else {
            reason = abi.encodeWithSelector(UnknownMarket.selector, b.market);
        }
        claim.transfer(b.account, b.amount);
        emit CreditedToAccount(b.nonce, b.account, address(claim), b.amount, reason);
    }
}
