// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {StandardHookMetadata} from "@hyperlane-xyz/core/contracts/hooks/libs/StandardHookMetadata.sol";
import {IMessageRecipient} from "@hyperlane-xyz/core/contracts/interfaces/IMessageRecipient.sol";
import {
    IInterchainSecurityModule,
    ISpecifiesInterchainSecurityModule
} from "@hyperlane-xyz/core/contracts/interfaces/IInterchainSecurityModule.sol";

/// @title HyperlaneRouter
/// @notice A Hyperlane application router with exactly one remote peer: it dispatches to the router enrolled for
/// `remoteDomain` through its Mailbox and accepts a message only when the Mailbox delivers it (after the security
/// module verified it, once: the Mailbox records every delivered id) from `remoteDomain` and the enrolled router.
/// @dev The same checks as Hyperlane's `Router` (`@hyperlane-xyz/core/contracts/client/Router.sol`), which cannot be
/// compiled beside Keel's OpenZeppelin 5; Hyperlane's Mailbox, hooks and ISMs are deployed from its npm build. The
/// remote router is enrolled once and the security module is fixed at construction: an owner key can neither
/// re-point the router nor swap the module that decides which messages are genuine.
abstract contract HyperlaneRouter is IMessageRecipient, ISpecifiesInterchainSecurityModule, Ownable2Step {
    /// @notice The local Hyperlane Mailbox.
    IMailbox public immutable mailbox;
    /// @notice The Hyperlane domain of the one remote chain this router talks to.
    uint32 public immutable remoteDomain;
    /// @notice The security module the Mailbox asks about messages for this router (never zero: a zero module would
    /// mean the Mailbox's default, which the Mailbox's owner can change).
    IInterchainSecurityModule public immutable ism;
    /// @notice The enrolled router on `remoteDomain`, as a Hyperlane bytes32 address (zero until enrolled).
    bytes32 public remoteRouter;

    /// @notice Thrown when `handle` is called by anything but the Mailbox.
    error NotMailbox(address caller);
    /// @notice Thrown when a message comes from another domain than `remoteDomain`.
    error ForeignOrigin(uint32 origin);
    /// @notice Thrown when a message comes from another sender than the enrolled router.
    error ForeignSender(bytes32 sender);
    /// @notice Thrown when dispatching before a remote router is enrolled.
    error RouterNotEnrolled();
    /// @notice Thrown when enrolling a second time (the enrolment is permanent).
    error RouterAlreadyEnrolled(bytes32 router);
    /// @notice Thrown for a zero address or amount where one is required.
    error ZeroValue();

    /// @notice The remote router was enrolled.
    event RemoteRouterEnrolled(uint32 indexed domain, bytes32 router);

    constructor(IMailbox mailbox_, uint32 remoteDomain_, IInterchainSecurityModule ism_, address owner_)
        Ownable(owner_)
    {
        if (address(mailbox_) == address(0) || remoteDomain_ == 0 || address(ism_) == address(0)) {
            revert ZeroValue();
        }
        mailbox = mailbox_;
        remoteDomain = remoteDomain_;
        ism = ism_;
    }

    /// @notice Enrolls the remote router (once). Owner only.
    function enrollRemoteRouter(bytes32 router) external onlyOwner {
        if (router == bytes32(0)) revert ZeroValue();
        if (remoteRouter != bytes32(0)) revert RouterAlreadyEnrolled(remoteRouter);
        remoteRouter = router;
        emit RemoteRouterEnrolled(remoteDomain, router);
    }

    /// @inheritdoc ISpecifiesInterchainSecurityModule
    function interchainSecurityModule() external view returns (IInterchainSecurityModule) {
        return ism;
    }

    /// @inheritdoc IMessageRecipient
    function handle(uint32 origin, bytes32 sender, bytes calldata body) external payable {
        if (msg.sender != address(mailbox)) revert NotMailbox(msg.sender);
        if (origin != remoteDomain) revert ForeignOrigin(origin);
        if (sender != remoteRouter || sender == bytes32(0)) revert ForeignSender(sender);
        _handle(body);
    }

    /// @notice What the Mailbox's hooks charge (in native token, sent as msg.value) to dispatch `body` with
    /// `gasLimit` of destination gas: the same metadata `_dispatch` sends.
    function _quote(bytes memory body, uint256 gasLimit) internal view returns (uint256) {
        return mailbox.quoteDispatch(remoteDomain, _router(), body, _hookMetadata(gasLimit, msg.sender));
    }

    /// @dev Dispatches `body` to the enrolled router, paying the hooks with msg.value for `gasLimit` of destination
    /// gas. Whatever msg.value exceeds the fee is sent back to msg.sender with all the gas (a caller may add headroom
    /// to a quote), as far as the Mailbox's hooks refund it: Hyperlane's InterchainGasPaymaster, ProtocolFee and
    /// MerkleTreeHook (the hooks used here) do; a hook that keeps the excess would make headroom a cost. The refund
    /// is an ether transfer from inside the dispatch: every entry point is nonReentrant and has written its state
    /// before dispatching. It needs a payable caller: a contract without `receive` pays the exact quote, read in the
    /// same call (no excess, no transfer), and a generic forwarder (a multicall) keeps the excess it is refunded.
    /// Returns the message id.
    function _dispatch(bytes memory body, uint256 gasLimit) internal returns (bytes32) {
        return mailbox.dispatch{value: msg.value}(remoteDomain, _router(), body, _hookMetadata(gasLimit, msg.sender));
    }

    /// @dev Hyperlane's standard hook metadata: no value forwarded to the destination, `gasLimit` of destination gas
    /// paid for, overpayment refunded to `refundTo` (without it the hooks refund this router, which takes no ether).
    function _hookMetadata(uint256 gasLimit, address refundTo) private pure returns (bytes memory) {
        return StandardHookMetadata.format(0, gasLimit, refundTo);
    }

    function _router() private view returns (bytes32 r) {
        r = remoteRouter;
        if (r == bytes32(0)) revert RouterNotEnrolled();
    }

    /// @dev Acts on a message the Mailbox delivered from the enrolled router.
    function _handle(bytes calldata body) internal virtual;
}
