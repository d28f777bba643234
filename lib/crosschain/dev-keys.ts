import { keccak256, stringToHex, type Hex } from "viem";

/**
 * The local validator's key (a fixed dev key, never for real funds): it signs checkpoints of each local chain's
 * MerkleTreeHook, and each local chain's multisig ISM accepts a message with its signature (1 of 1).
 */
export const LOCAL_VALIDATOR_KEY: Hex = keccak256(stringToHex("keel local hyperlane validator"));

/** The local relayer's key (a fixed dev key): it pays for `Mailbox.process` on both chains; funded at deploy. */
export const LOCAL_RELAYER_KEY: Hex = keccak256(stringToHex("keel local hyperlane relayer"));
