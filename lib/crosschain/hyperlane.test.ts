import { encodePacked, keccak256, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { addressToBytes32, bytes32ToAddress, checkpointDigest, parseMessage } from "./hyperlane";

const sender = "0x1111111111111111111111111111111111111111";
const recipient = "0x2222222222222222222222222222222222222222";

describe("Hyperlane wire formats", () => {
  it("reads a version-3 Mailbox message and its id", () => {
    const body: Hex = "0xdeadbeef";
    const message = encodePacked(
      ["uint8", "uint32", "uint32", "bytes32", "uint32", "bytes32", "bytes"],
      [3, 7, 31338, addressToBytes32(sender), 31337, addressToBytes32(recipient), body],
    );
    const m = parseMessage(message);
    expect(m).toEqual({
      id: keccak256(message),
      version: 3,
      nonce: 7,
      origin: 31338,
      sender: addressToBytes32(sender),
      destination: 31337,
      recipient: addressToBytes32(recipient),
      body,
    });
    expect(bytes32ToAddress(m.recipient)).toBe(recipient);
  });

  it("refuses a message shorter than its header", () => {
    expect(() => parseMessage("0x03")).toThrow(/at least 77 bytes/);
  });

  it("hashes the checkpoint with the origin's domain hash", () => {
    const root = `0x${"00".repeat(31)}01` as Hex;
    const id = `0x${"00".repeat(31)}02` as Hex;
    const domainHash = keccak256(encodePacked(["uint32", "bytes32", "string"], [31338, addressToBytes32(sender), "HYPERLANE"]));
    expect(checkpointDigest({ origin: 31338, merkleTreeHook: sender, root, index: 5, messageId: id })).toBe(
      keccak256(encodePacked(["bytes32", "bytes32", "uint32", "bytes32"], [domainHash, root, 5, id])),
    );
  });
});
