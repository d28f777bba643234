import { keccak256, stringToHex, type Hex } from "viem";

/**
 * The local validator's key (a fixed dev key, never for real funds): it signs checkpoints of each local chain's
 * MerkleTreeHook, and each local chain's multisig ISM accepts a message with its signature (1 of 1).
 */
export const LOCAL_VALIDATOR_KEY: Hex = keccak256(stringToHex("keel local hyperlane validator"));

/** The local relayer's key (a fixed dev key): it pays for `Mailbox.process` on both chains; funded at deploy. */
export const LOCAL_RELAYER_KEY: Hex = keccak256(stringToHex("keel local hyperlane relayer"));

/** The bucket name of the local validator's checkpoint storage (served on loopback by agents/hyperlane-validator.ts). */
export const LOCAL_VALIDATOR_BUCKET = "keel-local-validator";

/**
 * Where the local validator announces its checkpoints of `domain` (ValidatorAnnounce), in the form Hyperlane's relayer
 * reads: `s3://bucket/region/folder`. Locally the relayer's S3 client is pointed at the validator's loopback server
 * (AWS_ENDPOINT_URL_S3); on a real network this is a public bucket the validator writes to.
 */
export const localValidatorStorage = (domain: number) => `s3://${LOCAL_VALIDATOR_BUCKET}/us-east-1/${domain}`;
