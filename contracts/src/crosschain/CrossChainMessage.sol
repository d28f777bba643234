// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title CrossChainMessage
/// @notice The one encoding of the messages a CollateralOutpost and its CollateralGateway send each other through
/// Hyperlane. A Credit goes outpost → gateway (tokens locked on the outpost's chain); a Release goes gateway → outpost
/// (claims burned on the gateway's chain).
library CrossChainMessage {
    /// @notice Kind of a message from the outpost: `amount` of `token` locked, credit vault `vaultId` of `market`.
    uint8 internal constant CREDIT = 1;
    /// @notice Kind of a message from the gateway: claims on `amount` of `token` burned, release them to `account`.
    uint8 internal constant RELEASE = 2;

    /// @notice Destination gas a Credit's `handle` is paid for (the hook metadata's gas limit; the interchain gas
    /// paymaster charges for it and Hyperlane's relayers give `handle` this much). Measured worst case 181,409 (the
    /// claim's first deposit into a vault with collateral and debt, every slot cold: `test_creditHandleFitsItsGasLimit`),
    /// plus half.
    uint256 internal constant CREDIT_GAS_LIMIT = 275_000;
    /// @notice Destination gas a Release's `handle` is paid for. Measured worst case 69,513 (every slot cold:
    /// `test_releaseHandleFitsItsGasLimit`), plus half.
    uint256 internal constant RELEASE_GAS_LIMIT = 105_000;

    /// @notice A decoded message. `token` is always the token on the outpost's chain; `nonce` numbers the sender's
    /// messages of this kind from 1 (the Mailbox's message id identifies a message too; the nonce lets events on both
    /// chains name it without hashing). `decimals`: a Credit's token's own decimals, read by the outpost (the gateway
    /// refuses to mint claims of other decimals); zero in a Release.
    struct Body {
        uint8 kind;
        address token;
        uint256 amount;
        address account;
        address market;
        uint256 vaultId;
        uint256 nonce;
        uint8 decimals;
    }

    /// @notice Thrown when a message body has an unknown kind.
    error UnknownMessageKind(uint8 kind);

    function encode(Body memory b) internal pure returns (bytes memory) {
        return abi.encode(b.kind, b.token, b.amount, b.account, b.market, b.vaultId, b.nonce, b.decimals);
    }

    function decode(bytes calldata data) internal pure returns (Body memory b) {
        (b.kind, b.token, b.amount, b.account, b.market, b.vaultId, b.nonce, b.decimals) =
            abi.decode(data, (uint8, address, uint256, address, address, uint256, uint256, uint8));
    }
}
