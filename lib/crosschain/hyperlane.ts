/**
 * Hyperlane's wire formats, as Keel's validator and the app need them (pure functions, no network): the Mailbox's
 * message layout (version 3) and the checkpoint a validator signs. The contracts that define them: Message.sol and
 * CheckpointLib.sol in `@hyperlane-xyz/core`. Proven against the real contracts by agents/relayer.chain.test.ts (the
 * ISM accepts what Hyperlane's relayer builds from these signatures). The ISM's metadata is built by Hyperlane's SDK.
 */
import { encodePacked, keccak256, parseAbi, size, slice, hexToNumber, type Address, type Hex } from "viem";

/** The events and calls of Hyperlane core Keel reads (a few lines of ABI: the npm package stays out of bundles). */
export const mailboxAbi = parseAbi([
  "event Dispatch(address indexed sender, uint32 indexed destination, bytes32 indexed recipient, bytes message)",
  "event ProcessId(bytes32 indexed messageId)",
  "function process(bytes metadata, bytes message) payable",
  "function delivered(bytes32 messageId) view returns (bool)",
  "function localDomain() view returns (uint32)",
]);
export const merkleTreeHookAbi = parseAbi([
  "event InsertedIntoTree(bytes32 messageId, uint32 index)",
  "function root() view returns (bytes32)",
  "function count() view returns (uint32)",
]);

export interface HyperlaneMessage {
  /** keccak256 of the whole message: the id the Mailbox records as delivered. */
  id: Hex;
  version: number;
  nonce: number;
  origin: number;
  sender: Hex;
  destination: number;
  recipient: Hex;
  body: Hex;
}

/** Reads a Mailbox message: version (1 byte), nonce, origin (4), sender (32), destination (4), recipient (32), body. */
export function parseMessage(message: Hex): HyperlaneMessage {
  if (size(message) < 77) throw new Error(`a Hyperlane message has at least 77 bytes, this one ${size(message)}`);
  return {
    id: keccak256(message),
    version: hexToNumber(slice(message, 0, 1)),
    nonce: hexToNumber(slice(message, 1, 5)),
    origin: hexToNumber(slice(message, 5, 9)),
    sender: slice(message, 9, 41),
    destination: hexToNumber(slice(message, 41, 45)),
    recipient: slice(message, 45, 77),
    body: size(message) > 77 ? slice(message, 77) : "0x",
  };
}

/** The address inside a Hyperlane bytes32 address. */
export const bytes32ToAddress = (x: Hex): Address => `0x${x.slice(-40)}` as Address;
export const addressToBytes32 = (x: Address): Hex => `0x${x.slice(2).toLowerCase().padStart(64, "0")}` as Hex;

/**
 * What a validator signs (EIP-191 personal message over these 32 bytes): the checkpoint `index` and `root` of the
 * origin's merkle tree hook, with the message id — CheckpointLib.digest before its Ethereum-signed-message prefix.
 */
export function checkpointDigest(c: { origin: number; merkleTreeHook: Address; root: Hex; index: number; messageId: Hex }): Hex {
  const domainHash = keccak256(encodePacked(["uint32", "bytes32", "string"], [c.origin, addressToBytes32(c.merkleTreeHook), "HYPERLANE"]));
  return keccak256(encodePacked(["bytes32", "bytes32", "uint32", "bytes32"], [domainHash, c.root, c.index, c.messageId]));
}
